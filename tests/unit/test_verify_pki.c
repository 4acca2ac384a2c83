/* test_verify_pki.c — the verifier against a test PKI made at test time (support/testpki.h):
 * each check of Intel's QVL broken on purpose, one knob at a time, with the exact code, result
 * and failing check asserted; TCB status results and their convergence with the QE's; TCB
 * level selection; revocation; untrusted roots; CRL faults; identity mismatches; and the two
 * collateral forms agreeing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "sgx_dcap_quoteverify.h"
#include "testpki.h"
#include "vsgx/qvl.h"

#define UNSPEC SGX_QL_QV_RESULT_UNSPECIFIED
#define BADSIG SGX_QL_QV_RESULT_INVALID_SIGNATURE
#define ANY_OFFSET INT64_MIN

/* Offsets in a test quote (v3, QE report at 564). */
enum { OFF_APP_ATTRIBUTES = 48 + 48, OFF_ATTEST_KEY = 500, OFF_QE_REPORT = 564 };

static char g_what[128];

static void expect_(const vsgx_qvl_verdict_t *v, quote3_error_t code, sgx_ql_qv_result_t result, const char *check,
                    int64_t offset, int line)
{
    if (v->error != code || v->failure.code != code || v->result != result || strcmp(v->failure.check, check) != 0 ||
        (offset != ANY_OFFSET && v->failure.offset != offset))
        fail_msg("line %d (%s): got %s (0x%x) result 0x%x check \"%s\" offset %lld: %s\n"
                 "  expected %s (0x%x) result 0x%x check \"%s\" offset %lld",
                 line, g_what, vsgx_quote3_error_name(v->error), v->error, v->result, v->failure.check,
                 (long long)v->failure.offset, v->failure.message, vsgx_quote3_error_name(code), code, result, check,
                 (long long)offset);
}
#define EXPECT(v, code, result, check, offset) expect_((v), (code), (result), (check), (offset), __LINE__)

/* Builds the spec, verifies in both collateral forms (which must agree), and leaves the
 * verdict of the Intel-structure form in *v. */
static void same_verdict(const vsgx_qvl_verdict_t *a, const vsgx_qvl_verdict_t *b);

static void run(const tpki_spec_t *s, int64_t time, bool reject_debug, vsgx_qvl_verdict_t *v)
{
    tpki_t *t = tpki_build(s);
    assert_non_null(t);
    vsgx_qvl_verdict_t j;
    tpki_verify(t, TPKI_FORM_INTEL, time, reject_debug, v);
    tpki_verify(t, TPKI_FORM_QVL_JSON, time, reject_debug, &j);
    same_verdict(v, &j);
    tpki_free(t);
}

static void expect_status(const vsgx_qvl_verdict_t *v, quote3_error_t code, sgx_ql_qv_result_t result,
                          const char *status, const char *platform, const char *qe)
{
    EXPECT(v, code, result, code == SGX_QL_SUCCESS ? "" : "tcb.revoked", -1);
    assert_string_equal(v->status, status);
    assert_string_equal(v->platform_status, platform);
    assert_string_equal(v->qe_status, qe);
}

