/* test_collateral_json_tcb_errors.c — the TCB info parser's failures on edited real and
 * sample bodies: bad fields (with the JSON path and message reported), duplicate levels, and
 * the outer body (trailing bytes, outer members, signature, the inner form). */
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

static void test_tcb_field_errors(void **state)
{
    (void)state;
    cj_tcb_fails_with(PROC_TCB, "\"SWHardeningNeeded\"", "\"Foo\"", "tcbInfo.tcbLevels[0].tcbStatus",
                      "unknown TCB status \"Foo\"");
    cj_tcb_fails_with(PROC_TCB, "\"OutOfDateConfigurationNeeded\"", "\"outofdate\"",
                      "tcbInfo.tcbLevels[3].tcbStatus", "unknown TCB status \"outofdate\"");
    cj_tcb_fails_with(PROC_TCB, "\"SWHardeningNeeded\"", "null", "tcbInfo.tcbLevels[0].tcbStatus",
                      "expected a string, found null");
    cj_tcb_fails_with(PROC_TCB, "\"tcbStatus\":\"SWHardeningNeeded\",", "",
                      "tcbInfo.tcbLevels[0].tcbStatus", "missing field");
    cj_tcb_fails_with(PROC_TCB, "\"pceId\":\"0000\",", "", "tcbInfo.pceId", "missing field");
    cj_tcb_fails_with(PROC_TCB, "\"issueDate\"", "\"issuedate\"", "tcbInfo.issueDate", "missing field");
    cj_tcb_fails_with(PROC_TCB, "\"id\":\"SGX\",", "", "tcbInfo.id", "missing field");
    cj_tcb_fails_with(PROC_TCB, "\"id\":\"SGX\"", "\"id\":\"sgx\"", "tcbInfo.id", "unknown TCB info id");
    cj_tcb_fails_with(PROC_TCB, "\"tcbEvaluationDataNumber\":17", "\"tcbEvaluationDataNumber\":\"17\"",
                      "tcbInfo.tcbEvaluationDataNumber", "expected an unsigned integer, found a string");
    cj_tcb_fails_with(PROC_TCB, "\"tcbEvaluationDataNumber\":17", "\"tcbEvaluationDataNumber\":17.0",
                      "tcbInfo.tcbEvaluationDataNumber", "found a real number");
    cj_tcb_fails_with(PROC_TCB, "\"tcbEvaluationDataNumber\":17", "\"tcbEvaluationDataNumber\":4294967296",
                      "tcbInfo.tcbEvaluationDataNumber", "out of range 0..4294967295");
    cj_tcb_fails_with(PROC_TCB, "\"tcbEvaluationDataNumber\":17", "\"tcbEvaluationDataNumber\":true",
                      "tcbInfo.tcbEvaluationDataNumber", "found a boolean");
    cj_tcb_fails_with(PROC_TCB, "\"tcbLevels\":[", "\"tcbLevels\":{\"x\":[",
                      "", "malformed JSON"); /* unbalanced now */
    cj_tcb_fails_with(PROC_TCB, "\"fmspc\":\"00A067110000\"", "\"fmspc\":\"00A06711000G\"",
                      "tcbInfo.fmspc", "expected 12 hex digits, found \"00A06711000G\"");
    cj_tcb_fails_with(PROC_TCB, "\"fmspc\":\"00A067110000\"", "\"fmspc\":\"00A0671100\"",
                      "tcbInfo.fmspc", "expected 12 hex digits");
    cj_tcb_fails_with(PROC_TCB, "\"pceId\":\"0000\"", "\"pceId\":\"00000\"", "tcbInfo.pceId",
                      "expected 4 hex digits");
    cj_tcb_fails_with(PROC_TCB, "\"pceId\":\"0000\"", "\"pceId\":0", "tcbInfo.pceId",
                      "expected a string, found an integer");
    cj_tcb_fails_with(PROC_TCB, "\"tcbType\":0", "\"tcbType\":1", "tcbInfo.tcbType",
                      "unsupported tcbType 1");
    cj_tcb_fails_with(PROC_TCB, "\"tcbType\":0", "\"tcbType\":-1", "tcbInfo.tcbType", "value -1 out of range");
    cj_tcb_fails_with(PROC_TCB, "\"version\":3", "\"version\":4", "tcbInfo.version",
                      "unsupported TCB info version 4 (expected 2 or 3)");
    cj_tcb_fails_with(PROC_TCB, "\"version\":3", "\"version\":1", "tcbInfo.version",
                      "unsupported TCB info version 1");
    cj_tcb_fails_with(PROC_TCB, "\"version\":3,", "", "tcbInfo.version", "missing field");
    cj_tcb_fails_with(PROC_TCB, "\"issueDate\":\"2025-06-19T10:56:11Z\"", "\"issueDate\":\"2025-13-19T10:56:11Z\"",
                      "tcbInfo.issueDate", "invalid ISO-8601 UTC time \"2025-13-19T10:56:11Z\"");
    cj_tcb_fails_with(PROC_TCB, "\"nextUpdate\":\"2025-07-19T10:56:11Z\"", "\"nextUpdate\":\"1752922571\"",
                      "tcbInfo.nextUpdate", "invalid ISO-8601 UTC time");
    cj_tcb_fails_with(PROC_TCB, "\"tcbDate\":\"2024-03-13T00:00:00Z\"", "\"tcbDate\":\"2024-03-13\"",
                      "tcbInfo.tcbLevels[0].tcbDate", "invalid ISO-8601 UTC time");
    /* v3 components */
    cj_tcb_fails_with(PROC_TCB, "{\"svn\":11},{\"svn\":11},", "{\"svn\":11},",
                      "tcbInfo.tcbLevels[0].tcb.sgxtcbcomponents", "expected 16 components, found 15");
    cj_tcb_fails_with(PROC_TCB, "{\"svn\":255}", "{\"svn\":256}",
                      "tcbInfo.tcbLevels[0].tcb.sgxtcbcomponents[4].svn", "value 256 out of range 0..255");
    cj_tcb_fails_with(PROC_TCB, "{\"svn\":255}", "{\"svm\":255}",
                      "tcbInfo.tcbLevels[0].tcb.sgxtcbcomponents[4].svn", "missing field");
    cj_tcb_fails_with(PROC_TCB, "{\"svn\":255}", "255",
                      "tcbInfo.tcbLevels[0].tcb.sgxtcbcomponents[4]", "expected an object");
    cj_tcb_fails_with(PROC_TCB, "\"pcesvn\":13", "\"pcesvn\":65536", "tcbInfo.tcbLevels[0].tcb.pcesvn",
                      "value 65536 out of range 0..65535");
    cj_tcb_fails_with(PROC_TCB, "\"sgxtcbcomponents\"", "\"sgxtcbcomponent\"",
                      "tcbInfo.tcbLevels[0].tcb.sgxtcbcomponents", "missing field");
    cj_tcb_fails_with(PROC_TCB, "{\"tcb\":{", "{\"tcb\":[],\"x\":{",
                      "tcbInfo.tcbLevels[0].tcb", "expected an object, found an array");
    cj_tcb_fails_with(PROC_TCB, "\"advisoryIDs\":[\"INTEL-SA-00615\"]", "\"advisoryIDs\":\"INTEL-SA-00615\"",
                      "tcbInfo.tcbLevels[0].advisoryIDs", "expected an array, found a string");
    cj_tcb_fails_with(PROC_TCB, "\"INTEL-SA-00615\"", "\"INTEL-SA-00615-0123456789ABCDEFGH\"",
                      "tcbInfo.tcbLevels[0].advisoryIDs[0]", "advisory ID of 33 bytes");
    /* A duplicate inner key is malformed (jansson rejects it), with the absolute offset. */
    cj_tcb_fails_with(PROC_TCB, "\"version\":3,", "\"version\":3,\"version\":3,", "tcbInfo",
                      "duplicate object key");
    /* v2 components */
    cj_tcb_fails_with(SYNTH_TCB, "\"sgxtcbcomp05svn\":0,", "", "tcbInfo.tcbLevels[0].tcb.sgxtcbcomp05svn",
                      "missing field");
    cj_tcb_fails_with(SYNTH_TCB, "\"sgxtcbcomp16svn\":0,\"pcesvn\":2}", "\"sgxtcbcomp16svn\":300,\"pcesvn\":2}",
                      "tcbInfo.tcbLevels[2].tcb.sgxtcbcomp16svn", "value 300 out of range 0..255");
    cj_tcb_fails_with(SYNTH_TCB, "\"version\":2", "\"version\":2.5", "tcbInfo.version", "found a real number");
    cj_tcb_fails_with(SYNTH_TCB, "\"tcbStatus\":\"Revoked\"", "\"tcbStatus\":\"Unknown\"",
                      "tcbInfo.tcbLevels[4].tcbStatus", "unknown TCB status \"Unknown\"");
}

