/* tc_ossl.c — OpenSSL 3 references for the sgx_tcrypto tests: hashes, HMAC, GCM, CMAC, the
 * Intel AES-CTR counter rule over AES-ECB, P-256 keys/ECDSA/ECDH, Intel's P-256 private key
 * derivation (with BN), RSA-3072 PKCS#1 v1.5 and RSA-OAEP (SHA-256) with Intel's key layouts.
 * Values are big-endian as OpenSSL has them; failures fail the running test. */
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "tc_host.h"

void ossl_sha(uint32_t bits, const uint8_t *src, size_t len, uint8_t *out)
{
    unsigned int n = 0;
    assert_int_equal(EVP_Digest(src, len, out, &n, bits == 256 ? EVP_sha256() : EVP_sha384(), NULL), 1);
}

void ossl_hmac(const uint8_t *key, size_t key_len, const uint8_t *src, size_t len, uint8_t out[32])
{
    size_t n = 0;
    assert_non_null(EVP_Q_mac(NULL, "HMAC", NULL, "SHA256", NULL, key, key_len, src, len, out, 32, &n));
    assert_int_equal(n, 32);
}

void ossl_gcm_encrypt(const uint8_t key[16], const uint8_t iv[12], const uint8_t *aad, size_t aad_len,
                      const uint8_t *src, size_t len, uint8_t *dst, uint8_t tag[16])
{
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    int n = 0;
    assert_int_equal(EVP_EncryptInit_ex(c, EVP_aes_128_gcm(), NULL, key, iv), 1);
    if (aad_len > 0)
        assert_int_equal(EVP_EncryptUpdate(c, NULL, &n, aad, (int)aad_len), 1);
    if (len > 0)
        assert_int_equal(EVP_EncryptUpdate(c, dst, &n, src, (int)len), 1);
    assert_int_equal(EVP_EncryptFinal_ex(c, dst + (len > 0 ? n : 0), &n), 1);
    assert_int_equal(EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, 16, tag), 1);
    EVP_CIPHER_CTX_free(c);
}

void ossl_cmac(const uint8_t key[16], const uint8_t *src, size_t len, uint8_t tag[16])
{
    size_t n = 0;
    assert_non_null(EVP_Q_mac(NULL, "CMAC", NULL, "AES-128-CBC", NULL, key, 16, src, len, tag, 16, &n));
    assert_int_equal(n, 16);
}

static void ctr_inc(uint8_t ctr[16], uint32_t bits)
{
    /* Add 1 to the low `bits` bits, carrying byte by byte from the end, never above them. */
    uint32_t carry = 1;
    for (int i = 15; i >= 0 && carry; i--) {
        uint32_t lowbit = (uint32_t)(15 - i) * 8;
        if (lowbit >= bits)
            break;
        uint32_t width = bits - lowbit >= 8 ? 8 : bits - lowbit;
        uint8_t mask = (uint8_t)((1u << width) - 1);
        uint32_t v = (ctr[i] & mask) + carry;
        carry = v >> width;
        ctr[i] = (uint8_t)((ctr[i] & ~mask) | (v & mask));
    }
}

void ossl_ctr_ref(const uint8_t key[16], uint8_t ctr[16], uint32_t bits, const uint8_t *src, size_t len, uint8_t *dst)
{
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    int n = 0;
    assert_int_equal(EVP_EncryptInit_ex(c, EVP_aes_128_ecb(), NULL, key, NULL), 1);
    EVP_CIPHER_CTX_set_padding(c, 0);
    for (size_t off = 0; off < len; off += 16) {
        uint8_t ks[16];
        assert_int_equal(EVP_EncryptUpdate(c, ks, &n, ctr, 16), 1);
        for (size_t i = 0; i < 16 && off + i < len; i++)
            dst[off + i] = src[off + i] ^ ks[i];
        ctr_inc(ctr, bits);
    }
    EVP_CIPHER_CTX_free(c);
}

static EVP_PKEY *ec_key(const uint8_t *priv, const uint8_t point[65])
{
    OSSL_PARAM_BLD *b = OSSL_PARAM_BLD_new();
    BIGNUM *d = priv != NULL ? BN_bin2bn(priv, 32, NULL) : NULL;
    assert_int_equal(OSSL_PARAM_BLD_push_utf8_string(b, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0), 1);
    assert_int_equal(OSSL_PARAM_BLD_push_octet_string(b, OSSL_PKEY_PARAM_PUB_KEY, point, 65), 1);
    if (d != NULL)
        assert_int_equal(OSSL_PARAM_BLD_push_BN(b, OSSL_PKEY_PARAM_PRIV_KEY, d), 1);
    OSSL_PARAM *p = OSSL_PARAM_BLD_to_param(b);
    EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
    EVP_PKEY *k = NULL;
    assert_int_equal(EVP_PKEY_fromdata_init(c), 1);
    assert_int_equal(EVP_PKEY_fromdata(c, &k, d != NULL ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, p), 1);
    EVP_PKEY_CTX_free(c);
    OSSL_PARAM_free(p);
    OSSL_PARAM_BLD_free(b);
    BN_clear_free(d);
    return k;
}

