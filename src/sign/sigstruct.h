/* sigstruct.h — the enclave signature structure (SIGSTRUCT, Intel's enclave_css_t, 1808
 * bytes): its layout, the checks EINIT and `sgx_sign` make on it (fixed headers, RSA-3072 with
 * exponent 3, RSASSA-PKCS1-v1_5/SHA-256 over bytes [0,128) and [900,1028), q1 and q2), and
 * MRSIGNER. Big numbers are stored little-endian. Host code. */
#ifndef VSGX_SIGN_SIGSTRUCT_H
#define VSGX_SIGN_SIGSTRUCT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sgx_attributes.h"

#define VSGX_SIGSTRUCT_SIZE 1808
#define VSGX_RSA3072_BYTES 384

#pragma pack(push, 1)
typedef struct {
    uint8_t header[12];         /* 06000000 E1000000 00000100 */
    uint32_t type;              /* bit 31: release (production) signing */
    uint32_t vendor;            /* 0x8086 for Intel, else 0 */
    uint32_t date;              /* yyyymmdd as hex digits */
    uint8_t header2[16];        /* 01010000 60000000 60000000 01000000 */
    uint32_t hw_version;
    uint8_t reserved1[84];
    uint8_t modulus[VSGX_RSA3072_BYTES];
    uint32_t exponent;
    uint8_t signature[VSGX_RSA3072_BYTES];
    sgx_misc_select_t misc_select;
    sgx_misc_select_t misc_mask;
    uint8_t reserved2[4];
    uint8_t isv_family_id[16];
    sgx_attributes_t attributes;
    sgx_attributes_t attribute_mask;
    uint8_t enclave_hash[32];
    uint8_t reserved3[16];
    uint8_t isvext_prod_id[16];
    uint16_t isv_prod_id;
    uint16_t isv_svn;
    uint8_t reserved4[12];
    uint8_t q1[VSGX_RSA3072_BYTES];
    uint8_t q2[VSGX_RSA3072_BYTES];
} vsgx_sigstruct_t;
#pragma pack(pop)

typedef enum {
    VSGX_SIGSTRUCT_OK = 0,
    VSGX_SIGSTRUCT_BAD_SIZE,        /* not 1808 bytes */
    VSGX_SIGSTRUCT_BAD_HEADER,      /* header or header2 is not the fixed value */
    VSGX_SIGSTRUCT_BAD_EXPONENT,    /* the exponent is not 3 */
    VSGX_SIGSTRUCT_BAD_MODULUS,     /* not a 3072-bit odd modulus */
    VSGX_SIGSTRUCT_BAD_SIGNATURE,   /* RSASSA-PKCS1-v1_5 does not verify */
    VSGX_SIGSTRUCT_BAD_Q1,          /* q1 != floor(S^2 / N) */
    VSGX_SIGSTRUCT_BAD_Q2,          /* q2 != floor(S * (S^2 mod N) / N) */
    VSGX_SIGSTRUCT_NO_MEMORY,
} vsgx_sigstruct_status_t;

/* A sentence for people. */
const char *vsgx_sigstruct_status_text(vsgx_sigstruct_status_t s);

/* Checks everything EINIT checks of the signature itself. */
vsgx_sigstruct_status_t vsgx_sigstruct_verify(const uint8_t *data, size_t len);

/* MRSIGNER: SHA-256 of the 384 modulus bytes as stored (little-endian). */
void vsgx_sigstruct_mrsigner(const vsgx_sigstruct_t *s, uint8_t out[32]);

#endif
