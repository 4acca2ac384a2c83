/* test_tcrypto_kat_pk.c — sgx_tcrypto's public-key known answers, run in the test enclave:
 * ECDSA P-256 verification of NIST CAVP SigVer records (one that passes, one with S changed
 * that fails), ECDSA signing against RFC 6979 A.2.5 (the enclave's nonces are RFC 6979's, so
 * its signatures are those), ECDH against NIST CAVS ECC CDH primitive records (both sides),
 * RSA-3072 PKCS#1 v1.5 signing with a known key against OpenSSL's (deterministic) signature
 * (also through sgx_rsa3072_sign_ex), public keys from private ones (RFC 6979 and CAVS keys),
 * Intel's private key derivation against values computed independently with OpenSSL's BN, and
 * RSA-OAEP SHA-256 decryption of Wycheproof's 2048-bit vectors with type 1 and type 2 keys.
 * The NIST values are big-endian; the test turns them into Intel's little-endian layouts
 * itself. */
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

static void test_rsa_sign_ex(void **state)
{
    (void)state;
    EVP_PKEY *pk = ossl_rsa_load(TC_RSA_KEY), *other = ossl_rsa_gen();
    uint8_t key[772], pub[388], okey[772], opub[388], sig[384], want[384];
    ossl_rsa_export(pk, key, pub);
    ossl_rsa_export(other, okey, opub);
    const uint8_t *m = (const uint8_t *)"sign_ex";
    ossl_rsa_sign(pk, m, 7, want);
    assert_int_equal(tc_rsa_sign_ex(m, 7, key, pub, sig), SGX_SUCCESS);
    assert_memory_equal(sig, want, 384);
    assert_int_equal(tc_rsa_sign_ex(m, 7, key, NULL, sig), SGX_SUCCESS);     /* no check: sgx_rsa3072_sign */
    assert_memory_equal(sig, want, 384);
    /* A public key that is not this key's: the signature is replaced by random bytes. */
    assert_int_equal(tc_rsa_sign_ex(m, 7, key, opub, sig), SGX_ERROR_INVALID_PARAMETER);
    assert_memory_not_equal(sig, want, 384);
    assert_int_equal(tc_rsa_sign_ex(NULL, 7, key, pub, sig), SGX_ERROR_INVALID_PARAMETER);
    EVP_PKEY_free(other);
    EVP_PKEY_free(pk);
}

/* sgx_ecc256_calculate_pub_from_priv: RFC 6979 A.2.5's key and the CAVS ECC CDH IUT keys. */
static void test_pub_from_priv(void **state)
{
    (void)state;
    static const char *keys[][3] = {
        { "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721",
          "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6",
          "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299" },
        { "7d7dc5f71eb29ddaf80d6214632eeae03d9058af1fb6d22ed80badb62bc1a534",
          "ead218590119e8876b29146ff89ca61770c4edbbf97d38ce385ed281d8a6b230",
          "28af61281fd35e2fa7002523acc85a429cb06ee6648325389f59edfce1405141" },
        { "38f65d6dce47676044d58ce5139582d568f64bb16098d179dbab07741dd5caf5",
          "119f2f047902782ab0c9e27a54aff5eb9b964829ca99c06b02ddba95b0a3f6d0",
          "8f52b726664cac366fc98ac7a012b2682cbd962e5acb544671d41b9445704d1d" },
    };
    for (size_t i = 0; i < 3; i++) {
        uint8_t d[32], priv[32], pub[64], want[64];
        tc_hex(d, 32, keys[i][0]);
        tc_rev(priv, d, 32);
        pub_from_hex(want, keys[i][1], keys[i][2]);
        assert_int_equal(tc_ec_pub_from_priv(priv, pub), SGX_SUCCESS);
        assert_memory_equal(pub, want, 64);
    }
    /* Private key 1 gives G, n-1 gives -G. */
    uint8_t one[32] = { 1 }, pub[64], g[64], nm1[32], d[32];
    pub_from_hex(g, "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296",
                 "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5");
    assert_int_equal(tc_ec_pub_from_priv(one, pub), SGX_SUCCESS);
    assert_memory_equal(pub, g, 64);
    tc_hex(d, 32, "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632550");
    tc_rev(nm1, d, 32);
    assert_int_equal(tc_ec_pub_from_priv(nm1, pub), SGX_SUCCESS);
    assert_memory_equal(pub, g, 32);                                       /* same x */
    assert_memory_not_equal(pub + 32, g + 32, 32);
}

