/* tc_host.h — shared by the sgx_tcrypto host tests: the test enclave (created once per
 * program), one wrapper per ECALL that checks the ECALL itself ran and returns the
 * primitive's sgx_status_t, hex and byte-order helpers, and OpenSSL references (tc_ossl.c)
 * that take and give big-endian values as OpenSSL does. */
#ifndef TC_HOST_H
#define TC_HOST_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <openssl/evp.h>

#include "sgx_urts.h"

extern sgx_enclave_id_t tc_eid;
int tc_setup(void **state);
int tc_teardown(void **state);

/* Decodes hex into out (at most max bytes); returns the length. */
size_t tc_hex(uint8_t *out, size_t max, const char *hex);
void tc_rev(uint8_t *dst, const uint8_t *src, size_t n);
void tc_rand(void *p, size_t n);
uint32_t tc_rand_below(uint32_t bound);

uint32_t tc_sha(uint32_t bits, const uint8_t *src, uint32_t len, uint32_t chunk, uint8_t *hash);
uint32_t tc_hmac(const uint8_t *src, uint32_t len, const uint8_t *key, uint32_t key_len, uint8_t *mac,
                 uint32_t mac_len, uint32_t chunk);
uint32_t tc_gcm(int encrypt, const uint8_t *key, const uint8_t *src, uint32_t len, uint8_t *dst, const uint8_t *iv,
                uint32_t iv_len, const uint8_t *aad, uint32_t aad_len, uint8_t *tag);
uint32_t tc_cmac(const uint8_t *key, const uint8_t *src, uint32_t len, uint32_t chunk, uint8_t *tag);
uint32_t tc_ctr(int encrypt, const uint8_t *key, const uint8_t *src, uint32_t len, uint8_t *ctr, uint32_t bits,
                uint8_t *dst);
/* EC values here are Intel's: little-endian priv[32], pub gx||gy [64], sig x||y words [64]. */
uint32_t tc_ec_keypair(uint8_t *priv, uint8_t *pub);
uint32_t tc_ec_check_point(const uint8_t *pub, int *valid);
uint32_t tc_ecdh(const uint8_t *priv, const uint8_t *pub, uint8_t *shared);
uint32_t tc_ecdsa_sign(const uint8_t *data, uint32_t len, const uint8_t *priv, uint8_t *sig);
uint32_t tc_ecdsa_verify(const uint8_t *data, uint32_t len, const uint8_t *pub, const uint8_t *sig, uint8_t *result);
uint32_t tc_ecdsa_verify_hash(const uint8_t *hash, const uint8_t *pub, const uint8_t *sig, uint8_t *result);
uint32_t tc_rsa_sign(const uint8_t *data, uint32_t len, const uint8_t *key, uint8_t *sig);
uint32_t tc_rsa_verify(const uint8_t *data, uint32_t len, const uint8_t *pub, const uint8_t *sig, int *result);
uint32_t tc_bad_case(uint32_t id);
/* The engines the enclave's sgx_tcrypto chose: bit 0 AES-NI, bit 1 PCLMULQDQ, bit 2 VAES GCM. */
uint32_t tc_engines(void);
uint32_t tc_sha1(const uint8_t *src, uint32_t len, uint32_t chunk, uint8_t *hash);
/* Streaming GCM encryption in chunks of splits[0], splits[1], ... (cyclically; none: one
 * update); first_tag gets the tag after the first chunk. */
uint32_t tc_gcm_stream(const uint8_t *key, const uint8_t *iv, const uint8_t *aad, uint32_t aad_len,
                       const uint8_t *src, uint32_t len, const uint32_t *splits, uint32_t nsplits, int in_place,
                       uint8_t *dst, uint8_t *tag, uint8_t *first_tag);
uint32_t tc_ec_pub_from_priv(const uint8_t *priv, uint8_t *pub);
uint32_t tc_ecdsa_priv_key(const uint8_t *drg, uint32_t drg_len, const uint8_t *m, uint32_t m_len, uint8_t *out,
                           uint32_t out_len);
/* blob: n, d (n_bytes each), p, q, dmp1, dmq1, iqmp (n_bytes / 2 each), little-endian. */
uint32_t tc_rsa_keypair(uint32_t n_bytes, uint32_t e_bytes, uint8_t *e, uint8_t *blob, uint32_t blob_len);
/* kind 0: public key n || e; 1: private n || e || d; 2: private e || p || q || dmp1 || dmq1 ||
 * iqmp; 3: NULL key. A failure to build the key is TC_KEY_FAILED | its status. */
