/* test_verify_real.c — the verifier on the two real quotes and Intel's synthetic sample,
 * untouched: the exact verdicts, expiry and not-yet-valid collateral, bad parameters, Intel's
 * sample under its own trust anchor, and the cache giving the same answers as the uncached
 * path (also for damaged quotes and collateral). The vectors: support/verify_vectors.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "verdict_compare.h"
#include "verify_vectors.h"

/* ---- A1. the untouched quotes ---------------------------------------------------------- */

static void test_baseline(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    assert_int_equal(g_vec[0].result, SGX_QL_QV_RESULT_CONFIG_AND_SW_HARDENING_NEEDED);
    assert_int_equal(g_vec[1].result, SGX_QL_QV_RESULT_SW_HARDENING_NEEDED);
    for (int i = 0; i < 2; i++) {
        const vec_t *t = &g_vec[i];
        snprintf(g_what, sizeof g_what, "%s: baseline", t->dir);
        verify(t, t->quote, t->quote_len, &v);
        expect_good(t, &v);
        assert_string_equal(v.qe_status, "UpToDate");
        assert_false(v.collateral_expired);
        assert_false(v.collateral_not_yet_valid);
        assert_false(v.debug_enclave);
        assert_false(v.rejected_debug);
        /* The valid window of expected.json is the collateral's. */
        assert_int_equal(v.earliest_expiration, t->window_end);
        assert_int_equal(v.latest_issue, t->window_start);
        assert_true(v.earliest_issue <= v.latest_issue);
        int64_t end = v.earliest_expiration, start = v.latest_issue;

        /* At the earliest expiration and after it: expired, same verdict otherwise. */
        int64_t late[] = { end, end + 1, end + 86400 * 365 };
        for (size_t k = 0; k < sizeof late / sizeof late[0]; k++) {
            verify_with(t, t->coll, t->quote, t->quote_len, late[k], &v);
            expect_good(t, &v);
            assert_true(v.collateral_expired);
            assert_false(v.collateral_not_yet_valid);
        }
        verify_with(t, t->coll, t->quote, t->quote_len, end - 1, &v);
        expect_good(t, &v);
        assert_false(v.collateral_expired);

        /* Before the latest issue date: not yet valid. */
        verify_with(t, t->coll, t->quote, t->quote_len, start - 1, &v);
        expect_good(t, &v);
        assert_true(v.collateral_not_yet_valid);
        assert_false(v.collateral_expired);
        verify_with(t, t->coll, t->quote, t->quote_len, start, &v);
        expect_good(t, &v);
        assert_false(v.collateral_not_yet_valid);

        /* reject_debug does not touch a production enclave. */
        vsgx_qvl_options_t o = { .time = t->time, .reject_debug = true };
        assert_int_equal(vsgx_qvl_verify(t->quote, t->quote_len, t->coll, &o, &v), SGX_QL_SUCCESS);
        assert_false(v.rejected_debug);
        /* Bad parameters. */
        o.time = 0;
        assert_int_equal(vsgx_qvl_verify(t->quote, t->quote_len, t->coll, &o, &v), SGX_QL_ERROR_INVALID_PARAMETER);
        assert_string_equal(v.failure.check, "parameters.time");
        o.time = t->time;
        assert_int_equal(vsgx_qvl_verify(NULL, t->quote_len, t->coll, &o, &v), SGX_QL_ERROR_INVALID_PARAMETER);
        assert_int_equal(vsgx_qvl_verify(t->quote, t->quote_len, NULL, &o, &v), SGX_QL_ERROR_INVALID_PARAMETER);
        assert_int_equal(vsgx_qvl_verify(t->quote, t->quote_len, t->coll, NULL, &v), SGX_QL_ERROR_INVALID_PARAMETER);
        assert_int_equal(vsgx_qvl_verify(t->quote, t->quote_len, t->coll, &o, NULL), SGX_QL_ERROR_INVALID_PARAMETER);
    }
}

