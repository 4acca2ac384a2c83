/* verify_vectors.c — the real-quote test vectors and the helpers of verify_vectors.h: loading
 * the quotes, collateral and expected verdicts, verifying exact-size (changed) copies and
 * checking verdicts, and temporary collateral directories with one change. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "file.h"
#include "timefmt.h"
#include "verify_vectors.h"

/* ---- the vectors ------------------------------------------------------------------------ */

vec_t g_vec[2];
char g_what[160];

uint8_t *load(const char *path, size_t *len)
{
    uint8_t *buf = NULL;
    int rc = vsgx_read_file(path, 16u << 20, &buf, len);
    if (rc)
        fprintf(stderr, "cannot read %s: %s\n", path, strerror(rc));
    assert_int_equal(rc, 0);
    return buf;
}

static int64_t json_time(json_t *s)
{
    int64_t t = 0;
    assert_true(json_is_string(s));
    assert_true(vsgx_time_parse(json_string_value(s), json_string_length(s), &t));
    return t;
}

static void copy_str(char *dst, size_t n, json_t *s)
{
    assert_true(json_is_string(s));
    snprintf(dst, n, "%s", json_string_value(s));
}

static void vec_load(vec_t *v, const char *dir)
{
    char path[512];
    json_error_t jerr;
    vsgx_qvl_failure_t why;
    memset(v, 0, sizeof *v);
    v->dir = dir;
    snprintf(path, sizeof path, "%s/expected.json", dir);
    json_t *e = json_load_file(path, 0, &jerr);
    assert_non_null(e);
    v->time = json_integer_value(json_object_get(e, "verification_time"));
    v->result = (sgx_ql_qv_result_t)strtoul(json_string_value(json_object_get(e, "sgx_ql_qv_result")), NULL, 16);
    copy_str(v->status, sizeof v->status, json_object_get(e, "status"));
    copy_str(v->platform_status, sizeof v->platform_status, json_object_get(e, "platform_tcb_status"));
    copy_str(v->qe_status, sizeof v->qe_status, json_object_get(e, "qe_tcb_status"));
    json_t *adv = json_object_get(e, "advisory_ids");
    v->advisory_count = json_array_size(adv);
    assert_true(v->advisory_count <= 4);
    for (size_t i = 0; i < v->advisory_count; i++)
        copy_str(v->advisories[i], sizeof v->advisories[i], json_array_get(adv, i));
    json_t *w = json_object_get(e, "valid_window_utc");
    v->window_start = json_time(json_array_get(w, 0));
    v->window_end = json_time(json_array_get(w, 1));
    v->tcb_date = json_time(json_object_get(e, "tcb_date"));
    json_decref(e);
    snprintf(path, sizeof path, "%s/quote.bin", dir);
    v->quote = load(path, &v->quote_len);
    /* The offsets above: 32 bytes of authentication data, then type 5 and its size. */
    assert_true(v->quote_len > OFF_CERT);
    assert_int_equal(v->quote[OFF_AUTH_LEN] | v->quote[OFF_AUTH_LEN + 1] << 8, 32);
    assert_int_equal(v->quote[OFF_CERT_TYPE] | v->quote[OFF_CERT_TYPE + 1] << 8, 5);
    snprintf(path, sizeof path, "%s/collateral", dir);
    assert_int_equal(vsgx_collateral_load(path, &v->coll, &why), SGX_QL_SUCCESS);
}

int vectors_setup(void **state)
{
    (void)state;
    vec_load(&g_vec[0], PROC);
    vec_load(&g_vec[1], PLAT);
    return 0;
}

int vectors_teardown(void **state)
{
    (void)state;
    for (int i = 0; i < 2; i++) {
        free(g_vec[i].quote);
        vsgx_collateral_free(g_vec[i].coll);
    }
    return 0;
}

/* ---- verifying and checking verdicts --------------------------------------------------- */

/* Verifies an exact-size copy of q[0..len) (so a read past the end is an ASan error). */
void verify_with(const vec_t *t, const vsgx_collateral_t *c, const uint8_t *q, size_t len, int64_t time,
                 vsgx_qvl_verdict_t *v)
{
    uint8_t *copy = malloc(len ? len : 1);
    assert_non_null(copy);
    if (len)
        memcpy(copy, q, len);
    vsgx_qvl_options_t o = { .time = time ? time : t->time, .trust_anchor = NULL, .reject_debug = false };
    quote3_error_t rc = vsgx_qvl_verify(copy, len, c, &o, v);
    free(copy);
    assert_int_equal(rc, v->error);
}

void verify(const vec_t *t, const uint8_t *q, size_t len, vsgx_qvl_verdict_t *v)
{
    verify_with(t, t->coll, q, len, 0, v);
}

/* Verifies the quote with q[off] ^= mask. */
void verify_flip(const vec_t *t, size_t off, uint8_t mask, vsgx_qvl_verdict_t *v)
{
    uint8_t *q = malloc(t->quote_len);
    assert_non_null(q);
    memcpy(q, t->quote, t->quote_len);
    q[off] ^= mask;
    snprintf(g_what, sizeof g_what, "%s: byte %zu ^= 0x%02x", t->dir, off, mask);
    verify(t, q, t->quote_len, v);
    free(q);
}

