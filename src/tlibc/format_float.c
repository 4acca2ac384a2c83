/* format_float.c — tlibc: printf's floating-point conversions. %e %f %g work on the exact
 * decimal digits of the value (decimal.c) rounded once, ties to even, so they print what glibc
 * prints; %a prints the binary fraction in hexadecimal as glibc does (0x1.8p+1; subnormals as
 * 0x0.xxxp-1022). inf and nan keep their sign; the 0 flag does not pad them. */
#include <stdint.h>
#include <string.h>

#include "format.h"

typedef struct {
    const char *digits;
    int nd;                     /* digits in use; 0 for zero */
    int dexp;                   /* value = 0.DIGITS × 10^dexp */
} decimal_t;

static char digit_at(const decimal_t *d, int i)
{
    return i >= 0 && i < d->nd ? d->digits[i] : '0';
}

/* Emits digits [from, from + count) of d. */
static void put_digits(sink_t *s, const decimal_t *d, int from, int count)
{
    while (count > 0) {
        if (from >= 0 && from < d->nd) {
            int n = d->nd - from < count ? d->nd - from : count;
            tlibc_sink_put(s, d->digits + from, (size_t)n);
            from += n;
            count -= n;
        } else {
            int n = from < 0 ? (-from < count ? -from : count) : count;
            tlibc_sink_fill(s, '0', (size_t)n);
            from += n;
            count -= n;
        }
    }
}

/* The sign character, or 0. */
static char sign_of(const spec_t *sp, int negative)
{
    return negative ? '-' : sp->plus ? '+' : sp->space ? ' ' : 0;
}

/* Pads a number of `len` characters (sign excluded) and emits the sign; returns after the
 * leading padding, the caller emits the body and then calls pad_after. */
static void pad_before(sink_t *s, const spec_t *sp, char sign, size_t len, int zero_ok)
{
    size_t total = len + (sign != 0);
    size_t pad = (size_t)sp->width > total ? (size_t)sp->width - total : 0;
    if (!sp->left && !(sp->zero && zero_ok))
        tlibc_sink_fill(s, ' ', pad);
    if (sign)
        tlibc_sink_put(s, &sign, 1);
    if (!sp->left && sp->zero && zero_ok)
        tlibc_sink_fill(s, '0', pad);
}

static void pad_after(sink_t *s, const spec_t *sp, char sign, size_t len)
{
    size_t total = len + (sign != 0);
    if (sp->left && (size_t)sp->width > total)
        tlibc_sink_fill(s, ' ', (size_t)sp->width - total);
}

static int upper(const spec_t *sp)
{
    return sp->conv >= 'A' && sp->conv <= 'Z';
}

/* Fixed notation with `frac` fraction digits. */
static void fixed(sink_t *s, const spec_t *sp, char sign, const decimal_t *d, int frac, int point)
{
    int int_digits = d->dexp > 0 ? d->dexp : 1;
    size_t len = (size_t)int_digits + (point ? 1 + (size_t)frac : 0);
    pad_before(s, sp, sign, len, 1);
    if (d->dexp > 0)
        put_digits(s, d, 0, d->dexp);
    else
        tlibc_sink_put(s, "0", 1);
    if (point) {
        tlibc_sink_put(s, ".", 1);
        put_digits(s, d, d->dexp, frac);
    }
    pad_after(s, sp, sign, len);
}

/* Exponent notation with `frac` fraction digits; x is the decimal exponent. */
static void exponent(sink_t *s, const spec_t *sp, char sign, const decimal_t *d, int frac,
                     int point, int x)
{
    char ebuf[8];
    int en = 0;
    unsigned ax = (unsigned)(x < 0 ? -x : x);
    char tmp[6];
    int tn = 0;
    do
        tmp[tn++] = (char)('0' + ax % 10);
    while ((ax /= 10) > 0);
    if (tn < 2)
        tmp[tn++] = '0';
    ebuf[en++] = upper(sp) ? 'E' : 'e';
    ebuf[en++] = x < 0 ? '-' : '+';
    while (tn > 0)
        ebuf[en++] = tmp[--tn];
    size_t len = 1 + (point ? 1 + (size_t)frac : 0) + (size_t)en;
    pad_before(s, sp, sign, len, 1);
    char lead = digit_at(d, 0);
    tlibc_sink_put(s, &lead, 1);
    if (point) {
        tlibc_sink_put(s, ".", 1);
        put_digits(s, d, 1, frac);
    }
    tlibc_sink_put(s, ebuf, (size_t)en);
    pad_after(s, sp, sign, len);
}

static void special(sink_t *s, const spec_t *sp, char sign, int nan)
{
    const char *text = nan ? (upper(sp) ? "NAN" : "nan") : (upper(sp) ? "INF" : "inf");
    pad_before(s, sp, sign, 3, 0);
    tlibc_sink_put(s, text, 3);
    pad_after(s, sp, sign, 3);
}

