/* tseal_internal.h — what the sealing files share (seal.c, unseal.c, seal_size.c): the default
 * request masks, the checks on a blob's lengths, and the common path that seals or MACs. */
#ifndef VSGX_TSEAL_INTERNAL_H
#define VSGX_TSEAL_INTERNAL_H

#include "sgx_tseal.h"

#define TSEAL_DEFAULT_FLAGSMASK 0xFF0000000000000BULL
#define TSEAL_DEFAULT_MISCMASK 0xF0000000u
#define TSEAL_KSS_POLICY (SGX_KEYPOLICY_CONFIGID | SGX_KEYPOLICY_ISVFAMILYID | SGX_KEYPOLICY_ISVEXTPRODID)

/* Seals txt (may be empty for a MAC-only blob) and authenticates aad into the blob. */
sgx_status_t vsgx_tseal_seal(uint16_t key_policy, sgx_attributes_t attribute_mask, sgx_misc_select_t misc_mask,
                             uint32_t aad_len, const uint8_t *aad, uint32_t txt_len, const uint8_t *txt,
                             uint32_t sealed_size, sgx_sealed_data_t *blob, int allow_empty_text);
/* Opens a blob into txt/aad (either may be absent when its length is 0). */
sgx_status_t vsgx_tseal_unseal(const sgx_sealed_data_t *blob, uint8_t *aad, uint32_t *aad_len, uint8_t *txt,
                               uint32_t *txt_len, int allow_empty_text);
/* The default policy: MRSIGNER, with the KSS bits when the enclave has KSS. */
uint16_t vsgx_tseal_default_policy(void);

#endif