static void expect_advisories(const vsgx_qvl_verdict_t *v, const char *const *ids, size_t n)
{
    if (v->advisory_count != n)
        fail_msg("%s: %zu advisories, expected %zu", g_what, v->advisory_count, n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(v->advisory_ids[i], ids[i]);
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
        snprintf(g_what, sizeof g_what, "v%d SGX quote", version);
        run(&s, 0, false, &v);
        expect_status(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_SW_HARDENING_NEEDED, "SWHardeningNeeded",
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

/* ---- the good case ------------------------------------------------------------------------ */

static void test_good(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    tpki_spec_t s;
    tpki_spec_default(&s);
    snprintf(g_what, sizeof g_what, "good");
    tpki_t *t = tpki_build(&s);
    vsgx_qvl_verdict_t j;
    tpki_verify(t, TPKI_FORM_INTEL, 0, false, &v);
    tpki_verify(t, TPKI_FORM_QVL_JSON, 0, false, &j);
    same_verdict(&v, &j);
    expect_status(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_OK, "UpToDate", "UpToDate", "UpToDate");
    expect_advisories(&v, NULL, 0);
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

static void test_platform_ca(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    tpki_spec_t s;
    tpki_spec_platform(&s);
    snprintf(g_what, sizeof g_what, "platform CA");
    run(&s, 0, false, &v);
    expect_status(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_OK, "UpToDate", "UpToDate", "UpToDate");
    assert_int_equal(v.supplemental.sgx_type, 1);
    assert_memory_equal(v.supplemental.platform_instance_id, s.platform_instance_id, 16);
    assert_int_equal(v.supplemental.dynamic_platform, PCK_FLAG_FALSE);
    assert_int_equal(v.supplemental.cached_keys, PCK_FLAG_TRUE);
    assert_int_equal(v.supplemental.smt_enabled, PCK_FLAG_TRUE);
}

/* ---- TCB statuses ------------------------------------------------------------------------------- */

static const struct {
    const char *status;
    sgx_ql_qv_result_t result;
} STATUSES[] = {
    { "UpToDate", SGX_QL_QV_RESULT_OK },
    { "SWHardeningNeeded", SGX_QL_QV_RESULT_SW_HARDENING_NEEDED },
    { "ConfigurationNeeded", SGX_QL_QV_RESULT_CONFIG_NEEDED },
    { "ConfigurationAndSWHardeningNeeded", SGX_QL_QV_RESULT_CONFIG_AND_SW_HARDENING_NEEDED },
    { "OutOfDate", SGX_QL_QV_RESULT_OUT_OF_DATE },
    { "OutOfDateConfigurationNeeded", SGX_QL_QV_RESULT_OUT_OF_DATE_CONFIG_NEEDED },
    { "Revoked", SGX_QL_QV_RESULT_REVOKED },
};
#define N_STATUSES (sizeof STATUSES / sizeof STATUSES[0])

static void test_tcb_status_results(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    for (size_t i = 0; i < N_STATUSES; i++) {
        tpki_spec_t s;
        tpki_spec_default(&s);
        s.tcb_levels[0].status = STATUSES[i].status;
        s.tcb_levels[0].advisories[0] = "INTEL-SA-00999";
        snprintf(g_what, sizeof g_what, "platform %s", STATUSES[i].status);
        run(&s, 0, false, &v);
        bool revoked = strcmp(STATUSES[i].status, "Revoked") == 0;
        expect_status(&v, revoked ? SGX_QL_TCB_REVOKED : SGX_QL_SUCCESS, STATUSES[i].result, STATUSES[i].status,
                      STATUSES[i].status, "UpToDate");
        if (revoked)
            assert_string_equal(v.failure.field, "pck_cert.tcb");
        const char *ids[] = { "INTEL-SA-00999" };
        expect_advisories(&v, ids, 1);
        assert_string_equal(v.supplemental.sa_list, revoked ? "" : "INTEL-SA-00999");
    }
}

/* The QE at ISVSVN 7 matches the QE identity level 6 (OutOfDate, INTEL-SA-00615). Intel's
 * convergence: UpToDate and SWHardeningNeeded become OutOfDate; ConfigurationNeeded and
 * ConfigurationAndSWHardeningNeeded become OutOfDateConfigurationNeeded; the rest stand. */
static void test_qe_convergence(void **state)
{
    (void)state;
    static const char *const converged[N_STATUSES] = {
        "OutOfDate", "OutOfDate", "OutOfDateConfigurationNeeded", "OutOfDateConfigurationNeeded",
        "OutOfDate", "OutOfDateConfigurationNeeded", "Revoked",
    };
    static const sgx_ql_qv_result_t results[N_STATUSES] = {
        SGX_QL_QV_RESULT_OUT_OF_DATE, SGX_QL_QV_RESULT_OUT_OF_DATE, SGX_QL_QV_RESULT_OUT_OF_DATE_CONFIG_NEEDED,
        SGX_QL_QV_RESULT_OUT_OF_DATE_CONFIG_NEEDED, SGX_QL_QV_RESULT_OUT_OF_DATE,
        SGX_QL_QV_RESULT_OUT_OF_DATE_CONFIG_NEEDED, SGX_QL_QV_RESULT_REVOKED,
    };
    vsgx_qvl_verdict_t v;
    for (size_t i = 0; i < N_STATUSES; i++) {
        tpki_spec_t s;
        tpki_spec_default(&s);
        s.qe.isv_svn = 7;
        s.tcb_levels[0].status = STATUSES[i].status;
        snprintf(g_what, sizeof g_what, "platform %s, QE OutOfDate", STATUSES[i].status);
        run(&s, 0, false, &v);
        bool revoked = i == N_STATUSES - 1;
        expect_status(&v, revoked ? SGX_QL_TCB_REVOKED : SGX_QL_SUCCESS, results[i], converged[i], STATUSES[i].status,
                      "OutOfDate");
        const char *ids[] = { "INTEL-SA-00615" };
        expect_advisories(&v, ids, 1);
        assert_int_equal(v.supplemental.qe_iden_status, revoked ? 0 : SGX_QL_QV_RESULT_OUT_OF_DATE);
    }
    /* Every QE status but UpToDate and Revoked counts as out of date. */
    const char *qe_statuses[] = { "SWHardeningNeeded", "ConfigurationNeeded", "OutOfDateConfigurationNeeded" };
    for (size_t i = 0; i < 3; i++) {
        tpki_spec_t s;
        tpki_spec_default(&s);
        s.qe_levels[0].status = qe_statuses[i];
        snprintf(g_what, sizeof g_what, "QE %s", qe_statuses[i]);
        run(&s, 0, false, &v);
        expect_status(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_OUT_OF_DATE, "OutOfDate", "UpToDate", qe_statuses[i]);
    }
}

static void test_qe_revoked_and_unsupported(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    tpki_spec_t s;
    tpki_spec_default(&s);
    s.qe_levels[0].status = "Revoked";
    snprintf(g_what, sizeof g_what, "QE Revoked");
    run(&s, 0, false, &v);
    expect_status(&v, SGX_QL_TCB_REVOKED, SGX_QL_QV_RESULT_REVOKED, "Revoked", "UpToDate", "Revoked");
    assert_string_equal(v.failure.field, "qe_report.isv_svn");
    /* The first level in JSON order at or below the QE's ISVSVN, even if a later one is higher. */
    tpki_spec_default(&s);
    s.qe_levels[0] = (tpki_qe_level_t){ .isvsvn = 2, .status = "Revoked" };
    s.qe_levels[1] = (tpki_qe_level_t){ .isvsvn = 8, .status = "UpToDate" };
    snprintf(g_what, sizeof g_what, "QE levels out of order");
    run(&s, 0, false, &v);
    expect_status(&v, SGX_QL_TCB_REVOKED, SGX_QL_QV_RESULT_REVOKED, "Revoked", "UpToDate", "Revoked");
    /* No QE level at or below ISVSVN 5. */
    tpki_spec_default(&s);
    s.qe.isv_svn = 5;
    snprintf(g_what, sizeof g_what, "QE below every level");
    run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_TCB_NOT_SUPPORTED, UNSPEC, "qe_identity.tcb_level", OFF_QE_REPORT + 258);
}

/* ---- TCB level selection -------------------------------------------------------------------------- */

static void test_no_tcb_level(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    tpki_spec_t s;
    tpki_spec_default(&s);
    s.comp_svn[0] = 1; /* below every level's first component */
    snprintf(g_what, sizeof g_what, "component below every level");
    run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_TCB_NOT_SUPPORTED, UNSPEC, "tcb_info.tcb_level", -1);
    tpki_spec_default(&s);
    s.pcesvn = 4; /* below every level's PCESVN */
    snprintf(g_what, sizeof g_what, "PCESVN below every level");
    run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_TCB_NOT_SUPPORTED, UNSPEC, "tcb_info.tcb_level", -1);
    /* A single component above: the level is not dominated. */
    tpki_spec_default(&s);
    s.tcb_level_count = 1;
    s.tcb_levels[0].svn[15] = 1;
    snprintf(g_what, sizeof g_what, "last component above");
    run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_TCB_NOT_SUPPORTED, UNSPEC, "tcb_info.tcb_level", -1);
}

