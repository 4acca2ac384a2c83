/* sigstruct.c — SIGSTRUCT checks and MRSIGNER (see sigstruct.h). The RSA arithmetic is
 * OpenSSL's BIGNUMs; the signed bytes and the q1/q2 relations are the SDM's. */
#include "sigstruct.h"

#include <stddef.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/evp.h>

_Static_assert(sizeof(vsgx_sigstruct_t) == VSGX_SIGSTRUCT_SIZE, "SIGSTRUCT is 1808 bytes");
_Static_assert(offsetof(vsgx_sigstruct_t, modulus) == 128, "modulus at 128");
_Static_assert(offsetof(vsgx_sigstruct_t, signature) == 516, "signature at 516");
_Static_assert(offsetof(vsgx_sigstruct_t, misc_select) == 900, "misc_select at 900");
_Static_assert(offsetof(vsgx_sigstruct_t, enclave_hash) == 960, "enclave_hash at 960");
_Static_assert(offsetof(vsgx_sigstruct_t, isv_prod_id) == 1024, "isv_prod_id at 1024");
_Static_assert(offsetof(vsgx_sigstruct_t, q1) == 1040, "q1 at 1040");
_Static_assert(offsetof(vsgx_sigstruct_t, q2) == 1424, "q2 at 1424");

static const uint8_t HEADER[12] = { 0x06, 0, 0, 0, 0xE1, 0, 0, 0, 0, 0, 0x01, 0 };
static const uint8_t HEADER2[16] = { 0x01, 0x01, 0, 0, 0x60, 0, 0, 0, 0x60, 0, 0, 0, 0x01, 0, 0, 0 };

/* The DER DigestInfo prefix of SHA-256 in an RSASSA-PKCS1-v1_5 encoding. */
static const uint8_t SHA256_DIGEST_INFO[19] = { 0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                                0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20 };

const char *vsgx_sigstruct_status_text(vsgx_sigstruct_status_t s)
{
    switch (s) {
    case VSGX_SIGSTRUCT_OK: return "the SIGSTRUCT verifies";
    case VSGX_SIGSTRUCT_BAD_SIZE: return "a SIGSTRUCT is 1808 bytes";
    case VSGX_SIGSTRUCT_BAD_HEADER: return "the SIGSTRUCT header is not the fixed value";
    case VSGX_SIGSTRUCT_BAD_EXPONENT: return "the signing key's exponent is not 3";
    case VSGX_SIGSTRUCT_BAD_MODULUS: return "the signing key is not a 3072-bit RSA modulus";
    case VSGX_SIGSTRUCT_BAD_SIGNATURE: return "the RSA signature does not verify";
    case VSGX_SIGSTRUCT_BAD_Q1: return "Q1 is not floor(signature^2 / modulus)";
    case VSGX_SIGSTRUCT_BAD_Q2: return "Q2 is not floor(signature * (signature^2 mod modulus) / modulus)";
    case VSGX_SIGSTRUCT_NO_MEMORY: return "out of memory";
    }
    return "unknown SIGSTRUCT status";
}

/* A little-endian 384-byte integer. */
static BIGNUM *le_bn(const uint8_t *p)
{
    return BN_lebin2bn(p, VSGX_RSA3072_BYTES, NULL);
}

/* The expected PKCS#1 v1.5 encoded message 00 01 FF.. 00 DigestInfo hash, big-endian. */
static void expected_encoding(const vsgx_sigstruct_t *s, uint8_t em[VSGX_RSA3072_BYTES])
{
    uint8_t hash[32];
    EVP_MD_CTX *h = EVP_MD_CTX_new();
    EVP_DigestInit_ex(h, EVP_sha256(), NULL);
    EVP_DigestUpdate(h, s, 128);
    EVP_DigestUpdate(h, (const uint8_t *)s + 900, 128);
    EVP_DigestFinal_ex(h, hash, NULL);
    EVP_MD_CTX_free(h);
    size_t ps = VSGX_RSA3072_BYTES - 3 - sizeof SHA256_DIGEST_INFO - sizeof hash;
    em[0] = 0x00;
    em[1] = 0x01;
    memset(em + 2, 0xFF, ps);
    em[2 + ps] = 0x00;
    memcpy(em + 3 + ps, SHA256_DIGEST_INFO, sizeof SHA256_DIGEST_INFO);
    memcpy(em + 3 + ps + sizeof SHA256_DIGEST_INFO, hash, sizeof hash);
}

