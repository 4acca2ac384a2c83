/* json_fields.c — the response-body split (exact signed span, signature hex) and the typed
 * field readers with JSON paths that the TCB info and enclave identity parsers share
 * (declared in json_span.h). */
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