static tpki_tcb_level_t level(uint8_t c0, uint8_t c1, uint16_t pcesvn, const char *status)
{
    tpki_tcb_level_t l = { .pcesvn = pcesvn, .status = status };
    l.svn[0] = c0;
    l.svn[1] = c1;
    return l;
}

/* Intel orders levels by their 16 components (lexicographically, descending), then PCESVN,
 * and takes the first the PCK dominates; the JSON order does not matter. */
static void test_tcb_level_selection(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    tpki_spec_t s;
    static const size_t orders[][3] = { { 0, 1, 2 }, { 2, 1, 0 }, { 1, 2, 0 }, { 2, 0, 1 } };
    for (size_t o = 0; o < 4; o++) {
        tpki_spec_default(&s);
        memset(s.comp_svn, 0, 16);
        s.comp_svn[0] = 5;
        s.comp_svn[1] = 5;
        tpki_tcb_level_t l[3] = {
            level(6, 0, 13, "UpToDate"),             /* above the PCK in component 0 */
            level(5, 1, 13, "ConfigurationNeeded"),  /* dominated, the highest of those */
            level(4, 5, 13, "OutOfDate"),            /* dominated, lower */
        };
        s.tcb_level_count = 3;
        for (size_t i = 0; i < 3; i++)
            s.tcb_levels[i] = l[orders[o][i]];
        snprintf(g_what, sizeof g_what, "selection, order %zu", o);
        run(&s, 0, false, &v);
        EXPECT(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_CONFIG_NEEDED, "", -1);
        assert_string_equal(v.platform_status, "ConfigurationNeeded");
    }
    /* Same components: the higher PCESVN the PCK dominates. */
    tpki_spec_default(&s);
    s.tcb_level_count = 3;
    memcpy(s.tcb_levels[0].svn, s.comp_svn, 16);
    s.tcb_levels[1] = s.tcb_levels[0];
    s.tcb_levels[2] = s.tcb_levels[0];
    s.tcb_levels[0].pcesvn = 10;
    s.tcb_levels[0].status = "OutOfDate";
    s.tcb_levels[1].pcesvn = 14; /* above the PCK's 13 */
    s.tcb_levels[1].status = "UpToDate";
    s.tcb_levels[2].pcesvn = 12;
    s.tcb_levels[2].status = "SWHardeningNeeded";
    snprintf(g_what, sizeof g_what, "selection by PCESVN");
    run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_SW_HARDENING_NEEDED, "", -1);
    /* The default levels with a PCK between levels 0 and 1. */
    tpki_spec_default(&s);
    s.comp_svn[6] = 6; /* level 0 needs 7 */
    snprintf(g_what, sizeof g_what, "between levels");
    run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_SW_HARDENING_NEEDED, "", -1);
    assert_int_equal(v.tcb_date, TPKI_T0 - 2 * 90 * TPKI_DAY);
    /* Two levels with the same TCB: the TCB info is refused at load. */
    tpki_spec_default(&s);
    s.tcb_levels[1] = s.tcb_levels[0];
    s.tcb_levels[1].status = "OutOfDate";
    snprintf(g_what, sizeof g_what, "duplicate level");
    run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_TCBINFO_UNSUPPORTED_FORMAT, UNSPEC, "collateral.tcb_info", -1);
}

