/* test_pcs_api.c — the simulated PCS's HTTP API as pure request handling (src/pcs/server/
 * pcs_api.h) on a real store (a temporary directory, two platforms with the up-to-date scenario
 * published: one certified by the Processor CA, one by the Platform CA): every endpoint's
 * status, body and headers on the v4 and v3 paths (compared with what the store returns
 * directly, and SGX-TCBm with the platform's own raw TCB), the Platform CA's certificate and
 * chain, a qeid accepted on pckcert, the Request-ID rule, and the refusals: each malformed,
 * duplicated, missing or unknown parameter (400 with its exact reason), unknown FMSPC,
 * platform and path and a raw TCB below every level (404), an encrypted PPID that does not
 * decrypt (400), another method (405), an over-long target (414); none of them changes what is
 * served (compared with a snapshot taken at setup). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "hex.h"
#include "pcs_api.h"
#include "pcs_crl.h"
#include "scenario.h"
#include "store.h"
#include "scratch_dir.h"

#define V4 "/sgx/certification/v4/"
#define V3 "/sgx/certification/v3/"

/* What is served, as it was right after setup (test_state_unchanged compares with it). */
typedef struct {
    char *tcb, *qe, *pck;
    uint8_t *crl[3]; /* root, processor, platform */
    size_t crl_len[3];
} snapshot_t;

/* A platform as a client names it: hex of its encrypted PPID, CPUSVN, PCE SVN and PCE-ID (both
 * little-endian), its FMSPC, and its raw TCB (CPUSVN ‖ PCE SVN LE, upper-case), from the
 * platform itself. */
typedef struct {
    vsgx_platform_t *p;
    vsgx_pcs_platform_t pl;
    char enc[2 * VSGX_PPID_ENC_SIZE + 1], cpusvn[33], pcesvn[5], pceid[5], fmspc[13], tcbm[37];
} client_t;

typedef struct {
    char dir[64], pcs_dir[96], plat_dir[96], plat2_dir[96];
    vsgx_pcs_store_t *s;
    vsgx_platform_t *p;
    vsgx_pcs_platform_t pl;
    char enc[2 * VSGX_PPID_ENC_SIZE + 1], cpusvn[33], pcesvn[5], pceid[5], fmspc[13], tcbm[37];
    client_t platform_ca; /* a second platform, another FMSPC, certified by the Platform CA */
    snapshot_t served;
} fix_t;

static fix_t F;

static void le16_hex(uint16_t v, char out[5])
{
    uint8_t b[2] = { (uint8_t)(v & 0xff), (uint8_t)(v >> 8) };
    vsgx_hex_encode(b, 2, out);
}

/* Makes a platform in dir (fmspc: 12 hex digits, or NULL for the default), registers it with
 * the scenario's CA and publishes the scenario for it; fills c. */
static int make_client(const char *dir, const char *fmspc, const vsgx_pcs_scenario_t *sc, client_t *c, char *err,
                       size_t err_len)
{
    vsgx_platform_params_t pp;
    uint8_t enc[VSGX_PPID_ENC_SIZE];
    if (vsgx_platform_params_default(&pp) != 0 || (fmspc && !vsgx_hex_decode(fmspc, 12, pp.fmspc, 6)) ||
        vsgx_platform_create(dir, &pp, err, err_len) != VSGX_PLATFORM_OK ||
        vsgx_platform_load(dir, &c->p, err, err_len) != VSGX_PLATFORM_OK ||
        vsgx_pcs_store_publish(F.s, sc, c->p, 0, &c->pl, err, err_len) != VSGX_PCS_OK ||
        !vsgx_ppid_encrypt(vsgx_pcs_store_pek(F.s), c->pl.ppid, enc))
        return -1;
    const vsgx_platform_params_t *q = &c->p->params;
    vsgx_hex_encode(enc, sizeof enc, c->enc);
    vsgx_hex_encode(q->cpusvn.svn, 16, c->cpusvn);
    le16_hex(q->pce_svn, c->pcesvn);
    le16_hex(q->pce_id, c->pceid);
    vsgx_hex_encode_upper(q->fmspc, 6, c->fmspc);
    uint8_t raw[18] = { [16] = (uint8_t)(q->pce_svn & 0xff), [17] = (uint8_t)(q->pce_svn >> 8) };
    memcpy(raw, q->cpusvn.svn, 16);
    vsgx_hex_encode_upper(raw, 18, c->tcbm);
    return 0;
}

static int take_snapshot(snapshot_t *v, char *err, size_t err_len)
{
    static const vsgx_pcs_ca_role_t ROLES[3] = { VSGX_PCS_ROOT_CA, VSGX_PCS_PROCESSOR_CA, VSGX_PCS_PLATFORM_CA };
    vsgx_tcbm_t raw = { .cpusvn = F.p->params.cpusvn, .pce_svn = F.p->params.pce_svn }, tcbm;
    if (vsgx_pcs_store_tcb_info(F.s, F.p->params.fmspc, 3, VSGX_PCS_UPDATE_STANDARD, &v->tcb, err, err_len) ||
        vsgx_pcs_store_identity(F.s, "QE", VSGX_PCS_UPDATE_STANDARD, &v->qe, err, err_len) ||
        vsgx_pcs_store_pck_cert(F.s, &F.pl, &raw, &v->pck, &tcbm, err, err_len))
        return -1;
    for (int i = 0; i < 3; i++)
        if (vsgx_pcs_store_crl(F.s, ROLES[i], &v->crl[i], &v->crl_len[i], err, err_len))
            return -1;
    return 0;
}

