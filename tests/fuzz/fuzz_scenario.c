/* fuzz_scenario.c — libFuzzer target for PCS scenario files: vsgx_pcs_scenario_parse on the
 * input. The promises checked: a refusal is INVALID with a NUL-terminated message naming the
 * source; an accepted scenario has 1..16 TCB levels and 1..16 QE levels, each with a known
 * status, a delta in -16..16 and at most 8 NUL-terminated advisory IDs, next-update after issued;
 * and a second parse gives the same bytes. Silent on the normal path. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what)
{
    fprintf(stderr, "fuzz_scenario: %s\n", what);
    abort();
}

static void check_levels(const vsgx_pcs_scenario_level_t *l, size_t n)
{
    if (n < 1 || n > VSGX_PCS_SCENARIO_MAX_LEVELS)
        broken("level count out of range");
    for (size_t i = 0; i < n; i++) {
        if (l[i].delta < -16 || l[i].delta > 16 || !vsgx_pcs_tcb_status_valid(l[i].status))
            broken("a level with a bad delta or status");
        if (l[i].advisory_count > VSGX_PCS_SCENARIO_MAX_ADVISORIES)
            broken("too many advisories");
        for (size_t k = 0; k < l[i].advisory_count; k++)
            if (!memchr(l[i].advisories[k], 0, sizeof l[i].advisories[k]))
                broken("an advisory ID without its NUL");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static vsgx_pcs_scenario_t a, b;
    char err[512], err2[512];
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    memset(err, 0x55, sizeof err);
    vsgx_pcs_result_t r = vsgx_pcs_scenario_parse((const char *)data, size, "fuzz", &a, err, sizeof err);
    vsgx_pcs_result_t r2 = vsgx_pcs_scenario_parse((const char *)data, size, "fuzz", &b, err2, sizeof err2);
    if (r != r2)
        broken("two parses disagree");
    if (r) {
        if (r != VSGX_PCS_INVALID || !memchr(err, 0, sizeof err) || strncmp(err, "fuzz", 4))
            broken("a refusal without INVALID and a message naming the source");
        return 0;
    }
    if (memcmp(&a, &b, sizeof a))
        broken("two parses give different scenarios");
    check_levels(a.tcb, a.tcb_count);
    check_levels(a.qe, a.qe_count);
    if (a.next_update_days <= a.issued_days || !memchr(a.description, 0, sizeof a.description))
        broken("dates out of order or an unterminated description");
    if (a.ca != VSGX_PCS_PROCESSOR_CA && a.ca != VSGX_PCS_PLATFORM_CA)
        broken("a CA that is not a PCK CA");
    return 0;
}