#define TC_KEY_FAILED 0x80000000u
uint32_t tc_rsa_oaep(int decrypt, int kind, uint32_t mod_size, uint32_t exp_size, const uint8_t *key,
                     uint32_t key_len, const uint8_t *in, uint32_t in_len, uint8_t *out, uint32_t out_cap,
                     uint64_t *out_len);
uint32_t tc_rsa_sign_ex(const uint8_t *data, uint32_t len, const uint8_t *key, const uint8_t *pub, uint8_t *sig);

/* Intel's layouts from big-endian values and back. */
void tc_pub_le(uint8_t le[64], const uint8_t point[65]);        /* 04||X||Y -> gx||gy LE */
void tc_pub_be(uint8_t point[65], const uint8_t le[64]);
void tc_sig_le(uint8_t le[64], const uint8_t r[32], const uint8_t s[32]);
void tc_sig_be(uint8_t r[32], uint8_t s[32], const uint8_t le[64]);

/* OpenSSL references (tc_ossl.c). */
void ossl_sha(uint32_t bits, const uint8_t *src, size_t len, uint8_t *out);
void ossl_hmac(const uint8_t *key, size_t key_len, const uint8_t *src, size_t len, uint8_t out[32]);
void ossl_gcm_encrypt(const uint8_t key[16], const uint8_t iv[12], const uint8_t *aad, size_t aad_len,
                      const uint8_t *src, size_t len, uint8_t *dst, uint8_t tag[16]);
void ossl_cmac(const uint8_t key[16], const uint8_t *src, size_t len, uint8_t tag[16]);
/* AES-CTR with Intel's counter rule, built from AES-ECB; advances ctr. */
void ossl_ctr_ref(const uint8_t key[16], uint8_t ctr[16], uint32_t bits, const uint8_t *src, size_t len, uint8_t *dst);
void ossl_ec_keygen(uint8_t priv[32], uint8_t point[65]);
void ossl_ecdsa_sign(const uint8_t priv[32], const uint8_t point[65], const uint8_t *msg, size_t len, uint8_t r[32],
                     uint8_t s[32]);
int ossl_ecdsa_verify(const uint8_t point[65], const uint8_t *msg, size_t len, const uint8_t r[32], const uint8_t s[32]);
void ossl_ecdh(const uint8_t priv[32], const uint8_t point[65], const uint8_t peer[65], uint8_t x[32]);
EVP_PKEY *ossl_rsa_load(const char *pem_path);
EVP_PKEY *ossl_rsa_gen(void);
/* Intel's sgx_rsa3072_key_t (mod||d||e, 772 bytes) and public key (mod||exp, 388), LE. */
void ossl_rsa_export(EVP_PKEY *pk, uint8_t key[772], uint8_t pub[388]);
void ossl_rsa_sign(EVP_PKEY *pk, const uint8_t *msg, size_t len, uint8_t sig[384]);
int ossl_rsa_verify(EVP_PKEY *pk, const uint8_t *msg, size_t len, const uint8_t sig[384]);
void ossl_sha1(const uint8_t *src, size_t len, uint8_t out[20]);
/* P-256: the point d*G (d big-endian), and Intel's derivation (c mod (n-1)) + 1 with c the
 * little-endian drg, big-endian out, computed with OpenSSL's BN. */
void ossl_ec_pub_from_priv(const uint8_t d[32], uint8_t point[65]);
void ossl_ecdsa_priv_key(const uint8_t *drg, size_t drg_len, uint8_t out[32]);
EVP_PKEY *ossl_rsa_gen_bits(int bits);
EVP_PKEY *ossl_rsa_from_der_hex(const char *hex);
/* Intel's OAEP key elements of a key with a mod-byte modulus, little-endian, e of 4 bytes:
 * pub = n || e, priv1 = n || e || d, priv2 = e || p || q || dmp1 || dmq1 || iqmp. */
void ossl_rsa_blobs(EVP_PKEY *pk, size_t mod, uint8_t *pub, uint8_t *priv1, uint8_t *priv2);
/* An OpenSSL key from tc_rsa_keypair's blob and e (little-endian), checked for consistency. */
EVP_PKEY *ossl_rsa_from_keypair(size_t mod, const uint8_t *blob, const uint8_t e[4]);
size_t ossl_rsa_oaep_encrypt(EVP_PKEY *pk, const uint8_t *msg, size_t len, uint8_t *out);
/* 1 and the message on success, 0 on failure. */
int ossl_rsa_oaep_decrypt(EVP_PKEY *pk, const uint8_t *ct, size_t len, uint8_t *out, size_t *out_len);

#endif