static void test_tcb_duplicate_levels(void **state)
{
    (void)state;
    /* v2: make level 1 equal to level 0 (sgxtcbcomp07svn 0 -> 1). */
    cj_tcb_fails_with(SYNTH_TCB, "\"sgxtcbcomp06svn\":1,\"sgxtcbcomp07svn\":0",
                      "\"sgxtcbcomp06svn\":1,\"sgxtcbcomp07svn\":1", "tcbInfo.tcbLevels[1]",
                      "duplicate TCB level (same TCB as tcbLevels[0])");

    /* v3: repeat the first level of a real body (with another status). */
    size_t len, mlen;
    char *body = cj_load(PROC_TCB, &len);
    const char *start = strstr(body, "\"tcbLevels\":[") + 13;
    const char *end = strstr(start, "},{\"tcb\":") + 1;
    size_t n = (size_t)(end - start);
    char level[2048], ins[4096];
    assert_true(n < sizeof level);
    memcpy(level, start, n);
    level[n] = '\0';
    char *mod = cj_replace1(level, n, "SWHardeningNeeded", "UpToDate", &mlen);
    snprintf(ins, sizeof ins, "\"tcbLevels\":[%s,", mod);
    free(mod);
    char *m = cj_replace1(body, len, "\"tcbLevels\":[", ins, &mlen);
    cj_tcb_fails(m, mlen, "tcbInfo.tcbLevels[1]", "duplicate TCB level (same TCB as tcbLevels[0])");
    free(m);
    free(body);
}

