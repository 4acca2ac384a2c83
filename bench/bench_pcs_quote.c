/* bench_pcs_quote.c — how many quotes per second the quote kit (src/pcs/quote_kit.c) makes for
 * a platform, beside the limit in the same run. As on hardware, the attestation key is
 * certified once (the QE report binding it, signed by the PCE's PCK) and each quote then costs
 * one ECDSA signature by the attestation key; the limit is that signature with OpenSSL.
 *
 *   quote     vsgx_quote_kit_quote: header, body, the attestation key's signature, the
 *             certified part copied (about 5 KB)
 *   limit     one EVP_DigestSign P-256 SHA-256 signature over the 432 signed bytes
 *   certify   vsgx_quote_kit_new: QE ID (EGETKEY + SHA-256), the PCE's PCK derivation (EGETKEY
 *             PROVISION + key from seed), the binding hash, the PCK's signature of the QE report;
 *             beside it the limit of one ECDSA signature plus one P-256 key from a scalar
 *
 * Setup (not timed): a PCS state and a platform in a temporary directory, the up-to-date
 * scenario, the PCK chain. The first quote is checked by the QVL under the simulated root
 * (result OK), so nothing is timed on a failing path. Figures are medians of --reps rounds of
 * --quotes quotes each; CLOCK_MONOTONIC. Prints a table and TSV lines.
 *
 *   bench_pcs_quote [--reps N] [--quotes N]
 */
#include <ftw.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <openssl/evp.h>

#include "bench_clock.h"

#include "pcs_crl.h"
#include "quote_kit.h"
#include "store.h"
#include "vsgx/qvl.h"

