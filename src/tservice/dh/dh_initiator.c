/* dh_initiator.c — the initiator's steps of local attestation (LA version 1): msg1 answered
 * with msg2 (a fresh g_b; SMK and AEK derived from the ECDH secret; a REPORT for the responder
 * binding SHA-256(g_a || g_b) and the KDF ID, CMAC'd under SMK), then msg3 checked (CMAC under
 * SMK over its body and properties, the responder's REPORT made for this enclave on this
 * platform and binding SHA-256(g_b || g_a)), giving the AEK and the responder's identity.
 * Enclave code. */
#include <limits.h>
#include <string.h>

#include "dh_internal.h"
#include "sgx_trts.h"
#include "sgx_utils.h"

/* msg2 for msg1's responder: g_b, the REPORT and its CMAC under smk. */
static sgx_status_t make_msg2(const sgx_dh_msg1_t *msg1, const sgx_ec256_public_t *g_b, const sgx_key_128bit_t *smk,
                              sgx_dh_msg2_t *msg2)
{
    memset(msg2, 0, sizeof *msg2);
    msg2->g_b = *g_b;
    sgx_report_data_t rd;
    memset(&rd, 0, sizeof rd);
    sgx_status_t st = dh_hash_keys(&msg1->g_a, g_b, rd.d);
    if (st != SGX_SUCCESS)
        return st;
    rd.d[DH_KDF_ID_OFFSET] = DH_KDF_ID_AES_CMAC & 0xff;
    rd.d[DH_KDF_ID_OFFSET + 1] = DH_KDF_ID_AES_CMAC >> 8;
    sgx_target_info_t target = msg1->target;
    sgx_report_t report;
    st = sgx_create_report(&target, &rd, &report);
    if (st != SGX_SUCCESS)
        return st;
    msg2->report = report;
    return sgx_rijndael128_cmac_msg((const sgx_cmac_128bit_key_t *)smk, (const uint8_t *)&msg2->report,
                                    sizeof msg2->report, (sgx_cmac_128bit_tag_t *)msg2->cmac);
}

sgx_status_t sgx_LAv1_initiator_proc_msg1(const sgx_dh_msg1_t *msg1, sgx_dh_msg2_t *msg2, sgx_dh_session_t *dh_session)
{
    dh_session_t s;
    if (!dh_session_load(dh_session, &s))
        return SGX_ERROR_INVALID_PARAMETER;
    sgx_status_t st;
    if (!msg1 || !msg2 || !sgx_is_within_enclave(msg1, sizeof *msg1) || !sgx_is_within_enclave(msg2, sizeof *msg2) ||
        s.role != SGX_DH_SESSION_INITIATOR) {
        st = SGX_ERROR_INVALID_PARAMETER;
        goto fail;
    }
    if (s.state != DH_STATE_INITIATOR_WAIT_M1) {
        st = SGX_ERROR_INVALID_STATE;
        goto fail;
    }
    sgx_dh_msg1_t m1 = *msg1;
    sgx_ec256_private_t b;
    sgx_ec256_dh_shared_t shared;
    st = dh_make_key_pair(&b, &s.initiator.pub_key);
    if (st == SGX_SUCCESS)
        st = dh_shared_secret(&b, &m1.g_a, &shared);
    dh_wipe(&b, sizeof b);
    if (st == SGX_SUCCESS)
        st = dh_derive_key(&shared, "SMK", &s.initiator.smk);
    if (st == SGX_SUCCESS)
        st = dh_derive_key(&shared, "AEK", &s.initiator.aek);
    dh_wipe(&shared, sizeof shared);
    if (st == SGX_SUCCESS)
        st = make_msg2(&m1, &s.initiator.pub_key, &s.initiator.smk, msg2);
    if (st != SGX_SUCCESS) {
        st = dh_public_error(st);
        goto fail;
    }
    s.initiator.peer_pub_key = m1.g_a;
    s.state = DH_STATE_INITIATOR_WAIT_M3;
    dh_session_store(dh_session, &s);
    return SGX_SUCCESS;
fail:
    dh_session_fail(dh_session, &s);
    return st;
}

/* msg3 (size bytes with its properties) against g_a, g_b and smk. */
static sgx_status_t verify_msg3(const sgx_dh_msg3_t *msg3, uint32_t size, const sgx_ec256_public_t *g_a,
                                const sgx_ec256_public_t *g_b, const sgx_key_128bit_t *smk)
{
    sgx_status_t st = dh_check_cmac(smk, &msg3->msg3_body, size - SGX_DH_MAC_SIZE, msg3->cmac);
    if (st != SGX_SUCCESS)
        return st;
    sgx_report_t report = msg3->msg3_body.report;
    st = sgx_verify_report(&report);
    if (st != SGX_SUCCESS)
        return st;
    uint8_t hash[SGX_SHA256_HASH_SIZE];
    st = dh_hash_keys(g_b, g_a, hash);
    if (st == SGX_SUCCESS && memcmp(hash, report.body.report_data.d, sizeof hash) != 0)
        st = SGX_ERROR_MAC_MISMATCH;
    return st;
}

sgx_status_t sgx_LAv1_initiator_proc_msg3(const sgx_dh_msg3_t *msg3, sgx_dh_session_t *dh_session,
                                          sgx_key_128bit_t *aek, sgx_dh_session_enclave_identity_t *responder_identity)
{
    dh_session_t s;
    if (!dh_session_load(dh_session, &s))
        return SGX_ERROR_INVALID_PARAMETER;
    sgx_status_t st;
    if (!dh_msg3_in_enclave(msg3) || !aek ||
        !sgx_is_within_enclave(aek, sizeof *aek) || !responder_identity ||
        !sgx_is_within_enclave(responder_identity, sizeof *responder_identity) || s.role != SGX_DH_SESSION_INITIATOR) {
        st = SGX_ERROR_INVALID_PARAMETER;
        goto fail;
    }
    if (s.state != DH_STATE_INITIATOR_WAIT_M3) {
        st = SGX_ERROR_INVALID_STATE;
        goto fail;
    }
    uint32_t size = (uint32_t)sizeof *msg3 + msg3->msg3_body.additional_prop_length;
    st = verify_msg3(msg3, size, &s.initiator.peer_pub_key, &s.initiator.pub_key, &s.initiator.smk);
    if (st != SGX_SUCCESS) {
        st = dh_public_error(st);
        goto fail;
    }
    memcpy(aek, s.initiator.aek, sizeof s.initiator.aek);
    dh_identity_from_report(&msg3->msg3_body.report, responder_identity);
    dh_session_end(dh_session, &s, DH_STATE_ACTIVE);
    return SGX_SUCCESS;
fail:
    dh_session_fail(dh_session, &s);
    return st;
}
