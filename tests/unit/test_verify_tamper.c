/* test_verify_tamper.c — the verifier on the two real quotes and Intel's synthetic sample:
 * the exact verdicts of the untouched quotes, then every kind of damage (a flipped byte in
 * each signed region, wrong structure fields, every truncation, changed or missing
 * collateral), Intel's API over the same data, and the cache giving the same answers. */
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
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "file.h"
#include "hex.h"
#include "sgx_dcap_quoteverify.h"
#include "timefmt.h"
#include "vsgx/qvl.h"

#define PROC VSGX_VECTORS "/quotes/sgx-v3-processor-ca-2025-07"
#define PLAT VSGX_VECTORS "/quotes/sgx-v3-platform-ca-2025-08"
#define SYNTH VSGX_VECTORS "/synthetic-intel-qvl"

/* Offsets in both real quotes (v3, 32 bytes of QE authentication data, type 5). */
enum {
    OFF_BODY = 48,
    OFF_SIG_LEN = 432,
    OFF_QUOTE_SIG = 436,
    OFF_ATTEST_KEY = 500,
    OFF_QE_REPORT = 564,
    OFF_QE_REPORT_SIG = 948,
    OFF_AUTH_LEN = 1012,
    OFF_AUTH = 1014,
    OFF_CERT_TYPE = 1046,
    OFF_CERT_LEN = 1048,
    OFF_CERT = 1052,
};
#define ANY_OFFSET INT64_MIN
#define UNSPEC SGX_QL_QV_RESULT_UNSPECIFIED
#define BADSIG SGX_QL_QV_RESULT_INVALID_SIGNATURE

/* ---- the vectors ------------------------------------------------------------------------ */

typedef struct {
    const char *dir;
    int64_t time;
    sgx_ql_qv_result_t result;
    char status[48], platform_status[48], qe_status[48];
    size_t advisory_count;
    char advisories[4][32];
    int64_t window_start, window_end, tcb_date;
    uint8_t *quote;
    size_t quote_len;
    vsgx_collateral_t *coll;
} vec_t;

static vec_t g_vec[2];
static char g_what[160]; /* what is being tried, for failure messages */

static uint8_t *load(const char *path, size_t *len)
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

static int setup(void **state)
{
    (void)state;
    vec_load(&g_vec[0], PROC);
    vec_load(&g_vec[1], PLAT);
    return 0;
}

