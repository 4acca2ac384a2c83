/* test_tcrypto_kat_pk.c — sgx_tcrypto's public-key known answers, run in the test enclave:
 * ECDSA P-256 verification of NIST CAVP SigVer records (one that passes, one with S changed
 * that fails), ECDSA signing against RFC 6979 A.2.5 (the enclave's nonces are RFC 6979's, so
 * its signatures are those), ECDH against NIST CAVS ECC CDH primitive records (both sides),
 * and RSA-3072 PKCS#1 v1.5 signing with a known key against OpenSSL's (deterministic)
 * signature. The NIST values are big-endian; the test turns them into Intel's little-endian
 * layouts itself. */
#include <string.h>

#include <openssl/sha.h>

#include "tc_host.h"

static void pub_from_hex(uint8_t le[64], const char *qx, const char *qy)
{
    uint8_t point[65] = { 0x04 };
    tc_hex(point + 1, 32, qx);
    tc_hex(point + 33, 32, qy);
    tc_pub_le(le, point);
}

static void sig_from_hex(uint8_t le[64], const char *r_hex, const char *s_hex)
{
    uint8_t r[32], s[32];
    tc_hex(r, 32, r_hex);
    tc_hex(s, 32, s_hex);
    tc_sig_le(le, r, s);
}

static const struct {
    const char *msg, *qx, *qy, *r, *s;
    uint8_t result;
} sigver[] = {
    { "e1130af6a38ccb412a9c8d13e15dbfc9e69a16385af3c3f1e5da954fd5e7c45fd75e2b8c36699228e92840c0562fbf3772f07e17f1add56588dd45f7450e1217ad239922dd9c32695dc71ff2424ca0dec1321aa47064a044b7fe3c2b97d03ce470a592304c5ef21eed9f93da56bb232d1eeb0035f9bf0dfafdcc4606272b20a3",
      "e424dc61d4bb3cb7ef4344a7f8957a0c5134e16f7a67c074f82e6e12f49abf3c",
      "970eed7aa2bc48651545949de1dddaf0127e5965ac85d1243d6f60e7dfaee927",
      "bf96b99aa49c705c910be33142017c642ff540c76349b9dab72f981fd9347f4f",
      "17c55095819089c2e03b9cd415abdf12444e323075d98f31920b9e0f57ec871c", 0 /* SGX_EC_VALID */ },
    { "e4796db5f785f207aa30d311693b3702821dff1168fd2e04c0836825aefd850d9aa60326d88cde1a23c7745351392ca2288d632c264f197d05cd424a30336c19fd09bb229654f0222fcb881a4b35c290a093ac159ce13409111ff0358411133c24f5b8e2090d6db6558afc36f06ca1f6ef779785adba68db27a409859fc4c4a0",
      "87f8f2b218f49845f6f10eec3877136269f5c1a54736dbdf69f89940cad41555",
      "e15f369036f49842fac7a86c8a2b0557609776814448b8f5e84aa9f4395205e9",
      "d19ff48b324915576416097d2544f7cbdf8768b1454ad20e0baac50e211f23b0",
      "a3e81e59311cdfff2d4784949f7a2cb50ba6c3a91fa54710568e61aca3e847c6", 17 /* SGX_EC_INVALID_SIGNATURE */ },
};

static void test_ecdsa_sigver(void **state)
{
    (void)state;
    for (size_t i = 0; i < 2; i++) {
        uint8_t msg[128], pub[64], sig[64], hash[32], result = 0xee;
        size_t len = tc_hex(msg, sizeof msg, sigver[i].msg);
        pub_from_hex(pub, sigver[i].qx, sigver[i].qy);
        sig_from_hex(sig, sigver[i].r, sigver[i].s);
        assert_int_equal(tc_ecdsa_verify(msg, (uint32_t)len, pub, sig, &result), SGX_SUCCESS);
        assert_int_equal(result, sigver[i].result);
        SHA256(msg, len, hash);
        result = 0xee;
        assert_int_equal(tc_ecdsa_verify_hash(hash, pub, sig, &result), SGX_SUCCESS);
        assert_int_equal(result, sigver[i].result);
        int valid = 0;
        assert_int_equal(tc_ec_check_point(pub, &valid), SGX_SUCCESS);
        assert_int_equal(valid, 1);
    }
}

