/* testpki.c — the test PKI's keys, certificates (with the PCK leaf's SGX extension in DER) and
 * CRLs, and the build that ties them to the JSON and quote of testpki_data.c (see testpki.h). */
#include "testpki.h"
#include "pcs_crl.h"
#include "pck_cert.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

void tpki_die(const char *what)
{
    fprintf(stderr, "testpki: %s failed\n", what);
    ERR_print_errors_fp(stderr);
    abort();
}

#define MUST(x) do { if (!(x)) tpki_die(#x); } while (0)

/* ---- the default spec ------------------------------------------------------------------- */

static const uint8_t QE_MRSIGNER[32] = { 0x8C, 0x4F, 0x57, 0x75, 0xD7, 0x96, 0x50, 0x3E, 0x96, 0x13, 0x7F,
                                         0x77, 0xC6, 0x8A, 0x82, 0x9A, 0x00, 0x56, 0xAC, 0x8D, 0xED, 0x70,
                                         0x14, 0x0B, 0x08, 0x1B, 0x09, 0x44, 0x90, 0xC5, 0x7B, 0xFF };

void tpki_spec_default(tpki_spec_t *s)
{
    static const uint8_t comp[16] = { 5, 5, 3, 3, 1, 1, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
    static const uint8_t fmspc[6] = { 0x00, 0x90, 0x6E, 0xD5, 0x00, 0x00 };
    memset(s, 0, sizeof *s);
    for (int i = 0; i < 16; i++) {
        s->ppid[i] = (uint8_t)(0xA0 + i);
        s->cpusvn[i] = comp[i];
    }
    memcpy(s->comp_svn, comp, 16);
    s->pcesvn = 13;
    memcpy(s->fmspc, fmspc, 6);
    memcpy(s->tcb_fmspc, fmspc, 6);
    s->tcb_eval_num = 17;

    s->tcb_level_count = 3;
    tpki_tcb_level_t *l = s->tcb_levels;
    memcpy(l[0].svn, comp, 16);
    l[0].pcesvn = 13;
    l[0].status = "UpToDate";
    memcpy(l[1].svn, comp, 16);
    l[1].svn[0] = l[1].svn[1] = 4;
    l[1].svn[6] = 0;
    l[1].pcesvn = 11;
    l[1].status = "SWHardeningNeeded";
    l[1].advisories[0] = "INTEL-SA-00615";
    memset(l[2].svn, 2, 4);
    l[2].svn[4] = l[2].svn[5] = 1;
    l[2].pcesvn = 5;
    l[2].status = "OutOfDate";
    l[2].advisories[0] = "INTEL-SA-00289";
    l[2].advisories[1] = "INTEL-SA-00615";

    s->qe_miscselect = 0;
    s->qe_miscselect_mask = 0xFFFFFFFF;
    s->qe_attributes[0] = 0x11;
    s->qe_attributes_mask[0] = 0xFB;
    memset(s->qe_attributes_mask + 1, 0xFF, 7);
    memcpy(s->qe_mrsigner, QE_MRSIGNER, 32);
    s->qe_isvprodid = 1;
    s->qe_eval_num = 17;
    s->qe_level_count = 2;
    s->qe_levels[0] = (tpki_qe_level_t){ .isvsvn = 8, .status = "UpToDate" };
    s->qe_levels[1] = (tpki_qe_level_t){ .isvsvn = 6, .status = "OutOfDate", .advisories = { "INTEL-SA-00615" } };

    /* The application enclave: production, 64-bit. */
    s->app.attributes.flags = SGX_FLAGS_INITTED | SGX_FLAGS_MODE64BIT;
    s->app.attributes.xfrm = 0xE7;
    for (int i = 0; i < 32; i++) {
        s->app.mr_enclave.m[i] = (uint8_t)(0x10 + i);
        s->app.mr_signer.m[i] = (uint8_t)(0x40 + i);
    }
    memcpy(s->app.cpu_svn.svn, comp, 16);
    s->app.isv_prod_id = 7;
    s->app.isv_svn = 3;
    for (int i = 0; i < 64; i++)
        s->app.report_data.d[i] = (uint8_t)i;

    /* The QE: Intel's identity, ISVSVN 8. */
    s->qe.attributes.flags = SGX_FLAGS_INITTED | SGX_FLAGS_MODE64BIT | SGX_FLAGS_PROVISION_KEY;
    s->qe.attributes.xfrm = 0xE7;
    memcpy(s->qe.mr_signer.m, QE_MRSIGNER, 32);
    memset(s->qe.mr_enclave.m, 0x5E, 32);
    memcpy(s->qe.cpu_svn.svn, comp, 16);
    s->qe.isv_prod_id = 1;
    s->qe.isv_svn = 8;
    s->auth_data_len = 32;
}

void tpki_spec_platform(tpki_spec_t *s)
{
    tpki_spec_default(s);
    s->platform_ca = true;
    s->sgx_type = 1;
    for (int i = 0; i < 16; i++)
        s->platform_instance_id[i] = (uint8_t)(0xC0 | i);
}

/* ---- the SGX extension ------------------------------------------------------------- */

typedef struct {
    uint8_t *p;
    size_t len, cap;
} buf_t;

static void put(buf_t *b, const void *data, size_t n)
{
    if (b->len + n > b->cap) {
        b->cap = (b->len + n) * 2 + 64;
        MUST(b->p = realloc(b->p, b->cap));
    }
    memcpy(b->p + b->len, data, n);
    b->len += n;
}

/* The simulated PCS's encoder (src/pcs/pck_cert.c), from the spec's fields. */
static void sgx_extension_der(const tpki_spec_t *s, buf_t *out)
{
    vsgx_pck_ext_t e;
    memset(&e, 0, sizeof e);
    memcpy(e.ppid, s->ppid, 16);
    memcpy(e.comp_svn, s->comp_svn, 16);
    e.pcesvn = s->pcesvn;
    memcpy(e.cpusvn, s->cpusvn, 16);
    memcpy(e.pce_id, s->pce_id, 2);
    memcpy(e.fmspc, s->fmspc, 6);
    e.sgx_type = s->sgx_type;
    e.has_platform_instance_id = e.has_configuration = s->platform_ca;
    memcpy(e.platform_instance_id, s->platform_instance_id, 16);
    e.dynamic_platform = PCK_FLAG_FALSE;
    e.cached_keys = e.smt_enabled = PCK_FLAG_TRUE;
    uint8_t der[1024];
    size_t len;
    MUST(vsgx_pcs_sgx_ext_der(&e, der, sizeof der, &len));
    put(out, der, len);
}

/* ---- certificates ----------------------------------------------------------------------------- */

static X509_NAME *name(const char *cn)
{
    X509_NAME *n = X509_NAME_new();
    MUST(n);
    MUST(X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_ASC, (const unsigned char *)cn, -1, -1, 0));
    MUST(X509_NAME_add_entry_by_txt(n, "O", MBSTRING_ASC, (const unsigned char *)"vsgx Test", -1, -1, 0));
    MUST(X509_NAME_add_entry_by_txt(n, "L", MBSTRING_ASC, (const unsigned char *)"Santa Clara", -1, -1, 0));
    MUST(X509_NAME_add_entry_by_txt(n, "ST", MBSTRING_ASC, (const unsigned char *)"CA", -1, -1, 0));
    MUST(X509_NAME_add_entry_by_txt(n, "C", MBSTRING_ASC, (const unsigned char *)"US", -1, -1, 0));
    return n;
}

