/* p256.h — ECDSA P-256 / SHA-256 verification of Intel's raw formats: a public key as X || Y
 * and a signature as r || s (64 bytes each, big-endian), as quotes and signed collateral carry
 * them. On the verifier's hot path, so keys can be prepared once and reused. */
#ifndef VSGX_QVL_P256_H
#define VSGX_QVL_P256_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct vsgx_p256_key vsgx_p256_key_t;

/* NULL when xy is not a point on the curve. */
vsgx_p256_key_t *vsgx_p256_key_new(const uint8_t xy[64]);
void vsgx_p256_key_free(vsgx_p256_key_t *k);

/* Verifies sig over SHA-256(msg). */
bool vsgx_p256_verify(const vsgx_p256_key_t *k, const void *msg, size_t len, const uint8_t sig[64]);

#endif
