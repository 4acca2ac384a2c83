/* hmac.c — HMAC-SHA256 (sgx_hmac_sha256_msg, sgx_hmac256_*) on BearSSL's br_hmac. Lengths
 * are Intel's ints: source, key and MAC lengths must be positive, the MAC at most 32 bytes
 * (a shorter one is the truncated MAC). On failure the output MAC is zeroed. */
#include <stdlib.h>
#include <string.h>

#include "tcrypto_internal.h"

struct tc_hmac {
    uint32_t tag;
    br_hmac_key_context key;
    br_hmac_context mac;
};

sgx_status_t sgx_hmac_sha256_msg(const unsigned char *p_src, int src_len, const unsigned char *p_key,
                                 int key_len, unsigned char *p_mac, int mac_len)
{
    if (p_src == NULL || p_key == NULL || p_mac == NULL || src_len <= 0 || key_len <= 0 || mac_len <= 0)
        return SGX_ERROR_INVALID_PARAMETER;
    if (mac_len > SGX_HMAC256_MAC_SIZE) {
        memset(p_mac, 0, (size_t)mac_len);
        return SGX_ERROR_INVALID_PARAMETER;
    }
    br_hmac_key_context kc;
    br_hmac_context hc;
    br_hmac_key_init(&kc, &br_sha256_vtable, p_key, (size_t)key_len);
    br_hmac_init(&hc, &kc, (size_t)mac_len);
    br_hmac_update(&hc, p_src, (size_t)src_len);
    br_hmac_out(&hc, p_mac);
    tc_wipe(&kc, sizeof kc);
    tc_wipe(&hc, sizeof hc);
    return SGX_SUCCESS;
}

static struct tc_hmac *hmac_get(sgx_hmac_state_handle_t h)
{
    struct tc_hmac *s = h;
    return s != NULL && s->tag == TC_TAG_HMAC ? s : NULL;
}

sgx_status_t sgx_hmac256_init(const unsigned char *p_key, int key_len, sgx_hmac_state_handle_t *p_hmac_handle)
{
    if (p_key == NULL || key_len <= 0 || p_hmac_handle == NULL)
        return SGX_ERROR_INVALID_PARAMETER;
    struct tc_hmac *s = malloc(sizeof *s);
    if (s == NULL)
        return SGX_ERROR_OUT_OF_MEMORY;
    s->tag = TC_TAG_HMAC;
    br_hmac_key_init(&s->key, &br_sha256_vtable, p_key, (size_t)key_len);
    br_hmac_init(&s->mac, &s->key, 0);
    *p_hmac_handle = s;
    return SGX_SUCCESS;
}

sgx_status_t sgx_hmac256_update(const uint8_t *p_src, int src_len, sgx_hmac_state_handle_t hmac_handle)
{
    struct tc_hmac *s = hmac_get(hmac_handle);
    if (p_src == NULL || src_len <= 0 || s == NULL)
        return SGX_ERROR_INVALID_PARAMETER;
    br_hmac_update(&s->mac, p_src, (size_t)src_len);
    return SGX_SUCCESS;
}

sgx_status_t sgx_hmac256_final(unsigned char *p_hash, int hash_len, sgx_hmac_state_handle_t hmac_handle)
{
    struct tc_hmac *s = hmac_get(hmac_handle);
    if (p_hash == NULL || hash_len <= 0 || s == NULL)
        return SGX_ERROR_INVALID_PARAMETER;
    if (hash_len > SGX_HMAC256_MAC_SIZE) {
        memset(p_hash, 0, (size_t)hash_len);
        return SGX_ERROR_INVALID_PARAMETER;
    }
    unsigned char full[SGX_HMAC256_MAC_SIZE];
    br_hmac_out(&s->mac, full);
    memcpy(p_hash, full, (size_t)hash_len);
    tc_wipe(full, sizeof full);
    return SGX_SUCCESS;
}

/* A NULL handle is accepted, as Intel's close does. */
sgx_status_t sgx_hmac256_close(sgx_hmac_state_handle_t hmac_handle)
{
    if (hmac_handle == NULL)
        return SGX_SUCCESS;
    struct tc_hmac *s = hmac_get(hmac_handle);
    if (s == NULL)
        return SGX_ERROR_INVALID_PARAMETER;
    tc_wipe(s, sizeof *s);
    free(s);
    return SGX_SUCCESS;
}
