/* test_collateral_json.c — TCB statuses, the JSON span scanner, and the strict TCB info /
 * enclave identity parsers, on Intel-served collateral and on derived broken cases. */
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
#include "file.h"
#include "hex.h"
#include "json_span.h"
#include "tcb_status.h"
#include "timefmt.h"

#define PROC VSGX_VECTORS "/quotes/sgx-v3-processor-ca-2025-07"
#define PLAT VSGX_VECTORS "/quotes/sgx-v3-platform-ca-2025-08"
#define SYNTH VSGX_VECTORS "/synthetic-intel-qvl"

/* ---- helpers --------------------------------------------------------------------------- */

__attribute__((noinline)) static char *load(const char *path, size_t *len)
{
    uint8_t *buf = NULL;
    int rc = vsgx_read_file(path, 1 << 20, &buf, len);
    if (rc)
        fprintf(stderr, "cannot read %s: %s\n", path, strerror(rc));
    assert_int_equal(rc, 0);
    return (char *)buf;
}

/* A copy of s[0..len) with the first occurrence of old replaced (old must occur). */
static char *replace1(const char *s, size_t len, const char *old, const char *new, size_t *out_len)
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
        fprintf(stderr, "replace1: \"%s\" not found\n", old);
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

static char *append(const char *s, size_t len, const char *tail, size_t tail_len, size_t *out_len)
{
    char *r = malloc(len + tail_len + 1);
    assert_non_null(r);
    memcpy(r, s, len);
    memcpy(r + len, tail, tail_len);
    r[len + tail_len] = '\0';
    *out_len = len + tail_len;
    return r;
}

static int is_zero(const void *p, size_t n)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i])
            return 0;
    return 1;
}

static void check_error(int rc, const vsgx_json_error_t *err, const char *path, const char *msg)
{
    if (rc != -1 || strcmp(err->path, path) != 0 || !strstr(err->message, msg))
        fprintf(stderr, "expected failure at \"%s\" with \"%s\"; got rc %d, \"%s\": \"%s\"\n", path,
                msg, rc, err->path, err->message);
    assert_int_equal(rc, -1);
    assert_string_equal(err->path, path);
    assert_non_null(strstr(err->message, msg));
}

/* Expects the body to fail at path with a message containing msg; *out must stay zeroed. */
static void tcb_fails(const char *body, size_t len, const char *path, const char *msg)
{
    vsgx_tcb_info_t t;
    vsgx_json_error_t err;
    memset(&t, 0xAA, sizeof t);
    int rc = vsgx_tcb_info_parse(body, len, &t, &err);
    check_error(rc, &err, path, msg);
    assert_true(is_zero(&t, sizeof t));
}

static void qe_fails(const char *body, size_t len, const char *path, const char *msg)
{
    vsgx_enclave_identity_t e;
    vsgx_json_error_t err;
    memset(&e, 0xAA, sizeof e);
    int rc = vsgx_enclave_identity_parse(body, len, &e, &err);
    check_error(rc, &err, path, msg);
    assert_true(is_zero(&e, sizeof e));
}

/* tcb_fails on a copy of the file with one replacement. */
static void tcb_fails_with(const char *file, const char *old, const char *new, const char *path,
                           const char *msg)
{
    size_t len, mlen;
    char *body = load(file, &len);
    char *m = replace1(body, len, old, new, &mlen);
    tcb_fails(m, mlen, path, msg);
    free(m);
    free(body);
}

static void qe_fails_with(const char *file, const char *old, const char *new, const char *path,
                          const char *msg)
{
    size_t len, mlen;
    char *body = load(file, &len);
    char *m = replace1(body, len, old, new, &mlen);
    qe_fails(m, mlen, path, msg);
    free(m);
    free(body);
}

/* A string of a collateral.json member. */
static char *collateral_field(const char *file, const char *key)
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

/* A growable text buffer for generated collateral. */
typedef struct {
    char *p;
    size_t len, cap;
} sbuf_t;

static void sb_printf(sbuf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_printf(sbuf_t *b, const char *fmt, ...)
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

static const char SIG128[] =
    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

/* A TCB info v3 body: level i has component 1 = i % 256, component 2 = i / 256. */
static char *build_v3(const char *id, size_t levels, size_t advisories, size_t *len)
{
    sbuf_t b = { 0 };
    bool tdx = strcmp(id, "TDX") == 0;
    sb_printf(&b, "{\"tcbInfo\":{\"id\":\"%s\",\"version\":3,\"issueDate\":\"2025-01-01T00:00:00Z\","
                  "\"nextUpdate\":\"2025-02-01T00:00:00Z\",\"fmspc\":\"00906ED50000\",\"pceId\":\"0000\","
                  "\"tcbType\":0,\"tcbEvaluationDataNumber\":19,", id);
    if (tdx)
        sb_printf(&b, "\"tdxModule\":{\"mrsigner\":\"00\",\"attributes\":\"00\"},\"tdxModuleIdentities\":[],");
    sb_printf(&b, "\"tcbLevels\":[");
    for (size_t i = 0; i < levels; i++) {
        sb_printf(&b, "%s{\"tcb\":{\"sgxtcbcomponents\":[{\"svn\":%zu},{\"svn\":%zu}", i ? "," : "",
                  i % 256, i / 256);
        for (int c = 2; c < 16; c++)
            sb_printf(&b, ",{\"svn\":0}");
        sb_printf(&b, "],\"pcesvn\":1");
        if (tdx) {
            sb_printf(&b, ",\"tdxtcbcomponents\":[{\"svn\":7,\"category\":\"OS/VMM\",\"type\":\"TDX Module\"}");
            for (int c = 1; c < 16; c++)
                sb_printf(&b, ",{\"svn\":%d}", c);
            sb_printf(&b, "]");
        }
        sb_printf(&b, "},\"tcbDate\":\"2024-03-13T00:00:00Z\",\"tcbStatus\":\"UpToDate\"");
        if (advisories) {
            sb_printf(&b, ",\"advisoryIDs\":[");
            for (size_t a = 0; a < advisories; a++)
                sb_printf(&b, "%s\"INTEL-SA-%05zu\"", a ? "," : "", a);
            sb_printf(&b, "]");
        }
        sb_printf(&b, "}");
    }
    sb_printf(&b, "]},\"signature\":\"%s\"}", SIG128);
    *len = b.len;
    return b.p;
}

/* ---- TCB statuses ----------------------------------------------------------------------- */

static void test_status(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        vsgx_tcb_status_t s;
        sgx_ql_qv_result_t r;
    } t[] = {
        { "UpToDate", VSGX_TCB_UP_TO_DATE, SGX_QL_QV_RESULT_OK },
        { "SWHardeningNeeded", VSGX_TCB_SW_HARDENING_NEEDED, 0xA007 },
        { "ConfigurationNeeded", VSGX_TCB_CONFIGURATION_NEEDED, 0xA001 },
        { "ConfigurationAndSWHardeningNeeded", VSGX_TCB_CONFIGURATION_AND_SW_HARDENING_NEEDED, 0xA008 },
        { "OutOfDate", VSGX_TCB_OUT_OF_DATE, 0xA002 },
        { "OutOfDateConfigurationNeeded", VSGX_TCB_OUT_OF_DATE_CONFIGURATION_NEEDED, 0xA003 },
        { "Revoked", VSGX_TCB_REVOKED, 0xA005 },
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        vsgx_tcb_status_t s = VSGX_TCB_UNKNOWN;
        assert_true(vsgx_tcb_status_parse(t[i].name, strlen(t[i].name), &s));
        assert_int_equal(s, t[i].s);
        assert_string_equal(vsgx_tcb_status_name(s), t[i].name);
        assert_int_equal(vsgx_tcb_status_result(s), t[i].r);
    }
    vsgx_tcb_status_t s = VSGX_TCB_REVOKED;
    assert_false(vsgx_tcb_status_parse("Unknown", 7, &s));
    assert_false(vsgx_tcb_status_parse("uptodate", 8, &s));
    assert_false(vsgx_tcb_status_parse("UpToDat", 7, &s));
    assert_false(vsgx_tcb_status_parse("UpToDateX", 9, &s));
    assert_false(vsgx_tcb_status_parse("UpToDate", 7, &s)); /* length counts */
    assert_false(vsgx_tcb_status_parse("", 0, &s));
    assert_false(vsgx_tcb_status_parse(NULL, 0, &s));
    assert_int_equal(s, VSGX_TCB_REVOKED); /* untouched */
    assert_string_equal(vsgx_tcb_status_name(VSGX_TCB_UNKNOWN), "Unknown");
    assert_string_equal(vsgx_tcb_status_name((vsgx_tcb_status_t)99), "Unknown");
    assert_int_equal(vsgx_tcb_status_result(VSGX_TCB_UNKNOWN), SGX_QL_QV_RESULT_UNSPECIFIED);
    assert_int_equal(vsgx_tcb_status_result((vsgx_tcb_status_t)99), SGX_QL_QV_RESULT_UNSPECIFIED);
}

