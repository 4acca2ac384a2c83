/* test_pcs_scenario.c — PCS scenario files (src/pcs/scenario.c): the twelve built-in scenarios
 * and what they say, the defaults, a file given by path, descriptions and their comments, and
 * every refusal with its line and reason (a DELTA given twice among the tcb or the qe levels);
 * and a scenario's levels made concrete for a platform (src/pcs/scenario_levels.c): sorted best
 * first, clamped, coinciding ones and bad counts refused with a message naming them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scenario.h"
#include "scenario_levels.h"

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
    /* A tcb and a qe level may share a DELTA. */
    {
        const char *both = "tcb 0 UpToDate\nqe 0 UpToDate\n";
        assert_int_equal(vsgx_pcs_scenario_parse(both, strlen(both), "t", &sc, err, sizeof err), VSGX_PCS_OK);
    }

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

/* A description ends at its comment, without trailing blanks, however the '#' is spaced. */
static void test_description(void **state)
{
    (void)state;
    static const struct {
        const char *line, *description;
    } CASES[] = {
        { "description foo # comment", "foo" },
        { "description foo#comment", "foo" },
        { "description a b#c d", "a b" },
        { "description foo   # c", "foo" },
        { "description  x \t y \t\r", "x \t y" },
        { "description a\tb", "a b" },
        { "description last", "last" },
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        char text[128];
        snprintf(text, sizeof text, "%s\ntcb 0 UpToDate\n", CASES[i].line);
        vsgx_pcs_scenario_t sc;
        char err[256] = "";
        assert_int_equal(vsgx_pcs_scenario_parse(text, strlen(text), "t", &sc, err, sizeof err), VSGX_PCS_OK);
        if (strcmp(sc.description, CASES[i].description))
            fail_msg("'%s': description '%s', expected '%s'", CASES[i].line, sc.description, CASES[i].description);
    }
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
        /* Each DELTA once per kind of level ("+1" is 1). */
        { "tcb 1 UpToDate\ntcb +1 OutOfDate\n", "t:2: tcb: a level with this DELTA is already given" },
        { "tcb 0 UpToDate\nqe -1 OutOfDate\nqe 1 UpToDate\nqe -1 Revoked\n",
          "t:4: qe: a level with this DELTA is already given" },
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        vsgx_pcs_scenario_t sc;
        char err[256] = "";
        vsgx_pcs_result_t r = vsgx_pcs_scenario_parse(CASES[i].text, strlen(CASES[i].text), "t", &sc, err, sizeof err);
        if (r != VSGX_PCS_INVALID || !strstr(err, CASES[i].message))
            fail_msg("case %zu: got %d '%s', expected '%s'", i, r, err, CASES[i].message);
    }
    /* The next-update check happens after all lines: message without a line number. */
    char long_line[600], levels[17 * 24 + 1] = "", err[256];
    memset(long_line, 'a', sizeof long_line - 1);
    long_line[sizeof long_line - 1] = 0;
    vsgx_pcs_scenario_t sc;
    assert_int_equal(vsgx_pcs_scenario_parse(long_line, strlen(long_line), "t", &sc, err, sizeof err), VSGX_PCS_INVALID);
    assert_string_equal(err, "t:1: line longer than 511 characters");
    for (int i = 0; i < 17; i++)
        snprintf(levels + strlen(levels), sizeof levels - strlen(levels), "tcb %d UpToDate\n", i - 8);
    assert_int_equal(vsgx_pcs_scenario_parse(levels, strlen(levels), "t", &sc, err, sizeof err), VSGX_PCS_INVALID);
    assert_string_equal(err, "t:17: tcb: too many levels (at most 16)");
    assert_int_equal(vsgx_pcs_scenario_parse("tcb 0 UpToDate\0x", 16, "t", &sc, err, sizeof err), VSGX_PCS_INVALID);
    assert_string_equal(err, "t: a NUL byte in the file");
}

static vsgx_pcs_scenario_t parse(const char *text)
{
    vsgx_pcs_scenario_t sc;
    char err[256] = "";
    if (vsgx_pcs_scenario_parse(text, strlen(text), "t", &sc, err, sizeof err))
        fail_msg("%s", err);
    strcpy(sc.name, "t");
    return sc;
}