static void add_ext(X509 *cert, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, issuer ? issuer : cert, cert, NULL, NULL, 0);
    X509_EXTENSION *e = X509V3_EXT_nconf_nid(NULL, &ctx, nid, value);
    MUST(e);
    MUST(X509_add_ext(cert, e, -1));
    X509_EXTENSION_free(e);
}

static void set_time(ASN1_TIME **t, int64_t when)
{
    *t = ASN1_TIME_set(NULL, (time_t)when);
    MUST(*t);
}

typedef enum { ROLE_ROOT, ROLE_CA, ROLE_LEAF, ROLE_SIGNER } role_t;

/* A certificate for key `key` named cn, issued by issuer (NULL: self-signed) with issuer_key. */
static X509 *make_cert(const char *cn, EVP_PKEY *key, X509 *issuer, EVP_PKEY *issuer_key, long serial,
                       int64_t not_before, int64_t not_after, role_t role, const buf_t *sgx_ext)
{
    X509 *c = X509_new();
    MUST(c);
    MUST(X509_set_version(c, 2));
    MUST(ASN1_INTEGER_set(X509_get_serialNumber(c), serial));
    X509_NAME *subject = name(cn);
    MUST(X509_set_subject_name(c, subject));
    MUST(X509_set_issuer_name(c, issuer ? X509_get_subject_name(issuer) : subject));
    X509_NAME_free(subject);
    ASN1_TIME *nb, *na;
    set_time(&nb, not_before);
    set_time(&na, not_after);
    MUST(X509_set1_notBefore(c, nb) && X509_set1_notAfter(c, na));
    ASN1_TIME_free(nb);
    ASN1_TIME_free(na);
    MUST(X509_set_pubkey(c, key));
    add_ext(c, issuer, NID_subject_key_identifier, "hash");
    add_ext(c, issuer, NID_authority_key_identifier, "keyid:always");
    if (role == ROLE_ROOT || role == ROLE_CA) {
        add_ext(c, issuer, NID_basic_constraints, role == ROLE_ROOT ? "critical,CA:TRUE,pathlen:1"
                                                                     : "critical,CA:TRUE,pathlen:0");
        add_ext(c, issuer, NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        add_ext(c, issuer, NID_basic_constraints, "critical,CA:FALSE");
        add_ext(c, issuer, NID_key_usage, "critical,digitalSignature,nonRepudiation");
    }
    if (sgx_ext) {
        ASN1_OBJECT *oid = OBJ_txt2obj("1.2.840.113741.1.13.1", 1);
        ASN1_OCTET_STRING *os = ASN1_OCTET_STRING_new();
        MUST(oid && os && ASN1_OCTET_STRING_set(os, sgx_ext->p, (int)sgx_ext->len));
        X509_EXTENSION *e = X509_EXTENSION_create_by_OBJ(NULL, oid, 0, os);
        MUST(e && X509_add_ext(c, e, -1));
        X509_EXTENSION_free(e);
        ASN1_OCTET_STRING_free(os);
        ASN1_OBJECT_free(oid);
    }
    MUST(X509_sign(c, issuer_key ? issuer_key : key, EVP_sha256()));
    return c;
}

static char *pem_of(X509 *const *certs, int n)
{
    BIO *bio = BIO_new(BIO_s_mem());
    MUST(bio);
    for (int i = 0; i < n; i++)
        MUST(PEM_write_bio_X509(bio, certs[i]));
    char *data;
    long len = BIO_get_mem_data(bio, &data);
    char *s = malloc((size_t)len + 1);
    MUST(s);
    memcpy(s, data, (size_t)len);
    s[len] = '\0';
    BIO_free(bio);
    return s;
}

/* ---- CRLs ---------------------------------------------------------------------------------------- */

/* A CRL naming `named` as its issuer (AKI from it), signed with `key`, revoking `serials`: the
 * simulated PCS's CRL maker (src/pcs/crl.c). */
static uint8_t *make_crl(X509 *named, EVP_PKEY *key, const long *serials, size_t n, bool number, bool aki,
                         size_t *len)
{
    vsgx_pcs_revoked_t revoked[4];
    MUST(n <= 4);
    for (size_t i = 0; i < n; i++)
        vsgx_pcs_revoked_u64((uint64_t)serials[i], TPKI_T0 - 2 * TPKI_DAY, &revoked[i]);
    vsgx_pcs_crl_params_t p = { .this_update = TPKI_T0 - TPKI_DAY, .next_update = TPKI_T0 + 30 * TPKI_DAY,
                                .crl_number = 42, .no_crl_number = !number, .no_aki = !aki };
    X509_CRL *crl = vsgx_pcs_crl_make(named, key, revoked, n, &p);
    MUST(crl);
    uint8_t *out;
    MUST(vsgx_pcs_crl_der(crl, &out, len));
    X509_CRL_free(crl);
    return out;
}

/* ---- the build ---------------------------------------------------------------------------------- */

enum { SN_ROOT = 0x1001, SN_OTHER_ROOT = 0x1002, SN_CA = 0x2001, SN_OTHER_CA = 0x2002, SN_LEAF = 0x3001,
       SN_TCB = 0x4001, SN_UNRELATED = 0x7777 };

static EVP_PKEY *new_key(void)
{
    EVP_PKEY *k = EVP_EC_gen("P-256");
    MUST(k);
    return k;
}

tpki_t *tpki_build(const tpki_spec_t *s)
{
    tpki_t *t = calloc(1, sizeof *t);
    MUST(t);
    enum { K_ROOT, K_OTHER_ROOT, K_CA, K_OTHER_CA, K_LEAF, K_TCB, K_ATTEST, K_N };
    EVP_PKEY *k[K_N];
    for (int i = 0; i < K_N; i++)
        k[i] = new_key();
    const int64_t nb = TPKI_T0 - 365 * TPKI_DAY, na = TPKI_T0 + 5 * 365 * TPKI_DAY;
    const char *ca_cn = s->platform_ca ? "Intel SGX PCK Platform CA" : "Intel SGX PCK Processor CA";
    const char *other_ca_cn = s->platform_ca ? "Intel SGX PCK Processor CA" : "Intel SGX PCK Platform CA";

    X509 *root =
        make_cert("Intel SGX Root CA", k[K_ROOT], NULL, NULL, SN_ROOT, nb, na + 365 * TPKI_DAY, ROLE_ROOT, NULL);
    X509 *other_root = make_cert("Intel SGX Root CA", k[K_OTHER_ROOT], NULL, NULL, SN_OTHER_ROOT, nb,
                                 na + 365 * TPKI_DAY, ROLE_ROOT, NULL);
    X509 *ca = make_cert(ca_cn, k[K_CA], root, k[K_ROOT], SN_CA, nb, na, ROLE_CA, NULL);
    X509 *ca_other_root = make_cert(ca_cn, k[K_CA], other_root, k[K_OTHER_ROOT], SN_CA, nb, na, ROLE_CA, NULL);
    X509 *other_ca = make_cert(other_ca_cn, k[K_OTHER_CA], root, k[K_ROOT], SN_OTHER_CA, nb, na, ROLE_CA, NULL);
    buf_t ext = { 0 };
    sgx_extension_der(s, &ext);
    X509 *leaf = make_cert("Intel SGX PCK Certificate", k[K_LEAF], ca, k[K_CA], SN_LEAF, nb,
                           s->leaf_not_after ? s->leaf_not_after : TPKI_T0 + 3 * 365 * TPKI_DAY, ROLE_LEAF, &ext);
    free(ext.p);
    X509 *tcb = make_cert("Intel SGX TCB Signing", k[K_TCB], root, k[K_ROOT], SN_TCB, nb, na, ROLE_SIGNER, NULL);
    X509 *tcb_other_root =
        make_cert("Intel SGX TCB Signing", k[K_TCB], other_root, k[K_OTHER_ROOT], SN_TCB, nb, na, ROLE_SIGNER, NULL);

    t->root_pem = pem_of(&root, 1);
    t->other_root_pem = pem_of(&other_root, 1);
    bool o = s->pck_chain_other_root;
    X509 *chain[3] = { leaf, o ? ca_other_root : ca, o ? other_root : root };
    t->pck_chain_pem = pem_of(chain, 3);
    X509 *crl_chain[2] = { s->pck_crl_from_other_ca ? other_ca : ca, root };
    t->pck_crl_issuer_chain = pem_of(crl_chain, 2);
    o = s->tcb_chain_other_root;
    X509 *tcb_chain[2] = { o ? tcb_other_root : tcb, o ? other_root : root };
    t->tcb_info_issuer_chain = pem_of(tcb_chain, 2);
    o = s->qe_chain_other_root;
    X509 *qe_chain[2] = { o ? tcb_other_root : tcb, o ? other_root : root };
    t->qe_identity_issuer_chain = pem_of(qe_chain, 2);

    /* Root CRL: issued by the root (or, as a fault, by the PCK CA). */
    long revoked[3] = { SN_UNRELATED };
    size_t n = 1;
    if (s->revoke_intermediate)
        revoked[n++] = SN_CA;
    if (s->revoke_tcb_signer)
        revoked[n++] = SN_TCB;
    tpki_crl_fault_t f = s->root_crl_fault;
    X509 *named = f == TPKI_CRL_OTHER_ISSUER ? ca : root;
    EVP_PKEY *key = f == TPKI_CRL_OTHER_ISSUER ? k[K_CA] : f == TPKI_CRL_OTHER_KEY ? k[K_OTHER_ROOT] : k[K_ROOT];
    t->root_crl = make_crl(named, key, revoked, n, f != TPKI_CRL_NO_NUMBER, f != TPKI_CRL_NO_AKI, &t->root_crl_len);

    /* PCK CRL: issued by the PCK CA (or the other one). */
    n = 1;
    if (s->revoke_leaf)
        revoked[n++] = SN_LEAF;
    f = s->pck_crl_fault;
    bool other = s->pck_crl_from_other_ca || f == TPKI_CRL_OTHER_ISSUER;
    named = other ? other_ca : ca;
    key = other || f == TPKI_CRL_OTHER_KEY ? k[K_OTHER_CA] : k[K_CA];
    t->pck_crl = make_crl(named, key, revoked, n, f != TPKI_CRL_NO_NUMBER, f != TPKI_CRL_NO_AKI, &t->pck_crl_len);

    tpki_build_json(s, k[K_TCB], t);
    tpki_build_quote(s, k[K_LEAF], k[K_ATTEST], t);

    X509 *all[] = { root, other_root, ca, ca_other_root, other_ca, leaf, tcb, tcb_other_root };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        X509_free(all[i]);
    for (int i = 0; i < K_N; i++)
        EVP_PKEY_free(k[i]);
    return t;
}

void tpki_free(tpki_t *t)
{
    if (!t)
        return;
    free(t->root_pem);
    free(t->other_root_pem);
    free(t->pck_chain_pem);
    free(t->pck_crl_issuer_chain);
    free(t->tcb_info_issuer_chain);
    free(t->qe_identity_issuer_chain);
    free(t->root_crl);
    free(t->pck_crl);
    free(t->tcb_info_inner);
    free(t->qe_identity_inner);
    free(t->tcb_info);
    free(t->qe_identity);
    free(t->quote);
    free(t);
}