void ossl_ec_keygen(uint8_t priv[32], uint8_t point[65])
{
    EVP_PKEY *k = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
    BIGNUM *d = NULL;
    size_t n = 0;
    assert_non_null(k);
    assert_int_equal(EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_PRIV_KEY, &d), 1);
    assert_int_equal(BN_bn2binpad(d, priv, 32), 32);
    assert_int_equal(EVP_PKEY_get_octet_string_param(k, OSSL_PKEY_PARAM_PUB_KEY, point, 65, &n), 1);
    assert_int_equal(n, 65);
    BN_clear_free(d);
    EVP_PKEY_free(k);
}

void ossl_ecdsa_sign(const uint8_t priv[32], const uint8_t point[65], const uint8_t *msg, size_t len, uint8_t r[32],
                     uint8_t s[32])
{
    EVP_PKEY *k = ec_key(priv, point);
    EVP_MD_CTX *m = EVP_MD_CTX_new();
    uint8_t der[80];
    size_t n = sizeof der;
    assert_int_equal(EVP_DigestSignInit(m, NULL, EVP_sha256(), NULL, k), 1);
    assert_int_equal(EVP_DigestSign(m, der, &n, msg, len), 1);
    const uint8_t *p = der;
    ECDSA_SIG *sig = d2i_ECDSA_SIG(NULL, &p, (long)n);
    assert_non_null(sig);
    assert_int_equal(BN_bn2binpad(ECDSA_SIG_get0_r(sig), r, 32), 32);
    assert_int_equal(BN_bn2binpad(ECDSA_SIG_get0_s(sig), s, 32), 32);
    ECDSA_SIG_free(sig);
    EVP_MD_CTX_free(m);
    EVP_PKEY_free(k);
}

int ossl_ecdsa_verify(const uint8_t point[65], const uint8_t *msg, size_t len, const uint8_t r[32], const uint8_t s[32])
{
    EVP_PKEY *k = ec_key(NULL, point);
    EVP_MD_CTX *m = EVP_MD_CTX_new();
    ECDSA_SIG *sig = ECDSA_SIG_new();
    assert_int_equal(ECDSA_SIG_set0(sig, BN_bin2bn(r, 32, NULL), BN_bin2bn(s, 32, NULL)), 1);
    uint8_t *der = NULL;
    int n = i2d_ECDSA_SIG(sig, &der);
    assert_true(n > 0);
    assert_int_equal(EVP_DigestVerifyInit(m, NULL, EVP_sha256(), NULL, k), 1);
    int ok = EVP_DigestVerify(m, der, (size_t)n, msg, len);
    OPENSSL_free(der);
    ECDSA_SIG_free(sig);
    EVP_MD_CTX_free(m);
    EVP_PKEY_free(k);
    return ok == 1;
}

void ossl_ecdh(const uint8_t priv[32], const uint8_t point[65], const uint8_t peer[65], uint8_t x[32])
{
    EVP_PKEY *k = ec_key(priv, point), *p = ec_key(NULL, peer);
    EVP_PKEY_CTX *c = EVP_PKEY_CTX_new(k, NULL);
    size_t n = 32;
    assert_int_equal(EVP_PKEY_derive_init(c), 1);
    assert_int_equal(EVP_PKEY_derive_set_peer(c, p), 1);
    assert_int_equal(EVP_PKEY_derive(c, x, &n), 1);
    assert_int_equal(n, 32);
    EVP_PKEY_CTX_free(c);
    EVP_PKEY_free(p);
    EVP_PKEY_free(k);
}

EVP_PKEY *ossl_rsa_load(const char *pem_path)
{
    FILE *f = fopen(pem_path, "r");
    assert_non_null(f);
    EVP_PKEY *k = PEM_read_PrivateKey(f, NULL, NULL, NULL);
    fclose(f);
    assert_non_null(k);
    return k;
}

EVP_PKEY *ossl_rsa_gen(void)
{
    EVP_PKEY *k = EVP_RSA_gen(3072);
    assert_non_null(k);
    return k;
}

static void bn_le(EVP_PKEY *pk, const char *name, uint8_t *out, int len)
{
    BIGNUM *bn = NULL;
    assert_int_equal(EVP_PKEY_get_bn_param(pk, name, &bn), 1);
    assert_int_equal(BN_bn2lebinpad(bn, out, len), len);
    BN_clear_free(bn);
}

