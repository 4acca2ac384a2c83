/* dh_enclave.c — the local-attestation test enclave: sessions in numbered slots, one protocol
 * step per ECALL. The responder's msg3 carries additional properties filling the buffer the
 * host gives; a received msg3 is handed to the library as a buffer holding what it declares.
 * A session's key is proved by a CMAC of the host's nonce under the AEK. The caller's policy
 * (an expected MRSIGNER) is applied to the peer's identity as an application does. */
#include <stdlib.h>
#include <string.h>

#include "dh_t.h"
#include "dh_test.h"
#include "sgx_dh.h"
#include "sgx_tcrypto.h"
#include "sgx_utils.h"

typedef struct {
    sgx_dh_session_t session;
    sgx_key_128bit_t aek;
    int established;
} slot_t;

static slot_t slots[DH_SLOTS];
static sgx_measurement_t expected_signer;   /* all zero: any signer */

static slot_t *slot_of(uint32_t slot)
{
    return slot < DH_SLOTS ? &slots[slot] : NULL;
}

/* The caller's policy: the peer must carry the expected MRSIGNER, when one is set. */
static int peer_trusted(const sgx_dh_session_enclave_identity_t *peer)
{
    static const sgx_measurement_t any;
    return memcmp(&expected_signer, &any, sizeof any) == 0 ||
           memcmp(&peer->mr_signer, &expected_signer, sizeof expected_signer) == 0;
}

int ecall_dh_init(uint32_t slot, int role)
{
    slot_t *s = slot_of(slot);
    if (!s)
        return SGX_ERROR_INVALID_PARAMETER;
    memset(s->aek, 0, sizeof s->aek);
    s->established = 0;
    return sgx_dh_init_session((sgx_dh_session_role_t)role, &s->session);
}

int ecall_dh_gen_msg1(uint32_t slot, sgx_dh_msg1_t *msg1)
{
    slot_t *s = slot_of(slot);
    return s ? sgx_dh_responder_gen_msg1(msg1, &s->session) : SGX_ERROR_INVALID_PARAMETER;
}

int ecall_dh_proc_msg1(uint32_t slot, const sgx_dh_msg1_t *msg1, sgx_dh_msg2_t *msg2)
{
    slot_t *s = slot_of(slot);
    return s ? sgx_dh_initiator_proc_msg1(msg1, msg2, &s->session) : SGX_ERROR_INVALID_PARAMETER;
}

int ecall_dh_proc_msg2(uint32_t slot, const sgx_dh_msg2_t *msg2, uint8_t *msg3, uint32_t msg3_size,
                       sgx_dh_session_enclave_identity_t *peer)
{
    slot_t *s = slot_of(slot);
    if (!s || !msg3 || msg3_size < sizeof(sgx_dh_msg3_t))
        return SGX_ERROR_INVALID_PARAMETER;
    sgx_dh_msg3_t *m3 = (sgx_dh_msg3_t *)msg3;
    m3->msg3_body.additional_prop_length = msg3_size - (uint32_t)sizeof *m3;
    for (uint32_t i = 0; i < m3->msg3_body.additional_prop_length; i++)
        msg3[sizeof *m3 + i] = (uint8_t)(0xA5 ^ i);
    sgx_status_t st = sgx_dh_responder_proc_msg2(msg2, m3, &s->session, &s->aek, peer);
    if (st != SGX_SUCCESS)
        return st;
    if (!peer_trusted(peer)) {
        memset(s->aek, 0, sizeof s->aek);
        memset(msg3, 0, msg3_size);
        return DH_POLICY_REJECTED;
    }
    s->established = 1;
    return SGX_SUCCESS;
}

int ecall_dh_proc_msg3(uint32_t slot, const uint8_t *msg3, uint32_t msg3_size, sgx_dh_session_enclave_identity_t *peer)
{
    slot_t *s = slot_of(slot);
    if (!s || !msg3 || msg3_size < sizeof(sgx_dh_msg3_t))
        return SGX_ERROR_INVALID_PARAMETER;
    uint32_t declared = ((const sgx_dh_msg3_t *)msg3)->msg3_body.additional_prop_length;
    if (declared > DH_MAX_PROP)
        return SGX_ERROR_INVALID_PARAMETER;
    /* What the message declares, zero-padded when less arrived. */
    uint32_t size = (uint32_t)sizeof(sgx_dh_msg3_t) + declared;
    uint8_t *buf = calloc(1, size > msg3_size ? size : msg3_size);
    if (!buf)
        return SGX_ERROR_OUT_OF_MEMORY;
    memcpy(buf, msg3, msg3_size);
    sgx_status_t st = sgx_dh_initiator_proc_msg3((const sgx_dh_msg3_t *)buf, &s->session, &s->aek, peer);
    free(buf);
    if (st != SGX_SUCCESS)
        return st;
    if (!peer_trusted(peer)) {
        memset(s->aek, 0, sizeof s->aek);
        return DH_POLICY_REJECTED;
    }
    s->established = 1;
    return SGX_SUCCESS;
}

int ecall_dh_prove(uint32_t slot, const uint8_t *nonce, uint8_t *mac)
{
    slot_t *s = slot_of(slot);
    if (!s || !s->established)
        return SGX_ERROR_INVALID_STATE;
    return sgx_rijndael128_cmac_msg((const sgx_cmac_128bit_key_t *)&s->aek, nonce, 16, (sgx_cmac_128bit_tag_t *)mac);
}

void ecall_dh_expect_signer(const sgx_measurement_t *mr_signer)
{
    expected_signer = *mr_signer;
}

void ecall_dh_self(sgx_dh_session_enclave_identity_t *self)
{
    const sgx_report_t *r = sgx_self_report();
    memset(self, 0, sizeof *self);
    self->cpu_svn = r->body.cpu_svn;
    self->misc_select = r->body.misc_select;
    self->attributes = r->body.attributes;
    self->mr_enclave = r->body.mr_enclave;
    self->mr_signer = r->body.mr_signer;
    self->isv_prod_id = r->body.isv_prod_id;
    self->isv_svn = r->body.isv_svn;
}
