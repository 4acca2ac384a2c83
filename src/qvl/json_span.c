/* json_span.c — strict JSON scanner that reports byte spans (see json_span.h). */
#include "json_span.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "hex.h"
#include "timefmt.h"

/* A cursor over the text: the bytes, their count and the next position. */
typedef struct {
    const unsigned char *p;
    size_t len;
    size_t pos;
    const char *err;
    size_t err_at;
} scan_t;

static bool fail(scan_t *s, const char *what)
{
    if (!s->err) {
        s->err = what;
        s->err_at = s->pos;
    }
    return false;
}

static void skip_ws(scan_t *s)
{
    while (s->pos < s->len) {
        unsigned char c = s->p[s->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        s->pos++;
    }
}

static int peek(const scan_t *s)
{
    return s->pos < s->len ? s->p[s->pos] : -1;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Reads the 4 hex digits after "\u" at p (pos points at the 'u'). */
static bool read_u4(scan_t *s, unsigned *cp)
{
    if (s->len - s->pos < 5)
        return fail(s, "truncated \\u escape");
    unsigned v = 0;
    for (size_t i = 1; i <= 4; i++) {
        int h = hexval(s->p[s->pos + i]);
        if (h < 0)
            return fail(s, "bad \\u escape");
        v = v << 4 | (unsigned)h;
    }
    s->pos += 5;
    *cp = v;
    return true;
}

/* One UTF-8 sequence starting at pos (first byte >= 0x80). */
static bool scan_utf8(scan_t *s)
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
        return fail(s, "invalid UTF-8");
    if (s->len - s->pos <= n)
        return fail(s, "truncated UTF-8 sequence");
    for (size_t i = 1; i <= n; i++) {
        unsigned char b = s->p[s->pos + i];
        if (b < lo || b > hi)
            return fail(s, "invalid UTF-8");
        lo = 0x80;
        hi = 0xBF;
    }
    s->pos += n + 1;
    return true;
}

/* A string; pos at the opening quote. On success pos is past the closing quote. */
static bool scan_string(scan_t *s)
{
    if (peek(s) != '"')
        return fail(s, "expected a string");
    s->pos++;
    for (;;) {
        if (s->pos >= s->len)
            return fail(s, "unterminated string");
        unsigned char c = s->p[s->pos];
        if (c == '"') {
            s->pos++;
            return true;
        }
        if (c < 0x20)
            return fail(s, "control character in string");
        if (c >= 0x80) {
            if (!scan_utf8(s))
                return false;
            continue;
        }
        if (c != '\\') {
            s->pos++;
            continue;
        }
        s->pos++;
        int e = peek(s);
        if (e < 0)
            return fail(s, "unterminated string");
        if (e == 'u') {
            unsigned cp;
            if (!read_u4(s, &cp))
                return false;
            if (cp >= 0xDC00 && cp <= 0xDFFF)
                return fail(s, "lone low surrogate");
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                unsigned lo;
                if (s->len - s->pos < 2 || s->p[s->pos] != '\\' || s->p[s->pos + 1] != 'u')
                    return fail(s, "lone high surrogate");
                s->pos++;
                if (!read_u4(s, &lo))
                    return false;
                if (lo < 0xDC00 || lo > 0xDFFF)
                    return fail(s, "lone high surrogate");
            }
            continue;
        }
        if (!strchr("\"\\/bfnrt", e) || e == 0)
            return fail(s, "bad escape in string");
        s->pos++;
    }
}

static bool scan_digits(scan_t *s)
{
    size_t start = s->pos;
    while (s->pos < s->len && s->p[s->pos] >= '0' && s->p[s->pos] <= '9')
        s->pos++;
    return s->pos > start ? true : fail(s, "bad number");
}

