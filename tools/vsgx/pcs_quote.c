/* pcs_quote.c — `vsgx pcs quote`: the quote kit from the command line. Checks that the output
 * directory is absent or empty and makes a staging directory beside it, then publishes the
 * scenario for the platform and writes a v3 quote of an application enclave on that platform
 * (quote.bin), its collateral as the PCS serves it (collateral/, in the form of the real
 * vectors: CRLs in DER, TCB info and QE identity bodies, issuer chains in PEM) and the simulated
 * root (trust_anchor.pem), and renames the staging directory into place: the directory appears
 * whole or not at all. A quote that fails before publishing leaves the PCS as it was; one that
 * fails after it leaves the scenario published. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/ec.h>
#include <openssl/evp.h>

#include "cli.h"
#include "pcs_cli.h"
#include "pcs_crl.h"
#include "quote_kit.h"

static const char HELP[] =
    "usage: vsgx pcs quote [--pcs DIR] [--platform DIR] --scenario NAME|FILE --out DIR [--ca processor|platform]\n"
    "                      [--report-body FILE]\n"
    "\n"
    "Publishes the scenario for the platform (as `vsgx pcs apply`), then writes into DIR (new, or\n"
    "empty: checked before anything is published) a v3 ECDSA quote made as the platform's QE3 and\n"
    "PCE make it, and its collateral:\n"
    "  quote.bin          the quote (certification data type 5: the PCK certificate chain)\n"
    "  collateral/        pck_crl.der, pck_crl_issuer_chain.pem, root_ca_crl.der, tcb_info.json,\n"
    "                     tcb_info_issuer_chain.pem, qe_identity.json, qe_identity_issuer_chain.pem\n"
    "  trust_anchor.pem   the simulated root CA: the only root the quote verifies under\n"
    "--report-body: the application enclave's REPORT body (384 bytes) or whole REPORT (432 bytes);\n"
    "default: a fixed demonstration enclave identity.\n"
    "Exit status: 0 written, 2 bad arguments or a failure (nothing is left behind).\n";

/* The demonstration enclave: MRENCLAVE and MRSIGNER from fixed labels, INIT | MODE64BIT, and
 * report data naming the kit. */
static void demo_body(sgx_report_body_t *b)
{
    memset(b, 0, sizeof *b);
    b->attributes.flags = SGX_FLAGS_INITTED | SGX_FLAGS_MODE64BIT;
    b->attributes.xfrm = 0x3;
    EVP_Digest("vsgx demo enclave", 17, b->mr_enclave.m, NULL, EVP_sha256(), NULL);
    EVP_Digest("vsgx demo signer", 16, b->mr_signer.m, NULL, EVP_sha256(), NULL);
    b->isv_prod_id = 1;
    b->isv_svn = 1;
    memcpy(b->report_data.d, "vsgx pcs quote kit", 18);
}

static bool app_body(const pcs_args_t *a, sgx_report_body_t *b)
{
    if (!a->report_body) {
        demo_body(b);
        return true;
    }
    uint8_t *data = NULL;
    size_t len = 0;
    if (!cli_read_file(a->report_body, 4096, &data, &len))
        return false;
    bool ok = len == sizeof *b || len == sizeof(sgx_report_t);
    if (ok)
        memcpy(b, data, sizeof *b); /* a REPORT starts with its body */
    else
        fprintf(stderr, "vsgx pcs quote: --report-body %s: %zu bytes, expected 384 (a REPORT body) or 432 (a REPORT)\n",
                a->report_body, len);
    free(data);
    return ok;
}

static bool write_file(const char *dir, const char *name, const void *data, size_t len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0644);
    bool ok = fd >= 0 && write(fd, data, len) == (ssize_t)len;
    if (fd >= 0 && close(fd) != 0)
        ok = false;
    if (!ok)
        fprintf(stderr, "vsgx pcs quote: writing %s: %s\n", path, strerror(errno));
    return ok;
}