static int teardown(void **state)
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
static void verify_with(const vec_t *t, const vsgx_collateral_t *c, const uint8_t *q, size_t len, int64_t time,
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

static void verify(const vec_t *t, const uint8_t *q, size_t len, vsgx_qvl_verdict_t *v)
{
    verify_with(t, t->coll, q, len, 0, v);
}

/* Verifies the quote with q[off] ^= mask. */
static void verify_flip(const vec_t *t, size_t off, uint8_t mask, vsgx_qvl_verdict_t *v)
{
    uint8_t *q = malloc(t->quote_len);
    assert_non_null(q);
    memcpy(q, t->quote, t->quote_len);
    q[off] ^= mask;
    snprintf(g_what, sizeof g_what, "%s: byte %zu ^= 0x%02x", t->dir, off, mask);
    verify(t, q, t->quote_len, v);
    free(q);
}

static void expect_(const vsgx_qvl_verdict_t *v, quote3_error_t code, sgx_ql_qv_result_t result, const char *check,
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
#define EXPECT(v, code, result, check, offset) expect_((v), (code), (result), (check), (offset), __LINE__)

static void expect_good(const vec_t *t, const vsgx_qvl_verdict_t *v)
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

/* ---- A1. the untouched quotes ---------------------------------------------------------- */

static void test_baseline(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    assert_int_equal(g_vec[0].result, SGX_QL_QV_RESULT_CONFIG_AND_SW_HARDENING_NEEDED);
    assert_int_equal(g_vec[1].result, SGX_QL_QV_RESULT_SW_HARDENING_NEEDED);
    for (int i = 0; i < 2; i++) {
        const vec_t *t = &g_vec[i];
        snprintf(g_what, sizeof g_what, "%s: baseline", t->dir);
        verify(t, t->quote, t->quote_len, &v);
        expect_good(t, &v);
        assert_string_equal(v.qe_status, "UpToDate");
        assert_false(v.collateral_expired);
        assert_false(v.collateral_not_yet_valid);
        assert_false(v.debug_enclave);
        assert_false(v.rejected_debug);
        /* The valid window of expected.json is the collateral's. */
        assert_int_equal(v.earliest_expiration, t->window_end);
        assert_int_equal(v.latest_issue, t->window_start);
        assert_true(v.earliest_issue <= v.latest_issue);
        int64_t end = v.earliest_expiration, start = v.latest_issue;

        /* At the earliest expiration and after it: expired, same verdict otherwise. */
        int64_t late[] = { end, end + 1, end + 86400 * 365 };
        for (size_t k = 0; k < sizeof late / sizeof late[0]; k++) {
            verify_with(t, t->coll, t->quote, t->quote_len, late[k], &v);
            expect_good(t, &v);
            assert_true(v.collateral_expired);
            assert_false(v.collateral_not_yet_valid);
        }
        verify_with(t, t->coll, t->quote, t->quote_len, end - 1, &v);
        expect_good(t, &v);
        assert_false(v.collateral_expired);

        /* Before the latest issue date: not yet valid. */
        verify_with(t, t->coll, t->quote, t->quote_len, start - 1, &v);
        expect_good(t, &v);
        assert_true(v.collateral_not_yet_valid);
        assert_false(v.collateral_expired);
        verify_with(t, t->coll, t->quote, t->quote_len, start, &v);
        expect_good(t, &v);
        assert_false(v.collateral_not_yet_valid);

        /* reject_debug does not touch a production enclave. */
        vsgx_qvl_options_t o = { .time = t->time, .reject_debug = true };
        assert_int_equal(vsgx_qvl_verify(t->quote, t->quote_len, t->coll, &o, &v), SGX_QL_SUCCESS);
        assert_false(v.rejected_debug);
        /* Bad parameters. */
        o.time = 0;
        assert_int_equal(vsgx_qvl_verify(t->quote, t->quote_len, t->coll, &o, &v), SGX_QL_ERROR_INVALID_PARAMETER);
        assert_string_equal(v.failure.check, "parameters.time");
        o.time = t->time;
        assert_int_equal(vsgx_qvl_verify(NULL, t->quote_len, t->coll, &o, &v), SGX_QL_ERROR_INVALID_PARAMETER);
        assert_int_equal(vsgx_qvl_verify(t->quote, t->quote_len, NULL, &o, &v), SGX_QL_ERROR_INVALID_PARAMETER);
        assert_int_equal(vsgx_qvl_verify(t->quote, t->quote_len, t->coll, NULL, &v), SGX_QL_ERROR_INVALID_PARAMETER);
        assert_int_equal(vsgx_qvl_verify(t->quote, t->quote_len, t->coll, &o, NULL), SGX_QL_ERROR_INVALID_PARAMETER);
    }
}

/* ---- A2. one flipped byte in each signed region ------------------------------------------ */

/* Every byte of the header and the report body. Structural header fields are refused by the
 * parser; everything else is covered by the quote signature. */
static void test_flip_header_and_body(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    for (int i = 0; i < 2; i++) {
        const vec_t *t = &g_vec[i];
        for (size_t off = 0; off < OFF_SIG_LEN; off++) {
            verify_flip(t, off, 0x01, &v);
            if (off < 2)
                EXPECT(&v, SGX_QL_QUOTE_FORMAT_UNSUPPORTED, UNSPEC, "quote.header.version", 0);
            else if (off < 4)
                EXPECT(&v, SGX_QL_QUOTE_FORMAT_UNSUPPORTED, UNSPEC, "quote.header.att_key_type", 2);
            else if (off < 8)
                EXPECT(&v, SGX_QL_QUOTE_FORMAT_UNSUPPORTED, UNSPEC, "quote.header.att_key_data_0", 4);
            else if (off >= 12 && off < 28)
                EXPECT(&v, SGX_QL_QUOTE_FORMAT_UNSUPPORTED, UNSPEC, "quote.header.vendor_id", 12);
            else /* qe_svn, pce_svn, user_data, the whole report body */
                EXPECT(&v, SGX_QL_RESULT_INVALID_SIGNATURE, BADSIG, "quote.signature", OFF_QUOTE_SIG);
        }
        /* A high bit too, in a few places. */
        size_t some[] = { 8, 9, 28, 47, OFF_BODY, OFF_BODY + 48, OFF_BODY + 320, OFF_SIG_LEN - 1 };
        for (size_t k = 0; k < sizeof some / sizeof some[0]; k++) {
            verify_flip(t, some[k], 0x80, &v);
            EXPECT(&v, SGX_QL_RESULT_INVALID_SIGNATURE, BADSIG, "quote.signature", OFF_QUOTE_SIG);
        }
    }
}

/* Every byte of the signature data before the certification data. The order of the checks
 * (verify_quote.c) decides which fails: the QE report signature, then the binding of the
 * attestation key and authentication data into the QE report data, then the quote signature.
 * A changed attestation key therefore fails the binding before it can fail as a point
 * ("quote.attest_key" is reached only with a correctly bound bad key; test_verify_pki). */
static void test_flip_signature_data(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    const int64_t binding = OFF_QE_REPORT + 320;
    for (int i = 0; i < 2; i++) {
        const vec_t *t = &g_vec[i];
        for (size_t off = OFF_QUOTE_SIG; off < OFF_CERT_TYPE; off++) {
            if (off == OFF_AUTH_LEN || off == OFF_AUTH_LEN + 1)
                continue; /* a length: test_structure */
            verify_flip(t, off, off % 2 ? 0x01 : 0x40, &v);
            if (off < OFF_ATTEST_KEY)
                EXPECT(&v, SGX_QL_RESULT_INVALID_SIGNATURE, BADSIG, "quote.signature", OFF_QUOTE_SIG);
            else if (off < OFF_QE_REPORT)
                EXPECT(&v, SGX_QL_QE_REPORT_INVALID_SIGNATURE, BADSIG, "qe_report.report_data", binding);
            else if (off < OFF_AUTH_LEN)
                EXPECT(&v, SGX_QL_QE_REPORT_INVALID_SIGNATURE, BADSIG, "qe_report.signature", OFF_QE_REPORT_SIG);
            else
                EXPECT(&v, SGX_QL_QE_REPORT_INVALID_SIGNATURE, BADSIG, "qe_report.report_data", binding);
        }
    }
}

/* The PEM certificate chain of the certification data. */
static const char *find(const char *hay, size_t len, const char *needle, size_t from)
{
    size_t n = strlen(needle);
    for (size_t i = from; i + n <= len; i++)
        if (memcmp(hay + i, needle, n) == 0)
            return hay + i;
    return NULL;
}

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Replaces the base64 character `k` characters into certificate `which` (0 leaf, 1 CA, 2 root)
 * with another base64 character, which changes bits of the DER near byte k*3/4. */
static void verify_pem_change(const vec_t *t, int which, size_t k, vsgx_qvl_verdict_t *v)
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

static void test_flip_cert_data(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    for (int i = 0; i < 2; i++) {
        const vec_t *t = &g_vec[i];
        size_t cert_len = t->quote_len - OFF_CERT;
        /* PEM framing: the chain no longer parses as 3 certificates. (Bytes after the last
         * certificate: test_pem_junk_refused.) */
        size_t framing[] = { 0, 5, 11, 26, 27 };
        for (size_t k = 0; k < sizeof framing / sizeof framing[0]; k++) {
            verify_flip(t, OFF_CERT + framing[k], 0x01, &v);
            EXPECT(&v, SGX_QL_PCK_CERT_CHAIN_ERROR, UNSPEC, "pck_chain.format", OFF_CERT);
        }
        /* Base64 character 24 lies in the serial number (DER bytes 15..34): the certificate
         * still parses, its issuer's signature no longer holds. */
        verify_pem_change(t, 0, 24, &v);
        EXPECT(&v, SGX_QL_PCK_CERT_CHAIN_ERROR, BADSIG, "pck_chain.leaf_signature", -1);
        verify_pem_change(t, 1, 24, &v);
        EXPECT(&v, SGX_QL_PCK_CERT_CHAIN_ERROR, BADSIG, "pck_chain.intermediate_signature", -1);
        /* (The root's own bytes: test_root_must_be_the_anchor.) */
        /* A signature byte of the leaf (the last base64 line before its END line). */
        const char *pem = (const char *)t->quote + OFF_CERT;
        const char *end = find(pem, cert_len, "\n-----END CERTIFICATE-----", 0);
        assert_non_null(end);
        const char *begin = find(pem, cert_len, "-----BEGIN CERTIFICATE-----\n", 0);
        verify_pem_change(t, 0, (size_t)(end - begin) - 28 - 10, &v);
        EXPECT(&v, SGX_QL_PCK_CERT_CHAIN_ERROR, BADSIG, "pck_chain.leaf_signature", -1);
    }
}

/* ---- A3. structure -------------------------------------------------------------------------- */

static uint8_t *dup_quote(const vec_t *t, size_t extra)
{
    uint8_t *q = calloc(1, t->quote_len + extra);
    assert_non_null(q);
    memcpy(q, t->quote, t->quote_len);
    return q;
}

static void test_structure(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    vsgx_qvl_failure_t why;
    for (int i = 0; i < 2; i++) {
        const vec_t *t = &g_vec[i];
        size_t n = t->quote_len;
        uint8_t *q = dup_quote(t, 1);
        snprintf(g_what, sizeof g_what, "%s: structure", t->dir);

        uint16_t versions[] = { 0, 1, 2, 6, 0xFFFF };
        for (size_t k = 0; k < sizeof versions / sizeof versions[0]; k++) {
            put16(q, versions[k]);
            verify(t, q, n, &v);
            EXPECT(&v, SGX_QL_QUOTE_FORMAT_UNSUPPORTED, UNSPEC, "quote.header.version", 0);
        }
        put16(q, 3);
        uint16_t key_types[] = { 0, 1, 3 };
        for (size_t k = 0; k < sizeof key_types / sizeof key_types[0]; k++) {
            put16(q + 2, key_types[k]);
            verify(t, q, n, &v);
            EXPECT(&v, SGX_QL_QUOTE_FORMAT_UNSUPPORTED, UNSPEC, "quote.header.att_key_type", 2);
        }
        put16(q + 2, 2);
        put32(q + 4, 0x81); /* a v3 quote cannot claim TDX */
        verify(t, q, n, &v);
        EXPECT(&v, SGX_QL_QUOTE_FORMAT_UNSUPPORTED, UNSPEC, "quote.header.att_key_data_0", 4);
        put32(q + 4, 0);

        /* Certification data types: 0 and 6+ are refused by the parser; 1-4 carry no chain,
         * and the collateral has none. */
        uint16_t bad_types[] = { 0, 6, 7, 0xFFFF };
        for (size_t k = 0; k < sizeof bad_types / sizeof bad_types[0]; k++) {
            put16(q + OFF_CERT_TYPE, bad_types[k]);
            verify(t, q, n, &v);
            EXPECT(&v, SGX_QL_QUOTE_CERTIFICATION_DATA_UNSUPPORTED, UNSPEC, "quote.cert_type", OFF_CERT_TYPE);
        }
        for (uint16_t type = 1; type <= 4; type++) {
            put16(q + OFF_CERT_TYPE, type);
            verify(t, q, n, &v);
            EXPECT(&v, SGX_QL_QUOTE_CERTIFICATION_DATA_UNSUPPORTED, UNSPEC, "pck_chain.missing", OFF_CERT_TYPE);
        }
        /* Type 1 with the chain given beside the collateral verifies as the original. */
        {
            char path[512];
            vsgx_collateral_t *c = NULL;
            snprintf(path, sizeof path, "%s/collateral", t->dir);
            assert_int_equal(vsgx_collateral_load(path, &c, &why), SGX_QL_SUCCESS);
            assert_int_equal(vsgx_collateral_set_pck_chain(c, (const char *)t->quote + OFF_CERT, n - OFF_CERT, &why),
                             SGX_QL_SUCCESS);
            put16(q + OFF_CERT_TYPE, 1);
            verify_with(t, c, q, n, 0, &v);
            expect_good(t, &v);
            vsgx_collateral_free(c);
        }
        put16(q + OFF_CERT_TYPE, 5);

        /* Lengths that do not add up. */
        uint32_t sdl = get32(q + OFF_SIG_LEN);
        assert_int_equal(sdl, n - OFF_QUOTE_SIG);
        uint32_t bad_sdl[] = { sdl - 1, sdl + 1, 0, 0xFFFFFFFF };
        for (size_t k = 0; k < sizeof bad_sdl / sizeof bad_sdl[0]; k++) {
            put32(q + OFF_SIG_LEN, bad_sdl[k]);
            verify(t, q, n, &v);
            EXPECT(&v, SGX_QL_QUOTE_FORMAT_UNSUPPORTED, UNSPEC, "quote.signature_data_len", OFF_SIG_LEN);
        }
        put32(q + OFF_SIG_LEN, sdl);
        /* One byte appended: signature_data_len no longer matches; with it adjusted, the byte
         * is left over after the certification data. */
        q[n] = 0;
        verify(t, q, n + 1, &v);
        EXPECT(&v, SGX_QL_QUOTE_FORMAT_UNSUPPORTED, UNSPEC, "quote.signature_data_len", OFF_SIG_LEN);
        put32(q + OFF_SIG_LEN, sdl + 1);
        verify(t, q, n + 1, &v);
        EXPECT(&v, SGX_QL_QUOTE_FORMAT_UNSUPPORTED, UNSPEC, "quote.trailing", (int64_t)n);
        /* ... and with the certification data size adjusted as well, it is one more byte of
         * the PEM chain: a second NUL, which the chain parser tolerates. */
        uint32_t cert_len = get32(q + OFF_CERT_LEN);
        put32(q + OFF_CERT_LEN, cert_len + 1);
        verify(t, q, n + 1, &v);
        expect_good(t, &v);
        put32(q + OFF_CERT_LEN, cert_len);
        put32(q + OFF_SIG_LEN, sdl);
        /* The authentication data size. */
        put16(q + OFF_AUTH_LEN, 33);
        verify(t, q, n, &v);
        EXPECT(&v, SGX_QL_QUOTE_CERTIFICATION_DATA_UNSUPPORTED, UNSPEC, "quote.cert_type", OFF_CERT_TYPE + 1);
        put16(q + OFF_AUTH_LEN, 0xFFFF);
        verify(t, q, n, &v);
        EXPECT(&v, SGX_QL_QUOTE_FORMAT_UNSUPPORTED, UNSPEC, "quote.truncated", OFF_AUTH);
        put16(q + OFF_AUTH_LEN, 32);
        put32(q + OFF_CERT_LEN, cert_len + 1);
        verify(t, q, n, &v);
        EXPECT(&v, SGX_QL_QUOTE_FORMAT_UNSUPPORTED, UNSPEC, "quote.truncated", OFF_CERT);
        put32(q + OFF_CERT_LEN, cert_len);
        assert_memory_equal(q, t->quote, n);
        free(q);
    }
}

/* Every truncation: as cut, with signature_data_len adjusted to the cut, and with the
 * certification data size adjusted too. None may crash; each fails as the format or, for a
 * cut PEM chain, as a chain error. Cutting only the trailing NUL and newline keeps a whole
 * chain, which still verifies. */
static void test_truncations(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    for (int i = 0; i < 2; i++) {
        const vec_t *t = &g_vec[i];
        size_t n = t->quote_len;
        uint8_t *q = dup_quote(t, 0);
        const char *pem = (const char *)t->quote + OFF_CERT;
        size_t pem_len = n - OFF_CERT, last_end = 0;
        for (const char *e = pem; (e = find(pem, pem_len, "-----END CERTIFICATE-----", (size_t)(e - pem)));
             e += 25)
            last_end = (size_t)(e - pem) + 25;
        assert_true(last_end > 0);
        for (size_t len = 0; len < n; len++) {
            snprintf(g_what, sizeof g_what, "%s: cut at %zu", t->dir, len);
            verify(t, t->quote, len, &v);
            if (len < OFF_BODY)
                EXPECT(&v, SGX_QL_QUOTE_FORMAT_UNSUPPORTED, UNSPEC, "quote.truncated", 0);
            else if (len < OFF_SIG_LEN)
                EXPECT(&v, SGX_QL_QUOTE_FORMAT_UNSUPPORTED, UNSPEC, "quote.truncated", OFF_BODY);
            else if (len < OFF_QUOTE_SIG)
                EXPECT(&v, SGX_QL_QUOTE_FORMAT_UNSUPPORTED, UNSPEC, "quote.truncated", OFF_SIG_LEN);
            else
                EXPECT(&v, SGX_QL_QUOTE_FORMAT_UNSUPPORTED, UNSPEC, "quote.signature_data_len", OFF_SIG_LEN);
            if (len < OFF_QUOTE_SIG)
                continue;

            snprintf(g_what, sizeof g_what, "%s: cut at %zu, signature_data_len adjusted", t->dir, len);
            put32(q + OFF_SIG_LEN, (uint32_t)(len - OFF_QUOTE_SIG));
            verify(t, q, len, &v);
            int64_t at = len < OFF_ATTEST_KEY ? OFF_QUOTE_SIG : len < OFF_QE_REPORT ? OFF_ATTEST_KEY
                       : len < OFF_QE_REPORT_SIG ? OFF_QE_REPORT : len < OFF_AUTH_LEN ? OFF_QE_REPORT_SIG
                       : len < OFF_AUTH_LEN + 2 ? OFF_AUTH_LEN : len < OFF_CERT_TYPE ? OFF_AUTH
                       : len < OFF_CERT_LEN ? OFF_CERT_TYPE : len < OFF_CERT ? OFF_CERT_LEN : OFF_CERT;
            EXPECT(&v, SGX_QL_QUOTE_FORMAT_UNSUPPORTED, UNSPEC, "quote.truncated", at);

            if (len < OFF_CERT)
                continue;
            snprintf(g_what, sizeof g_what, "%s: cut at %zu, both sizes adjusted", t->dir, len);
            put32(q + OFF_CERT_LEN, (uint32_t)(len - OFF_CERT));
            verify(t, q, len, &v);
            if (len - OFF_CERT >= last_end)
                expect_good(t, &v);
            else
                EXPECT(&v, SGX_QL_PCK_CERT_CHAIN_ERROR, UNSPEC, "pck_chain.format", OFF_CERT);
            put32(q + OFF_CERT_LEN, (uint32_t)(n - OFF_CERT));
        }
        free(q);
    }
}

/* ---- A4. collateral ------------------------------------------------------------------------- */

static char *copy_dir(const char *src)
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

static void remove_dir(char *dir)
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

static void write_file(const char *dir, const char *name, const void *data, size_t len)
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
static char *tampered_dir(const vec_t *t, const char *name, const char *old, const char *new)
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
static quote3_error_t verify_dir(const vec_t *t, const char *dir, vsgx_qvl_verdict_t *v, vsgx_qvl_failure_t *why)
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

static void expect_dir_verdict(const vec_t *t, const char *name, const char *old, const char *new,
                               quote3_error_t code, const char *check)
{
    vsgx_qvl_verdict_t v;
    vsgx_qvl_failure_t why;
    char *dir = tampered_dir(t, name, old, new);
    assert_int_equal(verify_dir(t, dir, &v, &why), SGX_QL_SUCCESS);
    if (code == SGX_QL_SUCCESS)
        expect_good(t, &v);
    else /* every change inside the signed value breaks its signature */
        EXPECT(&v, code, BADSIG, check, -1);
    remove_dir(dir);
}

static void expect_load_failure(const vec_t *t, const char *name, const char *old, const char *new,
                                quote3_error_t code, const char *check)
{
    vsgx_qvl_verdict_t v;
    vsgx_qvl_failure_t why;
    char *dir = tampered_dir(t, name, old, new);
    quote3_error_t rc = verify_dir(t, dir, &v, &why);
    if (rc != code || strcmp(why.check, check) != 0)
        fail_msg("%s: load gave %s \"%s\" (%s), expected %s \"%s\"", g_what, vsgx_quote3_error_name(rc),
                 rc ? why.check : "", rc ? why.message : "", vsgx_quote3_error_name(code), check);
    assert_int_equal(why.code, code);
    remove_dir(dir);
}

/* Signed bytes changed so that they still parse: the signature over the exact bytes fails. */
static void test_collateral_signed_bytes(void **state)
{
    (void)state;
    const vec_t *t = &g_vec[0];
    expect_dir_verdict(t, NULL, NULL, NULL, SGX_QL_SUCCESS, "");
    expect_dir_verdict(t, "tcb_info.json", "\"tcbEvaluationDataNumber\":17", "\"tcbEvaluationDataNumber\":18",
                       SGX_QL_TCBINFO_CHAIN_ERROR, "tcb_info.signature");
    expect_dir_verdict(t, "tcb_info.json", "\"issueDate\":\"2025-06-19T10:56:11Z\"",
                       "\"issueDate\":\"2025-06-19T10:56:12Z\"", SGX_QL_TCBINFO_CHAIN_ERROR, "tcb_info.signature");
    /* The same value spelled differently (hex case) is different bytes. */
    expect_dir_verdict(t, "tcb_info.json", "\"fmspc\":\"00A067110000\"", "\"fmspc\":\"00a067110000\"",
                       SGX_QL_TCBINFO_CHAIN_ERROR, "tcb_info.signature");
    expect_dir_verdict(t, "tcb_info.json", "\"tcbStatus\":\"SWHardeningNeeded\"", "\"tcbStatus\":\"OutOfDate\"",
                       SGX_QL_TCBINFO_CHAIN_ERROR, "tcb_info.signature");
    /* Whitespace inside the signed value is signed; outside it is not. */
    expect_dir_verdict(t, "tcb_info.json", "{\"tcbInfo\":{\"id\"", "{\"tcbInfo\":{ \"id\"",
                       SGX_QL_TCBINFO_CHAIN_ERROR, "tcb_info.signature");
    expect_dir_verdict(t, "tcb_info.json", "{\"tcbInfo\":{\"id\"", "{ \"tcbInfo\" : {\"id\"", SGX_QL_SUCCESS, "");
    /* The signature itself. */
    expect_dir_verdict(t, "tcb_info.json", "c862\"}", "c863\"}", SGX_QL_TCBINFO_CHAIN_ERROR, "tcb_info.signature");
}

static void test_collateral_signed_bytes_qe(void **state)
{
    (void)state;
    const vec_t *t = &g_vec[0];
    expect_dir_verdict(t, "qe_identity.json", "\"tcbEvaluationDataNumber\":17", "\"tcbEvaluationDataNumber\":18",
                       SGX_QL_QEIDENTITY_CHAIN_ERROR, "qe_identity.signature");
    expect_dir_verdict(t, "qe_identity.json", "\"mrsigner\":\"8C4F", "\"mrsigner\":\"8c4F",
                       SGX_QL_QEIDENTITY_CHAIN_ERROR, "qe_identity.signature");
    expect_dir_verdict(t, "qe_identity.json", "\"isvsvn\":8}", "\"isvsvn\":9}", SGX_QL_QEIDENTITY_CHAIN_ERROR,
                       "qe_identity.signature");
    expect_dir_verdict(t, "qe_identity.json", "\"signature\":\"f130", "\"signature\":\"f131",
                       SGX_QL_QEIDENTITY_CHAIN_ERROR, "qe_identity.signature");
}

/* The other quote's collateral: its PCK CRL is the other CA's, which the PCK CRL issuer check
 * notices first. With only the other TCB info, the FMSPC differs. */
static void test_collateral_swapped(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    vsgx_qvl_failure_t why;
    for (int i = 0; i < 2; i++) {
        const vec_t *t = &g_vec[i], *o = &g_vec[1 - i];
        snprintf(g_what, sizeof g_what, "%s with %s's collateral", t->dir, o->dir);
        verify_with(t, o->coll, t->quote, t->quote_len, 0, &v);
        EXPECT(&v, SGX_QL_CRL_UNSUPPORTED_FORMAT, UNSPEC, "pck_crl.issuer", -1);

        char path[1024];
        size_t len;
        snprintf(path, sizeof path, "%s/collateral/tcb_info.json", o->dir);
        uint8_t *other = load(path, &len);
        char *dir = tampered_dir(t, NULL, NULL, NULL);
        write_file(dir, "tcb_info.json", other, len);
        free(other);
        assert_int_equal(verify_dir(t, dir, &v, &why), SGX_QL_SUCCESS);
        EXPECT(&v, SGX_QL_TCBINFO_MISMATCH, UNSPEC, "tcb_info.fmspc", -1);
        remove_dir(dir);
    }
}

static void test_collateral_missing(void **state)
{
    (void)state;
    const vec_t *t = &g_vec[0];
    vsgx_qvl_verdict_t v;
    vsgx_qvl_failure_t why;
    static const struct {
        const char *file;
        quote3_error_t code;
    } cases[] = {
        { "tcb_info.json", SGX_QL_TCBINFO_UNSUPPORTED_FORMAT },
        { "qe_identity.json", SGX_QL_QEIDENTITY_UNSUPPORTED_FORMAT },
        { "pck_crl.der", SGX_QL_CRL_UNSUPPORTED_FORMAT },
        { "root_ca_crl.der", SGX_QL_CRL_UNSUPPORTED_FORMAT },
        { "pck_crl_issuer_chain.pem", SGX_QL_PCK_CERT_CHAIN_ERROR },
        { "tcb_info_issuer_chain.pem", SGX_QL_PCK_CERT_CHAIN_ERROR },
        { "qe_identity_issuer_chain.pem", SGX_QL_PCK_CERT_CHAIN_ERROR },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char *dir = tampered_dir(t, NULL, NULL, NULL);
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, cases[k].file);
        assert_int_equal(unlink(path), 0);
        quote3_error_t rc = verify_dir(t, dir, &v, &why);
        if (rc != cases[k].code || strcmp(why.check, "collateral.missing") != 0)
            fail_msg("without %s: %s \"%s\"", cases[k].file, vsgx_quote3_error_name(rc), why.check);
        /* An empty file is as good as none. */
        write_file(dir, cases[k].file, "", 0);
        assert_int_equal(verify_dir(t, dir, &v, &why), cases[k].code);
        assert_string_equal(why.check, "collateral.missing");
        remove_dir(dir);
    }
    vsgx_collateral_t *c = g_vec[0].coll; /* must be reset to NULL */
    assert_int_equal(vsgx_collateral_load("/nonexistent/vsgx", &c, &why), SGX_QL_FILE_ACCESS_ERROR);
    assert_null(c);
    assert_string_equal(why.check, "collateral.read");
    assert_int_equal(vsgx_collateral_load(NULL, &c, &why), SGX_QL_FILE_ACCESS_ERROR);
}

static void test_collateral_malformed(void **state)
{
    (void)state;
    const vec_t *t = &g_vec[0];
    const quote3_error_t TCB = SGX_QL_TCBINFO_UNSUPPORTED_FORMAT, QE = SGX_QL_QEIDENTITY_UNSUPPORTED_FORMAT;
    /* TCB info. */
    expect_load_failure(t, "tcb_info.json", "\"tcbStatus\":\"SWHardeningNeeded\"", "\"tcbStatus\":\"Compromised\"",
                        TCB, "collateral.tcb_info");
    expect_load_failure(t, "tcb_info.json", "\"tcbStatus\":\"SWHardeningNeeded\"", "\"tcbStatus\":\"uptodate\"",
                        TCB, "collateral.tcb_info");
    expect_load_failure(t, "tcb_info.json", "\"pceId\":\"0000\",", "", TCB, "collateral.tcb_info");
    expect_load_failure(t, "tcb_info.json", "\"fmspc\":\"00A067110000\",", "", TCB, "collateral.tcb_info");
    expect_load_failure(t, "tcb_info.json", "\"tcbDate\":\"2024-03-13T00:00:00Z\",", "", TCB, "collateral.tcb_info");
    expect_load_failure(t, "tcb_info.json", "\"version\":3", "\"version\":4", TCB, "collateral.tcb_info");
    expect_load_failure(t, "tcb_info.json", "\"id\":\"SGX\"", "\"id\":\"SEV\"", TCB, "collateral.tcb_info");
    expect_load_failure(t, "tcb_info.json", "{\"tcbInfo\":", "{\"tcbInfo\":{},\"x\":", TCB, "collateral.tcb_info");
    expect_load_failure(t, "tcb_info.json", "\"signature\":\"", "\"signature\":\"00", TCB, "collateral.tcb_info");
    expect_load_failure(t, "tcb_info.json", "\"}", "\"", TCB, "collateral.tcb_info");
    /* Oversized fields. */
    expect_load_failure(t, "tcb_info.json", "\"fmspc\":\"00A067110000\"", "\"fmspc\":\"00A06711000000\"", TCB,
                        "collateral.tcb_info");
    expect_load_failure(t, "tcb_info.json", "\"INTEL-SA-00615\"", "\"INTEL-SA-00615-AND-A-VERY-LONG-SUFFIX-0123\"",
                        TCB, "collateral.tcb_info");
    expect_load_failure(t, "tcb_info.json", "\"tcbEvaluationDataNumber\":17",
                        "\"tcbEvaluationDataNumber\":4294967296", TCB, "collateral.tcb_info");
    expect_load_failure(t, "tcb_info.json", "{\"svn\":11}", "{\"svn\":256}", TCB, "collateral.tcb_info");
    expect_load_failure(t, "tcb_info.json", "\"pcesvn\":13", "\"pcesvn\":65536", TCB, "collateral.tcb_info");
    /* QE identity. */
    expect_load_failure(t, "qe_identity.json", "\"tcbStatus\":\"UpToDate\"", "\"tcbStatus\":\"Fine\"", QE,
                        "collateral.qe_identity");
    expect_load_failure(t, "qe_identity.json", "\"isvprodid\":1,", "", QE, "collateral.qe_identity");
    expect_load_failure(t, "qe_identity.json",
                        "\"mrsigner\":\"8C4F5775D796503E96137F77C68A829A0056AC8DED70140B081B094490C57BFF\",", "", QE,
                        "collateral.qe_identity");
    expect_load_failure(t, "qe_identity.json", "\"id\":\"QE\"", "\"id\":\"XE\"", QE, "collateral.qe_identity");
    expect_load_failure(t, "qe_identity.json", "\"miscselect\":\"00000000\"", "\"miscselect\":\"0000000000\"", QE,
                        "collateral.qe_identity");
    expect_load_failure(t, "qe_identity.json", "\"isvsvn\":8", "\"isvsvn\":65536", QE, "collateral.qe_identity");
    expect_load_failure(t, "qe_identity.json", "{\"enclaveIdentity\":{", "{\"enclaveIdentity\":[{", QE,
                        "collateral.qe_identity");
    /* CRLs and chains that do not parse. */
    expect_load_failure(t, "pck_crl_issuer_chain.pem", "-----BEGIN CERTIFICATE-----\nMII",
                        "-----BEGIN CERTIFICATE-----\nXII", SGX_QL_PCK_CERT_CHAIN_ERROR, "collateral.chain_format");
    expect_load_failure(t, "tcb_info_issuer_chain.pem", "-----END CERTIFICATE-----", "-----END CERTIFICATE----",
                        SGX_QL_PCK_CERT_CHAIN_ERROR, "collateral.chain_format");
    {
        char *dir = tampered_dir(t, NULL, NULL, NULL);
        vsgx_qvl_verdict_t v;
        vsgx_qvl_failure_t why;
        write_file(dir, "pck_crl.der", "\x30\x82\x01", 3);
        assert_int_equal(verify_dir(t, dir, &v, &why), SGX_QL_CRL_UNSUPPORTED_FORMAT);
        assert_string_equal(why.check, "collateral.crl_format");
        /* A file over the 8 MiB limit. */
        size_t big = (8u << 20) + 1;
        char *pad = malloc(big);
        assert_non_null(pad);
        memset(pad, ' ', big);
        write_file(dir, "tcb_info.json", pad, big);
        free(pad);
        assert_int_equal(verify_dir(t, dir, &v, &why), SGX_QL_FILE_ACCESS_ERROR);
        assert_string_equal(why.check, "collateral.read");
        remove_dir(dir);
    }
}

/* Damaged CRLs and signing chains load, but their trust fails. */
static void test_collateral_trust(void **state)
{
    (void)state;
    const vec_t *t = &g_vec[0];
    vsgx_qvl_verdict_t v;
    vsgx_qvl_failure_t why;
    static const struct {
        const char *file;
        quote3_error_t code;
        const char *check;
    } crls[] = {
        { "root_ca_crl.der", SGX_QL_RESULT_INVALID_SIGNATURE, "crl.signature" },
        { "pck_crl.der", SGX_QL_RESULT_INVALID_SIGNATURE, "crl.signature" },
    };
    for (size_t k = 0; k < sizeof crls / sizeof crls[0]; k++) {
        char *dir = tampered_dir(t, NULL, NULL, NULL);
        char path[1024];
        size_t len;
        snprintf(path, sizeof path, "%s/%s", dir, crls[k].file);
        uint8_t *der = load(path, &len);
        der[len - 3] ^= 0x01; /* in the signature's s */
        write_file(dir, crls[k].file, der, len);
        free(der);
        snprintf(g_what, sizeof g_what, "%s: signature byte changed", crls[k].file);
        assert_int_equal(verify_dir(t, dir, &v, &why), SGX_QL_SUCCESS);
        EXPECT(&v, crls[k].code, BADSIG, crls[k].check, -1);
        remove_dir(dir);
    }
    /* The root CRL where the PCK CRL belongs, and the other way round. */
    {
        char *dir = tampered_dir(t, NULL, NULL, NULL);
        char src[1024];
        size_t len;
        snprintf(src, sizeof src, "%s/collateral/root_ca_crl.der", t->dir);
        uint8_t *der = load(src, &len);
        write_file(dir, "pck_crl.der", der, len);
        free(der);
        snprintf(g_what, sizeof g_what, "root CRL as the PCK CRL");
        assert_int_equal(verify_dir(t, dir, &v, &why), SGX_QL_SUCCESS);
        EXPECT(&v, SGX_QL_CRL_UNSUPPORTED_FORMAT, UNSPEC, "crl.issuer", -1);
        remove_dir(dir);
    }
    /* Signing chains: the TCB chain given as the PCK CRL's issuer chain has the wrong CN. */
    {
        char *dir = tampered_dir(t, NULL, NULL, NULL);
        char src[1024];
        size_t len;
        snprintf(src, sizeof src, "%s/collateral/tcb_info_issuer_chain.pem", t->dir);
        uint8_t *pem = load(src, &len);
        write_file(dir, "pck_crl_issuer_chain.pem", pem, len);
        snprintf(g_what, sizeof g_what, "TCB signing chain as the PCK CRL issuer chain");
        assert_int_equal(verify_dir(t, dir, &v, &why), SGX_QL_SUCCESS);
        EXPECT(&v, SGX_QL_PCK_CERT_CHAIN_ERROR, UNSPEC, "collateral.signer_name", -1);
        /* Only the signer (no root) as the TCB info chain. */
        const char *second = find((const char *)pem, len, "-----BEGIN", 5);
        assert_non_null(second);
        snprintf(src, sizeof src, "%s/collateral/pck_crl_issuer_chain.pem", t->dir);
        uint8_t *good = load(src, &len);
        write_file(dir, "pck_crl_issuer_chain.pem", good, len);
        free(good);
        write_file(dir, "tcb_info_issuer_chain.pem", pem, (size_t)(second - (const char *)pem));
        snprintf(g_what, sizeof g_what, "TCB signing chain without its root");
        assert_int_equal(verify_dir(t, dir, &v, &why), SGX_QL_SUCCESS);
        EXPECT(&v, SGX_QL_TCBINFO_CHAIN_ERROR, UNSPEC, "collateral.chain_length", -1);
        /* Root first, signer second. */
        size_t first_len = (size_t)(second - (const char *)pem);
        char *swapped = malloc(len + first_len + 1);
        assert_non_null(swapped);
        snprintf(src, sizeof src, "%s/collateral/tcb_info_issuer_chain.pem", t->dir);
        free(pem);
        pem = load(src, &len);
        memcpy(swapped, pem + first_len, len - first_len);
        memcpy(swapped + len - first_len, pem, first_len);
        write_file(dir, "tcb_info_issuer_chain.pem", swapped, len);
        free(swapped);
        snprintf(g_what, sizeof g_what, "TCB signing chain in the wrong order");
        assert_int_equal(verify_dir(t, dir, &v, &why), SGX_QL_SUCCESS);
        EXPECT(&v, SGX_QL_TCBINFO_CHAIN_ERROR, UNSPEC, "collateral.root_name", -1);
        /* The PCK CA chain as the QE identity chain: the signer is not "SGX TCB Signing". */
        write_file(dir, "tcb_info_issuer_chain.pem", pem, len);
        free(pem);
        snprintf(src, sizeof src, "%s/collateral/pck_crl_issuer_chain.pem", t->dir);
        pem = load(src, &len);
        write_file(dir, "qe_identity_issuer_chain.pem", pem, len);
        free(pem);
        snprintf(g_what, sizeof g_what, "PCK CA chain as the QE identity chain");
        assert_int_equal(verify_dir(t, dir, &v, &why), SGX_QL_SUCCESS);
        EXPECT(&v, SGX_QL_QEIDENTITY_CHAIN_ERROR, UNSPEC, "collateral.signer_name", -1);
        remove_dir(dir);
    }
}

/* ---- A5. Intel's API ------------------------------------------------------------------------ */

typedef struct {
    sgx_ql_qve_collateral_t c;
    char *buf[7];
} intel_coll_t;

/* A text file with its terminating NUL counted, as Intel's structure holds text. */
static char *text_part(const char *dir, const char *name, uint32_t *size)
{
    char path[1024];
    size_t len;
    snprintf(path, sizeof path, "%s/collateral/%s", dir, name);
    char *p = (char *)load(path, &len);
    *size = (uint32_t)len + 1;
    return p;
}

static char *crl_part(const char *dir, const char *name, uint32_t version, uint32_t *size)
{
    char path[1024];
    size_t len;
    snprintf(path, sizeof path, "%s/collateral/%s", dir, name);
    uint8_t *der = load(path, &len);
    if (version == QVE_COLLATERAL_VERSION1) {
        const unsigned char *p = der;
        X509_CRL *crl = d2i_X509_CRL(NULL, &p, (long)len);
        assert_non_null(crl);
        BIO *bio = BIO_new(BIO_s_mem());
        assert_true(PEM_write_bio_X509_CRL(bio, crl));
        char *data;
        long n = BIO_get_mem_data(bio, &data);
        char *pem = malloc((size_t)n + 1);
        assert_non_null(pem);
        memcpy(pem, data, (size_t)n);
        pem[n] = '\0';
        *size = (uint32_t)n + 1;
        BIO_free(bio);
        X509_CRL_free(crl);
        free(der);
        return pem;
    }
    if (version == QVE_COLLATERAL_VERSION3) {
        char *hex = malloc(len * 2 + 1);
        assert_non_null(hex);
        vsgx_hex_encode(der, len, hex);
        *size = (uint32_t)len * 2 + 1;
        free(der);
        return hex;
    }
    *size = (uint32_t)len;
    return (char *)der;
}

static void intel_coll_make(intel_coll_t *ic, const char *dir, uint32_t version)
{
    memset(ic, 0, sizeof *ic);
    sgx_ql_qve_collateral_t *c = &ic->c;
    c->version = version;
    c->tee_type = 0;
    ic->buf[0] = c->pck_crl_issuer_chain = text_part(dir, "pck_crl_issuer_chain.pem", &c->pck_crl_issuer_chain_size);
    ic->buf[1] = c->root_ca_crl = crl_part(dir, "root_ca_crl.der", version, &c->root_ca_crl_size);
    ic->buf[2] = c->pck_crl = crl_part(dir, "pck_crl.der", version, &c->pck_crl_size);
    ic->buf[3] = c->tcb_info_issuer_chain = text_part(dir, "tcb_info_issuer_chain.pem", &c->tcb_info_issuer_chain_size);
    ic->buf[4] = c->tcb_info = text_part(dir, "tcb_info.json", &c->tcb_info_size);
    ic->buf[5] = c->qe_identity_issuer_chain =
        text_part(dir, "qe_identity_issuer_chain.pem", &c->qe_identity_issuer_chain_size);
    ic->buf[6] = c->qe_identity = text_part(dir, "qe_identity.json", &c->qe_identity_size);
}

static void intel_coll_free(intel_coll_t *ic)
{
    for (int i = 0; i < 7; i++)
        free(ic->buf[i]);
}

static const char INTEL_ROOT_KEY_ID[] =
    "46e403bd34f05a3f2817ab9badcaacc7ffc98e0f261008cd30dae936cace18d5dcf58eef31463613de1570d516200993";

static bool all_zero(const void *p, size_t n)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i])
            return false;
    return true;
}