static bool scan_number(scan_t *s)
{
    if (peek(s) == '-')
        s->pos++;
    if (peek(s) == '0')
        s->pos++;
    else if (!scan_digits(s))
        return false;
    if (peek(s) == '.') {
        s->pos++;
        if (!scan_digits(s))
            return false;
    }
    if (peek(s) == 'e' || peek(s) == 'E') {
        s->pos++;
        if (peek(s) == '+' || peek(s) == '-')
            s->pos++;
        if (!scan_digits(s))
            return false;
    }
    return true;
}

static bool scan_literal(scan_t *s)
{
    static const char *const lits[] = { "true", "false", "null" };
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(lits[i]);
        if (s->len - s->pos >= n && memcmp(s->p + s->pos, lits[i], n) == 0) {
            s->pos += n;
            return true;
        }
    }
    return fail(s, "unexpected character");
}

/* "key" : — pos at the key. */
static bool scan_key_colon(scan_t *s)
{
    skip_ws(s);
    if (!scan_string(s))
        return false;
    skip_ws(s);
    if (peek(s) != ':')
        return fail(s, "expected ':'");
    s->pos++;
    return true;
}

/* One complete value of any kind, iteratively (the nesting depth is bounded). pos may be
 * preceded by whitespace; on success it is just past the value. */
static bool scan_value(scan_t *s)
{
    unsigned char stack[VSGX_JSON_MAX_DEPTH];
    size_t depth = 0;

    for (;;) {
        /* Read one value, or open a container. */
        skip_ws(s);
        int c = peek(s);
        bool closed = true; /* a complete value was just read */
        if (c < 0)
            return fail(s, "unexpected end of text");
        if (c == '{' || c == '[') {
            if (depth == VSGX_JSON_MAX_DEPTH)
                return fail(s, "nesting too deep");
            stack[depth++] = (unsigned char)c;
            s->pos++;
            skip_ws(s);
            int close = c == '{' ? '}' : ']';
            if (peek(s) == close) {
                s->pos++;
                depth--;
            } else {
                if (c == '{' && !scan_key_colon(s))
                    return false;
                closed = false;
            }
        } else if (c == '"') {
            if (!scan_string(s))
                return false;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            if (!scan_number(s))
                return false;
        } else if (!scan_literal(s))
            return false;

        if (!closed)
            continue;
        /* After a value: close containers or move to the next element. */
        for (;;) {
            if (depth == 0)
                return true;
            skip_ws(s);
            c = peek(s);
            unsigned char top = stack[depth - 1];
            if (c == ',') {
                s->pos++;
                if (top == '{' && !scan_key_colon(s))
                    return false;
                break;
            }
            if ((c == '}' && top == '{') || (c == ']' && top == '[')) {
                s->pos++;
                depth--;
                continue;
            }
            return fail(s, c < 0 ? "unexpected end of text" : "expected ',' or a closing bracket");
        }
    }
}

enum { ST_START, ST_MORE, ST_DONE, ST_ERROR };

void vsgx_json_members_begin(vsgx_json_members_t *it, const char *text, size_t len)
{
    memset(it, 0, sizeof *it);
    it->text = text;
    it->len = text ? len : 0;
    it->state = ST_START;
}

static int it_fail(vsgx_json_members_t *it, const scan_t *s)
{
    it->state = ST_ERROR;
    it->error = s->err ? s->err : "malformed JSON";
    it->error_offset = s->err ? s->err_at : s->pos;
    return -1;
}