/* The TCB level's advisories, then the QE level's, in order, each once. */
static void test_advisory_order(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    tpki_spec_t s;
    tpki_spec_default(&s);
    s.qe.isv_svn = 6;
    s.tcb_levels[0].status = "SWHardeningNeeded";
    s.tcb_levels[0].advisories[0] = "INTEL-SA-00334";
    s.tcb_levels[0].advisories[1] = "INTEL-SA-00615";
    s.tcb_levels[0].advisories[2] = "INTEL-SA-00219";
    s.qe_levels[1].advisories[0] = "INTEL-SA-00615";
    s.qe_levels[1].advisories[1] = "INTEL-SA-00477";
    snprintf(g_what, sizeof g_what, "advisories");
    run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_OUT_OF_DATE, "", -1);
    const char *ids[] = { "INTEL-SA-00334", "INTEL-SA-00615", "INTEL-SA-00219", "INTEL-SA-00477" };
    expect_advisories(&v, ids, 4);
    assert_string_equal(v.supplemental.sa_list, "INTEL-SA-00334,INTEL-SA-00615,INTEL-SA-00219,INTEL-SA-00477");
}

/* ---- revocation, roots, CRLs ------------------------------------------------------------------------ */

static void test_revocation(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    tpki_spec_t s;
    tpki_spec_default(&s);
    s.revoke_leaf = true;
    snprintf(g_what, sizeof g_what, "revoked PCK");
    run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_PCK_REVOKED, SGX_QL_QV_RESULT_REVOKED, "pck_chain.leaf_revoked", -1);
    /* The intermediate and the TCB signer are found revoked while the collateral is checked.
     * (Their result code: test_revoked_result_everywhere.) */
    tpki_spec_default(&s);
    s.revoke_intermediate = true;
    snprintf(g_what, sizeof g_what, "revoked PCK CA");
    run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_PCK_REVOKED, v.result, "pck_chain.intermediate_revoked", -1);
    tpki_spec_default(&s);
    s.revoke_tcb_signer = true;
    snprintf(g_what, sizeof g_what, "revoked TCB signer");
    run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_PCK_REVOKED, v.result, "collateral.signer_revoked", -1);
    /* The platform CA's leaf too. */
    tpki_spec_platform(&s);
    s.revoke_leaf = true;
    snprintf(g_what, sizeof g_what, "revoked platform PCK");
    run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_PCK_REVOKED, SGX_QL_QV_RESULT_REVOKED, "pck_chain.leaf_revoked", -1);
}

