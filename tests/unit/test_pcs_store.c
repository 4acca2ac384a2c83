/* test_pcs_store.c — the simulated PCS's state (src/pcs/store*.c): creating and reopening it,
 * registering platforms and finding them by PPID and by encrypted PPID, PCK certificate
 * selection at the best TCB level at or below the raw TCB (and the PCE deriving the same key),
 * pckcerts, the collateral a scenario publishes (TCB info v3/v2, standard/early, QE and QvE
 * identities, CRLs with its revocations, every one of a platform's certificates however many),
 * levels written in any order published best first, levels that coincide on a platform refused
 * (nothing published or registered), readers, a writer and the PPID cache on many threads of one
 * store, and several connections issuing the same certificates at once. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "hex.h"
#include "pck_cert.h"
#include "store.h"
#include "scratch_dir.h"

typedef struct {
    char *dir;
    char pcs[300], plat[300], plat2[300];
    vsgx_pcs_store_t *s;
    vsgx_platform_t *p;
    vsgx_pcs_platform_t pl;
    uint8_t shared_enc[VSGX_PPID_ENC_SIZE]; /* test_threads: one ciphertext all readers use */
} fixture_t;

static vsgx_platform_t *make_platform(const char *dir, const char *fmspc_hex)
{
    vsgx_platform_params_t pp;
    assert_int_equal(vsgx_platform_params_default(&pp), 0);
    assert_true(vsgx_hex_decode(fmspc_hex, 12, pp.fmspc, 6));
    char err[256] = "";
    assert_int_equal(vsgx_platform_create(dir, &pp, err, sizeof err), VSGX_PLATFORM_OK);
    vsgx_platform_t *p = NULL;
    assert_int_equal(vsgx_platform_load(dir, &p, err, sizeof err), VSGX_PLATFORM_OK);
    return p;
}

static void apply(fixture_t *f, const vsgx_platform_t *p, const char *scenario)
{
    vsgx_pcs_scenario_t sc;
    char err[256] = "";
    assert_int_equal(vsgx_pcs_scenario_load(scenario, &sc, err, sizeof err), VSGX_PCS_OK);
    if (vsgx_pcs_store_apply(f->s, &sc, p, 0, err, sizeof err))
        fail_msg("apply %s: %s", scenario, err);
}

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof *f);
    f->dir = strdup("/tmp/vsgx-pcs-store-XXXXXX");
    if (!f->dir || !mkdtemp(f->dir))
        return -1;
    snprintf(f->pcs, sizeof f->pcs, "%s/pcs", f->dir);
    snprintf(f->plat, sizeof f->plat, "%s/plat", f->dir);
    snprintf(f->plat2, sizeof f->plat2, "%s/plat2", f->dir);
    char err[256] = "";
    if (vsgx_pcs_store_open(f->pcs, true, &f->s, err, sizeof err))
        return -1;
    f->p = make_platform(f->plat, "00906ED50000");
    if (vsgx_pcs_store_register(f->s, f->p, VSGX_PCS_PROCESSOR_CA, &f->pl, err, sizeof err))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    vsgx_pcs_store_close(f->s);
    vsgx_platform_free(f->p);
    vsgx_test_remove_tree(f->dir);
    free(f->dir);
    free(f);
    return 0;
}

static void test_open(void **state)
{
    fixture_t *f = *state;
    char err[256] = "", path[400];
    vsgx_pcs_store_t *s = NULL;
    snprintf(path, sizeof path, "%s/none", f->dir);
    assert_int_equal(vsgx_pcs_store_open(path, false, &s, err, sizeof err), VSGX_PCS_NOT_FOUND);
    assert_non_null(strstr(err, "run `vsgx pcs manufacture` first"));
    assert_null(s);
    /* Reopened: the same CAs and the registered platform. */
    assert_int_equal(vsgx_pcs_store_open(f->pcs, false, &s, err, sizeof err), VSGX_PCS_OK);
    assert_int_equal(X509_cmp(vsgx_pcs_store_ca(s)->cert[VSGX_PCS_ROOT_CA], vsgx_pcs_store_ca(f->s)->cert[VSGX_PCS_ROOT_CA]), 0);
    vsgx_pcs_platform_t pl;
    assert_int_equal(vsgx_pcs_store_find(s, f->pl.ppid, f->pl.params.pce_id, &pl, err, sizeof err), VSGX_PCS_OK);
    vsgx_pcs_store_close(s);
    snprintf(path, sizeof path, "%s/pcs.db", f->pcs);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    chmod(path, 0644);
    assert_int_equal(vsgx_pcs_store_open(f->pcs, false, &s, err, sizeof err), VSGX_PCS_INSECURE);
    assert_non_null(strstr(err, "pcs.db is readable or writable by others"));
    chmod(path, 0600);
    char *d = NULL;
    setenv("VSGX_PCS", "/x/pcs", 1);
    d = vsgx_pcs_default_dir();
    assert_string_equal(d, "/x/pcs");
    free(d);
    unsetenv("VSGX_PCS");
}