/* Intel's derivation, d = (c mod (n-1)) + 1 with c the little-endian hash_drg, d big-endian:
 * edge values whose results follow from the formula alone, and 320-bit inputs against
 * OpenSSL's BN. The derived key's public key is OpenSSL's d*G. */
static void test_ecdsa_priv_key(void **state)
{
    (void)state;
    uint8_t nm1_be[32], m[32], drg[64], out[32], want[32], point[65], pub[64], priv[32];
    tc_hex(nm1_be, 32, "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632550");
    tc_rev(m, nm1_be, 32);                                                 /* n - 1, little-endian */
    /* c = 0 and c = n - 1: d = 1. c = n - 2: d = n - 1. c = n: d = 2. */
    static const uint8_t one_be[32] = { [31] = 1 }, two_be[32] = { [31] = 2 };
    memset(drg, 0, 32);
    assert_int_equal(tc_ecdsa_priv_key(drg, 32, m, 32, out, 32), SGX_SUCCESS);
    assert_memory_equal(out, one_be, 32);
    memcpy(drg, m, 32);
    assert_int_equal(tc_ecdsa_priv_key(drg, 32, m, 32, out, 32), SGX_SUCCESS);
    assert_memory_equal(out, one_be, 32);
    drg[0]--;                                                              /* n - 2 */
    assert_int_equal(tc_ecdsa_priv_key(drg, 32, m, 32, out, 32), SGX_SUCCESS);
    assert_memory_equal(out, nm1_be, 32);
    drg[0] += 2;                                                           /* n */
    assert_int_equal(tc_ecdsa_priv_key(drg, 32, m, 32, out, 32), SGX_SUCCESS);
    assert_memory_equal(out, two_be, 32);
    /* The byte order of c: little-endian. c = 1 followed by zeros (40 bytes) is 1: d = 2. */
    memset(drg, 0, 40);
    drg[0] = 1;
    assert_int_equal(tc_ecdsa_priv_key(drg, 40, m, 32, out, 32), SGX_SUCCESS);
    assert_memory_equal(out, two_be, 32);
    /* 320-bit inputs (FIPS 186-4 B.4.1 takes 64 extra bits): all ones, and fixed patterns. */
    for (int k = 0; k < 4; k++) {
        for (int i = 0; i < 40; i++)
            drg[i] = k == 0 ? 0xff : (uint8_t)(0x11 * (k + 1) + 7 * i);
        ossl_ecdsa_priv_key(drg, 40, want);
        memset(out, 0, 32);
        assert_int_equal(tc_ecdsa_priv_key(drg, 40, m, 32, out, 32), SGX_SUCCESS);
        assert_memory_equal(out, want, 32);
        tc_rev(priv, out, 32);
        assert_int_equal(tc_ec_pub_from_priv(priv, pub), SGX_SUCCESS);
        ossl_ec_pub_from_priv(out, point);
        uint8_t le[64];
        tc_pub_le(le, point);
        assert_memory_equal(pub, le, 64);
    }
    /* out_key_len larger than 32: 32 bytes written. */
    uint8_t big[48];
    memset(big, 0xee, sizeof big);
    assert_int_equal(tc_ecdsa_priv_key(drg, 40, m, 32, big, sizeof big), SGX_SUCCESS);
    assert_memory_equal(big, want, 32);
}