static void test_other_roots(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    tpki_spec_t s;
    tpki_spec_default(&s);
    s.pck_chain_other_root = true;
    snprintf(g_what, sizeof g_what, "PCK chain to another root");
    run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_PCK_CERT_CHAIN_ERROR, UNSPEC, "pck_chain.untrusted_root", -1);
    tpki_spec_default(&s);
    s.tcb_chain_other_root = true;
    snprintf(g_what, sizeof g_what, "TCB info chain to another root");
    run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_TCBINFO_CHAIN_ERROR, UNSPEC, "collateral.untrusted_root", -1);
    tpki_spec_default(&s);
    s.qe_chain_other_root = true;
    snprintf(g_what, sizeof g_what, "QE identity chain to another root");
    run(&s, 0, false, &v);
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
    snprintf(g_what, sizeof g_what, "second root as the anchor");
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
        snprintf(g_what, sizeof g_what, "%s CRL fault %d", cases[i].root ? "root" : "PCK", cases[i].fault);
        run(&s, 0, false, &v);
        EXPECT(&v, cases[i].code, cases[i].fault == TPKI_CRL_OTHER_KEY ? BADSIG : UNSPEC, cases[i].check, -1);
        assert_string_equal(v.failure.field, cases[i].root ? "root_ca_crl" : "pck_crl");
    }
    /* A consistent PCK CRL and issuer chain, but of the other PCK CA: the collateral is
     * trusted, and the quote's check of the PCK CRL's issuer refuses it. */
    tpki_spec_t s;
    tpki_spec_default(&s);
    s.pck_crl_from_other_ca = true;
    snprintf(g_what, sizeof g_what, "the other CA's PCK CRL");
    run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_CRL_UNSUPPORTED_FORMAT, UNSPEC, "pck_crl.issuer", -1);
}

/* ---- the platform's identity ----------------------------------------------------------------------- */

