/* test_pcs_ca.c — the simulated PCS's CAs and PCK certificates (src/pcs): create/load round
 * trip and refusals of the state directory; PCK certificates from the Processor and Platform
 * CA parsed back with vsgx's own cert.c and pck_ext.c; the chain checked by vsgx's pck_chain
 * code against the simulated root (accepted) and the real Intel root (refused); two TCB levels;
 * the certified key is the PCE's PCK; the encoder re-encodes Intel's real extensions exactly. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "verify.h"
#include "ca.h"
#include "file.h"
#include "pck_cert.h"
#include "scratch_dir.h"

typedef struct {
    char dir[64];
    vsgx_pcs_ca_t *ca;
    vsgx_platform_t platform;
    vsgx_pce_identity_t pce;
    vsgx_tcbm_t tcbm;
} fix_t;

static int setup(void **state)
{
    fix_t *f = calloc(1, sizeof *f);
    assert_non_null(f);
    strcpy(f->dir, "/tmp/vsgx-pcs-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    char err[256] = "";
    assert_int_equal(vsgx_pcs_ca_create(f->dir, 0, &f->ca, err, sizeof err), VSGX_PCS_OK);
    assert_int_equal(vsgx_platform_params_default(&f->platform.params), 0);
    f->platform.params.sgx_type = VSGX_SGX_TYPE_SCALABLE;
    f->platform.params.pce_id = 0x0102;
    for (int i = 0; i < 16; i++)
        f->platform.secrets.rpk[i] = (uint8_t)(0x31 * i + 7);
    memset(f->pce.mr_signer.m, 0xAB, 32);
    f->pce.isv_prod_id = 1;
    f->pce.attributes.flags = SGX_FLAGS_INITTED | SGX_FLAGS_MODE64BIT | SGX_FLAGS_PROVISION_KEY;
    f->pce.attributes.xfrm = SGX_XFRM_LEGACY;
    f->tcbm.cpusvn = f->platform.params.cpusvn;
    f->tcbm.pce_svn = f->platform.params.pce_svn;
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

static X509 *issue(const fix_t *f, vsgx_pcs_ca_role_t role, const vsgx_tcbm_t *tcbm)
{
    X509 *c = NULL;
    char err[256] = "";
    vsgx_pcs_result_t r = vsgx_pcs_pck_issue(f->ca, role, &f->platform.params, f->platform.secrets.rpk, &f->pce,
                                             tcbm, 0, &c, err, sizeof err);
    if (r != VSGX_PCS_OK)
        fail_msg("issue: %s", err);
    assert_non_null(c);
    return c;
}

/* vsgx's own parse of an OpenSSL certificate. */
static vsgx_cert_t *parse(X509 *x)
{
    unsigned char *der = NULL;
    int len = i2d_X509(x, &der);
    assert_true(len > 0);
    char msg[160] = "";
    vsgx_cert_t *c = vsgx_cert_parse(der, (size_t)len, msg, sizeof msg);
    OPENSSL_free(der);
    if (!c)
        fail_msg("vsgx_cert_parse: %s", msg);
    return c;
}

