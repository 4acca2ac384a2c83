/* test_tcrypto_random.c — sgx_tcrypto against OpenSSL on random inputs (200 per primitive):
 * hashes (SHA-1 too), HMAC (random key and MAC lengths), GCM (both directions, and a flipped
 * bit is MAC_MISMATCH; streaming encryption in random splits equals OpenSSL and the one-shot
 * function), CMAC, CTR (random counters near their wrap, random ctr_inc_bits), ECDSA (the
 * enclave signs and OpenSSL verifies, and the reverse), ECDH (both sides agree), Intel's
 * private key derivation and public keys from private ones, RSA-3072 (the enclave's
 * signatures equal OpenSSL's and verify there; OpenSSL's verify in the enclave) and RSA-OAEP
 * (2048- and 3072-bit keys of OpenSSL and of the enclave's generator: each side decrypts what
 * the other encrypted, with type 1 and type 2 private keys). Streaming APIs are fed in random
 * chunk sizes. */
#include <stdlib.h>
#include <string.h>

#include "tc_host.h"

#define ROUNDS 200
#define MAXLEN 3000

static uint8_t msg[MAXLEN], out[MAXLEN], ref[MAXLEN];

static uint32_t rand_chunk(void)
{
    return tc_rand_below(3) == 0 ? 0 : 1 + tc_rand_below(300);
}

static void test_sha(void **state)
{
    (void)state;
    for (int i = 0; i < ROUNDS; i++) {
        uint32_t bits = i % 2 ? 384 : 256, len = tc_rand_below(MAXLEN);
        uint8_t h[48], want[48];
        tc_rand(msg, len);
        assert_int_equal(tc_sha(bits, msg, len, rand_chunk(), h), SGX_SUCCESS);
        ossl_sha(bits, msg, len, want);
        assert_memory_equal(h, want, bits / 8);
    }
}

static void test_hmac(void **state)
{
    (void)state;
    for (int i = 0; i < ROUNDS; i++) {
        uint32_t len = 1 + tc_rand_below(MAXLEN - 1), klen = 1 + tc_rand_below(200), mlen = 1 + tc_rand_below(32);
        uint8_t key[200], mac[32], want[32];
        tc_rand(msg, len);
        tc_rand(key, klen);
        assert_int_equal(tc_hmac(msg, len, key, klen, mac, mlen, rand_chunk()), SGX_SUCCESS);
        ossl_hmac(key, klen, msg, len, want);
        assert_memory_equal(mac, want, mlen);
    }
}

static void test_gcm(void **state)
{
    (void)state;
    for (int i = 0; i < ROUNDS; i++) {
        uint32_t len = tc_rand_below(MAXLEN), alen = tc_rand_below(100);
        uint8_t key[16], iv[12], aad[100], tag[16], want_tag[16];
        if (len == 0 && alen == 0)
            alen = 1;                                   /* Intel refuses no text and no AAD */
        tc_rand(key, 16);
        tc_rand(iv, 12);
        tc_rand(aad, alen);
        tc_rand(msg, len);
        const uint8_t *a = alen ? aad : NULL;
        assert_int_equal(tc_gcm(1, key, len ? msg : NULL, len, len ? out : NULL, iv, 12, a, alen, tag), SGX_SUCCESS);
        ossl_gcm_encrypt(key, iv, a, alen, msg, len, ref, want_tag);
        assert_memory_equal(out, ref, len);
        assert_memory_equal(tag, want_tag, 16);
        uint8_t back[MAXLEN];
        assert_int_equal(tc_gcm(0, key, len ? ref : NULL, len, len ? back : NULL, iv, 12, a, alen, tag), SGX_SUCCESS);
        assert_memory_equal(back, msg, len);
        /* One flipped bit in the text, the AAD or the tag. */
        uint32_t where = tc_rand_below(3);
        uint8_t *p = tag;
        uint32_t plen = 16;
        if (where == 0 && len > 0) {
            p = ref;
            plen = len;
        } else if (where == 1 && alen > 0) {
            p = aad;
            plen = alen;
        }
        p[tc_rand_below(plen)] ^= (uint8_t)(1u << tc_rand_below(8));
        assert_int_equal(tc_gcm(0, key, len ? ref : NULL, len, len ? back : NULL, iv, 12, a, alen, tag),
                         SGX_ERROR_MAC_MISMATCH);
    }
}

