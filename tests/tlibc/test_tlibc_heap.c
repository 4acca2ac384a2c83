/* test_tlibc_heap.c — tlibc's malloc family over a heap the test hands it: random
 * malloc/calloc/realloc/free with content checks, 16-byte alignment, aligned allocation,
 * exhaustion (NULL and ENOMEM, then full recovery once everything is freed, which shows that
 * free chunks merge), the statistics, four threads at once, and the corruption checks: a double
 * free, a foreign pointer and an overwritten header all end in abort(). */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tlibc_test.h"

#define HEAP_SIZE (8u << 20)
static unsigned char *heap_memory;

static void fresh_heap(size_t size)
{
    tlibc_vsgx_tlibc_heap_init(heap_memory, size, size);
}

static void test_before_init(void **state)
{
    (void)state;
    TLIBC_ERRNO = 0;
    assert_null(tlibc_malloc(16));
    assert_int_equal(TLIBC_ERRNO, ENOMEM);
    tlibc_free(NULL);   /* always allowed */
}

typedef struct {
    unsigned char *p;
    size_t n;
    unsigned char tag;
} block_t;

static void fill(block_t *b)
{
    for (size_t i = 0; i < b->n; i++)
        b->p[i] = (unsigned char)(b->tag + i * 7);
}

static void check(const block_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (b->p[i] != (unsigned char)(b->tag + i * 7))
            fail_msg("block %p (%zu bytes) changed at %zu", (void *)b->p, b->n, i);
}

static size_t random_size(void)
{
    uint64_t r = tlibc_test_rand();
    switch (r % 16) {
    case 0: return 0;
    case 1: return (size_t)(r >> 8) % 65536;
    case 2: case 3: return (size_t)(r >> 8) % 4096;
    default: return (size_t)(r >> 8) % 256;
    }
}

static void test_random_operations(void **state)
{
    (void)state;
    fresh_heap(HEAP_SIZE);
    enum { SLOTS = 512 };
    static block_t blocks[SLOTS];
    memset(blocks, 0, sizeof blocks);
    for (int op = 0; op < 200000; op++) {
        block_t *b = &blocks[tlibc_test_rand() % SLOTS];
        uint64_t what = tlibc_test_rand() % 4;
        if (b->p && what == 0) {
            check(b, b->n);
            tlibc_free(b->p);
            b->p = NULL;
        } else if (b->p && what == 1) {
            size_t n = random_size();
            unsigned char *q = tlibc_realloc(b->p, n);
            if (n == 0) {
                assert_null(q);
                b->p = NULL;
                continue;
            }
            assert_non_null(q);
            b->p = q;
            check(b, n < b->n ? n : b->n);
            b->n = n;
            fill(b);
        } else if (!b->p) {
            b->n = random_size();
            b->tag = (unsigned char)op;
            if (what == 2) {
                b->p = tlibc_calloc(1, b->n);
                assert_non_null(b->p);
                for (size_t i = 0; i < b->n; i++)
                    assert_int_equal(b->p[i], 0);
            } else {
                b->p = tlibc_malloc(b->n);
                assert_non_null(b->p);
            }
            assert_int_equal((uintptr_t)b->p % 16, 0);
            assert_true(b->p >= heap_memory && b->p + b->n <= heap_memory + HEAP_SIZE);
            fill(b);
        }
    }
    assert_true(tlibc_vsgx_tlibc_heap_used() > 0);
    for (int i = 0; i < SLOTS; i++) {
        if (blocks[i].p) {
            check(&blocks[i], blocks[i].n);
            tlibc_free(blocks[i].p);
        }
    }
    assert_int_equal(tlibc_vsgx_tlibc_heap_used(), 0);
    assert_true(tlibc_vsgx_tlibc_heap_peak() > 0);
    /* Everything merged back: one allocation of nearly the whole heap succeeds. */
    void *all = tlibc_malloc(HEAP_SIZE - 64);
    assert_non_null(all);
    tlibc_free(all);
}

