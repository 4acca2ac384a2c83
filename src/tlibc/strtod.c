/* strtod.c — tlibc: string to floating point (strtod, strtof, atof), correctly rounded.
 * Accepts what C does: white space, a sign, a decimal number with an optional exponent, a
 * hexadecimal one (0x1.8p3), inf/infinity, nan/nan(chars). A decimal value D·10^E becomes the
 * exact fraction num/den of big integers, from which 64 quotient bits and a sticky remainder
 * bit are enough for one correct rounding (binary.c). Digits beyond the 800th only matter as
 * "nonzero or not" and are folded into one final digit. Overflow gives ±HUGE_VAL and underflow
 * a subnormal or zero, both with errno ERANGE. */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bignum.h"
#include "internal.h"

#define MAX_DIGITS 800

typedef struct {
    uint64_t bits;              /* of a double */
    int range;
} result_t;

static int match(const char *p, const char *word)
{
    size_t i = 0;
    for (; word[i]; i++)
        if (tolower((unsigned char)p[i]) != word[i])
            return 0;
    return (int)i;
}

/* Parses an optional exponent part after p ('e' or 'p' given); returns the new position (p
 * when there is no valid exponent) and the value, saturated. */
static const char *parse_exponent(const char *p, char letter, long *out)
{
    *out = 0;
    if ((*p | 0x20) != letter)
        return p;
    const char *q = p + 1;
    int neg = 0;
    if (*q == '+' || *q == '-')
        neg = *q++ == '-';
    if (!isdigit((unsigned char)*q))
        return p;
    long v = 0;
    for (; isdigit((unsigned char)*q); q++)
        if (v < 100000000)
            v = v * 10 + (*q - '0');
    *out = neg ? -v : v;
    return q;
}

/* num·2^s / den with s chosen for a 63–64-bit quotient. */
static uint64_t divide(bignum_t *num, bignum_t *den, int *exp2, int *sticky)
{
    int s = tlibc_bn_bits(den) - tlibc_bn_bits(num) + 63;
    if (s > 0)
        tlibc_bn_shl(num, s);
    else
        tlibc_bn_shl(den, -s);
    bignum_t t = *den;
    tlibc_bn_shl(&t, 63);
    uint64_t q = 0;
    for (int i = 63; i >= 0; i--) {
        if (tlibc_bn_cmp(num, &t) >= 0) {
            tlibc_bn_sub(num, &t);
            q |= 1ULL << i;
        }
        tlibc_bn_shr1(&t);
    }
    *exp2 = -s;
    *sticky = !tlibc_bn_is_zero(num);
    return q;
}

static const char *parse_decimal(const char *p, result_t *r, int *ok, int frac_bits, int exp_bits)
{
    char digits[MAX_DIGITS + 1];
    int nd = 0, any = 0, seen_point = 0, dropped_nonzero = 0;
    long exp10 = 0;
    for (;; p++) {
        if (*p == '.' && !seen_point) {
            seen_point = 1;
            continue;
        }
        if (!isdigit((unsigned char)*p))
            break;
        any = 1;
        if (nd == 0 && *p == '0') {
            exp10 -= seen_point;
            continue;
        }
        if (nd < MAX_DIGITS) {
            digits[nd++] = *p;
            exp10 -= seen_point;
        } else {
            dropped_nonzero |= *p != '0';
            exp10 += !seen_point;
        }
    }
    if (!any) {
        *ok = 0;
        return p;
    }
    *ok = 1;
    long e;
    p = parse_exponent(p, 'e', &e);
    if (dropped_nonzero) {
        digits[nd++] = '1';
        exp10--;
    }
    while (nd > 0 && digits[nd - 1] == '0') {
        nd--;
        exp10++;
    }
    r->bits = 0;
    if (nd == 0)
        return p;
    e += exp10;
    if (nd + e > 310) {
        r->range = 1;
        r->bits = tlibc_make_binary(1, 4096, 0, frac_bits, exp_bits, &r->range);
        return p;
    }
    if (nd + e < -324) {
        r->range = 1;
        return p;
    }
    bignum_t num, den;
    tlibc_bn_set(&num, 0);
    for (int i = 0; i < nd; i++)
        tlibc_bn_muladd(&num, 10, (uint32_t)(digits[i] - '0'));
    tlibc_bn_set(&den, 1);
    if (e >= 0)
        tlibc_bn_mul_pow10(&num, (int)e);
    else
        tlibc_bn_mul_pow10(&den, (int)-e);
    int exp2, sticky;
    uint64_t q = divide(&num, &den, &exp2, &sticky);
    r->bits = tlibc_make_binary(q, exp2, sticky, frac_bits, exp_bits, &r->range);
    return p;
}

