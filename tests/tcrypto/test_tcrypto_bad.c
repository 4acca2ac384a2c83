/* test_tcrypto_bad.c — sgx_tcrypto refuses bad input with Intel's results: NULL pointers, zero
 * or oversized lengths, a wrong IV length or ctr_inc_bits, negative int lengths and NULL or
 * wrong-kind handles (run inside the enclave by ecall_bad_case), private keys out of range,
 * public keys off the curve (check_point says 0, compute_shared_dhkey refuses), and tampered
 * ECDSA and RSA signatures (SGX_SUCCESS with an invalid result), and the later parts of the
 * API (SHA-1, streaming GCM, key derivation, RSA-OAEP keys and lengths). */
#include <string.h>

#include "tc_host.h"

#define INVALID SGX_ERROR_INVALID_PARAMETER
#define UNEXPECTED SGX_ERROR_UNEXPECTED

static void test_null_and_lengths(void **state)
{
    (void)state;
    uint8_t buf[64] = { 1, 2, 3 }, out[64], key[16] = { 0 }, iv[12] = { 0 }, tag[16] = { 0 }, ctr[16] = { 0 };
    assert_int_equal(tc_sha(256, NULL, 5, 0, out), INVALID);
    assert_int_equal(tc_sha(256, buf, 5, 0, NULL), INVALID);
    assert_int_equal(tc_sha(384, NULL, 5, 3, out), INVALID);
    assert_int_equal(tc_hmac(buf, 5, NULL, 16, out, 32, 0), INVALID);
    assert_int_equal(tc_hmac(NULL, 5, key, 16, out, 32, 0), INVALID);
    assert_int_equal(tc_hmac(buf, 5, key, 16, NULL, 32, 0), INVALID);
    assert_int_equal(tc_hmac(buf, 5, key, 16, out, 0, 0), INVALID);
    assert_int_equal(tc_hmac(buf, 5, key, 16, out, 33, 0), INVALID);     /* over 32 bytes */
    assert_int_equal(tc_hmac(buf, 5, key, 16, out, 33, 2), INVALID);
    assert_int_equal(tc_gcm(1, NULL, buf, 16, out, iv, 12, NULL, 0, tag), INVALID);
    assert_int_equal(tc_gcm(1, key, buf, 16, out, NULL, 12, NULL, 0, tag), INVALID);
    assert_int_equal(tc_gcm(1, key, buf, 16, out, iv, 16, NULL, 0, tag), INVALID); /* IV must be 12 */
    assert_int_equal(tc_gcm(1, key, buf, 16, out, iv, 8, NULL, 0, tag), INVALID);
    assert_int_equal(tc_gcm(1, key, buf, 16, out, iv, 12, NULL, 0, NULL), INVALID);
    assert_int_equal(tc_gcm(1, key, buf, 16, NULL, iv, 12, NULL, 0, tag), INVALID);
    assert_int_equal(tc_gcm(1, key, NULL, 0, NULL, iv, 12, NULL, 0, tag), INVALID); /* nothing at all */
    assert_int_equal(tc_gcm(1, key, NULL, 0, NULL, iv, 12, buf, 8, tag), SGX_SUCCESS); /* GMAC */
    assert_int_equal(tc_gcm(0, key, NULL, 0, NULL, iv, 12, buf, 8, tag), SGX_SUCCESS);
    tag[0] ^= 1;
    assert_int_equal(tc_gcm(0, key, NULL, 0, NULL, iv, 12, buf, 8, tag), SGX_ERROR_MAC_MISMATCH);
    assert_int_equal(tc_cmac(NULL, buf, 16, 0, out), INVALID);
    assert_int_equal(tc_cmac(key, NULL, 16, 0, out), INVALID);
    assert_int_equal(tc_cmac(key, buf, 16, 0, NULL), INVALID);
    assert_int_equal(tc_cmac(NULL, buf, 16, 4, out), INVALID);
    assert_int_equal(tc_ctr(1, key, buf, 16, NULL, 128, out), INVALID);
    assert_int_equal(tc_ctr(1, NULL, buf, 16, ctr, 128, out), INVALID);
    assert_int_equal(tc_ctr(1, key, buf, 16, ctr, 128, NULL), INVALID);
    assert_int_equal(tc_ctr(1, key, buf, 16, ctr, 0, out), INVALID);     /* 1..128 bits */
    assert_int_equal(tc_ctr(0, key, buf, 16, ctr, 129, out), INVALID);
    assert_int_equal(tc_ctr(1, key, buf, 0, ctr, 128, out), INVALID);    /* no text */
    static const uint8_t zero[16];
    assert_memory_equal(ctr, zero, 16);                                   /* untouched on refusal */
}