/* ---- A6. Intel's synthetic sample ------------------------------------------------------------ */

static void test_synthetic(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    vsgx_qvl_failure_t why;
    vsgx_collateral_t *c = NULL;
    vsgx_trust_anchor_t *root = NULL;
    size_t n;
    uint8_t *q = load(SYNTH "/quote.dat", &n);
    assert_int_equal(n, 1054);
    assert_int_equal(q[OFF_AUTH_LEN], 0); /* no authentication data: the type is at 1014 */
    assert_int_equal(q[OFF_AUTH], 1);
    assert_int_equal(vsgx_collateral_load(SYNTH, &c, &why), SGX_QL_SUCCESS);
    assert_int_equal(vsgx_trust_anchor_load(SYNTH "/trustedRootCaCert.pem", &root, &why), SGX_QL_SUCCESS);
    snprintf(g_what, sizeof g_what, "synthetic sample");

    vsgx_qvl_options_t o = { .time = 1600000000, .trust_anchor = root };
    assert_int_equal(vsgx_qvl_verify(q, n, c, &o, &v), SGX_QL_SUCCESS);
    EXPECT(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_OK, "", -1);
    assert_string_equal(v.status, "UpToDate");
    assert_string_equal(v.qe_status, "UpToDate");
    assert_false(v.collateral_expired);
    assert_false(v.collateral_not_yet_valid);

    o.trust_anchor = NULL;
    assert_int_equal(vsgx_qvl_verify(q, n, c, &o, &v), SGX_QL_PCK_CERT_CHAIN_ERROR);
    EXPECT(&v, SGX_QL_PCK_CERT_CHAIN_ERROR, UNSPEC, "pck_chain.untrusted_root", -1);
    o.trust_anchor = vsgx_trust_anchor_intel();
    assert_int_equal(vsgx_qvl_verify(q, n, c, &o, &v), SGX_QL_PCK_CERT_CHAIN_ERROR);
    assert_string_equal(v.failure.check, "pck_chain.untrusted_root");

    /* The sample's collateral under the real quotes' anchor and the other way round. */
    o.trust_anchor = root;
    verify_with(&g_vec[0], g_vec[0].coll, g_vec[0].quote, g_vec[0].quote_len, 0, &v); /* sanity */
    expect_good(&g_vec[0], &v);
    o.time = g_vec[0].time;
    assert_int_equal(vsgx_qvl_verify(g_vec[0].quote, g_vec[0].quote_len, g_vec[0].coll, &o, &v),
                     SGX_QL_PCK_CERT_CHAIN_ERROR);
    assert_string_equal(v.failure.check, "pck_chain.untrusted_root");

    /* The TDX quote parses, but TDX is not verified. */
    size_t tn;
    uint8_t *tq = load(SYNTH "/tdx/quote.dat", &tn);
    o.time = 1600000000;
    assert_int_equal(vsgx_qvl_verify(tq, tn, c, &o, &v), SGX_QL_QUOTE_FORMAT_UNSUPPORTED);
    EXPECT(&v, SGX_QL_QUOTE_FORMAT_UNSUPPORTED, UNSPEC, "quote.tdx", 4);
    free(tq);

    vsgx_trust_anchor_free(root);
    vsgx_collateral_free(c);
    free(q);
}

/* ---- A7. the cache ----------------------------------------------------------------------------- */

static void same_verdict(const vsgx_qvl_verdict_t *a, const vsgx_qvl_verdict_t *b)
{
    verdicts_agree(a, b, true, g_what, "cached", "uncached");
}

static void cached_vs_uncached(vsgx_qvl_ctx_t *ctx, const vec_t *t, const vsgx_collateral_t *c, const uint8_t *q,
                               size_t len, int64_t time)
{
    vsgx_qvl_verdict_t a, b;
    vsgx_qvl_options_t o = { .time = time ? time : t->time };
    vsgx_qvl_ctx_verify(ctx, q, len, c, &o, &a);
    vsgx_qvl_verify(q, len, c, &o, &b);
    same_verdict(&a, &b);
}

