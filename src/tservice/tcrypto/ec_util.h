/* ec_util.h — P-256 value conversions for ecc.c and ecdsa.c (enclave code, tcrypto only):
 * Intel keeps EC integers little-endian, BearSSL big-endian. */
#ifndef VSGX_TCRYPTO_EC_UTIL_H
#define VSGX_TCRYPTO_EC_UTIL_H

#include "tcrypto_internal.h"

struct tc_ecc {
    uint32_t tag;
};

/* The private key big-endian; returns 1 if 1 <= key < n. */
int tc_ec_priv_be(uint8_t be[32], const sgx_ec256_private_t *priv);
/* The public key as an uncompressed point 04||X||Y; returns 1 if both coordinates are < p
 * (whether it lies on the curve is BearSSL's check). */
int tc_ec_pub_be(uint8_t point[65], const sgx_ec256_public_t *pub);
void tc_ec_pub_le(sgx_ec256_public_t *pub, const uint8_t point[65]);
/* Raw r||s (big-endian) to and from Intel's little-endian words. */
void tc_ec_sig_le(sgx_ec256_signature_t *sig, const uint8_t raw[64]);
void tc_ec_sig_be(uint8_t raw[64], const sgx_ec256_signature_t *sig);

#endif