/* ---- JSON span scanner ------------------------------------------------------------------ */

static void span_is(const char *text, const char *key, const char *expect)
{
    vsgx_json_span_t v = { 0, 0 };
    size_t off = 0;
    vsgx_json_span_result_t r = vsgx_json_member_span(text, strlen(text), key, &v, &off);
    if (r != VSGX_JSON_SPAN_FOUND)
        fprintf(stderr, "span of \"%s\" in %s: result %d at %zu\n", key, text, (int)r, off);
    assert_int_equal(r, VSGX_JSON_SPAN_FOUND);
    assert_int_equal(v.len, strlen(expect));
    assert_memory_equal(text + v.start, expect, v.len);
}

static void test_span_found(void **state)
{
    (void)state;
    const char *doc = "{\"a\":1,\"b\":{\"c\":[1,2,{\"d\":\"x\\\"}]\"}],\"e\":{}},\"f\":\"\\u00e9\\\\\"}";
    span_is(doc, "a", "1");
    span_is(doc, "b", "{\"c\":[1,2,{\"d\":\"x\\\"}]\"}],\"e\":{}}");
    span_is(doc, "f", "\"\\u00e9\\\\\"");
    span_is(" \t\r\n{ \"a\" : [ 1 , 2 ] , \"b\" :null } \n", "a", "[ 1 , 2 ]");
    span_is("{\"a\":[],\"b\":null}", "b", "null");
    span_is("{\"x\":true,\"y\":false}", "y", "false");
    span_is("{\"n\":-0.5e+10,\"m\":0}", "n", "-0.5e+10");
    span_is("{\"n\":12E-3}", "n", "12E-3");
    span_is("{\"s\":\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"}", "s",
            "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
    /* Keys are compared after decoding escapes; nested keys of the same name do not count. */
    span_is("{\"t\\u0063bInfo\":5}", "tcbInfo", "5");
    span_is("{\"\\ud83d\\ude00\":7}", "\xf0\x9f\x98\x80", "7");
    span_is("{\"x\":{\"a\":1},\"a\":2}", "a", "2");
    span_is("{\"a\\\"b\":3}", "a\"b", "3");

    vsgx_json_span_t v;
    assert_int_equal(vsgx_json_member_span("{\"a\":1}", 7, "b", &v, NULL), VSGX_JSON_SPAN_NOT_FOUND);
    assert_int_equal(vsgx_json_member_span("{}", 2, "a", &v, NULL), VSGX_JSON_SPAN_NOT_FOUND);
    assert_int_equal(vsgx_json_member_span("{\"ab\":1}", 8, "a", &v, NULL), VSGX_JSON_SPAN_NOT_FOUND);
    assert_int_equal(vsgx_json_member_span("{\"a\":1,\"a\":2}", 13, "a", &v, NULL),
                     VSGX_JSON_SPAN_DUPLICATE);
    assert_int_equal(vsgx_json_member_span("{\"a\":1,\"\\u0061\":2}", 18, "a", &v, NULL),
                     VSGX_JSON_SPAN_DUPLICATE);

    /* Members in order, with exact key spans. */
    const char *t = "{\"k1\":[1],\"k2\":\"v\"}";
    vsgx_json_members_t it;
    vsgx_json_span_t k;
    vsgx_json_members_begin(&it, t, strlen(t));
    assert_int_equal(vsgx_json_members_next(&it, &k, &v), 1);
    assert_int_equal(k.start, 2);
    assert_int_equal(k.len, 2);
    assert_int_equal(v.start, 6);
    assert_int_equal(v.len, 3);
    assert_int_equal(vsgx_json_members_next(&it, &k, &v), 1);
    assert_memory_equal(t + v.start, "\"v\"", 3);
    assert_int_equal(vsgx_json_members_next(&it, &k, &v), 0);
    assert_int_equal(vsgx_json_members_next(&it, &k, &v), 0);
}

static void test_span_malformed(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "", " ", "{", "}", "[]", "[{\"a\":1}]", "\"a\"", "1", "{}x", "{}{}", "{\"a\":1}}",
        "{\"a\"}", "{\"a\":}", "{\"a\" 1}", "{\"a\":1,}", "{,\"a\":1}", "{\"a\":1 \"b\":2}", "{a:1}",
        "{'a':1}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":1e}", "{\"a\":-}", "{\"a\":+1}",
        "{\"a\":0x1}", "{\"a\":tru}", "{\"a\":nul}", "{\"a\":True}", "{\"a\":\"\x01\"}",
        "{\"a\":\"tab\there\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\u12g4\"}",
        "{\"a\":\"\\ud800\"}", "{\"a\":\"\\ud800\\u0041\"}", "{\"a\":\"\\udc00\"}", "{\"a\":\"\xff\"}",
        "{\"a\":\"\xc0\x80\"}", "{\"a\":\"\xe0\x80\x80\"}", "{\"a\":\"\xed\xa0\x80\"}",
        "{\"a\":\"\xf4\x90\x80\x80\"}", "{\"a\":\"\xc3\"}", "{\"a\":[1}", "{\"a\":{]}",
        "{\"a\":[1,]}", "{\"a\":{\"b\"}}", "{\"a\":{\"b\":1,}}", "{\"a\":\"unterminated}",
        "{\"a\":1}\n\x01",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        vsgx_json_span_t v;
        size_t off = 12345;
        vsgx_json_span_result_t r = vsgx_json_member_span(bad[i], strlen(bad[i]), "a", &v, &off);
        if (r != VSGX_JSON_SPAN_MALFORMED)
            fprintf(stderr, "accepted malformed #%zu: %s\n", i, bad[i]);
        assert_int_equal(r, VSGX_JSON_SPAN_MALFORMED);
        assert_true(off <= strlen(bad[i]));
    }
    /* An embedded NUL is not whitespace. */
    vsgx_json_span_t v;
    assert_int_equal(vsgx_json_member_span("{\"a\":1}\0", 8, "a", &v, NULL), VSGX_JSON_SPAN_MALFORMED);
    assert_int_equal(vsgx_json_member_span("{\"a\":\"\0\"}", 9, "a", &v, NULL),
                     VSGX_JSON_SPAN_MALFORMED);
    assert_int_equal(vsgx_json_member_span(NULL, 0, "a", &v, NULL), VSGX_JSON_SPAN_MALFORMED);

    /* Error offsets point at the bad byte. */
    size_t off = 0;
    assert_int_equal(vsgx_json_member_span("{\"a\":[1,2 3]}", 13, "a", &v, &off), VSGX_JSON_SPAN_MALFORMED);
    assert_int_equal(off, 10);

    /* Every proper prefix of a document is malformed. */
    const char *doc = "{\"a\":[1,-2.5e3,{\"b\":\"x\\u00e9\\n\"},true,false,null],\"c\":{}}";
    size_t n = strlen(doc);
    assert_int_equal(vsgx_json_member_span(doc, n, "a", &v, NULL), VSGX_JSON_SPAN_FOUND);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(vsgx_json_member_span(doc, i, "a", &v, NULL), VSGX_JSON_SPAN_MALFORMED);
}

static void test_span_depth(void **state)
{
    (void)state;
    char buf[400];
    vsgx_json_span_t v;
    for (int depth = VSGX_JSON_MAX_DEPTH; depth <= VSGX_JSON_MAX_DEPTH + 1; depth++) {
        size_t n = 0;
        n += (size_t)sprintf(buf, "{\"a\":");
        for (int i = 0; i < depth; i++)
            buf[n++] = '[';
        for (int i = 0; i < depth; i++)
            buf[n++] = ']';
        buf[n++] = '}';
        buf[n] = '\0';
        assert_int_equal(vsgx_json_member_span(buf, n, "a", &v, NULL),
                         depth <= VSGX_JSON_MAX_DEPTH ? VSGX_JSON_SPAN_FOUND : VSGX_JSON_SPAN_MALFORMED);
    }
    /* Deep nesting far beyond the limit fails without using the stack. */
    size_t big = 1 << 20;
    char *deep = malloc(big + 8);
    assert_non_null(deep);
    memcpy(deep, "{\"a\":", 5);
    memset(deep + 5, '[', big);
    assert_int_equal(vsgx_json_member_span(deep, big + 5, "a", &v, NULL), VSGX_JSON_SPAN_MALFORMED);
    free(deep);
}

/* ---- TCB info: real collateral ---------------------------------------------------------- */