static void test_cache(void **state)
{
    (void)state;
    vsgx_qvl_ctx_t *ctx = vsgx_qvl_ctx_new();
    assert_non_null(ctx);
    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < 2; i++) {
            const vec_t *t = &g_vec[i];
            snprintf(g_what, sizeof g_what, "%s: good, round %d", t->dir, round);
            cached_vs_uncached(ctx, t, t->coll, t->quote, t->quote_len, 0);
            cached_vs_uncached(ctx, t, t->coll, t->quote, t->quote_len, t->window_end + 1);
            /* Tampered quotes after the good one was cached. */
            size_t flips[] = { 8, OFF_BODY + 64, OFF_QUOTE_SIG + 3, OFF_ATTEST_KEY + 5, OFF_QE_REPORT + 128,
                               OFF_QE_REPORT_SIG + 1, OFF_AUTH + 1, OFF_CERT_TYPE, OFF_CERT + 3 };
            uint8_t *q = dup_quote(t, 0);
            for (size_t k = 0; k < sizeof flips / sizeof flips[0]; k++) {
                q[flips[k]] ^= 0x01;
                snprintf(g_what, sizeof g_what, "%s: cached, byte %zu", t->dir, flips[k]);
                cached_vs_uncached(ctx, t, t->coll, q, t->quote_len, 0);
                q[flips[k]] ^= 0x01;
            }
            /* A changed leaf certificate (new cache key), and a cut quote. */
            char *ch = (char *)q + OFF_CERT + 28 + 24;
            *ch = *ch == 'A' ? 'B' : 'A';
            cached_vs_uncached(ctx, t, t->coll, q, t->quote_len, 0);
            memcpy(q, t->quote, t->quote_len);
            cached_vs_uncached(ctx, t, t->coll, q, 1000, 0);
            /* The other quote's collateral (trusted in the cache, but not this platform's). */
            cached_vs_uncached(ctx, t, g_vec[1 - i].coll, q, t->quote_len, 0);
            free(q);
        }
    }
    /* Tampered collateral after the good collateral was cached. */
    {
        const vec_t *t = &g_vec[0];
        vsgx_qvl_failure_t why;
        vsgx_collateral_t *c = NULL;
        char *dir = tampered_dir(t, "tcb_info.json", "\"tcbEvaluationDataNumber\":17",
                                 "\"tcbEvaluationDataNumber\":18");
        assert_int_equal(vsgx_collateral_load(dir, &c, &why), SGX_QL_SUCCESS);
        cached_vs_uncached(ctx, t, c, t->quote, t->quote_len, 0);
        vsgx_qvl_verdict_t v;
        vsgx_qvl_options_t o = { .time = t->time };
        vsgx_qvl_ctx_verify(ctx, t->quote, t->quote_len, c, &o, &v);
        EXPECT(&v, SGX_QL_TCBINFO_CHAIN_ERROR, BADSIG, "tcb_info.signature", -1);
        vsgx_collateral_free(c);
        remove_dir(dir);
        cached_vs_uncached(ctx, t, t->coll, t->quote, t->quote_len, 0);
    }
    /* A NULL context is the uncached path. */
    vsgx_qvl_verdict_t v;
    vsgx_qvl_options_t o = { .time = g_vec[0].time };
    assert_int_equal(vsgx_qvl_ctx_verify(NULL, g_vec[0].quote, g_vec[0].quote_len, g_vec[0].coll, &o, &v),
                     SGX_QL_SUCCESS);
    expect_good(&g_vec[0], &v);
    vsgx_qvl_ctx_free(ctx);
    vsgx_qvl_ctx_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_baseline),
        cmocka_unit_test(test_synthetic),
        cmocka_unit_test(test_cache),
    };
    return cmocka_run_group_tests(tests, vectors_setup, vectors_teardown);
}