static int group_setup(void **state)
{
    (void)state;
    char err[512] = "";
    vsgx_pcs_scenario_t sc;
    client_t c = { 0 };
    strcpy(F.dir, "/tmp/vsgx-pcs-api-XXXXXX");
    if (!mkdtemp(F.dir))
        return -1;
    snprintf(F.pcs_dir, sizeof F.pcs_dir, "%s/pcs", F.dir);
    snprintf(F.plat_dir, sizeof F.plat_dir, "%s/platform", F.dir);
    snprintf(F.plat2_dir, sizeof F.plat2_dir, "%s/platform2", F.dir);
    /* The second platform first: the last scenario applied sets the CRLs and identities. */
    if (vsgx_pcs_store_open(F.pcs_dir, true, &F.s, err, sizeof err) != VSGX_PCS_OK ||
        vsgx_pcs_scenario_load("up-to-date", &sc, err, sizeof err) != VSGX_PCS_OK ||
        (sc.ca = VSGX_PCS_PLATFORM_CA, make_client(F.plat2_dir, "00A067110000", &sc, &F.platform_ca, err, sizeof err)) ||
        (sc.ca = VSGX_PCS_PROCESSOR_CA, make_client(F.plat_dir, NULL, &sc, &c, err, sizeof err)) ||
        (F.p = c.p, F.pl = c.pl, take_snapshot(&F.served, err, sizeof err))) {
        fprintf(stderr, "setup: %s\n", err);
        return -1;
    }
    memcpy(F.enc, c.enc, sizeof F.enc);
    memcpy(F.cpusvn, c.cpusvn, sizeof F.cpusvn);
    memcpy(F.pcesvn, c.pcesvn, sizeof F.pcesvn);
    memcpy(F.pceid, c.pceid, sizeof F.pceid);
    memcpy(F.fmspc, c.fmspc, sizeof F.fmspc);
    memcpy(F.tcbm, c.tcbm, sizeof F.tcbm);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    vsgx_pcs_store_close(F.s);
    vsgx_platform_free(F.p);
    vsgx_platform_free(F.platform_ca.p);
    free(F.served.tcb);
    free(F.served.qe);
    free(F.served.pck);
    for (int i = 0; i < 3; i++)
        free(F.served.crl[i]);
    vsgx_test_remove_tree(F.dir);
    return 0;
}