static void test_exhaustion(void **state)
{
    (void)state;
    fresh_heap(64 * 1024);
    void *ptrs[4096];
    int n = 0;
    for (; n < 4096; n++) {
        TLIBC_ERRNO = 0;
        ptrs[n] = tlibc_malloc(100);
        if (!ptrs[n])
            break;
    }
    assert_true(n > 100 && n < 4096);
    assert_int_equal(TLIBC_ERRNO, ENOMEM);
    assert_null(tlibc_malloc(64 * 1024));
    assert_null(tlibc_malloc(SIZE_MAX));
    assert_null(tlibc_malloc(SIZE_MAX / 2 + 1));
    TLIBC_ERRNO = 0;
    assert_null(tlibc_calloc(SIZE_MAX / 2, 4));
    assert_int_equal(TLIBC_ERRNO, ENOMEM);
    /* A failed realloc leaves the block as it was. */
    memset(ptrs[0], 0x5a, 100);
    assert_null(tlibc_realloc(ptrs[0], 1 << 20));
    assert_int_equal(((unsigned char *)ptrs[0])[99], 0x5a);
    for (int i = 0; i < n; i += 2)
        tlibc_free(ptrs[i]);
    for (int i = 1; i < n; i += 2)
        tlibc_free(ptrs[i]);
    assert_int_equal(tlibc_vsgx_tlibc_heap_used(), 0);
    void *big = tlibc_malloc(60 * 1024);
    assert_non_null(big);
    tlibc_free(big);
    /* A heap too small for one chunk has nothing to give. */
    fresh_heap(32);
    assert_null(tlibc_malloc(1));
}

static void test_realloc_in_place(void **state)
{
    (void)state;
    fresh_heap(1 << 20);
    unsigned char *a = tlibc_malloc(100);
    memset(a, 1, 100);
    unsigned char *grown = tlibc_realloc(a, 5000);   /* the rest of the heap follows a: in place */
    assert_ptr_equal(grown, a);
    for (int i = 0; i < 100; i++)
        assert_int_equal(grown[i], 1);
    unsigned char *shrunk = tlibc_realloc(grown, 10);
    assert_ptr_equal(shrunk, a);
    unsigned char *b = tlibc_malloc(64);            /* takes the freed tail */
    assert_true(b > a && b < a + 5000);
    unsigned char *moved = tlibc_realloc(a, 200);   /* b is in the way: moved */
    assert_ptr_not_equal(moved, a);
    for (int i = 0; i < 10; i++)
        assert_int_equal(moved[i], 1);
    tlibc_free(moved);
    tlibc_free(b);
    assert_int_equal(tlibc_vsgx_tlibc_heap_used(), 0);
    assert_non_null(a = tlibc_realloc(NULL, 30));
    tlibc_free(a);
}

static void test_aligned(void **state)
{
    (void)state;
    fresh_heap(HEAP_SIZE);
    void *keep[64];
    int k = 0;
    for (size_t align = 1; align <= 65536; align *= 2) {
        for (size_t n = 1; n < 3000; n += 997) {
            unsigned char *p = tlibc_aligned_alloc(align, n);
            assert_non_null(p);
            assert_int_equal((uintptr_t)p % align, 0);
            assert_int_equal((uintptr_t)p % 16, 0);
            memset(p, 0xab, n);
            if (k < 64)
                keep[k++] = p;
            else
                tlibc_free(p);
        }
    }
    void *q = NULL;
    assert_int_equal(tlibc_posix_memalign(&q, 4096, 100), 0);
    assert_int_equal((uintptr_t)q % 4096, 0);
    tlibc_free(q);
    assert_int_equal(tlibc_posix_memalign(&q, 3, 100), EINVAL);
    assert_int_equal(tlibc_posix_memalign(&q, 4, 100), EINVAL);
    assert_int_equal(tlibc_posix_memalign(&q, 64, SIZE_MAX / 2), ENOMEM);
    TLIBC_ERRNO = 0;
    assert_null(tlibc_memalign(24, 10));
    assert_int_equal(TLIBC_ERRNO, EINVAL);
    for (int i = 0; i < k; i++)
        tlibc_free(keep[i]);
    assert_int_equal(tlibc_vsgx_tlibc_heap_used(), 0);
    assert_non_null(q = tlibc_malloc(HEAP_SIZE - 64));
    tlibc_free(q);
}