static void test_tcb_body_errors(void **state)
{
    (void)state;
    size_t len, mlen;
    char *body = cj_load(PROC_TCB, &len), *m;
    vsgx_tcb_info_t t;
    vsgx_json_error_t err;

    /* Trailing bytes: one NUL or whitespace is fine, anything else is not. */
    m = cj_append(body, len, "\n", 1, &mlen);
    assert_int_equal(vsgx_tcb_info_parse(m, mlen, &t, &err), 0);
    vsgx_tcb_info_free(&t);
    free(m);
    m = cj_append(body, len, "\0\0", 2, &mlen);
    cj_tcb_fails(m, mlen, "", "unexpected text after the object");
    free(m);
    m = cj_append(body, len, "x", 1, &mlen);
    cj_tcb_fails(m, mlen, "", "unexpected text after the object");
    free(m);
    m = cj_append(body, len, "}", 1, &mlen);
    cj_tcb_fails(m, mlen, "", "unexpected text after the object");
    free(m);
    m = cj_append(body, len, "{}", 2, &mlen);
    cj_tcb_fails(m, mlen, "", "malformed JSON");
    free(m);
    cj_tcb_fails("", 0, "", "malformed JSON at byte 0");
    cj_tcb_fails("\0", 1, "", "malformed JSON at byte 0");
    cj_tcb_fails(NULL, 0, "", "no response body");
    cj_tcb_fails("[]", 2, "", "malformed JSON at byte 0: expected '{'");

    /* Outer members: exactly tcbInfo (an object) and signature (128 hex digits). */
    m = cj_replace1(body, len, "{\"tcbInfo\":", "{\"x\":1,\"tcbInfo\":", &mlen);
    cj_tcb_fails(m, mlen, "", "unexpected member \"x\"");
    free(m);
    m = cj_replace1(body, len, "{\"tcbInfo\":", "{\"tcbinfo\":", &mlen);
    cj_tcb_fails(m, mlen, "", "unexpected member \"tcbinfo\"");
    free(m);
    m = cj_replace1(body, len, "{\"tcbInfo\":", "{\"tcbInfo\":[],\"tcbInfo\":", &mlen);
    cj_tcb_fails(m, mlen, "tcbInfo", "expected an object");
    free(m);
    m = cj_replace1(body, len, "{\"tcbInfo\":", "{\"tcbInfo\":{},\"tcbInfo\":", &mlen);
    cj_tcb_fails(m, mlen, "tcbInfo", "duplicate member");
    free(m);
    m = cj_replace1(body, len, "\"signature\":\"", "\"signature\":\"00\",\"signature\":\"", &mlen);
    cj_tcb_fails(m, mlen, "signature", "duplicate member");
    free(m);
    m = cj_replace1(body, len, "\"signature\":\"9ad0e9be", "\"signature\":\"9ad0e9", &mlen);
    cj_tcb_fails(m, mlen, "signature", "expected 128 hex digits (r || s), found 126");
    free(m);
    m = cj_replace1(body, len, "\"signature\":\"9ad0e9be", "\"signature\":\"9ad0e9be00", &mlen);
    cj_tcb_fails(m, mlen, "signature", "found 130");
    free(m);
    m = cj_replace1(body, len, "\"signature\":\"9ad0e9be", "\"signature\":\"9ad0e9bx", &mlen);
    cj_tcb_fails(m, mlen, "signature", "non-hex digit");
    free(m);
    m = cj_replace1(body, len, "\"signature\":\"9ad0e9be", "\"signature\":\"\\u0039ad0e9be", &mlen);
    cj_tcb_fails(m, mlen, "signature", "expected 128 hex digits");
    free(m);
    m = cj_replace1(body, len, ",\"signature\":\"", ",\"signaturex\":\"", &mlen);
    cj_tcb_fails(m, mlen, "", "unexpected member \"signaturex\"");
    free(m);
    /* The span is found by raw scanning, then jansson parses it: escapes in keys still match. */
    m = cj_replace1(body, len, "{\"tcbInfo\":", "{\"tcb\\u0049nfo\":", &mlen);
    assert_int_equal(vsgx_tcb_info_parse(m, mlen, &t, &err), 0);
    assert_int_equal(t.signed_body - m, 16);
    vsgx_tcb_info_free(&t);
    free(m);
    m = cj_replace1(body, len, "{\"tcbInfo\":", "{ \"tcbInfo\" : ", &mlen);
    assert_int_equal(vsgx_tcb_info_parse(m, mlen, &t, &err), 0);
    assert_int_equal(t.signed_body - m, 14);
    assert_int_equal(t.signed_body[t.signed_len - 1], '}');
    vsgx_tcb_info_free(&t);
    free(m);

    /* Missing members. */
    const char *sig_at = strstr(body, ",\"signature\"");
    size_t cut = (size_t)(sig_at - body);
    m = cj_append(body, cut, "}", 1, &mlen);
    cj_tcb_fails(m, mlen, "signature", "missing member");
    free(m);
    cj_tcb_fails("{\"signature\":\"00\"}", 18, "tcbInfo", "missing member");

    /* A malformed inner value reports the byte offset in the body. */
    m = cj_replace1(body, len, "\"tcbType\":0", "\"tcbType\":00", &mlen);
    cj_tcb_fails(m, mlen, "", "malformed JSON at byte");
    free(m);

    /* Inner form: the signature is checked the same way. */
    char *inner = cj_collateral_field(PROC "/collateral.json", "tcb_info");
    char *sig = cj_collateral_field(PROC "/collateral.json", "tcb_info_signature");
    memset(&t, 0xAA, sizeof t);
    cj_check_error(vsgx_tcb_info_parse_inner(inner, strlen(inner), sig, 127, &t, &err), &err,
                   "signature", "found 127");
    assert_true(cj_is_zero(&t, sizeof t));
    cj_check_error(vsgx_tcb_info_parse_inner(inner, strlen(inner), NULL, 0, &t, &err), &err,
                   "signature", "expected 128 hex digits");
    cj_check_error(vsgx_tcb_info_parse_inner(inner, strlen(inner) - 1, sig, strlen(sig), &t, &err),
                   &err, "tcbInfo", "malformed JSON");
    cj_check_error(vsgx_tcb_info_parse_inner(NULL, 0, sig, strlen(sig), &t, &err), &err, "tcbInfo",
                   "no JSON text");
    cj_check_error(vsgx_tcb_info_parse_inner("[1]", 3, sig, strlen(sig), &t, &err), &err, "tcbInfo",
                   "expected an object");
    assert_true(cj_is_zero(&t, sizeof t));
    /* A NULL error pointer is allowed. */
    assert_int_equal(vsgx_tcb_info_parse_inner("{}", 2, sig, strlen(sig), &t, NULL), -1);
    assert_int_equal(vsgx_tcb_info_parse(body, len, &t, NULL), 0);
    vsgx_tcb_info_free(&t);
    free(inner);
    free(sig);
    free(body);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tcb_field_errors),
        cmocka_unit_test(test_tcb_duplicate_levels),
        cmocka_unit_test(test_tcb_body_errors),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]); /* e.g. "test_tcb_field_errors" */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