/* The supplemental data: the engine's, with the version and SA list of the API used. */
static void check_supplemental(const vec_t *t, const sgx_ql_qv_supplemental_t *s, uint16_t minor)
{
    vsgx_qvl_verdict_t v;
    verify(t, t->quote, t->quote_len, &v);
    char hex[2 * ROOT_KEY_ID_SIZE + 1];
    assert_int_equal(s->major_version, 3);
    assert_int_equal(s->minor_version, minor);
    vsgx_hex_encode(s->root_key_id, sizeof s->root_key_id, hex);
    assert_string_equal(hex, INTEL_ROOT_KEY_ID);
    assert_int_equal(s->earliest_expiration_date, t->window_end);
    assert_int_equal(s->latest_issue_date, t->window_start);
    assert_int_equal(s->tcb_level_date_tag, t->tcb_date);
    assert_int_equal(s->tcb_eval_ref_num, 17);
    assert_int_equal(s->qe_iden_tcb_eval_ref_num, 17);
    assert_int_equal(s->qe_iden_status, SGX_QL_QV_RESULT_OK);
    assert_int_equal(s->tee_type, 0);
    assert_int_equal(s->pce_id, 0);
    assert_false(all_zero(s->pck_ppid, sizeof s->pck_ppid));
    assert_false(all_zero(&s->tcb_cpusvn, sizeof s->tcb_cpusvn));
    assert_true(s->pck_crl_num > 0 && s->root_ca_crl_num > 0);
    if (t == &g_vec[1]) {
        assert_int_equal(s->sgx_type, 1); /* Scalable */
        assert_false(all_zero(s->platform_instance_id, sizeof s->platform_instance_id));
        assert_int_not_equal(s->dynamic_platform, PCK_FLAG_UNDEFINED);
        assert_int_not_equal(s->cached_keys, PCK_FLAG_UNDEFINED);
        assert_int_not_equal(s->smt_enabled, PCK_FLAG_UNDEFINED);
    } else {
        assert_int_equal(s->sgx_type, 0); /* Standard */
        assert_true(all_zero(s->platform_instance_id, sizeof s->platform_instance_id));
        assert_int_equal(s->dynamic_platform, PCK_FLAG_UNDEFINED);
    }
    if (minor >= 3) {
        char want[MAX_SA_LIST_SIZE] = "";
        for (size_t i = 0; i < t->advisory_count; i++)
            snprintf(want + strlen(want), sizeof want - strlen(want), "%s%s", i ? "," : "", t->advisories[i]);
        assert_string_equal(s->sa_list, want);
        if (t == &g_vec[0])
            assert_string_equal(s->sa_list, "INTEL-SA-00289,INTEL-SA-00615");
        assert_memory_equal(s, &v.supplemental, sizeof *s);
    } else {
        assert_true(all_zero(s->sa_list, sizeof s->sa_list));
        sgx_ql_qv_supplemental_t a = *s, b = v.supplemental;
        a.minor_version = b.minor_version = 0;
        memset(b.sa_list, 0, sizeof b.sa_list);
        assert_memory_equal(&a, &b, sizeof a);
    }
}