/* Wycheproof rsa_oaep_2048_sha256_mgf1sha256_test.json: the key (PKCS#8) and tcId 1, 2, 3, 6
 * and 7 (empty label). */
static const char *wp_key =
    "308204bd020100300d06092a864886f70d0101010500048204a7308204a30201000282010100a2b451a07d0aa5f96e455671513550514a8a5b462ebef717094fa1fee82224e637f9746d3f7cafd31878d80325b6ef5a1700f65903b469429e89d6eac8845097b5ab393189db92512ed8a7711a1253facd20f79c15e8247f3d3e42e46e48c98e254a2fe9765313a03eff8f17e1a029397a1fa26a8dce26f490ed81299615d9814c22da610428e09c7d9658594266f5c021d0fceca08d945a12be82de4d1ece6b4c03145b5d3495d4ed5411eb878daf05fd7afc3e09ada0f1126422f590975a1969816f48698bcbba1b4d9cae79d460d8f9f85e7975005d9bc22c4e5ac0f7c1a45d12569a62807d3b9a02e5a530e773066f453d1f5b4c2e9cf7820283f742b9d50203010001028201007627eef3567b2a27268e52053ecd31c3a7172ccb9ddcee819b306a5b3c66b7573ca4fa88efc6f3c4a00bfa0ae7139f64543a4dac3d05823f6ff477cfcec84fe2ac7a68b17204b390232e110310c4e899c4e7c10967db4acde042dbbf19dbe00b4b4741de1020aaaaffb5054c797c9f136f7d93ac3fc8caff6654242d7821ebee517bf537f44366a0fdd45ae05b9909c2e6cc1ed9281eff4399f76c96b96233ec29ae0bbf0d752b234fc197389f51050aa1acd01c074c3ac8fbdb9ea8b651a95995e8db4ad5c43b6c8673e5a126e7ee94b8dff4c5afc01259bc8da76950bae6f8bae715f50985b0d6f66d04c6fef3b700720eecdcdf171bb7b1ecbe7289c467c102818100dc431050f782e894fb5248247d98cb7d58b8d1e24f3b55d041c56e4de086b0d5bb028bda42eeb5d234d5681e5809d415e6a289ad4cfbf78f978f6c35814f50eebff1c5b80a69f788e81e6bab5ddaa78369d659d143ec6f17e79813a575cfad9c569156b90113e2e9110ad9e7b48a1c9348a6e653321191290ea36cfb3a5b18f102818100bd1a81e7977f9898122273ae3222b598ea5fb19eb4eabc38308a5e32196603b2e500ffb79f5b886816611debc472fac45544070beb057c941378a6868af3b7a03d3f9880ec47d5e089b94fbde542aba9ae8d72c57088d7abf5b131f39098f7bc160f90536abc9492fd4e06f3ed7299d4b97bb03677207d95669f140cfbc20f2502818100a94b528b28f291599121d91952ffd1c7f21d7c1479d99d478885fb161870ee1218bf08472612dbe5497e8d9c650688e09c786961ae3e2c354dc48ae34514759c4c23c4588488961dc06b414e61c0e1e7fbbd2923d31532fe289f96da220711e58c14019808e00414276933bb07e4efb9b4a9b37656917205209f33f09515d7c10281803af0e72a933aef09ff2503df78bafed531c02ff1a2bc437c540cdcbd4ad35435cf511763596543480629b114ca7f780ff7efa32ea0cb6e000d6d9ea1f2ef71fd9cf9948422a165557e37e755edfe70d90b920502eb478bc98a63f788ce3a0f856d6ede7251a383bfa8fa480a81a925af7b3cc538c4bab8c9f7597ffb68011d8d0281802640fbfbcfefb163ee7a87b6483a66ee41f956d90fa8a7939bfc042ee0924b1b7993d0445f758d51933e85179c0320b0c968b48a91c38b5be923e1097c0c562f88d42294b6a2759bafa5428a74f1270874e45f6fcc60f21602de5eccd143cf31241f5921b5ad3983fb54ef17be3b285367e50c999c67247b552fe4bfce945f7b";

