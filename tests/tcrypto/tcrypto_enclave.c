/* tcrypto_enclave.c — the test enclave's primitive ECALLs (tcrypto.edl): each runs one
 * sgx_tcrypto function on the buffers passed in and returns its sgx_status_t. With a non-zero
 * chunk, the hash and MAC ECALLs use the streaming API in pieces of that size; the SHA
 * stream also takes a hash midway (which must not disturb it) and the CMAC stream MACs the
 * message twice through one handle (final restarts it). An empty message reaches the
 * enclave as NULL; the hash and CMAC ECALLs hand it on as an empty buffer. */
#include <string.h>

#include "sgx_tcrypto.h"
#include "tcrypto_internal.h"
#include "tcrypto_t.h"

#define MIN(a, b) ((a) < (b) ? (a) : (b))

/* The bridge passes a zero-length buffer as NULL, which Intel's API refuses; an empty
 * message is given to it as this empty, non-NULL buffer instead. */
static const uint8_t empty[1];

static sgx_status_t sha_stream(uint32_t bits, const uint8_t *src, uint32_t len, uint32_t chunk, uint8_t *hash)
{
    sgx_sha_state_handle_t h = NULL;
    sgx_status_t st = bits == 256 ? sgx_sha256_init(&h) : sgx_sha384_init(&h);
    uint8_t mid[48];
    uint32_t off = 0;
    while (st == SGX_SUCCESS) {
        uint32_t n = MIN(chunk, len - off);
        const uint8_t *p = off ? src + off : src;
        st = bits == 256 ? sgx_sha256_update(p, n, h) : sgx_sha384_update(p, n, h);
        off += n;
        if (st != SGX_SUCCESS || off >= len)
            break;
        st = bits == 256 ? sgx_sha256_get_hash(h, (sgx_sha256_hash_t *)mid)
                         : sgx_sha384_get_hash(h, (sgx_sha384_hash_t *)mid);
    }
    if (st == SGX_SUCCESS)
        st = bits == 256 ? sgx_sha256_get_hash(h, (sgx_sha256_hash_t *)hash)
                         : sgx_sha384_get_hash(h, (sgx_sha384_hash_t *)hash);
    if (h != NULL) {
        sgx_status_t c = bits == 256 ? sgx_sha256_close(h) : sgx_sha384_close(h);
        if (st == SGX_SUCCESS)
            st = c;
    }
    return st;
}

uint32_t ecall_sha(uint32_t bits, const uint8_t *src, uint32_t len, uint32_t chunk, uint8_t *hash)
{
    if (bits != 256 && bits != 384)
        return SGX_ERROR_INVALID_PARAMETER;
    if (src == NULL && len == 0)
        src = empty;
    if (chunk > 0)
        return sha_stream(bits, src, len, chunk, hash);
    return bits == 256 ? sgx_sha256_msg(src, len, (sgx_sha256_hash_t *)hash)
                       : sgx_sha384_msg(src, len, (sgx_sha384_hash_t *)hash);
}

uint32_t ecall_hmac(const uint8_t *src, uint32_t src_len, const uint8_t *key, uint32_t key_len, uint8_t *mac,
                    uint32_t mac_len, uint32_t chunk)
{
    if (chunk == 0)
        return sgx_hmac_sha256_msg(src, (int)src_len, key, (int)key_len, mac, (int)mac_len);
    sgx_hmac_state_handle_t h = NULL;
    sgx_status_t st = sgx_hmac256_init(key, (int)key_len, &h);
    for (uint32_t off = 0; st == SGX_SUCCESS && off < src_len; off += chunk)
        st = sgx_hmac256_update(src + off, (int)MIN(chunk, src_len - off), h);
    if (st == SGX_SUCCESS)
        st = sgx_hmac256_final(mac, (int)mac_len, h);
    sgx_hmac256_close(h);
    return st;
}

uint32_t ecall_gcm(int encrypt, const uint8_t *key, const uint8_t *src, uint32_t len, uint8_t *dst,
                   const uint8_t *iv, uint32_t iv_len, const uint8_t *aad, uint32_t aad_len, uint8_t *tag)
{
    const sgx_aes_gcm_128bit_key_t *k = (const sgx_aes_gcm_128bit_key_t *)key;
    if (encrypt)
        return sgx_rijndael128GCM_encrypt(k, src, len, dst, iv, iv_len, aad, aad_len, (sgx_aes_gcm_128bit_tag_t *)tag);
    return sgx_rijndael128GCM_decrypt(k, src, len, dst, iv, iv_len, aad, aad_len,
                                      (const sgx_aes_gcm_128bit_tag_t *)tag);
}

static sgx_status_t cmac_stream(const sgx_cmac_128bit_key_t *key, const uint8_t *src, uint32_t len,
                                uint32_t chunk, uint8_t *tag)
{
    sgx_cmac_state_handle_t h = NULL;
    uint8_t first[16];
    sgx_status_t st = sgx_cmac128_init(key, &h);
    for (int round = 0; round < 2 && st == SGX_SUCCESS; round++) {
        for (uint32_t off = 0; st == SGX_SUCCESS && off < len; off += chunk)
            st = sgx_cmac128_update(src + off, MIN(chunk, len - off), h);
        if (st == SGX_SUCCESS)
            st = sgx_cmac128_final(h, round == 0 ? (sgx_cmac_128bit_tag_t *)first : (sgx_cmac_128bit_tag_t *)tag);
    }
    if (st == SGX_SUCCESS && memcmp(first, tag, 16) != 0)
        st = SGX_ERROR_UNEXPECTED;
    if (h != NULL)
        sgx_cmac128_close(h);
    return st;
}

uint32_t ecall_cmac(const uint8_t *key, const uint8_t *src, uint32_t len, uint32_t chunk, uint8_t *tag)
{
    const sgx_cmac_128bit_key_t *k = (const sgx_cmac_128bit_key_t *)key;
    if (src == NULL && len == 0)
        src = empty;
    if (chunk > 0)
        return cmac_stream(k, src, len, chunk, tag);
    return sgx_rijndael128_cmac_msg(k, src, len, (sgx_cmac_128bit_tag_t *)tag);
}

uint32_t ecall_ctr(int encrypt, const uint8_t *key, const uint8_t *src, uint32_t len, uint8_t *ctr, uint32_t bits,
                   uint8_t *dst)
{
    const sgx_aes_ctr_128bit_key_t *k = (const sgx_aes_ctr_128bit_key_t *)key;
    return encrypt ? sgx_aes_ctr_encrypt(k, src, len, ctr, bits, dst) : sgx_aes_ctr_decrypt(k, src, len, ctr, bits, dst);
}

/* The engines sgx_tcrypto chose: bit 0 AES-NI CTR, bit 1 PCLMULQDQ GHASH, bit 2 the VAES GCM. */
uint32_t ecall_engines(void)
{
    return (tc_aes_ctr() == &br_aes_x86ni_ctr_vtable ? 1u : 0u) | (tc_ghash() == &br_ghash_pclmul ? 2u : 0u) |
           (tc_have_vaes() ? 4u : 0u);
}