static void test_tcb_info_mismatch(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    tpki_spec_t s;
    tpki_spec_default(&s);
    s.tcb_fmspc[5] = 0x01;
    snprintf(g_what, sizeof g_what, "FMSPC");
    run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_TCBINFO_MISMATCH, UNSPEC, "tcb_info.fmspc", -1);
    tpki_spec_default(&s);
    s.fmspc[0] = 0x10; /* the PCK's side */
    run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_TCBINFO_MISMATCH, UNSPEC, "tcb_info.fmspc", -1);
    tpki_spec_default(&s);
    s.tcb_pce_id[1] = 0x01;
    snprintf(g_what, sizeof g_what, "PCE-ID");
    run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_TCBINFO_MISMATCH, UNSPEC, "tcb_info.pce_id", -1);
    tpki_spec_default(&s);
    s.pce_id[0] = 0x01;
    run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_TCBINFO_MISMATCH, UNSPEC, "tcb_info.pce_id", -1);
    /* Both changed alike: consistent again. */
    s.tcb_pce_id[0] = 0x01;
    run(&s, 0, false, &v);
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
    snprintf(g_what, sizeof g_what, "MRSIGNER");
    run(&s, 0, false, &v);
    EXPECT(&v, M, UNSPEC, "qe_identity.mrsigner", OFF_QE_REPORT + 128);
    tpki_spec_default(&s);
    s.qe.isv_prod_id = 2;
    snprintf(g_what, sizeof g_what, "ISVPRODID");
    run(&s, 0, false, &v);
    EXPECT(&v, M, UNSPEC, "qe_identity.isvprodid", OFF_QE_REPORT + 256);
    tpki_spec_default(&s);
    s.qe_miscselect = 1;
    snprintf(g_what, sizeof g_what, "MISCSELECT");
    run(&s, 0, false, &v);
    EXPECT(&v, M, UNSPEC, "qe_identity.miscselect", OFF_QE_REPORT + 16);
    tpki_spec_default(&s);
    s.qe.misc_select = 0x100; /* a bit the mask covers */
    run(&s, 0, false, &v);
    EXPECT(&v, M, UNSPEC, "qe_identity.miscselect", OFF_QE_REPORT + 16);
    s.qe_miscselect_mask = 0xFFFFFEFF; /* ... and then does not */
    run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_OK, "", -1);
    tpki_spec_default(&s);
    s.qe.attributes.flags |= SGX_FLAGS_DEBUG; /* a debug QE */
    snprintf(g_what, sizeof g_what, "attributes");
    run(&s, 0, false, &v);
    EXPECT(&v, M, UNSPEC, "qe_identity.attributes", OFF_QE_REPORT + 48);
    tpki_spec_default(&s);
    s.qe_attributes_mask[8] = 0xFF; /* XFRM byte 0 (0xE7) must now be 0 */
    run(&s, 0, false, &v);
    EXPECT(&v, M, UNSPEC, "qe_identity.attributes", OFF_QE_REPORT + 56);
    tpki_spec_default(&s);
    s.qe.attributes.flags |= SGX_FLAGS_KSS; /* a bit outside the mask: accepted */
    s.qe_attributes_mask[0] = 0x7B;
    run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_OK, "", -1);
    /* MRENCLAVE is not part of the identity. */
    tpki_spec_default(&s);
    s.qe.mr_enclave.m[0] ^= 0xFF;
    run(&s, 0, false, &v);
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
    snprintf(g_what, sizeof g_what, "attestation key off the curve");
    run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_QUOTE_FORMAT_UNSUPPORTED, UNSPEC, "quote.attest_key", OFF_ATTEST_KEY);
    /* Report data not bound to the key. */
    tpki_spec_default(&s);
    s.qe_report_data_as_given = true;
    snprintf(g_what, sizeof g_what, "unbound QE report data");
    run(&s, 0, false, &v);
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
    snprintf(g_what, sizeof g_what, "report data tail");
    run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_QUOTE_FORMAT_UNSUPPORTED, UNSPEC, "quote.attest_key", OFF_ATTEST_KEY);
    /* Any amount of authentication data. */
    uint16_t lens[] = { 0, 1, 64, 600 };
    for (size_t i = 0; i < 4; i++) {
        tpki_spec_default(&s);
        s.auth_data_len = lens[i];
        snprintf(g_what, sizeof g_what, "%u bytes of auth data", lens[i]);
        run(&s, 0, false, &v);
        EXPECT(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_OK, "", -1);
    }
}

/* ---- policy and time -------------------------------------------------------------------------------- */

static void test_debug_enclave(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    tpki_spec_t s;
    tpki_spec_default(&s);
    s.app.attributes.flags |= SGX_FLAGS_DEBUG;
    snprintf(g_what, sizeof g_what, "debug enclave");
    run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_OK, "", -1);
    assert_true(v.debug_enclave);
    assert_false(v.rejected_debug);
    /* Rejected by policy after every check passed: the result is the platform's. */
    run(&s, 0, true, &v);
    EXPECT(&v, SGX_QL_UNSUPPORTED_MODE, SGX_QL_QV_RESULT_OK, "policy.debug", OFF_APP_ATTRIBUTES);
    assert_true(v.debug_enclave);
    assert_true(v.rejected_debug);
    /* A production enclave under the same policy. */
    tpki_spec_default(&s);
    run(&s, 0, true, &v);
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
        snprintf(g_what, sizeof g_what, "PCK notAfter T0%+lld", (long long)(when[i] - TPKI_T0));
        run(&s, 0, false, &v);
        EXPECT(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_OK, "", -1);
        assert_int_equal(v.earliest_expiration, when[i]);
        assert_int_equal(v.collateral_expired, when[i] <= TPKI_T0);
        assert_false(v.collateral_not_yet_valid);
    }
    /* The whole collateral: before its issue, after its expiry. */
    tpki_spec_t s;
    tpki_spec_default(&s);
    run(&s, TPKI_T0 - TPKI_DAY - 1, false, &v);
    EXPECT(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_OK, "", -1);
    assert_true(v.collateral_not_yet_valid);
    run(&s, TPKI_T0 + 30 * TPKI_DAY, false, &v);
    EXPECT(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_OK, "", -1);
    assert_true(v.collateral_expired);
}

