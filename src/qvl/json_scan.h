/* json_scan.h — the strict JSON token scanner (whitespace, strings, numbers, literals) over a
 * cursor; inline, private to json_span.c (the span scanner) and json_doc.c (the checked
 * document). One grammar: RFC 8259 strings with every escape and UTF-8 sequence checked,
 * numbers without leading zeros, the three literals. Never allocates. Also the decoding of a
 * string the scanner has checked. */
#ifndef VSGX_QVL_JSON_SCAN_H
#define VSGX_QVL_JSON_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* A cursor over the text: the bytes, their count, the next position, and the first error. */
typedef struct {
    const unsigned char *p;
    size_t len;
    size_t pos;
    const char *err;
    size_t err_at;
} vsgx_scan_t;

/* String flags reported by vsgx_scan_string. */
#define VSGX_SCAN_ESCAPED 1u /* the raw text has a backslash escape */
#define VSGX_SCAN_NUL 2u     /* it decodes to a NUL byte (\u0000) */

static inline bool vsgx_scan_fail(vsgx_scan_t *s, const char *what)
{
    if (!s->err) {
        s->err = what;
        s->err_at = s->pos;
    }
    return false;
}

static inline void vsgx_scan_ws(vsgx_scan_t *s)
{
    const unsigned char *p = s->p;
    size_t i = s->pos, n = s->len;
    while (i < n && (p[i] == ' ' || p[i] == '\n' || p[i] == '\r' || p[i] == '\t'))
        i++;
    s->pos = i;
}

static inline int vsgx_scan_peek(const vsgx_scan_t *s)
{
    return s->pos < s->len ? s->p[s->pos] : -1;
}

static inline int vsgx_scan_hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Reads the 4 hex digits after "\u" (pos points at the 'u'). */
static inline bool vsgx_scan_u4(vsgx_scan_t *s, unsigned *cp)
{
    if (s->len - s->pos < 5)
        return vsgx_scan_fail(s, "truncated \\u escape");
    unsigned v = 0;
    for (size_t i = 1; i <= 4; i++) {
        int h = vsgx_scan_hexval(s->p[s->pos + i]);
        if (h < 0)
            return vsgx_scan_fail(s, "bad \\u escape");
        v = v << 4 | (unsigned)h;
    }
    s->pos += 5;
    *cp = v;
    return true;
}

/* One UTF-8 sequence starting at pos (first byte >= 0x80): shortest form, no surrogates,
 * at most U+10FFFF. */
static inline bool vsgx_scan_utf8(vsgx_scan_t *s)
{
    unsigned char c = s->p[s->pos];
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        n = 1;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else
        return vsgx_scan_fail(s, "invalid UTF-8");
    if (s->len - s->pos <= n)
        return vsgx_scan_fail(s, "truncated UTF-8 sequence");
    for (size_t i = 1; i <= n; i++) {
        unsigned char b = s->p[s->pos + i];
        if (b < lo || b > hi)
            return vsgx_scan_fail(s, "invalid UTF-8");
        lo = 0x80;
        hi = 0xBF;
    }
    s->pos += n + 1;
    return true;
}

/* One escape; pos at the backslash. */
static inline bool vsgx_scan_escape(vsgx_scan_t *s, unsigned *flags)
{
    s->pos++;
    int e = vsgx_scan_peek(s);
    if (e < 0)
        return vsgx_scan_fail(s, "unterminated string");
    if (e != 'u') {
        if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' &&
            e != 't')
            return vsgx_scan_fail(s, "bad escape in string");
        s->pos++;
        return true;
    }
    unsigned cp;
    if (!vsgx_scan_u4(s, &cp))
        return false;
    if (cp == 0)
        *flags |= VSGX_SCAN_NUL;
    if (cp >= 0xDC00 && cp <= 0xDFFF)
        return vsgx_scan_fail(s, "lone low surrogate");
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        unsigned lo;
        if (s->len - s->pos < 2 || s->p[s->pos] != '\\' || s->p[s->pos + 1] != 'u')
            return vsgx_scan_fail(s, "lone high surrogate");
        s->pos++;
        if (!vsgx_scan_u4(s, &lo))
            return false;
        if (lo < 0xDC00 || lo > 0xDFFF)
            return vsgx_scan_fail(s, "lone high surrogate");
    }
    return true;
}

#define VSGX_SCAN_ONES 0x0101010101010101ull
#define VSGX_SCAN_HIGHS 0x8080808080808080ull

/* Of the 8 bytes at p, as a little-endian word: the lowest set bit lies in the first byte that
 * ends a run of plain string bytes (a quote, a backslash, a control character or a byte of
 * 0x80 or more); 0 when there is none. A borrow only runs upwards from a byte that is one, so
 * the bytes below the first one are never marked. */