static void test_register_and_find(void **state)
{
    fixture_t *f = *state;
    char err[256] = "";
    vsgx_pcs_platform_t pl;
    assert_int_equal(vsgx_pcs_store_find(f->s, f->pl.ppid, f->pl.params.pce_id, &pl, err, sizeof err), VSGX_PCS_OK);
    assert_memory_equal(&pl.params, &f->p->params, sizeof pl.params);
    assert_int_equal(pl.ca_role, VSGX_PCS_PROCESSOR_CA);
    /* The PPID is the PCE's. */
    vsgx_pce_identity_t pce;
    vsgx_pcs_pce_identity(&pce);
    uint8_t ppid[16];
    assert_int_equal(vsgx_pce_ppid(f->p, &pce, ppid), SGX_SUCCESS);
    assert_memory_equal(ppid, pl.ppid, 16);
    /* By the encrypted PPID, as the PCE sends it (a new ciphertext every time). */
    uint8_t enc[VSGX_PPID_ENC_SIZE], enc2[VSGX_PPID_ENC_SIZE];
    assert_true(vsgx_ppid_encrypt(vsgx_pcs_store_pek(f->s), ppid, enc));
    assert_true(vsgx_ppid_encrypt(vsgx_pcs_store_pek(f->s), ppid, enc2));
    assert_memory_not_equal(enc, enc2, sizeof enc);
    memset(&pl, 0, sizeof pl);
    assert_int_equal(vsgx_pcs_store_find_encrypted(f->s, enc2, f->pl.params.pce_id, &pl, err, sizeof err), VSGX_PCS_OK);
    assert_memory_equal(pl.ppid, ppid, 16);
    enc[100] ^= 1;
    assert_int_equal(vsgx_pcs_store_find_encrypted(f->s, enc, f->pl.params.pce_id, &pl, err, sizeof err), VSGX_PCS_INVALID);
    assert_non_null(strstr(err, "does not decrypt"));
    /* Another PCE-ID, another PPID: not registered. */
    assert_int_equal(vsgx_pcs_store_find(f->s, ppid, 7, &pl, err, sizeof err), VSGX_PCS_NOT_FOUND);
    assert_string_equal(err, "no platform with this PPID and PCE-ID 0007 is registered");
    ppid[0] ^= 1;
    assert_int_equal(vsgx_pcs_store_find(f->s, ppid, f->pl.params.pce_id, &pl, err, sizeof err), VSGX_PCS_NOT_FOUND);
    /* A second platform: another PPID; registering again changes the CA. */
    vsgx_platform_t *p2 = make_platform(f->plat2, "00A067110000");
    vsgx_pcs_platform_t pl2;
    assert_int_equal(vsgx_pcs_store_register(f->s, p2, VSGX_PCS_PROCESSOR_CA, &pl2, err, sizeof err), VSGX_PCS_OK);
    assert_memory_not_equal(pl2.ppid, f->pl.ppid, 16);
    assert_int_equal(vsgx_pcs_store_register(f->s, p2, VSGX_PCS_PLATFORM_CA, &pl2, err, sizeof err), VSGX_PCS_OK);
    assert_int_equal(vsgx_pcs_store_find(f->s, pl2.ppid, pl2.params.pce_id, &pl, err, sizeof err), VSGX_PCS_OK);
    assert_int_equal(pl.ca_role, VSGX_PCS_PLATFORM_CA);
    assert_int_equal(vsgx_pcs_store_register(f->s, p2, VSGX_PCS_ROOT_CA, &pl2, err, sizeof err), VSGX_PCS_INVALID);
    vsgx_platform_free(p2);
}

static vsgx_tcbm_t platform_tcbm(const vsgx_platform_t *p, int delta)
{
    vsgx_tcbm_t t = { .cpusvn = p->params.cpusvn, .pce_svn = (uint16_t)(p->params.pce_svn + delta) };
    for (int i = 0; i < 16; i++) {
        int v = t.cpusvn.svn[i] + (t.cpusvn.svn[i] ? delta : 0);
        t.cpusvn.svn[i] = (uint8_t)(v > 255 ? 255 : v); /* as the PCS clamps its levels */
    }
    return t;
}

