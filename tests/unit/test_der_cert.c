/* test_der_cert.c — the DER reader, PEM decoding, and the certificate and CRL parsers on the
 * real Intel PKI: exact fields, the three CRL encodings, and refusals of every truncation,
 * non-DER length, wrong algorithm and PEM damage. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cert.h"
#include "crl.h"
#include "der.h"
#include "file.h"
#include "hex.h"
#include "pem.h"
#include "timefmt.h"

#define PLATFORM VSGX_VECTORS "/quotes/sgx-v3-platform-ca-2025-08/collateral/"

static uint8_t *load(const char *path, size_t *len)
{
    uint8_t *data = NULL;
    assert_int_equal(vsgx_read_file(path, 1 << 22, &data, len), 0);
    return data;
}

static int64_t at(const char *iso)
{
    int64_t t;
    assert_true(vsgx_time_parse(iso, strlen(iso), &t));
    return t;
}

static void test_intel_root(void **state)
{
    (void)state;
    size_t len;
    uint8_t *der = load(VSGX_VECTORS "/intel/sgx-root-ca.der", &len);
    char msg[96] = "", hex[129];
    vsgx_cert_t *c = vsgx_cert_parse(der, len, msg, sizeof msg);
    assert_non_null(c);
    assert_true(vsgx_bytes_equal(c->issuer, c->subject));
    assert_int_equal(c->subject_cn.len, strlen("Intel SGX Root CA"));
    assert_memory_equal(c->subject_cn.p, "Intel SGX Root CA", c->subject_cn.len);
    assert_true(vsgx_cert_cn_contains(c, "SGX Root CA"));
    assert_false(vsgx_cert_cn_contains(c, "PCK"));
    vsgx_hex_encode(c->serial.p, c->serial.len, hex);
    assert_string_equal(hex, "22650cd65a9d3489f383b49552bf501b392706ac");
    vsgx_hex_encode(c->pubkey, 64, hex);
    assert_string_equal(hex, "0ba9c4c0c0c86193a3fe23d6b02cda10a8bbd4e88e48b4458561a36e705525f5"
                             "67918e2edc88e40d860bd0cc4ee26aacc988e505a953558c453f6b0904ae7394");
    assert_int_equal(c->not_before, at("2018-05-21T10:45:10Z"));
    assert_int_equal(c->not_after, at("2049-12-31T23:59:59Z"));
    assert_true(c->is_ca);
    assert_null(c->sgx_extension.p);
    assert_true(vsgx_cert_signed_by(c, c));
    char name[256];
    vsgx_name_format(c->subject, name, sizeof name);
    assert_string_equal(name, "/CN=Intel SGX Root CA/O=Intel Corporation/L=Santa Clara/ST=CA/C=US");
    vsgx_cert_free(c);

    /* Every truncation is refused; so is a flipped signature (parsing still succeeds). */
    for (size_t n = 0; n < len; n++) {
        vsgx_cert_t *t = vsgx_cert_parse(der, n, msg, sizeof msg);
        assert_null(t);
    }
    der[len - 5] ^= 1;
    c = vsgx_cert_parse(der, len, msg, sizeof msg);
    assert_non_null(c);
    assert_false(vsgx_cert_signed_by(c, c));
    vsgx_cert_free(c);
    free(der);
}

static void test_pem_chain(void **state)
{
    (void)state;
    size_t len;
    uint8_t *pem = load(PLATFORM "pck_crl_issuer_chain.pem", &len);
    vsgx_cert_t *certs[VSGX_MAX_CHAIN];
    assert_int_equal(vsgx_pem_chain_parse((const char *)pem, len, certs, VSGX_MAX_CHAIN), 2);
    assert_true(vsgx_cert_cn_contains(certs[0], "SGX PCK Platform CA"));
    assert_true(vsgx_cert_signed_by(certs[0], certs[1]));
    assert_false(vsgx_cert_signed_by(certs[1], certs[0])); /* wrong issuer name */
    assert_int_equal(certs[0]->serial.len, 21); /* 20 bytes and the sign byte */
    vsgx_chain_free(certs, 2);
    /* At most max certificates. */
    assert_int_equal(vsgx_pem_chain_parse((const char *)pem, len, certs, 1), -1);
    /* Junk before, between or after the blocks, and damaged base64, are refused. */
    char *bad = malloc(len + 8);
    memcpy(bad, "junk\n", 5);
    memcpy(bad + 5, pem, len);
    assert_int_equal(vsgx_pem_chain_parse(bad, len + 5, certs, VSGX_MAX_CHAIN), -1);
    memcpy(bad, pem, len);
    memcpy(bad + len, "x\n", 2);
    assert_int_equal(vsgx_pem_chain_parse(bad, len + 2, certs, VSGX_MAX_CHAIN), -1);
    memcpy(bad, pem, len);
    bad[100] = '*';
    assert_int_equal(vsgx_pem_chain_parse(bad, len, certs, VSGX_MAX_CHAIN), -1);
    /* Trailing whitespace and NULs are fine; nothing at all is zero certificates. */
    memcpy(bad, pem, len);
    memcpy(bad + len, "\n\0\0", 3);
    assert_int_equal(vsgx_pem_chain_parse(bad, len + 3, certs, VSGX_MAX_CHAIN), 2);
    vsgx_chain_free(certs, 2);
    assert_int_equal(vsgx_pem_chain_parse(" \n", 2, certs, VSGX_MAX_CHAIN), 0);
    /* Every truncation of the text: never a crash; two certificates only once the second END
     * line is whole. */
    size_t whole = 0;
    for (size_t i = 0; i + 25 <= len; i++)
        if (memcmp(pem + i, "-----END CERTIFICATE-----", 25) == 0)
            whole = i + 25;
    for (size_t n = 0; n < len; n++) {
        int k = vsgx_pem_chain_parse((const char *)pem, n, certs, VSGX_MAX_CHAIN);
        assert_true(n < whole ? k <= 1 : k == 2);
        if (k > 0)
            vsgx_chain_free(certs, k);
    }
    free(bad);
    free(pem);
}

