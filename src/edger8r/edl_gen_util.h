/* edl_gen_util.h — what every generator needs: C spellings of EDL types and declarations, the
 * marshalling structs, the classification of parameters (by value, user_check, checked buffer)
 * and the expressions for a buffer's length. Internal to the generators. */
#ifndef VSGX_EDGER8R_EDL_GEN_UTIL_H
#define VSGX_EDGER8R_EDL_GEN_UTIL_H

#include <stdbool.h>

#include "edl_ast.h"
#include "edl_gen_buf.h"

/* "const char*", "struct S*", "unsigned int" */
void edl_gen_type(edl_buf_t *b, const edl_type_t *t);
/* "const char* s", "int a[4][5]" */
void edl_gen_decl(edl_buf_t *b, const edl_param_t *p);
/* The type of the marshalling field: arrays and isary types become a pointer. */
void edl_gen_ms_type(edl_buf_t *b, const edl_param_t *p);
/* The parameter list "(T a, U b)" or "(void)", with an optional leading text ("RET* retval"). */
void edl_gen_params(edl_buf_t *b, const edl_func_t *f, const char *lead);

bool edl_ret_void(const edl_func_t *f);
bool edl_has_ms(const edl_func_t *f);
bool edl_is_pointerish(const edl_param_t *p);
bool edl_is_buffer(const edl_param_t *p);        /* [in] and/or [out], checked and copied */
bool edl_is_user_check(const edl_param_t *p);
bool edl_is_string(const edl_param_t *p);        /* string or wstring */
/* A parameter passed as void* to hide array-ness from the C type system. */
bool edl_needs_void_cast(const edl_param_t *p);
/* sizeof(*p) is meaningful: not void*, not an array, isptr or isary type. */
bool edl_pointee_sized(const edl_param_t *p);
/* The struct a [in] struct pointer points to if it has [size]/[count] members (deep copy). */
const edl_typedef_t *edl_deep_struct(const edl_enclave_t *e, const edl_param_t *p);

/* Code that sets `size_t _len_<p>` for a non-string buffer, returning `fail` (a statement) on
 * overflow. `ref` prefixes parameter names used as size/count ("_tmp_" or ""). */
void edl_gen_len(edl_buf_t *b, const edl_param_t *p, const char *ref, const char *fail);

/* typedef struct ms_<f>_t {...} ms_<f>_t; for every function that has one. */
void edl_gen_ms_structs(edl_buf_t *b, const edl_enclave_t *e);
/* The user types as C typedefs. */
void edl_gen_user_types(edl_buf_t *b, const edl_enclave_t *e);
/* The opening comment and the includes given in the EDL. */
void edl_gen_banner(edl_buf_t *b, const char *what);
/* The enclave name as a C identifier for the symbols made from it (ocall_table_<name>, the
 * untrusted bridges, --use-prefix proxies): every character other than a letter, digit or '_'
 * becomes '_', as Intel's generator does; the file names keep the name as it is. Malloc'd. */
char *edl_gen_c_name(const char *name);
void edl_gen_includes(edl_buf_t *b, const edl_include_t *inc, size_t n);

#endif