static X509 *parse_pem(const char *pem)
{
    BIO *b = BIO_new_mem_buf(pem, -1);
    X509 *c = PEM_read_bio_X509(b, NULL, NULL, NULL);
    BIO_free(b);
    assert_non_null(c);
    return c;
}

static void test_pck_selection(void **state)
{
    fixture_t *f = *state;
    char err[256] = "", *pem = NULL, *again = NULL;
    vsgx_tcbm_t raw = platform_tcbm(f->p, 0), tcbm;
    assert_int_equal(vsgx_pcs_store_pck_cert(f->s, &f->pl, &raw, &pem, &tcbm, err, sizeof err), VSGX_PCS_NOT_FOUND);
    assert_string_equal(err, "no TCB info is published for FMSPC 00906ED50000");
    apply(f, f->p, "out-of-date"); /* levels: platform +1 (UpToDate), platform (OutOfDate) */

    assert_int_equal(vsgx_pcs_store_pck_cert(f->s, &f->pl, &raw, &pem, &tcbm, err, sizeof err), VSGX_PCS_OK);
    assert_memory_equal(&tcbm, &raw, sizeof tcbm);
    assert_int_equal(vsgx_pcs_store_pck_cert(f->s, &f->pl, &raw, &again, &tcbm, err, sizeof err), VSGX_PCS_OK);
    assert_string_equal(pem, again); /* issued once, then reused */
    free(again);
    /* The certificate's key is the PCK the platform's PCE derives at that TCB. */
    X509 *cert = parse_pem(pem);
    vsgx_pce_identity_t pce;
    vsgx_pcs_pce_identity(&pce);
    vsgx_pck_keypair_t pck;
    assert_int_equal(vsgx_pce_pck(f->p, &pce, &tcbm, &pck), SGX_SUCCESS);
    assert_int_equal(EVP_PKEY_eq(X509_get0_pubkey(cert), pck.pkey), 1);
    vsgx_pck_clear(&pck);
    X509_free(cert);
    free(pem);

    /* A raw TCB above the newest level gets the newest; one above the platform's in one
     * component only still gets the platform's level. */
    vsgx_tcbm_t up = platform_tcbm(f->p, 1), expect = up;
    up.cpusvn.svn[15] = 0xff;
    assert_int_equal(vsgx_pcs_store_pck_cert(f->s, &f->pl, &up, &pem, &tcbm, err, sizeof err), VSGX_PCS_OK);
    assert_memory_equal(&tcbm, &expect, sizeof tcbm);
    free(pem);
    raw.pce_svn++;
    assert_int_equal(vsgx_pcs_store_pck_cert(f->s, &f->pl, &raw, &pem, &tcbm, err, sizeof err), VSGX_PCS_OK);
    raw.pce_svn--;
    assert_memory_equal(&tcbm, &raw, sizeof tcbm);
    free(pem);
    /* Below every level: none. */
    raw.pce_svn--;
    assert_int_equal(vsgx_pcs_store_pck_cert(f->s, &f->pl, &raw, &pem, &tcbm, err, sizeof err), VSGX_PCS_NOT_FOUND);
    assert_non_null(strstr(err, "no TCB level of the platform's FMSPC is at or below"));
    assert_null(pem);
}

