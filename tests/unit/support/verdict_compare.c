/* verdict_compare.c — see verdict_compare.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "verdict_compare.h"

static bool str_eq(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

void verdicts_agree(const vsgx_qvl_verdict_t *a, const vsgx_qvl_verdict_t *b, bool exact, const char *what,
                    const char *label_a, const char *label_b)
{
    if (a->error != b->error || a->result != b->result || !str_eq(a->failure.check, b->failure.check))
        fail_msg("%s: %s %s 0x%x \"%s\", %s %s 0x%x \"%s\"", what, label_a, vsgx_quote3_error_name(a->error),
                 a->result, a->failure.check, label_b, vsgx_quote3_error_name(b->error), b->result,
                 b->failure.check);
    assert_int_equal(a->failure.offset, b->failure.offset);
    assert_true(str_eq(a->status, b->status));
    assert_true(str_eq(a->platform_status, b->platform_status));
    assert_true(str_eq(a->qe_status, b->qe_status));
    assert_int_equal(a->advisory_count, b->advisory_count);
    for (size_t i = 0; i < a->advisory_count; i++)
        assert_string_equal(a->advisory_ids[i], b->advisory_ids[i]);
    assert_int_equal(a->collateral_expired, b->collateral_expired);
    assert_int_equal(a->collateral_not_yet_valid, b->collateral_not_yet_valid);
    assert_int_equal(a->earliest_expiration, b->earliest_expiration);
    assert_int_equal(a->latest_issue, b->latest_issue);
    assert_int_equal(a->debug_enclave, b->debug_enclave);
    assert_memory_equal(&a->supplemental, &b->supplemental, sizeof a->supplemental);
    if (!exact)
        return;
    assert_int_equal(a->failure.code, b->failure.code);
    assert_string_equal(a->failure.field, b->failure.field);
    assert_string_equal(a->failure.message, b->failure.message);
    assert_int_equal(a->earliest_issue, b->earliest_issue);
    assert_int_equal(a->tcb_date, b->tcb_date);
    assert_int_equal(a->rejected_debug, b->rejected_debug);
}