static void die(const char *what, const char *err)
{
    fprintf(stderr, "bench_pcs_quote: %s%s%s\n", what, err ? ": " : "", err ? err : "");
    exit(1);
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static bool sign_once(EVP_PKEY *key, const void *msg, size_t len)
{
    uint8_t sig[80];
    size_t sig_len = sizeof sig;
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    bool ok = c && EVP_DigestSignInit(c, NULL, EVP_sha256(), NULL, key) == 1 &&
              EVP_DigestSign(c, sig, &sig_len, msg, len) == 1;
    EVP_MD_CTX_free(c);
    return ok;
}

/* The first quote must verify under the simulated root as UpToDate. */
static void check_quote(vsgx_pcs_store_t *s, const vsgx_pcs_platform_t *pl, const uint8_t *q, size_t len)
{
    const vsgx_pcs_ca_t *ca = vsgx_pcs_store_ca(s);
    char err[256], *tcb = NULL, *qe = NULL, *root_pem = vsgx_pcs_cert_pem(&ca->cert[VSGX_PCS_ROOT_CA], 1);
    char *pck_chain = vsgx_pcs_issuer_chain_pem(ca, pl->ca_role), *tcb_chain = vsgx_pcs_issuer_chain_pem(ca, VSGX_PCS_TCB_SIGNING);
    uint8_t *root_crl = NULL, *pck_crl = NULL;
    size_t root_len = 0, pck_len = 0;
    if (vsgx_pcs_store_tcb_info(s, pl->params.fmspc, 3, VSGX_PCS_UPDATE_STANDARD, &tcb, err, sizeof err) ||
        vsgx_pcs_store_identity(s, "QE", VSGX_PCS_UPDATE_STANDARD, &qe, err, sizeof err) ||
        vsgx_pcs_store_crl(s, VSGX_PCS_ROOT_CA, &root_crl, &root_len, err, sizeof err) ||
        vsgx_pcs_store_crl(s, pl->ca_role, &pck_crl, &pck_len, err, sizeof err))
        die("collateral", err);
    sgx_ql_qve_collateral_t c = {
        .version = 3, .pck_crl_issuer_chain = pck_chain, .pck_crl_issuer_chain_size = (uint32_t)strlen(pck_chain) + 1,
        .root_ca_crl = (char *)root_crl, .root_ca_crl_size = (uint32_t)root_len, .pck_crl = (char *)pck_crl,
        .pck_crl_size = (uint32_t)pck_len, .tcb_info_issuer_chain = tcb_chain,
        .tcb_info_issuer_chain_size = (uint32_t)strlen(tcb_chain) + 1, .tcb_info = tcb,
        .tcb_info_size = (uint32_t)strlen(tcb) + 1, .qe_identity_issuer_chain = tcb_chain,
        .qe_identity_issuer_chain_size = (uint32_t)strlen(tcb_chain) + 1, .qe_identity = qe,
        .qe_identity_size = (uint32_t)strlen(qe) + 1,
    };
    vsgx_collateral_t *col = NULL;
    vsgx_trust_anchor_t *root = NULL;
    vsgx_qvl_failure_t why;
    vsgx_qvl_verdict_t v;
    if (vsgx_collateral_from_intel(&c, &col, &why) || vsgx_trust_anchor_from_pem(root_pem, strlen(root_pem), &root, &why))
        die("loading the collateral", why.message);
    vsgx_qvl_options_t o = { .time = (int64_t)time(NULL), .trust_anchor = root };
    if (vsgx_qvl_verify(q, len, col, &o, &v) != SGX_QL_SUCCESS || v.result != SGX_QL_QV_RESULT_OK)
        die("the kit's quote does not verify", v.failure.message);
    vsgx_collateral_free(col);
    vsgx_trust_anchor_free(root);
    free(tcb), free(qe), free(root_pem), free(pck_chain), free(tcb_chain), free(root_crl), free(pck_crl);
}

int main(int argc, char **argv)
{
    int reps = 7, quotes = 300;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--reps"))
            reps = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--quotes"))
            quotes = atoi(argv[i + 1]);
    }
    if (reps < 1 || reps > 99 || quotes < 1)
        die("usage: bench_pcs_quote [--reps 1..99] [--quotes N]", NULL);
    char dir[] = "/tmp/vsgx-bench-pcs-XXXXXX", pcs[64], plat[64], err[512] = "";
    if (!mkdtemp(dir))
        die("mkdtemp", NULL);
    snprintf(pcs, sizeof pcs, "%s/pcs", dir);
    snprintf(plat, sizeof plat, "%s/plat", dir);
    vsgx_pcs_store_t *s = NULL;
    vsgx_platform_t *p = NULL;
    vsgx_pcs_platform_t pl;
    vsgx_pcs_scenario_t sc;
    if (vsgx_pcs_store_open(pcs, true, &s, err, sizeof err) || vsgx_platform_create(plat, NULL, err, sizeof err) ||
        vsgx_platform_load(plat, &p, err, sizeof err) || vsgx_pcs_scenario_load("up-to-date", &sc, err, sizeof err) ||
        vsgx_pcs_store_register(s, p, sc.ca, &pl, err, sizeof err) || vsgx_pcs_store_apply(s, &sc, p, 0, err, sizeof err))
        die("setup", err);
    vsgx_tcbm_t tcbm = { .cpusvn = p->params.cpusvn, .pce_svn = p->params.pce_svn };
    char *leaf = NULL, *issuers = vsgx_pcs_issuer_chain_pem(vsgx_pcs_store_ca(s), pl.ca_role), *chain = NULL;
    if (vsgx_pcs_store_pck_cert_at(s, &pl, &tcbm, &leaf, err, sizeof err) || asprintf(&chain, "%s%s", leaf, issuers) < 0)
        die("PCK chain", err);
    EVP_PKEY *attest = EVP_EC_gen("P-256");
    sgx_report_body_t app = { .isv_prod_id = 1 }, qe;
    vsgx_quote_kit_qe_body(p, sc.qe_svn, &qe);
    vsgx_quote_kit_t *kit = NULL;
    uint8_t *q = NULL;
    size_t len = 0;
    if (vsgx_quote_kit_new(p, &tcbm, &qe, attest, chain, &kit, err, sizeof err) ||
        vsgx_quote_kit_quote(kit, &app, &q, &len, err, sizeof err))
        die("quote", err);
    check_quote(s, &pl, q, len);

    enum { QUOTE, LIMIT, CERTIFY, CERTIFY_LIMIT, N };
    static const char *const NAMES[N] = { "quote (vsgx_quote_kit_quote)", "limit: 1 ECDSA P-256 signature",
                                          "certify (vsgx_quote_kit_new)",
                                          "limit: 1 signature + 1 P-256 key generation" };
    double *rate[N];
    for (int f = 0; f < N; f++)
        rate[f] = calloc((size_t)reps, sizeof(double));
    int certs = quotes / 4 ? quotes / 4 : 1;
    for (int r = 0; r < reps; r++) {
        double t0 = bench_now();
        for (int i = 0; i < quotes; i++) {
            free(q);
            app.report_data.d[0] = (uint8_t)i;
            if (vsgx_quote_kit_quote(kit, &app, &q, &len, err, sizeof err))
                die("quote", err);
        }
        double t1 = bench_now();
        for (int i = 0; i < quotes; i++)
            if (!sign_once(attest, q, 432))
                die("ECDSA signing", NULL);
        double t2 = bench_now();
        for (int i = 0; i < certs; i++) {
            vsgx_quote_kit_t *k2 = NULL;
            if (vsgx_quote_kit_new(p, &tcbm, &qe, attest, chain, &k2, err, sizeof err))
                die("certify", err);
            vsgx_quote_kit_free(k2);
        }
        double t3 = bench_now();
        for (int i = 0; i < certs; i++) {
            EVP_PKEY *k2 = EVP_EC_gen("P-256");
            if (!k2 || !sign_once(k2, &qe, 384))
                die("ECDSA signing", NULL);
            EVP_PKEY_free(k2);
        }
        double t4 = bench_now();
        rate[QUOTE][r] = quotes / (t1 - t0);
        rate[LIMIT][r] = quotes / (t2 - t1);
        rate[CERTIFY][r] = certs / (t3 - t2);
        rate[CERTIFY_LIMIT][r] = certs / (t4 - t3);
    }
    printf("quote kit: %d rounds of %d quotes (%zu bytes each) and %d certifications, medians\n", reps, quotes, len, certs);
    double m[N];
    for (int f = 0; f < N; f++) {
        m[f] = bench_median(rate[f], reps);
        printf("  %-46s %10.0f /s  %8.1f us\n", NAMES[f], m[f], 1e6 / m[f]);
    }
    printf("  quote / limit: %.0f%%   certify / limit: %.0f%%\n", 100 * m[QUOTE] / m[LIMIT],
           100 * m[CERTIFY] / m[CERTIFY_LIMIT]);
    printf("TSV\tquotes_per_s\t%.0f\nTSV\tlimit_per_s\t%.0f\nTSV\tcertify_per_s\t%.0f\nTSV\tcertify_limit_per_s\t%.0f\n",
           m[QUOTE], m[LIMIT], m[CERTIFY], m[CERTIFY_LIMIT]);
    for (int f = 0; f < N; f++)
        free(rate[f]);
    vsgx_quote_kit_free(kit);
    free(q), free(leaf), free(issuers), free(chain);
    EVP_PKEY_free(attest);
    vsgx_platform_free(p);
    vsgx_pcs_store_close(s);
    nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    return 0;
}
