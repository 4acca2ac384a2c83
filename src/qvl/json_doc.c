/* json_doc.c — the checked document behind the TCB info and enclave identity readers (see
 * json_span.h, section 3): one pass over the signed span that accepts exactly the language
 * jansson accepts with JSON_REJECT_DUPLICATES and records the extent of every container, so
 * that the navigation in json_span.c skips a value without rescanning it. */
#include "json_span.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_scan.h"

#define JANSSON_MAX_DEPTH 2048 /* jansson's JSON_PARSER_MAX_DEPTH: values nested deeper fail */
#define LINEAR_KEYS 16         /* an object's keys are compared pairwise up to this many */

typedef struct {
    size_t start, len; /* raw, between the quotes */
    bool escaped;
} jkey_t;

typedef struct {
    size_t container;  /* in the document's index */
    size_t key_base;   /* the object's first key in the key stack */
    bool object;
} frame_t;

typedef struct {
    vsgx_scan_t s;
    vsgx_json_doc_t *d;
    frame_t *frames, frame_buf[32];
    size_t nframes, frame_cap;
    jkey_t *keys, key_buf[64];
    size_t nkeys, key_cap;
    bool prefix;       /* the inner value of a body: nesting as the span scanner allows */
    bool refused;      /* failed on what jansson refuses in well-formed text (or memory) */
    bool oom;
    char msg[120];     /* a formatted error (s.err points here) */
} walk_t;

/* Fails with a formatted message at `at`; like jansson, names the token [from, at) when it is
 * at most 20 bytes. */
static bool jfail(walk_t *w, size_t from, size_t at, const char *what)
{
    size_t n = at - from;
    if (n > 0 && n <= 20)
        snprintf(w->msg, sizeof w->msg, "%s near '%.*s'", what, (int)n, (const char *)w->s.p + from);
    else
        snprintf(w->msg, sizeof w->msg, "%s", what);
    w->s.pos = at;
    w->s.err = NULL; /* replaces an error found later in the text */
    w->refused = true;
    return vsgx_scan_fail(&w->s, w->msg);
}

static bool oom(walk_t *w)
{
    w->oom = w->refused = true;
    return vsgx_scan_fail(&w->s, "out of memory");
}

/* Makes room for one more element in *arr (which starts as inline storage). */
static bool grow(walk_t *w, void **arr, size_t *cap, size_t used, size_t size, const void *inline_buf)
{
    if (used < *cap)
        return true;
    size_t ncap = *cap * 2;
    void *n = *arr == inline_buf ? malloc(ncap * size) : realloc(*arr, ncap * size);
    if (!n)
        return oom(w);
    if (*arr == inline_buf)
        memcpy(n, inline_buf, used * size);
    *arr = n;
    *cap = ncap;
    return true;
}

/* Orders two keys by their decoded bytes. */
static int keys_cmp(const unsigned char *text, const jkey_t *a, const jkey_t *b)
{
    if (!a->escaped && !b->escaped) {
        int r = memcmp(text + a->start, text + b->start, a->len < b->len ? a->len : b->len);
        return r ? r : (a->len > b->len) - (a->len < b->len);
    }
    vsgx_dec_t x, y;
    int c, e;
    vsgx_dec_init(&x, (const char *)text + a->start, a->len);
    vsgx_dec_init(&y, (const char *)text + b->start, b->len);
    do {
        c = vsgx_dec_next(&x);
        e = vsgx_dec_next(&y);
    } while (c == e && c >= 0);
    return (c > e) - (c < e);
}

typedef struct {
    const unsigned char *text;
    const jkey_t *key;
} keyref_t;

static int keyref_cmp(const void *a, const void *b)
{
    const keyref_t *x = a, *y = b;
    int r = keys_cmp(x->text, x->key, y->key);
    return r ? r : (x->key > y->key) - (x->key < y->key); /* then in text order */
}

/* The first key of a big object (frame i, its keys [base, end) of the stack) that repeats an
 * earlier one, in text order: sets *dup (or leaves it) when it comes before *dup. */
