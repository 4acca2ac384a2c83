/* dh_responder.c — the responder's steps of local attestation: msg1 (a fresh g_a and its own
 * target info), then msg2 checked (KDF ID, CMAC under SMK, the initiator's REPORT made for this
 * enclave on this platform and binding SHA-256(g_a || g_b)) and answered with msg3 (a REPORT
 * for the initiator binding SHA-256(g_b || g_a), CMAC'd with its properties), giving the AEK
 * and the initiator's identity. Enclave code. */
#include <limits.h>
#include <string.h>

#include "dh_internal.h"
#include "sgx_trts.h"
#include "sgx_utils.h"

sgx_status_t sgx_dh_responder_gen_msg1(sgx_dh_msg1_t *msg1, sgx_dh_session_t *dh_session)
{
    dh_session_t s;
    if (!dh_session_load(dh_session, &s))
        return SGX_ERROR_INVALID_PARAMETER;
    sgx_status_t st;
    if (!msg1 || !sgx_is_within_enclave(msg1, sizeof *msg1) || s.role != SGX_DH_SESSION_RESPONDER) {
        st = SGX_ERROR_INVALID_PARAMETER;
        goto fail;
    }
    if (s.state != DH_STATE_RESET) {
        st = SGX_ERROR_INVALID_STATE;
        goto fail;
    }
    memset(msg1, 0, sizeof *msg1);
    st = sgx_self_target(&msg1->target);
    if (st == SGX_SUCCESS)
        st = dh_make_key_pair(&s.responder.prv_key, &s.responder.pub_key);
    if (st != SGX_SUCCESS) {
        st = dh_public_error(st);
        goto fail;
    }
    msg1->g_a = s.responder.pub_key;
    s.state = DH_STATE_RESPONDER_WAIT_M2;
    dh_session_store(dh_session, &s);
    return SGX_SUCCESS;
fail:
    dh_session_fail(dh_session, &s);
    return st;
}

/* msg2 against g_a and SMK. */
static sgx_status_t verify_msg2(const sgx_dh_msg2_t *msg2, const sgx_ec256_public_t *g_a, const sgx_key_128bit_t *smk)
{
    const uint8_t *rd = msg2->report.body.report_data.d;
    if (rd[DH_KDF_ID_OFFSET] != (DH_KDF_ID_AES_CMAC & 0xff) || rd[DH_KDF_ID_OFFSET + 1] != (DH_KDF_ID_AES_CMAC >> 8))
        return SGX_ERROR_KDF_MISMATCH;
    sgx_status_t st = dh_check_cmac(smk, &msg2->report, sizeof msg2->report, msg2->cmac);
    if (st != SGX_SUCCESS)
        return st;
    sgx_report_t report = msg2->report;
    st = sgx_verify_report(&report);
    if (st != SGX_SUCCESS)
        return st;
    uint8_t hash[SGX_SHA256_HASH_SIZE];
    st = dh_hash_keys(g_a, &msg2->g_b, hash);
    if (st == SGX_SUCCESS && memcmp(hash, rd, sizeof hash) != 0)
        st = SGX_ERROR_MAC_MISMATCH;
    return st;
}

/* msg3 for the initiator of msg2; its additional properties are already in place. */
static sgx_status_t make_msg3(const sgx_dh_msg2_t *msg2, const sgx_ec256_public_t *g_a, const sgx_key_128bit_t *smk,
                              sgx_dh_msg3_t *msg3)
{
    uint32_t prop_len = msg3->msg3_body.additional_prop_length;
    memset(msg3, 0, sizeof *msg3);
    msg3->msg3_body.additional_prop_length = prop_len;
    sgx_report_data_t rd;
    memset(&rd, 0, sizeof rd);
    sgx_status_t st = dh_hash_keys(&msg2->g_b, g_a, rd.d);
    if (st != SGX_SUCCESS)
        return st;
    sgx_target_info_t target;
    dh_target_from_report(&msg2->report, &target);
    sgx_report_t report;
    st = sgx_create_report(&target, &rd, &report);
    if (st != SGX_SUCCESS)
        return st;
    msg3->msg3_body.report = report;
    return sgx_rijndael128_cmac_msg((const sgx_cmac_128bit_key_t *)smk, (const uint8_t *)&msg3->msg3_body,
                                    (uint32_t)sizeof(sgx_dh_msg3_body_t) + prop_len,
                                    (sgx_cmac_128bit_tag_t *)msg3->cmac);
}

sgx_status_t sgx_dh_responder_proc_msg2(const sgx_dh_msg2_t *msg2, sgx_dh_msg3_t *msg3, sgx_dh_session_t *dh_session,
                                        sgx_key_128bit_t *aek, sgx_dh_session_enclave_identity_t *initiator_identity)
{
    dh_session_t s;
    if (!dh_session_load(dh_session, &s))
        return SGX_ERROR_INVALID_PARAMETER;
    sgx_status_t st;
    if (!msg3 || !sgx_is_within_enclave(msg3, sizeof *msg3) ||
        msg3->msg3_body.additional_prop_length > UINT32_MAX - sizeof *msg3 ||
        !sgx_is_within_enclave(msg3, sizeof *msg3 + msg3->msg3_body.additional_prop_length) ||
        !msg2 || !sgx_is_within_enclave(msg2, sizeof *msg2) || !aek || !sgx_is_within_enclave(aek, sizeof *aek) ||
        !initiator_identity || !sgx_is_within_enclave(initiator_identity, sizeof *initiator_identity) ||
        s.role != SGX_DH_SESSION_RESPONDER) {
        st = SGX_ERROR_INVALID_PARAMETER;
        goto fail;
    }
    if (s.state != DH_STATE_RESPONDER_WAIT_M2) {
        st = SGX_ERROR_INVALID_STATE;
        goto fail;
    }
    sgx_dh_msg2_t m2 = *msg2;          /* checked and used from one copy */
    sgx_ec256_dh_shared_t shared;
    sgx_key_128bit_t smk, key;
    st = dh_shared_secret(&s.responder.prv_key, &m2.g_b, &shared);
    dh_wipe(&s.responder.prv_key, sizeof s.responder.prv_key);
    if (st == SGX_SUCCESS)
        st = dh_derive_key(&shared, "SMK", &smk);
    if (st == SGX_SUCCESS)
        st = verify_msg2(&m2, &s.responder.pub_key, &smk);
    if (st == SGX_SUCCESS)
        st = make_msg3(&m2, &s.responder.pub_key, &smk, msg3);
    if (st == SGX_SUCCESS)
        st = dh_derive_key(&shared, "AEK", &key);
    dh_wipe(&shared, sizeof shared);
    dh_wipe(smk, sizeof smk);
    if (st != SGX_SUCCESS) {
        dh_wipe(key, sizeof key);
        if (st != SGX_ERROR_KDF_MISMATCH)
            st = dh_public_error(st);
        goto fail;
    }
    memcpy(aek, key, sizeof key);
    dh_wipe(key, sizeof key);
    dh_identity_from_report(&m2.report, initiator_identity);
    dh_session_end(dh_session, &s, DH_STATE_ACTIVE);
    return SGX_SUCCESS;
fail:
    dh_session_fail(dh_session, &s);
    return st;
}