static void test_intel_api(void **state)
{
    (void)state;
    const uint32_t versions[] = { QVE_COLLATERAL_VERSION1, QVE_COLLATERAL_VERSION3, QVE_COLLATERAL_VERSION31,
                                  QVE_COLLATERAL_VERSION4 };
    uint32_t size = 0;
    assert_int_equal(sgx_qv_get_quote_supplemental_data_size(&size), SGX_QL_SUCCESS);
    assert_int_equal(size, sizeof(sgx_ql_qv_supplemental_t));
    assert_int_equal(size, 536);
    for (int i = 0; i < 2; i++) {
        const vec_t *t = &g_vec[i];
        uint32_t ver = 0, tsize = 0;
        assert_int_equal(tee_get_supplemental_data_version_and_size(t->quote, (uint32_t)t->quote_len, &ver, &tsize),
                         SGX_QL_SUCCESS);
        assert_int_equal(ver, 3u | 3u << 16);
        assert_int_equal(tsize, 536);
        uint8_t fmspc[6];
        assert_int_equal(tee_get_fmspc_from_quote(t->quote, (uint32_t)t->quote_len, fmspc, sizeof fmspc),
                         SGX_QL_SUCCESS);
        char fmspc_hex[13];
        vsgx_hex_encode_upper(fmspc, sizeof fmspc, fmspc_hex);
        assert_string_equal(fmspc_hex, i == 0 ? "00A067110000" : "00606A000000");
        for (size_t k = 0; k < sizeof versions / sizeof versions[0]; k++) {
            intel_coll_t ic;
            intel_coll_make(&ic, t->dir, versions[k]);
            uint32_t exp = 7;
            sgx_ql_qv_result_t result = SGX_QL_QV_RESULT_MAX;
            sgx_ql_qv_supplemental_t supp;
            memset(&supp, 0xEE, sizeof supp);
            assert_int_equal(sgx_qv_verify_quote(t->quote, (uint32_t)t->quote_len, &ic.c, (time_t)t->time, &exp,
                                                 &result, NULL, sizeof supp, (uint8_t *)&supp),
                             SGX_QL_SUCCESS);
            assert_int_equal(exp, 0);
            assert_int_equal(result, t->result);
            check_supplemental(t, &supp, 0);

            tee_supp_data_descriptor_t d = { .major_version = 0, .data_size = sizeof supp, .p_data = (uint8_t *)&supp };
            memset(&supp, 0xEE, sizeof supp);
            exp = 7;
            result = SGX_QL_QV_RESULT_MAX;
            assert_int_equal(tee_verify_quote(t->quote, (uint32_t)t->quote_len, (const uint8_t *)&ic.c,
                                              (time_t)t->time, &exp, &result, NULL, &d),
                             SGX_QL_SUCCESS);
            assert_int_equal(exp, 0);
            assert_int_equal(result, t->result);
            check_supplemental(t, &supp, 3);

            /* Without supplemental data; then with expired collateral. */
            assert_int_equal(sgx_qv_verify_quote(t->quote, (uint32_t)t->quote_len, &ic.c,
                                                 (time_t)t->window_end + 1, &exp, &result, NULL, 0, NULL),
                             SGX_QL_SUCCESS);
            assert_int_equal(exp, 1);
            assert_int_equal(result, t->result);
            assert_int_equal(tee_verify_quote(t->quote, (uint32_t)t->quote_len, (const uint8_t *)&ic.c,
                                              (time_t)t->window_start - 1, &exp, &result, NULL, NULL),
                             SGX_QL_SUCCESS);
            assert_int_equal(exp, 1);
            intel_coll_free(&ic);
        }
    }
}