static bool first_duplicate(walk_t *w, size_t base, size_t end, const jkey_t **dup)
{
    size_t n = end - base;
    keyref_t *v = malloc(n * sizeof *v);
    if (!v)
        return oom(w);
    for (size_t i = 0; i < n; i++)
        v[i] = (keyref_t){ w->s.p, &w->keys[base + i] };
    qsort(v, n, sizeof *v, keyref_cmp);
    for (size_t i = 1; i < n; i++)
        if (keys_cmp(w->s.p, v[i - 1].key, v[i].key) == 0 && (!*dup || v[i].key->start < (*dup)->start))
            *dup = v[i].key;
    free(v);
    return true;
}

/* A failure (w->s.err) while objects are open: jansson would have stopped earlier at a
 * duplicate key of an object too big to be checked key by key. */
static void earlier_duplicate(walk_t *w)
{
    const jkey_t *dup = NULL;
    for (size_t i = 0; i < w->nframes && !w->oom; i++) {
        size_t end = i + 1 < w->nframes ? w->frames[i + 1].key_base : w->nkeys;
        if (w->frames[i].object && end - w->frames[i].key_base > LINEAR_KEYS)
            first_duplicate(w, w->frames[i].key_base, end, &dup);
    }
    if (!w->oom && dup && dup->start + dup->len + 1 <= w->s.err_at)
        jfail(w, dup->start - 1, dup->start + dup->len + 1, "duplicate object key");
}

/* The key just scanned ([at, pos), flags from the scanner) of the innermost object: jansson
 * refuses a NUL in a key and, with JSON_REJECT_DUPLICATES, a key seen before in the object.
 * The first LINEAR_KEYS keys of an object are compared as they come; the keys of a bigger one
 * are sorted when it closes (or when anything fails before). */
static bool add_key(walk_t *w, size_t at, unsigned flags)
{
    frame_t *f = &w->frames[w->nframes - 1];
    jkey_t k = { at + 1, w->s.pos - at - 2, (flags & VSGX_SCAN_ESCAPED) != 0 };

    if (flags & VSGX_SCAN_NUL)
        return jfail(w, at, w->s.pos, "NUL byte in object key not supported");
    if (w->nkeys - f->key_base < LINEAR_KEYS) {
        for (size_t i = f->key_base; i < w->nkeys; i++) {
            const jkey_t *o = &w->keys[i];
            if ((o->escaped || k.escaped || o->len == k.len) && keys_cmp(w->s.p, o, &k) == 0)
                return jfail(w, at, w->s.pos, "duplicate object key");
        }
    }
    if (!grow(w, (void **)&w->keys, &w->key_cap, w->nkeys, sizeof *w->keys, w->key_buf))
        return false;
    w->keys[w->nkeys++] = k;
    return true;
}

/* "key" : — in the innermost object, pos before the key. */
static bool member_key(walk_t *w)
{
    vsgx_scan_t *s = &w->s;
    unsigned flags;
    vsgx_scan_ws(s);
    size_t at = s->pos;
    if (!vsgx_scan_string(s, &flags) || !add_key(w, at, flags))
        return false;
    vsgx_scan_ws(s);
    if (vsgx_scan_peek(s) != ':')
        return vsgx_scan_fail(s, "expected ':'");
    s->pos++;
    return true;
}

/* A container opens at `at` (pos is past its bracket). */
static bool open_container(walk_t *w, size_t at, bool object)
{
    vsgx_json_doc_t *d = w->d;
    if (w->prefix && w->nframes == VSGX_JSON_MAX_DEPTH) {
        w->s.pos = at;
        return vsgx_scan_fail(&w->s, "nesting too deep");
    }
    if (w->nframes + 1 > JANSSON_MAX_DEPTH)
        return jfail(w, at, w->s.pos, "maximum parsing depth reached");
    if (!grow(w, (void **)&d->index, &d->cap, d->count, sizeof *d->index, d->inline_index) ||
        !grow(w, (void **)&w->frames, &w->frame_cap, w->nframes, sizeof *w->frames, w->frame_buf))
        return false;
    d->index[d->count] = (vsgx_json_node_t){ at, 0, 0 };
    w->frames[w->nframes++] = (frame_t){ d->count++, w->nkeys, object };
    return true;
}

