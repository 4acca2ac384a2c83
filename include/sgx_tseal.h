/* sgx_tseal.h — sealing: data encrypted (AES-128-GCM) under a SEAL key from EGETKEY, so that only
 * the same enclave (MRENCLAVE policy) or enclaves of the same signer (MRSIGNER policy), at the
 * same or a later SVN, on the same platform, can open it; and MAC-only blobs for data that need
 * only integrity. Intel's blob layout: the key request (512 bytes), the text's offset, then the
 * payload (ciphertext, then the additional MAC text) and its tag, 560 bytes plus the payload.
 * Enclave code. */
#ifndef _SGX_TSEAL_H_
#define _SGX_TSEAL_H_

#include <stdint.h>

#include "sgx_attributes.h"
#include "sgx_defs.h"
#include "sgx_error.h"
#include "sgx_key.h"
#include "sgx_tcrypto.h"

#define SGX_SEAL_TAG_SIZE SGX_AESGCM_MAC_SIZE
#define SGX_SEAL_IV_SIZE 12

typedef struct _aes_gcm_data_t {
    uint32_t payload_size;        /* encrypted text + MAC text */
    uint8_t reserved[12];
    uint8_t payload_tag[SGX_SEAL_TAG_SIZE];
    uint8_t payload[];            /* the encrypted text, then the MAC text in clear */
} sgx_aes_gcm_data_t;

typedef struct _sealed_data_t {
    sgx_key_request_t key_request; /* how to get the key back: policy, SVNs, masks, KEYID */
    uint32_t plain_text_offset;    /* the encrypted text's length: where the MAC text starts */
    uint8_t reserved[12];
    sgx_aes_gcm_data_t aes_data;
} sgx_sealed_data_t;

#ifdef __cplusplus
extern "C" {
#endif

/* The blob's size for these lengths, or UINT32_MAX when it would overflow. */
uint32_t SGXAPI sgx_calc_sealed_data_size(const uint32_t add_mac_txt_size, const uint32_t txt_encrypt_size);
/* The lengths a blob says it holds, or UINT32_MAX for NULL or inconsistent fields. */
uint32_t SGXAPI sgx_get_add_mac_txt_len(const sgx_sealed_data_t *p_sealed_data);
uint32_t SGXAPI sgx_get_encrypt_txt_len(const sgx_sealed_data_t *p_sealed_data);

/* Seals with the default request: MRSIGNER policy (and the KSS bits when the enclave has KSS),
 * attribute mask 0xFF0000000000000B, MISC mask 0xF0000000. */
sgx_status_t SGXAPI sgx_seal_data(const uint32_t additional_MACtext_length, const uint8_t *p_additional_MACtext,
                                  const uint32_t text2encrypt_length, const uint8_t *p_text2encrypt,
                                  const uint32_t sealed_data_size, sgx_sealed_data_t *p_sealed_data);
sgx_status_t SGXAPI sgx_seal_data_ex(const uint16_t key_policy, const sgx_attributes_t attribute_mask,
                                     const sgx_misc_select_t misc_mask, const uint32_t additional_MACtext_length,
                                     const uint8_t *p_additional_MACtext, const uint32_t text2encrypt_length,
                                     const uint8_t *p_text2encrypt, const uint32_t sealed_data_size,
                                     sgx_sealed_data_t *p_sealed_data);
/* Opens a blob: SGX_ERROR_MAC_MISMATCH for any change, another signer or enclave (as its
 * policy says), or another platform; INVALID_CPUSVN / INVALID_ISVSVN when it was sealed at a
 * later TCB or SVN. *lengths in: the buffers' sizes; out: what was written. */
sgx_status_t SGXAPI sgx_unseal_data(const sgx_sealed_data_t *p_sealed_data, uint8_t *p_additional_MACtext,
                                    uint32_t *p_additional_MACtext_length, uint8_t *p_decrypted_text,
                                    uint32_t *p_decrypted_text_length);

/* MAC-only blobs (the text stays in clear, authenticated). */
sgx_status_t SGXAPI sgx_mac_aadata(const uint32_t additional_MACtext_length, const uint8_t *p_additional_MACtext,
                                   const uint32_t sealed_data_size, sgx_sealed_data_t *p_sealed_data);
sgx_status_t SGXAPI sgx_mac_aadata_ex(const uint16_t key_policy, const sgx_attributes_t attribute_mask,
                                      const sgx_misc_select_t misc_mask, const uint32_t additional_MACtext_length,
                                      const uint8_t *p_additional_MACtext, const uint32_t sealed_data_size,
                                      sgx_sealed_data_t *p_sealed_data);
sgx_status_t SGXAPI sgx_unmac_aadata(const sgx_sealed_data_t *p_sealed_data, uint8_t *p_additional_MACtext,
                                     uint32_t *p_additional_MACtext_length);

#ifdef __cplusplus
}
#endif

#endif
