/* unseal.c — opening sealed and MAC-only blobs (sgx_tseal.h): the key is derived again from the
 * request the blob carries (a blob from a later TCB or SVN gets INVALID_CPUSVN/ISVSVN; any
 * other refusal, like a changed byte, another signer or platform, is MAC_MISMATCH), then GCM
 * decrypts and checks the tag over the ciphertext and the MAC text. Nothing is written unless
 * the tag is right. Any change to a blob is refused: the key request through EGETKEY, the
 * lengths by their checks, the payload and tag by GCM, the reserved bytes by being zero. One
 * field is the exception, as on hardware: the request's CONFIGSVN, which EGETKEY uses only under
 * the CONFIGID policy; without it, a CONFIGSVN lowered to at most the enclave's still opens. */
#include <bearssl.h>
#include <stdbool.h>
#include <string.h>

#include "sgx_trts.h"
#include "sgx_utils.h"
#include "tseal_internal.h"

/* Whether the blob's tag is right, without writing its plaintext anywhere (a scratch buffer
 * takes it piece by piece): for refusing a changed blob as such even when the caller's buffers
 * are too small for what its length fields now claim. */
static bool tag_ok(const sgx_key_128bit_t key, const sgx_sealed_data_t *blob, uint32_t t, uint32_t a)
{
    static const uint8_t zero_iv[SGX_SEAL_IV_SIZE];
    br_aes_ct64_ctr_keys aes;
    br_gcm_context gcm;
    uint8_t scratch[256];
    br_aes_ct64_ctr_init(&aes, key, 16);
    br_gcm_init(&gcm, &aes.vtable, br_ghash_ctmul64);
    br_gcm_reset(&gcm, zero_iv, sizeof zero_iv);
    br_gcm_aad_inject(&gcm, blob->aes_data.payload + t, a);
    br_gcm_flip(&gcm);
    for (uint32_t at = 0; at < t; at += sizeof scratch) {
        size_t n = t - at < sizeof scratch ? t - at : sizeof scratch;
        memcpy(scratch, blob->aes_data.payload + at, n);
        br_gcm_run(&gcm, 0, scratch, n);
    }
    bool ok = br_gcm_check_tag(&gcm, blob->aes_data.payload_tag);
    memset(scratch, 0, sizeof scratch);
    memset(&aes, 0, sizeof aes);
    return ok;
}

/* The caller's buffers hold the blob's text and MAC text (and their lengths lie in the enclave). */
static bool buffers_fit(uint8_t *aad, uint32_t *aad_len, uint32_t a, uint8_t *txt, uint32_t *txt_len, uint32_t t,
                        int allow_empty_text)
{
    if (!allow_empty_text && (!txt || !txt_len || !sgx_is_within_enclave(txt_len, sizeof *txt_len) ||
                              *txt_len < t || !sgx_is_within_enclave(txt, t)))
        return false;
    return !a || (aad && aad_len && sgx_is_within_enclave(aad_len, sizeof *aad_len) && *aad_len >= a &&
                  (sgx_is_within_enclave(aad, a) || sgx_is_outside_enclave(aad, a)));
}

sgx_status_t vsgx_tseal_unseal(const sgx_sealed_data_t *blob, uint8_t *aad, uint32_t *aad_len, uint8_t *txt,
                               uint32_t *txt_len, int allow_empty_text)
{
    if (!blob || !sgx_is_within_enclave(blob, sizeof *blob))
        return SGX_ERROR_INVALID_PARAMETER;
    uint32_t t = sgx_get_encrypt_txt_len(blob), a = sgx_get_add_mac_txt_len(blob);
    uint32_t total = t == UINT32_MAX || a == UINT32_MAX ? UINT32_MAX : sgx_calc_sealed_data_size(a, t);
    if (total == UINT32_MAX || !sgx_is_within_enclave(blob, total))
        return SGX_ERROR_MAC_MISMATCH;
    /* The reserved bytes are not under the tag; sealing leaves them zero, and a blob where they
     * are not has been changed (Intel's unseal ignores them; vsgx refuses it). */
    static const uint8_t zero[12];
    if (memcmp(blob->reserved, zero, sizeof zero) || memcmp(blob->aes_data.reserved, zero, sizeof zero))
        return SGX_ERROR_MAC_MISMATCH;
    if (allow_empty_text ? t != 0 : t == 0)
        return SGX_ERROR_MAC_MISMATCH;
    sgx_key_128bit_t key;
    sgx_status_t st = sgx_get_key(&blob->key_request, &key);
    if (st == SGX_ERROR_INVALID_CPUSVN || st == SGX_ERROR_INVALID_ISVSVN || st == SGX_ERROR_OUT_OF_MEMORY)
        return st;
    if (st != SGX_SUCCESS)
        return SGX_ERROR_MAC_MISMATCH;
    __asm__ volatile("lfence" ::: "memory");
    if (!buffers_fit(aad, aad_len, a, txt, txt_len, t, allow_empty_text)) {
        st = tag_ok(key, blob, t, a) ? SGX_ERROR_INVALID_PARAMETER : SGX_ERROR_MAC_MISMATCH;
        memset(key, 0, sizeof key);
        return st;
    }
    static const uint8_t zero_iv[SGX_SEAL_IV_SIZE];
    st = sgx_rijndael128GCM_decrypt((const sgx_aes_gcm_128bit_key_t *)&key, blob->aes_data.payload, t, txt, zero_iv,
                                    sizeof zero_iv, blob->aes_data.payload + t, a,
                                    (const sgx_aes_gcm_128bit_tag_t *)blob->aes_data.payload_tag);
    memset(key, 0, sizeof key);
    if (st != SGX_SUCCESS)
        return st == SGX_ERROR_MAC_MISMATCH ? st : SGX_ERROR_UNEXPECTED;
    if (a)
        memcpy(aad, blob->aes_data.payload + t, a);
    if (aad_len)
        *aad_len = a;
    if (txt_len)
        *txt_len = t;
    return SGX_SUCCESS;
}

sgx_status_t sgx_unseal_data(const sgx_sealed_data_t *p_sealed_data, uint8_t *p_additional_MACtext,
                             uint32_t *p_additional_MACtext_length, uint8_t *p_decrypted_text,
                             uint32_t *p_decrypted_text_length)
{
    return vsgx_tseal_unseal(p_sealed_data, p_additional_MACtext, p_additional_MACtext_length, p_decrypted_text,
                             p_decrypted_text_length, 0);
}

sgx_status_t sgx_unmac_aadata(const sgx_sealed_data_t *p_sealed_data, uint8_t *p_additional_MACtext,
                              uint32_t *p_additional_MACtext_length)
{
    if (!p_additional_MACtext || !p_additional_MACtext_length)
        return SGX_ERROR_INVALID_PARAMETER;
    return vsgx_tseal_unseal(p_sealed_data, p_additional_MACtext, p_additional_MACtext_length, NULL, NULL, 1);
}
