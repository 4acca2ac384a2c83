/* signing_key.h — enclave signing keys as Intel's sgx_sign takes them: RSA-3072 with public
 * exponent 3, in PEM (a private key to sign, a public key to check or to attach an external
 * signature). Gives the little-endian modulus a SIGSTRUCT carries, so a signer can be compared
 * with an enclave's MRSIGNER. Encrypted private keys are refused (no passphrase prompt). Host code. */
#ifndef VSGX_SIGN_SIGNING_KEY_H
#define VSGX_SIGN_SIGNING_KEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#include "sigstruct.h"

typedef enum {
    VSGX_KEY_PUBLIC,            /* a public key (or the public half of a private one) */
    VSGX_KEY_PRIVATE,           /* a private key only */
} vsgx_key_kind_t;

/* Reads a PEM RSA key and stores its modulus little-endian. Fails, with a reason in msg, unless
 * it is a 3072-bit RSA key with exponent 3 (and private, when asked for). The caller frees the
 * key with EVP_PKEY_free. */
EVP_PKEY *vsgx_signing_key_load(const char *pem, size_t len, vsgx_key_kind_t kind,
                                uint8_t modulus[VSGX_RSA3072_BYTES], char *msg, size_t msg_len);

/* The modulus of a PEM key (public or private), as vsgx_signing_key_load. */
bool vsgx_signing_key_modulus(const char *pem, size_t len, uint8_t modulus[VSGX_RSA3072_BYTES], char *msg,
                              size_t msg_len);

#endif
