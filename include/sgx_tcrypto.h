/* sgx_tcrypto.h — the trusted crypto library of enclaves (libsgx_tcrypto.a), Intel's API:
 * SHA-1/256/384, HMAC-SHA256, AES-128 GCM (one-shot and streaming encryption)/CMAC/CTR, ECC
 * P-256 (key pair, ECDH, ECDSA, key derivation), RSA-3072 PKCS#1 v1.5 signatures and RSA-OAEP
 * (SHA-256) with RSA keys of up to 4096 bits. Enclave code only; vsgx implements it on BearSSL.
 *
 * Byte orders are Intel's: EC private keys, public key coordinates, ECDH shared secrets and
 * ECDSA signature halves (as uint32_t words) are little-endian integers; RSA modulus and
 * exponents are little-endian integers, the RSA signature is the PKCS#1 big-endian octet
 * string; hashes, tags and AES keys are plain byte strings. The AES-CTR counter block is a
 * 16-byte big-endian number. Every function returns an sgx_status_t (sgx_error.h). */
#ifndef _SGX_TCRYPTO_H_
#define _SGX_TCRYPTO_H_

#include <stddef.h>
#include <stdint.h>
#include "sgx_defs.h"
#include "sgx_error.h"

#define SGX_SHA1_HASH_SIZE              20
#define SGX_SHA256_HASH_SIZE            32
#define SGX_SHA384_HASH_SIZE            48
#define SGX_ECP256_KEY_SIZE             32
#define SGX_NISTP_ECP256_KEY_SIZE       (SGX_ECP256_KEY_SIZE / sizeof(uint32_t))
#define SGX_AESGCM_IV_SIZE              12
#define SGX_AESGCM_KEY_SIZE             16
#define SGX_AESGCM_MAC_SIZE             16
#define SGX_HMAC256_KEY_SIZE            32
#define SGX_HMAC256_MAC_SIZE            32
#define SGX_CMAC_KEY_SIZE               16
#define SGX_CMAC_MAC_SIZE               16
#define SGX_AESCTR_KEY_SIZE             16
#define SGX_RSA3072_KEY_SIZE            384
#define SGX_RSA3072_PRI_EXP_SIZE        384
#define SGX_RSA3072_PUB_EXP_SIZE        4

typedef struct _sgx_ec256_dh_shared_t {
    uint8_t s[SGX_ECP256_KEY_SIZE];           /* x of the shared point, little-endian */
} sgx_ec256_dh_shared_t;

typedef struct _sgx_ec256_private_t {
    uint8_t r[SGX_ECP256_KEY_SIZE];           /* little-endian, 1 <= r < n */
} sgx_ec256_private_t;

typedef struct _sgx_ec256_public_t {
    uint8_t gx[SGX_ECP256_KEY_SIZE];          /* little-endian */
    uint8_t gy[SGX_ECP256_KEY_SIZE];          /* little-endian */
} sgx_ec256_public_t;

typedef struct _sgx_ec256_signature_t {
    uint32_t x[SGX_NISTP_ECP256_KEY_SIZE];    /* r, little-endian words, least significant first */
    uint32_t y[SGX_NISTP_ECP256_KEY_SIZE];    /* s, likewise */
} sgx_ec256_signature_t;

typedef struct _sgx_rsa3072_public_key_t {
    uint8_t mod[SGX_RSA3072_KEY_SIZE];        /* little-endian */
    uint8_t exp[SGX_RSA3072_PUB_EXP_SIZE];    /* little-endian */
} sgx_rsa3072_public_key_t;

typedef struct _sgx_rsa3072_key_t {
    uint8_t mod[SGX_RSA3072_KEY_SIZE];        /* little-endian */
    uint8_t d[SGX_RSA3072_PRI_EXP_SIZE];      /* little-endian */
    uint8_t e[SGX_RSA3072_PUB_EXP_SIZE];      /* little-endian */
} sgx_rsa3072_key_t;

typedef uint8_t sgx_rsa3072_signature_t[SGX_RSA3072_KEY_SIZE];  /* big-endian (PKCS#1) */

typedef void *sgx_sha_state_handle_t;
typedef void *sgx_hmac_state_handle_t;
typedef void *sgx_cmac_state_handle_t;
typedef void *sgx_ecc_state_handle_t;
typedef void *sgx_aes_state_handle_t;

typedef uint8_t sgx_sha1_hash_t[SGX_SHA1_HASH_SIZE];
typedef uint8_t sgx_sha256_hash_t[SGX_SHA256_HASH_SIZE];
typedef uint8_t sgx_sha384_hash_t[SGX_SHA384_HASH_SIZE];

