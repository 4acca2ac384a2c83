/* test_pcs_scenario.c — PCS scenario files (src/pcs/scenario.c): the twelve built-in scenarios
 * and what they say, the defaults, a file given by path, and every refusal with its line and
 * reason. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scenario.h"

static vsgx_pcs_scenario_t load(const char *name)
{
    vsgx_pcs_scenario_t sc;
    char err[256] = "";
    vsgx_pcs_result_t r = vsgx_pcs_scenario_load(name, &sc, err, sizeof err);
    if (r)
        fail_msg("%s: %s", name, err);
    return sc;
}

static void test_builtin_names(void **state)
{
    (void)state;
    static const char *const EXPECTED[] = {
        "configuration-and-sw-hardening-needed", "configuration-needed", "expired-collateral", "not-yet-valid",
        "out-of-date-configuration-needed", "out-of-date", "qe-out-of-date", "revoked-intermediate", "revoked-pck",
        "revoked-tcb", "sw-hardening-needed", "up-to-date",
    };
    const char *const *names = vsgx_pcs_scenario_names();
    size_t n = 0;
    for (; names[n]; n++) {
        assert_true(n < 12);
        assert_string_equal(names[n], EXPECTED[n]);
        vsgx_pcs_scenario_t sc = load(names[n]);
        assert_string_equal(sc.name, names[n]);
        assert_true(strlen(sc.description) > 10);
    }
    assert_int_equal(n, 12);
}

static void test_builtin_contents(void **state)
{
    (void)state;
    vsgx_pcs_scenario_t sc = load("up-to-date");
    assert_int_equal(sc.ca, VSGX_PCS_PROCESSOR_CA);
    assert_int_equal(sc.tcb_count, 2);
    assert_int_equal(sc.tcb[0].delta, 0);
    assert_string_equal(sc.tcb[0].status, "UpToDate");
    assert_int_equal(sc.tcb[1].delta, -1);
    assert_string_equal(sc.tcb[1].advisories[0], "INTEL-SA-00615");
    assert_int_equal(sc.qe_count, 2);
    assert_int_equal(sc.qe[1].delta, -2);
    assert_int_equal(sc.qe_svn, 8);
    assert_int_equal(sc.issued_days, -1);
    assert_int_equal(sc.next_update_days, 30);
    assert_false(sc.revoke_pck || sc.revoke_intermediate);

    sc = load("out-of-date");
    assert_int_equal(sc.tcb[0].delta, 1);
    assert_string_equal(sc.tcb[1].status, "OutOfDate");
    assert_int_equal(sc.tcb[1].advisory_count, 2);
    assert_string_equal(sc.tcb[1].advisories[1], "INTEL-SA-00767");
    /* The QE level defaults to the QE's own SVN, UpToDate. */
    assert_int_equal(sc.qe_count, 1);
    assert_int_equal(sc.qe[0].delta, 0);
    assert_string_equal(sc.qe[0].status, "UpToDate");

    assert_true(load("revoked-pck").revoke_pck);
    assert_true(load("revoked-intermediate").revoke_intermediate);
    assert_string_equal(load("revoked-tcb").tcb[1].status, "Revoked");
    sc = load("expired-collateral");
    assert_int_equal(sc.issued_days, -60);
    assert_int_equal(sc.next_update_days, -30);
    sc = load("not-yet-valid");
    assert_int_equal(sc.issued_days, 2);
    assert_int_equal(sc.next_update_days, 32);
    sc = load("qe-out-of-date");
    assert_int_equal(sc.qe[0].delta, 2);
    assert_string_equal(sc.qe[1].status, "OutOfDate");
}

static void test_file_and_text(void **state)
{
    (void)state;
    const char *text = "# a comment\n\n  description  two  words and more # trailing comment\n"
                       "ca platform\ntcb +3 UpToDate\r\ntcb 0 OutOfDate INTEL-SA-1 INTEL-SA-2\nqe -1 Revoked\n"
                       "qe-svn 65535\nissued -3650\nnext-update 3650\nrevoke pck\nrevoke intermediate";
    vsgx_pcs_scenario_t sc;
    char err[256] = "";
    assert_int_equal(vsgx_pcs_scenario_parse(text, strlen(text), "t", &sc, err, sizeof err), VSGX_PCS_OK);
    assert_string_equal(sc.description, "two  words and more");
    assert_int_equal(sc.ca, VSGX_PCS_PLATFORM_CA);
    assert_int_equal(sc.tcb_count, 2);
    assert_int_equal(sc.tcb[0].delta, 3);
    assert_string_equal(sc.tcb[0].status, "UpToDate");
    assert_int_equal(sc.tcb[1].advisory_count, 2);
    assert_int_equal(sc.qe_count, 1);
    assert_int_equal(sc.qe[0].delta, -1);
    assert_int_equal(sc.qe_svn, 65535);
    assert_int_equal(sc.issued_days, -3650);
    assert_int_equal(sc.next_update_days, 3650);
    assert_true(sc.revoke_pck && sc.revoke_intermediate);

    char path[] = "/tmp/vsgx-scenario-XXXXXX.scenario";
    int fd = mkstemps(path, 9);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    sc = load(path);
    assert_int_equal(strncmp(sc.name, "vsgx-scenario-", 14), 0);
    assert_null(strchr(sc.name, '.'));
    unlink(path);
    assert_int_equal(vsgx_pcs_scenario_load(path, &sc, err, sizeof err), VSGX_PCS_NOT_FOUND);
    assert_non_null(strstr(err, "No such file"));
    assert_int_equal(vsgx_pcs_scenario_load("nope", &sc, err, sizeof err), VSGX_PCS_NOT_FOUND);
    assert_string_equal(err, "no scenario named 'nope' (run `vsgx pcs scenarios` for the list, or give a file path)");
}