void ossl_rsa_export(EVP_PKEY *pk, uint8_t key[772], uint8_t pub[388])
{
    bn_le(pk, OSSL_PKEY_PARAM_RSA_N, key, 384);
    bn_le(pk, OSSL_PKEY_PARAM_RSA_D, key + 384, 384);
    bn_le(pk, OSSL_PKEY_PARAM_RSA_E, key + 768, 4);
    memcpy(pub, key, 384);
    memcpy(pub + 384, key + 768, 4);
}

void ossl_rsa_sign(EVP_PKEY *pk, const uint8_t *msg, size_t len, uint8_t sig[384])
{
    EVP_MD_CTX *m = EVP_MD_CTX_new();
    size_t n = 384;
    assert_int_equal(EVP_DigestSignInit(m, NULL, EVP_sha256(), NULL, pk), 1);
    assert_int_equal(EVP_DigestSign(m, sig, &n, msg, len), 1);
    assert_int_equal(n, 384);
    EVP_MD_CTX_free(m);
}

int ossl_rsa_verify(EVP_PKEY *pk, const uint8_t *msg, size_t len, const uint8_t sig[384])
{
    EVP_MD_CTX *m = EVP_MD_CTX_new();
    assert_int_equal(EVP_DigestVerifyInit(m, NULL, EVP_sha256(), NULL, pk), 1);
    int ok = EVP_DigestVerify(m, sig, 384, msg, len);
    EVP_MD_CTX_free(m);
    return ok == 1;
}

void ossl_sha1(const uint8_t *src, size_t len, uint8_t out[20])
{
    unsigned int n = 0;
    assert_int_equal(EVP_Digest(src, len, out, &n, EVP_sha1(), NULL), 1);
    assert_int_equal(n, 20);
}

void ossl_ec_pub_from_priv(const uint8_t d[32], uint8_t point[65])
{
    EC_GROUP *g = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
    EC_POINT *q = EC_POINT_new(g);
    BIGNUM *k = BN_bin2bn(d, 32, NULL);
    assert_int_equal(EC_POINT_mul(g, q, k, NULL, NULL, NULL), 1);
    assert_int_equal(EC_POINT_point2oct(g, q, POINT_CONVERSION_UNCOMPRESSED, point, 65, NULL), 65);
    BN_clear_free(k);
    EC_POINT_free(q);
    EC_GROUP_free(g);
}

void ossl_ecdsa_priv_key(const uint8_t *drg, size_t drg_len, uint8_t out[32])
{
    EC_GROUP *g = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
    BIGNUM *m = BN_dup(EC_GROUP_get0_order(g)), *c = BN_lebin2bn(drg, (int)drg_len, NULL), *r = BN_new();
    BN_CTX *ctx = BN_CTX_new();
    assert_int_equal(BN_sub_word(m, 1), 1);
    assert_int_equal(BN_mod(r, c, m, ctx), 1);
    assert_int_equal(BN_add_word(r, 1), 1);
    assert_int_equal(BN_bn2binpad(r, out, 32), 32);
    BN_CTX_free(ctx);
    BN_free(r);
    BN_free(c);
    BN_free(m);
    EC_GROUP_free(g);
}

EVP_PKEY *ossl_rsa_gen_bits(int bits)
{
    EVP_PKEY *k = EVP_RSA_gen((unsigned)bits);
    assert_non_null(k);
    return k;
}

EVP_PKEY *ossl_rsa_from_der_hex(const char *hex)
{
    static uint8_t der[4096];
    size_t n = tc_hex(der, sizeof der, hex);
    const unsigned char *p = der;
    EVP_PKEY *k = d2i_AutoPrivateKey(NULL, &p, (long)n);
    assert_non_null(k);
    return k;
}

void ossl_rsa_blobs(EVP_PKEY *pk, size_t mod, uint8_t *pub, uint8_t *priv1, uint8_t *priv2)
{
    int m = (int)mod, h = (int)mod / 2;
    if (pub != NULL) {
        bn_le(pk, OSSL_PKEY_PARAM_RSA_N, pub, m);
        bn_le(pk, OSSL_PKEY_PARAM_RSA_E, pub + m, 4);
    }
    if (priv1 != NULL) {
        bn_le(pk, OSSL_PKEY_PARAM_RSA_N, priv1, m);
        bn_le(pk, OSSL_PKEY_PARAM_RSA_E, priv1 + m, 4);
        bn_le(pk, OSSL_PKEY_PARAM_RSA_D, priv1 + m + 4, m);
    }
    if (priv2 != NULL) {
        bn_le(pk, OSSL_PKEY_PARAM_RSA_E, priv2, 4);
        bn_le(pk, OSSL_PKEY_PARAM_RSA_FACTOR1, priv2 + 4, h);
        bn_le(pk, OSSL_PKEY_PARAM_RSA_FACTOR2, priv2 + 4 + h, h);
        bn_le(pk, OSSL_PKEY_PARAM_RSA_EXPONENT1, priv2 + 4 + 2 * h, h);
        bn_le(pk, OSSL_PKEY_PARAM_RSA_EXPONENT2, priv2 + 4 + 3 * h, h);
        bn_le(pk, OSSL_PKEY_PARAM_RSA_COEFFICIENT1, priv2 + 4 + 4 * h, h);
    }
}

