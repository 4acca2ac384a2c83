/* test_pcs_collateral.c — the simulated PCS's signed collateral (src/pcs crl.c, tcb_info.c,
 * qe_identity.c) checked with vsgx's own QVL: CRLs parsed by crl.c (extensions, dates, revoked
 * serials, issuer signatures); TCB info v3 and v2 and the QE identity parsed back with the exact
 * levels, statuses and advisories; the whole collateral trusted with the simulated root as the
 * anchor and refused with the real Intel root; a flipped byte or a revoked signer refused; and
 * Intel's real TCB info and QE identity re-serialised byte for byte. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "verify.h"
#include "pcs_crl.h"
#include "ca.h"
#include "file.h"
#include "qe_identity.h"
#include "sgx_ql_lib_common.h"
#include "tcb_info.h"
#include "timefmt.h"
#include "scratch_dir.h"

#define DAY INT64_C(86400)
#define NOW INT64_C(1750000000)

typedef struct {
    char dir[64];
    vsgx_pcs_ca_t *ca;
} fix_t;

static int setup(void **state)
{
    fix_t *f = calloc(1, sizeof *f);
    assert_non_null(f);
    strcpy(f->dir, "/tmp/vsgx-pcs-col-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    char err[256] = "";
    assert_int_equal(vsgx_pcs_ca_create(f->dir, NOW, &f->ca, err, sizeof err), VSGX_PCS_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fix_t *f = *state;
    vsgx_pcs_ca_free(f->ca);
    vsgx_test_remove_tree(f->dir);
    free(f);
    return 0;
}

/* ---- descriptions ------------------------------------------------------------------------- */

static const vsgx_pcs_tcb_level_t LEVELS[] = {
    { { 5, 5, 3, 3, 1, 1, 7 }, 13, NOW - 90 * DAY, "UpToDate", { NULL } },
    { { 4, 4, 3, 3, 1, 1, 7 }, 13, NOW - 180 * DAY, "SWHardeningNeeded", { "INTEL-SA-00615" } },
    { { 4, 4, 3, 3, 1, 1 }, 13, NOW - 200 * DAY, "ConfigurationNeeded", { "INTEL-SA-00657" } },
    { { 4, 4, 3, 3 }, 12, NOW - 210 * DAY, "ConfigurationAndSWHardeningNeeded",
      { "INTEL-SA-00657", "INTEL-SA-00767", "INTEL-SA-00615" } },
    { { 3, 3, 2, 2 }, 11, NOW - 300 * DAY, "OutOfDate", { "INTEL-SA-00289" } },
    { { 2, 2, 2, 2 }, 10, NOW - 400 * DAY, "OutOfDateConfigurationNeeded", { "INTEL-SA-00289", "INTEL-SA-00615" } },
    { { 1, 1, 1, 1 }, 5, NOW - 900 * DAY, "Revoked", { "INTEL-SA-00088" } },
};
#define NLEVELS (sizeof LEVELS / sizeof LEVELS[0])

static vsgx_pcs_tcb_info_t tcb_desc(int version)
{
    vsgx_pcs_tcb_info_t t = { .version = version, .fmspc = { 0x00, 0x90, 0x6E, 0xD5, 0x00, 0x00 },
                              .tcb_evaluation_data_number = 17, .issue_date = NOW - DAY,
                              .next_update = NOW + 30 * DAY, .level_count = NLEVELS, .levels = LEVELS };
    t.category[0] = "BIOS";
    t.type[0] = "Early Microcode Update";
    return t;
}

static const vsgx_pcs_qe_level_t QE_LEVELS[] = {
    { 8, NOW - 90 * DAY, "UpToDate", { NULL } },
    { 6, NOW - 400 * DAY, "OutOfDate", { "INTEL-SA-00615" } },
    { 2, NOW - 900 * DAY, "Revoked", { "INTEL-SA-00219", "INTEL-SA-00615" } },
};

