/* tc_host.c — the host side shared by the sgx_tcrypto tests: the enclave, ECALL wrappers
 * (the ECALL must succeed; the primitive's status is returned), hex, randomness and Intel's
 * little-endian EC layouts. */
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "tc_host.h"
#include "tcrypto_u.h"

sgx_enclave_id_t tc_eid;

/* TC_ENCLAVE in the environment names another build of the test enclave (the portable one). */
int tc_setup(void **state)
{
    (void)state;
    const char *path = getenv("TC_ENCLAVE");
    if (path == NULL)
        path = TC_ENCLAVE;
    return sgx_create_enclave(path, SGX_DEBUG_FLAG, NULL, NULL, &tc_eid, NULL) == SGX_SUCCESS ? 0 : -1;
}

int tc_teardown(void **state)
{
    (void)state;
    return sgx_destroy_enclave(tc_eid) == SGX_SUCCESS ? 0 : -1;
}

static int nibble(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

size_t tc_hex(uint8_t *out, size_t max, const char *hex)
{
    size_t n = strlen(hex);
    assert_int_equal(n % 2, 0);
    assert_true(n / 2 <= max);
    for (size_t i = 0; i < n / 2; i++) {
        int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
        assert_true(hi >= 0 && lo >= 0);
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return n / 2;
}

void tc_rev(uint8_t *dst, const uint8_t *src, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dst[i] = src[n - 1 - i];
}

void tc_rand(void *p, size_t n)
{
    assert_int_equal(RAND_bytes(p, (int)n), 1);
}

uint32_t tc_rand_below(uint32_t bound)
{
    uint32_t v;
    tc_rand(&v, sizeof v);
    return v % bound;
}

void tc_pub_le(uint8_t le[64], const uint8_t point[65])
{
    assert_int_equal(point[0], 0x04);
    tc_rev(le, point + 1, 32);
    tc_rev(le + 32, point + 33, 32);
}

void tc_pub_be(uint8_t point[65], const uint8_t le[64])
{
    point[0] = 0x04;
    tc_rev(point + 1, le, 32);
    tc_rev(point + 33, le + 32, 32);
}

/* Intel's signature: x[8] then y[8], uint32 words least significant first, each word
 * little-endian in memory: as bytes, the little-endian r then the little-endian s. */
void tc_sig_le(uint8_t le[64], const uint8_t r[32], const uint8_t s[32])
{
    uint32_t w[16];
    for (int i = 0; i < 8; i++) {
        const uint8_t *pr = r + 28 - 4 * i, *ps = s + 28 - 4 * i;
        w[i] = (uint32_t)pr[0] << 24 | (uint32_t)pr[1] << 16 | (uint32_t)pr[2] << 8 | pr[3];
        w[8 + i] = (uint32_t)ps[0] << 24 | (uint32_t)ps[1] << 16 | (uint32_t)ps[2] << 8 | ps[3];
    }
    memcpy(le, w, sizeof w);
}

void tc_sig_be(uint8_t r[32], uint8_t s[32], const uint8_t le[64])
{
    tc_rev(r, le, 32);
    tc_rev(s, le + 32, 32);
}

#define CALL(...)                                                   \
    uint32_t r = UINT32_MAX;                                        \
    assert_int_equal(__VA_ARGS__, SGX_SUCCESS);                     \
    return r

uint32_t tc_sha(uint32_t bits, const uint8_t *src, uint32_t len, uint32_t chunk, uint8_t *hash)
{
    CALL(ecall_sha(tc_eid, &r, bits, src, len, chunk, hash));
}

uint32_t tc_hmac(const uint8_t *src, uint32_t len, const uint8_t *key, uint32_t key_len, uint8_t *mac,
                 uint32_t mac_len, uint32_t chunk)
{
    CALL(ecall_hmac(tc_eid, &r, src, len, key, key_len, mac, mac_len, chunk));
}

uint32_t tc_gcm(int encrypt, const uint8_t *key, const uint8_t *src, uint32_t len, uint8_t *dst, const uint8_t *iv,
                uint32_t iv_len, const uint8_t *aad, uint32_t aad_len, uint8_t *tag)
{
    CALL(ecall_gcm(tc_eid, &r, encrypt, key, src, len, dst, iv, iv_len, aad, aad_len, tag));
}

uint32_t tc_cmac(const uint8_t *key, const uint8_t *src, uint32_t len, uint32_t chunk, uint8_t *tag)
{
    CALL(ecall_cmac(tc_eid, &r, key, src, len, chunk, tag));
}

uint32_t tc_ctr(int encrypt, const uint8_t *key, const uint8_t *src, uint32_t len, uint8_t *ctr, uint32_t bits,
                uint8_t *dst)
{
    CALL(ecall_ctr(tc_eid, &r, encrypt, key, src, len, ctr, bits, dst));
}

uint32_t tc_ec_keypair(uint8_t *priv, uint8_t *pub)
{
    CALL(ecall_ec_keypair(tc_eid, &r, priv, pub));
}

uint32_t tc_ec_check_point(const uint8_t *pub, int *valid)
{
    CALL(ecall_ec_check_point(tc_eid, &r, pub, valid));
}

uint32_t tc_ecdh(const uint8_t *priv, const uint8_t *pub, uint8_t *shared)
{
    CALL(ecall_ecdh(tc_eid, &r, priv, pub, shared));
}

uint32_t tc_ecdsa_sign(const uint8_t *data, uint32_t len, const uint8_t *priv, uint8_t *sig)
{
    CALL(ecall_ecdsa_sign(tc_eid, &r, data, len, priv, sig));
}

uint32_t tc_ecdsa_verify(const uint8_t *data, uint32_t len, const uint8_t *pub, const uint8_t *sig, uint8_t *result)
{
    CALL(ecall_ecdsa_verify(tc_eid, &r, data, len, pub, sig, result));
}

uint32_t tc_ecdsa_verify_hash(const uint8_t *hash, const uint8_t *pub, const uint8_t *sig, uint8_t *result)
{
    CALL(ecall_ecdsa_verify_hash(tc_eid, &r, hash, pub, sig, result));
}

uint32_t tc_rsa_sign(const uint8_t *data, uint32_t len, const uint8_t *key, uint8_t *sig)
{
    CALL(ecall_rsa_sign(tc_eid, &r, data, len, key, sig));
}

uint32_t tc_rsa_verify(const uint8_t *data, uint32_t len, const uint8_t *pub, const uint8_t *sig, int *result)
{
    CALL(ecall_rsa_verify(tc_eid, &r, data, len, pub, sig, result));
}

uint32_t tc_bad_case(uint32_t id)
{
    CALL(ecall_bad_case(tc_eid, &r, id));
}

uint32_t tc_engines(void)
{
    CALL(ecall_engines(tc_eid, &r));
}

uint32_t tc_sha1(const uint8_t *src, uint32_t len, uint32_t chunk, uint8_t *hash)
{
    CALL(ecall_sha1(tc_eid, &r, src, len, chunk, hash));
}

uint32_t tc_gcm_stream(const uint8_t *key, const uint8_t *iv, const uint8_t *aad, uint32_t aad_len,
                       const uint8_t *src, uint32_t len, const uint32_t *splits, uint32_t nsplits, int in_place,
                       uint8_t *dst, uint8_t *tag, uint8_t *first_tag)
{
    CALL(ecall_gcm_stream(tc_eid, &r, key, iv, aad, aad_len, src, len, splits, 4 * nsplits, in_place, dst, tag,
                          first_tag));
}

uint32_t tc_ec_pub_from_priv(const uint8_t *priv, uint8_t *pub)
{
    CALL(ecall_ec_pub_from_priv(tc_eid, &r, priv, pub));
}

uint32_t tc_ecdsa_priv_key(const uint8_t *drg, uint32_t drg_len, const uint8_t *m, uint32_t m_len, uint8_t *out,
                           uint32_t out_len)
{
    CALL(ecall_ecdsa_priv_key(tc_eid, &r, drg, drg_len, m, m_len, out, out_len));
}

uint32_t tc_rsa_keypair(uint32_t n_bytes, uint32_t e_bytes, uint8_t *e, uint8_t *blob, uint32_t blob_len)
{
    CALL(ecall_rsa_keypair(tc_eid, &r, n_bytes, e_bytes, e, blob, blob_len));
}

uint32_t tc_rsa_oaep(int decrypt, int kind, uint32_t mod_size, uint32_t exp_size, const uint8_t *key,
                     uint32_t key_len, const uint8_t *in, uint32_t in_len, uint8_t *out, uint32_t out_cap,
                     uint64_t *out_len)
{
    CALL(ecall_rsa_oaep(tc_eid, &r, decrypt, kind, mod_size, exp_size, key, key_len, in, in_len, out, out_cap,
                        out_len));
}

uint32_t tc_rsa_sign_ex(const uint8_t *data, uint32_t len, const uint8_t *key, const uint8_t *pub, uint8_t *sig)
{
    CALL(ecall_rsa_sign_ex(tc_eid, &r, data, len, key, pub, sig));
}
