/* dh_host.h — the local-attestation host tests' helpers: the test enclaves and a platform
 * directory per run, and the protocol's steps carried between two enclaves' session slots,
 * each returning the enclave's status so that the tests can assert refusals. */
#ifndef DH_HOST_H
#define DH_HOST_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdint.h>

#include "dh_test.h"
#include "dh_u.h"
#include "sgx_dh.h"
#include "sgx_urts.h"

#define DH_ENCLAVE(name) DH_DIR "/" name ".signed.so"
#define DH_PROPS 8                                       /* msg3's additional properties */
#define DH_MSG3_SIZE (sizeof(sgx_dh_msg3_t) + DH_PROPS)

/* One session's messages, as they crossed the host. */
typedef struct {
    sgx_dh_msg1_t msg1;
    sgx_dh_msg2_t msg2;
    uint8_t msg3[DH_MSG3_SIZE];
    sgx_dh_session_enclave_identity_t initiator_seen;    /* by the responder */
    sgx_dh_session_enclave_identity_t responder_seen;    /* by the initiator */
} dh_run_t;

/* Test-group setup and teardown: a temporary directory with two platforms, VSGX_PLATFORM set
 * to the first; dh_platform(1) switches to the second, dh_platform(0) back. */
int dh_setup(void **state);
int dh_teardown(void **state);
void dh_platform(int second);

sgx_enclave_id_t dh_create(const char *path);
void dh_destroy(sgx_enclave_id_t id);

/* Steps; each returns the ECALL's status (asserting the ECALL itself ran). */
int dh_init(sgx_enclave_id_t id, uint32_t slot, sgx_dh_session_role_t role);
int dh_gen_msg1(sgx_enclave_id_t id, uint32_t slot, sgx_dh_msg1_t *msg1);
int dh_proc_msg1(sgx_enclave_id_t id, uint32_t slot, const sgx_dh_msg1_t *msg1, sgx_dh_msg2_t *msg2);
int dh_proc_msg2(sgx_enclave_id_t id, uint32_t slot, const sgx_dh_msg2_t *msg2, uint8_t *msg3,
                 sgx_dh_session_enclave_identity_t *peer);
int dh_proc_msg3(sgx_enclave_id_t id, uint32_t slot, const uint8_t *msg3, sgx_dh_session_enclave_identity_t *peer);

/* Both sessions started: the responder's msg1 and the initiator's msg2 made (asserted). */
void dh_start(sgx_enclave_id_t ini, uint32_t islot, sgx_enclave_id_t resp, uint32_t rslot, dh_run_t *run);
/* A whole session, every step asserted to succeed. */
void dh_session(sgx_enclave_id_t ini, uint32_t islot, sgx_enclave_id_t resp, uint32_t rslot, dh_run_t *run);
/* CMAC of nonce under the slot's AEK (asserted to succeed). */
void dh_prove(sgx_enclave_id_t id, uint32_t slot, const uint8_t nonce[16], uint8_t mac[16]);
/* The enclave's own identity, and its expected peer signer (NULL: any). */
void dh_self(sgx_enclave_id_t id, sgx_dh_session_enclave_identity_t *self);
void dh_expect_signer(sgx_enclave_id_t id, const sgx_measurement_t *mr_signer);

#endif
