/* test_tlibc_string.c — tlibc's string, memory, ctype, qsort/bsearch and strto* functions
 * against glibc's on random and edge-case inputs: results (the sign of comparisons), returned
 * pointers, errno and *end. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "tlibc_test.h"

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

/* A random NUL-terminated string of up to max-1 bytes over a small alphabet (so that searches
 * and comparisons find things), sometimes with bytes >= 128. */
static void random_string(char *s, size_t max)
{
    size_t n = tlibc_test_rand() % max;
    for (size_t i = 0; i < n; i++) {
        uint64_t r = tlibc_test_rand();
        s[i] = r % 17 == 0 ? (char)(0x80 + r % 100) : (char)("abcAB .,x"[r % 9]);
    }
    s[n] = '\0';
}

static void test_memory(void **state)
{
    (void)state;
    unsigned char a[300], b[300], c[300];
    for (int i = 0; i < 20000; i++) {
        for (size_t k = 0; k < sizeof a; k++)
            a[k] = b[k] = c[k] = (unsigned char)tlibc_test_rand();
        size_t n = tlibc_test_rand() % 120, from = tlibc_test_rand() % 150, to = tlibc_test_rand() % 150;
        /* overlapping moves in both directions */
        memmove(b + to, b + from, n);
        assert_ptr_equal(tlibc_memmove(c + to, c + from, n), c + to);
        assert_memory_equal(b, c, sizeof b);
        assert_ptr_equal(tlibc_memcpy(c, a + 150, n), c);
        assert_memory_equal(c, a + 150, n);
        int v = (int)(tlibc_test_rand() % 512) - 256;
        memset(b + from, v, n);
        assert_ptr_equal(tlibc_memset(c + from, v, n), c + from);
        assert_memory_equal(b + from, c + from, n);
        memcpy(b, a, sizeof a);
        if (n)
            b[tlibc_test_rand() % n] ^= (unsigned char)(1 + tlibc_test_rand() % 255);
        assert_int_equal(sign(tlibc_memcmp(a, b, n)), sign(memcmp(a, b, n)));
        int ch = a[tlibc_test_rand() % sizeof a];
        assert_ptr_equal(tlibc_memchr(a, ch, n), memchr(a, ch, n));
    }
    memset(a, 0x77, sizeof a);
    tlibc_explicit_bzero(a, 100);
    assert_int_equal(a[0], 0);
    assert_int_equal(a[99], 0);
    assert_int_equal(a[100], 0x77);
}

static void test_strings(void **state)
{
    (void)state;
    char s[64], t[64], d1[256], d2[256];
    const char *sets[] = { "", "a", "ab ", ".,", "xyz", "\x85" };
    for (int i = 0; i < 20000; i++) {
        random_string(s, sizeof s);
        random_string(t, i % 3 ? 6 : sizeof t);
        size_t n = tlibc_test_rand() % 70;
        int ch = (unsigned char)"abcAB .,x\0\x85"[tlibc_test_rand() % 11];
        const char *set = sets[tlibc_test_rand() % 6];
        assert_int_equal(tlibc_strlen(s), strlen(s));
        assert_int_equal(tlibc_strnlen(s, n), strnlen(s, n));
        assert_int_equal(sign(tlibc_strcmp(s, t)), sign(strcmp(s, t)));
        assert_int_equal(sign(tlibc_strncmp(s, t, n)), sign(strncmp(s, t, n)));
        assert_int_equal(sign(tlibc_strcasecmp(s, t)), sign(strcasecmp(s, t)));
        assert_int_equal(sign(tlibc_strncasecmp(s, t, n)), sign(strncasecmp(s, t, n)));
        assert_ptr_equal(tlibc_strchr(s, ch), strchr(s, ch));
        assert_ptr_equal(tlibc_strrchr(s, ch), strrchr(s, ch));
        assert_ptr_equal(tlibc_strstr(s, t), strstr(s, t));
        assert_ptr_equal(tlibc_strstr(s, t + strlen(t) / 2), strstr(s, t + strlen(t) / 2));
        assert_int_equal(tlibc_strspn(s, set), strspn(s, set));
        assert_int_equal(tlibc_strcspn(s, set), strcspn(s, set));
        assert_ptr_equal(tlibc_strpbrk(s, set), strpbrk(s, set));
        memset(d1, 'q', sizeof d1);
        memset(d2, 'q', sizeof d2);
        strcpy(d1, t);
        tlibc_strcpy(d2, t);
        assert_memory_equal(d1, d2, sizeof d1);
        strcat(d1, s);
        assert_ptr_equal(tlibc_strcat(d2, s), d2);
        assert_memory_equal(d1, d2, sizeof d1);
        strncat(d1, t, n);
        tlibc_strncat(d2, t, n);
        assert_memory_equal(d1, d2, sizeof d1);
        strncpy(d1, s, n);
        tlibc_strncpy(d2, s, n);
        assert_memory_equal(d1, d2, sizeof d1);
    }
}