static void test_pck_certs_json(void **state)
{
    fixture_t *f = *state;
    char err[256] = "", *body = NULL;
    assert_int_equal(vsgx_pcs_store_pck_certs(f->s, &f->pl, 4, &body, err, sizeof err), VSGX_PCS_NOT_FOUND);
    apply(f, f->p, "out-of-date");
    for (int api = 3; api <= 4; api++) {
        assert_int_equal(vsgx_pcs_store_pck_certs(f->s, &f->pl, api, &body, err, sizeof err), VSGX_PCS_OK);
        json_error_t je;
        json_t *a = json_loads(body, 0, &je);
        assert_non_null(a);
        assert_int_equal(json_array_size(a), 2);
        for (size_t i = 0; i < 2; i++) {
            json_t *e = json_array_get(a, i);
            vsgx_tcbm_t t = platform_tcbm(f->p, i == 0 ? 1 : 0);
            uint8_t raw[18];
            memcpy(raw, t.cpusvn.svn, 16);
            raw[16] = (uint8_t)t.pce_svn;
            raw[17] = (uint8_t)(t.pce_svn >> 8);
            char hex[37];
            vsgx_hex_encode_upper(raw, 18, hex);
            assert_string_equal(json_string_value(json_object_get(e, "tcbm")), hex);
            json_t *tcb = json_object_get(e, "tcb");
            assert_int_equal(json_integer_value(json_object_get(tcb, "pcesvn")), t.pce_svn);
            json_t *c1 = api == 4 ? json_object_get(json_array_get(json_object_get(tcb, "sgxtcbcomponents"), 0), "svn")
                                  : json_object_get(tcb, "sgxtcbcomp01svn");
            assert_int_equal(json_integer_value(c1), t.cpusvn.svn[0]);
            if (api == 4) { /* as Intel's PCS writes them: empty category and type */
                json_t *comp = json_array_get(json_object_get(tcb, "sgxtcbcomponents"), 15);
                const char *category = json_string_value(json_object_get(comp, "category"));
                const char *type = json_string_value(json_object_get(comp, "type"));
                assert_true(category && type && !*category && !*type);
            }
            X509 *c = parse_pem(json_string_value(json_object_get(e, "cert")));
            X509_free(c);
        }
        json_decref(a);
        free(body);
    }
}

static json_t *load_json(const char *text, const char *outer)
{
    json_error_t je;
    json_t *o = json_loads(text, 0, &je);
    assert_non_null(o);
    assert_non_null(json_object_get(o, "signature"));
    json_t *inner = json_incref(json_object_get(o, outer));
    json_decref(o);
    assert_non_null(inner);
    return inner;
}

static void test_collateral(void **state)
{
    fixture_t *f = *state;
    char err[256] = "", *body = NULL;
    uint8_t *der = NULL;
    size_t len = 0;
    assert_int_equal(vsgx_pcs_store_tcb_info(f->s, f->p->params.fmspc, 3, VSGX_PCS_UPDATE_STANDARD, &body, err, sizeof err),
                     VSGX_PCS_NOT_FOUND);
    assert_int_equal(vsgx_pcs_store_identity(f->s, "QE", VSGX_PCS_UPDATE_STANDARD, &body, err, sizeof err), VSGX_PCS_NOT_FOUND);
    assert_int_equal(vsgx_pcs_store_crl(f->s, VSGX_PCS_ROOT_CA, &der, &len, err, sizeof err), VSGX_PCS_NOT_FOUND);
    apply(f, f->p, "sw-hardening-needed");
    for (int version = 2; version <= 3; version++)
        for (int u = 0; u < 2; u++) {
            assert_int_equal(vsgx_pcs_store_tcb_info(f->s, f->p->params.fmspc, version, (vsgx_pcs_update_t)u, &body, err,
                                                     sizeof err),
                             VSGX_PCS_OK);
            json_t *t = load_json(body, "tcbInfo");
            assert_int_equal(json_integer_value(json_object_get(t, "version")), version);
            assert_int_equal(json_integer_value(json_object_get(t, "tcbEvaluationDataNumber")), 17 + u);
            assert_string_equal(json_string_value(json_object_get(t, "fmspc")), "00906ED50000");
            json_t *l0 = json_array_get(json_object_get(t, "tcbLevels"), 0);
            assert_string_equal(json_string_value(json_object_get(l0, "tcbStatus")), "SWHardeningNeeded");
            json_decref(t);
            free(body);
        }
    assert_int_equal(vsgx_pcs_store_tcb_info(f->s, f->p->params.fmspc, 4, VSGX_PCS_UPDATE_STANDARD, &body, err, sizeof err),
                     VSGX_PCS_INVALID);
    static const uint8_t OTHER[6] = { 0x00, 0x90, 0x6e, 0xd5, 0x00, 0x01 };
    assert_int_equal(vsgx_pcs_store_tcb_info(f->s, OTHER, 3, VSGX_PCS_UPDATE_STANDARD, &body, err, sizeof err),
                     VSGX_PCS_NOT_FOUND);
    const char *ids[2] = { "QE", "QVE" };
    for (int i = 0; i < 2; i++) {
        assert_int_equal(vsgx_pcs_store_identity(f->s, ids[i], VSGX_PCS_UPDATE_EARLY, &body, err, sizeof err), VSGX_PCS_OK);
        json_t *q = load_json(body, "enclaveIdentity");
        assert_string_equal(json_string_value(json_object_get(q, "id")), ids[i]);
        assert_int_equal(json_integer_value(json_object_get(q, "isvprodid")), i + 1);
        assert_int_equal(json_integer_value(json_object_get(q, "tcbEvaluationDataNumber")), 18);
        json_decref(q);
        free(body);
    }
    assert_int_equal(vsgx_pcs_store_identity(f->s, "TD_QE", VSGX_PCS_UPDATE_EARLY, &body, err, sizeof err), VSGX_PCS_INVALID);
    assert_int_equal(vsgx_pcs_store_crl(f->s, VSGX_PCS_TCB_SIGNING, &der, &len, err, sizeof err), VSGX_PCS_INVALID);
}

