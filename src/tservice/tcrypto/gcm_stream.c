/* gcm_stream.c — streaming AES-128-GCM encryption (sgx_aes_gcm128_enc_init/update/get_mac,
 * sgx_aes_gcm_close) on BearSSL's br_gcm with the AES CTR engine and GHASH of util.c, so the
 * ciphertext and tag equal sgx_rijndael128GCM_encrypt's for the same key, IV, AAD and text,
 * however the text is split. The checks are Intel's: init wants a key, a 12-byte IV and the AAD
 * (NULL only when empty) below INT32_MAX; update wants 1 to INT32_MAX-1 bytes and both buffers.
 * A handle of another kind (not NULL) fails as Intel's does, with SGX_ERROR_UNEXPECTED. get_mac
 * gives the tag of what was encrypted so far and leaves the stream usable. */
#include <stdlib.h>
#include <string.h>

#include "tcrypto_internal.h"

struct tc_gcm_stream {
    uint32_t tag;
    br_aes_gen_ctr_keys ctr;
    br_gcm_context gc;     /* its block cipher is ctr above: the state never moves */
};

sgx_status_t sgx_aes_gcm128_enc_init(const uint8_t *p_key, const uint8_t *p_iv, uint32_t iv_len,
                                     const uint8_t *p_aad, uint32_t aad_len, sgx_aes_state_handle_t *aes_gcm_state)
{
    if (aad_len >= TC_MAX_LEN || p_key == NULL || iv_len != SGX_AESGCM_IV_SIZE || (aad_len > 0 && p_aad == NULL)
        || p_iv == NULL || aes_gcm_state == NULL)
        return SGX_ERROR_INVALID_PARAMETER;
    struct tc_gcm_stream *s = malloc(sizeof *s);
    if (s == NULL)
        return SGX_ERROR_OUT_OF_MEMORY;
    s->tag = TC_TAG_GCM;
    tc_aes_ctr()->init(&s->ctr.vtable, p_key, SGX_AESGCM_KEY_SIZE);
    br_gcm_init(&s->gc, &s->ctr.vtable, tc_ghash());
    br_gcm_reset(&s->gc, p_iv, SGX_AESGCM_IV_SIZE);
    if (aad_len > 0)
        br_gcm_aad_inject(&s->gc, p_aad, aad_len);
    br_gcm_flip(&s->gc);
    *aes_gcm_state = s;
    return SGX_SUCCESS;
}

static struct tc_gcm_stream *gcm_get(sgx_aes_state_handle_t h)
{
    struct tc_gcm_stream *s = h;
    return s->tag == TC_TAG_GCM ? s : NULL;
}

sgx_status_t sgx_aes_gcm128_enc_update(uint8_t *p_src, uint32_t src_len, uint8_t *p_dst,
                                       sgx_aes_state_handle_t aes_gcm_state)
{
    if (aes_gcm_state == NULL || p_src == NULL || p_dst == NULL || src_len >= TC_MAX_LEN || src_len == 0)
        return SGX_ERROR_INVALID_PARAMETER;
    struct tc_gcm_stream *s = gcm_get(aes_gcm_state);
    if (s == NULL)
        return SGX_ERROR_UNEXPECTED;
    memmove(p_dst, p_src, src_len);
    br_gcm_run(&s->gc, 1, p_dst, src_len);
    return SGX_SUCCESS;
}

sgx_status_t sgx_aes_gcm128_enc_get_mac(uint8_t *mac, sgx_aes_state_handle_t aes_gcm_state)
{
    if (mac == NULL || aes_gcm_state == NULL)
        return SGX_ERROR_INVALID_PARAMETER;
    struct tc_gcm_stream *s = gcm_get(aes_gcm_state);
    if (s == NULL) {
        memset(mac, 0, SGX_AESGCM_MAC_SIZE);
        return SGX_ERROR_UNEXPECTED;
    }
    br_gcm_context end = s->gc;    /* the tag is taken from a copy: the stream goes on */
    br_gcm_get_tag(&end, mac);
    tc_wipe(&end, sizeof end);
    return SGX_SUCCESS;
}

/* Intel frees any non-NULL pointer here; vsgx refuses one that is not a GCM state rather than
 * free memory of another kind. */
sgx_status_t sgx_aes_gcm_close(sgx_aes_state_handle_t aes_gcm_state)
{
    if (aes_gcm_state == NULL || gcm_get(aes_gcm_state) == NULL)
        return SGX_ERROR_INVALID_PARAMETER;
    tc_wipe(aes_gcm_state, sizeof(struct tc_gcm_stream));
    free(aes_gcm_state);
    return SGX_SUCCESS;
}