static void test_cmac(void **state)
{
    (void)state;
    for (int i = 0; i < ROUNDS; i++) {
        uint32_t len = 1 + tc_rand_below(MAXLEN - 1);
        uint8_t key[16], tag[16], want[16];
        tc_rand(key, 16);
        tc_rand(msg, len);
        assert_int_equal(tc_cmac(key, msg, len, rand_chunk(), tag), SGX_SUCCESS);
        ossl_cmac(key, msg, len, want);
        assert_memory_equal(tag, want, 16);
    }
}

static void test_ctr(void **state)
{
    (void)state;
    for (int i = 0; i < ROUNDS; i++) {
        uint32_t len = 1 + tc_rand_below(MAXLEN - 1), bits = 1 + tc_rand_below(128);
        static const uint32_t edges[] = { 1, 8, 31, 32, 33, 63, 64, 65, 127, 128 };
        if (i % 2)
            bits = edges[tc_rand_below(10)];
        uint8_t key[16], ctr[16], ref_ctr[16];
        tc_rand(key, 16);
        tc_rand(ctr, 16);
        if (tc_rand_below(2)) {                         /* near a wrap: low bytes all ones */
            uint32_t k = 1 + tc_rand_below(16);
            memset(ctr + 16 - k, 0xff, k);
        }
        if (tc_rand_below(2))
            memset(ctr + 8, 0xff, 8);
        memcpy(ref_ctr, ctr, 16);
        tc_rand(msg, len);
        int enc = (int)tc_rand_below(2);
        assert_int_equal(tc_ctr(enc, key, msg, len, ctr, bits, out), SGX_SUCCESS);
        ossl_ctr_ref(key, ref_ctr, bits, msg, len, ref);
        assert_memory_equal(out, ref, len);
        assert_memory_equal(ctr, ref_ctr, 16);
        if (bits == 128) {                              /* OpenSSL's own CTR mode agrees */
            EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
            uint8_t iv[16];
            int n;
            memcpy(ref_ctr, ctr, 16);
            memcpy(iv, ctr, 16);
            assert_int_equal(tc_ctr(1, key, msg, len, ctr, 128, out), SGX_SUCCESS);
            assert_int_equal(EVP_EncryptInit_ex(c, EVP_aes_128_ctr(), NULL, key, iv), 1);
            assert_int_equal(EVP_EncryptUpdate(c, ref, &n, msg, (int)len), 1);
            EVP_CIPHER_CTX_free(c);
            assert_memory_equal(out, ref, len);
        }
    }
}

static void test_ecdsa(void **state)
{
    (void)state;
    for (int i = 0; i < ROUNDS; i++) {
        uint32_t len = 1 + tc_rand_below(500);
        uint8_t priv[32], pub[64], sig[64], d[32], point[65], r[32], s[32], result = 0xee;
        tc_rand(msg, len);
        if (i % 2 == 0) {                               /* enclave key and signature, OpenSSL verifies */
            assert_int_equal(tc_ec_keypair(priv, pub), SGX_SUCCESS);
            assert_int_equal(tc_ecdsa_sign(msg, len, priv, sig), SGX_SUCCESS);
            tc_pub_be(point, pub);
            tc_sig_be(r, s, sig);
            assert_true(ossl_ecdsa_verify(point, msg, len, r, s));
            msg[0] ^= 1;
            assert_false(ossl_ecdsa_verify(point, msg, len, r, s));
        } else {                                        /* OpenSSL key and signature, enclave verifies */
            ossl_ec_keygen(d, point);
            ossl_ecdsa_sign(d, point, msg, len, r, s);
            tc_pub_le(pub, point);
            tc_sig_le(sig, r, s);
            assert_int_equal(tc_ecdsa_verify(msg, len, pub, sig, &result), SGX_SUCCESS);
            assert_int_equal(result, 0);
            sig[tc_rand_below(64)] ^= (uint8_t)(1u << tc_rand_below(8));
            assert_int_equal(tc_ecdsa_verify(msg, len, pub, sig, &result), SGX_SUCCESS);
            assert_int_equal(result, 17);               /* SGX_EC_INVALID_SIGNATURE */
        }
    }
}