static inline uint64_t vsgx_scan_special8(const unsigned char *p)
{
    uint64_t x;
    memcpy(&x, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    x = __builtin_bswap64(x);
#endif
    uint64_t q = x ^ (VSGX_SCAN_ONES * '"'), b = x ^ (VSGX_SCAN_ONES * '\\');
    uint64_t ctl = (x - VSGX_SCAN_ONES * 0x20) & ~x;
    uint64_t zq = (q - VSGX_SCAN_ONES) & ~q, zb = (b - VSGX_SCAN_ONES) & ~b;
    return (ctl | x | zq | zb) & VSGX_SCAN_HIGHS;
}

/* A string; pos at the opening quote. On success pos is past the closing quote and *flags
 * says whether it had escapes and whether it decodes to a NUL. */
static inline bool vsgx_scan_string(vsgx_scan_t *s, unsigned *flags)
{
    const unsigned char *p = s->p;
    size_t n = s->len, i = s->pos;

    *flags = 0;
    if (i >= n || p[i] != '"')
        return vsgx_scan_fail(s, "expected a string");
    i++;
    for (;;) {
        /* The common bytes: printable ASCII other than the quote and the backslash, eight at a
         * time while eight are left. */
        while (n - i >= 8) {
            uint64_t m = vsgx_scan_special8(p + i);
            if (m) {
                i += (size_t)__builtin_ctzll(m) / 8;
                break;
            }
            i += 8;
        }
        while (i < n && p[i] >= 0x20 && p[i] < 0x80 && p[i] != '"' && p[i] != '\\')
            i++;
        s->pos = i;
        if (i >= n)
            return vsgx_scan_fail(s, "unterminated string");
        unsigned char c = p[i];
        if (c == '"') {
            s->pos = i + 1;
            return true;
        }
        if (c < 0x20)
            return vsgx_scan_fail(s, "control character in string");
        if (c >= 0x80) {
            if (!vsgx_scan_utf8(s))
                return false;
        } else {
            *flags |= VSGX_SCAN_ESCAPED;
            if (!vsgx_scan_escape(s, flags))
                return false;
        }
        i = s->pos;
    }
}

static inline bool vsgx_scan_digits(vsgx_scan_t *s)
{
    size_t start = s->pos, i = s->pos;
    while (i < s->len && s->p[i] >= '0' && s->p[i] <= '9')
        i++;
    s->pos = i;
    return i > start ? true : vsgx_scan_fail(s, "bad number");
}

/* A number; *real says whether it has a fraction or an exponent. */
static inline bool vsgx_scan_number(vsgx_scan_t *s, bool *real)
{
    *real = false;
    if (vsgx_scan_peek(s) == '-')
        s->pos++;
    if (vsgx_scan_peek(s) == '0')
        s->pos++;
    else if (!vsgx_scan_digits(s))
        return false;
    if (vsgx_scan_peek(s) == '.') {
        *real = true;
        s->pos++;
        if (!vsgx_scan_digits(s))
            return false;
    }
    if (vsgx_scan_peek(s) == 'e' || vsgx_scan_peek(s) == 'E') {
        *real = true;
        s->pos++;
        if (vsgx_scan_peek(s) == '+' || vsgx_scan_peek(s) == '-')
            s->pos++;
        if (!vsgx_scan_digits(s))
            return false;
    }
    return true;
}

static inline bool vsgx_scan_literal(vsgx_scan_t *s)
{
    static const char *const lits[] = { "true", "false", "null" };
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(lits[i]);
        if (s->len - s->pos >= n && memcmp(s->p + s->pos, lits[i], n) == 0) {
            s->pos += n;
            return true;
        }
    }
    return vsgx_scan_fail(s, "unexpected character");
}

/* ---- Decoding checked strings ---------------------------------------------------------- */

/* The decoded bytes of the raw content of a checked string (between its quotes), one at a time. */
typedef struct {
    const unsigned char *raw;
    size_t len, i;
    unsigned char buf[4];
    size_t blen, bi;
} vsgx_dec_t;

static inline unsigned vsgx_dec_u4(const unsigned char *p)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++)
        v = v << 4 | (unsigned)vsgx_scan_hexval(p[i]);
    return v;
}

static inline size_t vsgx_dec_utf8(unsigned cp, unsigned char *out)
{
    if (cp < 0x80) {
        out[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (unsigned char)(0xC0 | cp >> 6);
        out[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (unsigned char)(0xE0 | cp >> 12);
        out[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (unsigned char)(0xF0 | cp >> 18);
    out[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
    out[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
    out[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Ends the decoding early (a truncated escape, which a checked string never has). */
static inline int vsgx_dec_stop(vsgx_dec_t *d)
{
    d->i = d->len;
    return -1;
}

/* The next decoded byte, or -1 at the end. The scanner has checked every escape. */
static inline int vsgx_dec_next(vsgx_dec_t *d)
{
    if (d->bi < d->blen)
        return d->buf[d->bi++];
    if (d->i >= d->len)
        return -1;
    unsigned char c = d->raw[d->i];
    if (c != '\\') {
        d->i++;
        return c;
    }
    if (d->len - d->i < 2)
        return vsgx_dec_stop(d);
    unsigned char e = d->raw[d->i + 1];
    unsigned cp;
    d->i += 2;
    switch (e) {
    case 'b': cp = '\b'; break;
    case 'f': cp = '\f'; break;
    case 'n': cp = '\n'; break;
    case 'r': cp = '\r'; break;
    case 't': cp = '\t'; break;
    case 'u':
        if (d->len - d->i < 4)
            return vsgx_dec_stop(d);
        cp = vsgx_dec_u4(d->raw + d->i);
        d->i += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (d->len - d->i < 6)
                return vsgx_dec_stop(d);
            cp = 0x10000 + ((cp - 0xD800) << 10) + (vsgx_dec_u4(d->raw + d->i + 2) - 0xDC00);
            d->i += 6;
        }
        break;
    default: cp = e; break; /* " \ / */
    }
    d->blen = vsgx_dec_utf8(cp, d->buf);
    d->bi = 1;
    return d->buf[0];
}

static inline void vsgx_dec_init(vsgx_dec_t *d, const char *raw, size_t len)
{
    memset(d, 0, sizeof *d);
    d->raw = (const unsigned char *)raw;
    d->len = len;
}

#endif
