/* test_dcap_api.c — Intel's API (sgx_dcap_quoteverify.h) over the real quotes: the verdicts
 * and supplemental data for every collateral version, with and without supplemental data
 * and with expired collateral, and its parameter and version errors. The vectors:
 * support/verify_vectors.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "hex.h"
#include "sgx_dcap_quoteverify.h"
#include "verify_vectors.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_intel_api),
        cmocka_unit_test(test_intel_api_errors),
    };
    return cmocka_run_group_tests(tests, vectors_setup, vectors_teardown);
}
