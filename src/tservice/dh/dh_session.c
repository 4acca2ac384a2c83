/* dh_session.c — sgx_dh_init_session and the session's storage: the state lives in the
 * caller's opaque sgx_dh_session_t, copied in and out around each step so that it is read
 * with its own alignment, and cleared on every failure. Enclave code. */
#include <string.h>

#include "dh_internal.h"
#include "sgx_trts.h"

int dh_session_load(const sgx_dh_session_t *in, dh_session_t *s)
{
    if (!in || !sgx_is_within_enclave(in, sizeof *in))
        return 0;
    memcpy(s, in->sgx_dh_session, sizeof *s);
    return 1;
}

void dh_session_store(sgx_dh_session_t *out, dh_session_t *s)
{
    memset(out->sgx_dh_session, 0, sizeof out->sgx_dh_session);
    memcpy(out->sgx_dh_session, s, sizeof *s);
    dh_wipe(s, sizeof *s);
}

void dh_session_end(sgx_dh_session_t *out, dh_session_t *s, uint32_t state)
{
    uint32_t role = s->role;
    dh_wipe(s, sizeof *s);
    s->role = role;
    s->state = state;
    dh_session_store(out, s);
}

void dh_session_fail(sgx_dh_session_t *out, dh_session_t *s)
{
    dh_session_end(out, s, DH_STATE_ERROR);
}

int dh_msg3_in_enclave(const sgx_dh_msg3_t *msg3)
{
    return msg3 && sgx_is_within_enclave(msg3, sizeof *msg3) &&
           msg3->msg3_body.additional_prop_length <= UINT32_MAX - sizeof *msg3 &&
           sgx_is_within_enclave(msg3, sizeof *msg3 + msg3->msg3_body.additional_prop_length);
}

sgx_status_t sgx_dh_init_session(sgx_dh_session_role_t role, sgx_dh_session_t *session)
{
    if (!session || !sgx_is_within_enclave(session, sizeof *session))
        return SGX_ERROR_INVALID_PARAMETER;
    if (role != SGX_DH_SESSION_INITIATOR && role != SGX_DH_SESSION_RESPONDER)
        return SGX_ERROR_INVALID_PARAMETER;
    dh_session_t s;
    memset(&s, 0, sizeof s);
    s.role = (uint32_t)role;
    s.state = role == SGX_DH_SESSION_INITIATOR ? DH_STATE_INITIATOR_WAIT_M1 : DH_STATE_RESET;
    dh_session_store(session, &s);
    return SGX_SUCCESS;
}
