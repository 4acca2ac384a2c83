/* sha.c — SHA-256 and SHA-384 (sgx_sha256_* / sgx_sha384_*) on BearSSL's br_sha256 and
 * br_sha384: one-shot and streaming. A handle is a heap state tagged with its algorithm;
 * get_hash does not end the stream. NULL pointers and lengths over INT32_MAX are
 * SGX_ERROR_INVALID_PARAMETER, as in Intel's library. */
#include <stdlib.h>

#include "tcrypto_internal.h"

struct tc_sha {
    uint32_t tag;
    union {
        br_sha256_context s256;
        br_sha384_context s384;
    } u;
};

static sgx_status_t sha_open(uint32_t tag, sgx_sha_state_handle_t *p_handle)
{
    if (p_handle == NULL)
        return SGX_ERROR_INVALID_PARAMETER;
    struct tc_sha *s = malloc(sizeof *s);
    if (s == NULL)
        return SGX_ERROR_OUT_OF_MEMORY;
    s->tag = tag;
    if (tag == TC_TAG_SHA256)
        br_sha256_init(&s->u.s256);
    else
        br_sha384_init(&s->u.s384);
    *p_handle = s;
    return SGX_SUCCESS;
}

static struct tc_sha *sha_get(sgx_sha_state_handle_t h, uint32_t tag)
{
    struct tc_sha *s = h;
    return s != NULL && s->tag == tag ? s : NULL;
}

static sgx_status_t sha_update(uint32_t tag, const uint8_t *p_src, uint32_t len, sgx_sha_state_handle_t h)
{
    struct tc_sha *s = sha_get(h, tag);
    if (s == NULL || p_src == NULL || len > TC_MAX_LEN)
        return SGX_ERROR_INVALID_PARAMETER;
    if (tag == TC_TAG_SHA256)
        br_sha256_update(&s->u.s256, p_src, len);
    else
        br_sha384_update(&s->u.s384, p_src, len);
    return SGX_SUCCESS;
}

static sgx_status_t sha_close(uint32_t tag, sgx_sha_state_handle_t h)
{
    struct tc_sha *s = sha_get(h, tag);
    if (s == NULL)
        return SGX_ERROR_INVALID_PARAMETER;
    tc_wipe(s, sizeof *s);
    free(s);
    return SGX_SUCCESS;
}

sgx_status_t sgx_sha256_msg(const uint8_t *p_src, uint32_t src_len, sgx_sha256_hash_t *p_hash)
{
    if (p_src == NULL || p_hash == NULL || src_len > TC_MAX_LEN)
        return SGX_ERROR_INVALID_PARAMETER;
    br_sha256_context c;
    br_sha256_init(&c);
    br_sha256_update(&c, p_src, src_len);
    br_sha256_out(&c, *p_hash);
    tc_wipe(&c, sizeof c);
    return SGX_SUCCESS;
}

sgx_status_t sgx_sha256_init(sgx_sha_state_handle_t *p_sha_handle)
{
    return sha_open(TC_TAG_SHA256, p_sha_handle);
}

sgx_status_t sgx_sha256_update(const uint8_t *p_src, uint32_t src_len, sgx_sha_state_handle_t sha_handle)
{
    return sha_update(TC_TAG_SHA256, p_src, src_len, sha_handle);
}

sgx_status_t sgx_sha256_get_hash(sgx_sha_state_handle_t sha_handle, sgx_sha256_hash_t *p_hash)
{
    struct tc_sha *s = sha_get(sha_handle, TC_TAG_SHA256);
    if (s == NULL || p_hash == NULL)
        return SGX_ERROR_INVALID_PARAMETER;
    br_sha256_out(&s->u.s256, *p_hash);
    return SGX_SUCCESS;
}

sgx_status_t sgx_sha256_close(sgx_sha_state_handle_t sha_handle)
{
    return sha_close(TC_TAG_SHA256, sha_handle);
}

sgx_status_t sgx_sha384_msg(const uint8_t *p_src, uint32_t src_len, sgx_sha384_hash_t *p_hash)
{
    if (p_src == NULL || p_hash == NULL || src_len > TC_MAX_LEN)
        return SGX_ERROR_INVALID_PARAMETER;
    br_sha384_context c;
    br_sha384_init(&c);
    br_sha384_update(&c, p_src, src_len);
    br_sha384_out(&c, *p_hash);
    tc_wipe(&c, sizeof c);
    return SGX_SUCCESS;
}

sgx_status_t sgx_sha384_init(sgx_sha_state_handle_t *p_sha_handle)
{
    return sha_open(TC_TAG_SHA384, p_sha_handle);
}

sgx_status_t sgx_sha384_update(const uint8_t *p_src, uint32_t src_len, sgx_sha_state_handle_t sha_handle)
{
    return sha_update(TC_TAG_SHA384, p_src, src_len, sha_handle);
}

sgx_status_t sgx_sha384_get_hash(sgx_sha_state_handle_t sha_handle, sgx_sha384_hash_t *p_hash)
{
    struct tc_sha *s = sha_get(sha_handle, TC_TAG_SHA384);
    if (s == NULL || p_hash == NULL)
        return SGX_ERROR_INVALID_PARAMETER;
    br_sha384_out(&s->u.s384, *p_hash);
    return SGX_SUCCESS;
}

sgx_status_t sgx_sha384_close(sgx_sha_state_handle_t sha_handle)
{
    return sha_close(TC_TAG_SHA384, sha_handle);
}