static void test_intel_api_errors(void **state)
{
    (void)state;
    const vec_t *t = &g_vec[0];
    intel_coll_t ic;
    intel_coll_make(&ic, t->dir, QVE_COLLATERAL_VERSION31);
    const uint8_t *q = t->quote;
    uint32_t n = (uint32_t)t->quote_len, exp;
    time_t now = (time_t)t->time;
    sgx_ql_qv_result_t r;
    sgx_ql_qv_supplemental_t supp;
    sgx_ql_qe_report_info_t qve;
    memset(&qve, 0, sizeof qve);
    uint8_t *s = (uint8_t *)&supp;
    const uint32_t ss = sizeof supp;

    assert_int_equal(sgx_qv_verify_quote(NULL, n, &ic.c, now, &exp, &r, NULL, ss, s), SGX_QL_ERROR_INVALID_PARAMETER);
    assert_int_equal(sgx_qv_verify_quote(q, 1019, &ic.c, now, &exp, &r, NULL, ss, s), SGX_QL_ERROR_INVALID_PARAMETER);
    assert_int_equal(sgx_qv_verify_quote(q, 0, &ic.c, now, &exp, &r, NULL, ss, s), SGX_QL_ERROR_INVALID_PARAMETER);
    assert_int_equal(sgx_qv_verify_quote(q, n, &ic.c, now, &exp, &r, NULL, ss - 1, s), SGX_QL_ERROR_INVALID_PARAMETER);
    assert_int_equal(sgx_qv_verify_quote(q, n, &ic.c, now, &exp, &r, NULL, ss + 8, s), SGX_QL_ERROR_INVALID_PARAMETER);
    assert_int_equal(sgx_qv_verify_quote(q, n, &ic.c, now, &exp, &r, NULL, ss, NULL), SGX_QL_ERROR_INVALID_PARAMETER);
    assert_int_equal(sgx_qv_verify_quote(q, n, &ic.c, now, &exp, &r, NULL, 0, s), SGX_QL_ERROR_INVALID_PARAMETER);
    assert_int_equal(sgx_qv_verify_quote(q, n, &ic.c, 0, &exp, &r, NULL, ss, s), SGX_QL_ERROR_INVALID_PARAMETER);
    assert_int_equal(sgx_qv_verify_quote(q, n, &ic.c, -1, &exp, &r, NULL, ss, s), SGX_QL_ERROR_INVALID_PARAMETER);
    assert_int_equal(sgx_qv_verify_quote(q, n, &ic.c, now, NULL, &r, NULL, ss, s), SGX_QL_ERROR_INVALID_PARAMETER);
    assert_int_equal(sgx_qv_verify_quote(q, n, &ic.c, now, &exp, NULL, NULL, ss, s), SGX_QL_ERROR_INVALID_PARAMETER);
    assert_int_equal(sgx_qv_verify_quote(q, n, &ic.c, now, &exp, &r, &qve, ss, s), SGX_QL_UNSUPPORTED_MODE);
    assert_int_equal(sgx_qv_verify_quote(q, n, NULL, now, &exp, &r, NULL, ss, s), SGX_QL_PLATFORM_LIB_UNAVAILABLE);
    tee_supp_data_descriptor_t d = { .major_version = 3, .data_size = ss, .p_data = s };
    assert_int_equal(tee_verify_quote(q, n, (const uint8_t *)&ic.c, now, &exp, &r, &qve, &d), SGX_QL_UNSUPPORTED_MODE);
    assert_int_equal(tee_verify_quote(q, 1019, (const uint8_t *)&ic.c, now, &exp, &r, NULL, &d),
                     SGX_QL_ERROR_INVALID_PARAMETER);
    assert_int_equal(tee_verify_quote(q, n, (const uint8_t *)&ic.c, 0, &exp, &r, NULL, &d),
                     SGX_QL_ERROR_INVALID_PARAMETER);
    d.data_size = ss - 1;
    assert_int_equal(tee_verify_quote(q, n, (const uint8_t *)&ic.c, now, &exp, &r, NULL, &d),
                     SGX_QL_ERROR_INVALID_PARAMETER);
    d.data_size = ss;
    d.p_data = NULL;
    assert_int_equal(tee_verify_quote(q, n, (const uint8_t *)&ic.c, now, &exp, &r, NULL, &d),
                     SGX_QL_ERROR_INVALID_PARAMETER);
    d.p_data = s;
    d.major_version = 4;
    assert_int_equal(tee_verify_quote(q, n, (const uint8_t *)&ic.c, now, &exp, &r, NULL, &d),
                     SGX_QL_SUPPLEMENTAL_DATA_VERSION_NOT_SUPPORTED);
    d.major_version = 3;
    assert_int_equal(tee_verify_quote(q, n, (const uint8_t *)&ic.c, now, &exp, &r, NULL, &d), SGX_QL_SUCCESS);

    /* Collateral versions other than 1, 3.0, 3.1 and 4. */
    uint32_t bad_versions[] = { 0, 2, 5, 0x00020003, 0x00010001 };
    for (size_t k = 0; k < sizeof bad_versions / sizeof bad_versions[0]; k++) {
        ic.c.version = bad_versions[k];
        assert_int_equal(sgx_qv_verify_quote(q, n, &ic.c, now, &exp, &r, NULL, ss, s),
                         SGX_QL_COLLATERAL_VERSION_NOT_SUPPORTED);
        assert_int_equal(tee_verify_quote(q, n, (const uint8_t *)&ic.c, now, &exp, &r, NULL, &d),
                         SGX_QL_COLLATERAL_VERSION_NOT_SUPPORTED);
    }
    /* Version 4 names the TEE: TDX collateral for an SGX quote. */
    ic.c.version = QVE_COLLATERAL_VERSION4;
    ic.c.tee_type = 0x81;
    assert_int_equal(sgx_qv_verify_quote(q, n, &ic.c, now, &exp, &r, NULL, ss, s), SGX_QL_TCBINFO_MISMATCH);
    ic.c.tee_type = 0;
    assert_int_equal(sgx_qv_verify_quote(q, n, &ic.c, now, &exp, &r, NULL, ss, s), SGX_QL_SUCCESS);
    ic.c.version = QVE_COLLATERAL_VERSION31;

    /* Failures come back as the engine's codes and results. */
    uint8_t *bad = dup_quote(t, 0);
    bad[OFF_BODY + 64] ^= 1;
    memset(&supp, 0xEE, sizeof supp);
    assert_int_equal(sgx_qv_verify_quote(bad, n, &ic.c, now, &exp, &r, NULL, ss, s), SGX_QL_RESULT_INVALID_SIGNATURE);
    assert_int_equal(r, SGX_QL_QV_RESULT_INVALID_SIGNATURE);
    assert_int_equal(supp.major_version, 0xEEEE); /* untouched on failure */
    bad[OFF_BODY + 64] ^= 1;
    put16(bad + OFF_CERT_TYPE, 7);
    assert_int_equal(tee_verify_quote(bad, n, (const uint8_t *)&ic.c, now, &exp, &r, NULL, &d),
                     SGX_QL_QUOTE_CERTIFICATION_DATA_UNSUPPORTED);
    free(bad);
    intel_coll_free(&ic);
}

