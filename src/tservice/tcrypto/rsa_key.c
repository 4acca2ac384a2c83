/* rsa_key.c — RSA keys for OAEP (sgx_create_rsa_key_pair, sgx_create_rsa_pub1_key,
 * sgx_create_rsa_priv1_key, sgx_create_rsa_priv2_key, sgx_free_rsa_key). Intel's inputs and
 * outputs are little-endian integers; its IPP big numbers are arrays of 32-bit words, so sizes
 * that are not multiples of 4 bytes (8 for the modulus of a CRT key, whose factors take half)
 * fail as in Intel's library, with SGX_ERROR_UNEXPECTED, as does a key IPP would refuse (even
 * or zero modulus, zero exponent). Keys are heap states tagged public or private; sizes go up
 * to BearSSL's limit of 4096-bit moduli. Key pairs come from BearSSL's generator (p and q of
 * half the size each, both 3 mod 4) with an HMAC-DRBG seeded from sgx_read_rand. */
#include <stdlib.h>
#include <string.h>

#include "rsa_key.h"

struct tc_rsa_key *tc_rsa_get(const void *h, uint32_t tag)
{
    struct tc_rsa_key *k = (struct tc_rsa_key *)(uintptr_t)h;
    return k->tag == tag ? k : NULL;
}

/* The little-endian le[len] as big-endian without leading zeros into out[cap]; its length, or
 * SIZE_MAX if it does not fit. */
static size_t be_from_le(uint8_t *out, size_t cap, const uint8_t *le, size_t len)
{
    while (len > 0 && le[len - 1] == 0)
        len--;
    if (len > cap)
        return SIZE_MAX;
    for (size_t i = 0; i < len; i++)
        out[i] = le[len - 1 - i];
    return len;
}

/* The big-endian be[len] as a little-endian integer of exactly size bytes; 0 if it does not fit. */
static int le_from_be(uint8_t *out, size_t size, const uint8_t *be, size_t len)
{
    while (len > 0 && be[0] == 0) {
        be++;
        len--;
    }
    if (len > size)
        return 0;
    memset(out, 0, size);
    for (size_t i = 0; i < len; i++)
        out[i] = be[len - 1 - i];
    return 1;
}

static int odd(const uint8_t *be, size_t len)
{
    return len > 0 && (be[len - 1] & 1);
}

static struct tc_rsa_key *key_new(uint32_t tag)
{
    struct tc_rsa_key *k = malloc(sizeof *k);
    if (k != NULL) {
        memset(k, 0, sizeof *k);
        k->tag = tag;
    }
    return k;
}

static void key_free(struct tc_rsa_key *k)
{
    if (k != NULL) {
        tc_wipe(k, sizeof *k);
        free(k);
    }
}

sgx_status_t sgx_create_rsa_pub1_key(int mod_size, int exp_size, const unsigned char *le_n, const unsigned char *le_e,
                                     void **new_pub_key1)
{
    if (new_pub_key1 == NULL || mod_size <= 0 || exp_size <= 0 || le_n == NULL || le_e == NULL)
        return SGX_ERROR_INVALID_PARAMETER;
    if (mod_size % 4 != 0 || exp_size % 4 != 0)
        return SGX_ERROR_UNEXPECTED;
    struct tc_rsa_key *k = key_new(TC_TAG_RSA_PUB);
    if (k == NULL)
        return SGX_ERROR_OUT_OF_MEMORY;
    k->nlen = be_from_le(k->n, TC_RSA_MAX, le_n, (size_t)mod_size);
    k->elen = be_from_le(k->e, TC_RSA_MAX, le_e, (size_t)exp_size);
    if (k->nlen == SIZE_MAX || k->elen == SIZE_MAX || !odd(k->n, k->nlen) || k->elen == 0) {
        key_free(k);
        return SGX_ERROR_UNEXPECTED;
    }
    *new_pub_key1 = k;
    return SGX_SUCCESS;
}

/* 1 if the big-endian a < b (no leading zeros in either). */
static int less(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
    if (alen != blen)
        return alen < blen;
    return memcmp(a, b, alen) < 0;
}

