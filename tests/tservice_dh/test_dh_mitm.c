/* test_dh_mitm.c — the host in the middle of a local-attestation session, with its own P-256
 * keys (OpenSSL): it answers an initiator in place of the responder and derives the same SMK
 * that the initiator MAC'd msg2 with (Intel's KDF, computed here independently, agrees with
 * the enclave's); but a msg3 carrying a genuine REPORT of the responder from an earlier
 * session, MAC'd under that SMK, is refused, and so is a msg2 built the same way against a
 * responder: each REPORT binds the session's own two public keys. */
#include "dh_host.h"

#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

static void reverse(uint8_t *dst, const uint8_t *src, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dst[i] = src[n - 1 - i];
}

/* A fresh P-256 key pair; its public key in Intel's little-endian layout. */
static EVP_PKEY *host_key(sgx_ec256_public_t *pub)
{
    EVP_PKEY *k = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
    assert_non_null(k);
    BIGNUM *x = NULL, *y = NULL;
    assert_int_equal(EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_EC_PUB_X, &x), 1);
    assert_int_equal(EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_EC_PUB_Y, &y), 1);
    assert_int_equal(BN_bn2lebinpad(x, pub->gx, 32), 32);
    assert_int_equal(BN_bn2lebinpad(y, pub->gy, 32), 32);
    BN_free(x);
    BN_free(y);
    return k;
}

/* The little-endian ECDH x coordinate of our key and the peer's public key. */
static void host_ecdh(EVP_PKEY *ours, const sgx_ec256_public_t *peer, uint8_t shared[32])
{
    uint8_t point[65];
    point[0] = 4;
    reverse(point + 1, peer->gx, 32);
    reverse(point + 33, peer->gy, 32);
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    assert_int_equal(OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0), 1);
    assert_int_equal(OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point, sizeof point), 1);
    OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(bld);
    EVP_PKEY_CTX *fctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
    EVP_PKEY *theirs = NULL;
    assert_int_equal(EVP_PKEY_fromdata_init(fctx), 1);
    assert_int_equal(EVP_PKEY_fromdata(fctx, &theirs, EVP_PKEY_PUBLIC_KEY, params), 1);
    EVP_PKEY_CTX *dctx = EVP_PKEY_CTX_new(ours, NULL);
    uint8_t be[32];
    size_t n = sizeof be;
    assert_int_equal(EVP_PKEY_derive_init(dctx), 1);
    assert_int_equal(EVP_PKEY_derive_set_peer(dctx, theirs), 1);
    assert_int_equal(EVP_PKEY_derive(dctx, be, &n), 1);
    assert_int_equal(n, 32);
    reverse(shared, be, 32);
    EVP_PKEY_CTX_free(dctx);
    EVP_PKEY_free(theirs);
    EVP_PKEY_CTX_free(fctx);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
}

static void host_cmac(const uint8_t key[16], const void *data, size_t size, uint8_t mac[16])
{
    EVP_MAC *m = EVP_MAC_fetch(NULL, "CMAC", NULL);
    EVP_MAC_CTX *ctx = EVP_MAC_CTX_new(m);
    OSSL_PARAM params[] = { OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, "AES-128-CBC", 0),
                            OSSL_PARAM_construct_end() };
    size_t n = 16;
    assert_int_equal(EVP_MAC_init(ctx, key, 16, params), 1);
    assert_int_equal(EVP_MAC_update(ctx, data, size), 1);
    assert_int_equal(EVP_MAC_final(ctx, mac, &n, 16), 1);
    EVP_MAC_CTX_free(ctx);
    EVP_MAC_free(m);
}

/* Intel's SMK: CMAC(CMAC(0, shared), 01 'S' 'M' 'K' 00 80 00). */
static void host_smk(const uint8_t shared[32], uint8_t smk[16])
{
    static const uint8_t zero[16];
    static const uint8_t label[] = { 0x01, 'S', 'M', 'K', 0x00, 0x80, 0x00 };
    uint8_t kdk[16];
    host_cmac(zero, shared, 32, kdk);
    host_cmac(kdk, label, sizeof label, smk);
}

static void test_fake_responder(void **state)
{
    (void)state;
    sgx_enclave_id_t a = dh_create(DH_ENCLAVE("dh_a")), b = dh_create(DH_ENCLAVE("dh_b"));
    dh_run_t old;
    dh_session(a, 0, b, 0, &old);

    /* The host answers A with its own g_a and B's target. */
    sgx_dh_msg1_t msg1 = old.msg1;
    EVP_PKEY *k = host_key(&msg1.g_a);
    sgx_dh_msg2_t msg2;
    assert_int_equal(dh_init(a, 1, SGX_DH_SESSION_INITIATOR), SGX_SUCCESS);
    assert_int_equal(dh_proc_msg1(a, 1, &msg1, &msg2), SGX_SUCCESS);
    uint8_t shared[32], smk[16], mac[16];
    host_ecdh(k, &msg2.g_b, shared);
    host_smk(shared, smk);
    host_cmac(smk, &msg2.report, sizeof msg2.report, mac);
    assert_memory_equal(mac, msg2.cmac, 16);          /* the same SMK on both sides */

    /* msg3 with B's genuine REPORT for A from the earlier session, MAC'd under this SMK. */
    uint8_t msg3[DH_MSG3_SIZE];
    memcpy(msg3, old.msg3, sizeof msg3);
    sgx_dh_msg3_t *m3 = (sgx_dh_msg3_t *)msg3;
    host_cmac(smk, &m3->msg3_body, sizeof msg3 - SGX_DH_MAC_SIZE, m3->cmac);
    sgx_dh_session_enclave_identity_t seen;
    assert_int_equal(dh_proc_msg3(a, 1, msg3, &seen), SGX_ERROR_UNEXPECTED);
    EVP_PKEY_free(k);
    dh_destroy(a);
    dh_destroy(b);
}

static void test_fake_initiator(void **state)
{
    (void)state;
    sgx_enclave_id_t a = dh_create(DH_ENCLAVE("dh_a")), b = dh_create(DH_ENCLAVE("dh_b"));
    dh_run_t old;
    dh_session(a, 0, b, 0, &old);

    /* A new session of B; the host answers with its own g_b and A's earlier REPORT for B. */
    sgx_dh_msg1_t msg1;
    assert_int_equal(dh_init(b, 1, SGX_DH_SESSION_RESPONDER), SGX_SUCCESS);
    assert_int_equal(dh_gen_msg1(b, 1, &msg1), SGX_SUCCESS);
    sgx_dh_msg2_t msg2 = old.msg2;
    EVP_PKEY *k = host_key(&msg2.g_b);
    uint8_t shared[32], smk[16];
    host_ecdh(k, &msg1.g_a, shared);
    host_smk(shared, smk);
    host_cmac(smk, &msg2.report, sizeof msg2.report, msg2.cmac);
    uint8_t msg3[DH_MSG3_SIZE];
    sgx_dh_session_enclave_identity_t seen;
    assert_int_equal(dh_proc_msg2(b, 1, &msg2, msg3, &seen), SGX_ERROR_UNEXPECTED);
    EVP_PKEY_free(k);
    dh_destroy(a);
    dh_destroy(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fake_responder),
        cmocka_unit_test(test_fake_initiator),
    };
    return cmocka_run_group_tests(tests, dh_setup, dh_teardown);
}