static bool write_text(const char *dir, const char *name, char *text)
{
    bool ok = text && write_file(dir, name, text, strlen(text));
    if (!text)
        fprintf(stderr, "vsgx pcs quote: %s: out of memory\n", name);
    free(text);
    return ok;
}

/* The collateral of the platform as the PCS serves it now. */
static bool write_collateral(vsgx_pcs_store_t *s, const vsgx_pcs_platform_t *pl, const char *dir)
{
    const vsgx_pcs_ca_t *ca = vsgx_pcs_store_ca(s);
    char err[512] = "";
    char *tcb = NULL, *qe = NULL;
    uint8_t *root_crl = NULL, *pck_crl = NULL;
    size_t root_len = 0, pck_len = 0;
    bool ok = !vsgx_pcs_store_tcb_info(s, pl->params.fmspc, 3, VSGX_PCS_UPDATE_STANDARD, &tcb, err, sizeof err) &&
              !vsgx_pcs_store_identity(s, "QE", VSGX_PCS_UPDATE_STANDARD, &qe, err, sizeof err) &&
              !vsgx_pcs_store_crl(s, VSGX_PCS_ROOT_CA, &root_crl, &root_len, err, sizeof err) &&
              !vsgx_pcs_store_crl(s, pl->ca_role, &pck_crl, &pck_len, err, sizeof err);
    if (!ok)
        fprintf(stderr, "vsgx pcs quote: %s\n", err);
    ok = ok && write_text(dir, "tcb_info.json", tcb) && write_text(dir, "qe_identity.json", qe);
    tcb = qe = NULL;
    ok = ok && write_file(dir, "root_ca_crl.der", root_crl, root_len) && write_file(dir, "pck_crl.der", pck_crl, pck_len) &&
         write_text(dir, "pck_crl_issuer_chain.pem", vsgx_pcs_issuer_chain_pem(ca, pl->ca_role)) &&
         write_text(dir, "tcb_info_issuer_chain.pem", vsgx_pcs_issuer_chain_pem(ca, VSGX_PCS_TCB_SIGNING)) &&
         write_text(dir, "qe_identity_issuer_chain.pem", vsgx_pcs_issuer_chain_pem(ca, VSGX_PCS_TCB_SIGNING));
    free(tcb);
    free(qe);
    free(root_crl);
    free(pck_crl);
    return ok;
}

/* The quote of app on p, its PCK chain at the platform's own TCB. */
static bool write_quote(vsgx_pcs_store_t *s, const vsgx_platform_t *p, const vsgx_pcs_platform_t *pl,
                        const vsgx_pcs_scenario_t *sc, const sgx_report_body_t *app, const char *dir)
{
    vsgx_tcbm_t tcbm = { .cpusvn = p->params.cpusvn, .pce_svn = p->params.pce_svn };
    char err[512] = "";
    char *leaf = NULL, *issuers = vsgx_pcs_issuer_chain_pem(vsgx_pcs_store_ca(s), pl->ca_role), *chain = NULL;
    EVP_PKEY *attest = EVP_EC_gen("P-256");
    uint8_t *quote = NULL;
    size_t len = 0;
    sgx_report_body_t qe;
    vsgx_quote_kit_qe_body(p, sc->qe_svn, &qe);
    bool ok = issuers && attest && !vsgx_pcs_store_pck_cert_at(s, pl, &tcbm, &leaf, err, sizeof err) &&
              asprintf(&chain, "%s%s", leaf, issuers) >= 0 &&
              !vsgx_quote_kit_build(p, &tcbm, app, &qe, attest, chain, &quote, &len, err, sizeof err);
    if (!ok)
        fprintf(stderr, "vsgx pcs quote: %s\n", *err ? err : "out of memory");
    ok = ok && write_file(dir, "quote.bin", quote, len) &&
         write_text(dir, "trust_anchor.pem", vsgx_pcs_cert_pem(&vsgx_pcs_store_ca(s)->cert[VSGX_PCS_ROOT_CA], 1));
    free(leaf);
    free(issuers);
    free(chain);
    free(quote);
    EVP_PKEY_free(attest);
    return ok;
}