static int hex_value(int c)
{
    if (isdigit(c))
        return c - '0';
    c = tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* After "0x": hexadecimal digits with an optional point and binary exponent. */
static const char *parse_hex(const char *p, result_t *r, int *ok, int frac_bits, int exp_bits)
{
    uint64_t mant = 0;
    long exp2 = 0;
    int any = 0, seen_point = 0, sticky = 0, v;
    for (;; p++) {
        if (*p == '.' && !seen_point) {
            seen_point = 1;
            continue;
        }
        if ((v = hex_value((unsigned char)*p)) < 0)
            break;
        any = 1;
        if (mant >> 60) {             /* full: further digits only set the sticky bit */
            sticky |= v != 0;
            exp2 += seen_point ? 0 : 4;
        } else {
            mant = mant << 4 | (unsigned)v;
            exp2 -= seen_point ? 4 : 0;
        }
    }
    *ok = any;
    if (!any)
        return p;
    long e;
    p = parse_exponent(p, 'p', &e);
    e += exp2;
    if (e > 100000)
        e = 100000;
    if (e < -100000)
        e = -100000;
    r->bits = tlibc_make_binary(mant, (int)e, sticky, frac_bits, exp_bits, &r->range);
    return p;
}

/* The whole conversion, for a format of frac_bits/exp_bits; returns the bits with the sign. */
static uint64_t convert(const char *s, char **end, int frac_bits, int exp_bits)
{
    const char *p = s;
    result_t r = { 0, 0 };
    int ok = 0, neg = 0, n;
    uint64_t inf = ((1ULL << exp_bits) - 1) << frac_bits;
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '+' || *p == '-')
        neg = *p++ == '-';
    if ((n = match(p, "infinity")) || (n = match(p, "inf"))) {
        r.bits = inf;
        p += n;
        ok = 1;
    } else if ((n = match(p, "nan"))) {
        r.bits = inf | (1ULL << (frac_bits - 1));
        p += n;
        ok = 1;
        if (*p == '(') {
            const char *q = p + 1;
            while (isalnum((unsigned char)*q) || *q == '_')
                q++;
            if (*q == ')')
                p = q + 1;
        }
    } else if (p[0] == '0' && (p[1] | 0x20) == 'x') {
        const char *q = parse_hex(p + 2, &r, &ok, frac_bits, exp_bits);
        if (ok)
            p = q;
        else            /* "0x" without digits: the "0" alone */
            p = parse_decimal(p, &r, &ok, frac_bits, exp_bits);
    } else {
        p = parse_decimal(p, &r, &ok, frac_bits, exp_bits);
    }
    if (!ok) {
        if (end)
            *end = (char *)s;
        return 0;
    }
    if (end)
        *end = (char *)p;
    if (r.range)
        errno = ERANGE;
    return r.bits | (neg ? 1ULL << (frac_bits + exp_bits) : 0);
}

double strtod(const char *restrict s, char **restrict end)
{
    uint64_t bits = convert(s, end, 52, 11);
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}

float strtof(const char *restrict s, char **restrict end)
{
    uint32_t bits = (uint32_t)convert(s, end, 23, 8);
    float f;
    memcpy(&f, &bits, sizeof f);
    return f;
}

double atof(const char *s)
{
    return strtod(s, NULL);
}