static void test_ecdsa_rfc6979(void **state)
{
    (void)state;
    static const struct { const char *msg, *r, *s; } rfc[] = {
        { "sample", "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716",
          "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8" },
        { "test", "f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367",
          "019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083" },
    };
    uint8_t x[32], priv[32], pub[64], sig[64], want[64], result = 0xee;
    tc_hex(x, 32, "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721");
    tc_rev(priv, x, 32);
    pub_from_hex(pub, "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6",
                 "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299");
    for (size_t i = 0; i < 2; i++) {
        const uint8_t *m = (const uint8_t *)rfc[i].msg;
        uint32_t len = (uint32_t)strlen(rfc[i].msg);
        assert_int_equal(tc_ecdsa_sign(m, len, priv, sig), SGX_SUCCESS);
        sig_from_hex(want, rfc[i].r, rfc[i].s);
        assert_memory_equal(sig, want, 64);
        assert_int_equal(tc_ecdsa_verify(m, len, pub, sig, &result), SGX_SUCCESS);
        assert_int_equal(result, 0);
    }
}

static void test_ecdh(void **state)
{
    (void)state;
    /* CAVS 14.1 ECC CDH primitive, P-256, COUNT 0 and 1: QCAVS, dIUT, QIUT, ZIUT. */
    static const char *cdh[2][6] = {
        { "700c48f77f56584c5cc632ca65640db91b6bacce3a4df6b42ce7cc838833d287",
          "db71e509e3fd9b060ddb20ba5c51dcc5948d46fbf640dfe0441782cab85fa4ac",
          "7d7dc5f71eb29ddaf80d6214632eeae03d9058af1fb6d22ed80badb62bc1a534",
          "ead218590119e8876b29146ff89ca61770c4edbbf97d38ce385ed281d8a6b230",
          "28af61281fd35e2fa7002523acc85a429cb06ee6648325389f59edfce1405141",
          "46fc62106420ff012e54a434fbdd2d25ccc5852060561e68040dd7778997bd7b" },
        { "809f04289c64348c01515eb03d5ce7ac1a8cb9498f5caa50197e58d43a86a7ae",
          "b29d84e811197f25eba8f5194092cb6ff440e26d4421011372461f579271cda3",
          "38f65d6dce47676044d58ce5139582d568f64bb16098d179dbab07741dd5caf5",
          "119f2f047902782ab0c9e27a54aff5eb9b964829ca99c06b02ddba95b0a3f6d0",
          "8f52b726664cac366fc98ac7a012b2682cbd962e5acb544671d41b9445704d1d",
          "057d636096cb80b67a8c038c890e887d1adfa4195e9b3ce241c8a778c59cda67" },
    };
    for (size_t i = 0; i < 2; i++) {
        uint8_t peer[64], d[32], priv[32], z[32], want[32], shared[32];
        pub_from_hex(peer, cdh[i][0], cdh[i][1]);
        tc_hex(d, 32, cdh[i][2]);
        tc_rev(priv, d, 32);
        tc_hex(z, 32, cdh[i][5]);
        tc_rev(want, z, 32);                            /* Intel's shared key is little-endian */
        assert_int_equal(tc_ecdh(priv, peer, shared), SGX_SUCCESS);
        assert_memory_equal(shared, want, 32);
        /* The IUT's public key is d*G: ECDSA with d verifies under it. */
        uint8_t qiut[64], sig[64], result = 0xee;
        pub_from_hex(qiut, cdh[i][3], cdh[i][4]);
        assert_int_equal(tc_ecdsa_sign(d, 32, priv, sig), SGX_SUCCESS);
        assert_int_equal(tc_ecdsa_verify(d, 32, qiut, sig, &result), SGX_SUCCESS);
        assert_int_equal(result, 0);
    }
}

static void test_rsa(void **state)
{
    (void)state;
    EVP_PKEY *pk = ossl_rsa_load(TC_RSA_KEY);
    uint8_t key[772], pub[388], sig[384], want[384];
    ossl_rsa_export(pk, key, pub);
    static const char *msgs[] = { "a", "abc", "The quick brown fox jumps over the lazy dog" };
    for (size_t i = 0; i < 3; i++) {
        const uint8_t *m = (const uint8_t *)msgs[i];
        uint32_t len = (uint32_t)strlen(msgs[i]);
        int result = -1;
        ossl_rsa_sign(pk, m, len, want);
        assert_int_equal(tc_rsa_sign(m, len, key, sig), SGX_SUCCESS);
        assert_memory_equal(sig, want, 384);
        assert_int_equal(tc_rsa_verify(m, len, pub, want, &result), SGX_SUCCESS);
        assert_int_equal(result, 0);                    /* SGX_RSA_VALID */
    }
    EVP_PKEY_free(pk);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ecdsa_sigver),
        cmocka_unit_test(test_ecdsa_rfc6979),
        cmocka_unit_test(test_ecdh),
        cmocka_unit_test(test_rsa),
    };
    return cmocka_run_group_tests(tests, tc_setup, tc_teardown);
}
