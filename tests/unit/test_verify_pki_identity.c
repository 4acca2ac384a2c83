/* test_verify_pki_identity.c — the verifier against a test PKI made at test time
 * (support/testpki.h), the platform's and the QE's identity: TCB info FMSPC and PCE-ID
 * mismatches; QE identity mismatches; and the quote's own signatures (the attestation key bound
 * into the QE report). Both collateral forms must agree on every case (pki_run). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <openssl/evp.h>

#include "pki_expect.h"
#include "testpki.h"
#include "vsgx/qvl.h"

/* ---- the platform's identity ----------------------------------------------------------------------- */

static void test_tcb_info_mismatch(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    tpki_spec_t s;
    tpki_spec_default(&s);
    s.tcb_fmspc[5] = 0x01;
    snprintf(pki_what, sizeof pki_what, "FMSPC");
    pki_run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_TCBINFO_MISMATCH, UNSPEC, "tcb_info.fmspc", -1);
    tpki_spec_default(&s);
    s.fmspc[0] = 0x10; /* the PCK's side */
    pki_run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_TCBINFO_MISMATCH, UNSPEC, "tcb_info.fmspc", -1);
    tpki_spec_default(&s);
    s.tcb_pce_id[1] = 0x01;
    snprintf(pki_what, sizeof pki_what, "PCE-ID");
    pki_run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_TCBINFO_MISMATCH, UNSPEC, "tcb_info.pce_id", -1);
    tpki_spec_default(&s);
    s.pce_id[0] = 0x01;
    pki_run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_TCBINFO_MISMATCH, UNSPEC, "tcb_info.pce_id", -1);
    /* Both changed alike: consistent again. */
    s.tcb_pce_id[0] = 0x01;
    pki_run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_OK, "", -1);
    assert_int_equal(v.supplemental.pce_id, 0x0001);
}

static void test_qe_identity_mismatch(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    const quote3_error_t M = SGX_QL_QEIDENTITY_MISMATCH;
    tpki_spec_t s;
    tpki_spec_default(&s);
    s.qe.mr_signer.m[31] ^= 1;
    snprintf(pki_what, sizeof pki_what, "MRSIGNER");
    pki_run(&s, 0, false, &v);
    EXPECT(&v, M, UNSPEC, "qe_identity.mrsigner", OFF_QE_REPORT + 128);
    tpki_spec_default(&s);
    s.qe.isv_prod_id = 2;
    snprintf(pki_what, sizeof pki_what, "ISVPRODID");
    pki_run(&s, 0, false, &v);
    EXPECT(&v, M, UNSPEC, "qe_identity.isvprodid", OFF_QE_REPORT + 256);
    tpki_spec_default(&s);
    s.qe_miscselect = 1;
    snprintf(pki_what, sizeof pki_what, "MISCSELECT");
    pki_run(&s, 0, false, &v);
    EXPECT(&v, M, UNSPEC, "qe_identity.miscselect", OFF_QE_REPORT + 16);
    tpki_spec_default(&s);
    s.qe.misc_select = 0x100; /* a bit the mask covers */
    pki_run(&s, 0, false, &v);
    EXPECT(&v, M, UNSPEC, "qe_identity.miscselect", OFF_QE_REPORT + 16);
    s.qe_miscselect_mask = 0xFFFFFEFF; /* ... and then does not */
    pki_run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_OK, "", -1);
    tpki_spec_default(&s);
    s.qe.attributes.flags |= SGX_FLAGS_DEBUG; /* a debug QE */
    snprintf(pki_what, sizeof pki_what, "attributes");
    pki_run(&s, 0, false, &v);
    EXPECT(&v, M, UNSPEC, "qe_identity.attributes", OFF_QE_REPORT + 48);
    tpki_spec_default(&s);
    s.qe_attributes_mask[8] = 0xFF; /* XFRM byte 0 (0xE7) must now be 0 */
    pki_run(&s, 0, false, &v);
    EXPECT(&v, M, UNSPEC, "qe_identity.attributes", OFF_QE_REPORT + 56);
    tpki_spec_default(&s);
    s.qe.attributes.flags |= SGX_FLAGS_KSS; /* a bit outside the mask: accepted */
    s.qe_attributes_mask[0] = 0x7B;
    pki_run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_OK, "", -1);
    /* MRENCLAVE is not part of the identity. */
    tpki_spec_default(&s);
    s.qe.mr_enclave.m[0] ^= 0xFF;
    pki_run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_OK, "", -1);
}

/* ---- the quote's own signatures ------------------------------------------------------------------------ */

static void test_quote_binding(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    tpki_spec_t s;
    /* A correctly bound point that is not on the curve: only now is the key itself refused. */
    tpki_spec_default(&s);
    s.attest_key_off_curve = true;
    snprintf(pki_what, sizeof pki_what, "attestation key off the curve");
    pki_run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_QUOTE_FORMAT_UNSUPPORTED, UNSPEC, "quote.attest_key", OFF_ATTEST_KEY);
    /* Report data not bound to the key. */
    tpki_spec_default(&s);
    s.qe_report_data_as_given = true;
    snprintf(pki_what, sizeof pki_what, "unbound QE report data");
    pki_run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_QE_REPORT_INVALID_SIGNATURE, SGX_QL_QV_RESULT_INVALID_SIGNATURE, "qe_report.report_data",
           OFF_QE_REPORT + 320);
    /* Only the first 32 bytes of the report data are checked. */
    tpki_spec_default(&s);
    s.qe_report_data_as_given = true;
    s.attest_key_off_curve = true; /* a fixed key, so the binding learned below holds in the rebuild */
    {
        /* SHA-256(the fixed point || auth data 00 01 .. 1f), then a non-zero tail. */
        tpki_t *t = tpki_build(&s);
        uint8_t auth[32];
        for (int i = 0; i < 32; i++)
            auth[i] = (uint8_t)i;
        EVP_MD_CTX *m = EVP_MD_CTX_new();
        EVP_DigestInit_ex(m, EVP_sha256(), NULL);
        EVP_DigestUpdate(m, t->attest_pub, 64);
        EVP_DigestUpdate(m, auth, 32);
        EVP_DigestFinal_ex(m, s.qe.report_data.d, NULL);
        EVP_MD_CTX_free(m);
        tpki_free(t);
    }
    memset(s.qe.report_data.d + 32, 0xAB, 32);
    snprintf(pki_what, sizeof pki_what, "report data tail");
    pki_run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_QUOTE_FORMAT_UNSUPPORTED, UNSPEC, "quote.attest_key", OFF_ATTEST_KEY);
    /* Any amount of authentication data. */
    uint16_t lens[] = { 0, 1, 64, 600 };
    for (size_t i = 0; i < 4; i++) {
        tpki_spec_default(&s);
        s.auth_data_len = lens[i];
        snprintf(pki_what, sizeof pki_what, "%u bytes of auth data", lens[i]);
        pki_run(&s, 0, false, &v);
        EXPECT(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_OK, "", -1);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tcb_info_mismatch),
        cmocka_unit_test(test_qe_identity_mismatch),
        cmocka_unit_test(test_quote_binding),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
