/* test_verify_pki_revocation.c — the verifier against a test PKI made at test time
 * (support/testpki.h), revocation and trust: a revoked PCK leaf, PCK CA and TCB signer;
 * certificate chains to an untrusted root; CRL faults; and the result of a revocation wherever
 * it is found. Both collateral forms must agree on every case (pki_run). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "pki_expect.h"
#include "testpki.h"
#include "vsgx/qvl.h"

/* ---- revocation, roots, CRLs ------------------------------------------------------------------------ */

static void test_revocation(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    tpki_spec_t s;
    tpki_spec_default(&s);
    s.revoke_leaf = true;
    snprintf(pki_what, sizeof pki_what, "revoked PCK");
    pki_run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_PCK_REVOKED, SGX_QL_QV_RESULT_REVOKED, "pck_chain.leaf_revoked", -1);
    /* The intermediate and the TCB signer are found revoked while the collateral is checked.
     * (Their result code: test_revoked_result_everywhere.) */
    tpki_spec_default(&s);
    s.revoke_intermediate = true;
    snprintf(pki_what, sizeof pki_what, "revoked PCK CA");
    pki_run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_PCK_REVOKED, v.result, "pck_chain.intermediate_revoked", -1);
    tpki_spec_default(&s);
    s.revoke_tcb_signer = true;
    snprintf(pki_what, sizeof pki_what, "revoked TCB signer");
    pki_run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_PCK_REVOKED, v.result, "collateral.signer_revoked", -1);
    /* The platform CA's leaf too. */
    tpki_spec_platform(&s);
    s.revoke_leaf = true;
    snprintf(pki_what, sizeof pki_what, "revoked platform PCK");
    pki_run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_PCK_REVOKED, SGX_QL_QV_RESULT_REVOKED, "pck_chain.leaf_revoked", -1);
}

static void test_other_roots(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    tpki_spec_t s;
    tpki_spec_default(&s);
    s.pck_chain_other_root = true;
    snprintf(pki_what, sizeof pki_what, "PCK chain to another root");
    pki_run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_PCK_CERT_CHAIN_ERROR, UNSPEC, "pck_chain.untrusted_root", -1);
    tpki_spec_default(&s);
    s.tcb_chain_other_root = true;
    snprintf(pki_what, sizeof pki_what, "TCB info chain to another root");
    pki_run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_TCBINFO_CHAIN_ERROR, UNSPEC, "collateral.untrusted_root", -1);
    tpki_spec_default(&s);
    s.qe_chain_other_root = true;
    snprintf(pki_what, sizeof pki_what, "QE identity chain to another root");
    pki_run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_QEIDENTITY_CHAIN_ERROR, UNSPEC, "collateral.untrusted_root", -1);

    /* The second root as the anchor, with the quote's chain to it: the root CRL names the
     * same issuer (both roots share their names) but is signed by the first root's key. */
    tpki_spec_default(&s);
    s.pck_chain_other_root = true;
    tpki_t *t = tpki_build(&s);
    vsgx_trust_anchor_t *other = NULL;
    vsgx_collateral_t *c = NULL;
    vsgx_qvl_failure_t why;
    assert_int_equal(vsgx_trust_anchor_from_pem(t->other_root_pem, strlen(t->other_root_pem), &other, &why),
                     SGX_QL_SUCCESS);
    assert_int_equal(tpki_collateral(t, TPKI_FORM_INTEL, &c, &why), SGX_QL_SUCCESS);
    vsgx_qvl_options_t o = { .time = TPKI_T0, .trust_anchor = other };
    snprintf(pki_what, sizeof pki_what, "second root as the anchor");
    vsgx_qvl_verify(t->quote, t->quote_len, c, &o, &v);
    EXPECT(&v, SGX_QL_RESULT_INVALID_SIGNATURE, BADSIG, "crl.signature", -1);
    assert_string_equal(v.failure.field, "root_ca_crl");
    vsgx_collateral_free(c);
    vsgx_trust_anchor_free(other);
    tpki_free(t);
}

