/* test_collateral_json_identity_errors.c — the enclave identity parser's failures on an
 * edited real QE identity (path and message of each bad field, too many advisories, trailing
 * bytes), plus its truncation and byte-mutation sweeps and the inner form's prefixes. */
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

#define PROC_QE PROC "/collateral/qe_identity.json"

static void test_qe_errors(void **state)
{
    (void)state;
    cj_qe_fails_with(PROC_QE, "\"version\":2", "\"version\":1", "enclaveIdentity.version",
                     "unsupported enclave identity version 1 (expected 2)");
    cj_qe_fails_with(PROC_QE, "\"version\":2", "\"version\":3", "enclaveIdentity.version",
                     "unsupported enclave identity version 3");
    cj_qe_fails_with(PROC_QE, "\"id\":\"QE\"", "\"id\":\"XE\"", "enclaveIdentity.id",
                     "unknown enclave identity id");
    cj_qe_fails_with(PROC_QE, "\"id\":\"QE\"", "\"id\":\"QEX\"", "enclaveIdentity.id",
                     "unknown enclave identity id");
    cj_qe_fails_with(PROC_QE, "\"id\":\"QE\",", "", "enclaveIdentity.id", "missing field");
    cj_qe_fails_with(PROC_QE, "\"miscselect\":\"00000000\"", "\"miscselect\":\"0000000\"",
                     "enclaveIdentity.miscselect", "expected 8 hex digits");
    cj_qe_fails_with(PROC_QE, "\"miscselectMask\":\"FFFFFFFF\"", "\"miscselectMask\":\"FFFFFFFZ\"",
                     "enclaveIdentity.miscselectMask", "expected 8 hex digits");
    cj_qe_fails_with(PROC_QE, "\"attributes\":\"11000000000000000000000000000000\"",
                     "\"attributes\":\"110000000000000000000000000000\"", "enclaveIdentity.attributes",
                     "expected 32 hex digits");
    cj_qe_fails_with(PROC_QE, "\"attributesMask\":", "\"attributesMas\":", "enclaveIdentity.attributesMask",
                     "missing field");
    cj_qe_fails_with(PROC_QE, "\"mrsigner\":\"8C4F", "\"mrsigner\":\"8C4F00", "enclaveIdentity.mrsigner",
                     "expected 64 hex digits");
    cj_qe_fails_with(PROC_QE, "\"isvprodid\":1", "\"isvprodid\":65536", "enclaveIdentity.isvprodid",
                     "value 65536 out of range 0..65535");
    cj_qe_fails_with(PROC_QE, "\"isvprodid\":1", "\"isvprodid\":\"1\"", "enclaveIdentity.isvprodid",
                     "expected an unsigned integer, found a string");
    cj_qe_fails_with(PROC_QE, "\"isvsvn\":8", "\"isvsvn\":-1", "enclaveIdentity.tcbLevels[0].tcb.isvsvn",
                     "value -1 out of range 0..65535");
    cj_qe_fails_with(PROC_QE, "\"isvsvn\":5", "\"isvsvn\":1e1", "enclaveIdentity.tcbLevels[2].tcb.isvsvn",
                     "found a real number");
    cj_qe_fails_with(PROC_QE, "{\"tcb\":{\"isvsvn\":4}", "{\"tcb\":{\"svn\":4}",
                     "enclaveIdentity.tcbLevels[3].tcb.isvsvn", "missing field");
    cj_qe_fails_with(PROC_QE, "\"tcbStatus\":\"UpToDate\"", "\"tcbStatus\":\"Foo\"",
                     "enclaveIdentity.tcbLevels[0].tcbStatus", "unknown TCB status \"Foo\"");
    cj_qe_fails_with(PROC_QE, "\"tcbDate\":\"2021-11-10T00:00:00Z\"", "\"tcbDate\":\"2021-11-31T00:00:00Z\"",
                     "enclaveIdentity.tcbLevels[1].tcbDate", "invalid ISO-8601 UTC time");
    cj_qe_fails_with(PROC_QE, "\"tcbLevels\":[{", "\"tcbLevels\":[],\"x\":[{", "enclaveIdentity.tcbLevels",
                     "0 TCB levels");
    cj_qe_fails_with(PROC_QE, "\"tcbLevels\":[{", "\"tcbLevels\":[7,{", "enclaveIdentity.tcbLevels[0]",
                     "expected an object");
    cj_qe_fails_with(PROC_QE, "\"tcbLevels\":", "\"tcbLevelz\":", "enclaveIdentity.tcbLevels", "missing field");
    cj_qe_fails_with(PROC_QE, "\"tcbEvaluationDataNumber\":17", "\"tcbEvaluationDataNumber\":-17",
                     "enclaveIdentity.tcbEvaluationDataNumber", "out of range");
    cj_qe_fails_with(PROC_QE, "\"issueDate\":\"2025-06-19T10:01:18Z\"", "\"issueDate\":\"2025-06-19T10:01:18\"",
                     "enclaveIdentity.issueDate", "invalid ISO-8601 UTC time");
    cj_qe_fails_with(PROC_QE, "\"signature\":\"f130961c", "\"signature\":\"f130961", "signature",
                     "found 127");
    cj_qe_fails_with(PROC_QE, "\"signature\":\"f130961c", "\"signature\":0,\"x\":\"", "signature",
                     "expected a string of 128 hex digits");
    cj_qe_fails_with(PROC_QE, "{\"enclaveIdentity\":", "{\"enclaveIdentity\":\"x\",\"y\":", "enclaveIdentity",
                     "expected an object");
    /* 65 advisories on one level. */
    {
        cj_sbuf_t b = { 0 };
        cj_sb_printf(&b, "\"advisoryIDs\":[");
        for (int i = 0; i < 65; i++)
            cj_sb_printf(&b, "%s\"INTEL-SA-%05d\"", i ? "," : "", i);
        cj_sb_printf(&b, "]");
        cj_qe_fails_with(PROC_QE, "\"advisoryIDs\":[\"INTEL-SA-00615\"]", b.p,
                         "enclaveIdentity.tcbLevels[1].advisoryIDs", "too many advisory IDs (65, at most 64)");
        free(b.p);
    }

    /* Trailing garbage, truncation at every length, and byte mutations never crash. */
    size_t len, mlen;
    char *body = cj_load(PROC_QE, &len);
    char *m = cj_append(body, len, "\0\0", 2, &mlen);
    cj_qe_fails(m, mlen, "", "unexpected text after the object");
    free(m);
    m = cj_append(body, len, ",", 1, &mlen);
    cj_qe_fails(m, mlen, "", "unexpected text after the object");
    free(m);
    for (size_t n = 0; n < len; n++) {
        char *p = malloc(n ? n : 1);
        assert_non_null(p);
        memcpy(p, body, n);
        vsgx_enclave_identity_t e;
        vsgx_json_error_t err;
        memset(&e, 0x55, sizeof e);
        assert_int_equal(vsgx_enclave_identity_parse(p, n, &e, &err), -1);
        assert_true(cj_is_zero(&e, sizeof e));
        free(p);
    }
    static const char subst[] = { '"', '{', '}', '[', ']', ',', ':', '\\', '0', 'x', ' ', '\0', '\x80' };
    for (size_t i = 0; i < len; i++) {
        for (size_t s = 0; s < sizeof subst; s++) {
            char *p = malloc(len);
            assert_non_null(p);
            memcpy(p, body, len);
            p[i] = subst[s];
            vsgx_enclave_identity_t e;
            vsgx_json_error_t err;
            int rc = vsgx_enclave_identity_parse(p, len, &e, &err);
            if (rc == 0)
                vsgx_enclave_identity_free(&e);
            else
                assert_true(cj_is_zero(&e, sizeof e));
            free(p);
        }
    }
    /* Inner form prefixes. */
    char *inner = cj_collateral_field(PROC "/collateral.json", "qe_identity");
    char *sig = cj_collateral_field(PROC "/collateral.json", "qe_identity_signature");
    for (size_t n = 0; n < strlen(inner); n++) {
        vsgx_enclave_identity_t e;
        vsgx_json_error_t err;
        assert_int_equal(vsgx_enclave_identity_parse_inner(inner, n, sig, strlen(sig), &e, &err), -1);
        assert_true(cj_is_zero(&e, sizeof e));
    }
    vsgx_enclave_identity_t e;
    vsgx_json_error_t err;
    cj_check_error(vsgx_enclave_identity_parse_inner(inner, strlen(inner), sig, 126, &e, &err), &err,
                   "signature", "found 126");
    free(inner);
    free(sig);
    free(body);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_qe_errors),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]); /* e.g. "test_qe_errors" */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
