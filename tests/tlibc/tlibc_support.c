/* tlibc_support.c — what the prefixed tlibc needs from its host test program: tlibc_abort
 * (the trusted runtime's abort, renamed), which records the call and jumps back to the test
 * that expected it, and a seeded random generator shared by the tests. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

#include "tlibc_test.h"

int tlibc_abort_calls;
int tlibc_abort_armed;
jmp_buf tlibc_abort_return;

_Noreturn void tlibc_abort(void);

_Noreturn void tlibc_abort(void)
{
    tlibc_abort_calls++;
    if (tlibc_abort_armed) {
        tlibc_abort_armed = 0;
        longjmp(tlibc_abort_return, 1);
    }
    fprintf(stderr, "tlibc_abort called unexpectedly\n");
    abort();
}

int tlibc_aborts(void (*fn)(void *), void *arg)
{
    int before = tlibc_abort_calls;
    tlibc_abort_armed = 1;
    if (setjmp(tlibc_abort_return) == 0)
        fn(arg);
    tlibc_abort_armed = 0;
    return tlibc_abort_calls != before;
}

uint64_t tlibc_test_rand(void)
{
    static uint64_t state = 0x243f6a8885a308d3ULL;
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}