/* ---- A6. Intel's synthetic sample ------------------------------------------------------------ */

static void test_synthetic(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    vsgx_qvl_failure_t why;
    vsgx_collateral_t *c = NULL;
    vsgx_trust_anchor_t *root = NULL;
    size_t n;
    uint8_t *q = load(SYNTH "/quote.dat", &n);
    assert_int_equal(n, 1054);
    assert_int_equal(q[OFF_AUTH_LEN], 0); /* no authentication data: the type is at 1014 */
    assert_int_equal(q[OFF_AUTH], 1);
    assert_int_equal(vsgx_collateral_load(SYNTH, &c, &why), SGX_QL_SUCCESS);
    assert_int_equal(vsgx_trust_anchor_load(SYNTH "/trustedRootCaCert.pem", &root, &why), SGX_QL_SUCCESS);
    snprintf(g_what, sizeof g_what, "synthetic sample");

    vsgx_qvl_options_t o = { .time = 1600000000, .trust_anchor = root };
    assert_int_equal(vsgx_qvl_verify(q, n, c, &o, &v), SGX_QL_SUCCESS);
    EXPECT(&v, SGX_QL_SUCCESS, SGX_QL_QV_RESULT_OK, "", -1);
    assert_string_equal(v.status, "UpToDate");
    assert_string_equal(v.qe_status, "UpToDate");
    assert_false(v.collateral_expired);
    assert_false(v.collateral_not_yet_valid);

    o.trust_anchor = NULL;
    assert_int_equal(vsgx_qvl_verify(q, n, c, &o, &v), SGX_QL_PCK_CERT_CHAIN_ERROR);
    EXPECT(&v, SGX_QL_PCK_CERT_CHAIN_ERROR, UNSPEC, "pck_chain.untrusted_root", -1);
    o.trust_anchor = vsgx_trust_anchor_intel();
    assert_int_equal(vsgx_qvl_verify(q, n, c, &o, &v), SGX_QL_PCK_CERT_CHAIN_ERROR);
    assert_string_equal(v.failure.check, "pck_chain.untrusted_root");

    /* The sample's collateral under the real quotes' anchor and the other way round. */
    o.trust_anchor = root;
    verify_with(&g_vec[0], g_vec[0].coll, g_vec[0].quote, g_vec[0].quote_len, 0, &v); /* sanity */
    expect_good(&g_vec[0], &v);
    o.time = g_vec[0].time;
    assert_int_equal(vsgx_qvl_verify(g_vec[0].quote, g_vec[0].quote_len, g_vec[0].coll, &o, &v),
                     SGX_QL_PCK_CERT_CHAIN_ERROR);
    assert_string_equal(v.failure.check, "pck_chain.untrusted_root");

    /* The TDX quote parses, but TDX is not verified. */
    size_t tn;
    uint8_t *tq = load(SYNTH "/tdx/quote.dat", &tn);
    o.time = 1600000000;
    assert_int_equal(vsgx_qvl_verify(tq, tn, c, &o, &v), SGX_QL_QUOTE_FORMAT_UNSUPPORTED);
    EXPECT(&v, SGX_QL_QUOTE_FORMAT_UNSUPPORTED, UNSPEC, "quote.tdx", 4);
    free(tq);

    vsgx_trust_anchor_free(root);
    vsgx_collateral_free(c);
    free(q);
}