/* GET of a printf-formatted target through vsgx_pcs_api_handle_uri. */
static unsigned get(vsgx_pcs_response_t *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static unsigned get(vsgx_pcs_response_t *r, const char *fmt, ...)
{
    char uri[2048];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(uri, sizeof uri, fmt, ap);
    va_end(ap);
    assert_true(n > 0 && (size_t)n < sizeof uri);
    return vsgx_pcs_api_handle_uri(F.s, "GET", uri, (size_t)n, NULL, r);
}

static const char *header(const vsgx_pcs_response_t *r, const char *name)
{
    const char *v = vsgx_pcs_response_header(r, name);
    if (!v)
        fail_msg("no header %s", name);
    return v;
}

static void assert_body(const vsgx_pcs_response_t *r, const void *data, size_t len)
{
    assert_int_equal(r->body_len, len);
    assert_memory_equal(r->body, data, len);
}

/* The URL-decoded value of a header (new string). */
static char *url_decode(const char *s)
{
    char *out = malloc(strlen(s) + 1), *w = out;
    assert_non_null(out);
    for (; *s; s++) {
        if (*s == '%') {
            uint8_t b;
            assert_true(vsgx_hex_decode(s + 1, 2, &b, 1));
            *w++ = (char)b;
            s += 2;
        } else {
            assert_non_null(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~", *s));
            *w++ = *s;
        }
    }
    *w = '\0';
    return out;
}

static void assert_chain(const vsgx_pcs_response_t *r, const char *name, vsgx_pcs_ca_role_t role)
{
    char *want = vsgx_pcs_issuer_chain_pem(vsgx_pcs_store_ca(F.s), role), *got = url_decode(header(r, name));
    assert_non_null(want);
    assert_string_equal(got, want);
    free(want);
    free(got);
}

static void assert_request_id_fresh(const vsgx_pcs_response_t *r)
{
    const char *id = header(r, "Request-ID");
    uint8_t raw[16];
    assert_int_equal(strlen(id), 32);
    assert_true(vsgx_hex_decode(id, 32, raw, sizeof raw));
}

static void test_pckcert(void **state)
{
    (void)state;
    vsgx_pcs_response_t r;
    for (int v = 3; v <= 4; v++) {
        assert_int_equal(get(&r, "/sgx/certification/v%d/pckcert?encrypted_ppid=%s&cpusvn=%s&pcesvn=%s&pceid=%s", v,
                             F.enc, F.cpusvn, F.pcesvn, F.pceid),
                         200);
        /* The certificate the store gives for this raw TCB, at its TCB level. */
        vsgx_tcbm_t raw = { .cpusvn = F.p->params.cpusvn, .pce_svn = F.p->params.pce_svn }, tcbm;
        char err[256] = "", *pem = NULL;
        assert_int_equal(vsgx_pcs_store_pck_cert(F.s, &F.pl, &raw, &pem, &tcbm, err, sizeof err), VSGX_PCS_OK);
        assert_string_equal(r.content_type, "application/x-pem-file");
        assert_body(&r, pem, strlen(pem));
        BIO *bio = BIO_new_mem_buf(r.body, (int)r.body_len);
        X509 *cert = PEM_read_bio_X509(bio, NULL, NULL, NULL);
        assert_non_null(cert);
        assert_int_equal(X509_NAME_cmp(X509_get_issuer_name(cert),
                                       X509_get_subject_name(vsgx_pcs_store_ca(F.s)->cert[VSGX_PCS_PROCESSOR_CA])),
                         0);
        X509_free(cert);
        BIO_free(bio);
        /* up-to-date: the platform's own TCB is a level, so TCBm is its raw TCB. */
        assert_string_equal(header(&r, "SGX-TCBm"), F.tcbm);
        assert_string_equal(header(&r, "SGX-FMSPC"), F.fmspc);
        assert_string_equal(header(&r, "SGX-PCK-Certificate-CA-Type"), "PROCESSOR");
        assert_chain(&r, "SGX-PCK-Certificate-Issuer-Chain", VSGX_PCS_PROCESSOR_CA);
        assert_request_id_fresh(&r);
        free(pem);
        vsgx_pcs_response_free(&r);
    }
}

static void test_pckcerts(void **state)
{
    (void)state;
    vsgx_pcs_response_t r;
    for (int v = 3; v <= 4; v++) {
        assert_int_equal(get(&r, "/sgx/certification/v%d/pckcerts?encrypted_ppid=%s&pceid=%s", v, F.enc, F.pceid), 200);
        char err[256] = "", *want = NULL;
        assert_int_equal(vsgx_pcs_store_pck_certs(F.s, &F.pl, v, &want, err, sizeof err), VSGX_PCS_OK);
        assert_string_equal(r.content_type, "application/json");
        assert_body(&r, want, strlen(want));
        json_t *doc = json_loadb((const char *)r.body, r.body_len, 0, NULL);
        assert_true(json_is_array(doc) && json_array_size(doc) > 0);
        json_t *tcb = json_object_get(json_array_get(doc, 0), "tcb");
        assert_non_null(json_object_get(tcb, v == 4 ? "sgxtcbcomponents" : "sgxtcbcomp01svn"));
        assert_non_null(json_object_get(json_array_get(doc, 0), "cert"));
        /* Best first: the platform's own TCB (up-to-date's best level). */
        assert_string_equal(json_string_value(json_object_get(json_array_get(doc, 0), "tcbm")), F.tcbm);
        json_decref(doc);
        assert_string_equal(header(&r, "SGX-FMSPC"), F.fmspc);
        assert_string_equal(header(&r, "SGX-PCK-Certificate-CA-Type"), "PROCESSOR");
        assert_chain(&r, "SGX-PCK-Certificate-Issuer-Chain", VSGX_PCS_PROCESSOR_CA);
        assert_null(vsgx_pcs_response_header(&r, "SGX-TCBm"));
        free(want);
        vsgx_pcs_response_free(&r);
    }
}

/* A platform certified by the Platform CA: its certificate, type and chain. */
static void test_pckcert_platform_ca(void **state)
{
    (void)state;
    const client_t *c = &F.platform_ca;
    vsgx_pcs_response_t r;
    assert_int_equal(get(&r, V4 "pckcert?encrypted_ppid=%s&cpusvn=%s&pcesvn=%s&pceid=%s", c->enc, c->cpusvn, c->pcesvn,
                         c->pceid),
                     200);
    BIO *bio = BIO_new_mem_buf(r.body, (int)r.body_len);
    X509 *cert = PEM_read_bio_X509(bio, NULL, NULL, NULL);
    assert_non_null(cert);
    const vsgx_pcs_ca_t *ca = vsgx_pcs_store_ca(F.s);
    assert_int_equal(X509_verify(cert, X509_get0_pubkey(ca->cert[VSGX_PCS_PLATFORM_CA])), 1);
    X509_free(cert);
    BIO_free(bio);
    assert_string_equal(header(&r, "SGX-PCK-Certificate-CA-Type"), "PLATFORM");
    assert_chain(&r, "SGX-PCK-Certificate-Issuer-Chain", VSGX_PCS_PLATFORM_CA);
    assert_string_equal(header(&r, "SGX-TCBm"), c->tcbm);
    assert_string_equal(header(&r, "SGX-FMSPC"), "00A067110000");
    vsgx_pcs_response_free(&r);
    assert_int_equal(get(&r, V3 "pckcerts?encrypted_ppid=%s&pceid=%s", c->enc, c->pceid), 200);
    assert_string_equal(header(&r, "SGX-PCK-Certificate-CA-Type"), "PLATFORM");
    assert_chain(&r, "SGX-PCK-Certificate-Issuer-Chain", VSGX_PCS_PLATFORM_CA);
    vsgx_pcs_response_free(&r);
}

/* A raw TCB below every published level: no certificate (404). */
static void test_pckcert_below_levels(void **state)
{
    (void)state;
    vsgx_pcs_response_t r;
    get(&r, V4 "pckcert?encrypted_ppid=%s&cpusvn=%s&pcesvn=%s&pceid=%s", F.enc, "00000000000000000000000000000000",
        "0000", F.pceid);
    assert_int_equal(r.status, 404);
    assert_string_equal(header(&r, "Error-Code"), "NotFound");
    assert_non_null(strstr(header(&r, "Error-Message"), "no TCB level"));
    vsgx_pcs_response_free(&r);
}

/* qeid, as Intel's QCNL sends it: 1 to 260 hex digits, otherwise not used. */
static void test_pckcert_qeid(void **state)
{
    (void)state;
    char qeid[262];
    memset(qeid, 'a', 260);
    qeid[260] = '\0';
    const char *ok[] = { "00", "0123456789ABCDEFabcdef0123456789", qeid };
    for (size_t i = 0; i < 3; i++) {
        vsgx_pcs_response_t r;
        assert_int_equal(get(&r, V4 "pckcert?qeid=%s&encrypted_ppid=%s&cpusvn=%s&pcesvn=%s&pceid=%s", ok[i], F.enc,
                             F.cpusvn, F.pcesvn, F.pceid),
                         200);
        assert_string_equal(header(&r, "SGX-TCBm"), F.tcbm);
        vsgx_pcs_response_free(&r);
    }
}

static void test_tcb(void **state)
{
    (void)state;
    vsgx_pcs_response_t r;
    static const char *const updates[] = { "", "&update=standard", "&update=early" };
    for (int v = 3; v <= 4; v++)
        for (int u = 0; u < 3; u++) {
            assert_int_equal(get(&r, "/sgx/certification/v%d/tcb?fmspc=%s%s", v, F.fmspc, updates[u]), 200);
            char err[256] = "", *want = NULL;
            assert_int_equal(vsgx_pcs_store_tcb_info(F.s, F.p->params.fmspc, v == 4 ? 3 : 2,
                                                     u == 2 ? VSGX_PCS_UPDATE_EARLY : VSGX_PCS_UPDATE_STANDARD, &want,
                                                     err, sizeof err),
                             VSGX_PCS_OK);
            assert_body(&r, want, strlen(want));
            assert_string_equal(r.content_type, "application/json");
            json_t *doc = json_loadb((const char *)r.body, r.body_len, 0, NULL);
            json_t *info = json_object_get(doc, "tcbInfo");
            assert_int_equal(json_integer_value(json_object_get(info, "version")), v == 4 ? 3 : 2);
            assert_true(strcasecmp(json_string_value(json_object_get(info, "fmspc")), F.fmspc) == 0);
            json_decref(doc);
            assert_chain(&r, v == 4 ? "TCB-Info-Issuer-Chain" : "SGX-TCB-Info-Issuer-Chain", VSGX_PCS_TCB_SIGNING);
            assert_null(vsgx_pcs_response_header(&r, v == 4 ? "SGX-TCB-Info-Issuer-Chain" : "TCB-Info-Issuer-Chain"));
            free(want);
            vsgx_pcs_response_free(&r);
        }
    /* Lower-case and %-escaped hex are hex too. */
    char lower[13];
    vsgx_hex_encode(F.p->params.fmspc, 6, lower);
    assert_int_equal(get(&r, V4 "tcb?fmspc=%s", lower), 200);
    vsgx_pcs_response_free(&r);
    assert_int_equal(get(&r, V4 "tcb?fmspc=%%%02X%s", F.fmspc[0], F.fmspc + 1), 200);
    vsgx_pcs_response_free(&r);
}

static void test_identities(void **state)
{
    (void)state;
    vsgx_pcs_response_t r;
    static const char *const paths[] = { V4 "qe/identity", V4 "qve/identity?update=early", V3 "qe/identity?update=standard",
                                         V3 "qve/identity" };
    for (int i = 0; i < 4; i++) {
        assert_int_equal(get(&r, "%s", paths[i]), 200);
        const char *id = i % 2 ? "QVE" : "QE";
        char err[256] = "", *want = NULL;
        assert_int_equal(vsgx_pcs_store_identity(F.s, id, i == 1 ? VSGX_PCS_UPDATE_EARLY : VSGX_PCS_UPDATE_STANDARD,
                                                 &want, err, sizeof err),
                         VSGX_PCS_OK);
        assert_body(&r, want, strlen(want));
        json_t *doc = json_loadb((const char *)r.body, r.body_len, 0, NULL);
        assert_string_equal(json_string_value(json_object_get(json_object_get(doc, "enclaveIdentity"), "id")), id);
        json_decref(doc);
        assert_chain(&r, "SGX-Enclave-Identity-Issuer-Chain", VSGX_PCS_TCB_SIGNING);
        free(want);
        vsgx_pcs_response_free(&r);
    }
}

static void test_crls(void **state)
{
    (void)state;
    vsgx_pcs_response_t r;
    uint8_t *der = NULL;
    size_t len = 0;
    char err[256] = "";
    assert_int_equal(vsgx_pcs_store_crl(F.s, VSGX_PCS_PROCESSOR_CA, &der, &len, err, sizeof err), VSGX_PCS_OK);
    /* PEM by default, DER on request; the certificates' CRL distribution point works. */
    assert_int_equal(get(&r, V4 "pckcrl?ca=processor"), 200);
    assert_string_equal(r.content_type, "application/x-pem-file");
    assert_true(r.body_len > 24 && !memcmp(r.body, "-----BEGIN X509 CRL-----", 24));
    BIO *bio = BIO_new_mem_buf(r.body, (int)r.body_len);
    X509_CRL *crl = PEM_read_bio_X509_CRL(bio, NULL, NULL, NULL);
    assert_non_null(crl);
    unsigned char *re = NULL;
    int re_len = i2d_X509_CRL(crl, &re);
    assert_int_equal(re_len, (int)len);
    assert_memory_equal(re, der, len);
    OPENSSL_free(re);
    X509_CRL_free(crl);
    BIO_free(bio);
    assert_chain(&r, "SGX-PCK-CRL-Issuer-Chain", VSGX_PCS_PROCESSOR_CA);
    vsgx_pcs_response_free(&r);
    const char *cdp = strstr(VSGX_PCS_CRL_BASE, "/sgx/");
    assert_non_null(cdp);
    assert_int_equal(get(&r, "%s/pckcrl?ca=processor&encoding=der", cdp), 200);
    assert_string_equal(r.content_type, "application/pkix-crl");
    assert_body(&r, der, len);
    vsgx_pcs_response_free(&r);
    assert_int_equal(get(&r, V3 "pckcrl?encoding=pem&ca=processor"), 200);
    vsgx_pcs_response_free(&r);
    free(der);
    /* The Platform CA's, with its own issuer chain. */
    assert_int_equal(vsgx_pcs_store_crl(F.s, VSGX_PCS_PLATFORM_CA, &der, &len, err, sizeof err), VSGX_PCS_OK);
    assert_int_equal(get(&r, V4 "pckcrl?ca=platform&encoding=der"), 200);
    assert_body(&r, der, len);
    assert_chain(&r, "SGX-PCK-CRL-Issuer-Chain", VSGX_PCS_PLATFORM_CA);
    vsgx_pcs_response_free(&r);
    free(der);
    /* The root CA CRL, DER, at the root's distribution point. */
    assert_int_equal(vsgx_pcs_store_crl(F.s, VSGX_PCS_ROOT_CA, &der, &len, err, sizeof err), VSGX_PCS_OK);
    assert_int_equal(get(&r, "%s/rootcacrl", cdp), 200);
    assert_string_equal(r.content_type, "application/pkix-crl");
    assert_body(&r, der, len);
    vsgx_pcs_response_free(&r);
    assert_int_equal(get(&r, V3 "rootcacrl"), 200);
    assert_body(&r, der, len);
    vsgx_pcs_response_free(&r);
    free(der);
}

static void test_request_id(void **state)
{
    (void)state;
    vsgx_pcs_response_t r;
    static const char *const good[] = { "a", "abc-DEF-0123", "0123456789012345678901234567890123456789012345678901234567890123" };
    static const char *const bad[] = { "", "a b", "a_b", "abc\r\nX: y", "01234567890123456789012345678901234567890123456789012345678901234" };
    const char uri[] = V4 "qe/identity";
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(vsgx_pcs_api_handle_uri(F.s, "GET", uri, strlen(uri), good[i], &r), 200);
        assert_string_equal(header(&r, "Request-ID"), good[i]);
        vsgx_pcs_response_free(&r);
    }
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(vsgx_pcs_api_handle_uri(F.s, "GET", uri, strlen(uri), bad[i], &r), 200);
        assert_request_id_fresh(&r);
        vsgx_pcs_response_free(&r);
    }
    /* Errors carry one too. */
    assert_int_equal(vsgx_pcs_api_handle_uri(F.s, "GET", "/x", 2, "req-1", &r), 404);
    assert_string_equal(header(&r, "Request-ID"), "req-1");
    vsgx_pcs_response_free(&r);
}