static void test_refusals(void **state)
{
    (void)state;
    static const struct {
        const char *text, *message;
    } CASES[] = {
        { "tcb 0 UpToDate\nfrobnicate 1\n", "t:2: frobnicate: unknown directive" },
        { "tcb x UpToDate\n", "t:1: tcb: DELTA is not an integer in -16..16" },
        { "tcb 17 UpToDate\n", "t:1: tcb: DELTA is not an integer in -16..16" },
        { "tcb 1.5 UpToDate\n", "t:1: tcb: DELTA is not an integer" },
        { "tcb 0\n", "t:1: tcb: expected DELTA STATUS" },
        { "tcb 0 Fine\n", "t:1: tcb: STATUS is not one of Intel's TCB statuses" },
        { "tcb 0 uptodate\n", "t:1: tcb: STATUS is not one of Intel's TCB statuses" },
        { "tcb 0 OutOfDate a b c d e f g h i j k l m n\n", "t:1: too many words" },
        { "tcb 0 OutOfDate A B C D E F G H I\n", "t:1: tcb: too many advisory IDs" },
        { "tcb 0 OutOfDate intel-sa-1\n", "t:1: tcb: an advisory ID must be upper-case" },
        { "tcb 0 OutOfDate INTEL-SA-\"1\n", "t:1: tcb: an advisory ID must be upper-case" },
        { "tcb 0 UpToDate\nca someone\n", "t:2: ca: ca is processor or platform" },
        { "tcb 0 UpToDate\nqe-svn 65536\n", "t:2: qe-svn: qe-svn is an integer in 0..65535" },
        { "tcb 0 UpToDate\nqe-svn\n", "t:2: qe-svn: qe-svn is an integer" },
        { "tcb 0 UpToDate\nissued 3651\n", "t:2: issued: a date is a number of days" },
        { "tcb 0 UpToDate\nissued 5\nnext-update 5\n", "t: next-update (5) is not after issued (5)" },
        { "tcb 0 UpToDate\nrevoke root\n", "t:2: revoke: revoke is pck or intermediate" },
        { "description\ntcb 0 UpToDate\n", "t:1: description: description needs a text" },
        { "# nothing\n", "t: no tcb level" },
        { "qe 0 UpToDate\n", "t: no tcb level" },
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        vsgx_pcs_scenario_t sc;
        char err[256] = "";
        vsgx_pcs_result_t r = vsgx_pcs_scenario_parse(CASES[i].text, strlen(CASES[i].text), "t", &sc, err, sizeof err);
        if (r != VSGX_PCS_INVALID || !strstr(err, CASES[i].message))
            fail_msg("case %zu: got %d '%s', expected '%s'", i, r, err, CASES[i].message);
    }
    /* The next-update check happens after all lines: message without a line number. */
    char long_line[600], levels[17 * 20 + 1] = "", err[256];
    memset(long_line, 'a', sizeof long_line - 1);
    long_line[sizeof long_line - 1] = 0;
    vsgx_pcs_scenario_t sc;
    assert_int_equal(vsgx_pcs_scenario_parse(long_line, strlen(long_line), "t", &sc, err, sizeof err), VSGX_PCS_INVALID);
    assert_string_equal(err, "t:1: line longer than 511 characters");
    for (int i = 0; i < 17; i++)
        strcat(levels, "tcb 0 UpToDate\n");
    assert_int_equal(vsgx_pcs_scenario_parse(levels, strlen(levels), "t", &sc, err, sizeof err), VSGX_PCS_INVALID);
    assert_string_equal(err, "t:17: tcb: too many levels (at most 16)");
    assert_int_equal(vsgx_pcs_scenario_parse("tcb 0 UpToDate\0x", 16, "t", &sc, err, sizeof err), VSGX_PCS_INVALID);
    assert_string_equal(err, "t: a NUL byte in the file");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_names),
        cmocka_unit_test(test_builtin_contents),
        cmocka_unit_test(test_file_and_text),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