/* How many serials role's CRL lists (verified under the CA's key); serial, when given, is one. */
static int crl_count(fixture_t *f, vsgx_pcs_ca_role_t role, const ASN1_INTEGER *serial)
{
    uint8_t *der = NULL;
    size_t len = 0;
    char err[256];
    assert_int_equal(vsgx_pcs_store_crl(f->s, role, &der, &len, err, sizeof err), VSGX_PCS_OK);
    const uint8_t *p = der;
    X509_CRL *crl = d2i_X509_CRL(NULL, &p, (long)len);
    assert_non_null(crl);
    assert_int_equal(X509_CRL_verify(crl, X509_get0_pubkey(vsgx_pcs_store_ca(f->s)->cert[role])), 1);
    STACK_OF(X509_REVOKED) *list = X509_CRL_get_REVOKED(crl);
    int n = list ? sk_X509_REVOKED_num(list) : 0;
    if (serial) {
        X509_REVOKED *r = NULL;
        assert_int_equal(X509_CRL_get0_by_serial(crl, &r, (ASN1_INTEGER *)serial), 1);
    }
    X509_CRL_free(crl);
    free(der);
    return n;
}

static void test_revocations(void **state)
{
    fixture_t *f = *state;
    apply(f, f->p, "up-to-date");
    assert_int_equal(crl_count(f, VSGX_PCS_ROOT_CA, NULL), 0);
    assert_int_equal(crl_count(f, VSGX_PCS_PROCESSOR_CA, NULL), 0);
    apply(f, f->p, "revoked-pck");
    char err[256], *pem = NULL;
    vsgx_tcbm_t raw = platform_tcbm(f->p, 0);
    assert_int_equal(vsgx_pcs_store_pck_cert_at(f->s, &f->pl, &raw, &pem, err, sizeof err), VSGX_PCS_OK);
    X509 *leaf = parse_pem(pem);
    free(pem);
    assert_int_equal(crl_count(f, VSGX_PCS_PROCESSOR_CA, X509_get0_serialNumber(leaf)), 1);
    assert_int_equal(crl_count(f, VSGX_PCS_PLATFORM_CA, NULL), 0);
    assert_int_equal(crl_count(f, VSGX_PCS_ROOT_CA, NULL), 0);
    X509_free(leaf);
    apply(f, f->p, "revoked-intermediate");
    assert_int_equal(crl_count(f, VSGX_PCS_PROCESSOR_CA, NULL), 0);
    assert_int_equal(
        crl_count(f, VSGX_PCS_ROOT_CA, X509_get0_serialNumber(vsgx_pcs_store_ca(f->s)->cert[VSGX_PCS_PROCESSOR_CA])), 1);
    /* The last scenario applied is what is served. */
    apply(f, f->p, "up-to-date");
    assert_int_equal(crl_count(f, VSGX_PCS_ROOT_CA, NULL), 0);
}

typedef struct {
    fixture_t *f;
    char *first;
    int failures;
} worker_t;

/* A reader: the PCK certificate for the platform's raw TCB (the same whichever scenario is
 * published), the TCB info, and the platform by a ciphertext of its own and a shared one (the
 * PPID cache). */