static void check_real_tcb(const char *dir, const uint8_t fmspc[6], int64_t issue, int64_t next,
                           const uint8_t first_svn[16], size_t last_advisories)
{
    char path[512];
    size_t len;
    snprintf(path, sizeof path, "%s/collateral/tcb_info.json", dir);
    char *body = load(path, &len);
    vsgx_tcb_info_t t;
    vsgx_json_error_t err;

    int rc = vsgx_tcb_info_parse(body, len, &t, &err);
    if (rc)
        fprintf(stderr, "%s: %s\n", err.path, err.message);
    assert_int_equal(rc, 0);
    assert_int_equal(t.version, 3);
    assert_int_equal(t.id, VSGX_TCB_ID_SGX);
    assert_memory_equal(t.fmspc, fmspc, 6);
    assert_memory_equal(t.pce_id, "\0\0", 2);
    assert_int_equal(t.tcb_type, 0);
    assert_int_equal(t.tcb_evaluation_data_number, 17);
    assert_int_equal(t.issue_date, issue);
    assert_int_equal(t.next_update, next);
    assert_int_equal(t.level_count, 11);
    assert_non_null(t.levels);

    const vsgx_tcb_level_t *l0 = &t.levels[0];
    assert_memory_equal(l0->sgx_svn, first_svn, 16);
    assert_int_equal(l0->pcesvn, 13);
    assert_true(is_zero(l0->tdx_svn, 16));
    assert_int_equal(l0->tcb_date, 1710288000); /* 2024-03-13T00:00:00Z */
    assert_int_equal(l0->status, VSGX_TCB_SW_HARDENING_NEEDED);
    assert_int_equal(l0->advisory_count, 1);
    assert_string_equal(l0->advisories[0].id, "INTEL-SA-00615");
    /* JSON order is kept. */
    assert_int_equal(t.levels[1].status, VSGX_TCB_CONFIGURATION_AND_SW_HARDENING_NEEDED);
    assert_int_equal(t.levels[2].status, VSGX_TCB_OUT_OF_DATE);
    assert_int_equal(t.levels[3].status, VSGX_TCB_OUT_OF_DATE_CONFIGURATION_NEEDED);
    const vsgx_tcb_level_t *last = &t.levels[10];
    assert_int_equal(last->pcesvn, 5);
    assert_int_equal(last->status, VSGX_TCB_OUT_OF_DATE);
    assert_int_equal(last->tcb_date, vsgx_time_from_fields(2018, 1, 4, 0, 0, 0));
    assert_int_equal(last->advisory_count, last_advisories);
    assert_string_equal(last->advisories[0].id, "INTEL-SA-00106");

    /* The signed span: the exact inner bytes, as dcap-qvl's collateral file has them. */
    assert_true(t.signed_body > body && t.signed_body + t.signed_len < body + len);
    assert_int_equal(t.signed_body - body, 11); /* {"tcbInfo": */
    assert_memory_equal(t.signed_body, "{\"id\":\"SGX\"", 11);
    assert_int_equal(t.signed_body[t.signed_len - 1], '}');
    snprintf(path, sizeof path, "%s/collateral.json", dir);
    char *inner = collateral_field(path, "tcb_info");
    char *sig = collateral_field(path, "tcb_info_signature");
    assert_int_equal(t.signed_len, strlen(inner));
    assert_memory_equal(t.signed_body, inner, t.signed_len);
    uint8_t sig_bytes[64];
    assert_true(vsgx_hex_decode(sig, strlen(sig), sig_bytes, 64));
    assert_memory_equal(t.signature, sig_bytes, 64);

    /* The inner form gives the same result. */
    vsgx_tcb_info_t u;
    rc = vsgx_tcb_info_parse_inner(inner, strlen(inner), sig, strlen(sig), &u, &err);
    if (rc)
        fprintf(stderr, "%s: %s\n", err.path, err.message);
    assert_int_equal(rc, 0);
    assert_true(u.signed_body == inner);
    assert_int_equal(u.signed_len, strlen(inner));
    assert_int_equal(u.level_count, t.level_count);
    assert_memory_equal(u.levels, t.levels, t.level_count * sizeof *t.levels);
    assert_memory_equal(u.signature, t.signature, 64);
    assert_memory_equal(u.fmspc, t.fmspc, 6);
    assert_int_equal(u.issue_date, t.issue_date);
    vsgx_tcb_info_free(&u);
    assert_null(u.levels);
    assert_int_equal(u.level_count, 0);

    /* Intel's C collateral struct includes the terminating NUL. */
    size_t nlen;
    char *with_nul = append(body, len, "", 1, &nlen);
    assert_int_equal(vsgx_tcb_info_parse(with_nul, nlen, &u, &err), 0);
    assert_int_equal(u.signed_len, t.signed_len);
    assert_int_equal(u.signed_body - with_nul, 11);
    vsgx_tcb_info_free(&u);
    free(with_nul);
    /* So may the inner form's C string; the NUL is not signed. A second NUL is garbage. */
    assert_int_equal(vsgx_tcb_info_parse_inner(inner, strlen(inner) + 1, sig, strlen(sig), &u, &err), 0);
    assert_int_equal(u.signed_len, strlen(inner));
    vsgx_tcb_info_free(&u);
    with_nul = append(inner, strlen(inner), "\0\0", 2, &nlen);
    check_error(vsgx_tcb_info_parse_inner(with_nul, nlen, sig, strlen(sig), &u, &err), &err, "tcbInfo",
                "malformed JSON");
    free(with_nul);

    free(inner);
    free(sig);
    vsgx_tcb_info_free(&t);
    vsgx_tcb_info_free(&t); /* idempotent */
    free(body);
}

static void test_tcb_real_processor(void **state)
{
    (void)state;
    static const uint8_t fmspc[6] = { 0x00, 0xA0, 0x67, 0x11, 0x00, 0x00 };
    static const uint8_t svn[16] = { 11, 11, 2, 2, 255, 1, 12 };
    check_real_tcb(PROC, fmspc, 1750330571, 1752922571, svn, 20);
    assert_int_equal(1750330571, vsgx_time_from_fields(2025, 6, 19, 10, 56, 11));
}

static void test_tcb_real_platform(void **state)
{
    (void)state;
    static const uint8_t fmspc[6] = { 0x00, 0x60, 0x6A, 0x00, 0x00, 0x00 }; /* written lower case */
    static const uint8_t svn[16] = { 14, 14, 3, 3, 255, 255, 1 };
    check_real_tcb(PLAT, fmspc, 1755234498, 1757826498, svn, 23);
}

/* ---- TCB info: v2 (Intel's QVL sample data) -------------------------------------------- */

static void test_tcb_v2_synthetic(void **state)
{
    (void)state;
    size_t len;
    char *body = load(SYNTH "/tcbInfo.json", &len);
    vsgx_tcb_info_t t;
    vsgx_json_error_t err;
    int rc = vsgx_tcb_info_parse(body, len, &t, &err);
    if (rc)
        fprintf(stderr, "%s: %s\n", err.path, err.message);
    assert_int_equal(rc, 0);
    assert_int_equal(t.version, 2);
    assert_int_equal(t.id, VSGX_TCB_ID_SGX);
    static const uint8_t fmspc[6] = { 0x00, 0x70, 0x7F, 0x00, 0x00, 0x00 };
    assert_memory_equal(t.fmspc, fmspc, 6);
    assert_int_equal(t.tcb_evaluation_data_number, 3);
    assert_int_equal(t.issue_date, 1567669627);
    assert_int_equal(t.next_update, 1883288827);
    assert_int_equal(t.level_count, 6);
    static const vsgx_tcb_status_t st[6] = {
        VSGX_TCB_UP_TO_DATE, VSGX_TCB_CONFIGURATION_NEEDED, VSGX_TCB_OUT_OF_DATE,
        VSGX_TCB_OUT_OF_DATE_CONFIGURATION_NEEDED, VSGX_TCB_REVOKED, VSGX_TCB_OUT_OF_DATE,
    };
    static const int64_t dates[6] = { 1567296000, 1567296000, 1533081600, 1533081600, 1496275200, 1475280000 };
    static const uint16_t pce[6] = { 3, 3, 2, 2, 1, 0 };
    for (size_t i = 0; i < 6; i++) {
        assert_int_equal(t.levels[i].status, st[i]);
        assert_int_equal(t.levels[i].tcb_date, dates[i]);
        assert_int_equal(t.levels[i].pcesvn, pce[i]);
        assert_int_equal(t.levels[i].advisory_count, 0);
    }
    static const uint8_t svn0[16] = { 0, 3, 0, 0, 0, 1, 1 };
    assert_memory_equal(t.levels[0].sgx_svn, svn0, 16);
    assert_true(is_zero(t.levels[5].sgx_svn, 16));
    assert_memory_equal(t.signed_body, "{\"version\":2,", 13);
    assert_int_equal(t.signed_len, len - 11 - 144); /* {"tcbInfo": ... ,"signature":"<128>"} */
    assert_int_equal(t.signature[0], 0x22);
    assert_int_equal(t.signature[63], 0x27);
    vsgx_tcb_info_free(&t);
    free(body);
}

