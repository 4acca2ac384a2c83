/* test_dh_session.c — local attestation between enclaves on the simulated CPU: a whole session
 * in each direction and within one enclave, both sides holding the same AEK (each proves it by
 * a CMAC of one nonce) and a fresh one per session; each side sees the other's identity
 * (MRENCLAVE, MRSIGNER, product, SVN, attributes) as its own REPORT states it; a peer signed by
 * another key is refused by the caller's MRSIGNER policy on either side; messages given to a
 * finished session or out of order are INVALID_STATE; and the API's refusals inside. */
#include "dh_host.h"

#include <string.h>

static const uint8_t NONCE[16] = "nonce for AEK..";

static void assert_identity(const sgx_dh_session_enclave_identity_t *seen,
                            const sgx_dh_session_enclave_identity_t *self)
{
    assert_memory_equal(seen->mr_enclave.m, self->mr_enclave.m, sizeof self->mr_enclave.m);
    assert_memory_equal(seen->mr_signer.m, self->mr_signer.m, sizeof self->mr_signer.m);
    assert_int_equal(seen->isv_prod_id, self->isv_prod_id);
    assert_int_equal(seen->isv_svn, self->isv_svn);
    assert_memory_equal(&seen->attributes, &self->attributes, sizeof self->attributes);
    assert_memory_equal(seen, self, sizeof *self);
}

/* A session between ini and resp proved by both sides' CMACs of NONCE; returns the CMAC. */
static void proved_session(sgx_enclave_id_t ini, uint32_t islot, sgx_enclave_id_t resp, uint32_t rslot, uint8_t mac[16])
{
    dh_run_t run;
    dh_session(ini, islot, resp, rslot, &run);
    uint8_t other[16];
    dh_prove(ini, islot, NONCE, mac);
    dh_prove(resp, rslot, NONCE, other);
    assert_memory_equal(mac, other, 16);
}

static void test_session(void **state)
{
    (void)state;
    sgx_enclave_id_t a = dh_create(DH_ENCLAVE("dh_a")), b = dh_create(DH_ENCLAVE("dh_b"));
    sgx_dh_session_enclave_identity_t self_a, self_b;
    dh_self(a, &self_a);
    dh_self(b, &self_b);
    assert_memory_not_equal(self_a.mr_enclave.m, self_b.mr_enclave.m, 32);
    assert_memory_equal(self_a.mr_signer.m, self_b.mr_signer.m, 32);
    assert_int_equal(self_a.isv_prod_id, 1);
    assert_int_equal(self_b.isv_prod_id, 7);
    assert_int_equal(self_b.isv_svn, 3);

    dh_run_t run;
    dh_session(a, 0, b, 0, &run);
    assert_identity(&run.initiator_seen, &self_a);
    assert_identity(&run.responder_seen, &self_b);
    uint8_t mac_a[16], mac_b[16];
    dh_prove(a, 0, NONCE, mac_a);
    dh_prove(b, 0, NONCE, mac_b);
    assert_memory_equal(mac_a, mac_b, 16);
    /* msg3 carried the responder's properties. */
    const sgx_dh_msg3_t *m3 = (const sgx_dh_msg3_t *)run.msg3;
    assert_int_equal(m3->msg3_body.additional_prop_length, DH_PROPS);
    assert_int_equal(run.msg3[sizeof *m3 + 1], 0xA5 ^ 1);
    /* The report data binds the hash of the keys and the KDF ID (0x0001, little-endian). */
    assert_int_equal(run.msg2.report.body.report_data.d[32], 1);
    assert_int_equal(run.msg2.report.body.report_data.d[33], 0);

    /* A second session between the same enclaves has another key; so has the reverse. */
    uint8_t mac2[16], mac3[16], mac4[16];
    proved_session(a, 1, b, 1, mac2);
    assert_memory_not_equal(mac_a, mac2, 16);
    proved_session(b, 2, a, 2, mac3);
    assert_memory_not_equal(mac2, mac3, 16);
    /* Two sessions of one enclave with itself. */
    proved_session(a, 3, a, 0, mac4);
    assert_memory_not_equal(mac3, mac4, 16);
    /* The first session's key is still the first. */
    dh_prove(b, 0, NONCE, mac_b);
    assert_memory_equal(mac_a, mac_b, 16);
    dh_destroy(a);
    dh_destroy(b);
}