static void *reader(void *arg)
{
    worker_t *w = arg;
    vsgx_tcbm_t raw = platform_tcbm(w->f->p, 0), tcbm;
    uint8_t enc[VSGX_PPID_ENC_SIZE], shared[VSGX_PPID_ENC_SIZE];
    memset(shared, 0, sizeof shared);
    if (!vsgx_ppid_encrypt(vsgx_pcs_store_pek(w->f->s), w->f->pl.ppid, enc))
        w->failures++;
    memcpy(shared, w->f->shared_enc, sizeof shared);
    for (int i = 0; i < 40; i++) {
        char err[256], *pem = NULL, *tcb = NULL;
        vsgx_pcs_platform_t a, b;
        if (vsgx_pcs_store_pck_cert(w->f->s, &w->f->pl, &raw, &pem, &tcbm, err, sizeof err) ||
            vsgx_pcs_store_tcb_info(w->f->s, w->f->p->params.fmspc, 3, VSGX_PCS_UPDATE_STANDARD, &tcb, err, sizeof err) ||
            vsgx_pcs_store_find_encrypted(w->f->s, enc, w->f->pl.params.pce_id, &a, err, sizeof err) ||
            vsgx_pcs_store_find_encrypted(w->f->s, shared, w->f->pl.params.pce_id, &b, err, sizeof err) ||
            memcmp(a.ppid, w->f->pl.ppid, 16) || memcmp(b.ppid, w->f->pl.ppid, 16))
            w->failures++;
        if (pem && !w->first)
            w->first = strdup(pem);
        else if (pem && strcmp(pem, w->first))
            w->failures++;
        free(pem);
        free(tcb);
    }
    return NULL;
}

/* A writer: other scenarios applied, one after the other. */
static void *writer(void *arg)
{
    worker_t *w = arg;
    for (int i = 0; i < 6; i++) {
        vsgx_pcs_scenario_t sc;
        char err[256];
        if (vsgx_pcs_scenario_load(i % 2 ? "up-to-date" : "out-of-date", &sc, err, sizeof err) ||
            vsgx_pcs_store_apply(w->f->s, &sc, w->f->p, 0, err, sizeof err))
            w->failures++;
    }
    return NULL;
}

static void test_threads(void **state)
{
    fixture_t *f = *state;
    apply(f, f->p, "up-to-date");
    assert_true(vsgx_ppid_encrypt(vsgx_pcs_store_pek(f->s), f->pl.ppid, f->shared_enc));
    pthread_t t[5];
    worker_t w[5];
    for (int i = 0; i < 5; i++) {
        w[i] = (worker_t){ f, NULL, 0 };
        assert_int_equal(pthread_create(&t[i], NULL, i < 4 ? reader : writer, &w[i]), 0);
    }
    for (int i = 0; i < 5; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < 5; i++)
        assert_int_equal(w[i].failures, 0);
    for (int i = 0; i < 4; i++) {
        assert_non_null(w[i].first);
        assert_string_equal(w[i].first, w[0].first);
    }
    for (int i = 0; i < 4; i++)
        free(w[i].first);
}

/* Several processes (here: connections) on one PCS asking for the same new certificates at once
 * all get the one stored first. */
typedef struct {
    fixture_t *f;
    vsgx_pcs_store_t *s;
    char *pem[24];
    int failures;
} issuer_t;

static void *issuer(void *arg)
{
    issuer_t *w = arg;
    for (int i = 0; i < 24; i++) {
        vsgx_tcbm_t t = platform_tcbm(w->f->p, 0);
        t.pce_svn = (uint16_t)(1000 + i);
        char err[256];
        if (vsgx_pcs_store_pck_cert_at(w->s, &w->f->pl, &t, &w->pem[i], err, sizeof err)) {
            fprintf(stderr, "issuer: %s\n", err);
            w->failures++;
        }
    }
    return NULL;
}

static void test_concurrent_issue(void **state)
{
    fixture_t *f = *state;
    pthread_t t[4];
    issuer_t w[4];
    char err[256] = "";
    for (int i = 0; i < 4; i++) {
        memset(&w[i], 0, sizeof w[i]);
        w[i].f = f;
        assert_int_equal(vsgx_pcs_store_open(f->pcs, false, &w[i].s, err, sizeof err), VSGX_PCS_OK);
    }
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&t[i], NULL, issuer, &w[i]), 0);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(w[i].failures, 0);
        for (int k = 0; k < 24; k++) {
            assert_non_null(w[i].pem[k]);
            assert_string_equal(w[i].pem[k], w[0].pem[k]);
        }
    }
    for (int i = 0; i < 4; i++) {
        for (int k = 0; k < 24; k++)
            free(w[i].pem[k]);
        vsgx_pcs_store_close(w[i].s);
    }
}