/* uri → 400 with exactly this reason (Error-Message and body). */
static void expect_400(const char *uri, const char *reason)
{
    vsgx_pcs_response_t r;
    unsigned status = vsgx_pcs_api_handle_uri(F.s, "GET", uri, strlen(uri), NULL, &r);
    if (status != 400)
        fail_msg("%s: status %u, expected 400", uri, status);
    assert_string_equal(header(&r, "Error-Code"), "InvalidRequestSyntax");
    assert_string_equal(header(&r, "Error-Message"), reason);
    assert_string_equal(r.content_type, "text/plain");
    assert_body(&r, reason, strlen(reason));
    assert_request_id_fresh(&r);
    vsgx_pcs_response_free(&r);
}

static void test_bad_parameters(void **state)
{
    (void)state;
    char uri[2048], ok[13], enc_short[768], bad_hex[769];
    strcpy(ok, F.fmspc);
#define U(...) (snprintf(uri, sizeof uri, __VA_ARGS__), uri)
    expect_400(U(V4 "tcb?fmspc=%.11s", ok), "Invalid parameter 'fmspc': expected 12 hexadecimal digits, got 11");
    expect_400(U(V4 "tcb?fmspc=%s0", ok), "Invalid parameter 'fmspc': expected 12 hexadecimal digits, got 13");
    expect_400(U(V4 "tcb?fmspc="), "Invalid parameter 'fmspc': expected 12 hexadecimal digits, got 0");
    expect_400(U(V4 "tcb?fmspc=%.11sg", ok), "Invalid parameter 'fmspc': character 12 is not a hexadecimal digit");
    expect_400(U(V4 "tcb?fmspc=%%20%.10s", ok), "Invalid parameter 'fmspc': expected 12 hexadecimal digits, got 11");
    expect_400(U(V4 "tcb?fmspc=%s&fmspc=%s", ok, ok), "Duplicate parameter 'fmspc'");
    expect_400(U(V4 "tcb?fmspc=%s&update=early&update=early", ok), "Duplicate parameter 'update'");
    expect_400(U(V4 "tcb"), "Missing parameter 'fmspc'");
    expect_400(U(V4 "tcb?update=early"), "Missing parameter 'fmspc'");
    expect_400(U(V4 "tcb?fmspc"), "Invalid parameter 'fmspc': no value");
    expect_400(U(V4 "tcb?fmspc=%s&foo=1", ok), "Unknown parameter 'foo'");
    expect_400(U(V4 "tcb?FMSPC=%s", ok), "Unknown parameter 'FMSPC'");
    expect_400(U(V4 "tcb?fmspc=%s&update=late", ok), "Invalid parameter 'update': expected early or standard");
    expect_400(U(V4 "tcb?fmspc=%s&update=EARLY", ok), "Invalid parameter 'update': expected early or standard");
    expect_400(U(V4 "tcb?fmspc=%s&", ok), "Invalid query: parameter 2 has no name");
    expect_400(U(V4 "tcb?&fmspc=%s", ok), "Invalid query: parameter 1 has no name");
    expect_400(U(V4 "tcb?=x"), "Invalid query: parameter 1 has no name");
    expect_400(U(V4 "tcb?fmspc=%%zz"), "Invalid query: parameter 1 has a malformed %-escape");
    expect_400(U(V4 "tcb?fmspc=%%0"), "Invalid query: parameter 1 has a malformed %-escape");
    expect_400(U(V4 "tcb?fmspc=%%00"), "Invalid query: parameter 1 has a malformed %-escape");
    expect_400(U(V4 "tcb?a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9&j=10&k=11&l=12&m=13&n=14&o=15&p=16&q=17"),
               "Invalid query: more than 16 parameters");
    expect_400(U(V4 "tcb?%%0d%%0aX-Evil:%%20yes=1"), "Unknown parameter '??X-Evil: yes'");
    expect_400(U(V4 "qe/identity?update=now"), "Invalid parameter 'update': expected early or standard");
    expect_400(U(V3 "qve/identity?fmspc=%s", ok), "Unknown parameter 'fmspc'");
    expect_400(U(V4 "pckcrl"), "Missing parameter 'ca'");
    expect_400(U(V4 "pckcrl?ca=root"), "Invalid parameter 'ca': expected processor or platform");
    expect_400(U(V4 "pckcrl?ca=Processor"), "Invalid parameter 'ca': expected processor or platform");
    expect_400(U(V4 "pckcrl?ca=processor&encoding=base64"), "Invalid parameter 'encoding': expected der or pem");
    expect_400(U(V4 "pckcrl?ca=processor&ca=platform"), "Duplicate parameter 'ca'");
    expect_400(U(V4 "rootcacrl?ca=processor"), "Unknown parameter 'ca'");
    /* pckcert: each parameter wrong in turn. */
    memcpy(enc_short, F.enc, 767);
    enc_short[767] = '\0';
    strcpy(bad_hex, F.enc);
    bad_hex[100] = 'x';
    const char *pck = V4 "pckcert?encrypted_ppid=%s&cpusvn=%s&pcesvn=%s&pceid=%s";
    expect_400(U(pck, enc_short, F.cpusvn, F.pcesvn, F.pceid),
               "Invalid parameter 'encrypted_ppid': expected 768 hexadecimal digits, got 767");
    expect_400(U(pck, bad_hex, F.cpusvn, F.pcesvn, F.pceid),
               "Invalid parameter 'encrypted_ppid': character 101 is not a hexadecimal digit");
    expect_400(U(V4 "pckcert?encrypted_ppid=%s&cpusvn=%.31s&pcesvn=%s&pceid=%s", F.enc, F.cpusvn, F.pcesvn, F.pceid),
               "Invalid parameter 'cpusvn': expected 32 hexadecimal digits, got 31");
    expect_400(U(V4 "pckcert?encrypted_ppid=%s&cpusvn=%s00&pcesvn=%s&pceid=%s", F.enc, F.cpusvn, F.pcesvn, F.pceid),
               "Invalid parameter 'cpusvn': expected 32 hexadecimal digits, got 34");
    expect_400(U(pck, F.enc, F.cpusvn, "123", F.pceid), "Invalid parameter 'pcesvn': expected 4 hexadecimal digits, got 3");
    expect_400(U(pck, F.enc, F.cpusvn, "12345", F.pceid),
               "Invalid parameter 'pcesvn': expected 4 hexadecimal digits, got 5");
    expect_400(U(pck, F.enc, F.cpusvn, F.pcesvn, "00-0"), "Invalid parameter 'pceid': character 3 is not a hexadecimal digit");
    expect_400(U(V4 "pckcert?encrypted_ppid=%s&cpusvn=%s&pcesvn=%s", F.enc, F.cpusvn, F.pcesvn), "Missing parameter 'pceid'");
    expect_400(U(V4 "pckcert?cpusvn=%s&pcesvn=%s&pceid=%s", F.cpusvn, F.pcesvn, F.pceid),
               "Missing parameter 'encrypted_ppid'");
    char long_qeid[262];
    memset(long_qeid, '0', 261);
    long_qeid[261] = '\0';
    expect_400(U(V4 "pckcert?encrypted_ppid=%s&cpusvn=%s&pcesvn=%s&pceid=%s&qeid=%s", F.enc, F.cpusvn, F.pcesvn, F.pceid,
                 long_qeid),
               "Invalid parameter 'qeid': expected 1 to 260 hexadecimal digits, got 261");
    expect_400(U(V4 "pckcert?encrypted_ppid=%s&cpusvn=%s&pcesvn=%s&pceid=%s&qeid=", F.enc, F.cpusvn, F.pcesvn, F.pceid),
               "Invalid parameter 'qeid': expected 1 to 260 hexadecimal digits, got 0");
    expect_400(U(V4 "pckcert?encrypted_ppid=%s&cpusvn=%s&pcesvn=%s&pceid=%s&qeid=0g", F.enc, F.cpusvn, F.pcesvn, F.pceid),
               "Invalid parameter 'qeid': character 2 is not a hexadecimal digit");
    expect_400(U(V4 "pckcert?qeid=00&qeid=00&encrypted_ppid=%s&cpusvn=%s&pcesvn=%s&pceid=%s", F.enc, F.cpusvn, F.pcesvn,
                 F.pceid),
               "Duplicate parameter 'qeid'");
    expect_400(U(V4 "pckcerts?encrypted_ppid=%s&pceid=%s&qeid=00", F.enc, F.pceid), "Unknown parameter 'qeid'");
    expect_400(U(V4 "pckcerts?encrypted_ppid=%s", F.enc), "Missing parameter 'pceid'");
    expect_400(U(V4 "pckcerts?encrypted_ppid=%s&pceid=%s&cpusvn=%s", F.enc, F.pceid, F.cpusvn), "Unknown parameter 'cpusvn'");
#undef U
}

