/* edl_frontend.h — the EDL compiler's frontend in one call: read, preprocess, parse, resolve
 * imports and check an EDL file the way Intel's sgx_edger8r does. The code generators and the
 * sgx_edger8r command line call it.
 *
 * Where we differ from Intel's edger8r, on purpose:
 *   - every diagnostic has a file:line:column (Intel's parse-time attribute errors have none);
 *     the preprocessor runs without -P so that line numbers survive (edl_lexer.h);
 *   - a syntax error at the end of the input reads "unexpected end of file" (Intel: an empty
 *     "unexpected token: "); a string may not span lines; a number above 2^62-1 is an error
 *     (Intel's int_of_string fails); hostile sizes are bounded (edl_parser.h limits);
 *   - an existing path is loaded as it is before the search paths are tried;
 *   - a file imported twice (a diamond) is merged once instead of failing, and functions named
 *     in one import may come from different files it imports (edl_imports.h);
 *   - whole-enclave checks report every error, not only the first. */
#ifndef VSGX_EDGER8R_EDL_FRONTEND_H
#define VSGX_EDGER8R_EDL_FRONTEND_H

#include <stdbool.h>
#include <stddef.h>

#include "edl_ast.h"

/* search_paths: the search order, first searched first; each entry may be a ':'-separated list
 * (kept in order); "." is searched last, as in Intel's list. Intel's command line prepends each
 * --search-path occurrence, so the last occurrence comes first (edl_search_order in
 * edl_imports.h builds this order from the occurrences). */
typedef struct {
    const char *const *search_paths;
    size_t nsearch_paths;
    bool preprocess;
    bool header_only;
} edl_load_options_t;

/* Reads, preprocesses, parses, resolves imports and checks the EDL file at `path` (found via the
 * search paths like an import if it is not an existing path). Returns the merged enclave, or
 * NULL. Every error and warning is appended to *diags (caller frees with free()); *ndiags
 * counts them. */
edl_enclave_t *edl_load(const char *path, const edl_load_options_t *opt, edl_diag_t **diags, size_t *ndiags);

/* Parses one EDL text without preprocessing, imports or checks (for the fuzzer and tests). */
edl_enclave_t *edl_parse_text(const char *text, size_t len, const char *filename, edl_diag_t *diag);

#endif