/* ---- TCB info: generated v3 SGX and TDX, and the size limits --------------------------- */

static void test_tcb_generated_limits(void **state)
{
    (void)state;
    size_t len;
    vsgx_tcb_info_t t;
    vsgx_json_error_t err;

    /* At the limits: 256 levels of 64 advisories each. */
    char *b = build_v3("SGX", VSGX_MAX_TCB_LEVELS, VSGX_MAX_ADVISORIES, &len);
    int rc = vsgx_tcb_info_parse(b, len, &t, &err);
    if (rc)
        fprintf(stderr, "%s: %s\n", err.path, err.message);
    assert_int_equal(rc, 0);
    assert_int_equal(t.level_count, 256);
    assert_int_equal(t.levels[255].sgx_svn[0], 255);
    assert_int_equal(t.levels[255].advisory_count, 64);
    assert_string_equal(t.levels[255].advisories[63].id, "INTEL-SA-00063");
    assert_int_equal(t.tcb_evaluation_data_number, 19);
    vsgx_tcb_info_free(&t);
    free(b);

    b = build_v3("SGX", VSGX_MAX_TCB_LEVELS + 1, 0, &len);
    tcb_fails(b, len, "tcbInfo.tcbLevels", "257 TCB levels");
    free(b);

    b = build_v3("SGX", 2, VSGX_MAX_ADVISORIES + 1, &len);
    tcb_fails(b, len, "tcbInfo.tcbLevels[0].advisoryIDs", "too many advisory IDs (65");
    free(b);

    b = build_v3("SGX", 0, 0, &len);
    tcb_fails(b, len, "tcbInfo.tcbLevels", "0 TCB levels");
    free(b);

    /* Advisory IDs: 31 bytes fit, 32 do not; empty, spaced or comma'd IDs are refused. */
    size_t mlen;
    char *m;
    b = build_v3("SGX", 1, 3, &len);
    m = replace1(b, len, "INTEL-SA-00001", "INTEL-SA-00001-ABCDEFGHIJKLMNOP", &mlen);
    assert_int_equal(vsgx_tcb_info_parse(m, mlen, &t, &err), 0);
    assert_string_equal(t.levels[0].advisories[1].id, "INTEL-SA-00001-ABCDEFGHIJKLMNOP");
    vsgx_tcb_info_free(&t);
    free(m);
    m = replace1(b, len, "INTEL-SA-00001", "INTEL-SA-00001-ABCDEFGHIJKLMNOPQ", &mlen);
    tcb_fails(m, mlen, "tcbInfo.tcbLevels[0].advisoryIDs[1]", "advisory ID of 32 bytes");
    free(m);
    m = replace1(b, len, "\"INTEL-SA-00002\"", "\"\"", &mlen);
    tcb_fails(m, mlen, "tcbInfo.tcbLevels[0].advisoryIDs[2]", "advisory ID of 0 bytes");
    free(m);
    m = replace1(b, len, "INTEL-SA-00002", "INTEL,SA", &mlen);
    tcb_fails(m, mlen, "tcbInfo.tcbLevels[0].advisoryIDs[2]", "invalid character");
    free(m);
    m = replace1(b, len, "\"INTEL-SA-00000\"", "15", &mlen);
    tcb_fails(m, mlen, "tcbInfo.tcbLevels[0].advisoryIDs[0]", "expected a string, found an integer");
    free(m);
    static const char three[] = "\"advisoryIDs\":[\"INTEL-SA-00000\",\"INTEL-SA-00001\",\"INTEL-SA-00002\"]";
    m = replace1(b, len, three, "\"advisoryIDs\":{}", &mlen);
    tcb_fails(m, mlen, "tcbInfo.tcbLevels[0].advisoryIDs", "expected an array, found an object");
    free(m);
    m = replace1(b, len, three, "\"advisoryIDs\":[]", &mlen);
    assert_int_equal(vsgx_tcb_info_parse(m, mlen, &t, &err), 0);
    assert_int_equal(t.levels[0].advisory_count, 0);
    vsgx_tcb_info_free(&t);
    free(m);
    free(b);
}