static const struct { const char *msg, *ct; } wp_oaep[] = {
    { "", "6e62bf24d95aff6868afec2a92a445b6458f16f688c19fe1212f66a63137831653cedd359d8cff4dd485d77dfd55812c181373201f54aafd65730d2a304e623455d51125d891e65d97fce52341cae45fb64c38a384a1c621e2713ee6794633f029a9fd4d774f56551eac2176162e162640f25eab873a3451c475570f19228bcede4c67c370a75ed7fabccd538c9819eff182481b10d42f1a9f6a05373b8cf9b71818d467bd3b8ebacb619e8ad42916e600c043effceb3855bc48a629e60ae886f51b2a7876b0e623fb2ce68af4b039242f963adb0e4240aed0ed07f65f1ee7c0cc77d210d0c2d1dc10c81b881aa0c9c9e9499665cf2970d2ccfeeb3191531765" },
    { "0000000000000000000000000000000000000000", "207180c340658b5154ae45d2e4e7326a0997c683a26b595e536a29333c4b66149af85e029d5419a39e3a147b221516ffd86b6b4b66c3e0c4c49fe8c57a2f5c37b8704b9b592b80db9cd788a4ed51ab4f0a1cbed63bd18d1f06a22f225866b0c2c417cb23473b7ba4250b1353bd2e5b4f0f937cd2efe5fa38db3c295f7748b970088657db4aa9a76e1ee6fbff166ec1861d00d085326c7384bdd1bc2f400d4f74dbdfadaf3fdc46073e668573e02030b9eb5af58eb540c66677a771194479ec0098d858a2ea45d0ba1e6b32440dfbac745000554d51a17684ca964b02a74d479f1d432ef763ef4059715a4348cfe36a215359712f25b6977903be4adb92febbf6" },
    { "54657374", "5eab3f0741e63986ed647d53e1cd71df041986900803d0f99c68355d249a15a47dc5b4f70a191477654299e5a2731f3b4eec76dea18262fc696ac794e5f66cbfcddac4472c578e246c26707598055584540b839836b1404c5611ae558a984cee8fd036cea924e0be2474a940f61e0acc14fcae95ebdc59942a9ce9af9a9c81999f7f6815f057ffdc2533cb15d6391d1e2d95f16f9c04209c889a4c359c7d2926d28a66e2b030a416b928d2825627998e5191fb4983a6e65024262d94fc09187a2d78162122433251d1bfcc8e507d06eba2d229c10031261da32ab8ccd15f1c5f9fbf07ed158483d736a110af4b44d6a4da60d6cb519b4454213cf9f0dc560f2b" },
    { "61", "7ae8e4f5494393be144d81517f11baf4b634bb68b2f0ea9b30731035e8cbf4283c0ca99120f60b75ef685e989fecd7a5dc524cb66292a0ab87ebc61e67baca1a8aed99350edee045dfdd029406acb707d85dec9555169cf7ec5118d8f29d182f205e2859a8dcc5122bed640ad0ef128deb21785efaa20f92067dc216cf40c15bd7130e2c094131917950a816da814c5990fa6beed709a0218f4ddca2473796e1b44cff6d7ed601c574a784d0865d3afe5fec023ebe71bca881da5637e3d1d17238c20a5bd0075bac018f07898f74b9e6dc0fa3d5f8d0b274dfef3e6720d8396b34a81ac2e64da5b3e5d7666323ed7c56e8bdd179f3c6b2cf05bcac402513dd87" },
    { "e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff", "096958786ee7972050d67a9e4b69d6c6af7db7cc674386df725770dd29129b826e39552330104c8d71e6cc3a3014dd2f61b54153af51b0438d447ee939f9e3c13bb8b00a37dea6a068f6c9d27e848b1be7a1eeeb3ee50b78036fba95ae46948ca5b13f356ea24db10f60dc09e4b8bad8f766b668ef72524432080a0ce00ed676d6d5e354984b1078520412525848156d06f0652469f95791baa3d9a798ae537094f76f976faecd5c9ce0c930a75910c63dacf63485cb4b5e7bdbcf4d80e74037eaa1a8fe4b52930bec6be99cf6ac88cf5878dbf6859d456a95dbc34654eec425de84ca2a535d517403a9aada827e7d0093ecfc97ed056a7652825e9a45cb2dcb" },
};

