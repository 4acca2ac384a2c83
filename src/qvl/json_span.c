/* json_span.c — the strict JSON scanner that reports byte spans, and the navigation over a
 * checked document (see json_span.h, sections 1 and 3); the tokens are read by json_scan.h. */
#include "json_span.h"

#include <stdint.h>
#include <string.h>

#include "json_scan.h"

static bool scan_string(vsgx_scan_t *s)
{
    unsigned flags;
    return vsgx_scan_string(s, &flags);
}

static bool scan_number(vsgx_scan_t *s)
{
    bool real;
    return vsgx_scan_number(s, &real);
}

/* "key" : — pos at the key. */
static bool scan_key_colon(vsgx_scan_t *s)
{
    vsgx_scan_ws(s);
    if (!scan_string(s))
        return false;
    vsgx_scan_ws(s);
    if (vsgx_scan_peek(s) != ':')
        return vsgx_scan_fail(s, "expected ':'");
    s->pos++;
    return true;
}

/* One complete value of any kind, iteratively (the nesting depth is bounded). pos may be
 * preceded by whitespace; on success it is just past the value. */
static bool scan_value(vsgx_scan_t *s)
{
    unsigned char stack[VSGX_JSON_MAX_DEPTH];
    size_t depth = 0;

    for (;;) {
        /* Read one value, or open a container. */
        vsgx_scan_ws(s);
        int c = vsgx_scan_peek(s);
        bool closed = true; /* a complete value was just read */
        if (c < 0)
            return vsgx_scan_fail(s, "unexpected end of text");
        if (c == '{' || c == '[') {
            if (depth == VSGX_JSON_MAX_DEPTH)
                return vsgx_scan_fail(s, "nesting too deep");
            stack[depth++] = (unsigned char)c;
            s->pos++;
            vsgx_scan_ws(s);
            int close = c == '{' ? '}' : ']';
            if (vsgx_scan_peek(s) == close) {
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
        } else if (!vsgx_scan_literal(s))
            return false;

        if (!closed)
            continue;
        /* After a value: close containers or move to the next element. */
        for (;;) {
            if (depth == 0)
                return true;
            vsgx_scan_ws(s);
            c = vsgx_scan_peek(s);
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
            return vsgx_scan_fail(s, c < 0 ? "unexpected end of text" : "expected ',' or a closing bracket");
        }
    }
}

enum { ST_START, ST_MORE, ST_VALUE, ST_DONE, ST_ERROR };

void vsgx_json_members_begin(vsgx_json_members_t *it, const char *text, size_t len)
{
    memset(it, 0, sizeof *it);
    it->text = text;
    it->len = text ? len : 0;
    it->state = ST_START;
}

static int it_fail(vsgx_json_members_t *it, const vsgx_scan_t *s)
{
    it->state = ST_ERROR;
    it->error = s->err ? s->err : "malformed JSON";
    it->error_offset = s->err ? s->err_at : s->pos;
    return -1;
}

int vsgx_json_members_key(vsgx_json_members_t *it, vsgx_json_span_t *key)
{
    vsgx_scan_t s = { (const unsigned char *)it->text, it->len, it->pos, NULL, 0 };

    switch (it->state) {
    case ST_DONE:
        return 0;
    case ST_START:
        vsgx_scan_ws(&s);
        if (vsgx_scan_peek(&s) != '{') {
            vsgx_scan_fail(&s, s.pos >= s.len ? "empty text" : "expected '{'");
            return it_fail(it, &s);
        }
        s.pos++;
        vsgx_scan_ws(&s);
        if (vsgx_scan_peek(&s) == '}') {
            s.pos++;
            goto end;
        }
        break;
    case ST_MORE:
        vsgx_scan_ws(&s);
        if (vsgx_scan_peek(&s) == '}') {
            s.pos++;
            goto end;
        }
        if (vsgx_scan_peek(&s) != ',') {
            vsgx_scan_fail(&s, vsgx_scan_peek(&s) < 0 ? "unexpected end of text" : "expected ',' or '}'");
            return it_fail(it, &s);
        }
        s.pos++;
        vsgx_scan_ws(&s);
        break;
    default: /* an error, or a value not read */
        return -1;
    }

    /* A member: "key" : value */
    size_t key_start = s.pos + 1;
    if (!scan_string(&s))
        return it_fail(it, &s);
    size_t key_end = s.pos - 1;
    vsgx_scan_ws(&s);
    if (vsgx_scan_peek(&s) != ':') {
        vsgx_scan_fail(&s, "expected ':'");
        return it_fail(it, &s);
    }
    s.pos++;
    vsgx_scan_ws(&s);
    key->start = key_start;
    key->len = key_end - key_start;
    it->pos = s.pos;
    it->state = ST_VALUE;
    return 1;

end:
    vsgx_scan_ws(&s);
    if (s.pos != s.len) {
        vsgx_scan_fail(&s, "unexpected text after the object");
        return it_fail(it, &s);
    }
    it->pos = s.pos;
    it->state = ST_DONE;
    return 0;
}

int vsgx_json_members_value(vsgx_json_members_t *it, vsgx_json_span_t *value)
{
    vsgx_scan_t s = { (const unsigned char *)it->text, it->len, it->pos, NULL, 0 };

    if (it->state != ST_VALUE)
        return -1;
    if (!scan_value(&s))
        return it_fail(it, &s);
    value->start = it->pos;
    value->len = s.pos - it->pos;
    it->pos = s.pos;
    it->state = ST_MORE;
    return 1;
}

void vsgx_json_members_skip(vsgx_json_members_t *it, size_t end)
{
    if (it->state == ST_VALUE && end >= it->pos && end <= it->len) {
        it->pos = end;
        it->state = ST_MORE;
    }
}

int vsgx_json_members_next(vsgx_json_members_t *it, vsgx_json_span_t *key, vsgx_json_span_t *value)
{
    int r = vsgx_json_members_key(it, key);
    return r == 1 ? vsgx_json_members_value(it, value) : r;
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

/* ---- Decoding ---------------------------------------------------------------------------- */

size_t vsgx_json_decode(const char *raw, size_t len, char *out, size_t cap)
{
    size_t n = 0, i = 0;
    while (i < len) {
        /* Runs without escapes (all of a PEM line) are copied whole. */
        const char *bs = memchr(raw + i, '\\', len - i);
        size_t run = (bs ? (size_t)(bs - raw) : len) - i;
        if (n < cap)
            memcpy(out + n, raw + i, run < cap - n ? run : cap - n);
        n += run;
        i += run;
        if (!bs)
            break;
        vsgx_dec_t d;
        vsgx_dec_init(&d, raw + i, len - i);
        if (vsgx_dec_next(&d) < 0)
            break;
        for (size_t k = 0; k < d.blen; k++, n++)
            if (n < cap)
                out[n] = (char)d.buf[k];
        i += d.i;
    }
    return n;
}

bool vsgx_json_key_equals(const char *raw, size_t len, const char *name)
{
    size_t nlen = strlen(name);
    if (!memchr(raw, '\\', len))
        return len == nlen && memcmp(raw, name, len) == 0;
    if (len < nlen) /* escapes only shorten */
        return false;
    vsgx_dec_t d;
    size_t i = 0;
    int c;
    vsgx_dec_init(&d, raw, len);
    while ((c = vsgx_dec_next(&d)) >= 0) {
        if (i == nlen || (unsigned char)name[i] != c)
            return false;
        i++;
    }
    return i == nlen;
}

/* ---- Navigation ------------------------------------------------------------------------- */

static size_t skip_ws(const char *t, size_t i, size_t end)
{
    while (i < end && (t[i] == ' ' || t[i] == '\n' || t[i] == '\r' || t[i] == '\t'))
        i++;
    return i;
}

/* The value that starts at `at` (checked text, before `end`). *node is the index of the next
 * container expected (the value's own when it is one): it moves past the value's. */
static inline vsgx_json_value_t value_at(const vsgx_json_doc_t *d, size_t at, size_t end,
                                         size_t *node)
{
    const char *t = d->text;
    size_t i = at + 1;
    if (at >= end)
        return (vsgx_json_value_t){ end, 0, 0 };
    if (t[at] == '{' || t[at] == '[') {
        size_t k = *node;
        if (k >= d->count || d->index[k].start != at || d->index[k].len > end - at)
            return (vsgx_json_value_t){ end, 0, 0 }; /* cannot happen */
        *node = d->index[k].next;
        return (vsgx_json_value_t){ at, d->index[k].len, k };
    }
    if (t[at] == '"') {
        /* The string closes before end, so words may be read up to the end of the text. */
        while (i < end) {
            while (d->len - i >= 8) {
                uint64_t m = vsgx_scan_special8((const unsigned char *)t + i);
                if (m) {
                    i += (size_t)__builtin_ctzll(m) / 8;
                    break;
                }
                i += 8;
            }
            if (i >= end)
                break;
            if (t[i] == '"')
                return (vsgx_json_value_t){ at, i + 1 - at, 0 };
            i += t[i] == '\\' ? 2 : 1;
        }
        return (vsgx_json_value_t){ end, 0, 0 };
    }
    /* A number or a literal: whitespace (all below '!'), a comma or a bracket ends it. */
    while (i < end && t[i] > ' ' && t[i] != ',' && t[i] != '}' && t[i] != ']')
        i++;
    return (vsgx_json_value_t){ at, i - at, 0 };
}

vsgx_json_kind_t vsgx_json_kind(const vsgx_json_doc_t *d, vsgx_json_value_t v)
{
    if (v.len == 0)
        return VSGX_JSON_ABSENT;
    switch (d->text[v.start]) {
    case '{': return VSGX_JSON_OBJECT;
    case '[': return VSGX_JSON_ARRAY;
    case '"': return VSGX_JSON_STRING;
    case 't':
    case 'f': return VSGX_JSON_BOOLEAN;
    case 'n': return VSGX_JSON_NULL;
    default:
        for (size_t i = 0; i < v.len; i++) {
            char c = d->text[v.start + i];
            if (c == '.' || c == 'e' || c == 'E')
                return VSGX_JSON_REAL;
        }
        return VSGX_JSON_INTEGER;
    }
}

/* Whether the raw key of a checked text (between its quotes) decodes to name. */
static bool key_is(const char *raw, size_t len, const char *name)
{
    /* Up to a first difference the raw key has no escape (a name has no backslash), so that
     * difference is final unless it is where an escape starts. Raw keys never hold a NUL. */
    for (size_t i = 0; i < len; i++)
        if (raw[i] != name[i])
            return raw[i] == '\\' && vsgx_json_key_equals(raw, len, name);
    return name[len] == '\0';
}

/* When the raw key at raw (checked text, before limit) is name followed by its closing quote,
 * the length of both; else 0. */
static size_t plain_key(const char *raw, const char *limit, const char *name)
{
    size_t i = 0;
    while (name[i] != '\0' && raw + i < limit && raw[i] == name[i])
        i++;
    return name[i] == '\0' && raw + i < limit && raw[i] == '"' ? i + 1 : 0;
}

void vsgx_json_fields(const vsgx_json_doc_t *d, vsgx_json_value_t obj, const char *const *keys,
                      size_t n, vsgx_json_value_t *vals)
{
    const char *t = d->text;
    size_t end = obj.start + obj.len - 1, node = obj.node + 1, i; /* end: the closing brace */

    for (size_t k = 0; k < n; k++)
        vals[k] = (vsgx_json_value_t){ 0, 0, 0 };
    if (obj.len < 2 || t[obj.start] != '{')
        return;
    for (i = skip_ws(t, obj.start + 1, end); i < end && t[i] == '"';) {
        /* Most keys are one of the names, written plainly: then they end with it. */
        size_t k, key_end = 0;
        for (k = 0; k < n && !key_end; k++)
            if (vals[k].len == 0)
                key_end = plain_key(t + i + 1, t + end, keys[k]);
        if (key_end) {
            key_end += i + 1;
            k--;
        } else {
            vsgx_json_value_t key = value_at(d, i, end, &node);
            key_end = key.start + key.len;
            for (k = 0; k < n; k++)
                if (vals[k].len == 0 && key.len >= 2 && key_is(t + i + 1, key.len - 2, keys[k]))
                    break;
        }
        size_t at = skip_ws(t, key_end, end);
        if (at >= end || t[at] != ':')
            return;
        vsgx_json_value_t v = value_at(d, skip_ws(t, at + 1, end), end, &node);
        if (k < n)
            vals[k] = v;
        i = skip_ws(t, v.start + v.len, end);
        if (i >= end || t[i] != ',')
            return;
        i = skip_ws(t, i + 1, end);
    }
}

size_t vsgx_json_elements(const vsgx_json_doc_t *d, vsgx_json_value_t arr, vsgx_json_value_t *out,
                          size_t max)
{
    const char *t = d->text;
    size_t end = arr.start + arr.len - 1, node = arr.node + 1, n = 0, i;

    if (arr.len < 2 || t[arr.start] != '[')
        return 0;
    for (i = skip_ws(t, arr.start + 1, end); i < end;) {
        vsgx_json_value_t v = value_at(d, i, end, &node);
        if (n < max)
            out[n] = v;
        n++;
        i = skip_ws(t, v.start + v.len, end);
        if (i >= end || t[i] != ',')
            break;
        i = skip_ws(t, i + 1, end);
    }
    return n;
}