/* The innermost container closes (pos is past its bracket). */
static bool close_container(walk_t *w)
{
    frame_t *f = &w->frames[w->nframes - 1];
    if (f->object && w->nkeys - f->key_base > LINEAR_KEYS) {
        const jkey_t *dup = NULL;
        if (!first_duplicate(w, f->key_base, w->nkeys, &dup))
            return false;
        if (dup)
            return jfail(w, dup->start - 1, dup->start + dup->len + 1, "duplicate object key");
    }
    vsgx_json_node_t *c = &w->d->index[f->container];
    c->len = w->s.pos - c->start;
    c->next = w->d->count;
    w->nkeys = f->key_base;
    w->nframes--;
    return true;
}

/* A scalar of jansson's: no \u0000 in strings, integers within long long, finite reals. */
static bool scalar(walk_t *w, int c)
{
    vsgx_scan_t *s = &w->s;
    size_t at = s->pos;
    unsigned flags = 0;
    /* In jansson's order: what its lexer refuses, the depth, then a NUL in a string. */
    if (c == '"') {
        if (!vsgx_scan_string(s, &flags))
            return false;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
        bool real;
        if (!vsgx_scan_number(s, &real))
            return false;
        const char *p = (const char *)s->p + at;
        size_t n = s->pos - at;
        if (!real) {
            bool neg = p[0] == '-';
            size_t digits = n - neg;
            const char *limit = neg ? "9223372036854775808" : "9223372036854775807";
            if (digits > 19 || (digits == 19 && memcmp(p + neg, limit, 19) > 0))
                return jfail(w, at, s->pos, neg ? "too big negative integer" : "too big integer");
        } else {
            /* As jansson: strtod on the text with the locale's decimal point; only overflow fails. */
            char small[64], *b = n < sizeof small ? small : malloc(n + 1);
            if (!b)
                return oom(w);
            memcpy(b, p, n);
            b[n] = '\0';
            const char *point = localeconv()->decimal_point;
            char *dot = strchr(b, '.');
            if (dot && *point != '.')
                *dot = *point;
            int saved = errno;
            errno = 0;
            double v = strtod(b, NULL);
            bool overflow = (v == HUGE_VAL || v == -HUGE_VAL) && errno == ERANGE;
            errno = saved;
            if (b != small)
                free(b);
            if (overflow)
                return jfail(w, at, s->pos, "real number overflow");
        }
    } else if (!vsgx_scan_literal(s))
        return false;
    if (w->nframes + 1 > JANSSON_MAX_DEPTH)
        return jfail(w, at, s->pos, "maximum parsing depth reached");
    if (flags & VSGX_SCAN_NUL)
        return jfail(w, at, s->pos, "\\u0000 is not allowed in a string");
    return true;
}

/* One complete value, the root; pos may be preceded by whitespace. */
static bool walk(walk_t *w)
{
    vsgx_scan_t *s = &w->s;
    for (;;) {
        vsgx_scan_ws(s);
        int c = vsgx_scan_peek(s);
        if (c < 0)
            return vsgx_scan_fail(s, "unexpected end of text");
        if (c == '{' || c == '[') {
            size_t at = s->pos++;
            if (!open_container(w, at, c == '{'))
                return false;
            vsgx_scan_ws(s);
            if (vsgx_scan_peek(s) != (c == '{' ? '}' : ']')) {
                if (c == '{' && !member_key(w))
                    return false;
                continue;
            }
            s->pos++;
            if (!close_container(w))
                return false;
        } else if (!scalar(w, c))
            return false;
        /* After a value: close containers or move to the next element. */
        for (;;) {
            if (w->nframes == 0)
                return true;
            vsgx_scan_ws(s);
            c = vsgx_scan_peek(s);
            bool object = w->frames[w->nframes - 1].object;
            if (c == ',') {
                s->pos++;
                if (object && !member_key(w))
                    return false;
                break;
            }
            if (c != (object ? '}' : ']'))
                return vsgx_scan_fail(s, c < 0 ? "unexpected end of text" : "expected ',' or a closing bracket");
            s->pos++;
            if (!close_container(w))
                return false;
        }
    }
}