int vsgx_json_members_next(vsgx_json_members_t *it, vsgx_json_span_t *key, vsgx_json_span_t *value)
{
    scan_t s = { (const unsigned char *)it->text, it->len, it->pos, NULL, 0 };

    switch (it->state) {
    case ST_ERROR:
        return -1;
    case ST_DONE:
        return 0;
    case ST_START:
        skip_ws(&s);
        if (peek(&s) != '{') {
            fail(&s, s.pos >= s.len ? "empty text" : "expected '{'");
            return it_fail(it, &s);
        }
        s.pos++;
        skip_ws(&s);
        if (peek(&s) == '}') {
            s.pos++;
            goto end;
        }
        break;
    case ST_MORE:
        skip_ws(&s);
        if (peek(&s) == '}') {
            s.pos++;
            goto end;
        }
        if (peek(&s) != ',') {
            fail(&s, peek(&s) < 0 ? "unexpected end of text" : "expected ',' or '}'");
            return it_fail(it, &s);
        }
        s.pos++;
        skip_ws(&s);
        break;
    default:
        return -1;
    }

    /* A member: "key" : value */
    size_t key_start = s.pos + 1;
    if (!scan_string(&s))
        return it_fail(it, &s);
    size_t key_end = s.pos - 1;
    skip_ws(&s);
    if (peek(&s) != ':') {
        fail(&s, "expected ':'");
        return it_fail(it, &s);
    }
    s.pos++;
    skip_ws(&s);
    size_t value_start = s.pos;
    if (!scan_value(&s))
        return it_fail(it, &s);
    key->start = key_start;
    key->len = key_end - key_start;
    value->start = value_start;
    value->len = s.pos - value_start;
    it->pos = s.pos;
    it->state = ST_MORE;
    return 1;

end:
    skip_ws(&s);
    if (s.pos != s.len) {
        fail(&s, "unexpected text after the object");
        return it_fail(it, &s);
    }
    it->pos = s.pos;
    it->state = ST_DONE;
    return 0;
}

/* Appends code point cp as UTF-8 to out (4 bytes room); returns the length. */
static size_t utf8_put(unsigned cp, unsigned char *out)
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

static unsigned u4(const char *p)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++)
        v = v << 4 | (unsigned)hexval((unsigned char)p[i]);
    return v;
}

bool vsgx_json_key_equals(const char *raw, size_t len, const char *name)
{
    const unsigned char *n = (const unsigned char *)name;
    size_t nlen = strlen(name), ni = 0, i = 0;

    while (i < len) {
        unsigned char buf[4];
        size_t blen;
        if (raw[i] != '\\') {
            buf[0] = (unsigned char)raw[i++];
            blen = 1;
        } else {
            /* The key was validated by the scanner: escapes are complete. */
            if (i + 1 >= len)
                return false;
            char e = raw[i + 1];
            unsigned cp;
            i += 2;
            switch (e) {
            case 'b': cp = '\b'; break;
            case 'f': cp = '\f'; break;
            case 'n': cp = '\n'; break;
            case 'r': cp = '\r'; break;
            case 't': cp = '\t'; break;
            case 'u':
                if (len - i < 4)
                    return false;
                cp = u4(raw + i);
                i += 4;
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    if (len - i < 6)
                        return false;
                    unsigned lo = u4(raw + i + 2);
                    i += 6;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                }
                break;
            default: cp = (unsigned char)e; break; /* " \ / */
            }
            blen = utf8_put(cp, buf);
        }
        if (nlen - ni < blen || memcmp(n + ni, buf, blen) != 0)
            return false;
        ni += blen;
    }
    return ni == nlen;
}

vsgx_json_span_result_t vsgx_json_member_span(const char *text, size_t len, const char *key,
                                              vsgx_json_span_t *value, size_t *error_offset)
{
    vsgx_json_members_t it;
    vsgx_json_span_t k, v;
    bool found = false;
    int r;

    vsgx_json_members_begin(&it, text, len);
    while ((r = vsgx_json_members_next(&it, &k, &v)) == 1) {
        if (!vsgx_json_key_equals(text + k.start, k.len, key))
            continue;
        if (found)
            return VSGX_JSON_SPAN_DUPLICATE;
        *value = v;
        found = true;
    }
    if (r < 0) {
        if (error_offset)
            *error_offset = it.error_offset;
        return VSGX_JSON_SPAN_MALFORMED;
    }
    return found ? VSGX_JSON_SPAN_FOUND : VSGX_JSON_SPAN_NOT_FOUND;
}
