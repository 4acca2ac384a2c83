/* format.c — tlibc: the printf engine behind snprintf and friends: directive parsing (flags
 * - + space # 0, width and precision with *, length hh h l ll j z t L), integers (d i u o x X),
 * characters and strings (c s, and ASCII-only lc ls), pointers (p), %%. Floating point is
 * format_float.c's. %n is refused: its argument is consumed and nothing is written. Positional
 * arguments (%1$d) are not supported. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "format.h"

void tlibc_sink_put(sink_t *s, const char *p, size_t n)
{
    if (s->len < s->cap) {
        size_t room = s->cap - 1 - s->len;
        memcpy(s->buf + s->len, p, n < room ? n : room);
    }
    s->len += n;
}

void tlibc_sink_fill(sink_t *s, char c, size_t n)
{
    if (s->len < s->cap) {
        size_t room = s->cap - 1 - s->len;
        memset(s->buf + s->len, c, n < room ? n : room);
    }
    s->len += n;
}

enum { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_J, LEN_Z, LEN_T, LEN_BIG_L };

/* Emits prefix, `zeros` zeros and body into a field of sp->width. */
static void field(sink_t *s, const spec_t *sp, const char *prefix, size_t plen, size_t zeros,
                  const char *body, size_t blen, int zero_pad)
{
    size_t total = plen + zeros + blen;
    size_t pad = (size_t)sp->width > total ? (size_t)sp->width - total : 0;
    if (!sp->left && !zero_pad)
        tlibc_sink_fill(s, ' ', pad);
    tlibc_sink_put(s, prefix, plen);
    tlibc_sink_fill(s, '0', zeros + (!sp->left && zero_pad ? pad : 0));
    tlibc_sink_put(s, body, blen);
    if (sp->left)
        tlibc_sink_fill(s, ' ', pad);
}

static void format_int(sink_t *s, const spec_t *sp, uintmax_t v, int negative)
{
    char digits[24];
    unsigned base = sp->conv == 'o' ? 8 : (sp->conv == 'x' || sp->conv == 'X' || sp->conv == 'p') ? 16 : 10;
    const char *alphabet = sp->conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    size_t n = 0;
    for (uintmax_t x = v; x; x /= base)
        digits[sizeof digits - ++n] = alphabet[x % base];
    char prefix[2];
    size_t plen = 0;
    int is_signed = sp->conv == 'd' || sp->conv == 'i';
    if (negative)
        prefix[plen++] = '-';
    else if (is_signed && sp->plus)
        prefix[plen++] = '+';
    else if (is_signed && sp->space)
        prefix[plen++] = ' ';
    if ((sp->alt && v && base == 16) || sp->conv == 'p') {
        prefix[plen++] = '0';
        prefix[plen++] = sp->conv == 'X' ? 'X' : 'x';
    }
    size_t prec = sp->prec < 0 ? 1 : (size_t)sp->prec;
    size_t zeros = prec > n ? prec - n : 0;
    if (sp->alt && base == 8 && zeros == 0 && (n == 0 || digits[sizeof digits - n] != '0'))
        zeros = 1;
    field(s, sp, prefix, plen, zeros, digits + sizeof digits - n, n, sp->zero && sp->prec < 0);
}

static void format_string(sink_t *s, const spec_t *sp, const char *str)
{
    if (!str)
        str = sp->prec < 0 || sp->prec >= 6 ? "(null)" : "";
    size_t n = sp->prec < 0 ? strlen(str) : strnlen(str, (size_t)sp->prec);
    field(s, sp, "", 0, 0, str, n, 0);
}

/* %ls: wide characters below 128 as themselves, others as '?'. */
static void format_wide(sink_t *s, const spec_t *sp, const wchar_t *w)
{
    if (!w) {
        format_string(s, sp, NULL);
        return;
    }
    size_t n = wcslen(w);
    if (sp->prec >= 0 && n > (size_t)sp->prec)
        n = (size_t)sp->prec;
    size_t pad = (size_t)sp->width > n ? (size_t)sp->width - n : 0;
    if (!sp->left)
        tlibc_sink_fill(s, ' ', pad);
    for (size_t i = 0; i < n; i++) {
        char c = w[i] >= 0 && w[i] < 128 ? (char)w[i] : '?';
        tlibc_sink_put(s, &c, 1);
    }
    if (sp->left)
        tlibc_sink_fill(s, ' ', pad);
}

static intmax_t signed_arg(va_list *ap, int len)
{
    switch (len) {
    case LEN_HH: return (signed char)va_arg(*ap, int);
    case LEN_H: return (short)va_arg(*ap, int);
    case LEN_L: return va_arg(*ap, long);
    case LEN_LL: case LEN_BIG_L: return va_arg(*ap, long long);
    case LEN_J: return va_arg(*ap, intmax_t);
    case LEN_Z: return (intmax_t)va_arg(*ap, size_t);
    case LEN_T: return va_arg(*ap, ptrdiff_t);
    default: return va_arg(*ap, int);
    }
}

