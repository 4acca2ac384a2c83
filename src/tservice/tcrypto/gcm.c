/* gcm.c — AES-128-GCM (sgx_rijndael128GCM_encrypt/decrypt) on BearSSL's br_gcm with the AES
 * CTR engine and GHASH of util.c. The parameter checks are Intel's: a 12-byte IV, lengths
 * below INT32_MAX, source and AAD not both absent (an empty text with AAD is a GMAC). A
 * wrong tag on decryption gives SGX_ERROR_MAC_MISMATCH and a zeroed output; the tag is
 * compared in constant time. */
#include <string.h>

#include "tcrypto_internal.h"

static int gcm_args_bad(const void *key, const uint8_t *src, uint32_t src_len, const uint8_t *dst,
                        const uint8_t *iv, uint32_t iv_len, const uint8_t *aad, uint32_t aad_len,
                        const void *mac)
{
    return src_len >= TC_MAX_LEN || aad_len >= TC_MAX_LEN || key == NULL
        || (src_len > 0 && (dst == NULL || src == NULL)) || mac == NULL
        || iv_len != SGX_AESGCM_IV_SIZE || iv == NULL || (aad_len > 0 && aad == NULL)
        || (src == NULL && aad == NULL);
}

/* When src and dst overlap without being the same buffer, src is moved into dst first (the
 * one-pass path then works in place); returns where to read from. */
static const uint8_t *overlapped_into(const uint8_t *src, uint8_t *dst, uint32_t len)
{
    if (len > 0 && src != dst && src < dst + len && dst < src + len) {
        memmove(dst, src, len);
        return dst;
    }
    return src;
}

/* GCM works on the output buffer in place; it is fed in chunks of this size, each copied there
 * and then run while it is still in the cache (one pass over memory rather than three). */
#define GCM_CHUNK 16384

/* Runs GCM from src into dst and leaves the context ready for the tag. Overlapping buffers
 * (other than the same one) are first moved whole. */
static void gcm_run(br_gcm_context *gc, br_aes_gen_ctr_keys *ctr, const uint8_t *key,
                    const uint8_t *iv, const uint8_t *aad, uint32_t aad_len, int encrypt,
                    const uint8_t *src, uint8_t *dst, uint32_t len)
{
    const br_block_ctr_class *vt = tc_aes_ctr();
    vt->init(&ctr->vtable, key, SGX_AESGCM_KEY_SIZE);
    br_gcm_init(gc, &ctr->vtable, tc_ghash());
    br_gcm_reset(gc, iv, SGX_AESGCM_IV_SIZE);
    if (aad_len > 0)
        br_gcm_aad_inject(gc, aad, aad_len);
    br_gcm_flip(gc);
    if (len > 0 && src != dst && src < dst + len && dst < src + len) {
        memmove(dst, src, len);
        src = dst;
    }
    for (uint32_t at = 0; at < len; at += GCM_CHUNK) {
        uint32_t n = len - at < GCM_CHUNK ? len - at : GCM_CHUNK;
        if (src != dst)
            memcpy(dst + at, src + at, n);
        br_gcm_run(gc, encrypt, dst + at, n);
    }
}

sgx_status_t sgx_rijndael128GCM_encrypt(const sgx_aes_gcm_128bit_key_t *p_key, const uint8_t *p_src,
                                        uint32_t src_len, uint8_t *p_dst, const uint8_t *p_iv,
                                        uint32_t iv_len, const uint8_t *p_aad, uint32_t aad_len,
                                        sgx_aes_gcm_128bit_tag_t *p_out_mac)
{
    if (gcm_args_bad(p_key, p_src, src_len, p_dst, p_iv, iv_len, p_aad, aad_len, p_out_mac))
        return SGX_ERROR_INVALID_PARAMETER;
    if (tc_have_vaes()) {
        tc_gcm_vaes(*p_key, p_iv, p_aad, aad_len, 1, overlapped_into(p_src, p_dst, src_len), p_dst, src_len,
                    *p_out_mac);
        return SGX_SUCCESS;
    }
    br_gcm_context gc;
    br_aes_gen_ctr_keys ctr;
    gcm_run(&gc, &ctr, *p_key, p_iv, p_aad, aad_len, 1, p_src, p_dst, src_len);
    br_gcm_get_tag(&gc, *p_out_mac);
    tc_wipe(&gc, sizeof gc);
    tc_wipe(&ctr, sizeof ctr);
    return SGX_SUCCESS;
}

sgx_status_t sgx_rijndael128GCM_decrypt(const sgx_aes_gcm_128bit_key_t *p_key, const uint8_t *p_src,
                                        uint32_t src_len, uint8_t *p_dst, const uint8_t *p_iv,
                                        uint32_t iv_len, const uint8_t *p_aad, uint32_t aad_len,
                                        const sgx_aes_gcm_128bit_tag_t *p_in_mac)
{
    if (gcm_args_bad(p_key, p_src, src_len, p_dst, p_iv, iv_len, p_aad, aad_len, p_in_mac))
        return SGX_ERROR_INVALID_PARAMETER;
    br_gcm_context gc;
    br_aes_gen_ctr_keys ctr;
    uint8_t tag[SGX_AESGCM_MAC_SIZE];
    memcpy(tag, *p_in_mac, sizeof tag);
    uint32_t ok;
    if (tc_have_vaes()) {
        uint8_t computed[SGX_AESGCM_MAC_SIZE], diff = 0;
        tc_gcm_vaes(*p_key, p_iv, p_aad, aad_len, 0, overlapped_into(p_src, p_dst, src_len), p_dst, src_len,
                    computed);
        for (size_t i = 0; i < sizeof computed; i++)
            diff |= computed[i] ^ tag[i];
        ok = diff == 0;
    } else {
        gcm_run(&gc, &ctr, *p_key, p_iv, p_aad, aad_len, 0, p_src, p_dst, src_len);
        ok = br_gcm_check_tag(&gc, tag);
    }
    tc_wipe(&gc, sizeof gc);
    tc_wipe(&ctr, sizeof ctr);
    if (!ok) {
        if (src_len > 0)
            tc_wipe(p_dst, src_len);
        return SGX_ERROR_MAC_MISMATCH;
    }
    return SGX_SUCCESS;
}