static void format_decimal(sink_t *s, const spec_t *sp, char sign, double v)
{
    char digits[TLIBC_DECIMAL_MAX];
    decimal_t d = { digits, 0, 0 };
    d.nd = tlibc_decimal(v, digits, &d.dexp);
    int prec = sp->prec < 0 ? 6 : sp->prec;
    switch (sp->conv) {
    case 'f': case 'F':
        tlibc_round_digits(digits, &d.nd, &d.dexp, d.dexp + prec);
        fixed(s, sp, sign, &d, prec, prec > 0 || sp->alt);
        return;
    case 'e': case 'E':
        tlibc_round_digits(digits, &d.nd, &d.dexp, prec + 1);
        exponent(s, sp, sign, &d, prec, prec > 0 || sp->alt, d.nd ? d.dexp - 1 : 0);
        return;
    default: {                    /* g G */
        int p = prec == 0 ? 1 : prec;
        tlibc_round_digits(digits, &d.nd, &d.dexp, p);
        int x = d.nd ? d.dexp - 1 : 0;
        int sig = d.nd > 0 ? d.nd : 1;      /* significant digits without trailing zeros */
        if (x < p && x >= -4) {
            int frac = sp->alt ? p - 1 - x : (sig - 1 - x > 0 ? sig - 1 - x : 0);
            fixed(s, sp, sign, &d, frac, frac > 0 || sp->alt);
        } else {
            int frac = sp->alt ? p - 1 : sig - 1;
            exponent(s, sp, sign, &d, frac, frac > 0 || sp->alt, x);
        }
        return;
    }
    }
}

/* %a: 0xH.HHHp±d, the fraction rounded to the precision (ties to even) when one is given. */
static void format_hex(sink_t *s, const spec_t *sp, char sign, uint64_t bits)
{
    const char *alphabet = upper(sp) ? "0123456789ABCDEF" : "0123456789abcdef";
    uint64_t frac = bits & ((1ULL << 52) - 1);
    int be = (int)((bits >> 52) & 0x7ff);
    int lead = be != 0;
    int x = be == 0 ? (frac ? -1022 : 0) : be - 1023;
    int ndig = 13;
    if (sp->prec >= 0 && sp->prec < 13) {
        int drop = (13 - sp->prec) * 4;
        uint64_t rest = frac & ((1ULL << drop) - 1), half = 1ULL << (drop - 1);
        frac >>= drop;
        uint64_t last = sp->prec == 0 ? (uint64_t)lead : frac;   /* the digit a tie evens */
        if (rest > half || (rest == half && (last & 1)))
            frac++;
        if (frac >> (sp->prec * 4)) {     /* carried into the leading digit */
            frac &= (1ULL << (sp->prec * 4)) - 1;
            lead++;
        }
        ndig = sp->prec;
    }
    char hex[13];
    for (int i = ndig - 1; i >= 0; i--, frac >>= 4)
        hex[i] = alphabet[frac & 15];
    if (sp->prec < 0)
        while (ndig > 0 && hex[ndig - 1] == '0')
            ndig--;
    int zeros = sp->prec > 13 ? sp->prec - 13 : 0;
    char ebuf[8];
    int en = 0;
    ebuf[en++] = upper(sp) ? 'P' : 'p';
    ebuf[en++] = x < 0 ? '-' : '+';
    unsigned ax = (unsigned)(x < 0 ? -x : x);
    char tmp[6];
    int tn = 0;
    do
        tmp[tn++] = (char)('0' + ax % 10);
    while ((ax /= 10) > 0);
    while (tn > 0)
        ebuf[en++] = tmp[--tn];
    int point = ndig > 0 || zeros > 0 || sp->alt;
    size_t len = 3 + (size_t)point + (size_t)ndig + (size_t)zeros + (size_t)en;
    char head[3] = { '0', upper(sp) ? 'X' : 'x', alphabet[lead] };
    size_t total = len + (sign != 0);
    size_t pad = (size_t)sp->width > total ? (size_t)sp->width - total : 0;
    if (!sp->left && !sp->zero)
        tlibc_sink_fill(s, ' ', pad);
    if (sign)
        tlibc_sink_put(s, &sign, 1);
    tlibc_sink_put(s, head, 2);
    if (!sp->left && sp->zero)
        tlibc_sink_fill(s, '0', pad);
    tlibc_sink_put(s, head + 2, 1);
    if (point)
        tlibc_sink_put(s, ".", 1);
    tlibc_sink_put(s, hex, (size_t)ndig);
    tlibc_sink_fill(s, '0', (size_t)zeros);
    tlibc_sink_put(s, ebuf, (size_t)en);
    pad_after(s, sp, sign, len);
}

void tlibc_format_double(sink_t *s, const spec_t *sp, double v)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    int negative = (int)(bits >> 63);
    char sign = sign_of(sp, negative);
    uint64_t mag = bits & ~(1ULL << 63);
    if (mag >= 0x7ff0000000000000ULL) {
        special(s, sp, sign, mag > 0x7ff0000000000000ULL);
        return;
    }
    if (sp->conv == 'a' || sp->conv == 'A') {
        format_hex(s, sp, sign, mag);
        return;
    }
    double a;
    memcpy(&a, &mag, sizeof a);
    format_decimal(s, sp, sign, a);
}