static void *worker(void *arg)
{
    unsigned seed = (unsigned)(uintptr_t)arg;
    void *mine[64] = { 0 };
    for (int i = 0; i < 50000; i++) {
        seed = seed * 1103515245u + 12345u;
        int slot = (int)((seed >> 8) % 64);
        if (mine[slot]) {
            if (*(unsigned *)mine[slot] != (unsigned)slot + (unsigned)(uintptr_t)arg)
                return (void *)1;
            tlibc_free(mine[slot]);
            mine[slot] = NULL;
        } else {
            mine[slot] = tlibc_malloc(16 + (seed >> 20) % 512);
            if (!mine[slot])
                return (void *)1;
            *(unsigned *)mine[slot] = (unsigned)slot + (unsigned)(uintptr_t)arg;
        }
    }
    for (int i = 0; i < 64; i++)
        tlibc_free(mine[i]);
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    fresh_heap(HEAP_SIZE);
    pthread_t t[4];
    for (uintptr_t i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&t[i], NULL, worker, (void *)(i * 1000)), 0);
    for (int i = 0; i < 4; i++) {
        void *r;
        pthread_join(t[i], &r);
        assert_null(r);
    }
    assert_int_equal(tlibc_vsgx_tlibc_heap_used(), 0);
}

static void do_free(void *p)
{
    tlibc_free(p);
}

static char last_message[256];

static void record(const char *message)
{
    snprintf(last_message, sizeof last_message, "%s", message);
}

static void test_corruption_aborts(void **state)
{
    (void)state;
    fresh_heap(1 << 20);
    tlibc_vsgx_tlibc_set_assert_hook(record);
    unsigned char *a = tlibc_malloc(64), *b = tlibc_malloc(64), *c = tlibc_malloc(64);
    tlibc_free(a);
    assert_true(tlibc_aborts(do_free, a));                      /* double free */
    assert_string_equal(last_message, "free(): double free");
    tlibc_free(b);                                               /* merges with a */
    assert_true(tlibc_aborts(do_free, b));                      /* b's header is gone */
    assert_true(tlibc_aborts(do_free, c + 16));                 /* not a block's start */
    assert_true(tlibc_aborts(do_free, c + 8));                  /* misaligned */
    static unsigned char outside[64];
    assert_true(tlibc_aborts(do_free, outside + 16));           /* not in the heap */
    /* The heap is still usable after a refused free. */
    unsigned char *d = tlibc_malloc(32);
    assert_non_null(d);
    tlibc_free(d);
    /* An overrun of the block before c breaks c's header: caught when c is freed. */
    memset(c - 16, 0x41, 16);
    assert_true(tlibc_aborts(do_free, c));
    assert_string_equal(last_message, "free(): corrupted chunk header");
    tlibc_vsgx_tlibc_set_assert_hook(NULL);
}

int main(void)
{
    heap_memory = aligned_alloc(4096, HEAP_SIZE);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_before_init),
        cmocka_unit_test(test_random_operations),
        cmocka_unit_test(test_exhaustion),
        cmocka_unit_test(test_realloc_in_place),
        cmocka_unit_test(test_aligned),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_corruption_aborts),
    };
    int r = cmocka_run_group_tests(tests, NULL, NULL);
    free(heap_memory);
    return r;
}
