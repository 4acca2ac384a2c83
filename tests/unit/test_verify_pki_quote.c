/* test_verify_pki_quote.c — the verifier against a test PKI made at test time (support/testpki.h),
 * the good case and the quote itself: an UpToDate verdict with its supplemental data and the
 * test root trusted only when named; v4 and v5 quotes with an SGX body; the quote's layout; and
 * a PCK from the Platform CA. Both collateral forms must agree on every case (pki_run). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "pki_expect.h"
#include "sgx_dcap_quoteverify.h"
#include "testpki.h"
#include "vsgx/qvl.h"

/* ---- the good case ------------------------------------------------------------------------ */

static void test_good(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    tpki_spec_t s;
    tpki_spec_default(&s);
    snprintf(pki_what, sizeof pki_what, "good");
    tpki_t *t = tpki_build(&s);
    vsgx_qvl_verdict_t j;
    tpki_verify(t, TPKI_FORM_INTEL, 0, false, &v);
    tpki_verify(t, TPKI_FORM_QVL_JSON, 0, false, &j);
    pki_same_verdict(&v, &j);
    pki_expect_status(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_OK, "UpToDate", "UpToDate", "UpToDate");
    pki_expect_advisories(&v, NULL, 0);
    assert_false(v.collateral_expired);
    assert_false(v.collateral_not_yet_valid);
    assert_false(v.debug_enclave);
    assert_int_equal(v.earliest_expiration, TPKI_T0 + 30 * TPKI_DAY);
    assert_int_equal(v.latest_issue, TPKI_T0 - TPKI_DAY);
    assert_int_equal(v.tcb_date, TPKI_T0 - 90 * TPKI_DAY);

    /* The supplemental data carries the PCK's facts and the test root's key ID. */
    const sgx_ql_qv_supplemental_t *sp = &v.supplemental;
    assert_int_equal(sp->major_version, 3);
    assert_int_equal(sp->minor_version, 3);
    assert_memory_equal(sp->pck_ppid, s.ppid, 16);
    assert_memory_equal(sp->tcb_cpusvn.svn, s.cpusvn, 16);
    assert_int_equal(sp->tcb_pce_isvsvn, s.pcesvn);
    assert_int_equal(sp->pck_crl_num, 42);
    assert_int_equal(sp->root_ca_crl_num, 42);
    assert_int_equal(sp->tcb_eval_ref_num, 17);
    assert_int_equal(sp->sgx_type, 0);
    assert_int_equal(sp->dynamic_platform, PCK_FLAG_UNDEFINED);
    assert_int_equal(sp->qe_iden_status, SGX_QL_QV_RESULT_OK);
    assert_string_equal(sp->sa_list, "");
    uint8_t key_id[48];
    {
        vsgx_trust_anchor_t *a = NULL;
        vsgx_qvl_failure_t why;
        assert_int_equal(vsgx_trust_anchor_from_pem(t->root_pem, strlen(t->root_pem), &a, &why), SGX_QL_SUCCESS);
        vsgx_trust_anchor_free(a);
        /* SHA-384(04 || X || Y) of the root's key, from its certificate. */
        BIO *bio = BIO_new_mem_buf(t->root_pem, -1);
        X509 *root = PEM_read_bio_X509(bio, NULL, NULL, NULL);
        assert_non_null(root);
        uint8_t pt[65];
        size_t n = 0;
        assert_true(EVP_PKEY_get_octet_string_param(X509_get0_pubkey(root), "pub", pt, sizeof pt, &n));
        assert_int_equal(n, 65);
        EVP_Digest(pt, 65, key_id, NULL, EVP_sha384(), NULL);
        X509_free(root);
        BIO_free(bio);
    }
    assert_memory_equal(sp->root_key_id, key_id, 48);

    /* The test root is trusted only when named: under the default anchor (the Intel root) the
     * quote's chain is untrusted. */
    vsgx_collateral_t *c = NULL;
    vsgx_qvl_failure_t why;
    assert_int_equal(tpki_collateral(t, TPKI_FORM_INTEL, &c, &why), SGX_QL_SUCCESS);
    vsgx_qvl_options_t o = { .time = TPKI_T0 };
    vsgx_qvl_verify(t->quote, t->quote_len, c, &o, &v);
    EXPECT(&v, SGX_QL_PCK_CERT_CHAIN_ERROR, UNSPEC, "pck_chain.untrusted_root", -1);
    /* Nor does Intel's API, which trusts only Intel's root. */
    sgx_ql_qve_collateral_t ic;
    tpki_intel_collateral(t, &ic);
    uint32_t exp = 9;
    sgx_ql_qv_result_t r = SGX_QL_QV_RESULT_OK;
    assert_int_equal(sgx_qv_verify_quote(t->quote, (uint32_t)t->quote_len, &ic, (time_t)TPKI_T0, &exp, &r, NULL, 0,
                                         NULL),
                     SGX_QL_PCK_CERT_CHAIN_ERROR);
    assert_int_equal(r, UNSPEC);
    vsgx_collateral_free(c);
    tpki_free(t);
}

/* The quote's layout: v3, key type 2, Intel's QE vendor ID, the attestation key bound into the
 * QE report, type-5 certification data with a trailing NUL. */
