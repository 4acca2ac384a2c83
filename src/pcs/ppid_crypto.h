/* ppid_crypto.h — the PPID encryption key of the simulated PCS and the PPID encryption itself.
 *
 * On hardware the PCE returns the platform's PPID (16 bytes) encrypted with the PCS's RSA-3072
 * public key (crypto suite PCE_ALG_RSA_OAEP_3072): RSAES-OAEP with SHA-256, MGF1-SHA-256 and an
 * empty label, a 384-byte ciphertext; only the PCS can read it. vsgx does the same with a key
 * pair of its own simulated PCS (not Intel's), kept in the PCS state directory as
 * ppid-encryption.key.pem (0600) and ppid-encryption.pub.pem. */
#ifndef VSGX_PCS_PPID_CRYPTO_H
#define VSGX_PCS_PPID_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#include "ca.h"

#define VSGX_PPID_SIZE 16
#define VSGX_PPID_ENC_SIZE 384 /* RSA-3072 modulus bytes */
#define VSGX_PCS_PEK_BITS 3072
#define VSGX_PCS_PEK_KEY_FILE "ppid-encryption.key.pem"
#define VSGX_PCS_PEK_PUB_FILE "ppid-encryption.pub.pem"

/* Creates a new RSA-3072 key (e = 65537) in dir (which must exist and may hold other files):
 * the private key (0600) and the public key, each written to a temporary file and linked into
 * place, so neither is ever seen half-written or overwritten. Refuses (EXISTS) when either is
 * there. err (may be NULL) receives a message. */
vsgx_pcs_result_t vsgx_pcs_pek_create(const char *dir, char *err, size_t err_len);
/* Loads the private key of dir: NOT_FOUND, IO, INSECURE (readable by group or others),
 * INVALID (not PEM, not an RSA-3072 key). Free *out with EVP_PKEY_free. */
vsgx_pcs_result_t vsgx_pcs_pek_load_private(const char *dir, EVP_PKEY **out, char *err, size_t err_len);
/* Loads the public key of dir (same results but INSECURE). */
vsgx_pcs_result_t vsgx_pcs_pek_load_public(const char *dir, EVP_PKEY **out, char *err, size_t err_len);

/* The PCE's side: encrypts the PPID for the PCS (randomised: a new ciphertext every call).
 * False when the key is not RSA-3072 or OpenSSL fails (out is then zeroed). */
bool vsgx_ppid_encrypt(EVP_PKEY *pcs_public, const uint8_t ppid[VSGX_PPID_SIZE], uint8_t out[VSGX_PPID_ENC_SIZE]);
/* The PCS's side: false unless `in` decrypts under pcs_private to exactly 16 bytes (ppid is
 * then zeroed). */
bool vsgx_ppid_decrypt(EVP_PKEY *pcs_private, const uint8_t in[VSGX_PPID_ENC_SIZE], uint8_t ppid[VSGX_PPID_SIZE]);

#endif
