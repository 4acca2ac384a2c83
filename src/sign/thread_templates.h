/* thread_templates.h — what the loader copies into each thread's pages and what the trusted
 * runtime reads at its first entry: the 72-byte TCS template (entry point, SSA and thread-data
 * offsets, relative to the TCS) and g_global_data (sizes, the layout table, the thread-data
 * template), both computed from the layout. Host code; used by the metadata writer. */
#ifndef VSGX_SIGN_THREAD_TEMPLATES_H
#define VSGX_SIGN_THREAD_TEMPLATES_H

#include <stdbool.h>
#include <stdint.h>

#include "enclave_config.h"
#include "layout.h"
#include "vsgx/global_data.h"

/* TCS fields (Intel's tcs_t). */
#define VSGX_TCS_FLAGS 8
#define VSGX_TCS_OSSA 16
#define VSGX_TCS_CSSA 24
#define VSGX_TCS_NSSA 28
#define VSGX_TCS_OENTRY 32
#define VSGX_TCS_OFSBASE 48
#define VSGX_TCS_OGSBASE 56
#define VSGX_TCS_FSLIMIT 64
#define VSGX_TCS_GSLIMIT 68
#define VSGX_TCS_FLAG_AEXNOTIFY 0x2

#define VSGX_SSA_GPR_SIZE 184

/* The TCS template of the layout's first thread; oentry is the entry point's rva. */
void vsgx_tcs_template(const vsgx_enclave_layout_t *l, uint64_t entry_rva, bool aex_notify,
                       uint8_t out[VSGX_TCS_TEMPLATE_SIZE]);

/* g_global_data for the layout. tls_memsz and tls_size are the PT_TLS memory size and that size
 * rounded up to its alignment (the static TLS block below the thread data). Fails only when the
 * layout has more entries than g_global_data can hold. */
bool vsgx_global_data_build(const vsgx_enclave_layout_t *l, const vsgx_enclave_config_t *c,
                            const uint8_t tcs[VSGX_TCS_TEMPLATE_SIZE], uint64_t tls_size,
                            uint32_t xsave_size, vsgx_global_data_t *gd);

#endif
