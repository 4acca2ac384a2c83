/* test_verify_pki_tcb.c — the verifier against a test PKI made at test time (support/testpki.h),
 * the TCB status: each TCB status's result and its convergence with the QE's; a revoked QE and a
 * QE below every level; TCB level selection; and the order of the advisories. Both collateral
 * forms must agree on every case (pki_run). */
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
        snprintf(pki_what, sizeof pki_what, "platform %s", STATUSES[i].status);
        pki_run(&s, 0, false, &v);
        bool revoked = strcmp(STATUSES[i].status, "Revoked") == 0;
        pki_expect_status(&v, revoked ? SGX_QL_TCB_REVOKED : SGX_QL_SUCCESS, STATUSES[i].result, STATUSES[i].status,
                      STATUSES[i].status, "UpToDate");
        if (revoked)
            assert_string_equal(v.failure.field, "pck_cert.tcb");
        const char *ids[] = { "INTEL-SA-00999" };
        pki_expect_advisories(&v, ids, 1);
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
        snprintf(pki_what, sizeof pki_what, "platform %s, QE OutOfDate", STATUSES[i].status);
        pki_run(&s, 0, false, &v);
        bool revoked = i == N_STATUSES - 1;
        pki_expect_status(&v, revoked ? SGX_QL_TCB_REVOKED : SGX_QL_SUCCESS, results[i], converged[i], STATUSES[i].status,
                      "OutOfDate");
        const char *ids[] = { "INTEL-SA-00615" };
        pki_expect_advisories(&v, ids, 1);
        assert_int_equal(v.supplemental.qe_iden_status, revoked ? 0 : SGX_QL_QV_RESULT_OUT_OF_DATE);
    }
    /* Every QE status but UpToDate and Revoked counts as out of date. */
    const char *qe_statuses[] = { "SWHardeningNeeded", "ConfigurationNeeded", "OutOfDateConfigurationNeeded" };
    for (size_t i = 0; i < 3; i++) {
        tpki_spec_t s;
        tpki_spec_default(&s);
        s.qe_levels[0].status = qe_statuses[i];
        snprintf(pki_what, sizeof pki_what, "QE %s", qe_statuses[i]);
        pki_run(&s, 0, false, &v);
        pki_expect_status(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_OUT_OF_DATE, "OutOfDate", "UpToDate", qe_statuses[i]);
    }
}

static void test_qe_revoked_and_unsupported(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    tpki_spec_t s;
    tpki_spec_default(&s);
    s.qe_levels[0].status = "Revoked";
    snprintf(pki_what, sizeof pki_what, "QE Revoked");
    pki_run(&s, 0, false, &v);
    pki_expect_status(&v, SGX_QL_TCB_REVOKED, SGX_QL_QV_RESULT_REVOKED, "Revoked", "UpToDate", "Revoked");
    assert_string_equal(v.failure.field, "qe_report.isv_svn");
    /* The first level in JSON order at or below the QE's ISVSVN, even if a later one is higher. */
    tpki_spec_default(&s);
    s.qe_levels[0] = (tpki_qe_level_t){ .isvsvn = 2, .status = "Revoked" };
    s.qe_levels[1] = (tpki_qe_level_t){ .isvsvn = 8, .status = "UpToDate" };
    snprintf(pki_what, sizeof pki_what, "QE levels out of order");
    pki_run(&s, 0, false, &v);
    pki_expect_status(&v, SGX_QL_TCB_REVOKED, SGX_QL_QV_RESULT_REVOKED, "Revoked", "UpToDate", "Revoked");
    /* No QE level at or below ISVSVN 5. */
    tpki_spec_default(&s);
    s.qe.isv_svn = 5;
    snprintf(pki_what, sizeof pki_what, "QE below every level");
    pki_run(&s, 0, false, &v);
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
    snprintf(pki_what, sizeof pki_what, "component below every level");
    pki_run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_TCB_NOT_SUPPORTED, UNSPEC, "tcb_info.tcb_level", -1);
    tpki_spec_default(&s);
    s.pcesvn = 4; /* below every level's PCESVN */
    snprintf(pki_what, sizeof pki_what, "PCESVN below every level");
    pki_run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_TCB_NOT_SUPPORTED, UNSPEC, "tcb_info.tcb_level", -1);
    /* A single component above: the level is not dominated. */
    tpki_spec_default(&s);
    s.tcb_level_count = 1;
    s.tcb_levels[0].svn[15] = 1;
    snprintf(pki_what, sizeof pki_what, "last component above");
    pki_run(&s, 0, false, &v);
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
        snprintf(pki_what, sizeof pki_what, "selection, order %zu", o);
        pki_run(&s, 0, false, &v);
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
    snprintf(pki_what, sizeof pki_what, "selection by PCESVN");
    pki_run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_SW_HARDENING_NEEDED, "", -1);
    /* The default levels with a PCK between levels 0 and 1. */
    tpki_spec_default(&s);
    s.comp_svn[6] = 6; /* level 0 needs 7 */
    snprintf(pki_what, sizeof pki_what, "between levels");
    pki_run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_SW_HARDENING_NEEDED, "", -1);
    assert_int_equal(v.tcb_date, TPKI_T0 - 2 * 90 * TPKI_DAY);
    /* Two levels with the same TCB: the TCB info is refused at load. */
    tpki_spec_default(&s);
    s.tcb_levels[1] = s.tcb_levels[0];
    s.tcb_levels[1].status = "OutOfDate";
    snprintf(pki_what, sizeof pki_what, "duplicate level");
    pki_run(&s, 0, false, &v);
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
    snprintf(pki_what, sizeof pki_what, "advisories");
    pki_run(&s, 0, false, &v);
    EXPECT(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_OUT_OF_DATE, "", -1);
    const char *ids[] = { "INTEL-SA-00334", "INTEL-SA-00615", "INTEL-SA-00219", "INTEL-SA-00477" };
    pki_expect_advisories(&v, ids, 4);
    assert_string_equal(v.supplemental.sa_list, "INTEL-SA-00334,INTEL-SA-00615,INTEL-SA-00219,INTEL-SA-00477");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tcb_status_results),
        cmocka_unit_test(test_qe_convergence),
        cmocka_unit_test(test_qe_revoked_and_unsupported),
        cmocka_unit_test(test_no_tcb_level),
        cmocka_unit_test(test_tcb_level_selection),
        cmocka_unit_test(test_advisory_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
