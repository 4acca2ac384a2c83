/* verdict_compare.h — asserting that two verdicts of the same quote agree (two collateral
 * forms, or the cached and the uncached path). Test code only. */
#ifndef VSGX_TEST_VERDICT_COMPARE_H
#define VSGX_TEST_VERDICT_COMPARE_H

#include <stdbool.h>

#include "vsgx/qvl.h"

/* Fails the running cmocka test (naming `what`, `label_a` and `label_b`) unless a and b agree on
 * every field; with `exact`, also on the failure's field, message, code, dates and debug policy. */
void verdicts_agree(const vsgx_qvl_verdict_t *a, const vsgx_qvl_verdict_t *b, bool exact, const char *what,
                    const char *label_a, const char *label_b);

#endif