/* Through the parameter list directly: duplicates are seen there too. */
static void test_param_list(void **state)
{
    (void)state;
    vsgx_pcs_response_t r;
    vsgx_pcs_param_t ps[] = { { "fmspc", F.fmspc }, { "update", "early" }, { "fmspc", F.fmspc } };
    assert_int_equal(vsgx_pcs_api_handle(F.s, "GET", V4 "tcb", ps, 2, NULL, &r), 200);
    vsgx_pcs_response_free(&r);
    assert_int_equal(vsgx_pcs_api_handle(F.s, "GET", V4 "tcb", ps, 3, NULL, &r), 400);
    assert_string_equal(header(&r, "Error-Message"), "Duplicate parameter 'fmspc'");
    vsgx_pcs_response_free(&r);
    vsgx_pcs_param_t no_value[] = { { "fmspc", NULL } };
    assert_int_equal(vsgx_pcs_api_handle(F.s, "GET", V4 "tcb", no_value, 1, NULL, &r), 400);
    vsgx_pcs_response_free(&r);
}

static void expect_status(unsigned status, const char *code, const vsgx_pcs_response_t *r)
{
    assert_int_equal(r->status, status);
    assert_string_equal(header(r, "Error-Code"), code);
    assert_true(strlen(header(r, "Error-Message")) > 0);
    assert_body(r, header(r, "Error-Message"), strlen(header(r, "Error-Message")));
}