static void test_crl_faults(void **state)
{
    (void)state;
    static const struct {
        bool root;               /* the root CRL, else the PCK CRL */
        tpki_crl_fault_t fault;
        quote3_error_t code;
        const char *check;
    } cases[] = {
        { false, TPKI_CRL_OTHER_ISSUER, SGX_QL_CRL_UNSUPPORTED_FORMAT, "crl.issuer" },
        { true, TPKI_CRL_OTHER_ISSUER, SGX_QL_CRL_UNSUPPORTED_FORMAT, "crl.issuer" },
        { false, TPKI_CRL_NO_NUMBER, SGX_QL_CRL_UNSUPPORTED_FORMAT, "crl.extensions" },
        { true, TPKI_CRL_NO_NUMBER, SGX_QL_CRL_UNSUPPORTED_FORMAT, "crl.extensions" },
        { false, TPKI_CRL_NO_AKI, SGX_QL_CRL_UNSUPPORTED_FORMAT, "crl.extensions" },
        { true, TPKI_CRL_NO_AKI, SGX_QL_CRL_UNSUPPORTED_FORMAT, "crl.extensions" },
        { false, TPKI_CRL_OTHER_KEY, SGX_QL_RESULT_INVALID_SIGNATURE, "crl.signature" },
        { true, TPKI_CRL_OTHER_KEY, SGX_QL_RESULT_INVALID_SIGNATURE, "crl.signature" },
    };
    vsgx_qvl_verdict_t v;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tpki_spec_t s;
        tpki_spec_default(&s);
        if (cases[i].root)
            s.root_crl_fault = cases[i].fault;
        else
            s.pck_crl_fault = cases[i].fault;
        snprintf(pki_what, sizeof pki_what, "%s CRL fault %d", cases[i].root ? "root" : "PCK", cases[i].fault);
        pki_run(&s, 0, false, &v);
        EXPECT(&v, cases[i].code, cases[i].fault == TPKI_CRL_OTHER_KEY ? BADSIG : UNSPEC, cases[i].check, -1);
        assert_string_equal(v.failure.field, cases[i].root ? "root_ca_crl" : "pck_crl");
    }
    /* A consistent PCK CRL and issuer chain, but of the other PCK CA: the collateral is
     * trusted, and the quote's check of the PCK CRL's issuer refuses it. */
    tpki_spec_t s;
    tpki_spec_default(&s);
    s.pck_crl_from_other_ca = true;
    snprintf(pki_what, sizeof pki_what, "the other CA's PCK CRL");
    pki_run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_CRL_UNSUPPORTED_FORMAT, UNSPEC, "pck_crl.issuer", -1);
}

/* ---- regressions ------------------------------------------------------------------------------ */

/* A revoked PCK CA or TCB Signing certificate, found while the collateral is checked, gives
 * the result REVOKED (0xA005) like a revoked PCK leaf, wherever the revocation is found. */
static void test_revoked_result_everywhere(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    tpki_spec_t s;
    tpki_spec_default(&s);
    s.revoke_intermediate = true;
    snprintf(pki_what, sizeof pki_what, "revoked PCK CA");
    pki_run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_PCK_REVOKED, SGX_QL_QV_RESULT_REVOKED, "pck_chain.intermediate_revoked", -1);
    tpki_spec_default(&s);
    s.revoke_tcb_signer = true;
    snprintf(pki_what, sizeof pki_what, "revoked TCB signer");
    pki_run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_PCK_REVOKED, SGX_QL_QV_RESULT_REVOKED, "collateral.signer_revoked", -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_revocation),
        cmocka_unit_test(test_other_roots),
        cmocka_unit_test(test_crl_faults),
        cmocka_unit_test(test_revoked_result_everywhere),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