static void test_strtok_and_dup(void **state)
{
    (void)state;
    static unsigned char heap[1 << 16] __attribute__((aligned(16)));
    tlibc_vsgx_tlibc_heap_init(heap, sizeof heap, sizeof heap);
    char a[] = ",,alpha, beta,,gamma ,", b[sizeof a];
    memcpy(b, a, sizeof a);
    char *sa, *sb;
    char *ta = strtok_r(a, ", ", &sa), *tb = tlibc_strtok_r(b, ", ", &sb);
    while (ta || tb) {
        assert_non_null(ta);
        assert_non_null(tb);
        assert_int_equal(ta - a, tb - b);
        assert_string_equal(ta, tb);
        ta = strtok_r(NULL, ", ", &sa);
        tb = tlibc_strtok_r(NULL, ", ", &sb);
    }
    assert_null(tlibc_strtok_r(NULL, ",", &sb));
    char *d = tlibc_strdup("copy me");
    assert_string_equal(d, "copy me");
    tlibc_free(d);
    d = tlibc_strndup("copy me", 4);
    assert_string_equal(d, "copy");
    tlibc_free(d);
    d = tlibc_strndup("ab", 10);
    assert_string_equal(d, "ab");
    tlibc_free(d);
    static const int wide[] = { 'w', 'i', 'd', 'e', 0 };
    assert_int_equal(tlibc_wcslen(wide), 4);
}

