/* test_verify_collateral_tamper.c — the real quotes with changed collateral: signed bytes
 * changed (TCB info, QE identity), the other quote's collateral, missing and malformed files,
 * and damaged CRLs and signing chains, each with the exact failing check. The vectors and
 * the collateral directory helpers: support/verify_vectors.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "verify_vectors.h"

/* ---- A4. collateral ------------------------------------------------------------------------- */

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_collateral_signed_bytes),
        cmocka_unit_test(test_collateral_signed_bytes_qe),
        cmocka_unit_test(test_collateral_swapped),
        cmocka_unit_test(test_collateral_missing),
        cmocka_unit_test(test_collateral_malformed),
        cmocka_unit_test(test_collateral_trust),
    };
    return cmocka_run_group_tests(tests, vectors_setup, vectors_teardown);
}