/* Removes the files written into a staging directory, then the directory. */
static void remove_staging(const char *dir)
{
    static const char *const FILES[] = { "quote.bin", "trust_anchor.pem", "collateral/tcb_info.json",
                                         "collateral/qe_identity.json", "collateral/root_ca_crl.der",
                                         "collateral/pck_crl.der", "collateral/pck_crl_issuer_chain.pem",
                                         "collateral/tcb_info_issuer_chain.pem",
                                         "collateral/qe_identity_issuer_chain.pem", "collateral" };
    char path[4096];
    for (size_t i = 0; i < sizeof FILES / sizeof FILES[0]; i++) {
        if (snprintf(path, sizeof path, "%s/%s", dir, FILES[i]) >= (int)sizeof path)
            continue;
        (i + 1 == sizeof FILES / sizeof FILES[0] ? rmdir : unlink)(path);
    }
    rmdir(dir);
}

/* --out without its trailing slashes (new string), once it is known to be absent or an empty
 * directory: checked before anything is published. NULL after printing why. */
static char *out_dir(const char *arg)
{
    size_t n = strlen(arg);
    while (n > 1 && arg[n - 1] == '/')
        n--;
    char *out = strndup(arg, n);
    if (!out) {
        fprintf(stderr, "vsgx pcs quote: out of memory\n");
        return NULL;
    }
    DIR *d = opendir(out);
    if (!d && errno == ENOENT)
        return out;
    const char *why = d ? NULL : errno == ENOTDIR ? "exists and is not a directory" : strerror(errno);
    for (struct dirent *e; d && !why && (e = readdir(d));)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            why = "exists and is not empty";
    if (d)
        closedir(d);
    if (!why)
        return out;
    fprintf(stderr, "vsgx pcs quote: %s: %s\n", out, why);
    free(out);
    return NULL;
}

int cmd_pcs_quote(int argc, char **argv)
{
    pcs_args_t a;
    int rc = pcs_parse(argc, argv, "pcs platform scenario ca out report-body", HELP, &a);
    if (rc >= 0)
        return rc;
    if (!a.scenario || !a.out) {
        fprintf(stderr, "vsgx pcs quote: give --scenario NAME|FILE and --out DIR\n");
        return EXIT_INVALID;
    }
    vsgx_pcs_scenario_t sc;
    sgx_report_body_t app;
    char *out = NULL;
    if (!pcs_scenario(&a, &sc, "quote") || !app_body(&a, &app) || !(out = out_dir(a.out)))
        return EXIT_INVALID;
    char staging[4096], collateral[4200];
    snprintf(staging, sizeof staging, "%s.partial-XXXXXX", out);
    rc = EXIT_INVALID;
    vsgx_platform_t *p = pcs_load_platform(&a, "quote");
    vsgx_pcs_store_t *s = p ? pcs_open_store(&a, true, "quote") : NULL;
    vsgx_pcs_platform_t pl;
    /* Where the output goes is made first: publishing changes what the PCS serves. */
    if (s && !mkdtemp(staging))
        fprintf(stderr, "vsgx pcs quote: creating %s: %s\n", staging, strerror(errno));
    else if (s) {
        snprintf(collateral, sizeof collateral, "%s/collateral", staging);
        bool ok = chmod(staging, 0755) == 0 && mkdir(collateral, 0755) == 0 && pcs_publish(s, p, &sc, &pl, "quote") &&
                  write_collateral(s, &pl, collateral) && write_quote(s, p, &pl, &sc, &app, staging);
        if (ok && rename(staging, out) != 0) {
            fprintf(stderr, "vsgx pcs quote: %s: %s\n", out,
                    errno == ENOTEMPTY || errno == EEXIST ? "exists and is not empty" : strerror(errno));
            ok = false;
        }
        if (!ok)
            remove_staging(staging);
        else
            rc = EXIT_OK;
    }
    vsgx_pcs_store_close(s);
    vsgx_platform_free(p);
    free(out);
    return rc;
}
