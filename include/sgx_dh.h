/* sgx_dh.h — local attestation between two enclaves on one platform: Intel's ECDH session
 * over P-256 in three messages, each side's identity proved by a REPORT the other verifies.
 * The session API is enclave code (libsgx_tservice); the message types are also for the host,
 * which carries the messages between the enclaves.
 *
 *   responder: sgx_dh_init_session(RESPONDER) → sgx_dh_responder_gen_msg1 → msg1 (g_a, its target)
 *   initiator: sgx_dh_init_session(INITIATOR) → sgx_dh_initiator_proc_msg1(msg1) → msg2
 *              (g_b, a REPORT for the responder binding SHA-256(g_a || g_b), CMAC under SMK)
 *   responder: sgx_dh_responder_proc_msg2(msg2) → msg3 (a REPORT for the initiator binding
 *              SHA-256(g_b || g_a), CMAC under SMK), the AEK and the initiator's identity
 *   initiator: sgx_dh_initiator_proc_msg3(msg3) → the AEK and the responder's identity
 *
 * Calls out of this order, or a message given to a session that has finished or failed, give
 * SGX_ERROR_INVALID_STATE; a failure clears the session. The caller decides whether it trusts
 * the peer's identity. Layouts and sizes are Intel's. */
#ifndef _SGX_DH_H_
#define _SGX_DH_H_

#include <stdint.h>
#include "sgx_defs.h"
#include "sgx_error.h"
#include "sgx_key.h"
#include "sgx_report.h"
#include "sgx_tcrypto.h"

#pragma pack(push, 1)

#define SGX_DH_MAC_SIZE 16
#define SGX_DH_SESSION_DATA_SIZE 200

typedef struct _sgx_dh_msg1_t {
    sgx_ec256_public_t g_a;             /* the responder's ephemeral public key, little-endian */
    sgx_target_info_t target;           /* the responder, for the initiator's REPORT */
} sgx_dh_msg1_t;

typedef struct _sgx_dh_msg2_t {
    sgx_ec256_public_t g_b;             /* the initiator's ephemeral public key, little-endian */
    sgx_report_t report;                /* report data: SHA-256(g_a || g_b) || KDF ID 0x0001 */
    uint8_t cmac[SGX_DH_MAC_SIZE];      /* AES-CMAC of the report under SMK */
} sgx_dh_msg2_t;

typedef struct _sgx_dh_msg3_body_t {
    sgx_report_t report;                /* report data: SHA-256(g_b || g_a) */
    uint32_t additional_prop_length;
    uint8_t additional_prop[];
} sgx_dh_msg3_body_t;

typedef struct _sgx_dh_msg3_t {
    uint8_t cmac[SGX_DH_MAC_SIZE];      /* AES-CMAC of msg3_body and its properties under SMK */
    sgx_dh_msg3_body_t msg3_body;
} sgx_dh_msg3_t;

/* The peer's identity, at the offsets its REPORT body has them. */
typedef struct _sgx_dh_session_enclave_identity_t {
    sgx_cpu_svn_t cpu_svn;
    sgx_misc_select_t misc_select;
    uint8_t reserved_1[28];
    sgx_attributes_t attributes;
    sgx_measurement_t mr_enclave;
    uint8_t reserved_2[32];
    sgx_measurement_t mr_signer;
    uint8_t reserved_3[96];
    sgx_prod_id_t isv_prod_id;
    sgx_isv_svn_t isv_svn;
} sgx_dh_session_enclave_identity_t;

typedef enum _sgx_dh_session_role_t {
    SGX_DH_SESSION_INITIATOR,
    SGX_DH_SESSION_RESPONDER
} sgx_dh_session_role_t;

/* Opaque session state; it must lie inside the enclave. */
typedef struct _sgx_dh_session_t {
    uint8_t sgx_dh_session[SGX_DH_SESSION_DATA_SIZE];
} sgx_dh_session_t;

#pragma pack(pop)

#ifdef __cplusplus
extern "C" {
#endif

/* Every pointer must lie inside the enclave (SGX_ERROR_INVALID_PARAMETER otherwise). Errors
 * in processing a message are Intel's: SGX_ERROR_KDF_MISMATCH for msg2 naming another key
 * derivation, SGX_ERROR_OUT_OF_MEMORY, and SGX_ERROR_UNEXPECTED for any failed check of a MAC,
 * a REPORT or the keys it binds. */
sgx_status_t SGXAPI sgx_dh_init_session(sgx_dh_session_role_t role, sgx_dh_session_t *session);
sgx_status_t SGXAPI sgx_dh_responder_gen_msg1(sgx_dh_msg1_t *msg1, sgx_dh_session_t *dh_session);
sgx_status_t SGXAPI sgx_LAv1_initiator_proc_msg1(const sgx_dh_msg1_t *msg1, sgx_dh_msg2_t *msg2,
                                                 sgx_dh_session_t *dh_session);
/* msg3->msg3_body.additional_prop_length (and that many bytes of additional_prop) are the
 * caller's, sent MAC'd in msg3. */
sgx_status_t SGXAPI sgx_dh_responder_proc_msg2(const sgx_dh_msg2_t *msg2, sgx_dh_msg3_t *msg3,
                                               sgx_dh_session_t *dh_session, sgx_key_128bit_t *aek,
                                               sgx_dh_session_enclave_identity_t *initiator_identity);
sgx_status_t SGXAPI sgx_LAv1_initiator_proc_msg3(const sgx_dh_msg3_t *msg3, sgx_dh_session_t *dh_session,
                                                 sgx_key_128bit_t *aek,
                                                 sgx_dh_session_enclave_identity_t *responder_identity);

#ifdef __cplusplus
}
#endif

/* Intel's names for the initiator's steps: LA version 1 (vsgx has no LAv2). */
#ifdef SGX_USE_LAv2_INITIATOR
#error "vsgx implements local attestation version 1 only (SGX_USE_LAv2_INITIATOR is defined)"
#endif
#define sgx_dh_initiator_proc_msg1 sgx_LAv1_initiator_proc_msg1
#define sgx_dh_initiator_proc_msg3 sgx_LAv1_initiator_proc_msg3

#endif