/* ---- A7. the cache ----------------------------------------------------------------------------- */

static bool str_eq(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static void same_verdict(const vsgx_qvl_verdict_t *a, const vsgx_qvl_verdict_t *b)
{
    if (a->error != b->error || a->result != b->result || strcmp(a->failure.check, b->failure.check) != 0)
        fail_msg("%s: cached %s \"%s\", uncached %s \"%s\"", g_what, vsgx_quote3_error_name(a->error),
                 a->failure.check, vsgx_quote3_error_name(b->error), b->failure.check);
    assert_int_equal(a->failure.code, b->failure.code);
    assert_string_equal(a->failure.field, b->failure.field);
    assert_int_equal(a->failure.offset, b->failure.offset);
    assert_string_equal(a->failure.message, b->failure.message);
    assert_true(str_eq(a->status, b->status));
    assert_true(str_eq(a->platform_status, b->platform_status));
    assert_true(str_eq(a->qe_status, b->qe_status));
    assert_int_equal(a->advisory_count, b->advisory_count);
    for (size_t i = 0; i < a->advisory_count; i++)
        assert_string_equal(a->advisory_ids[i], b->advisory_ids[i]);
    assert_int_equal(a->collateral_expired, b->collateral_expired);
    assert_int_equal(a->collateral_not_yet_valid, b->collateral_not_yet_valid);
    assert_int_equal(a->earliest_expiration, b->earliest_expiration);
    assert_int_equal(a->earliest_issue, b->earliest_issue);
    assert_int_equal(a->latest_issue, b->latest_issue);
    assert_int_equal(a->tcb_date, b->tcb_date);
    assert_int_equal(a->debug_enclave, b->debug_enclave);
    assert_int_equal(a->rejected_debug, b->rejected_debug);
    assert_memory_equal(&a->supplemental, &b->supplemental, sizeof a->supplemental);
}

static void cached_vs_uncached(vsgx_qvl_ctx_t *ctx, const vec_t *t, const vsgx_collateral_t *c, const uint8_t *q,
                               size_t len, int64_t time)
{
    vsgx_qvl_verdict_t a, b;
    vsgx_qvl_options_t o = { .time = time ? time : t->time };
    vsgx_qvl_ctx_verify(ctx, q, len, c, &o, &a);
    vsgx_qvl_verify(q, len, c, &o, &b);
    same_verdict(&a, &b);
}

static void test_cache(void **state)
{
    (void)state;
    vsgx_qvl_ctx_t *ctx = vsgx_qvl_ctx_new();
    assert_non_null(ctx);
    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < 2; i++) {
            const vec_t *t = &g_vec[i];
            snprintf(g_what, sizeof g_what, "%s: good, round %d", t->dir, round);
            cached_vs_uncached(ctx, t, t->coll, t->quote, t->quote_len, 0);
            cached_vs_uncached(ctx, t, t->coll, t->quote, t->quote_len, t->window_end + 1);
            /* Tampered quotes after the good one was cached. */
            size_t flips[] = { 8, OFF_BODY + 64, OFF_QUOTE_SIG + 3, OFF_ATTEST_KEY + 5, OFF_QE_REPORT + 128,
                               OFF_QE_REPORT_SIG + 1, OFF_AUTH + 1, OFF_CERT_TYPE, OFF_CERT + 3 };
            uint8_t *q = dup_quote(t, 0);
            for (size_t k = 0; k < sizeof flips / sizeof flips[0]; k++) {
                q[flips[k]] ^= 0x01;
                snprintf(g_what, sizeof g_what, "%s: cached, byte %zu", t->dir, flips[k]);
                cached_vs_uncached(ctx, t, t->coll, q, t->quote_len, 0);
                q[flips[k]] ^= 0x01;
            }
            /* A changed leaf certificate (new cache key), and a cut quote. */
            char *ch = (char *)q + OFF_CERT + 28 + 24;
            *ch = *ch == 'A' ? 'B' : 'A';
            cached_vs_uncached(ctx, t, t->coll, q, t->quote_len, 0);
            memcpy(q, t->quote, t->quote_len);
            cached_vs_uncached(ctx, t, t->coll, q, 1000, 0);
            /* The other quote's collateral (trusted in the cache, but not this platform's). */
            cached_vs_uncached(ctx, t, g_vec[1 - i].coll, q, t->quote_len, 0);
            free(q);
        }
    }
    /* Tampered collateral after the good collateral was cached. */
    {
        const vec_t *t = &g_vec[0];
        vsgx_qvl_failure_t why;
        vsgx_collateral_t *c = NULL;
        char *dir = tampered_dir(t, "tcb_info.json", "\"tcbEvaluationDataNumber\":17",
                                 "\"tcbEvaluationDataNumber\":18");
        assert_int_equal(vsgx_collateral_load(dir, &c, &why), SGX_QL_SUCCESS);
        cached_vs_uncached(ctx, t, c, t->quote, t->quote_len, 0);
        vsgx_qvl_verdict_t v;
        vsgx_qvl_options_t o = { .time = t->time };
        vsgx_qvl_ctx_verify(ctx, t->quote, t->quote_len, c, &o, &v);
        EXPECT(&v, SGX_QL_TCBINFO_CHAIN_ERROR, BADSIG, "tcb_info.signature", -1);
        vsgx_collateral_free(c);
        remove_dir(dir);
        cached_vs_uncached(ctx, t, t->coll, t->quote, t->quote_len, 0);
    }
    /* A NULL context is the uncached path. */
    vsgx_qvl_verdict_t v;
    vsgx_qvl_options_t o = { .time = g_vec[0].time };
    assert_int_equal(vsgx_qvl_ctx_verify(NULL, g_vec[0].quote, g_vec[0].quote_len, g_vec[0].coll, &o, &v),
                     SGX_QL_SUCCESS);
    expect_good(&g_vec[0], &v);
    vsgx_qvl_ctx_free(ctx);
    vsgx_qvl_ctx_free(NULL);
}