typedef uint8_t sgx_aes_gcm_128bit_key_t[SGX_AESGCM_KEY_SIZE];
typedef uint8_t sgx_aes_gcm_128bit_tag_t[SGX_AESGCM_MAC_SIZE];
typedef uint8_t sgx_hmac_256bit_key_t[SGX_HMAC256_KEY_SIZE];
typedef uint8_t sgx_hmac_256bit_tag_t[SGX_HMAC256_MAC_SIZE];
typedef uint8_t sgx_cmac_128bit_key_t[SGX_CMAC_KEY_SIZE];
typedef uint8_t sgx_cmac_128bit_tag_t[SGX_CMAC_MAC_SIZE];
typedef uint8_t sgx_aes_ctr_128bit_key_t[SGX_AESCTR_KEY_SIZE];

typedef enum {
    SGX_EC_VALID,
    SGX_EC_COMPOSITE_BASE,
    SGX_EC_COMPLICATED_BASE,
    SGX_EC_IS_ZERO_DISCRIMINANT,
    SGX_EC_COMPOSITE_ORDER,
    SGX_EC_INVALID_ORDER,
    SGX_EC_IS_WEAK_MOV,
    SGX_EC_IS_WEAK_SSA,
    SGX_EC_IS_SUPER_SINGULAR,
    SGX_EC_INVALID_PRIVATE_KEY,
    SGX_EC_INVALID_PUBLIC_KEY,
    SGX_EC_INVALID_KEY_PAIR,
    SGX_EC_POINT_OUT_OF_GROUP,
    SGX_EC_POINT_IS_AT_INFINITY,
    SGX_EC_POINT_IS_NOT_VALID,
    SGX_EC_POINT_IS_EQUAL,
    SGX_EC_POINT_IS_NOT_EQUAL,
    SGX_EC_INVALID_SIGNATURE
} sgx_generic_ecresult_t;

typedef enum {
    SGX_RSA_VALID,
    SGX_RSA_INVALID_SIGNATURE
} sgx_rsa_result_t;

typedef enum {
    SGX_RSA_PRIVATE_KEY,
    SGX_RSA_PUBLIC_KEY
} sgx_rsa_key_type_t;

/* Sizes of the RSA-3072 key elements of sgx_create_rsa_key_pair and the key constructors. */
#define N_SIZE_IN_BYTES    384
#define E_SIZE_IN_BYTES    4
#define D_SIZE_IN_BYTES    384
#define P_SIZE_IN_BYTES    192
#define Q_SIZE_IN_BYTES    192
#define DMP1_SIZE_IN_BYTES 192
#define DMQ1_SIZE_IN_BYTES 192
#define IQMP_SIZE_IN_BYTES 192

#define N_SIZE_IN_UINT     (N_SIZE_IN_BYTES / sizeof(unsigned int))
#define E_SIZE_IN_UINT     (E_SIZE_IN_BYTES / sizeof(unsigned int))
#define D_SIZE_IN_UINT     (D_SIZE_IN_BYTES / sizeof(unsigned int))
#define P_SIZE_IN_UINT     (P_SIZE_IN_BYTES / sizeof(unsigned int))
#define Q_SIZE_IN_UINT     (Q_SIZE_IN_BYTES / sizeof(unsigned int))
#define DMP1_SIZE_IN_UINT  (DMP1_SIZE_IN_BYTES / sizeof(unsigned int))
#define DMQ1_SIZE_IN_UINT  (DMQ1_SIZE_IN_BYTES / sizeof(unsigned int))
#define IQMP_SIZE_IN_UINT  (IQMP_SIZE_IN_BYTES / sizeof(unsigned int))

typedef struct _rsa_params_t {               /* little-endian words, least significant first */
    unsigned int n[N_SIZE_IN_UINT];
    unsigned int e[E_SIZE_IN_UINT];
    unsigned int d[D_SIZE_IN_UINT];
    unsigned int p[P_SIZE_IN_UINT];
    unsigned int q[Q_SIZE_IN_UINT];
    unsigned int dmp1[DMP1_SIZE_IN_UINT];
    unsigned int dmq1[DMQ1_SIZE_IN_UINT];
    unsigned int iqmp[IQMP_SIZE_IN_UINT];
} rsa_params_t;