static vsgx_pcs_qe_identity_t qe_desc(void)
{
    vsgx_pcs_qe_identity_t q = { .tcb_evaluation_data_number = 17, .issue_date = NOW - DAY,
                                 .next_update = NOW + 30 * DAY, .miscselect = 0, .miscselect_mask = 0xFFFFFFFF,
                                 .isvprodid = 1, .level_count = 3, .levels = QE_LEVELS };
    q.attributes[0] = 0x11;
    q.attributes_mask[0] = 0xFB;
    memset(q.attributes_mask + 1, 0xFF, 7);
    memset(q.mrsigner, 0x8C, 32);
    return q;
}

static void check_advisories(size_t count, const vsgx_advisory_id_t *got, const char *const *want)
{
    size_t n = 0;
    while (n < VSGX_PCS_MAX_ADVISORIES && want[n])
        n++;
    assert_int_equal(count, n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(got[i].id, want[i]);
}

/* ---- CRLs ------------------------------------------------------------------------------------ */

static vsgx_cert_t *qvl_cert(X509 *x)
{
    unsigned char *der = NULL;
    int len = i2d_X509(x, &der);
    assert_true(len > 0);
    vsgx_cert_t *c = vsgx_cert_parse(der, (size_t)len, NULL, 0);
    OPENSSL_free(der);
    assert_non_null(c);
    return c;
}

static vsgx_crl_t *issue_crl(const fix_t *f, vsgx_pcs_ca_role_t role, const vsgx_pcs_revoked_t *r, size_t n,
                             uint64_t number)
{
    vsgx_pcs_crl_params_t p = { .this_update = NOW - DAY, .next_update = NOW + 30 * DAY, .crl_number = number };
    uint8_t *der;
    size_t len;
    char err[256];
    assert_int_equal(vsgx_pcs_crl_issue(f->ca, role, r, n, &p, &der, &len, err, sizeof err), VSGX_PCS_OK);
    vsgx_crl_t *crl = vsgx_crl_parse(der, len, err, sizeof err);
    free(der);
    assert_non_null(crl);
    return crl;
}

static void test_crls(void **state)
{
    fix_t *f = *state;
    vsgx_cert_t *c[VSGX_PCS_CA_COUNT];
    for (int i = 0; i < VSGX_PCS_CA_COUNT; i++)
        c[i] = qvl_cert(f->ca->cert[i]);

    /* The root CA CRL revokes the Processor CA (a 20-byte random serial). */
    vsgx_pcs_revoked_t r[2];
    assert_true(vsgx_pcs_revoked_cert(f->ca->cert[VSGX_PCS_PROCESSOR_CA], NOW - 2 * DAY, &r[0]));
    vsgx_crl_t *root = issue_crl(f, VSGX_PCS_ROOT_CA, r, 1, 7);
    assert_true(root->has_crl_number && root->has_aki);
    assert_int_equal(root->crl_number, 7);
    assert_int_equal(root->this_update, NOW - DAY);
    assert_int_equal(root->next_update, NOW + 30 * DAY);
    assert_int_equal(root->revoked_count, 1);
    assert_true(vsgx_crl_issuer_cn_contains(root, "Intel SGX Root CA"));
    assert_true(vsgx_crl_signed_by(root, c[VSGX_PCS_ROOT_CA]));
    assert_false(vsgx_crl_signed_by(root, c[VSGX_PCS_PROCESSOR_CA]));
    assert_true(vsgx_crl_revokes(root, c[VSGX_PCS_PROCESSOR_CA]));
    assert_false(vsgx_crl_revokes(root, c[VSGX_PCS_PLATFORM_CA]));
    assert_false(vsgx_crl_revokes(root, c[VSGX_PCS_TCB_SIGNING]));

    /* PCK CRLs: the Processor CA's revoking two numeric serials, the Platform CA's none. */
    vsgx_pcs_revoked_u64(0x3001, NOW - 2 * DAY, &r[0]);
    vsgx_pcs_revoked_u64(0x80, NOW - 3 * DAY, &r[1]);
    assert_int_equal(r[1].serial_len, 1);
    vsgx_crl_t *proc = issue_crl(f, VSGX_PCS_PROCESSOR_CA, r, 2, 1);
    assert_int_equal(proc->revoked_count, 2);
    assert_true(vsgx_crl_issuer_cn_contains(proc, "Intel SGX PCK Processor CA"));
    assert_true(vsgx_crl_signed_by(proc, c[VSGX_PCS_PROCESSOR_CA]));
    assert_false(vsgx_crl_signed_by(proc, c[VSGX_PCS_ROOT_CA]));
    vsgx_crl_t *plat = issue_crl(f, VSGX_PCS_PLATFORM_CA, NULL, 0, 1);
    assert_int_equal(plat->revoked_count, 0);
    assert_true(vsgx_crl_signed_by(plat, c[VSGX_PCS_PLATFORM_CA]));
    assert_false(vsgx_crl_signed_by(plat, c[VSGX_PCS_PROCESSOR_CA]));

    /* PEM output parses to the same CRL; the TCB Signing key issues no CRL. */
    vsgx_pcs_crl_params_t p = { .this_update = NOW - DAY, .next_update = NOW + 30 * DAY, .crl_number = 1 };
    X509_CRL *x = vsgx_pcs_crl_make(f->ca->cert[VSGX_PCS_PLATFORM_CA], f->ca->key[VSGX_PCS_PLATFORM_CA], r, 2, &p);
    assert_non_null(x);
    char *pem = vsgx_pcs_crl_pem(x);
    X509_CRL_free(x);
    assert_non_null(pem);
    assert_non_null(strstr(pem, "-----BEGIN X509 CRL-----"));
    vsgx_crl_t *from_pem = vsgx_crl_parse((const uint8_t *)pem, strlen(pem), NULL, 0);
    free(pem);
    assert_non_null(from_pem);
    assert_int_equal(from_pem->revoked_count, 2);
    assert_true(vsgx_crl_signed_by(from_pem, c[VSGX_PCS_PLATFORM_CA]));
    uint8_t *der = NULL;
    size_t len = 0;
    assert_int_equal(vsgx_pcs_crl_issue(f->ca, VSGX_PCS_TCB_SIGNING, NULL, 0, &p, &der, &len, NULL, 0),
                     VSGX_PCS_INVALID);
    assert_null(der);

    vsgx_crl_free(from_pem);
    vsgx_crl_free(plat);
    vsgx_crl_free(proc);
    vsgx_crl_free(root);
    for (int i = 0; i < VSGX_PCS_CA_COUNT; i++)
        vsgx_cert_free(c[i]);
}

/* ---- TCB info and QE identity parsed back ---------------------------------------------------- */

static void check_tcb_info(const vsgx_tcb_info_t *t, int version)
{
    assert_int_equal(t->version, version);
    assert_int_equal(t->id, VSGX_TCB_ID_SGX);
    assert_int_equal(t->issue_date, NOW - DAY);
    assert_int_equal(t->next_update, NOW + 30 * DAY);
    static const uint8_t fmspc[6] = { 0x00, 0x90, 0x6E, 0xD5, 0x00, 0x00 };
    assert_memory_equal(t->fmspc, fmspc, 6);
    assert_int_equal(t->pce_id[0] | t->pce_id[1], 0);
    assert_int_equal(t->tcb_type, 0);
    assert_int_equal(t->tcb_evaluation_data_number, 17);
    assert_int_equal(t->level_count, NLEVELS);
    for (size_t i = 0; i < NLEVELS; i++) {
        const vsgx_tcb_level_t *l = &t->levels[i];
        assert_memory_equal(l->sgx_svn, LEVELS[i].sgx_svn, 16);
        assert_int_equal(l->pcesvn, LEVELS[i].pcesvn);
        assert_int_equal(l->tcb_date, LEVELS[i].tcb_date);
        assert_string_equal(vsgx_tcb_status_name(l->status), LEVELS[i].status);
        check_advisories(l->advisory_count, l->advisories, LEVELS[i].advisories);
    }
}

static void test_tcb_info_versions(void **state)
{
    fix_t *f = *state;
    for (int version = 2; version <= 3; version++) {
        vsgx_pcs_tcb_info_t d = tcb_desc(version);
        char *body, *inner, err[256];
        assert_int_equal(vsgx_pcs_tcb_info_body(f->ca, &d, &body, &inner, err, sizeof err), VSGX_PCS_OK);
        assert_int_equal(strncmp(body, "{\"tcbInfo\":", 11), 0);
        assert_non_null(strstr(body, inner));
        assert_int_equal(strstr(inner, "\"id\":\"SGX\"") != NULL, version == 3);
        assert_int_equal(strstr(inner, "\"sgxtcbcomp01svn\":5") != NULL, version == 2);
        assert_non_null(strstr(inner, "\"fmspc\":\"00906ed50000\""));
        vsgx_tcb_info_t t;
        vsgx_json_error_t je;
        assert_int_equal(vsgx_tcb_info_parse(body, strlen(body), &t, &je), 0);
        check_tcb_info(&t, version);
        assert_int_equal(t.signed_len, strlen(inner));
        assert_memory_equal(t.signed_body, inner, t.signed_len);
        vsgx_tcb_info_free(&t);
        free(body);
        free(inner);
    }
}

static void test_qe_identity(void **state)
{
    fix_t *f = *state;
    vsgx_pcs_qe_identity_t d = qe_desc();
    char *body, *inner;
    assert_int_equal(vsgx_pcs_qe_identity_body(f->ca, &d, &body, &inner, NULL, 0), VSGX_PCS_OK);
    static const char head[] = "{\"enclaveIdentity\":{\"id\":\"QE\",\"version\":2,";
    assert_int_equal(strncmp(body, head, strlen(head)), 0);
    vsgx_enclave_identity_t e;
    vsgx_json_error_t je;
    assert_int_equal(vsgx_enclave_identity_parse(body, strlen(body), &e, &je), 0);
    assert_int_equal(e.id, VSGX_IDENTITY_QE);
    assert_int_equal(e.version, 2);
    assert_int_equal(e.issue_date, NOW - DAY);
    assert_int_equal(e.next_update, NOW + 30 * DAY);
    assert_int_equal(e.tcb_evaluation_data_number, 17);
    assert_int_equal(e.miscselect, 0);
    assert_int_equal(e.miscselect_mask, 0xFFFFFFFF);
    assert_memory_equal(e.attributes, d.attributes, 16);
    assert_memory_equal(e.attributes_mask, d.attributes_mask, 16);
    assert_memory_equal(e.mrsigner, d.mrsigner, 32);
    assert_int_equal(e.isvprodid, 1);
    assert_int_equal(e.level_count, 3);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(e.levels[i].isvsvn, QE_LEVELS[i].isvsvn);
        assert_int_equal(e.levels[i].tcb_date, QE_LEVELS[i].tcb_date);
        assert_string_equal(vsgx_tcb_status_name(e.levels[i].status), QE_LEVELS[i].status);
        check_advisories(e.levels[i].advisory_count, e.levels[i].advisories, QE_LEVELS[i].advisories);
    }
    assert_int_equal(e.signed_len, strlen(inner));
    vsgx_enclave_identity_free(&e);
    free(body);
    free(inner);
}

