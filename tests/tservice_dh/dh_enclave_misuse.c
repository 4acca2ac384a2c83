/* dh_enclave_misuse.c — the session API's refusals, checked inside the enclave: missing
 * pointers and pointers outside the enclave, an unknown role, a step of the other role, steps
 * out of order or repeated, a failed step leaving the session unusable, msg3's declared
 * properties overflowing, and a g_a that is not a P-256 point. */
#include <limits.h>
#include <string.h>

#include "dh_t.h"
#include "sgx_dh.h"

#define EXPECT(call, code)        \
    do {                          \
        n++;                      \
        if ((*got = (int)(call)) != (int)(code)) \
            return n;             \
    } while (0)

int ecall_dh_misuse(uint8_t *outside, int *got)
{
    int n = 0;
    sgx_dh_session_t r, i;
    sgx_dh_msg1_t m1;
    sgx_dh_msg2_t m2;
    sgx_dh_msg3_t m3;
    sgx_key_128bit_t aek;
    sgx_dh_session_enclave_identity_t id;
    memset(&m2, 0, sizeof m2);
    memset(&m3, 0, sizeof m3);

    /* Initialisation. */
    EXPECT(sgx_dh_init_session(SGX_DH_SESSION_RESPONDER, NULL), SGX_ERROR_INVALID_PARAMETER);
    EXPECT(sgx_dh_init_session(SGX_DH_SESSION_RESPONDER, (sgx_dh_session_t *)outside), SGX_ERROR_INVALID_PARAMETER);
    EXPECT(sgx_dh_init_session((sgx_dh_session_role_t)2, &r), SGX_ERROR_INVALID_PARAMETER);

    /* Responder: msg2 before msg1, then a session in error stays so. */
    EXPECT(sgx_dh_init_session(SGX_DH_SESSION_RESPONDER, &r), SGX_SUCCESS);
    EXPECT(sgx_dh_responder_proc_msg2(&m2, &m3, &r, &aek, &id), SGX_ERROR_INVALID_STATE);
    EXPECT(sgx_dh_responder_gen_msg1(&m1, &r), SGX_ERROR_INVALID_STATE);
    /* msg1 twice. */
    EXPECT(sgx_dh_init_session(SGX_DH_SESSION_RESPONDER, &r), SGX_SUCCESS);
    EXPECT(sgx_dh_responder_gen_msg1(&m1, &r), SGX_SUCCESS);
    EXPECT(sgx_dh_responder_gen_msg1(&m1, &r), SGX_ERROR_INVALID_STATE);
    /* Bad pointers, each of which also ends the session. */
    EXPECT(sgx_dh_init_session(SGX_DH_SESSION_RESPONDER, &r), SGX_SUCCESS);
    EXPECT(sgx_dh_responder_gen_msg1(NULL, &r), SGX_ERROR_INVALID_PARAMETER);
    EXPECT(sgx_dh_responder_gen_msg1(&m1, &r), SGX_ERROR_INVALID_STATE);
    EXPECT(sgx_dh_init_session(SGX_DH_SESSION_RESPONDER, &r), SGX_SUCCESS);
    EXPECT(sgx_dh_responder_gen_msg1((sgx_dh_msg1_t *)outside, &r), SGX_ERROR_INVALID_PARAMETER);
    EXPECT(sgx_dh_init_session(SGX_DH_SESSION_RESPONDER, &r), SGX_SUCCESS);
    EXPECT(sgx_dh_responder_gen_msg1(&m1, &r), SGX_SUCCESS);
    EXPECT(sgx_dh_responder_proc_msg2(&m2, &m3, &r, (sgx_key_128bit_t *)outside, &id), SGX_ERROR_INVALID_PARAMETER);
    EXPECT(sgx_dh_init_session(SGX_DH_SESSION_RESPONDER, &r), SGX_SUCCESS);
    EXPECT(sgx_dh_responder_gen_msg1(&m1, &r), SGX_SUCCESS);
    EXPECT(sgx_dh_responder_proc_msg2(&m2, &m3, &r, &aek, NULL), SGX_ERROR_INVALID_PARAMETER);
    /* The initiator's steps on a responder session. */
    EXPECT(sgx_dh_init_session(SGX_DH_SESSION_RESPONDER, &r), SGX_SUCCESS);
    EXPECT(sgx_dh_initiator_proc_msg1(&m1, &m2, &r), SGX_ERROR_INVALID_PARAMETER);

    /* Initiator: msg3 before msg1; the responder's step; msg1 twice. */
    EXPECT(sgx_dh_init_session(SGX_DH_SESSION_INITIATOR, &i), SGX_SUCCESS);
    EXPECT(sgx_dh_initiator_proc_msg3(&m3, &i, &aek, &id), SGX_ERROR_INVALID_STATE);
    EXPECT(sgx_dh_init_session(SGX_DH_SESSION_INITIATOR, &i), SGX_SUCCESS);
    EXPECT(sgx_dh_responder_gen_msg1(&m1, &i), SGX_ERROR_INVALID_PARAMETER);
    EXPECT(sgx_dh_init_session(SGX_DH_SESSION_RESPONDER, &r), SGX_SUCCESS);
    EXPECT(sgx_dh_responder_gen_msg1(&m1, &r), SGX_SUCCESS);
    EXPECT(sgx_dh_init_session(SGX_DH_SESSION_INITIATOR, &i), SGX_SUCCESS);
    EXPECT(sgx_dh_initiator_proc_msg1(&m1, &m2, &i), SGX_SUCCESS);
    EXPECT(sgx_dh_initiator_proc_msg1(&m1, &m2, &i), SGX_ERROR_INVALID_STATE);
    /* msg2 written outside the enclave. */
    EXPECT(sgx_dh_init_session(SGX_DH_SESSION_INITIATOR, &i), SGX_SUCCESS);
    EXPECT(sgx_dh_initiator_proc_msg1(&m1, (sgx_dh_msg2_t *)outside, &i), SGX_ERROR_INVALID_PARAMETER);
    /* msg3 declaring more properties than any buffer holds. */
    EXPECT(sgx_dh_init_session(SGX_DH_SESSION_INITIATOR, &i), SGX_SUCCESS);
    EXPECT(sgx_dh_initiator_proc_msg1(&m1, &m2, &i), SGX_SUCCESS);
    m3.msg3_body.additional_prop_length = UINT32_MAX;
    EXPECT(sgx_dh_initiator_proc_msg3(&m3, &i, &aek, &id), SGX_ERROR_INVALID_PARAMETER);
    m3.msg3_body.additional_prop_length = 0;
    EXPECT(sgx_dh_initiator_proc_msg3(&m3, &i, &aek, &id), SGX_ERROR_INVALID_STATE);
    /* A g_a off the curve. */
    EXPECT(sgx_dh_init_session(SGX_DH_SESSION_INITIATOR, &i), SGX_SUCCESS);
    m1.g_a.gy[0] ^= 1;
    EXPECT(sgx_dh_initiator_proc_msg1(&m1, &m2, &i), SGX_ERROR_UNEXPECTED);
    return 0;
}
