/* test_verify_quote_tamper.c — damaged real quotes: a flipped byte in each signed region
 * (header and report body, signature data, the PEM certificate chain), wrong structure
 * fields and sizes, and every truncation, each with the exact failing check and offset.
 * The vectors: support/verify_vectors.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "verify_vectors.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flip_header_and_body),
        cmocka_unit_test(test_flip_signature_data),
        cmocka_unit_test(test_flip_cert_data),
        cmocka_unit_test(test_structure),
        cmocka_unit_test(test_truncations),
    };
    return cmocka_run_group_tests(tests, vectors_setup, vectors_teardown);
}
