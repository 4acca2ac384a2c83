/* edl_parser.h — parses one EDL text into an edl_enclave_t following Intel's grammar
 * (sdk/edger8r/linux/Parser.mly): imports are recorded, not resolved; attribute lists are
 * read into edl_attrs_t with Intel's parse-time errors (unknown or duplicated attribute,
 * `sizefunc', empty list, calling-convention conflicts, flexible/zero-length arrays, array
 * return types). The combination rules are checked later by edl_check. Stops at the first
 * error. Also declares the tree helpers the frontend shares. Used by the frontend only. */
#ifndef VSGX_EDGER8R_EDL_PARSER_H
#define VSGX_EDGER8R_EDL_PARSER_H

#include <stdbool.h>
#include <stddef.h>

#include "edl_ast.h"

/* Limits on what one file may hold (an error beyond them): C's own minimums are 127
 * parameters and 1023 members; real EDLs hold at most a few hundred functions. */
#define EDL_MAX_ITEMS 16384         /* functions, types, includes, enumerators (per file and merged) */
#define EDL_MAX_PARAMS 256
#define EDL_MAX_MEMBERS 1024
#define EDL_MAX_ATTRS 64            /* attributes in one [...] list */
#define EDL_MAX_NAMES 4096          /* names in one import or allow list; imports per file */

/* Parses `text`. `file` names the input in positions (interned); with
 * `markers`, preprocessor line markers are honoured and a marker naming `cpp_name` means the
 * input itself. With `check_decls`, each function and struct/union is checked (edl_check) as
 * soon as it is read, so the first error reported is the first in the file, as with Intel's.
 * Returns NULL with *diag filled on error. */
edl_enclave_t *edl_parse_buffer(const char *text, size_t len, const char *file, bool markers,
                                const char *cpp_name, bool check_decls, edl_diag_t *diag);

/* The enclave name Intel derives from a path: its basename without the extension. */
char *edl_short_name(const char *path);

/* Tree helpers (edl_ast.c). */
void edl_param_free(edl_param_t *p);
void edl_func_free(edl_func_t *f);
void edl_typedef_free(edl_typedef_t *t);
/* Makes room for element n of *arrp (an array grown only through this function). */
bool edl_grow(void *arrp, size_t n, size_t elem);
/* A copy of `name` that lives as long as the process (positions and diagnostics point to it);
 * NULL when out of memory, for a name over 4096 bytes or after 1024 distinct names. */
const char *edl_intern(const char *name, size_t len);

#endif