static void test_in_enclave_cases(void **state)
{
    (void)state;
    /* Expected results of ecall_bad_case(id), in order. */
    static const struct { uint32_t status; const char *what; } cases[] = {
        { INVALID, "sha256_update, NULL handle" },
        { INVALID, "sha256_get_hash, NULL handle" },
        { INVALID, "sha256_close, NULL handle" },
        { INVALID, "sha384_update, a SHA-256 handle" },
        { INVALID, "sha256_init, NULL out" },
        { INVALID, "hmac_sha256_msg, src_len -1" },
        { INVALID, "hmac_sha256_msg, key_len 0" },
        { INVALID, "hmac_sha256_msg, mac_len 33" },
        { INVALID, "hmac256_update, src_len 0" },
        { INVALID, "hmac256_final, NULL handle" },
        { SGX_SUCCESS, "hmac256_close, NULL handle (Intel accepts it)" },
        { INVALID, "cmac128_update, NULL handle" },
        { INVALID, "cmac128_final, NULL handle" },
        { INVALID, "cmac128_close, NULL handle" },
        { INVALID, "ecc256_close_context, NULL" },
        { INVALID, "ecc256_create_key_pair, NULL context" },
        { INVALID, "ecdsa_sign, private key 0" },
        { INVALID, "ecdsa_sign, private key n" },
        { INVALID, "compute_shared_dhkey, private key 0" },
        { INVALID, "compute_shared_dhkey, private key n" },
        { INVALID, "ecc256_open_context, NULL out" },
        { INVALID, "GCM encrypt, src_len 2^31" },
        { INVALID, "AES-CTR, src_len 2^31" },
        { INVALID, "sha256_msg, src_len 2^31" },
        { INVALID, "cmac_msg, src_len 2^31" },
        { INVALID, "ecc256_check_point, NULL context" },
        { INVALID, "ecc256_check_point, a CMAC handle as context" },
        { INVALID, "hmac256_init, key_len -5" },
        { INVALID, "sha384_msg, NULL source" },
        { INVALID, "sha1_update, NULL handle" },
        { INVALID, "sha1_update, a SHA-256 handle" },
        { INVALID, "sha1_get_hash, NULL handle" },
        { INVALID, "sha1_close, NULL handle" },
        { INVALID, "sha1_init, NULL out" },
        { INVALID, "sha1_update, src_len 2^31 (size_t)" },
        { INVALID, "sha1_msg, src_len 2^31" },
        { INVALID, "aes_gcm128_enc_init, NULL out" },
        { INVALID, "aes_gcm128_enc_init, aad_len INT32_MAX" },
        { INVALID, "aes_gcm128_enc_update, NULL state" },
        { INVALID, "aes_gcm128_enc_update, src_len 0" },
        { UNEXPECTED, "aes_gcm128_enc_update, a CMAC handle (Intel: IPP context check)" },
        { UNEXPECTED, "aes_gcm128_enc_get_mac, a SHA-256 handle: MAC cleared" },
        { INVALID, "aes_gcm128_enc_get_mac, NULL state" },
        { INVALID, "aes_gcm_close, NULL" },
        { INVALID, "aes_gcm_close, a SHA-256 handle (vsgx does not free it)" },
        { INVALID, "aes_gcm128_enc_update, src_len INT32_MAX" },
        { UNEXPECTED, "ecc256_calculate_pub_from_priv, private key 0: output cleared" },
        { UNEXPECTED, "ecc256_calculate_pub_from_priv, private key n: output cleared" },
        { INVALID, "ecc256_calculate_pub_from_priv, NULL private key" },
        { INVALID, "calculate_ecdsa_priv_key, hash_drg_len -4" },
        { UNEXPECTED, "calculate_ecdsa_priv_key, hash_drg_len 39: output cleared" },
        { UNEXPECTED, "calculate_ecdsa_priv_key, modulus of 28 bytes: output cleared" },
        { UNEXPECTED, "calculate_ecdsa_priv_key, modulus 0: output cleared" },
        { INVALID, "calculate_ecdsa_priv_key, out_key_len 16 (vsgx; Intel overflows): output cleared" },
        { INVALID, "calculate_ecdsa_priv_key, out_key_len 0" },
        { INVALID, "rsa_pub_encrypt_sha256, NULL key" },
        { UNEXPECTED, "rsa_pub_encrypt_sha256, an ECC context as key" },
        { INVALID, "rsa_pub_encrypt_sha256, pin_len 0" },
        { SGX_SUCCESS, "free_rsa_key, NULL (Intel accepts it)" },
        { INVALID, "free_rsa_key, a CMAC handle" },
        { INVALID, "create_rsa_pub1_key, mod_size -1" },
        { INVALID, "create_rsa_priv1_key, d_byte_size 0" },
        { INVALID, "create_rsa_priv2_key, mod_size 0" },
        { INVALID, "create_rsa_key_pair, n_byte_size -8" },
        { INVALID, "rsa_pub_encrypt_sha256, pin_len INT32_MAX" },
        { UNEXPECTED, "create_rsa_key_pair, n_byte_size 100 (not a multiple of 8)" },
        { UNEXPECTED, "create_rsa_key_pair, e = 65536 (even)" },
        { INVALID, "create_rsa_pub1_key, NULL out" },
        { INVALID, "aes_gcm128_enc_init, iv_len 16" },
        { INVALID, "aes_gcm128_enc_init, NULL key" },
        { INVALID, "aes_gcm128_enc_init, aad_len 5 with NULL AAD" },
        { INVALID, "aes_gcm128_enc_init, NULL IV" },
    };
    uint32_t n = sizeof cases / sizeof cases[0];
    for (uint32_t id = 0; id < n; id++) {
        uint32_t st = tc_bad_case(id);
        if (st != cases[id].status)
            fail_msg("case %u (%s): 0x%x, expected 0x%x", id, cases[id].what, st, cases[id].status);
    }
    assert_int_equal(tc_bad_case(n), UINT32_MAX);        /* the table covers every case */
}

