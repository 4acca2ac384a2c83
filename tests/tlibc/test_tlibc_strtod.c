/* test_tlibc_strtod.c — tlibc's strtod and strtof: every random double printed with %.17g
 * reads back to the same bits; random decimal strings (short, long, tiny and huge exponents)
 * convert exactly as glibc converts them, errno included; halfway cases round to even; hex
 * floats, inf and nan, and where *end points. */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tlibc_test.h"

static uint64_t bits_of(double d)
{
    uint64_t b;
    memcpy(&b, &d, sizeof b);
    return b;
}

static uint32_t fbits_of(float f)
{
    uint32_t b;
    memcpy(&b, &f, sizeof b);
    return b;
}

/* tlibc_strtod and glibc's strtod agree on value bits, end offset and ERANGE. */
static void same_strtod(const char *s)
{
    char *we, *ge;
    errno = 0;
    double want = strtod(s, &we);
    int werr = errno;
    TLIBC_ERRNO = 0;
    double got = tlibc_strtod(s, &ge);
    int gerr = TLIBC_ERRNO;
    if (isnan(want) && isnan(got) && signbit(want) == signbit(got))
        got = want;
    if (bits_of(want) != bits_of(got) || we - s != ge - s || (werr == ERANGE) != (gerr == ERANGE))
        fail_msg("strtod(\"%s\"): glibc %a end %td errno %d, tlibc %a end %td errno %d", s, want,
                 we - s, werr, got, ge - s, gerr);
}

static void same_strtof(const char *s)
{
    char *we, *ge;
    errno = 0;
    float want = strtof(s, &we);
    int werr = errno;
    TLIBC_ERRNO = 0;
    float got = tlibc_strtof(s, &ge);
    int gerr = TLIBC_ERRNO;
    if (isnan(want) && isnan(got))
        got = want;
    if (fbits_of(want) != fbits_of(got) || we - s != ge - s || (werr == ERANGE) != (gerr == ERANGE))
        fail_msg("strtof(\"%s\"): glibc %a end %td errno %d, tlibc %a end %td errno %d", s,
                 (double)want, we - s, werr, (double)got, ge - s, gerr);
}

static void test_round_trip(void **state)
{
    (void)state;
    char buf[64];
    for (int i = 0; i < 100000; i++) {
        uint64_t b = tlibc_test_rand();
        double d;
        memcpy(&d, &b, sizeof d);
        if (!isfinite(d))
            continue;
        snprintf(buf, sizeof buf, "%.17g", d);
        double back = tlibc_strtod(buf, NULL);
        if (bits_of(back) != b)
            fail_msg("%s read back as %a, not %a", buf, back, d);
        float f = (float)d;
        if (isfinite(f)) {
            snprintf(buf, sizeof buf, "%.9g", (double)f);
            if (fbits_of(tlibc_strtof(buf, NULL)) != fbits_of(f))
                fail_msg("strtof(%s) is not %a", buf, (double)f);
        }
    }
}

static void test_edge_cases(void **state)
{
    (void)state;
    static const char *const cases[] = {
        "0", "-0", "+0.0", "1", "-1", "0.1", ".5", "5.", "  \t\n12.5xyz", "1e10", "1E-10",
        "1e", "1e+", "1e-x", "1.5e3.2", "-", "+", ".", "-.", "", "abc", "e5", "0x", "0x1p",
        "0xg", "0x1.8p3", "0X1P-2", "-0x.8p1", "0x1p-1074", "0x1p-1075", "0x1.8p-1075",
        "0x1.fffffffffffffp1023", "0x1.fffffffffffff8p1023", "0x123456789abcdef0123p0",
        "0x0.0000000000001p-1022", "0x1.00000000000008p0", "0x1.00000000000018p0",
        "0x1.000000000000080000000001p0", "inf", "-INF", "infinity", "Infinity!", "infinit",
        "nan", "-nan", "NaN(123abc)", "nan(", "nan()x", "nanx",
        "1e308", "1.7976931348623157e308", "1.7976931348623158e308", "1.797693134862315807e308",
        "1.7976931348623159e308", "1e309", "-1e400", "1e-300", "2.2250738585072011e-308",
        "2.2250738585072012e-308", "2.2250738585072014e-308", "4.9406564584124654e-324",
        "2.4703282292062327e-324", "2.4703282292062328e-324", "3e-324", "1e-324", "1e-400",
        "9007199254740993", "9007199254740995", "9007199254740993.0000000000000000000001",
        "9007199254740992.9999999999999999999999", "123456789012345678901234567890",
        "0.000000000000000000000000000000000000000000001234", "00000000000123.4500000000",
        "1e99999999999", "1e-99999999999", "0e99999", "0.0e-99999", "100000000000000000000000e-23",
        "7.038531e-26", "8.533e+68", "4.1006e-184", "9.998e+307", "9.9538452227e-280",
        "6.47660115e-260", "7.4e+47", "5.92e+48", "7.35e+66", "8.32116e+55",
        "2.2250738585072012e-308", "0.5", "1.5", "2.5",
        "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791.9999999999999999999999999999999999999999999999999999999999999999999999",
        "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792",
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        same_strtod(cases[i]);
        same_strtof(cases[i]);
    }
    /* A halfway case spelled with far more than 800 digits: the last nonzero digit decides. */
    static char longer[2000];
    strcpy(longer, "1.00000000000000011102230246251565404236316680908203125");
    memset(longer + strlen(longer), '0', 1500);
    same_strtod(longer);
    assert_true(tlibc_strtod(longer, NULL) == 1.0);                 /* the tie goes to even */
    strcat(longer, "1");
    same_strtod(longer);
    assert_true(tlibc_strtod(longer, NULL) == 0x1.0000000000001p0);  /* just above: up */
    /* Overflow and underflow report ERANGE with ±HUGE_VAL and zero. */
    TLIBC_ERRNO = 0;
    assert_true(tlibc_strtod("-1e999", NULL) == -HUGE_VAL);
    assert_int_equal(TLIBC_ERRNO, ERANGE);
    TLIBC_ERRNO = 0;
    assert_true(tlibc_strtod("1e-999", NULL) == 0.0);
    assert_int_equal(TLIBC_ERRNO, ERANGE);
    TLIBC_ERRNO = 0;
    assert_true(tlibc_strtof("1e39", NULL) == HUGE_VALF);
    assert_int_equal(TLIBC_ERRNO, ERANGE);
    assert_true(tlibc_atof("  2.5e1") == 25.0);
}

/* Random decimal strings: 1–40 significant digits, a point anywhere, exponents across and
 * beyond the range of double. */
static void test_random_decimal(void **state)
{
    (void)state;
    char buf[128];
    for (int i = 0; i < 60000; i++) {
        int nd = 1 + (int)(tlibc_test_rand() % (i % 3 == 0 ? 40 : 19));
        int point = (int)(tlibc_test_rand() % (uint64_t)(nd + 1));
        size_t n = 0;
        if (tlibc_test_rand() & 1)
            buf[n++] = '-';
        for (int k = 0; k < nd; k++) {
            if (k == point)
                buf[n++] = '.';
            buf[n++] = (char)('0' + tlibc_test_rand() % 10);
        }
        int e = (int)(tlibc_test_rand() % 720) - 360;
        snprintf(buf + n, sizeof buf - n, "e%d", e);
        same_strtod(buf);
        if (i % 4 == 0) {
            snprintf(buf + n, sizeof buf - n, "e%d", e / 8);
            same_strtof(buf);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_edge_cases),
        cmocka_unit_test(test_random_decimal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