static void test_quote_layout(void **state)
{
    (void)state;
    tpki_spec_t s;
    tpki_spec_default(&s);
    tpki_t *t = tpki_build(&s);
    const uint8_t *q = t->quote;
    static const uint8_t vendor[16] = { 0x93, 0x9A, 0x72, 0x33, 0xF7, 0x9C, 0x4C, 0xA9,
                                        0x94, 0x0A, 0x0D, 0xB3, 0x95, 0x7F, 0x06, 0x07 };
    size_t pem = strlen(t->pck_chain_pem) + 1;
    assert_int_equal(t->quote_len, 436 + 64 + 64 + 384 + 64 + 2 + 32 + 2 + 4 + pem);
    assert_int_equal(q[0] | q[1] << 8, 3);
    assert_int_equal(q[2] | q[3] << 8, 2);
    assert_memory_equal(q + 12, vendor, 16);
    assert_int_equal(q[1012] | q[1013] << 8, 32);
    assert_int_equal(q[1046] | q[1047] << 8, 5);
    assert_int_equal(q[t->quote_len - 1], 0);
    assert_memory_equal(q + OFF_ATTEST_KEY, t->attest_pub, 64);
    uint8_t h[32];
    EVP_MD_CTX *m = EVP_MD_CTX_new();
    EVP_DigestInit_ex(m, EVP_sha256(), NULL);
    EVP_DigestUpdate(m, q + OFF_ATTEST_KEY, 64);
    EVP_DigestUpdate(m, q + 1014, 32);
    EVP_DigestFinal_ex(m, h, NULL);
    EVP_MD_CTX_free(m);
    assert_memory_equal(q + OFF_QE_REPORT + 320, h, 32);
    uint8_t zero[32] = { 0 };
    assert_memory_equal(q + OFF_QE_REPORT + 352, zero, 32);
    uint8_t fmspc[6];
    assert_int_equal(tee_get_fmspc_from_quote(q, (uint32_t)t->quote_len, fmspc, 6), SGX_QL_SUCCESS);
    assert_memory_equal(fmspc, s.fmspc, 6);
    tpki_free(t);
}

/* ---- v4 and v5 quotes with an SGX body ------------------------------------------------ */

static void test_quote_v4_v5(void **state)
{
    (void)state;
    for (int version = 4; version <= 5; version++) {
        tpki_spec_t s;
        tpki_spec_default(&s);
        s.quote_version = version;
        s.tcb_levels[0].status = "SWHardeningNeeded";
        vsgx_qvl_verdict_t v;
        snprintf(pki_what, sizeof pki_what, "v%d SGX quote", version);
        pki_run(&s, 0, false, &v);
        pki_expect_status(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_SW_HARDENING_NEEDED, "SWHardeningNeeded",
                      "SWHardeningNeeded", "UpToDate");

        /* The signed region of v5 includes the body type and size; a flip in the body breaks the
         * quote signature, a flip in the QE report breaks the PCK's signature of it. */
        tpki_t *t = tpki_build(&s);
        size_t body_at = version == 5 ? 54 : 48;
        size_t qe_at = body_at + 384 + 4 + 128 + 6;
        vsgx_qvl_verdict_t w;
        t->quote[body_at + 100] ^= 1;
        tpki_verify(t, TPKI_FORM_INTEL, 0, false, &w);
        EXPECT(&w, SGX_QL_RESULT_INVALID_SIGNATURE, SGX_QL_QV_RESULT_INVALID_SIGNATURE, "quote.signature",
               (int64_t)(body_at + 384 + 4));
        t->quote[body_at + 100] ^= 1;
        t->quote[qe_at + 10] ^= 1;
        tpki_verify(t, TPKI_FORM_INTEL, 0, false, &w);
        EXPECT(&w, SGX_QL_QE_REPORT_INVALID_SIGNATURE, SGX_QL_QV_RESULT_INVALID_SIGNATURE, "qe_report.signature",
               (int64_t)(qe_at + 384));
        t->quote[qe_at + 10] ^= 1;
        /* The wrapper must be type 6. */
        t->quote[body_at + 384 + 4 + 128] = 5;
        tpki_verify(t, TPKI_FORM_INTEL, 0, false, &w);
        EXPECT(&w, SGX_QL_QUOTE_CERTIFICATION_DATA_UNSUPPORTED, SGX_QL_QV_RESULT_UNSPECIFIED, "quote.cert_type",
               (int64_t)(body_at + 384 + 4 + 128));
        t->quote[body_at + 384 + 4 + 128] = 6;
        if (version == 5) {
            /* A TD body type in an SGX quote, and a wrong body size. */
            t->quote[48] = 2;
            tpki_verify(t, TPKI_FORM_INTEL, 0, false, &w);
            EXPECT(&w, SGX_QL_QUOTE_FORMAT_UNSUPPORTED, SGX_QL_QV_RESULT_UNSPECIFIED, "quote.body.size", 50);
            t->quote[48] = 1;
            t->quote[50] = 0x81;
            tpki_verify(t, TPKI_FORM_INTEL, 0, false, &w);
            EXPECT(&w, SGX_QL_QUOTE_FORMAT_UNSUPPORTED, SGX_QL_QV_RESULT_UNSPECIFIED, "quote.body.size", 50);
        }
        tpki_free(t);
    }
}

static void test_platform_ca(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    tpki_spec_t s;
    tpki_spec_platform(&s);
    snprintf(pki_what, sizeof pki_what, "platform CA");
    pki_run(&s, 0, false, &v);
    pki_expect_status(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_OK, "UpToDate", "UpToDate", "UpToDate");
    assert_int_equal(v.supplemental.sgx_type, 1);
    assert_memory_equal(v.supplemental.platform_instance_id, s.platform_instance_id, 16);
    assert_int_equal(v.supplemental.dynamic_platform, PCK_FLAG_FALSE);
    assert_int_equal(v.supplemental.cached_keys, PCK_FLAG_TRUE);
    assert_int_equal(v.supplemental.smt_enabled, PCK_FLAG_TRUE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good),
        cmocka_unit_test(test_quote_v4_v5),
        cmocka_unit_test(test_quote_layout),
        cmocka_unit_test(test_platform_ca),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
