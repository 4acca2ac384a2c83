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

enum { ST_START, ST_FIRST, ST_MORE, ST_DONE, ST_ERROR };

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

/* ---- 2. Response bodies ------------------------------------------------------------------ */

/* Copies text for a message: printable ASCII kept, the rest '?', cut with "..." when long. */
static const char *shown(const char *text, size_t len, char out[40])
{
    size_t n = len < 32 ? len : 32, i;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)text[i];
        out[i] = c >= 0x20 && c < 0x7f ? (char)c : '?';
    }
    if (n < len) {
        memcpy(out + i, "...", 3);
        i += 3;
    }
    out[i] = '\0';
    return out;
}

static int fail_at(vsgx_json_error_t *err, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail_at(vsgx_json_error_t *err, const char *path, const char *fmt, ...)
{
    va_list ap;
    snprintf(err->path, sizeof err->path, "%s", path);
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return -1;
}

int vsgx_json_signature_hex(const char *hex, size_t len, uint8_t sig[64], vsgx_json_error_t *err)
{
    if (!hex || !vsgx_hex_decode(hex, len, sig, 64))
        return fail_at(err, "signature", "expected 128 hex digits (r || s), found %zu characters%s",
                       hex ? len : 0, hex && len == 128 ? " with a non-hex digit" : "");
    return 0;
}

int vsgx_json_signed_body(const char *body, size_t len, const char *inner_key,
                          vsgx_json_span_t *inner, uint8_t sig[64], vsgx_json_error_t *err)
{
    vsgx_json_members_t it;
    vsgx_json_span_t k, v, sig_span = { 0, 0 };
    bool have_inner = false, have_sig = false;
    char buf[40];
    int r;

    if (!body)
        return fail_at(err, "", "no response body");
    if (len > 0 && body[len - 1] == '\0')
        len--; /* Intel's C collateral struct counts the terminating NUL */
    vsgx_json_members_begin(&it, body, len);
    while ((r = vsgx_json_members_next(&it, &k, &v)) == 1) {
        const char *key = body + k.start;
        if (vsgx_json_key_equals(key, k.len, inner_key)) {
            if (have_inner)
                return fail_at(err, inner_key, "duplicate member");
            if (body[v.start] != '{')
                return fail_at(err, inner_key, "expected an object");
            *inner = v;
            have_inner = true;
        } else if (vsgx_json_key_equals(key, k.len, "signature")) {
            if (have_sig)
                return fail_at(err, "signature", "duplicate member");
            if (body[v.start] != '"')
                return fail_at(err, "signature", "expected a string of 128 hex digits");
            sig_span = v;
            have_sig = true;
        } else {
            return fail_at(err, "", "unexpected member \"%s\" (expected only \"%s\" and \"signature\")",
                           shown(key, k.len, buf), inner_key);
        }
    }
    if (r < 0)
        return fail_at(err, "", "malformed JSON at byte %zu: %s", it.error_offset, it.error);
    if (!have_inner)
        return fail_at(err, inner_key, "missing member");
    if (!have_sig)
        return fail_at(err, "signature", "missing member");
    /* The string's content, between its quotes; escapes cannot be hex digits anyway. */
    return vsgx_json_signature_hex(body + sig_span.start + 1, sig_span.len - 2, sig, err);
}

json_t *vsgx_json_load_object(const char *text, size_t len, size_t base, const char *root,
                              vsgx_json_error_t *err)
{
    json_error_t jerr;
    json_t *j;

    if (!text) {
        fail_at(err, root, "no JSON text");
        return NULL;
    }
    j = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!j) {
        fail_at(err, root, "malformed JSON at byte %zu: %s", base + (size_t)jerr.position, jerr.text);
        return NULL;
    }
    if (!json_is_object(j)) {
        json_decref(j);
        fail_at(err, root, "expected an object");
        return NULL;
    }
    return j;
}

/* ---- 3. Field readers ---------------------------------------------------------------------- */

void vsgx_json_path_init(vsgx_json_path_t *p, const char *root)
{
    p->len = 0;
    p->buf[0] = '\0';
    vsgx_json_path_key(p, root);
}

static void path_append(vsgx_json_path_t *p, const char *s, size_t n)
{
    size_t room = sizeof p->buf - 1 - p->len;
    if (n > room)
        n = room;
    memcpy(p->buf + p->len, s, n);
    p->len += n;
    p->buf[p->len] = '\0';
}

size_t vsgx_json_path_key(vsgx_json_path_t *p, const char *key)
{
    size_t mark = p->len;
    if (p->len > 0)
        path_append(p, ".", 1);
    path_append(p, key, strlen(key));
    return mark;
}

size_t vsgx_json_path_index(vsgx_json_path_t *p, size_t index)
{
    char tmp[24];
    size_t mark = p->len, n = sizeof tmp;
    tmp[--n] = ']';
    do {
        tmp[--n] = (char)('0' + index % 10);
        index /= 10;
    } while (index && n > 1);
    tmp[--n] = '[';
    path_append(p, tmp + n, sizeof tmp - n);
    return mark;
}

void vsgx_json_path_pop(vsgx_json_path_t *p, size_t mark)
{
    if (mark <= p->len) {
        p->len = mark;
        p->buf[mark] = '\0';
    }
}

int vsgx_json_fail(vsgx_json_error_t *err, const vsgx_json_path_t *p, const char *key,
                   const char *fmt, ...)
{
    va_list ap;
    vsgx_json_path_t full = *p;
    if (key)
        vsgx_json_path_key(&full, key);
    memcpy(err->path, full.buf, full.len + 1 <= sizeof err->path ? full.len + 1 : sizeof err->path);
    err->path[sizeof err->path - 1] = '\0';
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return -1;
}