static void test_not_found(void **state)
{
    (void)state;
    vsgx_pcs_response_t r;
    get(&r, V4 "tcb?fmspc=FFFFFFFFFFFF");
    expect_status(404, "NotFound", &r);
    vsgx_pcs_response_free(&r);
    static const char *const paths[] = { "/", "/sgx/certification/v4/", V4 "nope", "/sgx/certification/v2/tcb",
                                         V4 "tcb/", V4 "qe", V4 "pckcerts/x", "/tdx/certification/v4/tcb" };
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        get(&r, "%s", paths[i]);
        expect_status(404, "NotFound", &r);
        vsgx_pcs_response_free(&r);
    }
    /* A PPID never registered, properly encrypted: no such platform. */
    uint8_t ppid[VSGX_PPID_SIZE], enc[VSGX_PPID_ENC_SIZE];
    char hex[2 * VSGX_PPID_ENC_SIZE + 1];
    memset(ppid, 0x5a, sizeof ppid);
    assert_true(vsgx_ppid_encrypt(vsgx_pcs_store_pek(F.s), ppid, enc));
    vsgx_hex_encode(enc, sizeof enc, hex);
    get(&r, V4 "pckcert?encrypted_ppid=%s&cpusvn=%s&pcesvn=%s&pceid=%s", hex, F.cpusvn, F.pcesvn, F.pceid);
    expect_status(404, "NotFound", &r);
    vsgx_pcs_response_free(&r);
    get(&r, V3 "pckcerts?encrypted_ppid=%s&pceid=%s", hex, F.pceid);
    expect_status(404, "NotFound", &r);
    vsgx_pcs_response_free(&r);
    /* The registered PPID under another PCE-ID. */
    get(&r, V4 "pckcerts?encrypted_ppid=%s&pceid=%s", F.enc, strcmp(F.pceid, "0100") ? "0100" : "0200");
    expect_status(404, "NotFound", &r);
    vsgx_pcs_response_free(&r);
}

