/* tcrypto_internal.h — what the sgx_tcrypto sources share (enclave code, src/tservice/tcrypto
 * only): the BearSSL engines picked for this CPU, handle tags, clearing memory, byte reversal
 * for Intel's little-endian integers and a DRBG seeded from sgx_read_rand. */
#ifndef VSGX_TCRYPTO_INTERNAL_H
#define VSGX_TCRYPTO_INTERNAL_H

#include <bearssl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sgx_tcrypto.h"

/* Every handle starts with one of these tags, so a handle of another kind is refused. */
enum {
    TC_TAG_SHA256 = 0x74533235u,
    TC_TAG_SHA384 = 0x74533338u,
    TC_TAG_HMAC = 0x74484d43u,
    TC_TAG_CMAC = 0x74434d43u,
    TC_TAG_ECC = 0x74454343u,
    TC_TAG_SHA1 = 0x74534831u,
    TC_TAG_GCM = 0x7447434du,
    TC_TAG_RSA_PUB = 0x74525075u,
    TC_TAG_RSA_PRIV = 0x74525076u,
};

/* Larger than this is refused: Intel's engines take lengths as int. */
#define TC_MAX_LEN 0x7fffffffu

/* AES-128 in CTR mode and in CTR+CBC-MAC mode: AES-NI when the CPU has it, else the
 * constant-time bitsliced aes_ct64. */
const br_block_ctr_class *tc_aes_ctr(void);
const br_block_ctrcbc_class *tc_aes_ctrcbc(void);
/* GHASH: carry-less multiplication (PCLMULQDQ) when present, else constant-time ctmul64. */
br_ghash tc_ghash(void);
/* Whether the CPU has VAES and VPCLMULQDQ with AVX2 (never with TC_PORTABLE): gcm.c then uses
 * tc_gcm_vaes (gcm_vaes.c), which reads src and writes dst (the same buffer, or apart) in one
 * pass and gives the tag of the AAD and the ciphertext. */
bool tc_have_vaes(void);
void tc_gcm_vaes(const uint8_t key[16], const uint8_t iv[12], const uint8_t *aad, size_t aad_len, int encrypt,
                 const uint8_t *src, uint8_t *dst, size_t len, uint8_t tag[16]);

/* P-256 arithmetic: BearSSL's constant-time m31 implementation. */
const br_ec_impl *tc_ec(void);

/* Clears n bytes in a way the compiler keeps. */
void tc_wipe(void *p, size_t n);
/* dst = src with its n bytes in reverse order (dst and src may be the same buffer). */
void tc_reverse(uint8_t *dst, const uint8_t *src, size_t n);
/* Seeds an HMAC-DRBG (SHA-256) with 48 bytes from sgx_read_rand; 0 on success. */
int tc_drbg_seed(br_hmac_drbg_context *drbg);

#endif
