/* edl_frontend.h — the EDL compiler's frontend in one call: read, preprocess, parse, resolve
 * imports and check an EDL file the way Intel's sgx_edger8r does. The code generators and the
 * sgx_edger8r command line call it. */
#ifndef VSGX_EDGER8R_EDL_FRONTEND_H
#define VSGX_EDGER8R_EDL_FRONTEND_H

#include <stdbool.h>
#include <stddef.h>

#include "edl_ast.h"

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