sgx_status_t sgx_create_rsa_priv1_key(int n_byte_size, int e_byte_size, int d_byte_size, const unsigned char *le_n,
                                      const unsigned char *le_e, const unsigned char *le_d, void **new_pri_key1)
{
    if (n_byte_size <= 0 || e_byte_size <= 0 || d_byte_size <= 0 || new_pri_key1 == NULL || le_n == NULL
        || le_e == NULL || le_d == NULL)
        return SGX_ERROR_INVALID_PARAMETER;
    if (n_byte_size % 4 != 0 || d_byte_size % 4 != 0)
        return SGX_ERROR_UNEXPECTED;
    struct tc_rsa_key *k = key_new(TC_TAG_RSA_PRIV);
    if (k == NULL)
        return SGX_ERROR_OUT_OF_MEMORY;
    k->nlen = be_from_le(k->n, TC_RSA_MAX, le_n, (size_t)n_byte_size);
    k->dlen = be_from_le(k->d, TC_RSA_MAX, le_d, (size_t)d_byte_size);
    if (k->nlen == SIZE_MAX || k->dlen == SIZE_MAX || !odd(k->n, k->nlen) || k->dlen == 0
        || !less(k->d, k->dlen, k->n, k->nlen)) {
        key_free(k);
        return SGX_ERROR_UNEXPECTED;
    }
    *new_pri_key1 = k;
    return SGX_SUCCESS;
}

/* Fills k->sk from the factors already in k, and k->n from p*q. */
static int crt_key(struct tc_rsa_key *k, size_t plen, size_t qlen, size_t dplen, size_t dqlen, size_t iqlen)
{
    uint8_t n[2 * TC_RSA_FACTOR_MAX];
    br_rsa_private_key *sk = &k->sk;
    if (!odd(k->p, plen) || !odd(k->q, qlen) || dplen == 0 || dqlen == 0 || iqlen == 0)
        return 0;
    sk->p = k->p;
    sk->plen = plen;
    sk->q = k->q;
    sk->qlen = qlen;
    sk->dp = k->dp;
    sk->dplen = dplen;
    sk->dq = k->dq;
    sk->dqlen = dqlen;
    sk->iq = k->iq;
    sk->iqlen = iqlen;
    sk->n_bitlen = (uint32_t)(8 * (plen + qlen));    /* room for p*q, trimmed below */
    if (br_rsa_compute_modulus_get_default()(n, sk) != plen + qlen)
        return 0;
    size_t z = 0;
    while (z < plen + qlen && n[z] == 0)
        z++;
    if (plen + qlen - z > TC_RSA_MAX)
        return 0;
    k->nlen = plen + qlen - z;
    memcpy(k->n, n + z, k->nlen);
    uint32_t bits = 8 * (uint32_t)k->nlen;
    for (uint8_t top = k->n[0]; !(top & 0x80); top <<= 1)
        bits--;
    sk->n_bitlen = bits;
    return 1;
}

sgx_status_t sgx_create_rsa_priv2_key(int mod_size, int exp_size, const unsigned char *p_rsa_key_e,
                                      const unsigned char *p_rsa_key_p, const unsigned char *p_rsa_key_q,
                                      const unsigned char *p_rsa_key_dmp1, const unsigned char *p_rsa_key_dmq1,
                                      const unsigned char *p_rsa_key_iqmp, void **new_pri_key2)
{
    (void)exp_size;                                  /* e is not needed, and Intel does not look at it */
    (void)p_rsa_key_e;
    if (mod_size <= 0 || p_rsa_key_p == NULL || p_rsa_key_q == NULL || p_rsa_key_dmp1 == NULL
        || p_rsa_key_dmq1 == NULL || p_rsa_key_iqmp == NULL || new_pri_key2 == NULL)
        return SGX_ERROR_INVALID_PARAMETER;
    size_t f = (size_t)mod_size / 2;
    if (f == 0 || f % 4 != 0)
        return SGX_ERROR_UNEXPECTED;
    struct tc_rsa_key *k = key_new(TC_TAG_RSA_PRIV);
    if (k == NULL)
        return SGX_ERROR_OUT_OF_MEMORY;
    k->crt = 1;
    size_t plen = be_from_le(k->p, TC_RSA_FACTOR_MAX, p_rsa_key_p, f);
    size_t qlen = be_from_le(k->q, TC_RSA_FACTOR_MAX, p_rsa_key_q, f);
    size_t dplen = be_from_le(k->dp, TC_RSA_FACTOR_MAX, p_rsa_key_dmp1, f);
    size_t dqlen = be_from_le(k->dq, TC_RSA_FACTOR_MAX, p_rsa_key_dmq1, f);
    size_t iqlen = be_from_le(k->iq, TC_RSA_FACTOR_MAX, p_rsa_key_iqmp, f);
    if (plen == SIZE_MAX || qlen == SIZE_MAX || dplen == SIZE_MAX || dqlen == SIZE_MAX || iqlen == SIZE_MAX
        || !crt_key(k, plen, qlen, dplen, dqlen, iqlen)) {
        key_free(k);
        return SGX_ERROR_UNEXPECTED;
    }
    *new_pri_key2 = k;
    return SGX_SUCCESS;
}

