/* sha.c — SHA-1, SHA-256 and SHA-384 (sgx_sha1_* / sgx_sha256_* / sgx_sha384_*) on BearSSL's
 * hash classes: one-shot and streaming. A handle is a heap state tagged with its algorithm, so a
 * handle of another algorithm is refused; get_hash does not end the stream. NULL pointers and
 * lengths over INT32_MAX are SGX_ERROR_INVALID_PARAMETER, as in Intel's library (whose
 * sgx_sha1_update takes a size_t length). SHA-1 is there for compatibility: it is not collision
 * resistant. */
#include <stdlib.h>

#include "tcrypto_internal.h"

struct tc_sha {
    uint32_t tag;
    br_hash_compat_context c;
};

static const br_hash_class *hash_of(uint32_t tag)
{
    switch (tag) {
    case TC_TAG_SHA1: return &br_sha1_vtable;
    case TC_TAG_SHA256: return &br_sha256_vtable;
    default: return &br_sha384_vtable;
    }
}

static sgx_status_t sha_msg(uint32_t tag, const uint8_t *p_src, uint32_t len, void *p_hash)
{
    if (p_src == NULL || p_hash == NULL || len > TC_MAX_LEN)
        return SGX_ERROR_INVALID_PARAMETER;
    const br_hash_class *h = hash_of(tag);
    br_hash_compat_context c;
    h->init(&c.vtable);
    h->update(&c.vtable, p_src, len);
    h->out(&c.vtable, p_hash);
    tc_wipe(&c, sizeof c);
    return SGX_SUCCESS;
}

static sgx_status_t sha_open(uint32_t tag, sgx_sha_state_handle_t *p_handle)
{
    if (p_handle == NULL)
        return SGX_ERROR_INVALID_PARAMETER;
    struct tc_sha *s = malloc(sizeof *s);
    if (s == NULL)
        return SGX_ERROR_OUT_OF_MEMORY;
    s->tag = tag;
    hash_of(tag)->init(&s->c.vtable);
    *p_handle = s;
    return SGX_SUCCESS;
}

static struct tc_sha *sha_get(sgx_sha_state_handle_t h, uint32_t tag)
{
    struct tc_sha *s = h;
    return s != NULL && s->tag == tag ? s : NULL;
}

static sgx_status_t sha_update(uint32_t tag, const uint8_t *p_src, size_t len, sgx_sha_state_handle_t h)
{
    struct tc_sha *s = sha_get(h, tag);
    if (s == NULL || p_src == NULL || len > TC_MAX_LEN)
        return SGX_ERROR_INVALID_PARAMETER;
    s->c.vtable->update(&s->c.vtable, p_src, len);
    return SGX_SUCCESS;
}

static sgx_status_t sha_get_hash(uint32_t tag, sgx_sha_state_handle_t h, void *p_hash)
{
    struct tc_sha *s = sha_get(h, tag);
    if (s == NULL || p_hash == NULL)
        return SGX_ERROR_INVALID_PARAMETER;
    s->c.vtable->out(&s->c.vtable, p_hash);
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

sgx_status_t sgx_sha1_msg(const uint8_t *p_src, uint32_t src_len, sgx_sha1_hash_t *p_hash)
{
    return sha_msg(TC_TAG_SHA1, p_src, src_len, p_hash);
}

sgx_status_t sgx_sha1_init(sgx_sha_state_handle_t *p_sha_handle)
{
    return sha_open(TC_TAG_SHA1, p_sha_handle);
}

sgx_status_t sgx_sha1_update(const uint8_t *p_src, size_t src_len, sgx_sha_state_handle_t sha_handle)
{
    return sha_update(TC_TAG_SHA1, p_src, src_len, sha_handle);
}

sgx_status_t sgx_sha1_get_hash(sgx_sha_state_handle_t sha_handle, sgx_sha1_hash_t *p_hash)
{
    return sha_get_hash(TC_TAG_SHA1, sha_handle, p_hash);
}

sgx_status_t sgx_sha1_close(sgx_sha_state_handle_t sha_handle)
{
    return sha_close(TC_TAG_SHA1, sha_handle);
}

sgx_status_t sgx_sha256_msg(const uint8_t *p_src, uint32_t src_len, sgx_sha256_hash_t *p_hash)
{
    return sha_msg(TC_TAG_SHA256, p_src, src_len, p_hash);
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
    return sha_get_hash(TC_TAG_SHA256, sha_handle, p_hash);
}

sgx_status_t sgx_sha256_close(sgx_sha_state_handle_t sha_handle)
{
    return sha_close(TC_TAG_SHA256, sha_handle);
}

sgx_status_t sgx_sha384_msg(const uint8_t *p_src, uint32_t src_len, sgx_sha384_hash_t *p_hash)
{
    return sha_msg(TC_TAG_SHA384, p_src, src_len, p_hash);
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
    return sha_get_hash(TC_TAG_SHA384, sha_handle, p_hash);
}

sgx_status_t sgx_sha384_close(sgx_sha_state_handle_t sha_handle)
{
    return sha_close(TC_TAG_SHA384, sha_handle);
}