vsgx_sigstruct_status_t vsgx_sigstruct_verify(const uint8_t *data, size_t len)
{
    if (len != VSGX_SIGSTRUCT_SIZE)
        return VSGX_SIGSTRUCT_BAD_SIZE;
    vsgx_sigstruct_t s;
    memcpy(&s, data, sizeof s);
    if (memcmp(s.header, HEADER, sizeof HEADER) != 0 || memcmp(s.header2, HEADER2, sizeof HEADER2) != 0)
        return VSGX_SIGSTRUCT_BAD_HEADER;
    if (s.exponent != 3)
        return VSGX_SIGSTRUCT_BAD_EXPONENT;

    vsgx_sigstruct_status_t rc = VSGX_SIGSTRUCT_NO_MEMORY;
    BN_CTX *ctx = BN_CTX_new();
    BIGNUM *n = le_bn(s.modulus), *sig = le_bn(s.signature), *q1 = le_bn(s.q1), *q2 = le_bn(s.q2);
    BIGNUM *sq = BN_new(), *m = BN_new(), *rem = BN_new(), *quot = BN_new(), *prod = BN_new();
    uint8_t em[VSGX_RSA3072_BYTES], got[VSGX_RSA3072_BYTES];
    if (!ctx || !n || !sig || !q1 || !q2 || !sq || !m || !rem || !quot || !prod)
        goto out;
    rc = VSGX_SIGSTRUCT_BAD_MODULUS;
    if (BN_num_bits(n) != 3072 || !BN_is_odd(n))
        goto out;
    /* S < N, and S^3 mod N is the PKCS#1 v1.5 encoding of SHA-256 of the signed bytes. */
    rc = VSGX_SIGSTRUCT_BAD_SIGNATURE;
    if (BN_cmp(sig, n) >= 0 || !BN_mod_sqr(sq, sig, n, ctx) || !BN_mod_mul(m, sq, sig, n, ctx) ||
        BN_bn2binpad(m, got, sizeof got) != (int)sizeof got)
        goto out;
    expected_encoding(&s, em);
    if (memcmp(em, got, sizeof em) != 0)
        goto out;
    /* q1 = floor(S^2 / N); q2 = floor(S * (S^2 mod N) / N). */
    rc = VSGX_SIGSTRUCT_BAD_Q1;
    if (!BN_sqr(prod, sig, ctx) || !BN_div(quot, rem, prod, n, ctx) || BN_cmp(quot, q1) != 0)
        goto out;
    rc = VSGX_SIGSTRUCT_BAD_Q2;
    if (!BN_mul(prod, sig, rem, ctx) || !BN_div(quot, NULL, prod, n, ctx) || BN_cmp(quot, q2) != 0)
        goto out;
    rc = VSGX_SIGSTRUCT_OK;
out:
    BN_free(n);
    BN_free(sig);
    BN_free(q1);
    BN_free(q2);
    BN_free(sq);
    BN_free(m);
    BN_free(rem);
    BN_free(quot);
    BN_free(prod);
    BN_CTX_free(ctx);
    return rc;
}

void vsgx_sigstruct_mrsigner(const vsgx_sigstruct_t *s, uint8_t out[32])
{
    EVP_Digest(s->modulus, sizeof s->modulus, out, NULL, EVP_sha256(), NULL);
}
