/* dh_internal.h — what the local-attestation files share (dh_session.c, dh_responder.c,
 * dh_initiator.c, dh_crypto.c): the session's private layout inside sgx_dh_session_t, its
 * states, and the protocol's key derivation and report bindings. Enclave code, tservice only. */
#ifndef VSGX_DH_INTERNAL_H
#define VSGX_DH_INTERNAL_H

#include <stddef.h>

#include "sgx_dh.h"

/* Key derivation function named in msg2's report data after the hash: AES-CMAC, as Intel's. */
#define DH_KDF_ID_AES_CMAC 0x0001
#define DH_KDF_ID_OFFSET SGX_SHA256_HASH_SIZE

typedef enum {
    DH_STATE_ERROR = 0,           /* failed: cleared, every further step is INVALID_STATE */
    DH_STATE_RESET,               /* responder, before msg1 */
    DH_STATE_RESPONDER_WAIT_M2,
    DH_STATE_INITIATOR_WAIT_M1,
    DH_STATE_INITIATOR_WAIT_M3,
    DH_STATE_ACTIVE               /* established: the keys are gone from the session */
} dh_state_t;

typedef struct {
    uint32_t role;                /* sgx_dh_session_role_t */
    uint32_t state;               /* dh_state_t */
    union {
        struct {
            sgx_ec256_private_t prv_key;    /* a */
            sgx_ec256_public_t pub_key;     /* g_a */
        } responder;
        struct {
            sgx_key_128bit_t smk;           /* MACs msg2 and msg3 */
            sgx_key_128bit_t aek;           /* handed out once msg3 verifies */
            sgx_ec256_public_t pub_key;     /* g_b */
            sgx_ec256_public_t peer_pub_key; /* g_a */
        } initiator;
    };
} dh_session_t;

_Static_assert(sizeof(dh_session_t) <= SGX_DH_SESSION_DATA_SIZE, "the session must fit Intel's size");
_Static_assert(sizeof(sgx_dh_msg1_t) == 576 && sizeof(sgx_dh_msg2_t) == 512 && sizeof(sgx_dh_msg3_t) == 452,
               "Intel's message sizes");
_Static_assert(sizeof(sgx_dh_session_enclave_identity_t) == 260 &&
                   offsetof(sgx_dh_session_enclave_identity_t, isv_prod_id) == offsetof(sgx_report_body_t, isv_prod_id),
               "the identity has the REPORT body's offsets");

/* The session state is kept in the caller's (byte-aligned) buffer: load copies it out after
 * checking that the buffer lies inside the enclave; store copies it back; fail clears it to
 * DH_STATE_ERROR. */
int dh_session_load(const sgx_dh_session_t *in, dh_session_t *s);
void dh_session_store(sgx_dh_session_t *out, dh_session_t *s);
void dh_session_fail(sgx_dh_session_t *out, dh_session_t *s);
/* Ends a step: the secrets wiped, the role kept, the state set (DH_STATE_ACTIVE, or ERROR). */
void dh_session_end(sgx_dh_session_t *out, dh_session_t *s, uint32_t state);
/* msg3, with its additional properties, lies wholly inside the enclave. */
int dh_msg3_in_enclave(const sgx_dh_msg3_t *msg3);

/* Intel's key derivation: K = AES-CMAC(0^128, shared x, little-endian); key = AES-CMAC(K,
 * 0x01 || label || 0x00 || 0x80 0x00). label is "SMK" or "AEK". */
sgx_status_t dh_derive_key(const sgx_ec256_dh_shared_t *shared, const char *label, sgx_key_128bit_t *key);
/* A fresh ephemeral key pair. */
sgx_status_t dh_make_key_pair(sgx_ec256_private_t *prv, sgx_ec256_public_t *pub);
/* The ECDH shared secret of prv and the peer's public key (refused if not on P-256). */
sgx_status_t dh_shared_secret(sgx_ec256_private_t *prv, const sgx_ec256_public_t *peer, sgx_ec256_dh_shared_t *shared);
/* SHA-256(first || second) into hash. */
sgx_status_t dh_hash_keys(const sgx_ec256_public_t *first, const sgx_ec256_public_t *second, uint8_t hash[32]);
/* The CMAC under key of data compared in constant time with mac: SGX_SUCCESS or
 * SGX_ERROR_MAC_MISMATCH. */
sgx_status_t dh_check_cmac(const sgx_key_128bit_t *key, const void *data, uint32_t size, const uint8_t mac[16]);
/* The TARGETINFO of the enclave a REPORT came from (MRENCLAVE, ATTRIBUTES, CONFIGSVN,
 * MISCSELECT, CONFIGID). */
void dh_target_from_report(const sgx_report_t *report, sgx_target_info_t *target);
/* The peer's identity from its REPORT body. */
void dh_identity_from_report(const sgx_report_t *report, sgx_dh_session_enclave_identity_t *id);
/* Clears memory the compiler may not drop. */
void dh_wipe(void *p, size_t n);
/* Intel's reporting of internal failures: anything but running out of memory is UNEXPECTED. */
sgx_status_t dh_public_error(sgx_status_t st);

#endif
