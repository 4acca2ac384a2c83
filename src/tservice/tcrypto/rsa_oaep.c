/* rsa_oaep.c — RSA-OAEP with SHA-256 (and MGF1-SHA-256, empty label), as Intel's
 * sgx_rsa_pub_encrypt_sha256 / sgx_rsa_priv_decrypt_sha256 do it, on the keys of rsa_key.c.
 * Encryption is BearSSL's OAEP encoder with a seed from an HMAC-DRBG seeded by sgx_read_rand.
 * Decryption raises the ciphertext to d with BearSSL's constant-time engines (CRT with a type 2
 * key, the plain exponentiation of rsa.c with a type 1 key) and removes the padding here, in
 * constant time up to the length of the message. Intel's length protocol: with pout_data NULL,
 * *pout_len is set to the modulus size and nothing else happens; otherwise *pout_len must be at
 * least the modulus size (else SGX_ERROR_INVALID_PARAMETER) and receives the length written.
 * A key of the wrong kind, a message too long, a bad ciphertext or padding give
 * SGX_ERROR_UNEXPECTED, as Intel's IPP errors do. */
#include <string.h>

#include "rsa_key.h"

#define HLEN 32                            /* SHA-256 */

static const uint8_t empty_label_hash[HLEN] = {
    0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb, 0xf4, 0xc8, 0x99, 0x6f, 0xb9, 0x24,
    0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b, 0x93, 0x4c, 0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55,
};

sgx_status_t sgx_rsa_pub_encrypt_sha256(const void *rsa_key, unsigned char *pout_data, size_t *pout_len,
                                        const unsigned char *pin_data, const size_t pin_len)
{
    if (rsa_key == NULL || pout_len == NULL || pin_data == NULL || pin_len < 1 || pin_len >= TC_MAX_LEN)
        return SGX_ERROR_INVALID_PARAMETER;
    struct tc_rsa_key *k = tc_rsa_get(rsa_key, TC_TAG_RSA_PUB);
    if (k == NULL)
        return SGX_ERROR_UNEXPECTED;
    if (pout_data == NULL) {
        *pout_len = k->nlen;
        return SGX_SUCCESS;
    }
    if (*pout_len < k->nlen)
        return SGX_ERROR_INVALID_PARAMETER;
    if (k->nlen < 2 * HLEN + 2 || pin_len > k->nlen - 2 * HLEN - 2)
        return SGX_ERROR_UNEXPECTED;               /* the message does not fit */
    br_hmac_drbg_context drbg;
    if (tc_drbg_seed(&drbg) != 0)
        return SGX_ERROR_UNEXPECTED;
    br_rsa_public_key pk = { k->n, k->nlen, k->e, k->elen };
    size_t n = br_rsa_oaep_encrypt_get_default()(&drbg.vtable, &br_sha256_vtable, NULL, 0, &pk, pout_data,
                                                 *pout_len, pin_data, pin_len);
    tc_wipe(&drbg, sizeof drbg);
    if (n != k->nlen)
        return SGX_ERROR_UNEXPECTED;
    *pout_len = n;
    return SGX_SUCCESS;
}

/* out[0..len) ^= MGF1-SHA-256(seed). */
static void mgf1_xor(uint8_t *out, size_t len, const uint8_t *seed, size_t seed_len)
{
    uint8_t h[HLEN];
    for (uint32_t counter = 0; len > 0; counter++) {
        uint8_t c[4] = { (uint8_t)(counter >> 24), (uint8_t)(counter >> 16), (uint8_t)(counter >> 8),
                         (uint8_t)counter };
        br_sha256_context ctx;
        br_sha256_init(&ctx);
        br_sha256_update(&ctx, seed, seed_len);
        br_sha256_update(&ctx, c, sizeof c);
        br_sha256_out(&ctx, h);
        size_t n = len < HLEN ? len : HLEN;
        for (size_t i = 0; i < n; i++)
            out[i] ^= h[i];
        out += n;
        len -= n;
    }
    tc_wipe(h, sizeof h);
}

/* EME-OAEP decoding of em[k] (RFC 8017, 7.1.2 step 3) in place. Returns 1 and the message's
 * offset and length in em, or 0; which check failed is not revealed. */
static int oaep_decode(uint8_t *em, size_t k, size_t *off, size_t *len)
{
    uint8_t *seed = em + 1, *db = em + 1 + HLEN;
    size_t dblen = k - HLEN - 1;
    mgf1_xor(seed, HLEN, db, dblen);
    mgf1_xor(db, dblen, seed, HLEN);
    uint32_t bad = em[0], looking = 1;
    size_t index = 0;
    for (size_t i = 0; i < HLEN; i++)
        bad |= db[i] ^ empty_label_hash[i];
    for (size_t i = HLEN; i < dblen; i++) {
        uint32_t is0 = ((uint32_t)db[i] - 1) >> 31;
        uint32_t is1 = ((uint32_t)(db[i] ^ 1) - 1) >> 31;
        index |= ((size_t)0 - (size_t)(looking & is1)) & i;
        bad |= looking & (is0 ^ 1) & (is1 ^ 1);  /* neither padding nor the 01 separator */
        looking &= is1 ^ 1;
    }
    bad |= looking;                               /* no separator */
    if (bad != 0)
        return 0;
    *off = 1 + HLEN + index + 1;
    *len = dblen - index - 1;
    return 1;
}

sgx_status_t sgx_rsa_priv_decrypt_sha256(const void *rsa_key, unsigned char *pout_data, size_t *pout_len,
                                         const unsigned char *pin_data, const size_t pin_len)
{
    if (rsa_key == NULL || pout_len == NULL || pin_data == NULL || pin_len < 1 || pin_len >= TC_MAX_LEN)
        return SGX_ERROR_INVALID_PARAMETER;
    struct tc_rsa_key *k = tc_rsa_get(rsa_key, TC_TAG_RSA_PRIV);
    if (k == NULL)
        return SGX_ERROR_UNEXPECTED;
    size_t klen = k->nlen;
    if (pout_data == NULL) {
        *pout_len = klen;
        return SGX_SUCCESS;
    }
    if (*pout_len < klen)
        return SGX_ERROR_INVALID_PARAMETER;
    if (klen < 2 * HLEN + 2 || pin_len > klen)
        return SGX_ERROR_UNEXPECTED;
    /* A shorter ciphertext is the same number with its leading zeros left out. */
    uint8_t em[TC_RSA_MAX];
    memset(em, 0, klen - pin_len);
    memcpy(em + klen - pin_len, pin_data, pin_len);
    if (memcmp(em, k->n, klen) >= 0)
        return SGX_ERROR_UNEXPECTED;             /* not below the modulus */
    sgx_status_t ret = SGX_ERROR_UNEXPECTED;
    uint32_t ok;
    if (k->crt) {
        ok = br_rsa_private_get_default()(em, &k->sk);
    } else {
        br_rsa_public_key priv = { k->n, k->nlen, k->d, k->dlen };
        ok = br_rsa_public_get_default()(em, klen, &priv);
    }
    size_t off, len;
    if (ok == 1 && oaep_decode(em, klen, &off, &len)) {
        memcpy(pout_data, em + off, len);
        *pout_len = len;
        ret = SGX_SUCCESS;
    }
    tc_wipe(em, sizeof em);
    return ret;
}
