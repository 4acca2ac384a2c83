/* EnclaveResponder.c — LocalAttestation's responder enclave: a table of sessions, each opened
 * by session_request (msg1) and established by exchange_report (msg2 checked, the initiator's
 * identity checked, msg3 returned); generate_response answers a request x with x & 0x11111111
 * over the session; end_session forgets the session and its key. */
#include <string.h>

#include "EnclaveResponder_t.h"
#include "la_message.h"
#include "sgx_dh.h"

#define INITIATOR_PROD_ID 0

typedef enum { FREE, IN_PROGRESS, ACTIVE } la_state_t;

static struct {
    la_state_t state;
    sgx_dh_session_t dh;
    sgx_key_128bit_t aek;
    uint64_t sequence;
} g_sessions[LA_MAX_SESSIONS];

/* The initiator this enclave answers: an initialised enclave of the expected product. */
static int initiator_trusted(const sgx_dh_session_enclave_identity_t *peer)
{
    return peer->isv_prod_id == INITIATOR_PROD_ID && (peer->attributes.flags & SGX_FLAGS_INITTED);
}

static void forget(uint32_t id)
{
    memset(&g_sessions[id], 0, sizeof g_sessions[id]);
}

uint32_t session_request(sgx_dh_msg1_t *dh_msg1, uint32_t *session_id)
{
    if (!dh_msg1 || !session_id)
        return LA_INVALID_PARAMETER;
    for (uint32_t id = 0; id < LA_MAX_SESSIONS; id++) {
        if (g_sessions[id].state != FREE)
            continue;
        if (sgx_dh_init_session(SGX_DH_SESSION_RESPONDER, &g_sessions[id].dh) != SGX_SUCCESS ||
            sgx_dh_responder_gen_msg1(dh_msg1, &g_sessions[id].dh) != SGX_SUCCESS) {
            forget(id);
            return LA_ATTESTATION_ERROR;
        }
        g_sessions[id].state = IN_PROGRESS;
        *session_id = id;
        return LA_SUCCESS;
    }
    return LA_NO_AVAILABLE_SESSION;
}

uint32_t exchange_report(sgx_dh_msg2_t *dh_msg2, sgx_dh_msg3_t *dh_msg3, uint32_t session_id)
{
    if (!dh_msg2 || !dh_msg3)
        return LA_INVALID_PARAMETER;
    if (session_id >= LA_MAX_SESSIONS || g_sessions[session_id].state != IN_PROGRESS)
        return LA_INVALID_SESSION;
    sgx_dh_session_enclave_identity_t initiator;
    dh_msg3->msg3_body.additional_prop_length = 0;
    if (sgx_dh_responder_proc_msg2(dh_msg2, dh_msg3, &g_sessions[session_id].dh, &g_sessions[session_id].aek,
                                   &initiator) != SGX_SUCCESS) {
        forget(session_id);
        return LA_ATTESTATION_ERROR;
    }
    if (!initiator_trusted(&initiator)) {
        forget(session_id);
        memset(dh_msg3, 0, sizeof *dh_msg3);
        return LA_ENCLAVE_TRUST_ERROR;
    }
    g_sessions[session_id].state = ACTIVE;
    g_sessions[session_id].sequence = 0;
    return LA_SUCCESS;
}

uint32_t generate_response(uint8_t *req_message, size_t req_message_size, size_t max_payload_size,
                           uint8_t *resp_message, size_t resp_message_size, uint32_t session_id)
{
    const secure_message_t *req = (const secure_message_t *)req_message;
    if (!req_message || !resp_message || max_payload_size < sizeof(uint32_t) || req_message_size < sizeof *req)
        return LA_INVALID_PARAMETER;
    if (session_id >= LA_MAX_SESSIONS || g_sessions[session_id].state != ACTIVE || req->session_id != session_id)
        return LA_INVALID_SESSION;
    uint64_t seq = g_sessions[session_id].sequence;
    uint32_t x = 0;
    uint32_t ret = la_open(&g_sessions[session_id].aek, LA_DIR_REQUEST, seq, req, req_message_size, &x, sizeof x);
    if (ret != LA_SUCCESS)
        return ret;
    g_sessions[session_id].sequence = seq + 1;
    uint32_t answer = x & 0x11111111u;
    return la_seal(&g_sessions[session_id].aek, session_id, LA_DIR_RESPONSE, seq, &answer, sizeof answer,
                   (secure_message_t *)resp_message, resp_message_size);
}

uint32_t end_session(uint32_t session_id)
{
    if (session_id >= LA_MAX_SESSIONS || g_sessions[session_id].state == FREE)
        return LA_INVALID_SESSION;
    forget(session_id);
    return LA_SUCCESS;
}
