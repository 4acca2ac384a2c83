/* test_collateral_json_tcb_generated.c — the TCB info parser on generated v3 SGX and TDX
 * bodies: the level and advisory limits, advisory ID rules, TDX components and tdxModule*
 * members, and which levels count as duplicates. */
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

static const char SIG128[] =
    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

/* A TCB info v3 body: level i has component 1 = i % 256, component 2 = i / 256. */
static char *build_v3(const char *id, size_t levels, size_t advisories, size_t *len)
{
    cj_sbuf_t b = { 0 };
    bool tdx = strcmp(id, "TDX") == 0;
    cj_sb_printf(&b, "{\"tcbInfo\":{\"id\":\"%s\",\"version\":3,\"issueDate\":\"2025-01-01T00:00:00Z\","
                  "\"nextUpdate\":\"2025-02-01T00:00:00Z\",\"fmspc\":\"00906ED50000\",\"pceId\":\"0000\","
                  "\"tcbType\":0,\"tcbEvaluationDataNumber\":19,", id);
    if (tdx)
        cj_sb_printf(&b, "\"tdxModule\":{\"mrsigner\":\"00\",\"attributes\":\"00\"},\"tdxModuleIdentities\":[],");
    cj_sb_printf(&b, "\"tcbLevels\":[");
    for (size_t i = 0; i < levels; i++) {
        cj_sb_printf(&b, "%s{\"tcb\":{\"sgxtcbcomponents\":[{\"svn\":%zu},{\"svn\":%zu}", i ? "," : "",
                     i % 256, i / 256);
        for (int c = 2; c < 16; c++)
            cj_sb_printf(&b, ",{\"svn\":0}");
        cj_sb_printf(&b, "],\"pcesvn\":1");
        if (tdx) {
            cj_sb_printf(&b, ",\"tdxtcbcomponents\":[{\"svn\":7,\"category\":\"OS/VMM\",\"type\":\"TDX Module\"}");
            for (int c = 1; c < 16; c++)
                cj_sb_printf(&b, ",{\"svn\":%d}", c);
            cj_sb_printf(&b, "]");
        }
        cj_sb_printf(&b, "},\"tcbDate\":\"2024-03-13T00:00:00Z\",\"tcbStatus\":\"UpToDate\"");
        if (advisories) {
            cj_sb_printf(&b, ",\"advisoryIDs\":[");
            for (size_t a = 0; a < advisories; a++)
                cj_sb_printf(&b, "%s\"INTEL-SA-%05zu\"", a ? "," : "", a);
            cj_sb_printf(&b, "]");
        }
        cj_sb_printf(&b, "}");
    }
    cj_sb_printf(&b, "]},\"signature\":\"%s\"}", SIG128);
    *len = b.len;
    return b.p;
}

static void test_tcb_generated_limits(void **state)
{
    (void)state;
    size_t len;
    vsgx_tcb_info_t t;
    vsgx_json_error_t err;

    /* At the limits: 256 levels of 64 advisories each. */
    char *b = build_v3("SGX", VSGX_MAX_TCB_LEVELS, VSGX_MAX_ADVISORIES, &len);
    int rc = vsgx_tcb_info_parse(b, len, &t, &err);
    if (rc)
        fprintf(stderr, "%s: %s\n", err.path, err.message);
    assert_int_equal(rc, 0);
    assert_int_equal(t.level_count, 256);
    assert_int_equal(t.levels[255].sgx_svn[0], 255);
    assert_int_equal(t.levels[255].advisory_count, 64);
    assert_string_equal(t.levels[255].advisories[63].id, "INTEL-SA-00063");
    assert_int_equal(t.tcb_evaluation_data_number, 19);
    vsgx_tcb_info_free(&t);
    free(b);

    b = build_v3("SGX", VSGX_MAX_TCB_LEVELS + 1, 0, &len);
    cj_tcb_fails(b, len, "tcbInfo.tcbLevels", "257 TCB levels");
    free(b);

    b = build_v3("SGX", 2, VSGX_MAX_ADVISORIES + 1, &len);
    cj_tcb_fails(b, len, "tcbInfo.tcbLevels[0].advisoryIDs", "too many advisory IDs (65");
    free(b);

    b = build_v3("SGX", 0, 0, &len);
    cj_tcb_fails(b, len, "tcbInfo.tcbLevels", "0 TCB levels");
    free(b);

    /* Advisory IDs: 31 bytes fit, 32 do not; empty, spaced or comma'd IDs are refused. */
    size_t mlen;
    char *m;
    b = build_v3("SGX", 1, 3, &len);
    m = cj_replace1(b, len, "INTEL-SA-00001", "INTEL-SA-00001-ABCDEFGHIJKLMNOP", &mlen);
    assert_int_equal(vsgx_tcb_info_parse(m, mlen, &t, &err), 0);
    assert_string_equal(t.levels[0].advisories[1].id, "INTEL-SA-00001-ABCDEFGHIJKLMNOP");
    vsgx_tcb_info_free(&t);
    free(m);
    m = cj_replace1(b, len, "INTEL-SA-00001", "INTEL-SA-00001-ABCDEFGHIJKLMNOPQ", &mlen);
    cj_tcb_fails(m, mlen, "tcbInfo.tcbLevels[0].advisoryIDs[1]", "advisory ID of 32 bytes");
    free(m);
    m = cj_replace1(b, len, "\"INTEL-SA-00002\"", "\"\"", &mlen);
    cj_tcb_fails(m, mlen, "tcbInfo.tcbLevels[0].advisoryIDs[2]", "advisory ID of 0 bytes");
    free(m);
    m = cj_replace1(b, len, "INTEL-SA-00002", "INTEL,SA", &mlen);
    cj_tcb_fails(m, mlen, "tcbInfo.tcbLevels[0].advisoryIDs[2]", "invalid character");
    free(m);
    m = cj_replace1(b, len, "\"INTEL-SA-00000\"", "15", &mlen);
    cj_tcb_fails(m, mlen, "tcbInfo.tcbLevels[0].advisoryIDs[0]", "expected a string, found an integer");
    free(m);
    static const char three[] = "\"advisoryIDs\":[\"INTEL-SA-00000\",\"INTEL-SA-00001\",\"INTEL-SA-00002\"]";
    m = cj_replace1(b, len, three, "\"advisoryIDs\":{}", &mlen);
    cj_tcb_fails(m, mlen, "tcbInfo.tcbLevels[0].advisoryIDs", "expected an array, found an object");
    free(m);
    m = cj_replace1(b, len, three, "\"advisoryIDs\":[]", &mlen);
    assert_int_equal(vsgx_tcb_info_parse(m, mlen, &t, &err), 0);
    assert_int_equal(t.levels[0].advisory_count, 0);
    vsgx_tcb_info_free(&t);
    free(m);
    free(b);
}

