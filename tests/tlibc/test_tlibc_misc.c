/* test_tlibc_misc.c — the rest of tlibc: setjmp/longjmp (return values, callee-saved state,
 * jumps out of nested calls), errno being per thread, assert's message and abort, the stack
 * protector's failure path, and the bounded copies of mbusafecrt.h. */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tlibc_test.h"

#if defined(__SANITIZE_ADDRESS__)
void __asan_handle_no_return(void);
#define LEAVING_FRAMES() __asan_handle_no_return()
#else
#define LEAVING_FRAMES() ((void)0)
#endif

static tlibc_jmp_buf env;

static void jump_from_depth(int depth, int value);
/* Through a pointer, so that the compiler does not reason about the recursion. */
static void (*volatile deeper)(int, int) = jump_from_depth;

static __attribute__((noinline)) void jump_from_depth(int depth, int value)
{
    volatile char frame[64];
    frame[0] = (char)depth;
    if (depth > 0) {
        deeper(depth - 1, value);
        frame[1] = frame[0];
    }
    LEAVING_FRAMES();
    tlibc_longjmp(env, value);
}

static void test_setjmp_longjmp(void **state)
{
    (void)state;
    volatile int passes = 0;
    volatile long kept = 1234;
    int r = tlibc_setjmp(env);
    passes++;
    if (r == 0) {
        assert_int_equal(passes, 1);
        kept = 5678;
        jump_from_depth(10, 7);
    }
    assert_int_equal(r, 7);
    assert_int_equal(passes, 2);
    assert_int_equal(kept, 5678);
    /* longjmp(env, 0) makes setjmp return 1. */
    r = tlibc_setjmp(env);
    if (r == 0)
        jump_from_depth(0, 0);
    assert_int_equal(r, 1);
    /* Many round trips keep the stack balanced. */
    volatile int count = 0;
    if (tlibc_setjmp(env) < 1000) {
        count++;
        if (count < 1000) {
            LEAVING_FRAMES();
            tlibc_longjmp(env, count);
        }
    }
    assert_int_equal(count, 1000);
}

static void *errno_thread(void *arg)
{
    (void)arg;
    TLIBC_ERRNO = 0;
    tlibc_strtol("99999999999999999999999", NULL, 10);      /* ERANGE in this thread */
    return (void *)(intptr_t)TLIBC_ERRNO;
}

static void test_errno_per_thread(void **state)
{
    (void)state;
    TLIBC_ERRNO = 0;
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, errno_thread, NULL), 0);
    void *r;
    pthread_join(t, &r);
    assert_int_equal((intptr_t)r, ERANGE);
    assert_int_equal(TLIBC_ERRNO, 0);
    assert_ptr_equal(tlibc___errno_location(), tlibc___errno_location());
}

static char message[512];

static void record(const char *m)
{
    snprintf(message, sizeof message, "%s", m);
}

static void fail_assert(void *arg)
{
    (void)arg;
    tlibc___assert_fail("x == 1", "enclave.c", 42, "compute");
}

static void smash(void *arg)
{
    (void)arg;
    tlibc___stack_chk_fail();
}

static void test_assert_and_stack_protector(void **state)
{
    (void)state;
    tlibc_vsgx_tlibc_set_assert_hook(record);
    assert_true(tlibc_aborts(fail_assert, NULL));
    assert_string_equal(message, "enclave.c:42: compute: Assertion `x == 1' failed.");
    assert_true(tlibc_aborts(smash, NULL));
    assert_string_equal(message, "stack smashing detected");
    tlibc_vsgx_tlibc_set_assert_hook(NULL);
    message[0] = '\0';
    assert_true(tlibc_aborts(fail_assert, NULL));       /* no hook: still aborts, silently */
    assert_string_equal(message, "");
}

static void test_safecrt(void **state)
{
    (void)state;
    char d[8], s[16] = "0123456789abcde";
    memset(d, 'z', sizeof d);
    assert_int_equal(tlibc_memcpy_s(d, sizeof d, s, 8), 0);
    assert_memory_equal(d, s, 8);
    assert_int_equal(tlibc_memcpy_s(d, sizeof d, s, 0), 0);
    assert_int_equal(tlibc_memcpy_s(d, sizeof d, s, 9), ERANGE);
    assert_memory_equal(d, "\0\0\0\0\0\0\0\0", 8);            /* cleared on failure */
    assert_int_equal(tlibc_memcpy_s(NULL, 8, s, 4), EINVAL);
    memset(d, 'z', sizeof d);
    assert_int_equal(tlibc_memcpy_s(d, sizeof d, NULL, 4), EINVAL);
    assert_int_equal(d[0], 0);
    assert_int_equal(tlibc_memcpy_s(s + 2, 8, s, 4), EINVAL);  /* overlap */
    assert_int_equal(tlibc_memset_s(d, sizeof d, 'a', 4), 0);
    assert_memory_equal(d, "aaaa", 4);
    assert_int_equal(tlibc_memset_s(d, sizeof d, 'b', 20), ERANGE);
    assert_memory_equal(d, "bbbbbbbb", 8);
    assert_int_equal(tlibc_memset_s(NULL, 4, 0, 4), EINVAL);
    assert_int_equal(tlibc_memcpy_verw_s(d, sizeof d, "12345678", 8), 0);
    assert_memory_equal(d, "12345678", 8);
    assert_int_equal(tlibc_memcpy_verw_s(d, 4, "12345678", 8), ERANGE);
    assert_ptr_equal(tlibc_memset_verw(d, 'c', 8), d);
    assert_memory_equal(d, "cccccccc", 8);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_setjmp_longjmp),
        cmocka_unit_test(test_errno_per_thread),
        cmocka_unit_test(test_assert_and_stack_protector),
        cmocka_unit_test(test_safecrt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
