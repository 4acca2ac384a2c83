/* test_dh_tamper.c — local attestation refuses what it must: msg2 and msg3 with any one byte
 * changed (a KDF ID other than AES-CMAC's gives SGX_ERROR_KDF_MISMATCH, any other byte
 * SGX_ERROR_UNEXPECTED, as Intel's library answers), after which the session is over and the
 * genuine message is INVALID_STATE; msg2 and msg3 of an earlier session replayed into a new
 * one; a msg2 meant for another responder; and REPORTs made on another platform. */
#include "dh_host.h"

#include <stddef.h>
#include <string.h>

#define KDF_ID_AT (offsetof(sgx_dh_msg2_t, report) + offsetof(sgx_report_body_t, report_data) + 32)
#define PROP_LEN_AT (offsetof(sgx_dh_msg3_t, msg3_body) + offsetof(sgx_dh_msg3_body_t, additional_prop_length))

static void test_tampered_msg2(void **state)
{
    (void)state;
    sgx_enclave_id_t a = dh_create(DH_ENCLAVE("dh_a")), b = dh_create(DH_ENCLAVE("dh_b"));
    dh_run_t run;
    sgx_dh_session_enclave_identity_t seen;
    for (size_t i = 0; i < sizeof(sgx_dh_msg2_t); i++) {
        dh_start(a, 0, b, 0, &run);
        sgx_dh_msg2_t bad = run.msg2;
        ((uint8_t *)&bad)[i] ^= 0x01;
        int want = i == KDF_ID_AT || i == KDF_ID_AT + 1 ? SGX_ERROR_KDF_MISMATCH : SGX_ERROR_UNEXPECTED;
        int got = dh_proc_msg2(b, 0, &bad, run.msg3, &seen);
        if (got != want)
            fail_msg("msg2 byte %zu changed: 0x%x, expected 0x%x", i, (unsigned)got, (unsigned)want);
        assert_int_equal(dh_proc_msg2(b, 0, &run.msg2, run.msg3, &seen), SGX_ERROR_INVALID_STATE);
    }
    dh_destroy(a);
    dh_destroy(b);
}

static void test_tampered_msg3(void **state)
{
    (void)state;
    sgx_enclave_id_t a = dh_create(DH_ENCLAVE("dh_a")), b = dh_create(DH_ENCLAVE("dh_b"));
    dh_run_t run;
    sgx_dh_session_enclave_identity_t seen;
    for (size_t i = 0; i < DH_MSG3_SIZE; i++) {
        dh_start(a, 0, b, 0, &run);
        assert_int_equal(dh_proc_msg2(b, 0, &run.msg2, run.msg3, &seen), SGX_SUCCESS);
        uint8_t bad[DH_MSG3_SIZE];
        memcpy(bad, run.msg3, sizeof bad);
        bad[i] ^= 0x01;
        int got = dh_proc_msg3(a, 0, bad, &seen);
        if (i == PROP_LEN_AT + 2 || i == PROP_LEN_AT + 3) {
            /* Properties longer than the test enclave takes: refused before the library. */
            assert_int_equal(got, SGX_ERROR_INVALID_PARAMETER);
            assert_int_equal(dh_proc_msg3(a, 0, run.msg3, &seen), SGX_SUCCESS);
            continue;
        }
        if (got != SGX_ERROR_UNEXPECTED)
            fail_msg("msg3 byte %zu changed: 0x%x", i, (unsigned)got);
        assert_int_equal(dh_proc_msg3(a, 0, run.msg3, &seen), SGX_ERROR_INVALID_STATE);
    }
    dh_destroy(a);
    dh_destroy(b);
}

static void test_replay(void **state)
{
    (void)state;
    sgx_enclave_id_t a = dh_create(DH_ENCLAVE("dh_a")), b = dh_create(DH_ENCLAVE("dh_b"));
    sgx_enclave_id_t o = dh_create(DH_ENCLAVE("dh_o"));
    dh_run_t old, run;
    sgx_dh_session_enclave_identity_t seen;
    dh_session(a, 0, b, 0, &old);
    /* msg2 of the earlier session, into a new responder session. */
    dh_start(a, 1, b, 1, &run);
    assert_int_equal(dh_proc_msg2(b, 1, &old.msg2, run.msg3, &seen), SGX_ERROR_UNEXPECTED);
    /* msg3 of the earlier session, into a new initiator session. */
    dh_start(a, 2, b, 2, &run);
    uint8_t fresh[DH_MSG3_SIZE];
    assert_int_equal(dh_proc_msg2(b, 2, &run.msg2, fresh, &seen), SGX_SUCCESS);
    assert_int_equal(dh_proc_msg3(a, 2, old.msg3, &seen), SGX_ERROR_UNEXPECTED);
    /* A msg2 made for B's msg1, given to another responder (same build, other signer). */
    dh_start(a, 3, b, 3, &run);
    sgx_dh_msg1_t other;
    assert_int_equal(dh_init(o, 0, SGX_DH_SESSION_RESPONDER), SGX_SUCCESS);
    assert_int_equal(dh_gen_msg1(o, 0, &other), SGX_SUCCESS);
    assert_int_equal(dh_proc_msg2(o, 0, &run.msg2, run.msg3, &seen), SGX_ERROR_UNEXPECTED);
    dh_destroy(a);
    dh_destroy(b);
    dh_destroy(o);
}

static void test_other_platform(void **state)
{
    (void)state;
    sgx_enclave_id_t a = dh_create(DH_ENCLAVE("dh_a")), b = dh_create(DH_ENCLAVE("dh_b"));
    dh_platform(1);
    sgx_enclave_id_t a2 = dh_create(DH_ENCLAVE("dh_a")), b2 = dh_create(DH_ENCLAVE("dh_b"));
    dh_platform(0);
    dh_run_t run;
    sgx_dh_session_enclave_identity_t seen;
    /* On one platform each, sessions work. */
    dh_session(a, 0, b, 0, &run);
    dh_session(a2, 0, b2, 0, &run);
    /* Across: the initiator's REPORT is MAC'd with the other machine's REPORT key. */
    dh_start(a2, 1, b, 1, &run);
    assert_int_equal(dh_proc_msg2(b, 1, &run.msg2, run.msg3, &seen), SGX_ERROR_UNEXPECTED);
    dh_start(a, 1, b2, 1, &run);
    assert_int_equal(dh_proc_msg2(b2, 1, &run.msg2, run.msg3, &seen), SGX_ERROR_UNEXPECTED);
    for (sgx_enclave_id_t *e = (sgx_enclave_id_t[]){ a, b, a2, b2 }, *end = e + 4; e < end; e++)
        dh_destroy(*e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tampered_msg2),
        cmocka_unit_test(test_tampered_msg3),
        cmocka_unit_test(test_replay),
        cmocka_unit_test(test_other_platform),
    };
    return cmocka_run_group_tests(tests, dh_setup, dh_teardown);
}
