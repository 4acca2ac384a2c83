/* json_fields.c — the response-body split (exact signed span, signature hex) and the typed
 * field readers with JSON paths over a checked document that the TCB info and enclave identity
 * parsers share (declared in json_span.h, sections 2 and 4). */
#include "json_span.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "hex.h"
#include "timefmt.h"

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
                          vsgx_json_span_t *inner, vsgx_json_doc_t *doc, uint8_t sig[64],
                          vsgx_json_error_t *err)
{
    vsgx_json_members_t it;
    vsgx_json_span_t k, v, sig_span = { 0, 0 };
    vsgx_json_error_t refused;
    bool have_inner = false, have_sig = false, checked = false, have_refused = false;
    char buf[40];
    int r;

    if (doc) /* freeable whatever happens */
        doc->index = NULL;
    if (!body)
        return fail_at(err, "", "no response body");
    if (len > 0 && body[len - 1] == '\0')
        len--; /* Intel's C collateral struct counts the terminating NUL */
    vsgx_json_members_begin(&it, body, len);
    while ((r = vsgx_json_members_key(&it, &k)) == 1) {
        const char *key = body + k.start;
        size_t at = it.pos;
        bool is_inner = vsgx_json_key_equals(key, k.len, inner_key), read = false;
        if (is_inner && doc && !checked && at < len && body[at] == '{') {
            /* The inner value is checked into *doc as it is scanned. What jansson would refuse
             * in it is reported only after the rest of the body has been found sound, so a
             * fault of the body comes first whatever its place. */
            const char *error;
            size_t off;
            checked = true;
            r = vsgx_json_doc_prefix(doc, body + at, len - at, at, inner_key, &refused, &off, &error);
            if (r == -1)
                return fail_at(err, "", "malformed JSON at byte %zu: %s", at + off, error);
            have_refused = r == -2;
            if (r == 0) {
                vsgx_json_members_skip(&it, at + doc->len);
                v = (vsgx_json_span_t){ at, doc->len };
                read = true;
            }
        }
        if (!read && (r = vsgx_json_members_value(&it, &v)) < 0)
            break;
        if (is_inner) {
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
    if (vsgx_json_signature_hex(body + sig_span.start + 1, sig_span.len - 2, sig, err))
        return -1;
    if (have_refused) {
        *err = refused;
        return -1;
    }
    return 0;
}

/* ---- 4. Field readers ---------------------------------------------------------------------- */

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
    if (index < 100 && sizeof p->buf - p->len > 5) { /* the usual case, without divisions */
        char *b = p->buf + p->len;
        *b++ = '[';
        if (index >= 10)
            *b++ = (char)('0' + index / 10);
        *b++ = (char)('0' + index % 10);
        *b++ = ']';
        *b = '\0';
        p->len = (size_t)(b - p->buf);
        return mark;
    }
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

static const char *kind_name(vsgx_json_kind_t k)
{
    switch (k) {
    case VSGX_JSON_OBJECT: return "an object";
    case VSGX_JSON_ARRAY: return "an array";
    case VSGX_JSON_STRING: return "a string";
    case VSGX_JSON_INTEGER: return "an integer";
    case VSGX_JSON_REAL: return "a real number";
    case VSGX_JSON_BOOLEAN: return "a boolean";
    default: return "null";
    }
}

int vsgx_json_expect(const vsgx_json_doc_t *d, vsgx_json_value_t v, const char *key,
                     vsgx_json_kind_t kind, bool required, const vsgx_json_path_t *p,
                     vsgx_json_error_t *err)
{
    vsgx_json_kind_t k = vsgx_json_kind(d, v);
    if (k == VSGX_JSON_ABSENT)
        return required ? vsgx_json_fail(err, p, key, "missing field") : 0;
    if (k != kind)
        return vsgx_json_fail(err, p, key, "expected %s, found %s", kind_name(kind), kind_name(k));
    return 0;
}

int vsgx_json_uint(const vsgx_json_doc_t *d, vsgx_json_value_t v, const char *key, uint64_t max,
                   const vsgx_json_path_t *p, uint64_t *out, vsgx_json_error_t *err)
{
    vsgx_json_kind_t k = vsgx_json_kind(d, v);
    if (k == VSGX_JSON_ABSENT)
        return vsgx_json_fail(err, p, key, "missing field");
    if (k != VSGX_JSON_INTEGER)
        return vsgx_json_fail(err, p, key, "expected an unsigned integer, found %s", kind_name(k));
    /* The checking pass has kept integers within long long. */
    const char *t = d->text + v.start;
    bool neg = t[0] == '-';
    uint64_t u = 0;
    for (size_t i = neg; i < v.len; i++)
        u = u * 10 + (uint64_t)(t[i] - '0');
    if (neg && u != 0)
        return vsgx_json_fail(err, p, key, "value %lld out of range 0..%llu",
                              u > (uint64_t)INT64_MAX ? (long long)INT64_MIN : -(long long)u,
                              (unsigned long long)max);
    if (u > max)
        return vsgx_json_fail(err, p, key, "value %lld out of range 0..%llu", (long long)u,
                              (unsigned long long)max);
    *out = u;
    return 0;
}

int vsgx_json_str(const vsgx_json_doc_t *d, vsgx_json_value_t v, const char *key,
                  const vsgx_json_path_t *p, vsgx_json_str_t *out, vsgx_json_error_t *err)
{
    if (vsgx_json_expect(d, v, key, VSGX_JSON_STRING, true, p, err))
        return -1;
    const char *raw = d->text + v.start + 1;
    size_t len = v.len - 2;
    if (!memchr(raw, '\\', len)) {
        out->s = raw;
        out->len = len;
    } else {
        out->s = out->buf;
        out->len = vsgx_json_decode(raw, len, out->buf, sizeof out->buf);
    }
    return 0;
}

/* Whether all of s is at hand (a decoded string longer than its buffer is not). */
static bool whole(const vsgx_json_str_t *s)
{
    return s->s != s->buf || s->len <= sizeof s->buf;
}

int vsgx_json_hex(const vsgx_json_doc_t *d, vsgx_json_value_t v, const char *key, uint8_t *out,
                  size_t n, const vsgx_json_path_t *p, vsgx_json_error_t *err)
{
    vsgx_json_str_t s;
    char buf[40];
    if (vsgx_json_str(d, v, key, p, &s, err))
        return -1;
    if (!whole(&s) || !vsgx_hex_decode(s.s, s.len, out, n))
        return vsgx_json_fail(err, p, key, "expected %zu hex digits, found \"%s\"", 2 * n,
                              shown(s.s, s.len, buf));
    return 0;
}

int vsgx_json_time(const vsgx_json_doc_t *d, vsgx_json_value_t v, const char *key,
                   const vsgx_json_path_t *p, int64_t *out, vsgx_json_error_t *err)
{
    vsgx_json_str_t s;
    char buf[40];
    if (vsgx_json_str(d, v, key, p, &s, err))
        return -1;
    /* Only the ISO-8601 UTC form, not the plain seconds vsgx_time_parse also takes. */
    if (s.len < 20 || s.len > 40 || s.s[10] != 'T' || s.s[s.len - 1] != 'Z' ||
        !vsgx_time_parse(s.s, s.len, out))
        return vsgx_json_fail(err, p, key, "invalid ISO-8601 UTC time \"%s\"", shown(s.s, s.len, buf));
    return 0;
}

int vsgx_json_tcb_status(const vsgx_json_doc_t *d, vsgx_json_value_t v, const char *key,
                         const vsgx_json_path_t *p, vsgx_tcb_status_t *out, vsgx_json_error_t *err)
{
    vsgx_json_str_t s;
    char buf[40];
    if (vsgx_json_str(d, v, key, p, &s, err))
        return -1;
    if (!whole(&s) || !vsgx_tcb_status_parse(s.s, s.len, out))
        return vsgx_json_fail(err, p, key, "unknown TCB status \"%s\"", shown(s.s, s.len, buf));
    return 0;
}

int vsgx_json_advisories(const vsgx_json_doc_t *d, vsgx_json_value_t v, vsgx_json_path_t *p,
                         vsgx_advisory_id_t *out, size_t *count, vsgx_json_error_t *err)
{
    vsgx_json_value_t ids[VSGX_MAX_ADVISORIES];
    size_t n, mark;
    char buf[40];

    *count = 0;
    if (vsgx_json_expect(d, v, "advisoryIDs", VSGX_JSON_ARRAY, false, p, err))
        return -1;
    if (v.len == 0)
        return 0;
    n = vsgx_json_elements(d, v, ids, VSGX_MAX_ADVISORIES);
    if (n > VSGX_MAX_ADVISORIES)
        return vsgx_json_fail(err, p, "advisoryIDs", "too many advisory IDs (%zu, at most %d)", n,
                              VSGX_MAX_ADVISORIES);
    mark = vsgx_json_path_key(p, "advisoryIDs");
    for (size_t i = 0; i < n; i++) {
        size_t m = vsgx_json_path_index(p, i);
        vsgx_json_str_t s;
        if (vsgx_json_str(d, ids[i], NULL, p, &s, err))
            return -1;
        if (s.len == 0 || s.len >= VSGX_ADVISORY_ID_MAX)
            return vsgx_json_fail(err, p, NULL, "advisory ID of %zu bytes (1 to %d allowed)", s.len,
                                  VSGX_ADVISORY_ID_MAX - 1);
        for (size_t c = 0; c < s.len; c++) {
            /* Printable, no spaces or commas: the IDs end up in a comma-separated list. */
            unsigned char ch = (unsigned char)s.s[c];
            if (ch <= 0x20 || ch >= 0x7f || ch == ',')
                return vsgx_json_fail(err, p, NULL, "invalid character in advisory ID \"%s\"",
                                      shown(s.s, s.len, buf));
        }
        memcpy(out[i].id, s.s, s.len);
        out[i].id[s.len] = '\0';
        vsgx_json_path_pop(p, m);
    }
    vsgx_json_path_pop(p, mark);
    *count = n;
    return 0;
}