static void test_policy(void **state)
{
    (void)state;
    sgx_enclave_id_t a = dh_create(DH_ENCLAVE("dh_a")), b = dh_create(DH_ENCLAVE("dh_b"));
    sgx_enclave_id_t o = dh_create(DH_ENCLAVE("dh_o"));
    sgx_dh_session_enclave_identity_t self_a, self_o, seen;
    dh_self(a, &self_a);
    dh_self(o, &self_o);
    assert_memory_not_equal(self_a.mr_signer.m, self_o.mr_signer.m, 32);

    /* Without a policy the protocol itself accepts O: it is a genuine enclave. */
    dh_run_t run;
    dh_session(o, 0, a, 0, &run);
    assert_identity(&run.initiator_seen, &self_o);

    dh_expect_signer(a, &self_a.mr_signer);
    dh_expect_signer(b, &self_a.mr_signer);
    /* Responder B refuses initiator O, and sends no msg3. */
    dh_start(o, 1, b, 1, &run);
    assert_int_equal(dh_proc_msg2(b, 1, &run.msg2, run.msg3, &seen), DH_POLICY_REJECTED);
    assert_memory_equal(seen.mr_signer.m, self_o.mr_signer.m, 32);
    assert_int_equal(dh_proc_msg3(o, 1, run.msg3, &seen), SGX_ERROR_UNEXPECTED);
    int r = -1;
    uint8_t nonce[16] = { 0 }, mac[16];
    assert_int_equal(ecall_dh_prove(b, &r, 1, nonce, mac), SGX_SUCCESS);
    assert_int_equal(r, SGX_ERROR_INVALID_STATE);
    /* Initiator A refuses responder O. */
    dh_start(a, 2, o, 2, &run);
    assert_int_equal(dh_proc_msg2(o, 2, &run.msg2, run.msg3, &seen), SGX_SUCCESS);
    assert_int_equal(dh_proc_msg3(a, 2, run.msg3, &seen), DH_POLICY_REJECTED);
    assert_memory_equal(seen.mr_signer.m, self_o.mr_signer.m, 32);
    assert_int_equal(ecall_dh_prove(a, &r, 2, nonce, mac), SGX_SUCCESS);
    assert_int_equal(r, SGX_ERROR_INVALID_STATE);
    /* The expected signer's enclaves still agree. */
    dh_session(a, 3, b, 3, &run);
    dh_expect_signer(a, NULL);
    dh_expect_signer(b, NULL);
    dh_destroy(a);
    dh_destroy(b);
    dh_destroy(o);
}

static void test_state(void **state)
{
    (void)state;
    sgx_enclave_id_t a = dh_create(DH_ENCLAVE("dh_a")), b = dh_create(DH_ENCLAVE("dh_b"));
    dh_run_t run;
    sgx_dh_session_enclave_identity_t seen;
    sgx_dh_msg1_t msg1;
    sgx_dh_msg2_t msg2;
    dh_session(a, 0, b, 0, &run);
    /* Each message again, into the finished sessions. */
    assert_int_equal(dh_proc_msg2(b, 0, &run.msg2, run.msg3, &seen), SGX_ERROR_INVALID_STATE);
    assert_int_equal(dh_proc_msg3(a, 0, run.msg3, &seen), SGX_ERROR_INVALID_STATE);
    assert_int_equal(dh_proc_msg1(a, 0, &run.msg1, &msg2), SGX_ERROR_INVALID_STATE);
    assert_int_equal(dh_gen_msg1(b, 0, &msg1), SGX_ERROR_INVALID_STATE);
    /* msg1 twice to an initiator ends its session: its msg3 is then refused too. */
    dh_start(a, 1, b, 1, &run);
    assert_int_equal(dh_proc_msg1(a, 1, &run.msg1, &msg2), SGX_ERROR_INVALID_STATE);
    assert_int_equal(dh_proc_msg2(b, 1, &run.msg2, run.msg3, &seen), SGX_SUCCESS);
    assert_int_equal(dh_proc_msg3(a, 1, run.msg3, &seen), SGX_ERROR_INVALID_STATE);
    /* Out of order: msg2 before msg1, msg3 before msg1. */
    assert_int_equal(dh_init(b, 2, SGX_DH_SESSION_RESPONDER), SGX_SUCCESS);
    assert_int_equal(dh_proc_msg2(b, 2, &run.msg2, run.msg3, &seen), SGX_ERROR_INVALID_STATE);
    assert_int_equal(dh_init(a, 2, SGX_DH_SESSION_INITIATOR), SGX_SUCCESS);
    assert_int_equal(dh_proc_msg3(a, 2, run.msg3, &seen), SGX_ERROR_INVALID_STATE);
    /* A role's step on the other role's session. */
    assert_int_equal(dh_init(a, 3, SGX_DH_SESSION_INITIATOR), SGX_SUCCESS);
    assert_int_equal(dh_gen_msg1(a, 3, &msg1), SGX_ERROR_INVALID_PARAMETER);
    assert_int_equal(dh_init(b, 3, SGX_DH_SESSION_RESPONDER), SGX_SUCCESS);
    assert_int_equal(dh_proc_msg1(b, 3, &run.msg1, &msg2), SGX_ERROR_INVALID_PARAMETER);
    /* A session started again works. */
    dh_session(a, 1, b, 1, &run);
    dh_destroy(a);
    dh_destroy(b);
}

static void test_misuse(void **state)
{
    (void)state;
    sgx_enclave_id_t a = dh_create(DH_ENCLAVE("dh_a"));
    static uint8_t outside[1024];
    int r = -1, got = 0;
    assert_int_equal(ecall_dh_misuse(a, &r, outside, &got), SGX_SUCCESS);
    if (r != 0)
        fail_msg("misuse check %d gave 0x%x", r, (unsigned)got);
    dh_destroy(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_session),
        cmocka_unit_test(test_policy),
        cmocka_unit_test(test_state),
        cmocka_unit_test(test_misuse),
    };
    return cmocka_run_group_tests(tests, dh_setup, dh_teardown);
}