static void test_crl_encodings(void **state)
{
    (void)state;
    size_t len;
    uint8_t *der = load(PLATFORM "pck_crl.der", &len);
    char msg[96];
    vsgx_crl_t *crl = vsgx_crl_parse(der, len, msg, sizeof msg);
    assert_non_null(crl);
    assert_int_equal(crl->revoked_count, 44);
    assert_true(crl->has_crl_number && crl->has_aki);
    assert_int_equal(crl->crl_number, 1);
    assert_true(vsgx_crl_issuer_cn_contains(crl, "SGX PCK Platform CA"));
    char hex[64];
    vsgx_hex_encode(crl->revoked[0].p, crl->revoked[0].len, hex);
    assert_string_equal(hex, "6fc34e5023e728923435d61aa4b83c618166ad35");

    /* The same CRL as hex text (with the NUL of Intel's structure) and as PEM. */
    char *text = malloc(2 * len + 1);
    vsgx_hex_encode(der, len, text);
    vsgx_crl_t *from_hex = vsgx_crl_parse((const uint8_t *)text, 2 * len + 1, msg, sizeof msg);
    assert_non_null(from_hex);
    assert_int_equal(from_hex->der_len, len);
    assert_memory_equal(from_hex->der, der, len);
    vsgx_crl_free(from_hex);
    free(text);

    /* Every truncation of the DER is refused. */
    for (size_t n = 0; n < len; n++)
        assert_null(vsgx_crl_parse(der, n, msg, sizeof msg));
    vsgx_crl_free(crl);
    free(der);

    der = load(PLATFORM "root_ca_crl.der", &len);
    crl = vsgx_crl_parse(der, len, msg, sizeof msg);
    assert_non_null(crl);
    assert_int_equal(crl->revoked_count, 0);
    assert_int_equal(crl->this_update, at("2025-03-20T11:21:57Z"));
    assert_int_equal(crl->next_update, at("2026-04-03T11:21:57Z"));
    size_t root_len;
    uint8_t *root_der = load(VSGX_VECTORS "/intel/sgx-root-ca.der", &root_len);
    vsgx_cert_t *root = vsgx_cert_parse(root_der, root_len, msg, sizeof msg);
    assert_true(vsgx_crl_signed_by(crl, root));
    assert_false(vsgx_crl_revokes(crl, root));
    vsgx_cert_free(root);
    free(root_der);
    vsgx_crl_free(crl);
    free(der);
}

static void test_der_rules(void **state)
{
    (void)state;
    vsgx_der_t d;
    /* Minimal lengths only. */
    static const uint8_t long_form_small[] = { 0x04, 0x81, 0x05, 1, 2, 3, 4, 5 };
    vsgx_cursor_t c = vsgx_cursor(long_form_small, sizeof long_form_small);
    assert_false(vsgx_der_next(&c, &d));
    assert_int_equal(c.left, sizeof long_form_small); /* nothing consumed on failure */
    static const uint8_t indefinite[] = { 0x30, 0x80, 0x00, 0x00 };
    c = vsgx_cursor(indefinite, sizeof indefinite);
    assert_false(vsgx_der_next(&c, &d));
    static const uint8_t too_long[] = { 0x04, 0x05, 1, 2 };
    c = vsgx_cursor(too_long, sizeof too_long);
    assert_false(vsgx_der_next(&c, &d));
    /* INTEGER: minimal, non-negative. */
    static const uint8_t ints[][4] = { { 0x02, 0x02, 0x00, 0x7F }, { 0x02, 0x01, 0x80, 0 }, { 0x02, 0x02, 0x00, 0x80 } };
    uint64_t v;
    c = vsgx_cursor(ints[0], 4);
    assert_true(vsgx_der_next(&c, &d));
    assert_false(vsgx_der_uint(&d, &v));
    c = vsgx_cursor(ints[1], 3);
    assert_true(vsgx_der_next(&c, &d));
    assert_false(vsgx_der_uint(&d, &v));
    c = vsgx_cursor(ints[2], 4);
    assert_true(vsgx_der_next(&c, &d));
    assert_true(vsgx_der_uint(&d, &v));
    assert_int_equal(v, 128);
    /* Times: UTCTime's century rule, GeneralizedTime, and impossible dates. */
    int64_t t;
    vsgx_der_t utc = { DER_UTC_TIME, NULL, 0, (const uint8_t *)"491231235959Z", 13 };
    assert_true(vsgx_der_time(&utc, &t));
    assert_int_equal(t, at("2049-12-31T23:59:59Z"));
    utc.v = (const uint8_t *)"500101000000Z";
    assert_true(vsgx_der_time(&utc, &t));
    assert_int_equal(t, at("1950-01-01T00:00:00Z"));
    vsgx_der_t gen = { DER_GENERALIZED_TIME, NULL, 0, (const uint8_t *)"20500101000000Z", 15 };
    assert_true(vsgx_der_time(&gen, &t));
    assert_int_equal(t, at("2050-01-01T00:00:00Z"));
    utc.v = (const uint8_t *)"250230000000Z"; /* 30 February */
    assert_false(vsgx_der_time(&utc, &t));
    utc.v = (const uint8_t *)"250101000000+";
    assert_false(vsgx_der_time(&utc, &t));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_intel_root),
        cmocka_unit_test(test_pem_chain),
        cmocka_unit_test(test_crl_encodings),
        cmocka_unit_test(test_der_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