static void test_tcb_generated_tdx(void **state)
{
    (void)state;
    size_t len, mlen;
    vsgx_tcb_info_t t;
    vsgx_json_error_t err;
    char *b = build_v3("TDX", 3, 1, &len), *m;
    int rc = vsgx_tcb_info_parse(b, len, &t, &err);
    if (rc)
        fprintf(stderr, "%s: %s\n", err.path, err.message);
    assert_int_equal(rc, 0);
    assert_int_equal(t.id, VSGX_TCB_ID_TDX);
    assert_int_equal(t.level_count, 3);
    static const uint8_t tdx[16] = { 7, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
    assert_memory_equal(t.levels[2].tdx_svn, tdx, 16);
    assert_int_equal(t.levels[2].sgx_svn[0], 2);
    vsgx_tcb_info_free(&t);

    /* tdxtcbcomponents are required for TDX, and tdxModule* must have the right types. */
    m = cj_replace1(b, len, "\"tdxtcbcomponents\"", "\"tdxtcbcomponentz\"", &mlen);
    cj_tcb_fails(m, mlen, "tcbInfo.tcbLevels[0].tcb.tdxtcbcomponents", "missing field");
    free(m);
    m = cj_replace1(b, len, ",{\"svn\":15}]", "]", &mlen);
    cj_tcb_fails(m, mlen, "tcbInfo.tcbLevels[0].tcb.tdxtcbcomponents", "expected 16 components, found 15");
    free(m);
    m = cj_replace1(b, len, "\"TDX Module\"", "7", &mlen);
    cj_tcb_fails(m, mlen, "tcbInfo.tcbLevels[0].tcb.tdxtcbcomponents[0].type", "expected a string");
    free(m);
    m = cj_replace1(b, len, "\"tdxModule\":{\"mrsigner\":\"00\",\"attributes\":\"00\"}", "\"tdxModule\":\"x\"", &mlen);
    cj_tcb_fails(m, mlen, "tcbInfo.tdxModule", "expected an object, found a string");
    free(m);
    m = cj_replace1(b, len, "\"tdxModuleIdentities\":[]", "\"tdxModuleIdentities\":{}", &mlen);
    cj_tcb_fails(m, mlen, "tcbInfo.tdxModuleIdentities", "expected an array, found an object");
    free(m);
    /* Levels differing only in TDX components are distinct; identical ones are not. */
    m = cj_replace1(b, len, "{\"svn\":1},{\"svn\":0}", "{\"svn\":0},{\"svn\":0}", &mlen);
    cj_tcb_fails(m, mlen, "tcbInfo.tcbLevels[1]", "duplicate TCB level (same TCB as tcbLevels[0])");
    free(m);
    free(b);

    /* SGX levels identical but for pcesvn are distinct. */
    b = build_v3("SGX", 2, 0, &len);
    m = cj_replace1(b, len, "{\"svn\":1},{\"svn\":0}", "{\"svn\":0},{\"svn\":0}", &mlen);
    char *m2;
    size_t m2len;
    m2 = cj_replace1(m, mlen, "\"pcesvn\":1", "\"pcesvn\":2", &m2len);
    assert_int_equal(vsgx_tcb_info_parse(m2, m2len, &t, &err), 0);
    assert_int_equal(t.levels[0].pcesvn, 2);
    assert_int_equal(t.levels[1].pcesvn, 1);
    vsgx_tcb_info_free(&t);
    cj_tcb_fails(m, mlen, "tcbInfo.tcbLevels[1]", "duplicate TCB level");
    free(m2);
    free(m);
    free(b);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tcb_generated_limits),
        cmocka_unit_test(test_tcb_generated_tdx),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]); /* e.g. "test_tcb_generated_limits" */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
