/* test_collateral_json_status.c — TCB statuses (tcb_status.h): the names Intel's collateral
 * uses, their sgx_ql_qv_result_t values, and the strings that are not statuses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tcb_status.h"

static void test_status(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        vsgx_tcb_status_t s;
        sgx_ql_qv_result_t r;
    } t[] = {
        { "UpToDate", VSGX_TCB_UP_TO_DATE, SGX_QL_QV_RESULT_OK },
        { "SWHardeningNeeded", VSGX_TCB_SW_HARDENING_NEEDED, 0xA007 },
        { "ConfigurationNeeded", VSGX_TCB_CONFIGURATION_NEEDED, 0xA001 },
        { "ConfigurationAndSWHardeningNeeded", VSGX_TCB_CONFIGURATION_AND_SW_HARDENING_NEEDED, 0xA008 },
        { "OutOfDate", VSGX_TCB_OUT_OF_DATE, 0xA002 },
        { "OutOfDateConfigurationNeeded", VSGX_TCB_OUT_OF_DATE_CONFIGURATION_NEEDED, 0xA003 },
        { "Revoked", VSGX_TCB_REVOKED, 0xA005 },
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        vsgx_tcb_status_t s = VSGX_TCB_UNKNOWN;
        assert_true(vsgx_tcb_status_parse(t[i].name, strlen(t[i].name), &s));
        assert_int_equal(s, t[i].s);
        assert_string_equal(vsgx_tcb_status_name(s), t[i].name);
        assert_int_equal(vsgx_tcb_status_result(s), t[i].r);
    }
    vsgx_tcb_status_t s = VSGX_TCB_REVOKED;
    assert_false(vsgx_tcb_status_parse("Unknown", 7, &s));
    assert_false(vsgx_tcb_status_parse("uptodate", 8, &s));
    assert_false(vsgx_tcb_status_parse("UpToDat", 7, &s));
    assert_false(vsgx_tcb_status_parse("UpToDateX", 9, &s));
    assert_false(vsgx_tcb_status_parse("UpToDate", 7, &s)); /* length counts */
    assert_false(vsgx_tcb_status_parse("", 0, &s));
    assert_false(vsgx_tcb_status_parse(NULL, 0, &s));
    assert_int_equal(s, VSGX_TCB_REVOKED); /* untouched */
    assert_string_equal(vsgx_tcb_status_name(VSGX_TCB_UNKNOWN), "Unknown");
    assert_string_equal(vsgx_tcb_status_name((vsgx_tcb_status_t)99), "Unknown");
    assert_int_equal(vsgx_tcb_status_result(VSGX_TCB_UNKNOWN), SGX_QL_QV_RESULT_UNSPECIFIED);
    assert_int_equal(vsgx_tcb_status_result((vsgx_tcb_status_t)99), SGX_QL_QV_RESULT_UNSPECIFIED);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]); /* e.g. "test_status" */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
