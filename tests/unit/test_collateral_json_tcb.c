/* test_collateral_json_tcb.c — the strict TCB info parser on good bodies: Intel-served v3
 * collateral of both real quotes (fields, levels, the signed span, the inner form, a trailing
 * NUL) and Intel's QVL v2 sample data. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "collateral_json.h"
#include "collateral_json_helpers.h"
#include "hex.h"
#include "timefmt.h"

/* ---- TCB info: real collateral ---------------------------------------------------------- */

static void check_real_tcb(const char *dir, const uint8_t fmspc[6], int64_t issue, int64_t next,
                           const uint8_t first_svn[16], size_t last_advisories)
{
    char path[512];
    size_t len;
    snprintf(path, sizeof path, "%s/collateral/tcb_info.json", dir);
    char *body = cj_load(path, &len);
    vsgx_tcb_info_t t;
    vsgx_json_error_t err;

    int rc = vsgx_tcb_info_parse(body, len, &t, &err);
    if (rc)
        fprintf(stderr, "%s: %s\n", err.path, err.message);
    assert_int_equal(rc, 0);
    assert_int_equal(t.version, 3);
    assert_int_equal(t.id, VSGX_TCB_ID_SGX);
    assert_memory_equal(t.fmspc, fmspc, 6);
    assert_memory_equal(t.pce_id, "\0\0", 2);
    assert_int_equal(t.tcb_type, 0);
    assert_int_equal(t.tcb_evaluation_data_number, 17);
    assert_int_equal(t.issue_date, issue);
    assert_int_equal(t.next_update, next);
    assert_int_equal(t.level_count, 11);
    assert_non_null(t.levels);

    const vsgx_tcb_level_t *l0 = &t.levels[0];
    assert_memory_equal(l0->sgx_svn, first_svn, 16);
    assert_int_equal(l0->pcesvn, 13);
    assert_true(cj_is_zero(l0->tdx_svn, 16));
    assert_int_equal(l0->tcb_date, 1710288000); /* 2024-03-13T00:00:00Z */
    assert_int_equal(l0->status, VSGX_TCB_SW_HARDENING_NEEDED);
    assert_int_equal(l0->advisory_count, 1);
    assert_string_equal(l0->advisories[0].id, "INTEL-SA-00615");
    /* JSON order is kept. */
    assert_int_equal(t.levels[1].status, VSGX_TCB_CONFIGURATION_AND_SW_HARDENING_NEEDED);
    assert_int_equal(t.levels[2].status, VSGX_TCB_OUT_OF_DATE);
    assert_int_equal(t.levels[3].status, VSGX_TCB_OUT_OF_DATE_CONFIGURATION_NEEDED);
    const vsgx_tcb_level_t *last = &t.levels[10];
    assert_int_equal(last->pcesvn, 5);
    assert_int_equal(last->status, VSGX_TCB_OUT_OF_DATE);
    assert_int_equal(last->tcb_date, vsgx_time_from_fields(2018, 1, 4, 0, 0, 0));
    assert_int_equal(last->advisory_count, last_advisories);
    assert_string_equal(last->advisories[0].id, "INTEL-SA-00106");

    /* The signed span: the exact inner bytes, as dcap-qvl's collateral file has them. */
    assert_true(t.signed_body > body && t.signed_body + t.signed_len < body + len);
    assert_int_equal(t.signed_body - body, 11); /* {"tcbInfo": */
    assert_memory_equal(t.signed_body, "{\"id\":\"SGX\"", 11);
    assert_int_equal(t.signed_body[t.signed_len - 1], '}');
    snprintf(path, sizeof path, "%s/collateral.json", dir);
    char *inner = cj_collateral_field(path, "tcb_info");
    char *sig = cj_collateral_field(path, "tcb_info_signature");
    assert_int_equal(t.signed_len, strlen(inner));
    assert_memory_equal(t.signed_body, inner, t.signed_len);
    uint8_t sig_bytes[64];
    assert_true(vsgx_hex_decode(sig, strlen(sig), sig_bytes, 64));
    assert_memory_equal(t.signature, sig_bytes, 64);

    /* The inner form gives the same result. */
    vsgx_tcb_info_t u;
    rc = vsgx_tcb_info_parse_inner(inner, strlen(inner), sig, strlen(sig), &u, &err);
    if (rc)
        fprintf(stderr, "%s: %s\n", err.path, err.message);
    assert_int_equal(rc, 0);
    assert_true(u.signed_body == inner);
    assert_int_equal(u.signed_len, strlen(inner));
    assert_int_equal(u.level_count, t.level_count);
    assert_memory_equal(u.levels, t.levels, t.level_count * sizeof *t.levels);
    assert_memory_equal(u.signature, t.signature, 64);
    assert_memory_equal(u.fmspc, t.fmspc, 6);
    assert_int_equal(u.issue_date, t.issue_date);
    vsgx_tcb_info_free(&u);
    assert_null(u.levels);
    assert_int_equal(u.level_count, 0);

    /* Intel's C collateral struct includes the terminating NUL. */
    size_t nlen;
    char *with_nul = cj_append(body, len, "", 1, &nlen);
    assert_int_equal(vsgx_tcb_info_parse(with_nul, nlen, &u, &err), 0);
    assert_int_equal(u.signed_len, t.signed_len);
    assert_int_equal(u.signed_body - with_nul, 11);
    vsgx_tcb_info_free(&u);
    free(with_nul);
    /* So may the inner form's C string; the NUL is not signed. A second NUL is garbage. */
    assert_int_equal(vsgx_tcb_info_parse_inner(inner, strlen(inner) + 1, sig, strlen(sig), &u, &err), 0);
    assert_int_equal(u.signed_len, strlen(inner));
    vsgx_tcb_info_free(&u);
    with_nul = cj_append(inner, strlen(inner), "\0\0", 2, &nlen);
    cj_check_error(vsgx_tcb_info_parse_inner(with_nul, nlen, sig, strlen(sig), &u, &err), &err, "tcbInfo",
                   "malformed JSON");
    free(with_nul);

    free(inner);
    free(sig);
    vsgx_tcb_info_free(&t);
    vsgx_tcb_info_free(&t); /* idempotent */
    free(body);
}