static void test_ecdh(void **state)
{
    (void)state;
    for (int i = 0; i < ROUNDS; i++) {
        uint8_t priv_a[32], pub_a[64], d_a[32], point_a[65], d_b[32], point_b[65], pub_b[64];
        uint8_t shared[32], x_b[32], x_a[32], want[32];
        assert_int_equal(tc_ec_keypair(priv_a, pub_a), SGX_SUCCESS);
        ossl_ec_keygen(d_b, point_b);
        tc_pub_le(pub_b, point_b);
        assert_int_equal(tc_ecdh(priv_a, pub_b, shared), SGX_SUCCESS);
        tc_rev(d_a, priv_a, 32);
        tc_pub_be(point_a, pub_a);
        ossl_ecdh(d_b, point_b, point_a, x_b);          /* B's view: d_b * A */
        ossl_ecdh(d_a, point_a, point_b, x_a);          /* A's key used by OpenSSL */
        tc_rev(want, x_b, 32);
        assert_memory_equal(shared, want, 32);
        assert_memory_equal(x_a, x_b, 32);
    }
}

static void test_rsa(void **state)
{
    (void)state;
    for (int k = 0; k < 4; k++) {
        EVP_PKEY *pk = ossl_rsa_gen();
        uint8_t key[772], pub[388], sig[384], want[384];
        ossl_rsa_export(pk, key, pub);
        for (int i = 0; i < ROUNDS / 4; i++) {
            uint32_t len = 1 + tc_rand_below(1000);
            int result = -1;
            tc_rand(msg, len);
            assert_int_equal(tc_rsa_sign(msg, len, key, sig), SGX_SUCCESS);
            ossl_rsa_sign(pk, msg, len, want);
            assert_memory_equal(sig, want, 384);
            assert_true(ossl_rsa_verify(pk, msg, len, sig));
            assert_int_equal(tc_rsa_verify(msg, len, pub, want, &result), SGX_SUCCESS);
            assert_int_equal(result, 0);
            want[tc_rand_below(384)] ^= (uint8_t)(1u << tc_rand_below(8));
            assert_int_equal(tc_rsa_verify(msg, len, pub, want, &result), SGX_SUCCESS);
            assert_int_equal(result, 1);                /* SGX_RSA_INVALID_SIGNATURE */
        }
        EVP_PKEY_free(pk);
    }
}

static void test_sha1(void **state)
{
    (void)state;
    for (int i = 0; i < ROUNDS; i++) {
        uint32_t len = tc_rand_below(MAXLEN);
        uint8_t h[20], want[20];
        tc_rand(msg, len);
        assert_int_equal(tc_sha1(msg, len, rand_chunk(), h), SGX_SUCCESS);
        ossl_sha1(msg, len, want);
        assert_memory_equal(h, want, 20);
    }
}