static void test_invalid_descriptions(void **state)
{
    fix_t *f = *state;
    char *body, *inner;
    vsgx_pcs_tcb_info_t d = tcb_desc(4);
    assert_int_equal(vsgx_pcs_tcb_info_body(f->ca, &d, &body, &inner, NULL, 0), VSGX_PCS_INVALID);
    assert_null(body);
    d = tcb_desc(3);
    d.tcb_type = 1;
    assert_null(vsgx_pcs_tcb_info_json(&d));
    vsgx_pcs_tcb_level_t bad = LEVELS[0];
    bad.status = "Compromised";
    d = tcb_desc(3);
    d.levels = &bad;
    d.level_count = 1;
    assert_null(vsgx_pcs_tcb_info_json(&d));
    vsgx_pcs_qe_level_t qbad = QE_LEVELS[0];
    qbad.status = "uptodate";
    vsgx_pcs_qe_identity_t q = qe_desc();
    q.levels = &qbad;
    q.level_count = 1;
    assert_int_equal(vsgx_pcs_qe_identity_body(f->ca, &q, &body, NULL, NULL, 0), VSGX_PCS_INVALID);
    assert_true(vsgx_pcs_tcb_status_valid("OutOfDateConfigurationNeeded"));
    assert_false(vsgx_pcs_tcb_status_valid(NULL));
}