static void test_tcb_generated_tdx(void **state)
{
    (void)state;
    size_t len, mlen;
    vsgx_tcb_info_t t;
    vsgx_json_error_t err;
    char *b = build_v3("TDX", 3, 1, &len), *m;
    int rc = vsgx_tcb_info_parse(b, len, &t, &err);
    if (rc)
        fprintf(stderr, "%s: %s\n", err.path, err.message);
    assert_int_equal(rc, 0);
    assert_int_equal(t.id, VSGX_TCB_ID_TDX);
    assert_int_equal(t.level_count, 3);
    static const uint8_t tdx[16] = { 7, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
    assert_memory_equal(t.levels[2].tdx_svn, tdx, 16);
    assert_int_equal(t.levels[2].sgx_svn[0], 2);
    vsgx_tcb_info_free(&t);

    /* tdxtcbcomponents are required for TDX, and tdxModule* must have the right types. */
    m = replace1(b, len, "\"tdxtcbcomponents\"", "\"tdxtcbcomponentz\"", &mlen);
    tcb_fails(m, mlen, "tcbInfo.tcbLevels[0].tcb.tdxtcbcomponents", "missing field");
    free(m);
    m = replace1(b, len, ",{\"svn\":15}]", "]", &mlen);
    tcb_fails(m, mlen, "tcbInfo.tcbLevels[0].tcb.tdxtcbcomponents", "expected 16 components, found 15");
    free(m);
    m = replace1(b, len, "\"TDX Module\"", "7", &mlen);
    tcb_fails(m, mlen, "tcbInfo.tcbLevels[0].tcb.tdxtcbcomponents[0].type", "expected a string");
    free(m);
    m = replace1(b, len, "\"tdxModule\":{\"mrsigner\":\"00\",\"attributes\":\"00\"}", "\"tdxModule\":\"x\"", &mlen);
    tcb_fails(m, mlen, "tcbInfo.tdxModule", "expected an object, found a string");
    free(m);
    m = replace1(b, len, "\"tdxModuleIdentities\":[]", "\"tdxModuleIdentities\":{}", &mlen);
    tcb_fails(m, mlen, "tcbInfo.tdxModuleIdentities", "expected an array, found an object");
    free(m);
    /* Levels differing only in TDX components are distinct; identical ones are not. */
    m = replace1(b, len, "{\"svn\":1},{\"svn\":0}", "{\"svn\":0},{\"svn\":0}", &mlen);
    tcb_fails(m, mlen, "tcbInfo.tcbLevels[1]", "duplicate TCB level (same TCB as tcbLevels[0])");
    free(m);
    free(b);

    /* SGX levels identical but for pcesvn are distinct. */
    b = build_v3("SGX", 2, 0, &len);
    m = replace1(b, len, "{\"svn\":1},{\"svn\":0}", "{\"svn\":0},{\"svn\":0}", &mlen);
    char *m2;
    size_t m2len;
    m2 = replace1(m, mlen, "\"pcesvn\":1", "\"pcesvn\":2", &m2len);
    assert_int_equal(vsgx_tcb_info_parse(m2, m2len, &t, &err), 0);
    assert_int_equal(t.levels[0].pcesvn, 2);
    assert_int_equal(t.levels[1].pcesvn, 1);
    vsgx_tcb_info_free(&t);
    tcb_fails(m, mlen, "tcbInfo.tcbLevels[1]", "duplicate TCB level");
    free(m2);
    free(m);
    free(b);
}

/* ---- TCB info: failures ----------------------------------------------------------------- */

#define PROC_TCB PROC "/collateral/tcb_info.json"
#define SYNTH_TCB SYNTH "/tcbInfo.json"

static void test_tcb_field_errors(void **state)
{
    (void)state;
    tcb_fails_with(PROC_TCB, "\"SWHardeningNeeded\"", "\"Foo\"", "tcbInfo.tcbLevels[0].tcbStatus",
                   "unknown TCB status \"Foo\"");
    tcb_fails_with(PROC_TCB, "\"OutOfDateConfigurationNeeded\"", "\"outofdate\"",
                   "tcbInfo.tcbLevels[3].tcbStatus", "unknown TCB status \"outofdate\"");
    tcb_fails_with(PROC_TCB, "\"SWHardeningNeeded\"", "null", "tcbInfo.tcbLevels[0].tcbStatus",
                   "expected a string, found null");
    tcb_fails_with(PROC_TCB, "\"tcbStatus\":\"SWHardeningNeeded\",", "",
                   "tcbInfo.tcbLevels[0].tcbStatus", "missing field");
    tcb_fails_with(PROC_TCB, "\"pceId\":\"0000\",", "", "tcbInfo.pceId", "missing field");
    tcb_fails_with(PROC_TCB, "\"issueDate\"", "\"issuedate\"", "tcbInfo.issueDate", "missing field");
    tcb_fails_with(PROC_TCB, "\"id\":\"SGX\",", "", "tcbInfo.id", "missing field");
    tcb_fails_with(PROC_TCB, "\"id\":\"SGX\"", "\"id\":\"sgx\"", "tcbInfo.id", "unknown TCB info id");
    tcb_fails_with(PROC_TCB, "\"tcbEvaluationDataNumber\":17", "\"tcbEvaluationDataNumber\":\"17\"",
                   "tcbInfo.tcbEvaluationDataNumber", "expected an unsigned integer, found a string");
    tcb_fails_with(PROC_TCB, "\"tcbEvaluationDataNumber\":17", "\"tcbEvaluationDataNumber\":17.0",
                   "tcbInfo.tcbEvaluationDataNumber", "found a real number");
    tcb_fails_with(PROC_TCB, "\"tcbEvaluationDataNumber\":17", "\"tcbEvaluationDataNumber\":4294967296",
                   "tcbInfo.tcbEvaluationDataNumber", "out of range 0..4294967295");
    tcb_fails_with(PROC_TCB, "\"tcbEvaluationDataNumber\":17", "\"tcbEvaluationDataNumber\":true",
                   "tcbInfo.tcbEvaluationDataNumber", "found a boolean");
    tcb_fails_with(PROC_TCB, "\"tcbLevels\":[", "\"tcbLevels\":{\"x\":[",
                   "", "malformed JSON"); /* unbalanced now */
    tcb_fails_with(PROC_TCB, "\"fmspc\":\"00A067110000\"", "\"fmspc\":\"00A06711000G\"",
                   "tcbInfo.fmspc", "expected 12 hex digits, found \"00A06711000G\"");
    tcb_fails_with(PROC_TCB, "\"fmspc\":\"00A067110000\"", "\"fmspc\":\"00A0671100\"",
                   "tcbInfo.fmspc", "expected 12 hex digits");
    tcb_fails_with(PROC_TCB, "\"pceId\":\"0000\"", "\"pceId\":\"00000\"", "tcbInfo.pceId",
                   "expected 4 hex digits");
    tcb_fails_with(PROC_TCB, "\"pceId\":\"0000\"", "\"pceId\":0", "tcbInfo.pceId",
                   "expected a string, found an integer");
    tcb_fails_with(PROC_TCB, "\"tcbType\":0", "\"tcbType\":1", "tcbInfo.tcbType",
                   "unsupported tcbType 1");
    tcb_fails_with(PROC_TCB, "\"tcbType\":0", "\"tcbType\":-1", "tcbInfo.tcbType", "value -1 out of range");
    tcb_fails_with(PROC_TCB, "\"version\":3", "\"version\":4", "tcbInfo.version",
                   "unsupported TCB info version 4 (expected 2 or 3)");
    tcb_fails_with(PROC_TCB, "\"version\":3", "\"version\":1", "tcbInfo.version",
                   "unsupported TCB info version 1");
    tcb_fails_with(PROC_TCB, "\"version\":3,", "", "tcbInfo.version", "missing field");
    tcb_fails_with(PROC_TCB, "\"issueDate\":\"2025-06-19T10:56:11Z\"", "\"issueDate\":\"2025-13-19T10:56:11Z\"",
                   "tcbInfo.issueDate", "invalid ISO-8601 UTC time \"2025-13-19T10:56:11Z\"");
    tcb_fails_with(PROC_TCB, "\"nextUpdate\":\"2025-07-19T10:56:11Z\"", "\"nextUpdate\":\"1752922571\"",
                   "tcbInfo.nextUpdate", "invalid ISO-8601 UTC time");
    tcb_fails_with(PROC_TCB, "\"tcbDate\":\"2024-03-13T00:00:00Z\"", "\"tcbDate\":\"2024-03-13\"",
                   "tcbInfo.tcbLevels[0].tcbDate", "invalid ISO-8601 UTC time");
    /* v3 components */
    tcb_fails_with(PROC_TCB, "{\"svn\":11},{\"svn\":11},", "{\"svn\":11},",
                   "tcbInfo.tcbLevels[0].tcb.sgxtcbcomponents", "expected 16 components, found 15");
    tcb_fails_with(PROC_TCB, "{\"svn\":255}", "{\"svn\":256}",
                   "tcbInfo.tcbLevels[0].tcb.sgxtcbcomponents[4].svn", "value 256 out of range 0..255");
    tcb_fails_with(PROC_TCB, "{\"svn\":255}", "{\"svm\":255}",
                   "tcbInfo.tcbLevels[0].tcb.sgxtcbcomponents[4].svn", "missing field");
    tcb_fails_with(PROC_TCB, "{\"svn\":255}", "255",
                   "tcbInfo.tcbLevels[0].tcb.sgxtcbcomponents[4]", "expected an object");
    tcb_fails_with(PROC_TCB, "\"pcesvn\":13", "\"pcesvn\":65536", "tcbInfo.tcbLevels[0].tcb.pcesvn",
                   "value 65536 out of range 0..65535");
    tcb_fails_with(PROC_TCB, "\"sgxtcbcomponents\"", "\"sgxtcbcomponent\"",
                   "tcbInfo.tcbLevels[0].tcb.sgxtcbcomponents", "missing field");
    tcb_fails_with(PROC_TCB, "{\"tcb\":{", "{\"tcb\":[],\"x\":{",
                   "tcbInfo.tcbLevels[0].tcb", "expected an object, found an array");
    tcb_fails_with(PROC_TCB, "\"advisoryIDs\":[\"INTEL-SA-00615\"]", "\"advisoryIDs\":\"INTEL-SA-00615\"",
                   "tcbInfo.tcbLevels[0].advisoryIDs", "expected an array, found a string");
    tcb_fails_with(PROC_TCB, "\"INTEL-SA-00615\"", "\"INTEL-SA-00615-0123456789ABCDEFGH\"",
                   "tcbInfo.tcbLevels[0].advisoryIDs[0]", "advisory ID of 33 bytes");
    /* A duplicate inner key is malformed (jansson rejects it), with the absolute offset. */
    tcb_fails_with(PROC_TCB, "\"version\":3,", "\"version\":3,\"version\":3,", "tcbInfo",
                   "duplicate object key");
    /* v2 components */
    tcb_fails_with(SYNTH_TCB, "\"sgxtcbcomp05svn\":0,", "", "tcbInfo.tcbLevels[0].tcb.sgxtcbcomp05svn",
                   "missing field");
    tcb_fails_with(SYNTH_TCB, "\"sgxtcbcomp16svn\":0,\"pcesvn\":2}", "\"sgxtcbcomp16svn\":300,\"pcesvn\":2}",
                   "tcbInfo.tcbLevels[2].tcb.sgxtcbcomp16svn", "value 300 out of range 0..255");
    tcb_fails_with(SYNTH_TCB, "\"version\":2", "\"version\":2.5", "tcbInfo.version", "found a real number");
    tcb_fails_with(SYNTH_TCB, "\"tcbStatus\":\"Revoked\"", "\"tcbStatus\":\"Unknown\"",
                   "tcbInfo.tcbLevels[4].tcbStatus", "unknown TCB status \"Unknown\"");
}

static void test_tcb_duplicate_levels(void **state)
{
    (void)state;
    /* v2: make level 1 equal to level 0 (sgxtcbcomp07svn 0 -> 1). */
    tcb_fails_with(SYNTH_TCB, "\"sgxtcbcomp06svn\":1,\"sgxtcbcomp07svn\":0",
                   "\"sgxtcbcomp06svn\":1,\"sgxtcbcomp07svn\":1", "tcbInfo.tcbLevels[1]",
                   "duplicate TCB level (same TCB as tcbLevels[0])");

    /* v3: repeat the first level of a real body (with another status). */
    size_t len, mlen;
    char *body = load(PROC_TCB, &len);
    const char *start = strstr(body, "\"tcbLevels\":[") + 13;
    const char *end = strstr(start, "},{\"tcb\":") + 1;
    size_t n = (size_t)(end - start);
    char level[2048], ins[4096];
    assert_true(n < sizeof level);
    memcpy(level, start, n);
    level[n] = '\0';
    char *mod = replace1(level, n, "SWHardeningNeeded", "UpToDate", &mlen);
    snprintf(ins, sizeof ins, "\"tcbLevels\":[%s,", mod);
    free(mod);
    char *m = replace1(body, len, "\"tcbLevels\":[", ins, &mlen);
    tcb_fails(m, mlen, "tcbInfo.tcbLevels[1]", "duplicate TCB level (same TCB as tcbLevels[0])");
    free(m);
    free(body);
}

static void test_tcb_body_errors(void **state)
{
    (void)state;
    size_t len, mlen;
    char *body = load(PROC_TCB, &len), *m;
    vsgx_tcb_info_t t;
    vsgx_json_error_t err;

    /* Trailing bytes: one NUL or whitespace is fine, anything else is not. */
    m = append(body, len, "\n", 1, &mlen);
    assert_int_equal(vsgx_tcb_info_parse(m, mlen, &t, &err), 0);
    vsgx_tcb_info_free(&t);
    free(m);
    m = append(body, len, "\0\0", 2, &mlen);
    tcb_fails(m, mlen, "", "unexpected text after the object");
    free(m);
    m = append(body, len, "x", 1, &mlen);
    tcb_fails(m, mlen, "", "unexpected text after the object");
    free(m);
    m = append(body, len, "}", 1, &mlen);
    tcb_fails(m, mlen, "", "unexpected text after the object");
    free(m);
    m = append(body, len, "{}", 2, &mlen);
    tcb_fails(m, mlen, "", "malformed JSON");
    free(m);
    tcb_fails("", 0, "", "malformed JSON at byte 0");
    tcb_fails("\0", 1, "", "malformed JSON at byte 0");
    tcb_fails(NULL, 0, "", "no response body");
    tcb_fails("[]", 2, "", "malformed JSON at byte 0: expected '{'");

    /* Outer members: exactly tcbInfo (an object) and signature (128 hex digits). */
    m = replace1(body, len, "{\"tcbInfo\":", "{\"x\":1,\"tcbInfo\":", &mlen);
    tcb_fails(m, mlen, "", "unexpected member \"x\"");
    free(m);
    m = replace1(body, len, "{\"tcbInfo\":", "{\"tcbinfo\":", &mlen);
    tcb_fails(m, mlen, "", "unexpected member \"tcbinfo\"");
    free(m);
    m = replace1(body, len, "{\"tcbInfo\":", "{\"tcbInfo\":[],\"tcbInfo\":", &mlen);
    tcb_fails(m, mlen, "tcbInfo", "expected an object");
    free(m);
    m = replace1(body, len, "{\"tcbInfo\":", "{\"tcbInfo\":{},\"tcbInfo\":", &mlen);
    tcb_fails(m, mlen, "tcbInfo", "duplicate member");
    free(m);
    m = replace1(body, len, "\"signature\":\"", "\"signature\":\"00\",\"signature\":\"", &mlen);
    tcb_fails(m, mlen, "signature", "duplicate member");
    free(m);
    m = replace1(body, len, "\"signature\":\"9ad0e9be", "\"signature\":\"9ad0e9", &mlen);
    tcb_fails(m, mlen, "signature", "expected 128 hex digits (r || s), found 126");
    free(m);
    m = replace1(body, len, "\"signature\":\"9ad0e9be", "\"signature\":\"9ad0e9be00", &mlen);
    tcb_fails(m, mlen, "signature", "found 130");
    free(m);
    m = replace1(body, len, "\"signature\":\"9ad0e9be", "\"signature\":\"9ad0e9bx", &mlen);
    tcb_fails(m, mlen, "signature", "non-hex digit");
    free(m);
    m = replace1(body, len, "\"signature\":\"9ad0e9be", "\"signature\":\"\\u0039ad0e9be", &mlen);
    tcb_fails(m, mlen, "signature", "expected 128 hex digits");
    free(m);
    m = replace1(body, len, ",\"signature\":\"", ",\"signaturex\":\"", &mlen);
    tcb_fails(m, mlen, "", "unexpected member \"signaturex\"");
    free(m);
    /* The span is found by raw scanning, then jansson parses it: escapes in keys still match. */
    m = replace1(body, len, "{\"tcbInfo\":", "{\"tcb\\u0049nfo\":", &mlen);
    assert_int_equal(vsgx_tcb_info_parse(m, mlen, &t, &err), 0);
    assert_int_equal(t.signed_body - m, 16);
    vsgx_tcb_info_free(&t);
    free(m);
    m = replace1(body, len, "{\"tcbInfo\":", "{ \"tcbInfo\" : ", &mlen);
    assert_int_equal(vsgx_tcb_info_parse(m, mlen, &t, &err), 0);
    assert_int_equal(t.signed_body - m, 14);
    assert_int_equal(t.signed_body[t.signed_len - 1], '}');
    vsgx_tcb_info_free(&t);
    free(m);

    /* Missing members. */
    const char *sig_at = strstr(body, ",\"signature\"");
    size_t cut = (size_t)(sig_at - body);
    m = append(body, cut, "}", 1, &mlen);
    tcb_fails(m, mlen, "signature", "missing member");
    free(m);
    tcb_fails("{\"signature\":\"00\"}", 18, "tcbInfo", "missing member");

    /* A malformed inner value reports the byte offset in the body. */
    m = replace1(body, len, "\"tcbType\":0", "\"tcbType\":00", &mlen);
    tcb_fails(m, mlen, "", "malformed JSON at byte");
    free(m);

    /* Inner form: the signature is checked the same way. */
    char *inner = collateral_field(PROC "/collateral.json", "tcb_info");
    char *sig = collateral_field(PROC "/collateral.json", "tcb_info_signature");
    memset(&t, 0xAA, sizeof t);
    check_error(vsgx_tcb_info_parse_inner(inner, strlen(inner), sig, 127, &t, &err), &err,
                "signature", "found 127");
    assert_true(is_zero(&t, sizeof t));
    check_error(vsgx_tcb_info_parse_inner(inner, strlen(inner), NULL, 0, &t, &err), &err,
                "signature", "expected 128 hex digits");
    check_error(vsgx_tcb_info_parse_inner(inner, strlen(inner) - 1, sig, strlen(sig), &t, &err),
                &err, "tcbInfo", "malformed JSON");
    check_error(vsgx_tcb_info_parse_inner(NULL, 0, sig, strlen(sig), &t, &err), &err, "tcbInfo",
                "no JSON text");
    check_error(vsgx_tcb_info_parse_inner("[1]", 3, sig, strlen(sig), &t, &err), &err, "tcbInfo",
                "expected an object");
    assert_true(is_zero(&t, sizeof t));
    /* A NULL error pointer is allowed. */
    assert_int_equal(vsgx_tcb_info_parse_inner("{}", 2, sig, strlen(sig), &t, NULL), -1);
    assert_int_equal(vsgx_tcb_info_parse(body, len, &t, NULL), 0);
    vsgx_tcb_info_free(&t);
    free(inner);
    free(sig);
    free(body);
}

/* Every proper prefix of a real body fails cleanly; so does every prefix of the inner form. */
static void test_tcb_truncated(void **state)
{
    (void)state;
    const char *files[] = { PROC_TCB, PLAT "/collateral/tcb_info.json", SYNTH_TCB };
    for (size_t f = 0; f < 3; f++) {
        size_t len;
        char *body = load(files[f], &len);
        for (size_t n = 0; n < len; n++) {
            /* A fresh copy of exactly n bytes so ASan sees any over-read. */
            char *p = malloc(n ? n : 1);
            assert_non_null(p);
            memcpy(p, body, n);
            vsgx_tcb_info_t t;
            vsgx_json_error_t err;
            memset(&t, 0x55, sizeof t);
            assert_int_equal(vsgx_tcb_info_parse(p, n, &t, &err), -1);
            assert_true(is_zero(&t, sizeof t));
            assert_true(err.message[0] != '\0');
            free(p);
        }
        free(body);
    }
    char *inner = collateral_field(PLAT "/collateral.json", "tcb_info");
    char *sig = collateral_field(PLAT "/collateral.json", "tcb_info_signature");
    size_t len = strlen(inner);
    for (size_t n = 0; n < len; n++) {
        char *p = malloc(n ? n : 1);
        assert_non_null(p);
        memcpy(p, inner, n);
        vsgx_tcb_info_t t;
        vsgx_json_error_t err;
        assert_int_equal(vsgx_tcb_info_parse_inner(p, n, sig, strlen(sig), &t, &err), -1);
        assert_true(is_zero(&t, sizeof t));
        free(p);
    }
    free(inner);
    free(sig);
}

/* ---- Enclave identity ------------------------------------------------------------------- */

static const uint8_t QE_MRSIGNER[32] = {
    0x8C, 0x4F, 0x57, 0x75, 0xD7, 0x96, 0x50, 0x3E, 0x96, 0x13, 0x7F, 0x77, 0xC6, 0x8A, 0x82, 0x9A,
    0x00, 0x56, 0xAC, 0x8D, 0xED, 0x70, 0x14, 0x0B, 0x08, 0x1B, 0x09, 0x44, 0x90, 0xC5, 0x7B, 0xFF,
};

static void check_real_qe(const char *dir, int64_t issue, int64_t next)
{
    char path[512];
    size_t len;
    snprintf(path, sizeof path, "%s/collateral/qe_identity.json", dir);
    char *body = load(path, &len);
    vsgx_enclave_identity_t e;
    vsgx_json_error_t err;

    int rc = vsgx_enclave_identity_parse(body, len, &e, &err);
    if (rc)
        fprintf(stderr, "%s: %s\n", err.path, err.message);
    assert_int_equal(rc, 0);
    assert_int_equal(e.version, 2);
    assert_int_equal(e.id, VSGX_IDENTITY_QE);
    assert_int_equal(e.issue_date, issue);
    assert_int_equal(e.next_update, next);
    assert_int_equal(e.tcb_evaluation_data_number, 17);
    assert_int_equal(e.miscselect, 0);
    assert_int_equal(e.miscselect_mask, 0xFFFFFFFFu);
    static const uint8_t attr[16] = { 0x11 };
    static const uint8_t mask[16] = { 0xFB, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
    assert_memory_equal(e.attributes, attr, 16);
    assert_memory_equal(e.attributes_mask, mask, 16);
    assert_memory_equal(e.mrsigner, QE_MRSIGNER, 32);
    assert_int_equal(e.isvprodid, 1);
    assert_int_equal(e.level_count, 6);
    static const uint16_t isvsvn[6] = { 8, 6, 5, 4, 2, 1 };
    static const size_t adv[6] = { 0, 1, 2, 3, 5, 6 };
    for (size_t i = 0; i < 6; i++) {
        assert_int_equal(e.levels[i].isvsvn, isvsvn[i]);
        assert_int_equal(e.levels[i].status, i ? VSGX_TCB_OUT_OF_DATE : VSGX_TCB_UP_TO_DATE);
        assert_int_equal(e.levels[i].advisory_count, adv[i]);
    }
    assert_int_equal(e.levels[0].tcb_date, 1710288000);
    assert_string_equal(e.levels[1].advisories[0].id, "INTEL-SA-00615");
    assert_string_equal(e.levels[5].advisories[0].id, "INTEL-SA-00202");
    assert_string_equal(e.levels[5].advisories[5].id, "INTEL-SA-00615");
    assert_int_equal(e.levels[5].tcb_date, vsgx_time_from_fields(2018, 8, 15, 0, 0, 0));

    assert_int_equal(e.signed_body - body, 19); /* {"enclaveIdentity": */
    assert_memory_equal(e.signed_body, "{\"id\":\"QE\"", 10);
    assert_int_equal(e.signed_body[e.signed_len - 1], '}');
    snprintf(path, sizeof path, "%s/collateral.json", dir);
    char *inner = collateral_field(path, "qe_identity");
    char *sig = collateral_field(path, "qe_identity_signature");
    assert_int_equal(e.signed_len, strlen(inner));
    assert_memory_equal(e.signed_body, inner, e.signed_len);
    uint8_t sig_bytes[64];
    assert_true(vsgx_hex_decode(sig, strlen(sig), sig_bytes, 64));
    assert_memory_equal(e.signature, sig_bytes, 64);

    vsgx_enclave_identity_t u;
    rc = vsgx_enclave_identity_parse_inner(inner, strlen(inner), sig, strlen(sig), &u, &err);
    assert_int_equal(rc, 0);
    assert_true(u.signed_body == inner);
    assert_int_equal(u.level_count, 6);
    assert_memory_equal(u.levels, e.levels, 6 * sizeof *e.levels);
    assert_memory_equal(u.mrsigner, e.mrsigner, 32);
    vsgx_enclave_identity_free(&u);
    assert_null(u.levels);

    size_t nlen;
    char *with_nul = append(body, len, "", 1, &nlen);
    assert_int_equal(vsgx_enclave_identity_parse(with_nul, nlen, &u, &err), 0);
    assert_int_equal(u.signed_len, e.signed_len);
    vsgx_enclave_identity_free(&u);
    free(with_nul);

    free(inner);
    free(sig);
    vsgx_enclave_identity_free(&e);
    free(body);
}

static void test_qe_real(void **state)
{
    (void)state;
    check_real_qe(PROC, 1750327278, 1752919278);
    check_real_qe(PLAT, 1755232606, 1757824606);
}

static void test_qe_synthetic(void **state)
{
    (void)state;
    size_t len;
    char *body = load(SYNTH "/qeIdentity.json", &len);
    vsgx_enclave_identity_t e;
    vsgx_json_error_t err;
    int rc = vsgx_enclave_identity_parse(body, len, &e, &err);
    if (rc)
        fprintf(stderr, "%s: %s\n", err.path, err.message);
    assert_int_equal(rc, 0);
    assert_int_equal(e.id, VSGX_IDENTITY_QE);
    assert_int_equal(e.miscselect, 0x8CB182D1u); /* "D182B18C" read little-endian */
    assert_int_equal(e.miscselect_mask, 0xFFFFFFFFu);
    static const uint8_t attr[16] = { 0x70, 0xC8, 0xCB, 0xF4, 0x8B, 0xD7, 0x6E, 0xAB,
                                      0x9C, 0x81, 0x26, 0xCE, 0x95, 0xE9, 0x6C, 0x90 };
    assert_memory_equal(e.attributes, attr, 16);
    uint8_t ff[16];
    memset(ff, 0xFF, 16);
    assert_memory_equal(e.attributes_mask, ff, 16);
    assert_memory_equal(e.mrsigner, QE_MRSIGNER, 32);
    assert_int_equal(e.tcb_evaluation_data_number, 0);
    assert_int_equal(e.issue_date, 1567669628);
    assert_int_equal(e.next_update, 1883288828);
    assert_int_equal(e.level_count, 1);
    assert_int_equal(e.levels[0].isvsvn, 1);
    assert_int_equal(e.levels[0].status, VSGX_TCB_UP_TO_DATE);
    assert_int_equal(e.levels[0].tcb_date, 1567296000);
    assert_int_equal(e.signature[0], 0x33);
    vsgx_enclave_identity_free(&e);
    free(body);

    body = load(SYNTH "/qveIdentity.json", &len);
    assert_int_equal(vsgx_enclave_identity_parse(body, len, &e, &err), 0);
    assert_int_equal(e.id, VSGX_IDENTITY_QVE);
    assert_int_equal(e.isvprodid, 2);
    assert_int_equal(e.miscselect, 0x1FCE8999u);
    vsgx_enclave_identity_free(&e);
    free(body);

    body = load(SYNTH "/tdx/qeIdentity.json", &len);
    assert_int_equal(vsgx_enclave_identity_parse(body, len, &e, &err), 0);
    assert_int_equal(e.id, VSGX_IDENTITY_TD_QE);
    assert_int_equal(e.isvprodid, 29854);
    assert_int_equal(e.levels[0].isvsvn, 12677);
    assert_int_equal(e.levels[0].advisory_count, 2);
    assert_string_equal(e.levels[0].advisories[1].id, "INTEL-SA-00076");
    assert_int_equal(e.attributes[0], 0x0c); /* lower-case hex */
    vsgx_enclave_identity_free(&e);
    free(body);

    /* Intel's synthetic TDX TCB info has component SVNs above 255 (Intel's QVL truncates them
     * to 8 bits); here they are refused rather than silently wrapped. */
    body = load(SYNTH "/tdx/tcbInfo.json", &len);
    tcb_fails(body, len, "tcbInfo.tcbLevels[0].tcb.sgxtcbcomponents[1].svn",
              "value 65473 out of range 0..255");
    size_t mlen;
    char *m = replace1(body, len, "\"version\":3", "\"version\":2", &mlen);
    tcb_fails(m, mlen, "tcbInfo.tcbLevels[0].tcb.sgxtcbcomp01svn", "missing field");
    free(m);
    free(body);

    /* A TCB info body is not an identity, and the reverse. */
    body = load(SYNTH "/tcbInfo.json", &len);
    qe_fails(body, len, "", "unexpected member \"tcbInfo\"");
    free(body);
    body = load(SYNTH "/qeIdentity.json", &len);
    tcb_fails(body, len, "", "unexpected member \"enclaveIdentity\"");
    free(body);
}

#define PROC_QE PROC "/collateral/qe_identity.json"

static void test_qe_errors(void **state)
{
    (void)state;
    qe_fails_with(PROC_QE, "\"version\":2", "\"version\":1", "enclaveIdentity.version",
                  "unsupported enclave identity version 1 (expected 2)");
    qe_fails_with(PROC_QE, "\"version\":2", "\"version\":3", "enclaveIdentity.version",
                  "unsupported enclave identity version 3");
    qe_fails_with(PROC_QE, "\"id\":\"QE\"", "\"id\":\"XE\"", "enclaveIdentity.id",
                  "unknown enclave identity id");
    qe_fails_with(PROC_QE, "\"id\":\"QE\"", "\"id\":\"QEX\"", "enclaveIdentity.id",
                  "unknown enclave identity id");
    qe_fails_with(PROC_QE, "\"id\":\"QE\",", "", "enclaveIdentity.id", "missing field");
    qe_fails_with(PROC_QE, "\"miscselect\":\"00000000\"", "\"miscselect\":\"0000000\"",
                  "enclaveIdentity.miscselect", "expected 8 hex digits");
    qe_fails_with(PROC_QE, "\"miscselectMask\":\"FFFFFFFF\"", "\"miscselectMask\":\"FFFFFFFZ\"",
                  "enclaveIdentity.miscselectMask", "expected 8 hex digits");
    qe_fails_with(PROC_QE, "\"attributes\":\"11000000000000000000000000000000\"",
                  "\"attributes\":\"110000000000000000000000000000\"", "enclaveIdentity.attributes",
                  "expected 32 hex digits");
    qe_fails_with(PROC_QE, "\"attributesMask\":", "\"attributesMas\":", "enclaveIdentity.attributesMask",
                  "missing field");
    qe_fails_with(PROC_QE, "\"mrsigner\":\"8C4F", "\"mrsigner\":\"8C4F00", "enclaveIdentity.mrsigner",
                  "expected 64 hex digits");
    qe_fails_with(PROC_QE, "\"isvprodid\":1", "\"isvprodid\":65536", "enclaveIdentity.isvprodid",
                  "value 65536 out of range 0..65535");
    qe_fails_with(PROC_QE, "\"isvprodid\":1", "\"isvprodid\":\"1\"", "enclaveIdentity.isvprodid",
                  "expected an unsigned integer, found a string");
    qe_fails_with(PROC_QE, "\"isvsvn\":8", "\"isvsvn\":-1", "enclaveIdentity.tcbLevels[0].tcb.isvsvn",
                  "value -1 out of range 0..65535");
    qe_fails_with(PROC_QE, "\"isvsvn\":5", "\"isvsvn\":1e1", "enclaveIdentity.tcbLevels[2].tcb.isvsvn",
                  "found a real number");
    qe_fails_with(PROC_QE, "{\"tcb\":{\"isvsvn\":4}", "{\"tcb\":{\"svn\":4}",
                  "enclaveIdentity.tcbLevels[3].tcb.isvsvn", "missing field");
    qe_fails_with(PROC_QE, "\"tcbStatus\":\"UpToDate\"", "\"tcbStatus\":\"Foo\"",
                  "enclaveIdentity.tcbLevels[0].tcbStatus", "unknown TCB status \"Foo\"");
    qe_fails_with(PROC_QE, "\"tcbDate\":\"2021-11-10T00:00:00Z\"", "\"tcbDate\":\"2021-11-31T00:00:00Z\"",
                  "enclaveIdentity.tcbLevels[1].tcbDate", "invalid ISO-8601 UTC time");
    qe_fails_with(PROC_QE, "\"tcbLevels\":[{", "\"tcbLevels\":[],\"x\":[{", "enclaveIdentity.tcbLevels",
                  "0 TCB levels");
    qe_fails_with(PROC_QE, "\"tcbLevels\":[{", "\"tcbLevels\":[7,{", "enclaveIdentity.tcbLevels[0]",
                  "expected an object");
    qe_fails_with(PROC_QE, "\"tcbLevels\":", "\"tcbLevelz\":", "enclaveIdentity.tcbLevels", "missing field");
    qe_fails_with(PROC_QE, "\"tcbEvaluationDataNumber\":17", "\"tcbEvaluationDataNumber\":-17",
                  "enclaveIdentity.tcbEvaluationDataNumber", "out of range");
    qe_fails_with(PROC_QE, "\"issueDate\":\"2025-06-19T10:01:18Z\"", "\"issueDate\":\"2025-06-19T10:01:18\"",
                  "enclaveIdentity.issueDate", "invalid ISO-8601 UTC time");
    qe_fails_with(PROC_QE, "\"signature\":\"f130961c", "\"signature\":\"f130961", "signature",
                  "found 127");
    qe_fails_with(PROC_QE, "\"signature\":\"f130961c", "\"signature\":0,\"x\":\"", "signature",
                  "expected a string of 128 hex digits");
    qe_fails_with(PROC_QE, "{\"enclaveIdentity\":", "{\"enclaveIdentity\":\"x\",\"y\":", "enclaveIdentity",
                  "expected an object");
    /* 65 advisories on one level. */
    {
        sbuf_t b = { 0 };
        sb_printf(&b, "\"advisoryIDs\":[");
        for (int i = 0; i < 65; i++)
            sb_printf(&b, "%s\"INTEL-SA-%05d\"", i ? "," : "", i);
        sb_printf(&b, "]");
        qe_fails_with(PROC_QE, "\"advisoryIDs\":[\"INTEL-SA-00615\"]", b.p,
                      "enclaveIdentity.tcbLevels[1].advisoryIDs", "too many advisory IDs (65, at most 64)");
        free(b.p);
    }

    /* Trailing garbage, truncation at every length, and byte mutations never crash. */
    size_t len, mlen;
    char *body = load(PROC_QE, &len);
    char *m = append(body, len, "\0\0", 2, &mlen);
    qe_fails(m, mlen, "", "unexpected text after the object");
    free(m);
    m = append(body, len, ",", 1, &mlen);
    qe_fails(m, mlen, "", "unexpected text after the object");
    free(m);
    for (size_t n = 0; n < len; n++) {
        char *p = malloc(n ? n : 1);
        assert_non_null(p);
        memcpy(p, body, n);
        vsgx_enclave_identity_t e;
        vsgx_json_error_t err;
        memset(&e, 0x55, sizeof e);
        assert_int_equal(vsgx_enclave_identity_parse(p, n, &e, &err), -1);
        assert_true(is_zero(&e, sizeof e));
        free(p);
    }
    static const char subst[] = { '"', '{', '}', '[', ']', ',', ':', '\\', '0', 'x', ' ', '\0', '\x80' };
    for (size_t i = 0; i < len; i++) {
        for (size_t s = 0; s < sizeof subst; s++) {
            char *p = malloc(len);
            assert_non_null(p);
            memcpy(p, body, len);
            p[i] = subst[s];
            vsgx_enclave_identity_t e;
            vsgx_json_error_t err;
            int rc = vsgx_enclave_identity_parse(p, len, &e, &err);
            if (rc == 0)
                vsgx_enclave_identity_free(&e);
            else
                assert_true(is_zero(&e, sizeof e));
            free(p);
        }
    }
    /* Inner form prefixes. */
    char *inner = collateral_field(PROC "/collateral.json", "qe_identity");
    char *sig = collateral_field(PROC "/collateral.json", "qe_identity_signature");
    for (size_t n = 0; n < strlen(inner); n++) {
        vsgx_enclave_identity_t e;
        vsgx_json_error_t err;
        assert_int_equal(vsgx_enclave_identity_parse_inner(inner, n, sig, strlen(sig), &e, &err), -1);
        assert_true(is_zero(&e, sizeof e));
    }
    vsgx_enclave_identity_t e;
    vsgx_json_error_t err;
    check_error(vsgx_enclave_identity_parse_inner(inner, strlen(inner), sig, 126, &e, &err), &err,
                "signature", "found 126");
    free(inner);
    free(sig);
    free(body);
}

/* The TCB info mutations: every byte of a body replaced by structural characters. */
static void test_tcb_mutations(void **state)
{
    (void)state;
    size_t len;
    char *body = load(SYNTH_TCB, &len);
    static const char subst[] = { '"', '}', ',', '\\', 'x', '\0', '\xff' };
    for (size_t i = 0; i < len; i++) {
        for (size_t s = 0; s < sizeof subst; s++) {
            char *p = malloc(len);
            assert_non_null(p);
            memcpy(p, body, len);
            p[i] = subst[s];
            vsgx_tcb_info_t t;
            vsgx_json_error_t err;
            int rc = vsgx_tcb_info_parse(p, len, &t, &err);
            if (rc == 0) {
                assert_true(t.level_count >= 1 && t.level_count <= 6);
                vsgx_tcb_info_free(&t);
            } else {
                assert_true(is_zero(&t, sizeof t));
                assert_true(err.message[0] != '\0');
            }
            free(p);
        }
    }
    free(body);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status),
        cmocka_unit_test(test_span_found),
        cmocka_unit_test(test_span_malformed),
        cmocka_unit_test(test_span_depth),
        cmocka_unit_test(test_tcb_real_processor),
        cmocka_unit_test(test_tcb_real_platform),
        cmocka_unit_test(test_tcb_v2_synthetic),
        cmocka_unit_test(test_tcb_generated_limits),
        cmocka_unit_test(test_tcb_generated_tdx),
        cmocka_unit_test(test_tcb_field_errors),
        cmocka_unit_test(test_tcb_duplicate_levels),
        cmocka_unit_test(test_tcb_body_errors),
        cmocka_unit_test(test_tcb_truncated),
        cmocka_unit_test(test_tcb_mutations),
        cmocka_unit_test(test_qe_real),
        cmocka_unit_test(test_qe_synthetic),
        cmocka_unit_test(test_qe_errors),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]); /* e.g. "test_qe_*" */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