/* TCB levels for a platform: best first whatever the order written, clamped, coinciding ones refused. */
static void test_tcb_levels(void **state)
{
    (void)state;
    vsgx_pcs_scenario_t sc = parse("tcb -1 OutOfDate\ntcb +2 UpToDate\ntcb 0 SWHardeningNeeded\ntcb 1 OutOfDate\n");
    static const uint8_t CPUSVN[16] = { 3, 0, 254, 1 };
    vsgx_tcbm_t base = { .pce_svn = 10 };
    memcpy(base.cpusvn.svn, CPUSVN, 16);
    vsgx_pcs_tcb_levels_t lv;
    char err[256] = "";
    assert_int_equal(vsgx_pcs_scenario_tcb_levels(&sc, &base, &lv, err, sizeof err), VSGX_PCS_OK);
    assert_int_equal(lv.count, 4);
    static const int DELTAS[4] = { 2, 1, 0, -1 };
    static const uint8_t C0[4] = { 5, 4, 3, 2 }, C2[4] = { 255, 255, 254, 253 }, C3[4] = { 3, 2, 1, 0 };
    for (int i = 0; i < 4; i++) {
        assert_int_equal(lv.from[i]->delta, DELTAS[i]);
        assert_int_equal(lv.tcbm[i].cpusvn.svn[0], C0[i]);
        assert_int_equal(lv.tcbm[i].cpusvn.svn[1], 0); /* zero components stay zero */
        assert_int_equal(lv.tcbm[i].cpusvn.svn[2], C2[i]); /* clamped at 255 */
        assert_int_equal(lv.tcbm[i].cpusvn.svn[3], C3[i]);
        assert_int_equal(lv.tcbm[i].pce_svn, 10 + DELTAS[i]);
    }
    assert_string_equal(lv.from[0]->status, "UpToDate");
    /* An all-zero TCB: "tcb 0" and "tcb -1" are both all zero. */
    sc = parse("tcb 0 UpToDate\ntcb -1 OutOfDate\n");
    vsgx_tcbm_t zero = { .pce_svn = 0 };
    assert_int_equal(vsgx_pcs_scenario_tcb_levels(&sc, &zero, &lv, err, sizeof err), VSGX_PCS_INVALID);
    assert_string_equal(err, "scenario t: levels 'tcb 0' and 'tcb -1' are the same TCB on this platform (CPUSVN "
                             "00000000000000000000000000000000, PCE SVN 0: SVNs stop at 0 and at their maximum);"
                             " remove one");
    /* With a PCE SVN of 1 they differ: the first component stays 0, the PCE SVN does not. */
    zero.pce_svn = 1;
    assert_int_equal(vsgx_pcs_scenario_tcb_levels(&sc, &zero, &lv, err, sizeof err), VSGX_PCS_OK);
    assert_int_equal(lv.tcbm[1].pce_svn, 0);
    /* The same DELTA twice (possible through the API) is refused too; so are 0 and 17 levels. */
    sc.tcb[1].delta = 0;
    assert_int_equal(vsgx_pcs_scenario_tcb_levels(&sc, &zero, &lv, err, sizeof err), VSGX_PCS_INVALID);
    sc.tcb_count = 0;
    assert_int_equal(vsgx_pcs_scenario_tcb_levels(&sc, &zero, &lv, err, sizeof err), VSGX_PCS_INVALID);
    assert_string_equal(err, "scenario t: 0 tcb levels (1..16 are allowed)");
    sc.tcb_count = 17;
    assert_int_equal(vsgx_pcs_scenario_tcb_levels(&sc, &zero, &lv, err, sizeof err), VSGX_PCS_INVALID);
}

static void test_identity_levels(void **state)
{
    (void)state;
    vsgx_pcs_scenario_t sc = parse("tcb 0 UpToDate\nqe -2 OutOfDate\nqe 0 UpToDate\nqe -1 OutOfDate\n");
    vsgx_pcs_identity_levels_t lv;
    char err[256] = "";
    assert_int_equal(vsgx_pcs_scenario_identity_levels(&sc, "QE", 8, &lv, err, sizeof err), VSGX_PCS_OK);
    assert_int_equal(lv.count, 3);
    assert_int_equal(lv.isvsvn[0], 8);
    assert_int_equal(lv.isvsvn[1], 7);
    assert_int_equal(lv.isvsvn[2], 6);
    assert_string_equal(lv.from[0]->status, "UpToDate");
    assert_int_equal(vsgx_pcs_scenario_identity_levels(&sc, "QvE", 1, &lv, err, sizeof err), VSGX_PCS_INVALID);
    assert_string_equal(err, "scenario t: levels 'qe -2' and 'qe -1' are the same QvE ISVSVN (0: SVNs stop at 0 and"
                             " at their maximum); remove one");
    sc.qe_count = 0;
    assert_int_equal(vsgx_pcs_scenario_identity_levels(&sc, "QE", 8, &lv, err, sizeof err), VSGX_PCS_INVALID);
    assert_string_equal(err, "scenario t: 0 qe levels (1..16 are allowed)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_names),
        cmocka_unit_test(test_builtin_contents),
        cmocka_unit_test(test_file_and_text),
        cmocka_unit_test(test_description),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_tcb_levels),
        cmocka_unit_test(test_identity_levels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