/* ---- regressions ---------------------------------------------------------------------- */

/* Bytes that are not PEM before, between or after the certificates make the chain malformed:
 * only trailing NULs and whitespace are tolerated. (An earlier parser over OpenSSL's PEM reader
 * skipped non-PEM lines.) */
static void test_pem_junk_refused(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    for (int i = 0; i < 2; i++) {
        const vec_t *t = &g_vec[i];
        size_t cert_len = t->quote_len - OFF_CERT;
        /* The trailing NUL made 0x01, the last newline made 0x0B. */
        verify_flip(t, OFF_CERT + cert_len - 1, 0x01, &v);
        EXPECT(&v, SGX_QL_PCK_CERT_CHAIN_ERROR, UNSPEC, "pck_chain.format", OFF_CERT);
        verify_flip(t, OFF_CERT + cert_len - 2, 0x01, &v);
        EXPECT(&v, SGX_QL_PCK_CERT_CHAIN_ERROR, UNSPEC, "pck_chain.format", OFF_CERT);
        /* A line of text between the leaf and the CA (the sizes adjusted). */
        static const char junk[] = "junk\n";
        size_t jl = sizeof junk - 1;
        const char *pem = (const char *)t->quote + OFF_CERT;
        const char *end = find(pem, cert_len, "-----END CERTIFICATE-----\n", 0);
        assert_non_null(end);
        size_t at = OFF_CERT + (size_t)(end - pem) + 26;
        uint8_t *q = malloc(t->quote_len + jl);
        assert_non_null(q);
        memcpy(q, t->quote, at);
        memcpy(q + at, junk, jl);
        memcpy(q + at + jl, t->quote + at, t->quote_len - at);
        put32(q + OFF_SIG_LEN, (uint32_t)(t->quote_len + jl - OFF_QUOTE_SIG));
        put32(q + OFF_CERT_LEN, (uint32_t)(cert_len + jl));
        snprintf(g_what, sizeof g_what, "%s: a text line between the leaf and the CA", t->dir);
        verify(t, q, t->quote_len + jl, &v);
        free(q);
        EXPECT(&v, SGX_QL_PCK_CERT_CHAIN_ERROR, UNSPEC, "pck_chain.format", OFF_CERT);
    }
}

/* A chain root with the anchor's key and signature bytes but another to-be-signed part (here
 * its serial number) is not the anchor: Intel checks the root's self-signature, vsgx compares
 * the whole certificate with the anchor. (An earlier version compared key and signature only.) */
static void test_root_must_be_the_anchor(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    vsgx_qvl_failure_t why;
    for (int i = 0; i < 2; i++) {
        const vec_t *t = &g_vec[i];
        verify_pem_change(t, 2, 24, &v);
        EXPECT(&v, SGX_QL_PCK_CERT_CHAIN_ERROR, UNSPEC, "pck_chain.untrusted_root", -1);
    }
    /* The same root in the TCB info signing chain. */
    const vec_t *t = &g_vec[0];
    char *dir = tampered_dir(t, NULL, NULL, NULL);
    char path[1024];
    size_t len;
    snprintf(path, sizeof path, "%s/tcb_info_issuer_chain.pem", dir);
    char *pem = (char *)load(path, &len);
    const char *root = find(pem, len, "-----BEGIN CERTIFICATE-----\n", 5);
    assert_non_null(root);
    char *ch = pem + (root - pem) + 28 + 24;
    *ch = *ch == 'A' ? 'B' : 'A';
    write_file(dir, "tcb_info_issuer_chain.pem", pem, len);
    free(pem);
    snprintf(g_what, sizeof g_what, "TCB signing chain root with a changed serial");
    assert_int_equal(verify_dir(t, dir, &v, &why), SGX_QL_SUCCESS);
    EXPECT(&v, SGX_QL_TCBINFO_CHAIN_ERROR, UNSPEC, "collateral.untrusted_root", -1);
    remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_baseline),
        cmocka_unit_test(test_flip_header_and_body),
        cmocka_unit_test(test_flip_signature_data),
        cmocka_unit_test(test_flip_cert_data),
        cmocka_unit_test(test_structure),
        cmocka_unit_test(test_truncations),
        cmocka_unit_test(test_collateral_signed_bytes),
        cmocka_unit_test(test_collateral_signed_bytes_qe),
        cmocka_unit_test(test_collateral_swapped),
        cmocka_unit_test(test_collateral_missing),
        cmocka_unit_test(test_collateral_malformed),
        cmocka_unit_test(test_collateral_trust),
        cmocka_unit_test(test_intel_api),
        cmocka_unit_test(test_intel_api_errors),
        cmocka_unit_test(test_synthetic),
        cmocka_unit_test(test_cache),
        cmocka_unit_test(test_pem_junk_refused),
        cmocka_unit_test(test_root_must_be_the_anchor),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