static void test_ctype(void **state)
{
    (void)state;
    for (int c = -1; c < 256; c++) {
        assert_int_equal(!!tlibc_isalnum(c), !!isalnum(c));
        assert_int_equal(!!tlibc_isalpha(c), !!isalpha(c));
        assert_int_equal(!!tlibc_isblank(c), !!isblank(c));
        assert_int_equal(!!tlibc_iscntrl(c), !!iscntrl(c));
        assert_int_equal(!!tlibc_isdigit(c), !!isdigit(c));
        assert_int_equal(!!tlibc_isgraph(c), !!isgraph(c));
        assert_int_equal(!!tlibc_islower(c), !!islower(c));
        assert_int_equal(!!tlibc_isprint(c), !!isprint(c));
        assert_int_equal(!!tlibc_ispunct(c), !!ispunct(c));
        assert_int_equal(!!tlibc_isspace(c), !!isspace(c));
        assert_int_equal(!!tlibc_isupper(c), !!isupper(c));
        assert_int_equal(!!tlibc_isxdigit(c), !!isxdigit(c));
        assert_int_equal(tlibc_tolower(c), tolower(c));
        assert_int_equal(tlibc_toupper(c), toupper(c));
    }
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

typedef struct {
    long key;
    char pad[16];
} record_t;

static int cmp_record(const void *a, const void *b)
{
    long x = ((const record_t *)a)->key, y = ((const record_t *)b)->key;
    return (x > y) - (x < y);
}

static void test_qsort_bsearch(void **state)
{
    (void)state;
    static int x[5000], y[5000];
    for (int round = 0; round < 300; round++) {
        size_t n = tlibc_test_rand() % (round < 100 ? 40 : 5000);
        int range = round % 3 == 0 ? 5 : 1000000;
        for (size_t i = 0; i < n; i++) {
            switch (round % 5) {
            case 0: x[i] = (int)i; break;                      /* sorted */
            case 1: x[i] = (int)(n - i); break;                /* reversed */
            case 2: x[i] = (int)(i % 7); break;                /* organ pipe of repeats */
            default: x[i] = (int)(tlibc_test_rand() % (uint64_t)range) - range / 2;
            }
            y[i] = x[i];
        }
        qsort(x, n, sizeof *x, cmp_int);
        tlibc_qsort(y, n, sizeof *y, cmp_int);
        assert_memory_equal(x, y, n * sizeof *x);
        for (int k = 0; k < 20 && n; k++) {
            int key = (int)(tlibc_test_rand() % (uint64_t)range) - range / 2;
            int *want = bsearch(&key, x, n, sizeof *x, cmp_int);
            int *got = tlibc_bsearch(&key, y, n, sizeof *y, cmp_int);
            assert_int_equal(want != NULL, got != NULL);
            if (got)
                assert_int_equal(*got, key);
            key = y[tlibc_test_rand() % n];
            got = tlibc_bsearch(&key, y, n, sizeof *y, cmp_int);
            assert_non_null(got);
            assert_int_equal(*got, key);
        }
    }
    static record_t r[1000];
    for (size_t i = 0; i < 1000; i++) {
        r[i].key = (long)(tlibc_test_rand() % 100000);
        memset(r[i].pad, (int)(r[i].key & 0xff), sizeof r[i].pad);
    }
    tlibc_qsort(r, 1000, sizeof *r, cmp_record);
    for (size_t i = 0; i < 1000; i++) {
        if (i)
            assert_true(r[i - 1].key <= r[i].key);
        assert_int_equal((unsigned char)r[i].pad[15], (unsigned char)(r[i].key & 0xff));
    }
    tlibc_qsort(NULL, 0, 4, cmp_int);
    assert_null(tlibc_bsearch(&r[0].key, NULL, 0, 4, cmp_int));
}

static const char *const int_strings[] = {
    "0", "1", "-1", "+42", "  \t\n 17xyz", "   ", "", "-", "+", "x", "0x", "0x1f", "0X1F", "0xg",
    "-0x10", "010", "08", "0", "00", "9223372036854775807", "9223372036854775808",
    "-9223372036854775808", "-9223372036854775809", "18446744073709551615",
    "18446744073709551616", "-18446744073709551615", "-18446744073709551616",
    "99999999999999999999999999", "-99999999999999999999999", "2147483647", "2147483648",
    "zz", "Zz", "1010102", "777", "7fffffffffffffff", "ffffffffffffffff", "10000000000000000",
    "0x7fffffffffffffff", "0xffffffffffffffff", "0x10000000000000000", " -0", "1 2",
};

static void test_strto_integers(void **state)
{
    (void)state;
    static const int bases[] = { 0, 2, 8, 10, 16, 36, 1, 37, -1 };
    for (size_t i = 0; i < sizeof int_strings / sizeof *int_strings; i++) {
        const char *s = int_strings[i];
        for (size_t b = 0; b < sizeof bases / sizeof *bases; b++) {
            int base = bases[b];
            char *we, *ge;
            if (base == 1 || base > 36 || base < 0) {
                /* EINVAL and 0; glibc leaves *end alone, tlibc points it at the start. */
                TLIBC_ERRNO = 0;
                assert_int_equal(tlibc_strtol(s, &ge, base), 0);
                assert_int_equal(TLIBC_ERRNO, EINVAL);
                assert_ptr_equal(ge, s);
                continue;
            }
            errno = 0;
            TLIBC_ERRNO = 0;
            long wl = strtol(s, &we, base);
            int werr = errno;
            long gl = tlibc_strtol(s, &ge, base);
            if (wl != gl || we != ge || werr != TLIBC_ERRNO)
                fail_msg("strtol(\"%s\", %d): glibc %ld end %td errno %d, tlibc %ld end %td errno %d",
                         s, base, wl, we - s, werr, gl, ge - s, TLIBC_ERRNO);
            errno = 0;
            TLIBC_ERRNO = 0;
            unsigned long wu = strtoul(s, &we, base);
            werr = errno;
            unsigned long gu = tlibc_strtoul(s, &ge, base);
            if (wu != gu || we != ge || werr != TLIBC_ERRNO)
                fail_msg("strtoul(\"%s\", %d): glibc %lu end %td errno %d, tlibc %lu end %td errno %d",
                         s, base, wu, we - s, werr, gu, ge - s, TLIBC_ERRNO);
            errno = 0;
            TLIBC_ERRNO = 0;
            assert_true(strtoll(s, &we, base) == tlibc_strtoll(s, &ge, base) && we == ge);
            assert_int_equal(errno, TLIBC_ERRNO);
            errno = 0;
            TLIBC_ERRNO = 0;
            assert_true(strtoull(s, &we, base) == tlibc_strtoull(s, &ge, base) && we == ge);
            assert_int_equal(errno, TLIBC_ERRNO);
            assert_true(strtoimax(s, NULL, base) == tlibc_strtoimax(s, NULL, base));
            assert_true(strtoumax(s, NULL, base) == tlibc_strtoumax(s, NULL, base));
        }
        assert_int_equal(atoi(s), tlibc_atoi(s));
        assert_int_equal(atol(s), tlibc_atol(s));
        assert_true(atoll(s) == tlibc_atoll(s));
    }
    char buf[40];
    for (int i = 0; i < 20000; i++) {
        long long v = (long long)tlibc_test_rand() >> (tlibc_test_rand() % 64);
        if (i % 2) {
            snprintf(buf, sizeof buf, "%lld", v);
            assert_true(tlibc_strtoll(buf, NULL, 0) == v);
        } else {
            snprintf(buf, sizeof buf, "%#llx", (unsigned long long)v);
            assert_true(tlibc_strtoull(buf, NULL, 0) == (unsigned long long)v);
        }
    }
    assert_int_equal(tlibc_abs(-5), 5);
    assert_int_equal(tlibc_labs(LONG_MIN + 1), LONG_MAX);
    assert_true(tlibc_llabs(-7LL) == 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_memory),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_strtok_and_dup),
        cmocka_unit_test(test_ctype),
        cmocka_unit_test(test_qsort_bsearch),
        cmocka_unit_test(test_strto_integers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