/* A NULL key is SGX_SUCCESS, as in Intel's library. key_type and the sizes are not needed: the
 * handle knows its kind. Something that is not an RSA key is refused rather than freed. */
sgx_status_t sgx_free_rsa_key(void *p_rsa_key, sgx_rsa_key_type_t key_type, int mod_size, int exp_size)
{
    (void)key_type;
    (void)mod_size;
    (void)exp_size;
    if (p_rsa_key == NULL)
        return SGX_SUCCESS;
    struct tc_rsa_key *k = tc_rsa_get(p_rsa_key, TC_TAG_RSA_PRIV);
    if (k == NULL)
        k = tc_rsa_get(p_rsa_key, TC_TAG_RSA_PUB);
    if (k == NULL)
        return SGX_ERROR_INVALID_PARAMETER;
    key_free(k);
    return SGX_SUCCESS;
}

sgx_status_t sgx_create_rsa_key_pair(int n_byte_size, int e_byte_size, unsigned char *p_n, unsigned char *p_d,
                                     unsigned char *p_e, unsigned char *p_p, unsigned char *p_q,
                                     unsigned char *p_dmp1, unsigned char *p_dmq1, unsigned char *p_iqmp)
{
    if (n_byte_size <= 0 || e_byte_size <= 0 || p_n == NULL || p_d == NULL || p_e == NULL || p_p == NULL
        || p_q == NULL || p_dmp1 == NULL || p_dmq1 == NULL || p_iqmp == NULL)
        return SGX_ERROR_INVALID_PARAMETER;
    if (n_byte_size % 8 != 0 || e_byte_size % 4 != 0 || n_byte_size < 64 || n_byte_size > TC_RSA_MAX)
        return SGX_ERROR_UNEXPECTED;
    /* p_e is the public exponent to use: odd, above 1, at most 32 bits (BearSSL's limit). */
    uint32_t e = 0;
    for (int i = e_byte_size - 1; i >= 0; i--) {
        if (i >= 4 && p_e[i] != 0)
            return SGX_ERROR_UNEXPECTED;
        if (i < 4)
            e = (e << 8) | p_e[i];
    }
    if (e < 3 || !(e & 1))
        return SGX_ERROR_UNEXPECTED;

    sgx_status_t ret = SGX_ERROR_UNEXPECTED;
    br_hmac_drbg_context drbg;
    br_rsa_private_key sk;
    uint8_t kbuf[BR_RSA_KBUF_PRIV_SIZE(TC_RSA_MAX * 8)], n[TC_RSA_MAX], d[TC_RSA_MAX];
    size_t half = (size_t)n_byte_size / 2, size = (size_t)n_byte_size;
    if (tc_drbg_seed(&drbg) != 0)
        goto out;
    if (br_rsa_keygen_get_default()(&drbg.vtable, &sk, kbuf, NULL, NULL, 8 * (unsigned)size, e) != 1)
        goto out;
    size_t nlen = br_rsa_compute_modulus_get_default()(n, &sk);
    size_t dlen = br_rsa_compute_privexp_get_default()(d, &sk, e);
    if (nlen != size || dlen == 0)
        goto out;
    uint8_t ebe[4] = { (uint8_t)(e >> 24), (uint8_t)(e >> 16), (uint8_t)(e >> 8), (uint8_t)e };
    if (!le_from_be(p_n, size, n, nlen) || !le_from_be(p_d, size, d, dlen)
        || !le_from_be(p_e, (size_t)e_byte_size, ebe, 4) || !le_from_be(p_p, half, sk.p, sk.plen)
        || !le_from_be(p_q, half, sk.q, sk.qlen) || !le_from_be(p_dmp1, half, sk.dp, sk.dplen)
        || !le_from_be(p_dmq1, half, sk.dq, sk.dqlen) || !le_from_be(p_iqmp, half, sk.iq, sk.iqlen))
        goto out;
    ret = SGX_SUCCESS;
out:
    tc_wipe(&drbg, sizeof drbg);
    tc_wipe(kbuf, sizeof kbuf);
    tc_wipe(d, sizeof d);
    tc_wipe(&sk, sizeof sk);
    return ret;
}