/* ---- the whole collateral, checked by verify_collateral.c ------------------------------------------ */

typedef struct {
    char *pck_chain, *tcb_chain, *root_pem;
    uint8_t *root_crl, *pck_crl;
    size_t root_crl_len, pck_crl_len;
    char *tcb_info, *qe_identity;
} coll_t;

static void make_collateral(const fix_t *f, bool revoke_tcb_signer, coll_t *c)
{
    vsgx_pcs_revoked_t r[2];
    vsgx_pcs_revoked_u64(0x7777, NOW - 2 * DAY, &r[0]);
    assert_true(vsgx_pcs_revoked_cert(f->ca->cert[VSGX_PCS_TCB_SIGNING], NOW - 2 * DAY, &r[1]));
    vsgx_pcs_crl_params_t p = { .this_update = NOW - DAY, .next_update = NOW + 30 * DAY, .crl_number = 1 };
    assert_int_equal(vsgx_pcs_crl_issue(f->ca, VSGX_PCS_ROOT_CA, r, revoke_tcb_signer ? 2 : 1, &p, &c->root_crl,
                                        &c->root_crl_len, NULL, 0),
                     VSGX_PCS_OK);
    assert_int_equal(vsgx_pcs_crl_issue(f->ca, VSGX_PCS_PLATFORM_CA, r, 1, &p, &c->pck_crl, &c->pck_crl_len, NULL, 0),
                     VSGX_PCS_OK);
    assert_non_null(c->pck_chain = vsgx_pcs_issuer_chain_pem(f->ca, VSGX_PCS_PLATFORM_CA));
    assert_non_null(c->tcb_chain = vsgx_pcs_issuer_chain_pem(f->ca, VSGX_PCS_TCB_SIGNING));
    assert_non_null(c->root_pem = vsgx_pcs_issuer_chain_pem(f->ca, VSGX_PCS_ROOT_CA));
    vsgx_pcs_tcb_info_t t = tcb_desc(3);
    vsgx_pcs_qe_identity_t q = qe_desc();
    assert_int_equal(vsgx_pcs_tcb_info_body(f->ca, &t, &c->tcb_info, NULL, NULL, 0), VSGX_PCS_OK);
    assert_int_equal(vsgx_pcs_qe_identity_body(f->ca, &q, &c->qe_identity, NULL, NULL, 0), VSGX_PCS_OK);
}