/* revoke pck lists every certificate of the platform, however many, the current one too. */
static void test_revoke_many(void **state)
{
    fixture_t *f = *state;
    char err[256], *pem = NULL;
    for (int i = 0; i < 70; i++) { /* 70 older certificates first */
        vsgx_tcbm_t t = platform_tcbm(f->p, 0);
        t.pce_svn = (uint16_t)(2000 + i);
        assert_int_equal(vsgx_pcs_store_pck_cert_at(f->s, &f->pl, &t, &pem, err, sizeof err), VSGX_PCS_OK);
        free(pem);
    }
    apply(f, f->p, "revoked-pck"); /* issues the platform's own, the 71st */
    vsgx_tcbm_t raw = platform_tcbm(f->p, 0);
    assert_int_equal(vsgx_pcs_store_pck_cert_at(f->s, &f->pl, &raw, &pem, err, sizeof err), VSGX_PCS_OK);
    X509 *leaf = parse_pem(pem);
    free(pem);
    assert_int_equal(crl_count(f, VSGX_PCS_PROCESSOR_CA, X509_get0_serialNumber(leaf)), 71);
    X509_free(leaf);
}

static vsgx_pcs_scenario_t parse_scenario(const char *text)
{
    vsgx_pcs_scenario_t sc;
    char err[256] = "";
    if (vsgx_pcs_scenario_parse(text, strlen(text), "t", &sc, err, sizeof err))
        fail_msg("%s", err);
    strcpy(sc.name, "t");
    return sc;
}

/* Levels written in any order are published best first: the PCK certificate for the platform's
 * raw TCB is at its own level (not the lower one written first), and the TCB info, the
 * pckcerts list and the QE identity are in Intel's order. */
static void test_unsorted_levels(void **state)
{
    fixture_t *f = *state;
    vsgx_pcs_scenario_t sc = parse_scenario("tcb -1 OutOfDate INTEL-SA-00001\ntcb 0 SWHardeningNeeded\n"
                                            "tcb +1 UpToDate\nqe -1 OutOfDate\nqe 0 UpToDate\n");
    char err[256] = "", *pem = NULL, *body = NULL;
    assert_int_equal(vsgx_pcs_store_apply(f->s, &sc, f->p, 0, err, sizeof err), VSGX_PCS_OK);
    vsgx_tcbm_t raw = platform_tcbm(f->p, 0), tcbm;
    assert_int_equal(vsgx_pcs_store_pck_cert(f->s, &f->pl, &raw, &pem, &tcbm, err, sizeof err), VSGX_PCS_OK);
    assert_memory_equal(&tcbm, &raw, sizeof tcbm);
    free(pem);

    assert_int_equal(vsgx_pcs_store_tcb_info(f->s, f->p->params.fmspc, 3, VSGX_PCS_UPDATE_STANDARD, &body, err,
                                             sizeof err),
                     VSGX_PCS_OK);
    json_t *t = load_json(body, "tcbInfo"), *levels = json_object_get(t, "tcbLevels");
    free(body);
    static const char *const STATUS[3] = { "UpToDate", "SWHardeningNeeded", "OutOfDate" };
    assert_int_equal(json_array_size(levels), 3);
    for (int i = 0; i < 3; i++) {
        json_t *l = json_array_get(levels, (size_t)i);
        vsgx_tcbm_t want = platform_tcbm(f->p, 1 - i);
        assert_string_equal(json_string_value(json_object_get(l, "tcbStatus")), STATUS[i]);
        json_t *tcb = json_object_get(l, "tcb");
        assert_int_equal(json_integer_value(json_object_get(tcb, "pcesvn")), want.pce_svn);
        json_t *c0 = json_array_get(json_object_get(tcb, "sgxtcbcomponents"), 0);
        assert_int_equal(json_integer_value(json_object_get(c0, "svn")), want.cpusvn.svn[0]);
    }
    json_decref(t);

    assert_int_equal(vsgx_pcs_store_pck_certs(f->s, &f->pl, 4, &body, err, sizeof err), VSGX_PCS_OK);
    json_t *a = json_loads(body, 0, NULL);
    free(body);
    assert_int_equal(json_array_size(a), 3);
    for (int i = 0; i < 3; i++)
        assert_int_equal(json_integer_value(json_object_get(json_object_get(json_array_get(a, (size_t)i), "tcb"),
                                                            "pcesvn")),
                         platform_tcbm(f->p, 1 - i).pce_svn);
    json_decref(a);

    assert_int_equal(vsgx_pcs_store_identity(f->s, "QE", VSGX_PCS_UPDATE_STANDARD, &body, err, sizeof err), VSGX_PCS_OK);
    json_t *q = load_json(body, "enclaveIdentity");
    free(body);
    json_t *ql = json_object_get(q, "tcbLevels");
    assert_int_equal(json_integer_value(json_object_get(json_object_get(json_array_get(ql, 0), "tcb"), "isvsvn")), 8);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(json_array_get(ql, 1), "tcb"), "isvsvn")), 7);
    assert_string_equal(json_string_value(json_object_get(json_array_get(ql, 0), "tcbStatus")), "UpToDate");
    json_decref(q);
}

