/* signing_key.h — enclave signing keys as Intel's sgx_sign takes them: RSA-3072 with public
 * exponent 3, in PEM (public or private). Gives the little-endian modulus a SIGSTRUCT carries,
 * so a signer can be compared with an enclave's MRSIGNER. Host code. */
#ifndef VSGX_SIGN_SIGNING_KEY_H
#define VSGX_SIGN_SIGNING_KEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sigstruct.h"

/* Reads a PEM RSA key (public or private) and stores its modulus little-endian. Fails, with a
 * reason in msg, unless it is a 3072-bit RSA key with exponent 3. */
bool vsgx_signing_key_modulus(const char *pem, size_t len, uint8_t modulus[VSGX_RSA3072_BYTES], char *msg,
                              size_t msg_len);

#endif
