/* pki_expect.c — the verdict checks shared by the test_verify_pki_* programs (pki_expect.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "pki_expect.h"
#include "verdict_compare.h"

char pki_what[128];

void pki_expect_(const vsgx_qvl_verdict_t *v, quote3_error_t code, sgx_ql_qv_result_t result, const char *check,
                 int64_t offset, int line)
{
    if (v->error != code || v->failure.code != code || v->result != result || strcmp(v->failure.check, check) != 0 ||
        (offset != ANY_OFFSET && v->failure.offset != offset))
        fail_msg("line %d (%s): got %s (0x%x) result 0x%x check \"%s\" offset %lld: %s\n"
                 "  expected %s (0x%x) result 0x%x check \"%s\" offset %lld",
                 line, pki_what, vsgx_quote3_error_name(v->error), v->error, v->result, v->failure.check,
                 (long long)v->failure.offset, v->failure.message, vsgx_quote3_error_name(code), code, result, check,
                 (long long)offset);
}

void pki_run(const tpki_spec_t *s, int64_t time, bool reject_debug, vsgx_qvl_verdict_t *v)
{
    tpki_t *t = tpki_build(s);
    assert_non_null(t);
    vsgx_qvl_verdict_t j;
    tpki_verify(t, TPKI_FORM_INTEL, time, reject_debug, v);
    tpki_verify(t, TPKI_FORM_QVL_JSON, time, reject_debug, &j);
    pki_same_verdict(v, &j);
    tpki_free(t);
}

void pki_expect_status(const vsgx_qvl_verdict_t *v, quote3_error_t code, sgx_ql_qv_result_t result,
                       const char *status, const char *platform, const char *qe)
{
    EXPECT(v, code, result, code == SGX_QL_SUCCESS ? "" : "tcb.revoked", -1);
    assert_string_equal(v->status, status);
    assert_string_equal(v->platform_status, platform);
    assert_string_equal(v->qe_status, qe);
}

void pki_expect_advisories(const vsgx_qvl_verdict_t *v, const char *const *ids, size_t n)
{
    if (v->advisory_count != n)
        fail_msg("%s: %zu advisories, expected %zu", pki_what, v->advisory_count, n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(v->advisory_ids[i], ids[i]);
}

/* ---- the two collateral forms ------------------------------------------------------------------------ */

void pki_same_verdict(const vsgx_qvl_verdict_t *a, const vsgx_qvl_verdict_t *b)
{
    verdicts_agree(a, b, false, pki_what, "Intel form", "dcap-qvl form");
}