static void test_tcb_real_processor(void **state)
{
    (void)state;
    static const uint8_t fmspc[6] = { 0x00, 0xA0, 0x67, 0x11, 0x00, 0x00 };
    static const uint8_t svn[16] = { 11, 11, 2, 2, 255, 1, 12 };
    check_real_tcb(PROC, fmspc, 1750330571, 1752922571, svn, 20);
    assert_int_equal(1750330571, vsgx_time_from_fields(2025, 6, 19, 10, 56, 11));
}

static void test_tcb_real_platform(void **state)
{
    (void)state;
    static const uint8_t fmspc[6] = { 0x00, 0x60, 0x6A, 0x00, 0x00, 0x00 }; /* written lower case */
    static const uint8_t svn[16] = { 14, 14, 3, 3, 255, 255, 1 };
    check_real_tcb(PLAT, fmspc, 1755234498, 1757826498, svn, 23);
}

/* ---- TCB info: v2 (Intel's QVL sample data) -------------------------------------------- */

static void test_tcb_v2_synthetic(void **state)
{
    (void)state;
    size_t len;
    char *body = cj_load(SYNTH "/tcbInfo.json", &len);
    vsgx_tcb_info_t t;
    vsgx_json_error_t err;
    int rc = vsgx_tcb_info_parse(body, len, &t, &err);
    if (rc)
        fprintf(stderr, "%s: %s\n", err.path, err.message);
    assert_int_equal(rc, 0);
    assert_int_equal(t.version, 2);
    assert_int_equal(t.id, VSGX_TCB_ID_SGX);
    static const uint8_t fmspc[6] = { 0x00, 0x70, 0x7F, 0x00, 0x00, 0x00 };
    assert_memory_equal(t.fmspc, fmspc, 6);
    assert_int_equal(t.tcb_evaluation_data_number, 3);
    assert_int_equal(t.issue_date, 1567669627);
    assert_int_equal(t.next_update, 1883288827);
    assert_int_equal(t.level_count, 6);
    static const vsgx_tcb_status_t st[6] = {
        VSGX_TCB_UP_TO_DATE, VSGX_TCB_CONFIGURATION_NEEDED, VSGX_TCB_OUT_OF_DATE,
        VSGX_TCB_OUT_OF_DATE_CONFIGURATION_NEEDED, VSGX_TCB_REVOKED, VSGX_TCB_OUT_OF_DATE,
    };
    static const int64_t dates[6] = { 1567296000, 1567296000, 1533081600, 1533081600, 1496275200, 1475280000 };
    static const uint16_t pce[6] = { 3, 3, 2, 2, 1, 0 };
    for (size_t i = 0; i < 6; i++) {
        assert_int_equal(t.levels[i].status, st[i]);
        assert_int_equal(t.levels[i].tcb_date, dates[i]);
        assert_int_equal(t.levels[i].pcesvn, pce[i]);
        assert_int_equal(t.levels[i].advisory_count, 0);
    }
    static const uint8_t svn0[16] = { 0, 3, 0, 0, 0, 1, 1 };
    assert_memory_equal(t.levels[0].sgx_svn, svn0, 16);
    assert_true(cj_is_zero(t.levels[5].sgx_svn, 16));
    assert_memory_equal(t.signed_body, "{\"version\":2,", 13);
    assert_int_equal(t.signed_len, len - 11 - 144); /* {"tcbInfo": ... ,"signature":"<128>"} */
    assert_int_equal(t.signature[0], 0x22);
    assert_int_equal(t.signature[63], 0x27);
    vsgx_tcb_info_free(&t);
    free(body);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tcb_real_processor),
        cmocka_unit_test(test_tcb_real_platform),
        cmocka_unit_test(test_tcb_v2_synthetic),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]); /* e.g. "test_tcb_real_processor" */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