static void free_collateral(coll_t *c)
{
    free(c->pck_chain);
    free(c->tcb_chain);
    free(c->root_pem);
    free(c->root_crl);
    free(c->pck_crl);
    free(c->tcb_info);
    free(c->qe_identity);
}

/* Loads c as Intel's structure and checks it against root_pem (NULL: the real Intel root).
 * Returns the check's result; *check receives the failed check's name. */
static quote3_error_t check(const coll_t *c, const char *root_pem, char *check, size_t check_len)
{
    sgx_ql_qve_collateral_t in;
    memset(&in, 0, sizeof in);
    in.version = QVE_COLLATERAL_VERSION31;
    in.pck_crl_issuer_chain = c->pck_chain;
    in.pck_crl_issuer_chain_size = (uint32_t)strlen(c->pck_chain) + 1;
    in.root_ca_crl = (char *)c->root_crl;
    in.root_ca_crl_size = (uint32_t)c->root_crl_len;
    in.pck_crl = (char *)c->pck_crl;
    in.pck_crl_size = (uint32_t)c->pck_crl_len;
    in.tcb_info_issuer_chain = c->tcb_chain;
    in.tcb_info_issuer_chain_size = (uint32_t)strlen(c->tcb_chain) + 1;
    in.tcb_info = c->tcb_info;
    in.tcb_info_size = (uint32_t)strlen(c->tcb_info) + 1;
    in.qe_identity_issuer_chain = c->tcb_chain;
    in.qe_identity_issuer_chain_size = (uint32_t)strlen(c->tcb_chain) + 1;
    in.qe_identity = c->qe_identity;
    in.qe_identity_size = (uint32_t)strlen(c->qe_identity) + 1;
    vsgx_qvl_failure_t why;
    memset(&why, 0, sizeof why);
    vsgx_collateral_t *coll = NULL;
    assert_int_equal(vsgx_collateral_from_intel(&in, &coll, &why), SGX_QL_SUCCESS);
    vsgx_trust_anchor_t *own = NULL;
    if (root_pem)
        assert_int_equal(vsgx_trust_anchor_from_pem(root_pem, strlen(root_pem), &own, &why), SGX_QL_SUCCESS);
    quote3_error_t rc = vsgx_collateral_check(coll, own ? own : vsgx_trust_anchor_intel(), &why);
    snprintf(check, check_len, "%s", rc && why.check ? why.check : "");
    vsgx_trust_anchor_free(own);
    vsgx_collateral_free(coll);
    return rc;
}