static void test_create_load_round_trip(void **state)
{
    fix_t *f = *state;
    char err[256] = "", path[128];
    vsgx_pcs_ca_t *loaded = NULL;
    assert_int_equal(vsgx_pcs_ca_load(f->dir, &loaded, err, sizeof err), VSGX_PCS_OK);
    for (int i = 0; i < VSGX_PCS_CA_COUNT; i++) {
        assert_int_equal(X509_cmp(f->ca->cert[i], loaded->cert[i]), 0);
        assert_int_equal(EVP_PKEY_eq(f->ca->key[i], loaded->key[i]), 1);
        struct stat st;
        snprintf(path, sizeof path, "%s/%s.key.pem", f->dir, vsgx_pcs_ca_file((vsgx_pcs_ca_role_t)i));
        assert_int_equal(stat(path, &st), 0);
        assert_int_equal(st.st_mode & 0777, 0600);
        /* Names: Intel's CN, the simulation said in O and OU. */
        vsgx_cert_t *c = parse(loaded->cert[i]);
        assert_int_equal(c->subject_cn.len, strlen(vsgx_pcs_ca_cn((vsgx_pcs_ca_role_t)i)));
        assert_memory_equal(c->subject_cn.p, vsgx_pcs_ca_cn((vsgx_pcs_ca_role_t)i), c->subject_cn.len);
        assert_true(vsgx_bytes_contain(c->subject, "vsgx Simulated"));
        /* Every certificate is issued and signed by the root (the root by itself). */
        vsgx_cert_t *root = parse(loaded->cert[VSGX_PCS_ROOT_CA]);
        assert_true(vsgx_cert_signed_by(c, root));
        assert_int_equal(c->is_ca, i != VSGX_PCS_TCB_SIGNING);
        assert_true(c->serial.len >= 19);
        if (i == VSGX_PCS_ROOT_CA)
            assert_int_equal(c->not_after, VSGX_PCS_ROOT_NOT_AFTER);
        else
            assert_true(c->not_after < root->not_after);
        vsgx_cert_free(root);
        vsgx_cert_free(c);
    }
    vsgx_pcs_ca_free(loaded);
    /* Creating again is refused; a key readable by others is refused. */
    assert_int_equal(vsgx_pcs_ca_create(f->dir, 0, NULL, err, sizeof err), VSGX_PCS_EXISTS);
    snprintf(path, sizeof path, "%s/platform-ca.key.pem", f->dir);
    assert_int_equal(chmod(path, 0644), 0);
    assert_int_equal(vsgx_pcs_ca_load(f->dir, &loaded, err, sizeof err), VSGX_PCS_INSECURE);
    assert_non_null(strstr(err, "platform-ca.key.pem"));
    assert_int_equal(chmod(path, 0600), 0);
    snprintf(path, sizeof path, "%s/tcb-signing.cert.pem", f->dir);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(vsgx_pcs_ca_load(f->dir, &loaded, err, sizeof err), VSGX_PCS_NOT_FOUND);
    assert_null(loaded);
}

/* The extension of a certificate issued by role, checked against the platform. */
static void check_extension(const fix_t *f, vsgx_pcs_ca_role_t role)
{
    X509 *x = issue(f, role, &f->tcbm);
    vsgx_cert_t *c = parse(x);
    vsgx_pck_ext_t e;
    char msg[160] = "";
    if (!vsgx_pck_ext_from_cert(c, &e, msg, sizeof msg))
        fail_msg("vsgx_pck_ext_from_cert: %s", msg);
    uint8_t ppid[16];
    assert_int_equal(vsgx_pce_ppid(&f->platform, &f->pce, ppid), SGX_SUCCESS);
    const vsgx_platform_params_t *p = &f->platform.params;
    assert_memory_equal(e.ppid, ppid, 16);
    assert_memory_equal(e.fmspc, p->fmspc, 6);
    assert_int_equal(e.pce_id[0], 0x02);
    assert_int_equal(e.pce_id[1], 0x01);
    assert_int_equal(e.sgx_type, p->sgx_type);
    assert_memory_equal(e.cpusvn, p->cpusvn.svn, 16);
    assert_memory_equal(e.comp_svn, p->cpusvn.svn, 16);
    assert_int_equal(e.pcesvn, p->pce_svn);
    bool platform = role == VSGX_PCS_PLATFORM_CA;
    assert_int_equal(e.has_platform_instance_id, platform);
    assert_int_equal(e.has_configuration, platform);
    if (platform) {
        assert_memory_equal(e.platform_instance_id, p->platform_instance_id, 16);
        assert_int_equal(e.dynamic_platform, PCK_FLAG_FALSE);
        assert_int_equal(e.cached_keys, PCK_FLAG_TRUE);
        assert_int_equal(e.smt_enabled, PCK_FLAG_TRUE);
    }
    assert_true(vsgx_cert_cn_contains(c, "SGX PCK Certificate"));
    assert_false(c->is_ca);
    /* The encoder's DER is the extension's bytes exactly. */
    vsgx_pck_ext_t mine;
    uint8_t der[1024];
    size_t len;
    vsgx_pcs_pck_ext(p, ppid, &f->tcbm, platform, &mine);
    assert_true(vsgx_pcs_sgx_ext_der(&mine, der, sizeof der, &len));
    assert_int_equal(c->sgx_extension.len, len);
    assert_memory_equal(c->sgx_extension.p, der, len);
    assert_false(vsgx_pcs_sgx_ext_der(&mine, der, 100, &len));
    vsgx_cert_free(c);
    X509_free(x);
}

