/* UntrustedEnclaveMessageExchange.c — the initiator enclave's OCALLs: each carries a message to
 * the responder enclave's matching ECALL and its answer back. The app only transports; both
 * enclaves check everything they receive. */
#include <stdio.h>

#include "EnclaveInitiator_u.h"
#include "EnclaveResponder_u.h"
#include "UntrustedEnclaveMessageExchange.h"

sgx_enclave_id_t responder_enclave_id;

/* The responder's status, or LA_ATTESTATION_ERROR when its ECALL did not run. */
static uint32_t answer(const char *what, sgx_status_t st, uint32_t ret)
{
    if (st != SGX_SUCCESS) {
        fprintf(stderr, "%s: ECALL failed: 0x%x\n", what, (unsigned)st);
        return LA_ATTESTATION_ERROR;
    }
    return ret;
}

uint32_t session_request_ocall(sgx_dh_msg1_t *dh_msg1, uint32_t *session_id)
{
    uint32_t ret = LA_ATTESTATION_ERROR;
    sgx_status_t st = session_request(responder_enclave_id, &ret, dh_msg1, session_id);
    return answer("session_request", st, ret);
}

uint32_t exchange_report_ocall(sgx_dh_msg2_t *dh_msg2, sgx_dh_msg3_t *dh_msg3, uint32_t session_id)
{
    uint32_t ret = LA_ATTESTATION_ERROR;
    sgx_status_t st = exchange_report(responder_enclave_id, &ret, dh_msg2, dh_msg3, session_id);
    return answer("exchange_report", st, ret);
}

uint32_t send_request_ocall(uint32_t session_id, uint8_t *req_message, size_t req_message_size,
                            size_t max_payload_size, uint8_t *resp_message, size_t resp_message_size)
{
    uint32_t ret = LA_ATTESTATION_ERROR;
    sgx_status_t st = generate_response(responder_enclave_id, &ret, req_message, req_message_size, max_payload_size,
                                        resp_message, resp_message_size, session_id);
    return answer("generate_response", st, ret);
}

uint32_t end_session_ocall(uint32_t session_id)
{
    uint32_t ret = LA_ATTESTATION_ERROR;
    sgx_status_t st = end_session(responder_enclave_id, &ret, session_id);
    return answer("end_session", st, ret);
}
