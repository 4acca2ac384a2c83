/* collateral_json_helpers.c — shared helpers for the collateral JSON tests; see
 * collateral_json_helpers.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "collateral_json.h"
#include "collateral_json_helpers.h"
#include "file.h"

/* noinline, as in the original single test file: inlined, gcc -O2 reported -Wdangling-pointer. */
__attribute__((noinline)) char *cj_load(const char *path, size_t *len)
{
    uint8_t *buf = NULL;
    int rc = vsgx_read_file(path, 1 << 20, &buf, len);
    if (rc)
        fprintf(stderr, "cannot read %s: %s\n", path, strerror(rc));
    assert_int_equal(rc, 0);
    return (char *)buf;
}

/* A copy of s[0..len) with the first occurrence of old replaced (old must occur). */
char *cj_replace1(const char *s, size_t len, const char *old, const char *new, size_t *out_len)
{
    size_t ol = strlen(old), nl = strlen(new);
    const char *at = NULL;
    for (size_t i = 0; i + ol <= len; i++) {
        if (memcmp(s + i, old, ol) == 0) {
            at = s + i;
            break;
        }
    }
    if (!at)
        fprintf(stderr, "cj_replace1: \"%s\" not found\n", old);
    assert_non_null(at);
    size_t pre = (size_t)(at - s);
    char *r = malloc(len - ol + nl + 1);
    assert_non_null(r);
    memcpy(r, s, pre);
    memcpy(r + pre, new, nl);
    memcpy(r + pre + nl, at + ol, len - pre - ol);
    *out_len = len - ol + nl;
    r[*out_len] = '\0';
    return r;
}

char *cj_append(const char *s, size_t len, const char *tail, size_t tail_len, size_t *out_len)
{
    char *r = malloc(len + tail_len + 1);
    assert_non_null(r);
    memcpy(r, s, len);
    memcpy(r + len, tail, tail_len);
    r[len + tail_len] = '\0';
    *out_len = len + tail_len;
    return r;
}

int cj_is_zero(const void *p, size_t n)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i])
            return 0;
    return 1;
}

void cj_check_error(int rc, const vsgx_json_error_t *err, const char *path, const char *msg)
{
    if (rc != -1 || strcmp(err->path, path) != 0 || !strstr(err->message, msg))
        fprintf(stderr, "expected failure at \"%s\" with \"%s\"; got rc %d, \"%s\": \"%s\"\n", path,
                msg, rc, err->path, err->message);
    assert_int_equal(rc, -1);
    assert_string_equal(err->path, path);
    assert_non_null(strstr(err->message, msg));
}

/* Expects the body to fail at path with a message containing msg; *out must stay zeroed. */
void cj_tcb_fails(const char *body, size_t len, const char *path, const char *msg)
{
    vsgx_tcb_info_t t;
    vsgx_json_error_t err;
    memset(&t, 0xAA, sizeof t);
    int rc = vsgx_tcb_info_parse(body, len, &t, &err);
    cj_check_error(rc, &err, path, msg);
    assert_true(cj_is_zero(&t, sizeof t));
}

void cj_qe_fails(const char *body, size_t len, const char *path, const char *msg)
{
    vsgx_enclave_identity_t e;
    vsgx_json_error_t err;
    memset(&e, 0xAA, sizeof e);
    int rc = vsgx_enclave_identity_parse(body, len, &e, &err);
    cj_check_error(rc, &err, path, msg);
    assert_true(cj_is_zero(&e, sizeof e));
}

/* tcb_fails on a copy of the file with one replacement. */
void cj_tcb_fails_with(const char *file, const char *old, const char *new, const char *path,
                       const char *msg)
{
    size_t len, mlen;
    char *body = cj_load(file, &len);
    char *m = cj_replace1(body, len, old, new, &mlen);
    cj_tcb_fails(m, mlen, path, msg);
    free(m);
    free(body);
}

void cj_qe_fails_with(const char *file, const char *old, const char *new, const char *path,
                      const char *msg)
{
    size_t len, mlen;
    char *body = cj_load(file, &len);
    char *m = cj_replace1(body, len, old, new, &mlen);
    cj_qe_fails(m, mlen, path, msg);
    free(m);
    free(body);
}

/* A string of a collateral.json member. */
char *cj_collateral_field(const char *file, const char *key)
{
    json_error_t jerr;
    json_t *j = json_load_file(file, 0, &jerr);
    assert_non_null(j);
    const char *s = json_string_value(json_object_get(j, key));
    assert_non_null(s);
    char *r = strdup(s);
    json_decref(j);
    return r;
}

void cj_sb_printf(cj_sbuf_t *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    assert_true(n >= 0);
    if (b->len + (size_t)n + 1 > b->cap) {
        b->cap = (b->len + (size_t)n + 1) * 2;
        b->p = realloc(b->p, b->cap);
        assert_non_null(b->p);
    }
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}