static void test_rsa_oaep_kat(void **state)
{
    (void)state;
    EVP_PKEY *pk = ossl_rsa_from_der_hex(wp_key);
    uint8_t pub[260], priv1[516], priv2[4 + 5 * 128], ct[256], msg[64], out[256];
    ossl_rsa_blobs(pk, 256, pub, priv1, priv2);
    for (size_t i = 0; i < sizeof wp_oaep / sizeof wp_oaep[0]; i++) {
        size_t ml = tc_hex(msg, sizeof msg, wp_oaep[i].msg);
        tc_hex(ct, sizeof ct, wp_oaep[i].ct);
        for (int kind = 1; kind <= 2; kind++) {
            const uint8_t *key = kind == 1 ? priv1 : priv2;
            uint32_t klen = kind == 1 ? sizeof priv1 : sizeof priv2;
            uint64_t len = 0;
            /* The size query first: with no output buffer, *pout_len is the modulus size. */
            assert_int_equal(tc_rsa_oaep(1, kind, 256, 4, key, klen, ct, 256, NULL, 0, &len), SGX_SUCCESS);
            assert_int_equal(len, 256);
            memset(out, 0x5a, sizeof out);
            assert_int_equal(tc_rsa_oaep(1, kind, 256, 4, key, klen, ct, 256, out, sizeof out, &len), SGX_SUCCESS);
            assert_int_equal(len, ml);
            assert_memory_equal(out, msg, ml);
            /* One bit changed anywhere: the padding check fails. */
            ct[(i * 37) % 256] ^= 0x04;
            len = sizeof out;
            assert_int_equal(tc_rsa_oaep(1, kind, 256, 4, key, klen, ct, 256, out, sizeof out, &len),
                             SGX_ERROR_UNEXPECTED);
            ct[(i * 37) % 256] ^= 0x04;
        }
    }
    /* The enclave encrypts (random seed): the public key's size query, then OpenSSL decrypts. */
    uint64_t len = 0;
    assert_int_equal(tc_rsa_oaep(0, 0, 256, 4, pub, sizeof pub, msg, 32, NULL, 0, &len), SGX_SUCCESS);
    assert_int_equal(len, 256);
    len = sizeof ct;
    assert_int_equal(tc_rsa_oaep(0, 0, 256, 4, pub, sizeof pub, msg, 32, ct, sizeof ct, &len), SGX_SUCCESS);
    assert_int_equal(len, 256);
    size_t ol = 0;
    assert_true(ossl_rsa_oaep_decrypt(pk, ct, 256, out, &ol));
    assert_int_equal(ol, 32);
    assert_memory_equal(out, msg, 32);
    EVP_PKEY_free(pk);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ecdsa_sigver),
        cmocka_unit_test(test_ecdsa_rfc6979),
        cmocka_unit_test(test_ecdh),
        cmocka_unit_test(test_rsa),
        cmocka_unit_test(test_rsa_sign_ex),
        cmocka_unit_test(test_pub_from_priv),
        cmocka_unit_test(test_ecdsa_priv_key),
        cmocka_unit_test(test_rsa_oaep_kat),
    };
    return cmocka_run_group_tests(tests, tc_setup, tc_teardown);
}
