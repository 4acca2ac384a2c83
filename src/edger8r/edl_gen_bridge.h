/* edl_gen_bridge.h — emitters for the trusted side's per-function code: the ECALL bridge
 * (edl_gen_bridge.c, with edl_gen_deepcopy.c) and the OCALL proxy
 * (edl_gen_ocall.c). Internal to the generators. */
#ifndef VSGX_EDGER8R_EDL_GEN_BRIDGE_H
#define VSGX_EDGER8R_EDL_GEN_BRIDGE_H

#include "edl_gen_util.h"

void edl_gen_bridge(edl_buf_t *b, const edl_enclave_t *e, const edl_func_t *f);
void edl_gen_ocall_proxy(edl_buf_t *b, const edl_enclave_t *e, const edl_func_t *f, size_t index);

/* Deep copy of a struct pointer parameter (edl_gen_deepcopy.c), used by edl_gen_bridge. */
void edl_gen_deep_decls(edl_buf_t *b, const edl_param_t *p);
void edl_gen_deep_in(edl_buf_t *b, const edl_typedef_t *t, const edl_param_t *p);
void edl_gen_deep_out(edl_buf_t *b, const edl_typedef_t *t, const edl_param_t *p);
void edl_gen_deep_free(edl_buf_t *b, const edl_typedef_t *t, const edl_param_t *p);
/* ... and in an OCALL proxy (edl_gen_ocall.c). */
void edl_gen_deep_ocall_size(edl_buf_t *b, const edl_typedef_t *t, const edl_param_t *p);
void edl_gen_deep_ocall_marshal(edl_buf_t *b, const edl_typedef_t *t, const edl_param_t *p);
void edl_gen_deep_ocall_back(edl_buf_t *b, const edl_typedef_t *t, const edl_param_t *p);

#endif