static void test_processor_ca_extension(void **state)
{
    check_extension(*state, VSGX_PCS_PROCESSOR_CA);
}

static void test_platform_ca_extension(void **state)
{
    check_extension(*state, VSGX_PCS_PLATFORM_CA);
}

/* vsgx_pck_check_chain on leaf, intermediate, root with the given anchor. */
static quote3_error_t check_chain(X509 *leaf, X509 *inter, X509 *root, const vsgx_trust_anchor_t *anchor)
{
    vsgx_pck_t p;
    memset(&p, 0, sizeof p);
    p.chain.certs[0] = parse(leaf);
    p.chain.certs[1] = parse(inter);
    p.chain.certs[2] = parse(root);
    p.chain.n = 3;
    p.owns_chain = true;
    vsgx_qvl_failure_t why;
    memset(&why, 0, sizeof why);
    quote3_error_t rc = vsgx_pck_check_chain(&p, anchor, NULL, &why);
    vsgx_pck_free(&p);
    return rc;
}

static void test_chain_verifies(void **state)
{
    fix_t *f = *state;
    X509 *root = f->ca->cert[VSGX_PCS_ROOT_CA];
    char *pem = vsgx_pcs_cert_pem(&root, 1);
    assert_non_null(pem);
    vsgx_trust_anchor_t *anchor = NULL;
    vsgx_qvl_failure_t why;
    assert_int_equal(vsgx_trust_anchor_from_pem(pem, strlen(pem), &anchor, &why), SGX_QL_SUCCESS);
    free(pem);
    for (int r = VSGX_PCS_PROCESSOR_CA; r <= VSGX_PCS_PLATFORM_CA; r++) {
        X509 *leaf = issue(f, (vsgx_pcs_ca_role_t)r, &f->tcbm);
        X509 *inter = f->ca->cert[r], *other = f->ca->cert[r == VSGX_PCS_PLATFORM_CA ? VSGX_PCS_PROCESSOR_CA
                                                                                     : VSGX_PCS_PLATFORM_CA];
        assert_int_equal(check_chain(leaf, inter, root, anchor), SGX_QL_SUCCESS);
        assert_int_equal(check_chain(leaf, inter, root, vsgx_trust_anchor_intel()), SGX_QL_PCK_CERT_CHAIN_ERROR);
        assert_int_equal(check_chain(leaf, other, root, anchor), SGX_QL_PCK_CERT_CHAIN_ERROR);
        X509_free(leaf);
    }
    vsgx_trust_anchor_free(anchor);
}

