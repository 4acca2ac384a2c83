/* test_collateral_json_tcb_sweeps.c — TCB info truncation and mutation sweeps: every proper
 * prefix of real and sample bodies (and of the inner form) fails cleanly, and every byte of a
 * body replaced by structural characters never crashes or leaves partial output. */
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

/* Every proper prefix of a real body fails cleanly; so does every prefix of the inner form. */
static void test_tcb_truncated(void **state)
{
    (void)state;
    const char *files[] = { PROC_TCB, PLAT "/collateral/tcb_info.json", SYNTH_TCB };
    for (size_t f = 0; f < 3; f++) {
        size_t len;
        char *body = cj_load(files[f], &len);
        for (size_t n = 0; n < len; n++) {
            /* A fresh copy of exactly n bytes so ASan sees any over-read. */
            char *p = malloc(n ? n : 1);
            assert_non_null(p);
            memcpy(p, body, n);
            vsgx_tcb_info_t t;
            vsgx_json_error_t err;
            memset(&t, 0x55, sizeof t);
            assert_int_equal(vsgx_tcb_info_parse(p, n, &t, &err), -1);
            assert_true(cj_is_zero(&t, sizeof t));
            assert_true(err.message[0] != '\0');
            free(p);
        }
        free(body);
    }
    char *inner = cj_collateral_field(PLAT "/collateral.json", "tcb_info");
    char *sig = cj_collateral_field(PLAT "/collateral.json", "tcb_info_signature");
    size_t len = strlen(inner);
    for (size_t n = 0; n < len; n++) {
        char *p = malloc(n ? n : 1);
        assert_non_null(p);
        memcpy(p, inner, n);
        vsgx_tcb_info_t t;
        vsgx_json_error_t err;
        assert_int_equal(vsgx_tcb_info_parse_inner(p, n, sig, strlen(sig), &t, &err), -1);
        assert_true(cj_is_zero(&t, sizeof t));
        free(p);
    }
    free(inner);
    free(sig);
}

/* The TCB info mutations: every byte of a body replaced by structural characters. */
static void test_tcb_mutations(void **state)
{
    (void)state;
    size_t len;
    char *body = cj_load(SYNTH_TCB, &len);
    static const char subst[] = { '"', '}', ',', '\\', 'x', '\0', '\xff' };
    for (size_t i = 0; i < len; i++) {
        for (size_t s = 0; s < sizeof subst; s++) {
            char *p = malloc(len);
            assert_non_null(p);
            memcpy(p, body, len);
            p[i] = subst[s];
            vsgx_tcb_info_t t;
            vsgx_json_error_t err;
            int rc = vsgx_tcb_info_parse(p, len, &t, &err);
            if (rc == 0) {
                assert_true(t.level_count >= 1 && t.level_count <= 6);
                vsgx_tcb_info_free(&t);
            } else {
                assert_true(cj_is_zero(&t, sizeof t));
                assert_true(err.message[0] != '\0');
            }
            free(p);
        }
    }
    free(body);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tcb_truncated),
        cmocka_unit_test(test_tcb_mutations),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]); /* e.g. "test_tcb_truncated" */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