static void test_collateral_trust(void **state)
{
    fix_t *f = *state;
    coll_t c = { 0 };
    char what[64];
    make_collateral(f, false, &c);
    assert_int_equal(check(&c, c.root_pem, what, sizeof what), SGX_QL_SUCCESS);
    assert_int_not_equal(check(&c, NULL, what, sizeof what), SGX_QL_SUCCESS);

    /* A flipped byte in the signed tcbInfo (17 -> 18) or enclaveIdentity breaks its signature. */
    char *p = strstr(c.tcb_info, "\"tcbEvaluationDataNumber\":17");
    assert_non_null(p);
    p[strlen("\"tcbEvaluationDataNumber\":1")] = '8';
    assert_int_equal(check(&c, c.root_pem, what, sizeof what), SGX_QL_TCBINFO_CHAIN_ERROR);
    assert_string_equal(what, "tcb_info.signature");
    p[strlen("\"tcbEvaluationDataNumber\":1")] = '7';
    p = strstr(c.qe_identity, "\"isvprodid\":1");
    assert_non_null(p);
    p[strlen("\"isvprodid\":")] = '2';
    assert_int_equal(check(&c, c.root_pem, what, sizeof what), SGX_QL_QEIDENTITY_CHAIN_ERROR);
    assert_string_equal(what, "qe_identity.signature");
    free_collateral(&c);

    /* The TCB Signing certificate revoked by the root CA CRL. */
    memset(&c, 0, sizeof c);
    make_collateral(f, true, &c);
    assert_int_equal(check(&c, c.root_pem, what, sizeof what), SGX_QL_PCK_REVOKED);
    assert_string_equal(what, "collateral.signer_revoked");
    free_collateral(&c);
}

/* ---- Intel's real collateral re-serialised --------------------------------------------------- */

static char *read_text(const char *path, size_t *len)
{
    uint8_t *data;
    assert_int_equal(vsgx_read_file(path, 1 << 20, &data, len), 0);
    return (char *)data;
}