static void test_ec_bad(void **state)
{
    (void)state;
    uint8_t priv[32], pub[64], bad[64], sig[64], shared[32], result = 0xee, msg[32] = { 7 };
    int valid = -1;
    assert_int_equal(tc_ec_keypair(priv, pub), SGX_SUCCESS);
    assert_int_equal(tc_ec_check_point(pub, &valid), SGX_SUCCESS);
    assert_int_equal(valid, 1);
    /* Off the curve: y changed. */
    memcpy(bad, pub, 64);
    bad[32] ^= 1;
    assert_int_equal(tc_ec_check_point(bad, &valid), SGX_SUCCESS);
    assert_int_equal(valid, 0);
    assert_int_equal(tc_ecdh(priv, bad, shared), INVALID);
    /* (0, 0) and a coordinate of p or more: not points. */
    memset(bad, 0, 64);
    assert_int_equal(tc_ec_check_point(bad, &valid), SGX_SUCCESS);
    assert_int_equal(valid, 0);
    assert_int_equal(tc_ecdh(priv, bad, shared), INVALID);
    memcpy(bad, pub, 64);
    memset(bad, 0xff, 32);
    assert_int_equal(tc_ec_check_point(bad, &valid), SGX_SUCCESS);
    assert_int_equal(valid, 0);
    assert_int_equal(tc_ecdh(priv, bad, shared), INVALID);
    /* NULLs and empty data. */
    assert_int_equal(tc_ec_check_point(NULL, &valid), INVALID);
    assert_int_equal(tc_ec_check_point(pub, NULL), INVALID);
    assert_int_equal(tc_ecdh(NULL, pub, shared), INVALID);
    assert_int_equal(tc_ecdh(priv, NULL, shared), INVALID);
    assert_int_equal(tc_ecdh(priv, pub, NULL), INVALID);
    assert_int_equal(tc_ecdsa_sign(NULL, 5, priv, sig), INVALID);
    assert_int_equal(tc_ecdsa_sign(msg, 0, priv, sig), INVALID);
    assert_int_equal(tc_ecdsa_sign(msg, 32, NULL, sig), INVALID);
    assert_int_equal(tc_ecdsa_sign(msg, 32, priv, NULL), INVALID);
    assert_int_equal(tc_ecdsa_sign(msg, 32, priv, sig), SGX_SUCCESS);
    assert_int_equal(tc_ecdsa_verify(msg, 0, pub, sig, &result), INVALID);
    assert_int_equal(tc_ecdsa_verify(msg, 32, NULL, sig, &result), INVALID);
    assert_int_equal(tc_ecdsa_verify(msg, 32, pub, NULL, &result), INVALID);
    assert_int_equal(tc_ecdsa_verify(msg, 32, pub, sig, NULL), INVALID);
    assert_int_equal(tc_ecdsa_verify_hash(msg, pub, sig, NULL), INVALID);
    /* Valid, then tampered signature, other message, off-curve key: INVALID_SIGNATURE. */
    assert_int_equal(tc_ecdsa_verify(msg, 32, pub, sig, &result), SGX_SUCCESS);
    assert_int_equal(result, 0);
    for (int i = 0; i < 64; i += 9) {
        uint8_t t[64];
        memcpy(t, sig, 64);
        t[i] ^= 0x10;
        assert_int_equal(tc_ecdsa_verify(msg, 32, pub, t, &result), SGX_SUCCESS);
        assert_int_equal(result, 17);
    }
    msg[31] ^= 1;
    assert_int_equal(tc_ecdsa_verify(msg, 32, pub, sig, &result), SGX_SUCCESS);
    assert_int_equal(result, 17);
    msg[31] ^= 1;
    memcpy(bad, pub, 64);
    bad[40] ^= 4;
    assert_int_equal(tc_ecdsa_verify(msg, 32, bad, sig, &result), SGX_SUCCESS);
    assert_int_equal(result, 17);
    /* r = 0 and s = n are out of range. */
    uint8_t r[32] = { 0 }, s[32];
    tc_hex(s, 32, "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
    tc_sig_le(bad, r, s);
    assert_int_equal(tc_ecdsa_verify(msg, 32, pub, bad, &result), SGX_SUCCESS);
    assert_int_equal(result, 17);
}

static void test_rsa_bad(void **state)
{
    (void)state;
    EVP_PKEY *pk = ossl_rsa_load(TC_RSA_KEY);
    uint8_t key[772], pub[388], sig[384], msg[16] = "tampered";
    int result = -1;
    ossl_rsa_export(pk, key, pub);
    assert_int_equal(tc_rsa_sign(msg, 0, key, sig), INVALID);
    assert_int_equal(tc_rsa_sign(NULL, 8, key, sig), INVALID);
    assert_int_equal(tc_rsa_sign(msg, 8, NULL, sig), INVALID);
    assert_int_equal(tc_rsa_sign(msg, 8, key, NULL), INVALID);
    assert_int_equal(tc_rsa_sign(msg, 8, key, sig), SGX_SUCCESS);
    assert_int_equal(tc_rsa_verify(msg, 0, pub, sig, &result), INVALID);
    assert_int_equal(tc_rsa_verify(msg, 8, NULL, sig, &result), INVALID);
    assert_int_equal(tc_rsa_verify(msg, 8, pub, NULL, &result), INVALID);
    assert_int_equal(tc_rsa_verify(msg, 8, pub, sig, NULL), INVALID);
    assert_int_equal(tc_rsa_verify(msg, 8, pub, sig, &result), SGX_SUCCESS);
    assert_int_equal(result, 0);
    sig[100] ^= 1;
    assert_int_equal(tc_rsa_verify(msg, 8, pub, sig, &result), SGX_SUCCESS);
    assert_int_equal(result, 1);
    sig[100] ^= 1;
    msg[0] ^= 1;
    assert_int_equal(tc_rsa_verify(msg, 8, pub, sig, &result), SGX_SUCCESS);
    assert_int_equal(result, 1);
    msg[0] ^= 1;
    /* A d that does not match e: the check against e refuses to give the result out. */
    key[384] ^= 2;
    memset(sig, 0, sizeof sig);
    assert_int_equal(tc_rsa_sign(msg, 8, key, sig), SGX_ERROR_UNEXPECTED);
    /* An even modulus: not an RSA key. */
    ossl_rsa_export(pk, key, pub);
    key[0] ^= 1;
    assert_int_equal(tc_rsa_sign(msg, 8, key, sig), INVALID);
    EVP_PKEY_free(pk);
}

/* SHA-1, streaming GCM, key derivation and RSA-OAEP through the ECALLs: NULLs, sizes and
 * wrong kinds of key, with Intel's results. */
static void test_later_api(void **state)
{
    (void)state;
    uint8_t buf[64] = { 1, 2, 3 }, out[512], key[16] = { 0 }, iv[12] = { 0 }, tag[16], t1[16];
    assert_int_equal(tc_sha1(NULL, 5, 0, out), INVALID);
    assert_int_equal(tc_sha1(buf, 5, 0, NULL), INVALID);
    assert_int_equal(tc_sha1(NULL, 5, 2, out), INVALID);
    assert_int_equal(tc_sha1(buf, 5, 2, NULL), INVALID);
    assert_int_equal(tc_gcm_stream(NULL, iv, NULL, 0, buf, 16, NULL, 0, 0, out, tag, t1), INVALID);
    assert_int_equal(tc_gcm_stream(key, NULL, NULL, 0, buf, 16, NULL, 0, 0, out, tag, t1), INVALID);
    assert_int_equal(tc_gcm_stream(key, iv, NULL, 8, buf, 16, NULL, 0, 0, out, tag, t1), INVALID);
    assert_int_equal(tc_gcm_stream(key, iv, NULL, 0, buf, 16, NULL, 0, 0, NULL, tag, t1), INVALID);
    assert_int_equal(tc_gcm_stream(key, iv, NULL, 0, NULL, 16, NULL, 0, 0, out, tag, t1), INVALID);
    assert_int_equal(tc_gcm_stream(key, iv, NULL, 0, buf, 16, NULL, 0, 0, out, NULL, t1), INVALID);
    assert_int_equal(tc_ec_pub_from_priv(buf, NULL), INVALID);
    uint8_t m[32];
    memset(m, 0xff, 32);
    assert_int_equal(tc_ecdsa_priv_key(NULL, 32, m, 32, out, 32), INVALID);
    assert_int_equal(tc_ecdsa_priv_key(buf, 32, NULL, 32, out, 32), INVALID);
    assert_int_equal(tc_ecdsa_priv_key(buf, 32, m, 32, NULL, 32), INVALID);

    /* RSA-OAEP with a 2048-bit key of OpenSSL: lengths, NULLs, kinds. */
    EVP_PKEY *pk = ossl_rsa_gen_bits(2048);
    uint8_t pub[260], priv1[516], priv2[4 + 5 * 128], ct[256];
    ossl_rsa_blobs(pk, 256, pub, priv1, priv2);
    uint64_t len = sizeof ct;
    assert_int_equal(tc_rsa_oaep(0, 0, 256, 4, pub, sizeof pub, buf, 8, ct, sizeof ct, NULL), INVALID);
    assert_int_equal(tc_rsa_oaep(0, 0, 256, 4, pub, sizeof pub, NULL, 8, ct, sizeof ct, &len), INVALID);
    assert_int_equal(tc_rsa_oaep(0, 3, 256, 4, NULL, 0, buf, 8, ct, sizeof ct, &len), INVALID);
    len = 255;                                              /* smaller than the modulus */
    assert_int_equal(tc_rsa_oaep(0, 0, 256, 4, pub, sizeof pub, buf, 8, ct, sizeof ct, &len), INVALID);
    memset(out, 0x3c, sizeof out);
    len = sizeof ct;                                        /* 191 bytes: more than 256 - 66 */
    assert_int_equal(tc_rsa_oaep(0, 0, 256, 4, pub, sizeof pub, out, 191, ct, sizeof ct, &len), UNEXPECTED);
    len = sizeof ct;
    assert_int_equal(tc_rsa_oaep(0, 0, 256, 4, pub, sizeof pub, out, 190, ct, sizeof ct, &len), SGX_SUCCESS);
    assert_int_equal(len, 256);
    len = sizeof out;                                       /* a private key to encrypt: IPP's context check */
    assert_int_equal(tc_rsa_oaep(0, 1, 256, 4, priv1, sizeof priv1, buf, 8, out, sizeof out, &len), UNEXPECTED);
    assert_int_equal(tc_rsa_oaep(0, 2, 256, 4, priv2, sizeof priv2, buf, 8, out, sizeof out, &len), UNEXPECTED);
    /* Decryption: a public key, a short output buffer, a ciphertext of n or more, too long. */
    assert_int_equal(tc_rsa_oaep(1, 0, 256, 4, pub, sizeof pub, ct, 256, out, sizeof out, &len), UNEXPECTED);
    len = 255;
    assert_int_equal(tc_rsa_oaep(1, 1, 256, 4, priv1, sizeof priv1, ct, 256, out, sizeof out, &len), INVALID);
    len = sizeof out;
    assert_int_equal(tc_rsa_oaep(1, 1, 256, 4, priv1, sizeof priv1, ct, 256, out, sizeof out, NULL), INVALID);
    assert_int_equal(tc_rsa_oaep(1, 2, 256, 4, priv2, sizeof priv2, NULL, 256, out, sizeof out, &len), INVALID);
    uint8_t big[257], nbe[256];
    memset(big, 0xff, sizeof big);
    assert_int_equal(tc_rsa_oaep(1, 2, 256, 4, priv2, sizeof priv2, big, 256, out, sizeof out, &len), UNEXPECTED);
    assert_int_equal(tc_rsa_oaep(1, 1, 256, 4, priv1, sizeof priv1, big, 257, out, sizeof out, &len), UNEXPECTED);
    tc_rev(nbe, pub, 256);                                  /* n itself is not a ciphertext */
    assert_int_equal(tc_rsa_oaep(1, 1, 256, 4, priv1, sizeof priv1, nbe, 256, out, sizeof out, &len), UNEXPECTED);
    /* A ciphertext given without its leading zero byte still decrypts (as in OpenSSL). */
    uint8_t zct[256];
    do {
        len = sizeof zct;
        assert_int_equal(tc_rsa_oaep(0, 0, 256, 4, pub, sizeof pub, buf, 8, zct, sizeof zct, &len), SGX_SUCCESS);
    } while (zct[0] != 0);
    len = sizeof out;
    assert_int_equal(tc_rsa_oaep(1, 2, 256, 4, priv2, sizeof priv2, zct + 1, 255, out, sizeof out, &len),
                     SGX_SUCCESS);
    assert_int_equal(len, 8);
    assert_memory_equal(out, buf, 8);
    /* Keys that cannot be built: sizes that are not whole 32-bit words, an even modulus. */
    assert_int_equal(tc_rsa_oaep(0, 0, 254, 4, pub, sizeof pub, buf, 8, ct, sizeof ct, &len),
                     TC_KEY_FAILED | UNEXPECTED);
    assert_int_equal(tc_rsa_oaep(0, 0, 256, 3, pub, sizeof pub, buf, 8, ct, sizeof ct, &len),
                     TC_KEY_FAILED | UNEXPECTED);
    assert_int_equal(tc_rsa_oaep(1, 2, 252, 4, priv2, sizeof priv2, ct, 256, out, sizeof out, &len),
                     TC_KEY_FAILED | UNEXPECTED);                          /* factors of 126 bytes */
    uint8_t even[260];
    memcpy(even, pub, sizeof even);
    even[0] ^= 1;
    assert_int_equal(tc_rsa_oaep(0, 0, 256, 4, even, sizeof even, buf, 8, ct, sizeof ct, &len),
                     TC_KEY_FAILED | UNEXPECTED);
    memset(even + 256, 0, 4);                               /* e = 0 */
    even[0] ^= 1;
    assert_int_equal(tc_rsa_oaep(0, 0, 256, 4, even, sizeof even, buf, 8, ct, sizeof ct, &len),
                     TC_KEY_FAILED | UNEXPECTED);
    /* Key pairs: NULL outputs, exponent sizes that are not whole words, too large a modulus. */
    uint8_t e[8] = { 1, 0, 1, 0 };
    static uint8_t huge[1032 * 5];
    assert_int_equal(tc_rsa_keypair(256, 4, e, NULL, 0), INVALID);
    assert_int_equal(tc_rsa_keypair(256, 4, NULL, huge, sizeof huge), INVALID);
    assert_int_equal(tc_rsa_keypair(256, 3, e, huge, sizeof huge), UNEXPECTED);
    assert_int_equal(tc_rsa_keypair(1032, 4, e, huge, sizeof huge), UNEXPECTED);
    e[4] = 1;                                               /* e of 33 bits and more */
    assert_int_equal(tc_rsa_keypair(256, 8, e, huge, sizeof huge), UNEXPECTED);
    EVP_PKEY_free(pk);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_null_and_lengths),
        cmocka_unit_test(test_in_enclave_cases),
        cmocka_unit_test(test_ec_bad),
        cmocka_unit_test(test_rsa_bad),
        cmocka_unit_test(test_later_api),
    };
    return cmocka_run_group_tests(tests, tc_setup, tc_teardown);
}