static const char *type_name(json_type t)
{
    switch (t) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a real number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    default: return "null";
    }
}

int vsgx_json_member(const json_t *obj, const char *key, json_type type, bool required,
                     const vsgx_json_path_t *p, const json_t **out, vsgx_json_error_t *err)
{
    const json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v)
        return required ? vsgx_json_fail(err, p, key, "missing field") : 0;
    if (json_typeof(v) != type)
        return vsgx_json_fail(err, p, key, "expected %s, found %s", type_name(type),
                              type_name(json_typeof(v)));
    *out = v;
    return 0;
}

int vsgx_json_uint(const json_t *obj, const char *key, uint64_t max, const vsgx_json_path_t *p,
                   uint64_t *out, vsgx_json_error_t *err)
{
    const json_t *v = json_object_get(obj, key);
    if (!v)
        return vsgx_json_fail(err, p, key, "missing field");
    if (!json_is_integer(v))
        return vsgx_json_fail(err, p, key, "expected an unsigned integer, found %s",
                              type_name(json_typeof(v)));
    json_int_t i = json_integer_value(v);
    if (i < 0 || (uint64_t)i > max)
        return vsgx_json_fail(err, p, key, "value %lld out of range 0..%llu", (long long)i,
                              (unsigned long long)max);
    *out = (uint64_t)i;
    return 0;
}

int vsgx_json_str(const json_t *obj, const char *key, const vsgx_json_path_t *p,
                  const char **out, size_t *len, vsgx_json_error_t *err)
{
    const json_t *v;
    if (vsgx_json_member(obj, key, JSON_STRING, true, p, &v, err))
        return -1;
    *out = json_string_value(v);
    *len = json_string_length(v);
    return 0;
}

int vsgx_json_hex(const json_t *obj, const char *key, uint8_t *out, size_t n,
                  const vsgx_json_path_t *p, vsgx_json_error_t *err)
{
    const char *s;
    size_t len;
    char buf[40];
    if (vsgx_json_str(obj, key, p, &s, &len, err))
        return -1;
    if (!vsgx_hex_decode(s, len, out, n))
        return vsgx_json_fail(err, p, key, "expected %zu hex digits, found \"%s\"", 2 * n,
                              shown(s, len, buf));
    return 0;
}

int vsgx_json_time(const json_t *obj, const char *key, const vsgx_json_path_t *p,
                   int64_t *out, vsgx_json_error_t *err)
{
    const char *s;
    size_t len;
    char buf[40];
    if (vsgx_json_str(obj, key, p, &s, &len, err))
        return -1;
    /* Only the ISO-8601 UTC form, not the plain seconds vsgx_time_parse also takes. */
    if (len < 20 || len > 40 || s[10] != 'T' || s[len - 1] != 'Z' || !vsgx_time_parse(s, len, out))
        return vsgx_json_fail(err, p, key, "invalid ISO-8601 UTC time \"%s\"", shown(s, len, buf));
    return 0;
}

int vsgx_json_tcb_status(const json_t *obj, const char *key, const vsgx_json_path_t *p,
                         vsgx_tcb_status_t *out, vsgx_json_error_t *err)
{
    const char *s;
    size_t len;
    char buf[40];
    if (vsgx_json_str(obj, key, p, &s, &len, err))
        return -1;
    if (!vsgx_tcb_status_parse(s, len, out))
        return vsgx_json_fail(err, p, key, "unknown TCB status \"%s\"", shown(s, len, buf));
    return 0;
}

int vsgx_json_advisories(const json_t *obj, vsgx_json_path_t *p, vsgx_advisory_id_t *out,
                         size_t *count, vsgx_json_error_t *err)
{
    const json_t *arr;
    size_t n, mark;
    char buf[40];

    *count = 0;
    if (vsgx_json_member(obj, "advisoryIDs", JSON_ARRAY, false, p, &arr, err))
        return -1;
    if (!arr)
        return 0;
    n = json_array_size(arr);
    if (n > VSGX_MAX_ADVISORIES)
        return vsgx_json_fail(err, p, "advisoryIDs", "too many advisory IDs (%zu, at most %d)", n,
                              VSGX_MAX_ADVISORIES);
    mark = vsgx_json_path_key(p, "advisoryIDs");
    for (size_t i = 0; i < n; i++) {
        const json_t *v = json_array_get(arr, i);
        size_t m = vsgx_json_path_index(p, i);
        if (!json_is_string(v))
            return vsgx_json_fail(err, p, NULL, "expected a string, found %s",
                                  type_name(json_typeof(v)));
        const char *s = json_string_value(v);
        size_t len = json_string_length(v);
        if (len == 0 || len >= VSGX_ADVISORY_ID_MAX)
            return vsgx_json_fail(err, p, NULL, "advisory ID of %zu bytes (1 to %d allowed)", len,
                                  VSGX_ADVISORY_ID_MAX - 1);
        for (size_t c = 0; c < len; c++) {
            /* Printable, no spaces or commas: the IDs end up in a comma-separated list. */
            if (s[c] <= 0x20 || s[c] >= 0x7f || s[c] == ',')
                return vsgx_json_fail(err, p, NULL, "invalid character in advisory ID \"%s\"",
                                      shown(s, len, buf));
        }
        memcpy(out[i].id, s, len);
        out[i].id[len] = '\0';
        vsgx_json_path_pop(p, m);
    }
    vsgx_json_path_pop(p, mark);
    *count = n;
    return 0;
}