static void test_two_tcb_levels(void **state)
{
    fix_t *f = *state;
    vsgx_tcbm_t low = f->tcbm;
    low.cpusvn.svn[0] = (uint8_t)(low.cpusvn.svn[0] ? low.cpusvn.svn[0] - 1 : 0);
    low.pce_svn = (uint16_t)(low.pce_svn ? low.pce_svn - 1 : 0);
    assert_memory_not_equal(&low, &f->tcbm, sizeof low);
    X509 *a = issue(f, VSGX_PCS_PROCESSOR_CA, &f->tcbm), *b = issue(f, VSGX_PCS_PROCESSOR_CA, &low);
    vsgx_cert_t *ca = parse(a), *cb = parse(b);
    vsgx_pck_ext_t ea, eb;
    char msg[160];
    assert_true(vsgx_pck_ext_from_cert(ca, &ea, msg, sizeof msg));
    assert_true(vsgx_pck_ext_from_cert(cb, &eb, msg, sizeof msg));
    assert_memory_equal(ea.ppid, eb.ppid, 16);
    assert_memory_equal(eb.cpusvn, low.cpusvn.svn, 16);
    assert_int_equal(eb.pcesvn, low.pce_svn);
    assert_memory_not_equal(ca->pubkey, cb->pubkey, 64);
    assert_false(vsgx_bytes_equal(ca->serial, cb->serial));
    /* Each certifies the PCE's own PCK at that TCBm. */
    const vsgx_tcbm_t *levels[2] = { &f->tcbm, &low };
    X509 *certs[2] = { a, b };
    for (int i = 0; i < 2; i++) {
        vsgx_pck_keypair_t pck;
        assert_int_equal(vsgx_pce_pck(&f->platform, &f->pce, levels[i], &pck), SGX_SUCCESS);
        assert_int_equal(EVP_PKEY_eq(X509_get0_pubkey(certs[i]), pck.pkey), 1);
        vsgx_pck_clear(&pck);
    }
    vsgx_cert_free(ca);
    vsgx_cert_free(cb);
    X509_free(a);
    X509_free(b);
}

/* Intel's own PCK certificates (the real quotes' leaves): parsed and re-encoded, byte for byte. */
static void test_encodes_like_intel(void **state)
{
    (void)state;
    const char *quotes[] = { VSGX_VECTORS "/quotes/sgx-v3-processor-ca-2025-07/quote.bin",
                             VSGX_VECTORS "/quotes/sgx-v3-platform-ca-2025-08/quote.bin" };
    for (int i = 0; i < 2; i++) {
        uint8_t *q;
        size_t len;
        assert_int_equal(vsgx_read_file(quotes[i], 1u << 20, &q, &len), 0);
        const char *pem = memmem(q, len, "-----BEGIN CERTIFICATE-----", 27);
        assert_non_null(pem);
        vsgx_cert_t *chain[VSGX_MAX_CHAIN];
        int n = vsgx_pem_chain_parse(pem, len - (size_t)((const uint8_t *)pem - q), chain, VSGX_MAX_CHAIN);
        assert_int_equal(n, 3);
        vsgx_pck_ext_t e;
        char msg[160];
        assert_true(vsgx_pck_ext_from_cert(chain[0], &e, msg, sizeof msg));
        assert_int_equal(e.has_configuration, i == 1);
        uint8_t der[1024];
        size_t der_len;
        assert_true(vsgx_pcs_sgx_ext_der(&e, der, sizeof der, &der_len));
        assert_int_equal(der_len, chain[0]->sgx_extension.len);
        assert_memory_equal(der, chain[0]->sgx_extension.p, der_len);
        vsgx_chain_free(chain, n);
        free(q);
    }
}

static void test_refuses_other_issuers(void **state)
{
    fix_t *f = *state;
    X509 *c = (X509 *)1;
    char err[128] = "";
    assert_int_equal(vsgx_pcs_pck_issue(f->ca, VSGX_PCS_ROOT_CA, &f->platform.params, f->platform.secrets.rpk,
                                        &f->pce, &f->tcbm, 0, &c, err, sizeof err),
                     VSGX_PCS_INVALID);
    assert_null(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_create_load_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_processor_ca_extension, setup, teardown),
        cmocka_unit_test_setup_teardown(test_platform_ca_extension, setup, teardown),
        cmocka_unit_test_setup_teardown(test_chain_verifies, setup, teardown),
        cmocka_unit_test_setup_teardown(test_two_tcb_levels, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refuses_other_issuers, setup, teardown),
        cmocka_unit_test(test_encodes_like_intel),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