static void test_gcm_stream(void **state)
{
    (void)state;
    for (int i = 0; i < ROUNDS; i++) {
        uint32_t len = tc_rand_below(MAXLEN), alen = tc_rand_below(100), nsplits = tc_rand_below(5), splits[4];
        uint8_t key[16], iv[12], aad[100], tag[16], first[16], want_tag[16], one_tag[16];
        for (uint32_t k = 0; k < nsplits; k++)
            splits[k] = 1 + tc_rand_below(tc_rand_below(2) ? 40 : 600);
        tc_rand(key, 16);
        tc_rand(iv, 12);
        tc_rand(aad, alen);
        tc_rand(msg, len);
        const uint8_t *a = alen ? aad : NULL;
        assert_int_equal(tc_gcm_stream(key, iv, a, alen, len ? msg : NULL, len, nsplits ? splits : NULL, nsplits,
                                       (int)tc_rand_below(2), len ? out : NULL, tag, first),
                         SGX_SUCCESS);
        ossl_gcm_encrypt(key, iv, a, alen, msg, len, ref, want_tag);
        assert_memory_equal(out, ref, len);
        assert_memory_equal(tag, want_tag, 16);
        uint32_t first_len = nsplits && splits[0] < len ? splits[0] : len;
        ossl_gcm_encrypt(key, iv, a, alen, msg, first_len, ref, want_tag);
        assert_memory_equal(first, want_tag, 16);
        if (len > 0 || alen > 0) {                      /* the one-shot function agrees */
            uint8_t once[MAXLEN];
            assert_int_equal(tc_gcm(1, key, len ? msg : NULL, len, len ? once : NULL, iv, 12, a, alen, one_tag),
                             SGX_SUCCESS);
            assert_memory_equal(once, out, len);
            assert_memory_equal(one_tag, tag, 16);
        }
    }
}

static void test_ec_derive(void **state)
{
    (void)state;
    uint8_t nm1_be[32], m[32];
    tc_hex(nm1_be, 32, "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632550");
    tc_rev(m, nm1_be, 32);
    for (int i = 0; i < ROUNDS; i++) {
        uint32_t len = 4 * (1 + tc_rand_below(16));
        uint8_t drg[64], d[32], want[32], priv[32], pub[64], point[65], le[64];
        tc_rand(drg, len);
        if (i % 4 == 0)
            memset(drg + len / 2, 0xff, len - len / 2);  /* large values */
        assert_int_equal(tc_ecdsa_priv_key(drg, len, m, 32, d, 32), SGX_SUCCESS);
        ossl_ecdsa_priv_key(drg, len, want);
        assert_memory_equal(d, want, 32);
        tc_rev(priv, d, 32);
        assert_int_equal(tc_ec_pub_from_priv(priv, pub), SGX_SUCCESS);
        ossl_ec_pub_from_priv(d, point);
        tc_pub_le(le, point);
        assert_memory_equal(pub, le, 64);
    }
}

/* Intel's OAEP elements from tc_rsa_keypair's blob (n, d, p, q, dmp1, dmq1, iqmp) and e. */
static void keypair_blobs(size_t mod, const uint8_t *blob, const uint8_t e[4], uint8_t *pub, uint8_t *priv1,
                          uint8_t *priv2)
{
    memcpy(pub, blob, mod);
    memcpy(pub + mod, e, 4);
    memcpy(priv1, blob, mod);
    memcpy(priv1 + mod, e, 4);
    memcpy(priv1 + mod + 4, blob + mod, mod);
    memcpy(priv2, e, 4);
    memcpy(priv2 + 4, blob + 2 * mod, 5 * (mod / 2));
}

static void oaep_rounds(EVP_PKEY *pk, size_t mod, const uint8_t *pub, const uint8_t *priv1, const uint8_t *priv2,
                        int rounds)
{
    uint32_t publen = (uint32_t)mod + 4, p1len = 2 * (uint32_t)mod + 4, p2len = 4 + 5 * (uint32_t)(mod / 2);
    for (int i = 0; i < rounds; i++) {
        uint32_t len = 1 + tc_rand_below((uint32_t)mod - 66);
        uint8_t ct[512], back[512];
        uint64_t ol = sizeof ct;
        size_t n = 0;
        tc_rand(msg, len);
        /* The enclave encrypts, OpenSSL decrypts. */
        assert_int_equal(tc_rsa_oaep(0, 0, (uint32_t)mod, 4, pub, publen, msg, len, ct, sizeof ct, &ol), SGX_SUCCESS);
        assert_int_equal(ol, mod);
        assert_true(ossl_rsa_oaep_decrypt(pk, ct, mod, back, &n));
        assert_int_equal(n, len);
        assert_memory_equal(back, msg, len);
        /* OpenSSL encrypts, the enclave decrypts with either kind of private key. */
        assert_int_equal(ossl_rsa_oaep_encrypt(pk, msg, len, ct), mod);
        int kind = 1 + (i % 2);
        ol = sizeof back;
        memset(back, 0, sizeof back);
        assert_int_equal(tc_rsa_oaep(1, kind, (uint32_t)mod, 4, kind == 1 ? priv1 : priv2, kind == 1 ? p1len : p2len,
                                     ct, (uint32_t)mod, back, sizeof back, &ol),
                         SGX_SUCCESS);
        assert_int_equal(ol, len);
        assert_memory_equal(back, msg, len);
        /* A flipped bit: refused. */
        ct[tc_rand_below((uint32_t)mod)] ^= (uint8_t)(1u << tc_rand_below(8));
        ol = sizeof back;
        uint32_t st = tc_rsa_oaep(1, kind, (uint32_t)mod, 4, kind == 1 ? priv1 : priv2, kind == 1 ? p1len : p2len, ct,
                                  (uint32_t)mod, back, sizeof back, &ol);
        assert_int_equal(st, SGX_ERROR_UNEXPECTED);
    }
}