static void test_undecryptable(void **state)
{
    (void)state;
    vsgx_pcs_response_t r;
    char hex[2 * VSGX_PPID_ENC_SIZE + 1];
    for (int fill = 0; fill < 3; fill++) {
        memset(hex, "0f5"[fill], 2 * VSGX_PPID_ENC_SIZE);
        hex[2 * VSGX_PPID_ENC_SIZE] = '\0';
        get(&r, V4 "pckcerts?encrypted_ppid=%s&pceid=%s", hex, F.pceid);
        expect_status(400, "InvalidRequestSyntax", &r);
        assert_non_null(strstr(header(&r, "Error-Message"), "encrypted_ppid"));
        vsgx_pcs_response_free(&r);
    }
    /* A valid ciphertext with one byte changed. */
    strcpy(hex, F.enc);
    hex[400] = hex[400] == '0' ? '1' : '0';
    get(&r, V4 "pckcert?encrypted_ppid=%s&cpusvn=%s&pcesvn=%s&pceid=%s", hex, F.cpusvn, F.pcesvn, F.pceid);
    expect_status(400, "InvalidRequestSyntax", &r);
    vsgx_pcs_response_free(&r);
}

static void test_method_and_length(void **state)
{
    (void)state;
    vsgx_pcs_response_t r;
    char uri[VSGX_PCS_API_MAX_URI + 2];
    snprintf(uri, sizeof uri, V4 "tcb?fmspc=%s", F.fmspc);
    static const char *const methods[] = { "POST", "PUT", "DELETE", "HEAD", "get" };
    for (size_t i = 0; i < 5; i++) {
        vsgx_pcs_api_handle_uri(F.s, methods[i], uri, strlen(uri), NULL, &r);
        expect_status(405, "MethodNotAllowed", &r);
        assert_string_equal(header(&r, "Allow"), "GET");
        vsgx_pcs_response_free(&r);
    }
    /* A bad query on a good path with another method: 405 first. */
    vsgx_pcs_api_handle_uri(F.s, "POST", V4 "tcb?a&&", strlen(V4 "tcb?a&&"), NULL, &r);
    assert_int_equal(r.status, 405);
    vsgx_pcs_response_free(&r);
    /* Exactly the limit is fine (an unknown parameter), one more byte is a 414. */
    memset(uri, 'a', sizeof uri);
    memcpy(uri, V4 "tcb?fmspc=", strlen(V4 "tcb?fmspc="));
    assert_int_equal(vsgx_pcs_api_handle_uri(F.s, "GET", uri, VSGX_PCS_API_MAX_URI, NULL, &r), 400);
    vsgx_pcs_response_free(&r);
    vsgx_pcs_api_handle_uri(F.s, "GET", uri, VSGX_PCS_API_MAX_URI + 1, NULL, &r);
    expect_status(414, "UriTooLong", &r);
    assert_request_id_fresh(&r);
    vsgx_pcs_response_free(&r);
    /* NUL bytes in the path or the query. */
    static const char nul_path[] = V4 "tcb\0?fmspc=00", nul_query[] = V4 "tcb?fmspc=00\0";
    vsgx_pcs_api_handle_uri(F.s, "GET", nul_path, sizeof nul_path - 1, NULL, &r);
    expect_status(400, "InvalidRequestSyntax", &r);
    vsgx_pcs_response_free(&r);
    vsgx_pcs_api_handle_uri(F.s, "GET", nul_query, sizeof nul_query - 1, NULL, &r);
    expect_status(400, "InvalidRequestSyntax", &r);
    vsgx_pcs_response_free(&r);
}