/* ---- the two collateral forms ------------------------------------------------------------------------ */

static bool str_eq(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static void same_verdict(const vsgx_qvl_verdict_t *a, const vsgx_qvl_verdict_t *b)
{
    if (a->error != b->error || a->result != b->result || !str_eq(a->failure.check, b->failure.check))
        fail_msg("%s: Intel form %s 0x%x \"%s\", dcap-qvl form %s 0x%x \"%s\"", g_what,
                 vsgx_quote3_error_name(a->error), a->result, a->failure.check, vsgx_quote3_error_name(b->error),
                 b->result, b->failure.check);
    assert_int_equal(a->failure.offset, b->failure.offset);
    assert_true(str_eq(a->status, b->status));
    assert_true(str_eq(a->platform_status, b->platform_status));
    assert_true(str_eq(a->qe_status, b->qe_status));
    assert_int_equal(a->advisory_count, b->advisory_count);
    for (size_t i = 0; i < a->advisory_count; i++)
        assert_string_equal(a->advisory_ids[i], b->advisory_ids[i]);
    assert_int_equal(a->collateral_expired, b->collateral_expired);
    assert_int_equal(a->collateral_not_yet_valid, b->collateral_not_yet_valid);
    assert_int_equal(a->earliest_expiration, b->earliest_expiration);
    assert_int_equal(a->latest_issue, b->latest_issue);
    assert_int_equal(a->debug_enclave, b->debug_enclave);
    assert_memory_equal(&a->supplemental, &b->supplemental, sizeof a->supplemental);
}

/* run() compares the forms on every case above; here the dcap-qvl text itself. */
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
    snprintf(g_what, sizeof g_what, "dcap-qvl form, changed signature");
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

/* ---- known bugs of src/qvl: these assert the correct behaviour and fail until fixed ---------------- */

/* A revoked PCK CA or TCB Signing certificate, found while the collateral is checked, gives
 * the result REVOKED (0xA005) like a revoked PCK leaf, wherever the revocation is found. */
static void test_revoked_result_everywhere(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    tpki_spec_t s;
    tpki_spec_default(&s);
    s.revoke_intermediate = true;
    snprintf(g_what, sizeof g_what, "revoked PCK CA");
    run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_PCK_REVOKED, SGX_QL_QV_RESULT_REVOKED, "pck_chain.intermediate_revoked", -1);
    tpki_spec_default(&s);
    s.revoke_tcb_signer = true;
    snprintf(g_what, sizeof g_what, "revoked TCB signer");
    run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_PCK_REVOKED, SGX_QL_QV_RESULT_REVOKED, "collateral.signer_revoked", -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good),
        cmocka_unit_test(test_quote_v4_v5),
        cmocka_unit_test(test_quote_layout),
        cmocka_unit_test(test_platform_ca),
        cmocka_unit_test(test_tcb_status_results),
        cmocka_unit_test(test_qe_convergence),
        cmocka_unit_test(test_qe_revoked_and_unsupported),
        cmocka_unit_test(test_no_tcb_level),
        cmocka_unit_test(test_tcb_level_selection),
        cmocka_unit_test(test_advisory_order),
        cmocka_unit_test(test_revocation),
        cmocka_unit_test(test_other_roots),
        cmocka_unit_test(test_crl_faults),
        cmocka_unit_test(test_tcb_info_mismatch),
        cmocka_unit_test(test_qe_identity_mismatch),
        cmocka_unit_test(test_quote_binding),
        cmocka_unit_test(test_debug_enclave),
        cmocka_unit_test(test_expired_leaf),
        cmocka_unit_test(test_qvl_json_form),
        cmocka_unit_test(test_revoked_result_everywhere),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