/* Checks the value of text[0..len) into d: the whole text (whitespace around the value
 * allowed), or with w->prefix only the object that starts it. */
static bool check(walk_t *w, vsgx_json_doc_t *d, const char *text, size_t len, size_t base, int *first)
{
    bool ok;

    memset(d, 0, offsetof(vsgx_json_doc_t, inline_index));
    d->text = text;
    d->len = len;
    d->base = base;
    d->index = d->inline_index;
    d->cap = sizeof d->inline_index / sizeof d->inline_index[0];
    w->s = (vsgx_scan_t){ (const unsigned char *)text, text ? len : 0, 0, NULL, 0 };
    w->d = d;
    w->frames = w->frame_buf;
    w->frame_cap = sizeof w->frame_buf / sizeof w->frame_buf[0];
    w->nframes = 0;
    w->keys = w->key_buf;
    w->key_cap = sizeof w->key_buf / sizeof w->key_buf[0];
    w->nkeys = 0;
    w->refused = w->oom = false;

    vsgx_scan_ws(&w->s);
    int c = *first = vsgx_scan_peek(&w->s);
    if (c != '{' && (c != '[' || w->prefix))
        ok = vsgx_scan_fail(&w->s, c < 0 ? "empty text" : "expected '{'");
    else if ((ok = walk(w)) && !w->prefix) {
        vsgx_scan_ws(&w->s);
        if (w->s.pos != len)
            ok = vsgx_scan_fail(&w->s, "unexpected text after the object");
    }
    if (!ok && w->nframes > 0)
        earlier_duplicate(w);
    if (w->frames != w->frame_buf)
        free(w->frames);
    if (w->keys != w->key_buf)
        free(w->keys);
    if (ok)
        d->root = (vsgx_json_value_t){ d->index[0].start, d->index[0].len, 0 };
    return ok;
}

static int failed(const walk_t *w, size_t base, const char *root, vsgx_json_error_t *err)
{
    snprintf(err->path, sizeof err->path, "%s", root);
    if (w->oom)
        snprintf(err->message, sizeof err->message, "out of memory");
    else
        snprintf(err->message, sizeof err->message, "malformed JSON at byte %zu: %s",
                 base + w->s.err_at, w->s.err);
    return -1;
}

int vsgx_json_doc_load(vsgx_json_doc_t *d, const char *text, size_t len, size_t base,
                       const char *root, vsgx_json_error_t *err)
{
    walk_t w;
    int first;

    w.prefix = false;
    if (!check(&w, d, text, len, base, &first)) {
        if (!text) {
            snprintf(err->path, sizeof err->path, "%s", root);
            snprintf(err->message, sizeof err->message, "no JSON text");
            return -1;
        }
        return failed(&w, base, root, err);
    }
    if (first != '{') {
        snprintf(err->path, sizeof err->path, "%s", root);
        snprintf(err->message, sizeof err->message, "expected an object");
        return -1;
    }
    return 0;
}

int vsgx_json_doc_prefix(vsgx_json_doc_t *d, const char *text, size_t avail, size_t base,
                         const char *root, vsgx_json_error_t *err, size_t *error_offset,
                         const char **error)
{
    walk_t w;
    int first;

    w.prefix = true;
    if (check(&w, d, text, avail, base, &first)) {
        d->len = d->root.len;
        return 0;
    }
    if (w.refused)
        return failed(&w, base, root, err), -2;
    *error_offset = w.s.err_at;
    *error = w.s.err; /* the span scanner's words: static text */
    return -1;
}

void vsgx_json_doc_free(vsgx_json_doc_t *d)
{
    if (!d)
        return;
    if (d->index != d->inline_index)
        free(d->index);
    d->index = NULL;
    d->count = d->cap = 0;
}