static void test_rsa_oaep(void **state)
{
    (void)state;
    static const int bits[] = { 2048, 3072 };
    for (int k = 0; k < 2; k++) {
        size_t mod = (size_t)bits[k] / 8;
        EVP_PKEY *pk = ossl_rsa_gen_bits(bits[k]);
        uint8_t pub[516], priv1[1028], priv2[4 + 5 * 256];
        ossl_rsa_blobs(pk, mod, pub, priv1, priv2);
        oaep_rounds(pk, mod, pub, priv1, priv2, ROUNDS / 8);
        EVP_PKEY_free(pk);
    }
}

/* Key pairs from the enclave: OpenSSL accepts them (n = pq, d and the CRT values agree) and
 * OAEP works both ways with them. */
static void test_rsa_keypair(void **state)
{
    (void)state;
    static const uint32_t sizes[] = { 256, 384 };
    for (int k = 0; k < 2; k++) {
        uint32_t mod = sizes[k];
        uint8_t e[4] = { 0x01, 0x00, 0x01, 0x00 };           /* 65537, little-endian */
        uint8_t blob[384 * 2 + 5 * 192], pub[388], priv1[772], priv2[4 + 5 * 192];
        assert_int_equal(tc_rsa_keypair(mod, 4, e, blob, 2 * mod + 5 * (mod / 2)), SGX_SUCCESS);
        assert_int_equal(e[0], 1);
        assert_int_equal(e[2], 1);
        assert_int_equal(blob[mod - 1] & 0x80, 0x80);         /* a full-size modulus */
        EVP_PKEY *pk = ossl_rsa_from_keypair(mod, blob, e);
        assert_int_equal(EVP_PKEY_get_bits(pk), 8 * (int)mod);
        keypair_blobs(mod, blob, e, pub, priv1, priv2);
        oaep_rounds(pk, mod, pub, priv1, priv2, ROUNDS / 8);
        EVP_PKEY_free(pk);
    }
    /* Public exponent 3. */
    uint8_t e3[4] = { 3, 0, 0, 0 }, blob[256 * 2 + 5 * 128];
    assert_int_equal(tc_rsa_keypair(256, 4, e3, blob, sizeof blob), SGX_SUCCESS);
    EVP_PKEY_free(ossl_rsa_from_keypair(256, blob, e3));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha),
        cmocka_unit_test(test_hmac),
        cmocka_unit_test(test_gcm),
        cmocka_unit_test(test_cmac),
        cmocka_unit_test(test_ctr),
        cmocka_unit_test(test_ecdsa),
        cmocka_unit_test(test_ecdh),
        cmocka_unit_test(test_rsa),
        cmocka_unit_test(test_sha1),
        cmocka_unit_test(test_gcm_stream),
        cmocka_unit_test(test_ec_derive),
        cmocka_unit_test(test_rsa_oaep),
        cmocka_unit_test(test_rsa_keypair),
    };
    return cmocka_run_group_tests(tests, tc_setup, tc_teardown);
}
