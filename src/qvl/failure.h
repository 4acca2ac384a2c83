/* failure.h — filling a vsgx_qvl_failure_t: the error code, the check that failed, the field
 * and its offset in the quote, and a formatted message. Every module of the library reports
 * through these two functions. */
#ifndef VSGX_QVL_FAILURE_H
#define VSGX_QVL_FAILURE_H

#include "vsgx/qvl.h"

/* Sets *f (when f is not NULL) and returns code. offset is -1 for fields outside the quote. */
quote3_error_t vsgx_fail(vsgx_qvl_failure_t *f, quote3_error_t code, const char *check,
                         const char *field, int64_t offset, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
void vsgx_failure_clear(vsgx_qvl_failure_t *f);

#endif