EVP_PKEY *ossl_rsa_from_keypair(size_t mod, const uint8_t *blob, const uint8_t e[4])
{
    static const char *names[] = { OSSL_PKEY_PARAM_RSA_N, OSSL_PKEY_PARAM_RSA_D, OSSL_PKEY_PARAM_RSA_FACTOR1,
                                   OSSL_PKEY_PARAM_RSA_FACTOR2, OSSL_PKEY_PARAM_RSA_EXPONENT1,
                                   OSSL_PKEY_PARAM_RSA_EXPONENT2, OSSL_PKEY_PARAM_RSA_COEFFICIENT1 };
    size_t sizes[] = { mod, mod, mod / 2, mod / 2, mod / 2, mod / 2, mod / 2 };
    BIGNUM *bn[8];
    OSSL_PARAM_BLD *b = OSSL_PARAM_BLD_new();
    size_t off = 0;
    for (int i = 0; i < 7; i++) {
        bn[i] = BN_lebin2bn(blob + off, (int)sizes[i], NULL);
        off += sizes[i];
        assert_int_equal(OSSL_PARAM_BLD_push_BN(b, names[i], bn[i]), 1);
    }
    bn[7] = BN_lebin2bn(e, 4, NULL);
    assert_int_equal(OSSL_PARAM_BLD_push_BN(b, OSSL_PKEY_PARAM_RSA_E, bn[7]), 1);
    OSSL_PARAM *p = OSSL_PARAM_BLD_to_param(b);
    EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
    EVP_PKEY *k = NULL;
    assert_int_equal(EVP_PKEY_fromdata_init(c), 1);
    assert_int_equal(EVP_PKEY_fromdata(c, &k, EVP_PKEY_KEYPAIR, p), 1);
    EVP_PKEY_CTX_free(c);
    c = EVP_PKEY_CTX_new(k, NULL);
    assert_int_equal(EVP_PKEY_pairwise_check(c), 1);             /* n = pq, d, CRT values agree */
    assert_int_equal(EVP_PKEY_private_check(c), 1);
    EVP_PKEY_CTX_free(c);
    OSSL_PARAM_free(p);
    OSSL_PARAM_BLD_free(b);
    for (int i = 0; i < 8; i++)
        BN_clear_free(bn[i]);
    return k;
}

static EVP_PKEY_CTX *oaep_ctx(EVP_PKEY *pk, int decrypt)
{
    EVP_PKEY_CTX *c = EVP_PKEY_CTX_new(pk, NULL);
    assert_int_equal(decrypt ? EVP_PKEY_decrypt_init(c) : EVP_PKEY_encrypt_init(c), 1);
    assert_int_equal(EVP_PKEY_CTX_set_rsa_padding(c, RSA_PKCS1_OAEP_PADDING), 1);
    assert_int_equal(EVP_PKEY_CTX_set_rsa_oaep_md(c, EVP_sha256()), 1);
    assert_int_equal(EVP_PKEY_CTX_set_rsa_mgf1_md(c, EVP_sha256()), 1);
    return c;
}

size_t ossl_rsa_oaep_encrypt(EVP_PKEY *pk, const uint8_t *msg, size_t len, uint8_t *out)
{
    EVP_PKEY_CTX *c = oaep_ctx(pk, 0);
    size_t n = (size_t)EVP_PKEY_get_size(pk);
    assert_int_equal(EVP_PKEY_encrypt(c, out, &n, msg, len), 1);
    EVP_PKEY_CTX_free(c);
    return n;
}

int ossl_rsa_oaep_decrypt(EVP_PKEY *pk, const uint8_t *ct, size_t len, uint8_t *out, size_t *out_len)
{
    EVP_PKEY_CTX *c = oaep_ctx(pk, 1);
    *out_len = (size_t)EVP_PKEY_get_size(pk);
    int ok = EVP_PKEY_decrypt(c, out, out_len, ct, len) == 1;
    EVP_PKEY_CTX_free(c);
    return ok;
}
