/* EnclaveInitiator.c — LocalAttestation's initiator enclave: one session with the responder
 * (msg1 in, msg2 out, msg3 in, the responder's identity checked), the secret 0x12345678 sent
 * over it and the responder's answer (the secret & 0x11111111) checked, then the session
 * closed on both sides. */
#include <string.h>

#include "EnclaveInitiator_t.h"
#include "la_message.h"
#include "sgx_dh.h"

#define SECRET 0x12345678u
#define RESPONDER_PROD_ID 0

static struct {
    int active;
    uint32_t session_id;
    sgx_key_128bit_t aek;
    uint64_t sequence;
} g_session;

/* The responder this enclave agrees to talk to: an initialised enclave of the expected
 * product. (Like Intel's sample, it does not pin the responder's MRSIGNER: both keys here are
 * made at build time.) */
static int responder_trusted(const sgx_dh_session_enclave_identity_t *peer)
{
    return peer->isv_prod_id == RESPONDER_PROD_ID && (peer->attributes.flags & SGX_FLAGS_INITTED);
}

uint32_t test_create_session(void)
{
    if (g_session.active)
        return LA_INVALID_SESSION;
    sgx_dh_session_t dh;
    sgx_dh_msg1_t msg1;
    sgx_dh_msg2_t msg2;
    sgx_dh_msg3_t msg3;
    sgx_dh_session_enclave_identity_t responder;
    uint32_t ret = LA_ATTESTATION_ERROR, session_id = 0;
    if (sgx_dh_init_session(SGX_DH_SESSION_INITIATOR, &dh) != SGX_SUCCESS)
        goto out;
    if (session_request_ocall(&ret, &msg1, &session_id) != SGX_SUCCESS || ret != LA_SUCCESS) {
        ret = ret ? ret : LA_ATTESTATION_ERROR;
        goto out;
    }
    ret = LA_ATTESTATION_ERROR;
    if (sgx_dh_initiator_proc_msg1(&msg1, &msg2, &dh) != SGX_SUCCESS)
        goto out;
    memset(&msg3, 0, sizeof msg3);
    if (exchange_report_ocall(&ret, &msg2, &msg3, session_id) != SGX_SUCCESS || ret != LA_SUCCESS) {
        ret = ret ? ret : LA_ATTESTATION_ERROR;
        goto out;
    }
    ret = LA_ATTESTATION_ERROR;
    if (msg3.msg3_body.additional_prop_length != 0 ||
        sgx_dh_initiator_proc_msg3(&msg3, &dh, &g_session.aek, &responder) != SGX_SUCCESS)
        goto out;
    if (!responder_trusted(&responder)) {
        ret = LA_ENCLAVE_TRUST_ERROR;
        goto out;
    }
    g_session.active = 1;
    g_session.session_id = session_id;
    g_session.sequence = 0;
    ret = LA_SUCCESS;
out:
    memset(&dh, 0, sizeof dh);
    if (ret != LA_SUCCESS)
        memset(&g_session, 0, sizeof g_session);
    return ret;
}

uint32_t test_message_exchange(void)
{
    if (!g_session.active)
        return LA_INVALID_SESSION;
    uint32_t secret = SECRET, answer = 0, ret = LA_SUCCESS;
    _Alignas(8) uint8_t req[sizeof(secure_message_t) + sizeof secret];
    _Alignas(8) uint8_t resp[sizeof(secure_message_t) + sizeof answer];
    uint64_t seq = g_session.sequence++;
    ret = la_seal(&g_session.aek, g_session.session_id, LA_DIR_REQUEST, seq, &secret, sizeof secret,
                  (secure_message_t *)req, sizeof req);
    if (ret != LA_SUCCESS)
        return ret;
    sgx_status_t st = send_request_ocall(&ret, g_session.session_id, req, sizeof req, sizeof answer, resp, sizeof resp);
    if (st != SGX_SUCCESS)
        return LA_ATTESTATION_ERROR;
    if (ret != LA_SUCCESS)
        return ret;
    ret = la_open(&g_session.aek, LA_DIR_RESPONSE, seq, (const secure_message_t *)resp, sizeof resp, &answer,
                  sizeof answer);
    if (ret != LA_SUCCESS)
        return ret;
    return answer == (SECRET & 0x11111111u) ? LA_SUCCESS : LA_INVALID_SESSION;
}

uint32_t test_close_session(void)
{
    if (!g_session.active)
        return LA_INVALID_SESSION;
    uint32_t ret = LA_ATTESTATION_ERROR;
    if (end_session_ocall(&ret, g_session.session_id) != SGX_SUCCESS)
        ret = LA_ATTESTATION_ERROR;
    memset(&g_session, 0, sizeof g_session);
    return ret;
}