static uintmax_t unsigned_arg(va_list *ap, int len)
{
    switch (len) {
    case LEN_HH: return (unsigned char)va_arg(*ap, unsigned int);
    case LEN_H: return (unsigned short)va_arg(*ap, unsigned int);
    case LEN_L: return va_arg(*ap, unsigned long);
    case LEN_LL: case LEN_BIG_L: return va_arg(*ap, unsigned long long);
    case LEN_J: return va_arg(*ap, uintmax_t);
    case LEN_Z: return va_arg(*ap, size_t);
    case LEN_T: return (uintmax_t)va_arg(*ap, ptrdiff_t);
    default: return va_arg(*ap, unsigned int);
    }
}

/* Parses flags, width, precision and length after the '%'; returns the position of the
 * conversion character. */
static const char *parse_spec(const char *f, spec_t *sp, int *len, va_list *ap)
{
    *sp = (spec_t){ .prec = -1 };
    for (;; f++) {
        if (*f == '-') sp->left = 1;
        else if (*f == '+') sp->plus = 1;
        else if (*f == ' ') sp->space = 1;
        else if (*f == '#') sp->alt = 1;
        else if (*f == '0') sp->zero = 1;
        else break;
    }
    if (*f == '*') {
        int w = va_arg(*ap, int);
        if (w < 0) {
            sp->left = 1;
            w = w == INT32_MIN ? INT32_MAX : -w;
        }
        sp->width = w;
        f++;
    } else {
        for (; *f >= '0' && *f <= '9'; f++)
            sp->width = sp->width > 100000000 ? sp->width : sp->width * 10 + (*f - '0');
    }
    if (*f == '.') {
        f++;
        sp->prec = 0;
        if (*f == '*') {
            int p = va_arg(*ap, int);
            sp->prec = p < 0 ? -1 : p;
            f++;
        } else {
            for (; *f >= '0' && *f <= '9'; f++)
                sp->prec = sp->prec > 100000000 ? sp->prec : sp->prec * 10 + (*f - '0');
        }
    }
    *len = LEN_NONE;
    switch (*f) {
    case 'h': *len = f[1] == 'h' ? (f++, LEN_HH) : LEN_H; f++; break;
    case 'l': *len = f[1] == 'l' ? (f++, LEN_LL) : LEN_L; f++; break;
    case 'j': *len = LEN_J; f++; break;
    case 'z': *len = LEN_Z; f++; break;
    case 't': *len = LEN_T; f++; break;
    case 'L': *len = LEN_BIG_L; f++; break;
    default: break;
    }
    return f;
}

static void convert(sink_t *s, spec_t *sp, int len, va_list *ap)
{
    switch (sp->conv) {
    case 'd': case 'i': {
        intmax_t v = signed_arg(ap, len);
        format_int(s, sp, v < 0 ? 0 - (uintmax_t)v : (uintmax_t)v, v < 0);
        break;
    }
    case 'u': case 'o': case 'x': case 'X':
        format_int(s, sp, unsigned_arg(ap, len), 0);
        break;
    case 'p': {
        void *p = va_arg(*ap, void *);
        if (!p) {
            spec_t nil = *sp;
            nil.prec = -1;
            format_string(s, &nil, "(nil)");
        } else {
            format_int(s, sp, (uintptr_t)p, 0);
        }
        break;
    }
    case 'c': {
        char c = len == LEN_L ? (char)va_arg(*ap, wint_t) : (char)va_arg(*ap, int);
        spec_t one = *sp;
        one.prec = -1;
        field(s, &one, "", 0, 0, &c, 1, 0);
        break;
    }
    case 's':
        if (len == LEN_L)
            format_wide(s, sp, va_arg(*ap, const wchar_t *));
        else
            format_string(s, sp, va_arg(*ap, const char *));
        break;
    case 'a': case 'A': case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
        tlibc_format_double(s, sp, len == LEN_BIG_L ? (double)va_arg(*ap, long double)
                                                    : va_arg(*ap, double));
        break;
    case 'n':
        (void)va_arg(*ap, void *);     /* refused: writing through format strings is a hazard */
        break;
    default:
        break;
    }
}

int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap)
{
    sink_t s = { buf, size, 0 };
    va_list args;
    va_copy(args, ap);
    for (const char *f = fmt; *f;) {
        if (*f != '%') {
            const char *pct = strchr(f, '%');
            size_t n = pct ? (size_t)(pct - f) : strlen(f);
            tlibc_sink_put(&s, f, n);
            f += n;
            continue;
        }
        if (f[1] == '%') {
            tlibc_sink_put(&s, "%", 1);
            f += 2;
            continue;
        }
        spec_t sp;
        int len;
        const char *conv = parse_spec(f + 1, &sp, &len, &args);
        if (!*conv || !strchr("diuoxXpcsaAeEfFgGn", *conv)) {
            tlibc_sink_put(&s, f, (size_t)(conv - f) + (*conv != 0));   /* not a directive: as is */
            f = conv + (*conv != 0);
            continue;
        }
        sp.conv = *conv;
        convert(&s, &sp, len, &args);
        f = conv + 1;
    }
    va_end(args);
    if (size)
        buf[s.len < size ? s.len : size - 1] = '\0';
    if (s.len > INT32_MAX) {
        errno = EOVERFLOW;
        return -1;
    }
    return (int)s.len;
}
