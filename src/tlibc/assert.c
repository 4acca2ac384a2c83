/* assert.c — tlibc: the end of a failed assert() and the message hook shared with the heap's
 * corruption reports. The message is formatted into a stack buffer (no heap: the heap may be
 * what is broken), handed to the hook if one is set, and abort() follows. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <vsgx/tlibc.h>

#include "internal.h"

static vsgx_tlibc_message_hook_t message_hook;

void vsgx_tlibc_set_assert_hook(vsgx_tlibc_message_hook_t hook)
{
    __atomic_store_n(&message_hook, hook, __ATOMIC_RELEASE);
}

void tlibc_report(const char *message)
{
    vsgx_tlibc_message_hook_t hook = __atomic_load_n(&message_hook, __ATOMIC_ACQUIRE);
    if (hook)
        hook(message);
}

_Noreturn void __assert_fail(const char *expr, const char *file, unsigned int line,
                             const char *function)
{
    char msg[512];
    snprintf(msg, sizeof msg, "%s:%u: %s: Assertion `%s' failed.", file, line, function, expr);
    tlibc_report(msg);
    abort();
}
