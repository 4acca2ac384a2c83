/* rsa.c — RSA-3072 RSASSA-PKCS1-v1_5 with SHA-256 (sgx_rsa3072_sign/verify). Intel's key is
 * (n, d, e) little-endian, without CRT factors, so signing is the plain private operation
 * EM^d mod n: BearSSL's constant-time modular exponentiation (the i62 engine, i31 on CPUs
 * without 64-bit multiplies) run with d as exponent; when e is given the result is checked
 * by raising it to e, so a faulty computation never leaves the enclave. Verification is
 * BearSSL's PKCS#1 v1.5 verifier. The signature is the big-endian octet string. */
#include <string.h>

#include "tcrypto_internal.h"

#define K SGX_RSA3072_KEY_SIZE

static const uint8_t sha256_digest_info[19] = {
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
    0x05, 0x00, 0x04, 0x20,
};

static void sha256(uint8_t out[32], const uint8_t *p, size_t n)
{
    br_sha256_context h;
    br_sha256_init(&h);
    br_sha256_update(&h, p, n);
    br_sha256_out(&h, out);
}

/* The big-endian form of a little-endian exponent, leading zeros dropped; its length. */
static size_t exp_be(uint8_t *out, const uint8_t *le, size_t n)
{
    tc_reverse(out, le, n);
    size_t z = 0;
    while (z < n && out[z] == 0)
        z++;
    memmove(out, out + z, n - z);
    return n - z;
}

sgx_status_t sgx_rsa3072_sign(const uint8_t *p_data, uint32_t data_size, const sgx_rsa3072_key_t *p_key,
                              sgx_rsa3072_signature_t *p_signature)
{
    if (p_data == NULL || data_size < 1 || data_size > TC_MAX_LEN || p_key == NULL || p_signature == NULL)
        return SGX_ERROR_INVALID_PARAMETER;
    sgx_status_t ret = SGX_ERROR_INVALID_PARAMETER;
    uint8_t n[K], d[K], em[K], x[K], e[SGX_RSA3072_PUB_EXP_SIZE];
    br_rsa_public modexp = br_rsa_public_get_default();

    /* EM = 00 01 FF..FF 00 || DigestInfo(SHA-256) || H */
    memset(em, 0xff, sizeof em);
    em[0] = 0x00;
    em[1] = 0x01;
    em[K - 32 - sizeof sha256_digest_info - 1] = 0x00;
    memcpy(em + K - 32 - sizeof sha256_digest_info, sha256_digest_info, sizeof sha256_digest_info);
    sha256(em + K - 32, p_data, data_size);

    tc_reverse(n, p_key->mod, K);
    tc_reverse(d, p_key->d, K);
    if (n[0] == 0)
        goto out;                                    /* not a 3072-bit modulus */
    br_rsa_public_key priv = { n, K, d, K };
    memcpy(x, em, K);
    if (modexp(x, K, &priv) != 1)
        goto out;                                    /* even modulus, or EM >= n */

    size_t elen = exp_be(e, p_key->e, sizeof e);
    if (elen > 0) {
        uint8_t check[K];
        br_rsa_public_key pub = { n, K, e, elen };
        memcpy(check, x, K);
        uint32_t same = modexp(check, K, &pub) == 1 && memcmp(check, em, K) == 0;
        if (!same) {
            ret = SGX_ERROR_UNEXPECTED;              /* wrong d for this e, or a fault */
            goto out;
        }
    }
    memcpy(*p_signature, x, K);
    ret = SGX_SUCCESS;
out:
    tc_wipe(d, sizeof d);
    tc_wipe(x, sizeof x);
    return ret;
}

sgx_status_t sgx_rsa3072_verify(const uint8_t *p_data, uint32_t data_size, const sgx_rsa3072_public_key_t *p_public,
                                const sgx_rsa3072_signature_t *p_signature, sgx_rsa_result_t *p_result)
{
    if (p_data == NULL || data_size < 1 || data_size > TC_MAX_LEN || p_public == NULL || p_signature == NULL
        || p_result == NULL)
        return SGX_ERROR_INVALID_PARAMETER;
    *p_result = SGX_RSA_INVALID_SIGNATURE;
    uint8_t n[K], e[SGX_RSA3072_PUB_EXP_SIZE], want[32], got[32];
    tc_reverse(n, p_public->mod, K);
    size_t elen = exp_be(e, p_public->exp, sizeof e);
    if (n[0] == 0 || elen == 0)
        return SGX_SUCCESS;
    sha256(want, p_data, data_size);
    br_rsa_public_key pk = { n, K, e, elen };
    if (br_rsa_pkcs1_vrfy_get_default()(*p_signature, K, BR_HASH_OID_SHA256, sizeof got, &pk, got) == 1
        && memcmp(got, want, sizeof got) == 0)
        *p_result = SGX_RSA_VALID;
    return SGX_SUCCESS;
}