static void roundtrip_real(const char *dir)
{
    char path[512];
    size_t len;
    snprintf(path, sizeof path, "%s/tcb_info.json", dir);
    char *text = read_text(path, &len);
    vsgx_tcb_info_t t;
    vsgx_json_error_t je;
    assert_int_equal(vsgx_tcb_info_parse(text, len, &t, &je), 0);
    json_t *root = json_loadb(text, len, 0, NULL);
    assert_non_null(root);
    json_t *comps = json_object_get(json_array_get(json_object_get(json_object_get(root, "tcbInfo"), "tcbLevels"), 0),
                                    "tcb");
    comps = json_object_get(comps, "sgxtcbcomponents");
    assert_int_equal(json_array_size(comps), 16);

    vsgx_pcs_tcb_level_t *levels = calloc(t.level_count, sizeof *levels);
    assert_non_null(levels);
    vsgx_pcs_tcb_info_t d = { .version = t.version, .tcb_type = t.tcb_type,
                              .tcb_evaluation_data_number = t.tcb_evaluation_data_number,
                              .issue_date = t.issue_date, .next_update = t.next_update,
                              .level_count = t.level_count, .levels = levels };
    memcpy(d.fmspc, t.fmspc, 6);
    memcpy(d.pce_id, t.pce_id, 2);
    d.fmspc_upper = strstr(t.signed_body, "\"fmspc\":\"00606a") == NULL;
    for (size_t c = 0; c < 16; c++) {
        d.category[c] = json_string_value(json_object_get(json_array_get(comps, c), "category"));
        d.type[c] = json_string_value(json_object_get(json_array_get(comps, c), "type"));
    }
    for (size_t i = 0; i < t.level_count; i++) {
        memcpy(levels[i].sgx_svn, t.levels[i].sgx_svn, 16);
        levels[i].pcesvn = t.levels[i].pcesvn;
        levels[i].tcb_date = t.levels[i].tcb_date;
        levels[i].status = vsgx_tcb_status_name(t.levels[i].status);
        assert_true(t.levels[i].advisory_count <= VSGX_PCS_MAX_ADVISORIES);
        for (size_t a = 0; a < t.levels[i].advisory_count; a++)
            levels[i].advisories[a] = t.levels[i].advisories[a].id;
    }
    char *json = vsgx_pcs_tcb_info_json(&d);
    assert_non_null(json);
    assert_int_equal(strlen(json), t.signed_len);
    assert_memory_equal(json, t.signed_body, t.signed_len);
    free(json);
    free(levels);
    json_decref(root);
    vsgx_tcb_info_free(&t);
    free(text);

    snprintf(path, sizeof path, "%s/qe_identity.json", dir);
    text = read_text(path, &len);
    vsgx_enclave_identity_t e;
    assert_int_equal(vsgx_enclave_identity_parse(text, len, &e, &je), 0);
    vsgx_pcs_qe_level_t *ql = calloc(e.level_count, sizeof *ql);
    assert_non_null(ql);
    vsgx_pcs_qe_identity_t q = { .tcb_evaluation_data_number = e.tcb_evaluation_data_number,
                                 .issue_date = e.issue_date, .next_update = e.next_update,
                                 .miscselect = e.miscselect, .miscselect_mask = e.miscselect_mask,
                                 .isvprodid = e.isvprodid, .level_count = e.level_count, .levels = ql };
    memcpy(q.attributes, e.attributes, 16);
    memcpy(q.attributes_mask, e.attributes_mask, 16);
    memcpy(q.mrsigner, e.mrsigner, 32);
    for (size_t i = 0; i < e.level_count; i++) {
        ql[i].isvsvn = e.levels[i].isvsvn;
        ql[i].tcb_date = e.levels[i].tcb_date;
        ql[i].status = vsgx_tcb_status_name(e.levels[i].status);
        assert_true(e.levels[i].advisory_count <= VSGX_PCS_MAX_ADVISORIES);
        for (size_t a = 0; a < e.levels[i].advisory_count; a++)
            ql[i].advisories[a] = e.levels[i].advisories[a].id;
    }
    json = vsgx_pcs_qe_identity_json(&q);
    assert_non_null(json);
    assert_int_equal(strlen(json), e.signed_len);
    assert_memory_equal(json, e.signed_body, e.signed_len);
    free(json);
    free(ql);
    vsgx_enclave_identity_free(&e);
    free(text);
}

static void test_real_shapes(void **state)
{
    (void)state;
    roundtrip_real(VSGX_VECTORS "/quotes/sgx-v3-processor-ca-2025-07/collateral");
    roundtrip_real(VSGX_VECTORS "/quotes/sgx-v3-platform-ca-2025-08/collateral");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_crls, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tcb_info_versions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_qe_identity, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_descriptions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_collateral_trust, setup, teardown),
        cmocka_unit_test(test_real_shapes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
