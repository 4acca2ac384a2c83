/* edl_check.h — Intel's EDL rules beyond the grammar, with Intel's message texts: the pointer
 * attribute rules for parameters and structure members (checked per file, as Intel's parser
 * does), and the whole-enclave rules after imports are merged (duplicate functions, unknown
 * allowed ECALLs, structures and deep copy, the public root ECALL, unused private ECALLs).
 * Diagnostics carry the position of the offending parameter, attribute list or function.
 * Used by edl_load and the fuzzer. */
#ifndef VSGX_EDGER8R_EDL_CHECK_H
#define VSGX_EDGER8R_EDL_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "edl_ast.h"

/* Appends one diagnostic (printf-style message); false when out of memory. */
bool edl_diag_add(edl_diag_t **diags, size_t *ndiags, bool error, edl_pos_t pos, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Per-declaration rules of one parsed file (no imports needed). Returns the errors added. */
size_t edl_check_decls(const edl_enclave_t *e, edl_diag_t **diags, size_t *ndiags);

/* The same rules on one function, or one struct/union, as Intel's parser applies them when it
 * has read it: false with *first set to the first error (edl_parse_buffer with checks). */
bool edl_check_func_decl(const edl_func_t *f, edl_diag_t *first);
bool edl_check_type_decl(const edl_typedef_t *t, edl_diag_t *first);

/* Whole-enclave rules on the merged enclave; `root` names the root file for positions.
 * Returns the errors added (warnings are added too but not counted). */
size_t edl_check_enclave(const edl_enclave_t *e, const char *root, bool header_only, edl_diag_t **diags,
                         size_t *ndiags);

#endif