/* After all the refusals above (the tests run in order), what is served is what setup saw. */
static void test_state_unchanged(void **state)
{
    (void)state;
    const snapshot_t *v = &F.served;
    vsgx_pcs_response_t r;
    assert_int_equal(get(&r, V4 "tcb?fmspc=%s", F.fmspc), 200);
    assert_body(&r, v->tcb, strlen(v->tcb));
    vsgx_pcs_response_free(&r);
    assert_int_equal(get(&r, V4 "qe/identity"), 200);
    assert_body(&r, v->qe, strlen(v->qe));
    vsgx_pcs_response_free(&r);
    assert_int_equal(get(&r, V4 "pckcert?encrypted_ppid=%s&cpusvn=%s&pcesvn=%s&pceid=%s", F.enc, F.cpusvn, F.pcesvn,
                         F.pceid),
                     200);
    assert_body(&r, v->pck, strlen(v->pck)); /* issued once, then reused */
    vsgx_pcs_response_free(&r);
    static const char *const CRLS[3] = { V4 "rootcacrl", V4 "pckcrl?ca=processor&encoding=der",
                                         V4 "pckcrl?ca=platform&encoding=der" };
    for (int i = 0; i < 3; i++) {
        assert_int_equal(get(&r, "%s", CRLS[i]), 200);
        assert_body(&r, v->crl[i], v->crl_len[i]);
        vsgx_pcs_response_free(&r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pckcert),          cmocka_unit_test(test_pckcerts),
        cmocka_unit_test(test_pckcert_platform_ca), cmocka_unit_test(test_pckcert_below_levels),
        cmocka_unit_test(test_pckcert_qeid),
        cmocka_unit_test(test_tcb),              cmocka_unit_test(test_identities),
        cmocka_unit_test(test_crls),             cmocka_unit_test(test_request_id),
        cmocka_unit_test(test_bad_parameters),   cmocka_unit_test(test_param_list),
        cmocka_unit_test(test_not_found),        cmocka_unit_test(test_undecryptable),
        cmocka_unit_test(test_method_and_length), cmocka_unit_test(test_state_unchanged),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
