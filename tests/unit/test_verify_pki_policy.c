/* test_verify_pki_policy.c — the verifier against a test PKI made at test time
 * (support/testpki.h), policy, time and the collateral forms: a debug enclave with and without
 * the policy rejecting it; an expiring PCK and collateral verified before its issue and after its
 * expiry; and the dcap-qvl collateral JSON itself. Both collateral forms must agree on every case
 * (pki_run). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pki_expect.h"
#include "testpki.h"
#include "vsgx/qvl.h"

/* ---- policy and time -------------------------------------------------------------------------------- */

static void test_debug_enclave(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    tpki_spec_t s;
    tpki_spec_default(&s);
    s.app.attributes.flags |= SGX_FLAGS_DEBUG;
    snprintf(pki_what, sizeof pki_what, "debug enclave");
    pki_run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_OK, "", -1);
    assert_true(v.debug_enclave);
    assert_false(v.rejected_debug);
    /* Rejected by policy after every check passed: the result is the platform's. */
    pki_run(&s, 0, true, &v);
    EXPECT(&v, SGX_QL_UNSUPPORTED_MODE, SGX_QL_QV_RESULT_OK, "policy.debug", OFF_APP_ATTRIBUTES);
    assert_true(v.debug_enclave);
    assert_true(v.rejected_debug);
    /* A production enclave under the same policy. */
    tpki_spec_default(&s);
    pki_run(&s, 0, true, &v);
    EXPECT(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_OK, "", -1);
    assert_false(v.rejected_debug);
}

static void test_expired_leaf(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    const int64_t when[] = { TPKI_T0 - TPKI_DAY, TPKI_T0, TPKI_T0 + 1 };
    for (size_t i = 0; i < 3; i++) {
        tpki_spec_t s;
        tpki_spec_default(&s);
        s.leaf_not_after = when[i];
        snprintf(pki_what, sizeof pki_what, "PCK notAfter T0%+lld", (long long)(when[i] - TPKI_T0));
        pki_run(&s, 0, false, &v);
        EXPECT(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_OK, "", -1);
        assert_int_equal(v.earliest_expiration, when[i]);
        assert_int_equal(v.collateral_expired, when[i] <= TPKI_T0);
        assert_false(v.collateral_not_yet_valid);
    }
    /* The whole collateral: before its issue, after its expiry. */
    tpki_spec_t s;
    tpki_spec_default(&s);
    pki_run(&s, TPKI_T0 - TPKI_DAY - 1, false, &v);
    EXPECT(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_OK, "", -1);
    assert_true(v.collateral_not_yet_valid);
    pki_run(&s, TPKI_T0 + 30 * TPKI_DAY, false, &v);
    EXPECT(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_OK, "", -1);
    assert_true(v.collateral_expired);
}

/* ---- the two collateral forms ------------------------------------------------------------------------ */

/* pki_run() compares the forms on every case of the test_verify_pki_* programs; here the dcap-qvl
 * text itself. */
static void test_qvl_json_form(void **state)
{
    (void)state;
    tpki_spec_t s;
    tpki_spec_default(&s);
    tpki_t *t = tpki_build(&s);
    size_t len;
    char *json = tpki_qvl_json(t, &len);
    vsgx_collateral_t *c = NULL;
    vsgx_qvl_failure_t why;
    assert_int_equal(vsgx_collateral_from_qvl_json(json, len, &c, &why), SGX_QL_SUCCESS);
    vsgx_collateral_free(c);
    /* The signature beside the inner text covers exactly it. */
    char *bad = strdup(json);
    char *at = strstr(bad, "\"tcb_info_signature\":\"");
    assert_non_null(at);
    at += strlen("\"tcb_info_signature\":\"");
    *at = *at == '0' ? '1' : '0';
    assert_int_equal(vsgx_collateral_from_qvl_json(bad, len, &c, &why), SGX_QL_SUCCESS);
    vsgx_trust_anchor_t *root = NULL;
    assert_int_equal(vsgx_trust_anchor_from_pem(t->root_pem, strlen(t->root_pem), &root, &why), SGX_QL_SUCCESS);
    vsgx_qvl_options_t o = { .time = TPKI_T0, .trust_anchor = root };
    vsgx_qvl_verdict_t v;
    snprintf(pki_what, sizeof pki_what, "dcap-qvl form, changed signature");
    vsgx_qvl_verify(t->quote, t->quote_len, c, &o, &v);
    EXPECT(&v, SGX_QL_TCBINFO_CHAIN_ERROR, BADSIG, "tcb_info.signature", -1);
    vsgx_collateral_free(c);
    /* A missing member. */
    char *gone = strstr(bad, "\"qe_identity_signature\"");
    assert_non_null(gone);
    memcpy(gone, "\"qe_identity_signaturX\"", 23);
    assert_int_equal(vsgx_collateral_from_qvl_json(bad, len, &c, &why), SGX_QL_ERROR_INVALID_PARAMETER);
    assert_null(c);
    assert_string_equal(why.check, "collateral.json");
    vsgx_trust_anchor_free(root);
    free(bad);
    free(json);
    tpki_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_debug_enclave),
        cmocka_unit_test(test_expired_leaf),
        cmocka_unit_test(test_qvl_json_form),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
