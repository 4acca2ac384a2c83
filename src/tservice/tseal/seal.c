/* seal.c — sealing and MAC-only blobs (sgx_tseal.h). The key: EGETKEY(SEAL) with the requested
 * policy and masks, this enclave's CPUSVN, ISVSVN and CONFIGSVN, and a random KEYID, all kept in
 * the blob so that the key can be derived again. AES-128-GCM with a zero IV (the key is new for
 * every blob), the MAC text as additional data; the ciphertext, then the MAC text in clear, form
 * the payload. Any failure leaves the blob zeroed. */
#include <string.h>

#include "sgx_trts.h"
#include "sgx_utils.h"
#include "tseal_internal.h"

uint16_t vsgx_tseal_default_policy(void)
{
    const sgx_report_t *self = sgx_self_report();
    uint16_t policy = SGX_KEYPOLICY_MRSIGNER;
    if (self && (self->body.attributes.flags & SGX_FLAGS_KSS))
        policy |= TSEAL_KSS_POLICY;
    return policy;
}

/* The policy has MRENCLAVE or MRSIGNER and only known bits (the KSS ones only with KSS). */
static int policy_valid(uint16_t policy, const sgx_report_t *self)
{
    uint16_t known = SGX_KEYPOLICY_MRENCLAVE | SGX_KEYPOLICY_MRSIGNER | SGX_KEYPOLICY_NOISVPRODID;
    if (self->body.attributes.flags & SGX_FLAGS_KSS)
        known |= TSEAL_KSS_POLICY;
    return (policy & (SGX_KEYPOLICY_MRENCLAVE | SGX_KEYPOLICY_MRSIGNER)) && !(policy & ~known);
}

/* [p, p + n) wholly inside or wholly outside the enclave (n 0: anywhere). */
static int one_side(const void *p, uint32_t n)
{
    return !n || sgx_is_within_enclave(p, n) || sgx_is_outside_enclave(p, n);
}

sgx_status_t vsgx_tseal_seal(uint16_t key_policy, sgx_attributes_t attribute_mask, sgx_misc_select_t misc_mask,
                             uint32_t aad_len, const uint8_t *aad, uint32_t txt_len, const uint8_t *txt,
                             uint32_t sealed_size, sgx_sealed_data_t *blob, int allow_empty_text)
{
    const sgx_report_t *self = sgx_self_report();
    uint32_t need = sgx_calc_sealed_data_size(aad_len, txt_len);
    if (!self)
        return SGX_ERROR_UNEXPECTED;
    if (!policy_valid(key_policy, self) ||
        (attribute_mask.flags & (SGX_FLAGS_INITTED | SGX_FLAGS_DEBUG)) != (SGX_FLAGS_INITTED | SGX_FLAGS_DEBUG) ||
        (!allow_empty_text && (!txt_len || !txt || !sgx_is_within_enclave(txt, txt_len))) ||
        (aad_len && (!aad || !one_side(aad, aad_len))) || (!aad_len && aad) || need == UINT32_MAX ||
        sealed_size != need || !blob || !sgx_is_within_enclave(blob, sealed_size))
        return SGX_ERROR_INVALID_PARAMETER;

    sgx_key_request_t *req = &blob->key_request;
    memset(blob, 0, sizeof *blob);
    req->key_name = SGX_KEYSELECT_SEAL;
    req->key_policy = key_policy;
    req->isv_svn = self->body.isv_svn;
    req->cpu_svn = self->body.cpu_svn;
    req->attribute_mask = attribute_mask;
    req->misc_mask = misc_mask;
    req->config_svn = self->body.config_svn;
    sgx_key_128bit_t key;
    sgx_status_t st = sgx_read_rand(req->key_id.id, sizeof req->key_id.id);
    if (st == SGX_SUCCESS)
        st = sgx_get_key(req, &key);
    static const uint8_t zero_iv[SGX_SEAL_IV_SIZE];
    if (st == SGX_SUCCESS)
        st = sgx_rijndael128GCM_encrypt((const sgx_aes_gcm_128bit_key_t *)&key, txt, txt_len, blob->aes_data.payload,
                                        zero_iv, sizeof zero_iv, aad, aad_len,
                                        (sgx_aes_gcm_128bit_tag_t *)blob->aes_data.payload_tag);
    memset(key, 0, sizeof key);
    if (st != SGX_SUCCESS) {
        memset(blob, 0, sealed_size);
        return st;
    }
    if (aad_len)
        memcpy(blob->aes_data.payload + txt_len, aad, aad_len);
    blob->plain_text_offset = txt_len;
    blob->aes_data.payload_size = txt_len + aad_len;
    return SGX_SUCCESS;
}

sgx_status_t sgx_seal_data_ex(const uint16_t key_policy, const sgx_attributes_t attribute_mask,
                              const sgx_misc_select_t misc_mask, const uint32_t additional_MACtext_length,
                              const uint8_t *p_additional_MACtext, const uint32_t text2encrypt_length,
                              const uint8_t *p_text2encrypt, const uint32_t sealed_data_size,
                              sgx_sealed_data_t *p_sealed_data)
{
    return vsgx_tseal_seal(key_policy, attribute_mask, misc_mask, additional_MACtext_length, p_additional_MACtext,
                           text2encrypt_length, p_text2encrypt, sealed_data_size, p_sealed_data, 0);
}

sgx_status_t sgx_seal_data(const uint32_t additional_MACtext_length, const uint8_t *p_additional_MACtext,
                           const uint32_t text2encrypt_length, const uint8_t *p_text2encrypt,
                           const uint32_t sealed_data_size, sgx_sealed_data_t *p_sealed_data)
{
    sgx_attributes_t mask = { .flags = TSEAL_DEFAULT_FLAGSMASK, .xfrm = 0 };
    return vsgx_tseal_seal(vsgx_tseal_default_policy(), mask, TSEAL_DEFAULT_MISCMASK, additional_MACtext_length,
                           p_additional_MACtext, text2encrypt_length, p_text2encrypt, sealed_data_size,
                           p_sealed_data, 0);
}

sgx_status_t sgx_mac_aadata_ex(const uint16_t key_policy, const sgx_attributes_t attribute_mask,
                               const sgx_misc_select_t misc_mask, const uint32_t additional_MACtext_length,
                               const uint8_t *p_additional_MACtext, const uint32_t sealed_data_size,
                               sgx_sealed_data_t *p_sealed_data)
{
    if (!additional_MACtext_length)
        return SGX_ERROR_INVALID_PARAMETER;
    return vsgx_tseal_seal(key_policy, attribute_mask, misc_mask, additional_MACtext_length, p_additional_MACtext, 0,
                           NULL, sealed_data_size, p_sealed_data, 1);
}

sgx_status_t sgx_mac_aadata(const uint32_t additional_MACtext_length, const uint8_t *p_additional_MACtext,
                            const uint32_t sealed_data_size, sgx_sealed_data_t *p_sealed_data)
{
    sgx_attributes_t mask = { .flags = TSEAL_DEFAULT_FLAGSMASK, .xfrm = 0 };
    return sgx_mac_aadata_ex(vsgx_tseal_default_policy(), mask, TSEAL_DEFAULT_MISCMASK, additional_MACtext_length,
                             p_additional_MACtext, sealed_data_size, p_sealed_data);
}
