/* strtol.c — tlibc: string to integer (strtol, strtoul, strtoll, strtoull, strtoimax,
 * strtoumax, atoi, atol, atoll). Leading white space, an optional sign, base 0 (decimal,
 * 0 octal, 0x hexadecimal), 2..36; out-of-range values saturate with errno ERANGE; *end points
 * after the last digit used, or at the start when there is none. The unsigned forms negate a
 * value given with '-', as C requires. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>

static int digit_value(int c)
{
    if (isdigit(c))
        return c - '0';
    if (isalpha(c))
        return tolower(c) - 'a' + 10;
    return 99;
}

/* Parses the magnitude, saturating at `limit`; *neg gets the sign, *over overflow. Returns the
 * magnitude; *end as strtol's. */
static unsigned long long parse(const char *s, char **end, int base, unsigned long long limit,
                                int *neg, int *over)
{
    const char *p = s;
    *neg = 0;
    *over = 0;
    if (end)
        *end = (char *)s;
    if (base < 0 || base == 1 || base > 36) {
        errno = EINVAL;
        return 0;
    }
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '+' || *p == '-')
        *neg = *p++ == '-';
    if ((base == 0 || base == 16) && p[0] == '0' && (p[1] | 0x20) == 'x' &&
        digit_value((unsigned char)p[2]) < 16) {
        p += 2;
        base = 16;
    } else if (base == 0) {
        base = p[0] == '0' ? 8 : 10;
    }
    unsigned long long v = 0;
    const char *first = p;
    for (int d; (d = digit_value((unsigned char)*p)) < base; p++) {
        if (*over)
            continue;
        if (v > (limit - (unsigned)d) / (unsigned)base) {
            *over = 1;
            v = limit;
        } else {
            v = v * (unsigned)base + (unsigned)d;
        }
    }
    if (p == first)
        return 0;
    if (end)
        *end = (char *)p;
    return v;
}

static long long to_signed(const char *s, char **end, int base, long long min, long long max)
{
    int neg, over;
    unsigned long long limit = (unsigned long long)max + 1;   /* |min| */
    unsigned long long v = parse(s, end, base, limit, &neg, &over);
    if (!neg && v > (unsigned long long)max) {
        over = 1;
        v = (unsigned long long)max;
    }
    if (over) {
        errno = ERANGE;
        return neg ? min : max;
    }
    return neg ? (long long)(0 - v) : (long long)v;
}

static unsigned long long to_unsigned(const char *s, char **end, int base, unsigned long long max)
{
    int neg, over;
    unsigned long long v = parse(s, end, base, max, &neg, &over);
    if (over) {
        errno = ERANGE;
        return max;
    }
    return neg ? 0 - v : v;
}

long strtol(const char *restrict s, char **restrict end, int base)
{
    return (long)to_signed(s, end, base, LONG_MIN, LONG_MAX);
}

long long strtoll(const char *restrict s, char **restrict end, int base)
{
    return to_signed(s, end, base, LLONG_MIN, LLONG_MAX);
}

intmax_t strtoimax(const char *restrict s, char **restrict end, int base)
{
    return (intmax_t)to_signed(s, end, base, INTMAX_MIN, INTMAX_MAX);
}

unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
    return (unsigned long)to_unsigned(s, end, base, ULONG_MAX);
}

unsigned long long strtoull(const char *restrict s, char **restrict end, int base)
{
    return to_unsigned(s, end, base, ULLONG_MAX);
}

uintmax_t strtoumax(const char *restrict s, char **restrict end, int base)
{
    return (uintmax_t)to_unsigned(s, end, base, UINTMAX_MAX);
}

int atoi(const char *s)
{
    return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
    return strtol(s, NULL, 10);
}

long long atoll(const char *s)
{
    return strtoll(s, NULL, 10);
}
