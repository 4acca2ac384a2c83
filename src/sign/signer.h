/* signer.h — what `sgx_sign` does to an enclave file, as a library: checks the ELF, lays the
 * enclave out from its configuration (or, when re-signing without one, keeps the layout already
 * in its metadata), writes the metadata into `.note.sgxmeta`, measures MRENCLAVE from what was
 * written, fills the SIGSTRUCT, and then signs it with a private key (sign), gives the 256 bytes
 * to be signed elsewhere (gendata), or attaches and checks an external signature (catsig).
 * The input is never changed: the result is the new note (and, unless asked not to, the whole
 * signed file). Nothing is produced unless every step succeeds. Host code. */
#ifndef VSGX_SIGN_SIGNER_H
#define VSGX_SIGN_SIGNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#include "enclave_config.h"
#include "sigstruct.h"
#include "sigstruct_build.h"

typedef enum {
    VSGX_SIGN_MODE_SIGN,
    VSGX_SIGN_MODE_GENDATA,
    VSGX_SIGN_MODE_CATSIG,
} vsgx_sign_mode_t;

typedef enum {
    VSGX_SIGNER_OK = 0,
    VSGX_SIGNER_BAD_ELF,        /* not an ELF file an enclave can be made of */
    VSGX_SIGNER_ELF_RULE,       /* an enclave rule (relocations, DT_NEEDED, symbols...) fails */
    VSGX_SIGNER_NO_NOTE,        /* no .note.sgxmeta note to write the metadata into */
    VSGX_SIGNER_ALREADY_SIGNED, /* signed already, and -resign not given */
    VSGX_SIGNER_RUNTIME,        /* g_global_data is not the vsgx runtime's */
    VSGX_SIGNER_CONFIG,         /* the configuration does not hold for this enclave */
    VSGX_SIGNER_LAYOUT,         /* the enclave does not fit */
    VSGX_SIGNER_METADATA,       /* the existing metadata (when re-signing) is unusable */
    VSGX_SIGNER_MEASURE,        /* the measurement failed */
    VSGX_SIGNER_UNSIGNED_DATA,  /* catsig: the signing data does not match this enclave */
    VSGX_SIGNER_SIGNATURE,      /* signing failed, or the external signature does not verify */
    VSGX_SIGNER_NO_MEMORY,
} vsgx_signer_status_t;

typedef struct {
    vsgx_sign_mode_t mode;
    const uint8_t *enclave;             /* the input file */
    size_t enclave_len;
    const vsgx_enclave_config_t *config; /* NULL: defaults, or the existing layout when re-signing */
    bool resign, ignore_rel_error, ignore_init_sec_error;
    uint32_t date;                      /* 0: today (or SOURCE_DATE_EPOCH) */
    EVP_PKEY *private_key;              /* sign */
    const uint8_t *public_modulus;      /* catsig: little-endian, 384 bytes */
    const uint8_t *signature;           /* catsig: big-endian, 384 bytes */
    const uint8_t *signing_data;        /* catsig: gendata's 256 bytes */
    bool note_only;                     /* give the new note, not a copy of the whole file */
} vsgx_sign_request_t;

typedef struct {
    uint8_t *file;                      /* sign, catsig: the signed enclave, unless note_only */
    size_t len;
    uint8_t *note;                      /* sign, catsig: the new .note.sgxmeta descriptor, which */
    size_t note_len;                    /* replaces the input's at metadata_offset */
    vsgx_sigstruct_t css;
    uint8_t signing_data[VSGX_SIGNING_DATA_SIZE];   /* gendata */
    uint8_t mrenclave[32];
    bool kept_metadata;                 /* re-signed with the layout it had */
    size_t metadata_offset;             /* file offset of the metadata (the note descriptor) */
} vsgx_sign_result_t;

typedef struct {
    vsgx_signer_status_t status;
    size_t offset;                      /* file offset concerned, when there is one */
    char message[512];
} vsgx_signer_error_t;

const char *vsgx_signer_status_text(vsgx_signer_status_t s);

vsgx_signer_status_t vsgx_sign_enclave(const vsgx_sign_request_t *req, vsgx_sign_result_t *out,
                                       vsgx_signer_error_t *err);
void vsgx_sign_result_free(vsgx_sign_result_t *r);

#endif