void expect_(const vsgx_qvl_verdict_t *v, quote3_error_t code, sgx_ql_qv_result_t result, const char *check,
             int64_t offset, int line)
{
    if (v->error != code || v->failure.code != code || v->result != result || strcmp(v->failure.check, check) != 0 ||
        (offset != ANY_OFFSET && v->failure.offset != offset))
        fail_msg("line %d (%s): got %s (0x%x) result 0x%x check \"%s\" offset %lld: %s\n"
                 "  expected %s (0x%x) result 0x%x check \"%s\" offset %lld",
                 line, g_what, vsgx_quote3_error_name(v->error), v->error, v->result, v->failure.check,
                 (long long)v->failure.offset, v->failure.message, vsgx_quote3_error_name(code), code, result, check,
                 (long long)offset);
}

void expect_good(const vec_t *t, const vsgx_qvl_verdict_t *v)
{
    EXPECT(v, SGX_QL_SUCCESS, t->result, "", -1);
    assert_string_equal(v->status, t->status);
    assert_string_equal(v->platform_status, t->platform_status);
    assert_string_equal(v->qe_status, t->qe_status);
    assert_int_equal(v->advisory_count, t->advisory_count);
    for (size_t i = 0; i < t->advisory_count; i++)
        assert_string_equal(v->advisory_ids[i], t->advisories[i]);
    assert_int_equal(v->tcb_date, t->tcb_date);
}

/* ---- quote bytes ------------------------------------------------------------------------ */

const char *find(const char *hay, size_t len, const char *needle, size_t from)
{
    size_t n = strlen(needle);
    for (size_t i = from; i + n <= len; i++)
        if (memcmp(hay + i, needle, n) == 0)
            return hay + i;
    return NULL;
}

void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Replaces the base64 character `k` characters into certificate `which` (0 leaf, 1 CA, 2 root)
 * with another base64 character, which changes bits of the DER near byte k*3/4. */
void verify_pem_change(const vec_t *t, int which, size_t k, vsgx_qvl_verdict_t *v)
{
    uint8_t *q = malloc(t->quote_len);
    assert_non_null(q);
    memcpy(q, t->quote, t->quote_len);
    const char *pem = (const char *)q + OFF_CERT;
    size_t pem_len = t->quote_len - OFF_CERT, at = 0;
    for (int c = 0; c <= which; c++) {
        const char *b = find(pem, pem_len, "-----BEGIN CERTIFICATE-----\n", at);
        assert_non_null(b);
        at = (size_t)(b - pem) + 28;
    }
    char *ch = (char *)q + OFF_CERT + at + k;
    assert_true(*ch != '\n' && *ch != '-');
    *ch = *ch == 'A' ? 'B' : 'A';
    snprintf(g_what, sizeof g_what, "%s: certificate %d base64 char %zu", t->dir, which, k);
    verify(t, q, t->quote_len, v);
    free(q);
}

uint8_t *dup_quote(const vec_t *t, size_t extra)
{
    uint8_t *q = calloc(1, t->quote_len + extra);
    assert_non_null(q);
    memcpy(q, t->quote, t->quote_len);
    return q;
}

/* ---- collateral directories ------------------------------------------------------------- */

char *copy_dir(const char *src)
{
    char *dir = strdup("/tmp/vsgx-tamper-XXXXXX");
    assert_non_null(dir);
    assert_non_null(mkdtemp(dir));
    DIR *d = opendir(src);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d))) {
        char from[1024], to[1024];
        struct stat st;
        snprintf(from, sizeof from, "%s/%s", src, e->d_name);
        if (stat(from, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        snprintf(to, sizeof to, "%s/%s", dir, e->d_name);
        size_t len;
        uint8_t *data = load(from, &len);
        FILE *f = fopen(to, "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(data, 1, len, f), len);
        fclose(f);
        free(data);
    }
    closedir(d);
    return dir;
}

void remove_dir(char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        assert_int_equal(unlink(path), 0);
    }
    closedir(d);
    assert_int_equal(rmdir(dir), 0);
    free(dir);
}

void write_file(const char *dir, const char *name, const void *data, size_t len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

/* A collateral directory: a copy of the vector's, with name's first `old` replaced by `new`
 * (name NULL: unchanged). */
char *tampered_dir(const vec_t *t, const char *name, const char *old, const char *new)
{
    char src[512];
    snprintf(src, sizeof src, "%s/collateral", t->dir);
    char *dir = copy_dir(src);
    if (name) {
        char path[1024];
        size_t len;
        snprintf(path, sizeof path, "%s/%s", dir, name);
        char *text = (char *)load(path, &len);
        const char *at = find(text, len, old, 0);
        if (!at)
            fail_msg("\"%s\" not in %s", old, name);
        size_t pre = (size_t)(at - text), ol = strlen(old), nl = strlen(new);
        char *m = malloc(len - ol + nl + 1);
        assert_non_null(m);
        memcpy(m, text, pre);
        memcpy(m + pre, new, nl);
        memcpy(m + pre + nl, at + ol, len - pre - ol);
        write_file(dir, name, m, len - ol + nl);
        free(m);
        free(text);
    }
    snprintf(g_what, sizeof g_what, "%s: %s \"%s\" -> \"%s\"", t->dir, name ? name : "-", old ? old : "",
             new ? new : "");
    return dir;
}

/* Loads dir as collateral and verifies the vector's quote with it. Returns the load's code. */
quote3_error_t verify_dir(const vec_t *t, const char *dir, vsgx_qvl_verdict_t *v, vsgx_qvl_failure_t *why)
{
    vsgx_collateral_t *c = NULL;
    quote3_error_t rc = vsgx_collateral_load(dir, &c, why);
    if (rc) {
        assert_null(c);
        return rc;
    }
    verify_with(t, c, t->quote, t->quote_len, 0, v);
    vsgx_collateral_free(c);
    return SGX_QL_SUCCESS;
}