/* A platform whose CPUSVN and PCE SVN are all zero: "tcb 0" and "tcb -1" are the same level, so
 * up-to-date is refused, by name, and nothing is published or registered. Bad level counts
 * through the API are refused too. */
static void test_coinciding_levels(void **state)
{
    fixture_t *f = *state;
    vsgx_platform_params_t pp;
    assert_int_equal(vsgx_platform_params_default(&pp), 0);
    assert_true(vsgx_hex_decode("00A067110000", 12, pp.fmspc, 6));
    memset(pp.cpusvn.svn, 0, 16);
    pp.pce_svn = 0;
    char err[256] = "", *body = NULL;
    assert_int_equal(vsgx_platform_create(f->plat2, &pp, err, sizeof err), VSGX_PLATFORM_OK);
    vsgx_platform_t *p2 = NULL;
    assert_int_equal(vsgx_platform_load(f->plat2, &p2, err, sizeof err), VSGX_PLATFORM_OK);
    vsgx_pcs_scenario_t sc;
    assert_int_equal(vsgx_pcs_scenario_load("up-to-date", &sc, err, sizeof err), VSGX_PCS_OK);
    vsgx_pcs_platform_t pl2;
    assert_int_equal(vsgx_pcs_store_publish(f->s, &sc, p2, 0, &pl2, err, sizeof err), VSGX_PCS_INVALID);
    assert_string_equal(err, "scenario up-to-date: levels 'tcb 0' and 'tcb -1' are the same TCB on this platform"
                             " (CPUSVN 00000000000000000000000000000000, PCE SVN 0: SVNs stop at 0 and at their"
                             " maximum); remove one");
    assert_int_equal(vsgx_pcs_store_tcb_info(f->s, pp.fmspc, 3, VSGX_PCS_UPDATE_STANDARD, &body, err, sizeof err),
                     VSGX_PCS_NOT_FOUND);
    vsgx_pce_identity_t pce;
    vsgx_pcs_pce_identity(&pce);
    uint8_t ppid[16];
    assert_int_equal(vsgx_pce_ppid(p2, &pce, ppid), SGX_SUCCESS);
    assert_int_equal(vsgx_pcs_store_find(f->s, ppid, pp.pce_id, &pl2, err, sizeof err), VSGX_PCS_NOT_FOUND);
    /* One level only: fine, and now registered. */
    sc.tcb_count = 1;
    assert_int_equal(vsgx_pcs_store_publish(f->s, &sc, p2, 0, &pl2, err, sizeof err), VSGX_PCS_OK);
    assert_memory_equal(pl2.ppid, ppid, 16);
    assert_int_equal(vsgx_pcs_store_find(f->s, ppid, pp.pce_id, &pl2, err, sizeof err), VSGX_PCS_OK);
    /* Level counts outside 1..16. */
    sc.tcb_count = 0;
    assert_int_equal(vsgx_pcs_store_apply(f->s, &sc, p2, 0, err, sizeof err), VSGX_PCS_INVALID);
    assert_string_equal(err, "scenario up-to-date: 0 tcb levels (1..16 are allowed)");
    sc.tcb_count = 17;
    assert_int_equal(vsgx_pcs_store_apply(f->s, &sc, p2, 0, err, sizeof err), VSGX_PCS_INVALID);
    sc.tcb_count = 1;
    sc.qe_count = 17;
    assert_int_equal(vsgx_pcs_store_apply(f->s, &sc, p2, 0, err, sizeof err), VSGX_PCS_INVALID);
    assert_string_equal(err, "scenario up-to-date: 17 qe levels (1..16 are allowed)");
    vsgx_platform_free(p2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_open, setup, teardown),
        cmocka_unit_test_setup_teardown(test_register_and_find, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pck_selection, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pck_certs_json, setup, teardown),
        cmocka_unit_test_setup_teardown(test_collateral, setup, teardown),
        cmocka_unit_test_setup_teardown(test_revocations, setup, teardown),
            cmocka_unit_test_setup_teardown(test_threads, setup, teardown),
        cmocka_unit_test_setup_teardown(test_concurrent_issue, setup, teardown),
        cmocka_unit_test_setup_teardown(test_revoke_many, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unsorted_levels, setup, teardown),
        cmocka_unit_test_setup_teardown(test_coinciding_levels, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