#ifdef __cplusplus
extern "C" {
#endif

/* SHA-1, SHA-256 and SHA-384. get_hash gives the hash of what was fed so far; the state stays
 * usable. close frees the state. */
sgx_status_t SGXAPI sgx_sha1_msg(const uint8_t *p_src, uint32_t src_len, sgx_sha1_hash_t *p_hash);
sgx_status_t SGXAPI sgx_sha1_init(sgx_sha_state_handle_t *p_sha_handle);
sgx_status_t SGXAPI sgx_sha1_update(const uint8_t *p_src, size_t src_len, sgx_sha_state_handle_t sha_handle);
sgx_status_t SGXAPI sgx_sha1_get_hash(sgx_sha_state_handle_t sha_handle, sgx_sha1_hash_t *p_hash);
sgx_status_t SGXAPI sgx_sha1_close(sgx_sha_state_handle_t sha_handle);

sgx_status_t SGXAPI sgx_sha256_msg(const uint8_t *p_src, uint32_t src_len, sgx_sha256_hash_t *p_hash);
sgx_status_t SGXAPI sgx_sha256_init(sgx_sha_state_handle_t *p_sha_handle);
sgx_status_t SGXAPI sgx_sha256_update(const uint8_t *p_src, uint32_t src_len, sgx_sha_state_handle_t sha_handle);
sgx_status_t SGXAPI sgx_sha256_get_hash(sgx_sha_state_handle_t sha_handle, sgx_sha256_hash_t *p_hash);
sgx_status_t SGXAPI sgx_sha256_close(sgx_sha_state_handle_t sha_handle);

sgx_status_t SGXAPI sgx_sha384_msg(const uint8_t *p_src, uint32_t src_len, sgx_sha384_hash_t *p_hash);
sgx_status_t SGXAPI sgx_sha384_init(sgx_sha_state_handle_t *p_sha_handle);
sgx_status_t SGXAPI sgx_sha384_update(const uint8_t *p_src, uint32_t src_len, sgx_sha_state_handle_t sha_handle);
sgx_status_t SGXAPI sgx_sha384_get_hash(sgx_sha_state_handle_t sha_handle, sgx_sha384_hash_t *p_hash);
sgx_status_t SGXAPI sgx_sha384_close(sgx_sha_state_handle_t sha_handle);

/* AES-128-GCM with a 12-byte IV and a 16-byte tag. decrypt returns SGX_ERROR_MAC_MISMATCH
 * on a wrong tag and then leaves p_dst zeroed. */
sgx_status_t SGXAPI sgx_rijndael128GCM_encrypt(const sgx_aes_gcm_128bit_key_t *p_key,
    const uint8_t *p_src, uint32_t src_len, uint8_t *p_dst, const uint8_t *p_iv, uint32_t iv_len,
    const uint8_t *p_aad, uint32_t aad_len, sgx_aes_gcm_128bit_tag_t *p_out_mac);
sgx_status_t SGXAPI sgx_rijndael128GCM_decrypt(const sgx_aes_gcm_128bit_key_t *p_key,
    const uint8_t *p_src, uint32_t src_len, uint8_t *p_dst, const uint8_t *p_iv, uint32_t iv_len,
    const uint8_t *p_aad, uint32_t aad_len, const sgx_aes_gcm_128bit_tag_t *p_in_mac);

/* Streaming AES-128-GCM encryption: init takes the 16-byte key, the 12-byte IV and all the AAD;
 * each update encrypts 1 or more bytes (p_dst may be p_src); get_mac gives the tag of the text
 * so far (the stream may go on); close frees the state. The result equals
 * sgx_rijndael128GCM_encrypt's over the whole text. A state of another kind is
 * SGX_ERROR_UNEXPECTED. */
sgx_status_t SGXAPI sgx_aes_gcm128_enc_init(const uint8_t *p_key, const uint8_t *p_iv, uint32_t iv_len,
    const uint8_t *p_aad, uint32_t aad_len, sgx_aes_state_handle_t *aes_gcm_state);
sgx_status_t SGXAPI sgx_aes_gcm128_enc_update(uint8_t *p_src, uint32_t src_len, uint8_t *p_dst,
    sgx_aes_state_handle_t aes_gcm_state);
sgx_status_t SGXAPI sgx_aes_gcm128_enc_get_mac(uint8_t *mac, sgx_aes_state_handle_t aes_gcm_state);
sgx_status_t SGXAPI sgx_aes_gcm_close(sgx_aes_state_handle_t aes_gcm_state);

/* AES-128-CMAC (RFC 4493). final gives the tag and readies the state for a new message
 * under the same key. */
sgx_status_t SGXAPI sgx_rijndael128_cmac_msg(const sgx_cmac_128bit_key_t *p_key,
    const uint8_t *p_src, uint32_t src_len, sgx_cmac_128bit_tag_t *p_mac);
sgx_status_t SGXAPI sgx_cmac128_init(const sgx_cmac_128bit_key_t *p_key, sgx_cmac_state_handle_t *p_cmac_handle);
sgx_status_t SGXAPI sgx_cmac128_update(const uint8_t *p_src, uint32_t src_len, sgx_cmac_state_handle_t cmac_handle);
sgx_status_t SGXAPI sgx_cmac128_final(sgx_cmac_state_handle_t cmac_handle, sgx_cmac_128bit_tag_t *p_hash);
sgx_status_t SGXAPI sgx_cmac128_close(sgx_cmac_state_handle_t cmac_handle);

/* HMAC-SHA256 with a key of any positive length; a MAC length below 32 truncates. */
sgx_status_t SGXAPI sgx_hmac_sha256_msg(const unsigned char *p_src, int src_len,
    const unsigned char *p_key, int key_len, unsigned char *p_mac, int mac_len);
sgx_status_t SGXAPI sgx_hmac256_init(const unsigned char *p_key, int key_len, sgx_hmac_state_handle_t *p_hmac_handle);
sgx_status_t SGXAPI sgx_hmac256_update(const uint8_t *p_src, int src_len, sgx_hmac_state_handle_t hmac_handle);
sgx_status_t SGXAPI sgx_hmac256_final(unsigned char *p_hash, int hash_len, sgx_hmac_state_handle_t hmac_handle);
sgx_status_t SGXAPI sgx_hmac256_close(sgx_hmac_state_handle_t hmac_handle);

/* AES-128-CTR (SP 800-38A). p_ctr is the 16-byte big-endian counter block; only its low
 * ctr_inc_bits bits (1..128) count, wrapping modulo 2^ctr_inc_bits. On success p_ctr holds
 * the block after the last one used (advanced by ceil(src_len / 16)). */
sgx_status_t SGXAPI sgx_aes_ctr_encrypt(const sgx_aes_ctr_128bit_key_t *p_key, const uint8_t *p_src,
    const uint32_t src_len, uint8_t *p_ctr, const uint32_t ctr_inc_bits, uint8_t *p_dst);
sgx_status_t SGXAPI sgx_aes_ctr_decrypt(const sgx_aes_ctr_128bit_key_t *p_key, const uint8_t *p_src,
    const uint32_t src_len, uint8_t *p_ctr, const uint32_t ctr_inc_bits, uint8_t *p_dst);

/* ECC over NIST P-256 (secp256r1). */
sgx_status_t SGXAPI sgx_ecc256_open_context(sgx_ecc_state_handle_t *p_ecc_handle);
sgx_status_t SGXAPI sgx_ecc256_close_context(sgx_ecc_state_handle_t ecc_handle);
sgx_status_t SGXAPI sgx_ecc256_create_key_pair(sgx_ec256_private_t *p_private,
    sgx_ec256_public_t *p_public, sgx_ecc_state_handle_t ecc_handle);
sgx_status_t SGXAPI sgx_ecc256_check_point(const sgx_ec256_public_t *p_point,
    const sgx_ecc_state_handle_t ecc_handle, int *p_valid);
sgx_status_t SGXAPI sgx_ecc256_compute_shared_dhkey(sgx_ec256_private_t *p_private_b,
    sgx_ec256_public_t *p_public_ga, sgx_ec256_dh_shared_t *p_shared_key,
    sgx_ecc_state_handle_t ecc_handle);
/* ECDSA with SHA-256 of the data; *p_result is SGX_EC_VALID or SGX_EC_INVALID_SIGNATURE. */
sgx_status_t SGXAPI sgx_ecdsa_sign(const uint8_t *p_data, uint32_t data_size,
    sgx_ec256_private_t *p_private, sgx_ec256_signature_t *p_signature,
    sgx_ecc_state_handle_t ecc_handle);
sgx_status_t SGXAPI sgx_ecdsa_verify(const uint8_t *p_data, uint32_t data_size,
    const sgx_ec256_public_t *p_public, sgx_ec256_signature_t *p_signature, uint8_t *p_result,
    sgx_ecc_state_handle_t ecc_handle);
/* The same over a given 32-byte SHA-256 digest. */
sgx_status_t SGXAPI sgx_ecdsa_verify_hash(const uint8_t *hash, const sgx_ec256_public_t *p_public,
    sgx_ec256_signature_t *p_signature, uint8_t *p_result, sgx_ecc_state_handle_t ecc_handle);

/* The public key priv*G of a private key in [1, n-1] (else SGX_ERROR_UNEXPECTED). */
sgx_status_t SGXAPI sgx_ecc256_calculate_pub_from_priv(const sgx_ec256_private_t *p_att_priv_key,
    sgx_ec256_public_t *p_att_pub_key);
/* Intel's private key derivation: out_key = (hash_drg mod sgx_nistp256_r_m1) + 1, both inputs
 * little-endian integers (lengths multiples of 4, the modulus 32 bytes: pass n-1), the key
 * written as 32 BIG-endian bytes (reverse it for sgx_ec256_private_t). */
sgx_status_t SGXAPI sgx_calculate_ecdsa_priv_key(const unsigned char *hash_drg, int hash_drg_len,
    const unsigned char *sgx_nistp256_r_m1, int sgx_nistp256_r_m1_len, unsigned char *out_key, int out_key_len);

/* RSA-3072 RSASSA-PKCS1-v1_5 with SHA-256. sign_ex also checks the signature against p_public
 * (when not NULL) before releasing it. */
sgx_status_t SGXAPI sgx_rsa3072_sign(const uint8_t *p_data, uint32_t data_size,
    const sgx_rsa3072_key_t *p_key, sgx_rsa3072_signature_t *p_signature);
sgx_status_t SGXAPI sgx_rsa3072_verify(const uint8_t *p_data, uint32_t data_size,
    const sgx_rsa3072_public_key_t *p_public, const sgx_rsa3072_signature_t *p_signature,
    sgx_rsa_result_t *p_result);
sgx_status_t SGXAPI sgx_rsa3072_sign_ex(const uint8_t *p_data, uint32_t data_size,
    const sgx_rsa3072_key_t *p_key, const sgx_rsa3072_public_key_t *p_public,
    sgx_rsa3072_signature_t *p_signature);

/* RSA keys for OAEP, from little-endian elements: a new key pair (p_e in: the public exponent
 * to use; out: the elements, n and d of n_byte_size bytes, the factors and CRT values of half),
 * a public key (n, e), a private key of type 1 (n, d) or type 2 (p, q, d mod (p-1),
 * d mod (q-1), q^-1 mod p, each mod_size/2 bytes). free takes NULL. */
sgx_status_t SGXAPI sgx_create_rsa_key_pair(int n_byte_size, int e_byte_size, unsigned char *p_n,
    unsigned char *p_d, unsigned char *p_e, unsigned char *p_p, unsigned char *p_q, unsigned char *p_dmp1,
    unsigned char *p_dmq1, unsigned char *p_iqmp);
sgx_status_t SGXAPI sgx_create_rsa_priv2_key(int mod_size, int exp_size, const unsigned char *p_rsa_key_e,
    const unsigned char *p_rsa_key_p, const unsigned char *p_rsa_key_q, const unsigned char *p_rsa_key_dmp1,
    const unsigned char *p_rsa_key_dmq1, const unsigned char *p_rsa_key_iqmp, void **new_pri_key2);
sgx_status_t SGXAPI sgx_create_rsa_priv1_key(int n_byte_size, int e_byte_size, int d_byte_size,
    const unsigned char *le_n, const unsigned char *le_e, const unsigned char *le_d, void **new_pri_key1);
sgx_status_t SGXAPI sgx_create_rsa_pub1_key(int mod_size, int exp_size, const unsigned char *le_n,
    const unsigned char *le_e, void **new_pub_key1);
sgx_status_t SGXAPI sgx_free_rsa_key(void *p_rsa_key, sgx_rsa_key_type_t key_type, int mod_size, int exp_size);
/* RSAES-OAEP with SHA-256 and MGF1-SHA-256, empty label. With pout_data NULL, *pout_len is set
 * to the size to provide (the modulus size); otherwise *pout_len must be at least that and
 * receives the length written. */
sgx_status_t SGXAPI sgx_rsa_pub_encrypt_sha256(const void *rsa_key, unsigned char *pout_data, size_t *pout_len,
    const unsigned char *pin_data, const size_t pin_len);
sgx_status_t SGXAPI sgx_rsa_priv_decrypt_sha256(const void *rsa_key, unsigned char *pout_data, size_t *pout_len,
    const unsigned char *pin_data, const size_t pin_len);

#ifdef __cplusplus
}
#endif

#endif
