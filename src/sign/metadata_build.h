/* metadata_build.h — writing Intel's enclave metadata into the `.note.sgxmeta` descriptor: the
 * EDMM form (3.3, or 13.3 with ELRANGE) and/or the SGX1 form (1.5, or 11.5 with ELRANGE), chained
 * one after the other, each with its header, the SIGSTRUCT, and the data directories: PATCH
 * (g_global_data and the section-header fields of the ELF header), LAYOUT, ELRANGE and EXTEND.
 * The data area holds, in order: the ELRANGE entry, the TCS template, the g_global_data template,
 * a zero buffer for the header patches, the patch table and the layout table. Host code. */
#ifndef VSGX_SIGN_METADATA_BUILD_H
#define VSGX_SIGN_METADATA_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "enclave_config.h"
#include "layout.h"
#include "sigstruct.h"
#include "vsgx/global_data.h"

typedef struct {
    const vsgx_enclave_config_t *config;
    const vsgx_enclave_layout_t *layout;
    const vsgx_sigstruct_t *css;           /* as it is to be stored */
    const uint8_t *tcs_template;           /* VSGX_TCS_TEMPLATE_SIZE bytes */
    const vsgx_global_data_t *global_data;
    uint64_t global_data_file_offset;      /* where g_global_data lies in the file */
    uint32_t xsave_size;
    bool sgx2, sgx1;                       /* which forms to write (at least one) */
} vsgx_metadata_spec_t;

/* Which forms a configuration gets, as Intel's signer decides: SGX1 only unless a dynamic
 * feature is used and MiscSelect[0] (EXINFO) is set; then SGX2 only if MiscMask[0] is set, else
 * both. */
void vsgx_metadata_forms(const vsgx_enclave_config_t *c, bool *sgx2, bool *sgx1);

/* Writes the chain into out[0, cap) (the rest zeroed). Fails with a reason in msg when it does
 * not fit. */
bool vsgx_metadata_write(const vsgx_metadata_spec_t *spec, uint8_t *out, size_t cap, char *msg,
                         size_t msg_len);

#endif
