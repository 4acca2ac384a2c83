/* cmac.c — AES-128-CMAC, RFC 4493 (sgx_rijndael128_cmac_msg, sgx_cmac128_*): the CBC-MAC of
 * BearSSL's CTR+CBC engine (AES-NI or aes_ct64) with the RFC's subkeys K1/K2 and last-block
 * rule. A handle keeps the key schedule, the chaining value and the held-back last block;
 * final gives the tag and starts a new message under the same key. */
#include <stdlib.h>
#include <string.h>

#include "tcrypto_internal.h"

struct tc_cmac {
    uint32_t tag;
    br_aes_gen_ctrcbc_keys aes;
    uint8_t k1[16], k2[16];
    uint8_t cbc[16];
    uint8_t buf[16];
    size_t buflen;
};

/* out = in doubled in GF(2^128) (shift left, reduce by 0x87), in constant time. */
static void dbl(uint8_t out[16], const uint8_t in[16])
{
    uint8_t carry = in[0] >> 7;
    for (int i = 0; i < 15; i++)
        out[i] = (uint8_t)((in[i] << 1) | (in[i + 1] >> 7));
    out[15] = (uint8_t)((in[15] << 1) ^ (0x87 & (0 - carry)));
}

static void cmac_start(struct tc_cmac *s, const uint8_t key[16])
{
    const br_block_ctrcbc_class *vt = tc_aes_ctrcbc();
    uint8_t l[16] = { 0 }, zero[16] = { 0 };
    s->tag = TC_TAG_CMAC;
    vt->init(&s->aes.vtable, key, SGX_CMAC_KEY_SIZE);
    vt->mac(&s->aes.vtable, l, zero, sizeof zero);          /* L = AES-K(0) */
    dbl(s->k1, l);
    dbl(s->k2, s->k1);
    tc_wipe(l, sizeof l);
    memset(s->cbc, 0, sizeof s->cbc);
    s->buflen = 0;
}

/* Feeds data, always holding back the last (possibly full) block for cmac_finish. */
static void cmac_feed(struct tc_cmac *s, const uint8_t *p, size_t len)
{
    const br_block_ctrcbc_class *vt = s->aes.vtable;
    if (len == 0)
        return;
    if (s->buflen + len <= 16) {
        memcpy(s->buf + s->buflen, p, len);
        s->buflen += len;
        return;
    }
    size_t fill = 16 - s->buflen;
    memcpy(s->buf + s->buflen, p, fill);
    vt->mac(&s->aes.vtable, s->cbc, s->buf, 16);
    p += fill;
    len -= fill;
    size_t bulk = ((len - 1) / 16) * 16;                     /* whole blocks, not the last */
    if (bulk > 0)
        vt->mac(&s->aes.vtable, s->cbc, p, bulk);
    s->buflen = len - bulk;
    memcpy(s->buf, p + bulk, s->buflen);
}

static void cmac_finish(struct tc_cmac *s, uint8_t out[16])
{
    uint8_t last[16] = { 0 };
    const uint8_t *k = s->k1;
    memcpy(last, s->buf, s->buflen);
    if (s->buflen < 16) {
        last[s->buflen] = 0x80;
        k = s->k2;
    }
    for (int i = 0; i < 16; i++)
        last[i] ^= k[i];
    s->aes.vtable->mac(&s->aes.vtable, s->cbc, last, 16);
    memcpy(out, s->cbc, 16);
    tc_wipe(last, sizeof last);
    memset(s->cbc, 0, sizeof s->cbc);
    s->buflen = 0;
}

sgx_status_t sgx_rijndael128_cmac_msg(const sgx_cmac_128bit_key_t *p_key, const uint8_t *p_src,
                                      uint32_t src_len, sgx_cmac_128bit_tag_t *p_mac)
{
    if (p_key == NULL || p_src == NULL || p_mac == NULL || src_len > TC_MAX_LEN)
        return SGX_ERROR_INVALID_PARAMETER;
    struct tc_cmac s;
    cmac_start(&s, *p_key);
    cmac_feed(&s, p_src, src_len);
    cmac_finish(&s, *p_mac);
    tc_wipe(&s, sizeof s);
    return SGX_SUCCESS;
}

static struct tc_cmac *cmac_get(sgx_cmac_state_handle_t h)
{
    struct tc_cmac *s = h;
    return s != NULL && s->tag == TC_TAG_CMAC ? s : NULL;
}

sgx_status_t sgx_cmac128_init(const sgx_cmac_128bit_key_t *p_key, sgx_cmac_state_handle_t *p_cmac_handle)
{
    if (p_key == NULL || p_cmac_handle == NULL)
        return SGX_ERROR_INVALID_PARAMETER;
    struct tc_cmac *s = malloc(sizeof *s);
    if (s == NULL)
        return SGX_ERROR_OUT_OF_MEMORY;
    cmac_start(s, *p_key);
    *p_cmac_handle = s;
    return SGX_SUCCESS;
}

sgx_status_t sgx_cmac128_update(const uint8_t *p_src, uint32_t src_len, sgx_cmac_state_handle_t cmac_handle)
{
    struct tc_cmac *s = cmac_get(cmac_handle);
    if (p_src == NULL || s == NULL || src_len > TC_MAX_LEN)
        return SGX_ERROR_INVALID_PARAMETER;
    cmac_feed(s, p_src, src_len);
    return SGX_SUCCESS;
}

sgx_status_t sgx_cmac128_final(sgx_cmac_state_handle_t cmac_handle, sgx_cmac_128bit_tag_t *p_hash)
{
    struct tc_cmac *s = cmac_get(cmac_handle);
    if (s == NULL || p_hash == NULL)
        return SGX_ERROR_INVALID_PARAMETER;
    cmac_finish(s, *p_hash);
    return SGX_SUCCESS;
}

sgx_status_t sgx_cmac128_close(sgx_cmac_state_handle_t cmac_handle)
{
    struct tc_cmac *s = cmac_get(cmac_handle);
    if (s == NULL)
        return SGX_ERROR_INVALID_PARAMETER;
    tc_wipe(s, sizeof *s);
    free(s);
    return SGX_SUCCESS;
}
