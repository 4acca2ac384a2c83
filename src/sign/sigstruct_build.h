/* sigstruct_build.h — making a SIGSTRUCT as Intel's sgx_sign does: the fields that come from
 * Enclave.config.xml (type, vendor, date, hardware version, MISCSELECT and its mask, attributes
 * and their masks, KSS ids, product id and SVN), the attributes the metadata asks for and the
 * SSA frame size they imply, and the signature: RSASSA-PKCS1-v1_5/SHA-256 over bytes [0,128)
 * and [900,1028) made with a private key, or an external signature attached and checked, with
 * q1 and q2. Host code. */
#ifndef VSGX_SIGN_SIGSTRUCT_BUILD_H
#define VSGX_SIGN_SIGSTRUCT_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#include "enclave_config.h"
#include "sigstruct.h"

/* The signed part of a SIGSTRUCT (header ‖ body), as gendata writes it and catsig reads it. */
#define VSGX_SIGNING_DATA_SIZE 256

/* Today's date (UTC) as SIGSTRUCT stores it, 0xYYYYMMDD; SOURCE_DATE_EPOCH, when set to a
 * number of seconds, is used instead of the clock (reproducible builds). */
uint32_t vsgx_sigstruct_date_now(void);

/* Whether d is a valid 0xYYYYMMDD date. */
bool vsgx_sigstruct_date_valid(uint32_t d);

/* Fills every field but the key, signature, q1, q2 and ENCLAVEHASH from the configuration. */
void vsgx_sigstruct_from_config(const vsgx_enclave_config_t *c, uint32_t date, vsgx_sigstruct_t *s);

/* The XFRM the enclave requires of the platform: ~mask | (xfrm & mask). */
uint64_t vsgx_sigstruct_required_xfrm(const vsgx_sigstruct_t *s);

/* The XSAVE area size of an XFRM (legacy 576, AVX 832, AVX-512 2688, PKRU 2752, AMX 11008), and
 * the SSA frame size in pages it implies (XSAVE area plus the 184-byte GPR area). */
uint32_t vsgx_xsave_size(uint64_t xfrm);
uint32_t vsgx_ssa_frame_pages(uint64_t xfrm);

/* header ‖ body: the 256 bytes the signature covers. */
void vsgx_sigstruct_signing_data(const vsgx_sigstruct_t *s, uint8_t out[VSGX_SIGNING_DATA_SIZE]);

/* Signs with a private RSA-3072/e=3 key: sets modulus, exponent, signature, q1 and q2. */
bool vsgx_sigstruct_sign(vsgx_sigstruct_t *s, EVP_PKEY *key, char *msg, size_t msg_len);

/* Attaches an external signature (384 bytes, big-endian as OpenSSL and HSMs produce it) made by
 * the key whose little-endian modulus is given; checks it verifies before changing anything. */
bool vsgx_sigstruct_attach(vsgx_sigstruct_t *s, const uint8_t modulus[VSGX_RSA3072_BYTES],
                           const uint8_t signature_be[VSGX_RSA3072_BYTES], char *msg, size_t msg_len);

#endif
