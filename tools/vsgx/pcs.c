/* pcs.c — `vsgx pcs`: the simulated Intel PCS. manufacture (a new platform, registered with the
 * PCS, and a scenario published for it), apply (another scenario), pckid (what Intel's
 * PCKIDRetrievalTool prints), scenarios (the built-in ones), and dispatch to serve and quote. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "hex.h"
#include "pcs_cli.h"
#include "quote_kit.h"

static const char HELP[] =
    "usage: vsgx pcs manufacture [--pcs DIR] [--platform DIR] [--scenario NAME|FILE] [--ca processor|platform]\n"
    "                            [--fmspc HEX12] [--cpusvn HEX32] [--pcesvn N]\n"
    "       vsgx pcs apply [--pcs DIR] [--platform DIR] --scenario NAME|FILE [--ca processor|platform]\n"
    "       vsgx pcs pckid [--pcs DIR] [--platform DIR]\n"
    "       vsgx pcs scenarios [--json]\n"
    "       vsgx pcs quote [--pcs DIR] [--platform DIR] --scenario NAME|FILE --out DIR [--ca processor|platform]\n"
    "                      [--report-body FILE]\n"
    "       vsgx pcs serve [--pcs DIR] [--listen HOST:PORT] [--threads N]\n"
    "\n"
    "The simulated Intel Provisioning Certification Service. Its state (CAs named like Intel's but\n"
    "issued by \"vsgx Simulated Intel PCS\", its PPID encryption key, pcs.db) lives in DIR: --pcs,\n"
    "else $VSGX_PCS, else ~/.local/share/vsgx/pcs; it is created when missing. The platform is\n"
    "--platform, else $VSGX_PLATFORM, else ~/.local/share/vsgx/platform.\n"
    "manufacture: create a platform (fresh fused secrets), register its RPK with the PCS as Intel\n"
    "             does at manufacturing, and publish a scenario for it (default up-to-date); on\n"
    "             failure no platform is left behind.\n"
    "apply:       publish a scenario for a platform (registering it if needed): the TCB info of its\n"
    "             FMSPC, the QE and QvE identities, the CRLs. The last scenario applied is served.\n"
    "pckid:       EncryptedPPID,PCE_ID,CPUSVN,PCE_ISVSVN,QE_ID as Intel's PCKIDRetrievalTool prints\n"
    "             them (the PPID encrypted for this PCS with RSA-3072 OAEP, as the PCE does).\n"
    "scenarios:   the built-in scenarios.\n"
    "quote:       a v3 quote from the platform and its collateral under the scenario, in DIR:\n"
    "             quote.bin, collateral/ and trust_anchor.pem (the simulated root). Verify it with\n"
    "             `vsgx quote verify DIR/quote.bin --collateral DIR/collateral\n"
    "              --trust-anchor DIR/trust_anchor.pem`; under Intel's root it never verifies.\n"
    "serve:       the PCS API (v4 and v3) over HTTP; see `vsgx pcs serve --help`.\n"
    "Exit status: 0 done, 2 bad arguments or a failure (the message says what and why).\n";

static const struct {
    const char *name;
    size_t off;
} OPTIONS[] = {
#define OPT(n, f) { n, offsetof(pcs_args_t, f) }
    OPT("pcs", pcs), OPT("platform", platform), OPT("scenario", scenario), OPT("ca", ca), OPT("fmspc", fmspc),
    OPT("cpusvn", cpusvn), OPT("pcesvn", pcesvn), OPT("out", out), OPT("report-body", report_body),
#undef OPT
};

/* Whether the space-separated list has the word. */
static bool has_word(const char *list, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = strstr(list, w); p; p = strstr(p + 1, w))
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
            return true;
    return false;
}

int pcs_parse(int argc, char **argv, const char *allowed, const char *help, pcs_args_t *a)
{
    memset(a, 0, sizeof *a);
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(help, stdout);
            return EXIT_OK;
        }
        if (!strcmp(argv[i], "--json") && has_word(allowed, "json")) {
            a->json = true;
            continue;
        }
        bool matched = false;
        for (size_t k = 0; !matched && k < sizeof OPTIONS / sizeof OPTIONS[0]; k++) {
            char flag[32];
            snprintf(flag, sizeof flag, "--%s", OPTIONS[k].name);
            const char *v = NULL;
            if (has_word(allowed, OPTIONS[k].name) && cli_option(argc, argv, &i, flag, &v)) {
                if (!v)
                    return EXIT_INVALID;
                *(const char **)((char *)a + OPTIONS[k].off) = v;
                matched = true;
            }
        }
        if (!matched) {
            fprintf(stderr, "vsgx pcs %s: unexpected argument %s\n%s", argv[0], argv[i], help);
            return EXIT_INVALID;
        }
    }
    return -1;
}

vsgx_pcs_store_t *pcs_open_store(const pcs_args_t *a, bool create, const char *cmd)
{
    char *dir = a->pcs ? strdup(a->pcs) : vsgx_pcs_default_dir();
    if (!dir) {
        fprintf(stderr, "vsgx pcs %s: no PCS directory: give --pcs or set VSGX_PCS (or HOME)\n", cmd);
        return NULL;
    }
    char err[512] = "";
    vsgx_pcs_store_t *s = NULL;
    if (vsgx_pcs_store_open(dir, create, &s, err, sizeof err))
        fprintf(stderr, "vsgx pcs %s: %s\n", cmd, err);
    free(dir);
    return s;
}

vsgx_platform_t *pcs_load_platform(const pcs_args_t *a, const char *cmd)
{
    char *dir = a->platform ? strdup(a->platform) : vsgx_platform_default_dir();
    char err[512] = "no platform directory: give --platform or set VSGX_PLATFORM (or HOME)";
    vsgx_platform_t *p = NULL;
    if (!dir || vsgx_platform_load(dir, &p, err, sizeof err))
        fprintf(stderr, "vsgx pcs %s: %s\n", cmd, err);
    free(dir);
    return p;
}

bool pcs_scenario(const pcs_args_t *a, vsgx_pcs_scenario_t *sc, const char *cmd)
{
    char err[512] = "";
    if (vsgx_pcs_scenario_load(a->scenario ? a->scenario : "up-to-date", sc, err, sizeof err)) {
        fprintf(stderr, "vsgx pcs %s: %s\n", cmd, err);
        return false;
    }
    if (a->ca && strcmp(a->ca, "processor") && strcmp(a->ca, "platform")) {
        fprintf(stderr, "vsgx pcs %s: --ca: expected processor or platform, got '%s'\n", cmd, a->ca);
        return false;
    }
    if (a->ca)
        sc->ca = strcmp(a->ca, "platform") ? VSGX_PCS_PROCESSOR_CA : VSGX_PCS_PLATFORM_CA;
    return true;
}

bool pcs_publish(vsgx_pcs_store_t *s, const vsgx_platform_t *p, const vsgx_pcs_scenario_t *sc, vsgx_pcs_platform_t *pl,
                 const char *cmd)
{
    char err[512] = "";
    if (vsgx_pcs_store_publish(s, sc, p, 0, pl, err, sizeof err)) {
        fprintf(stderr, "vsgx pcs %s: %s\n", cmd, err);
        return false;
    }
    return true;
}

static void print_published(const vsgx_platform_t *p, const vsgx_pcs_platform_t *pl, const vsgx_pcs_scenario_t *sc)
{
    char ppid[33], fmspc[13];
    vsgx_hex_encode(pl->ppid, 16, ppid);
    vsgx_hex_encode_upper(p->params.fmspc, 6, fmspc);
    printf("platform %s: PPID %s, FMSPC %s, certified by the PCK %s CA\nscenario %s published: %s\n", p->dir, ppid,
           fmspc, sc->ca == VSGX_PCS_PLATFORM_CA ? "Platform" : "Processor", sc->name, sc->description);
}

/* Platform parameters: defaults with --fmspc, --cpusvn, --pcesvn applied. */
static bool manufacture_params(const pcs_args_t *a, vsgx_platform_params_t *params)
{
    if (vsgx_platform_params_default(params) != 0) {
        fprintf(stderr, "vsgx pcs manufacture: no randomness for the platform instance id\n");
        return false;
    }
    char *end;
    unsigned long v = 0;
    if (a->fmspc && (strlen(a->fmspc) != 12 || !vsgx_hex_decode(a->fmspc, 12, params->fmspc, 6)))
        fprintf(stderr, "vsgx pcs manufacture: --fmspc: expected 12 hex digits, got '%s'\n", a->fmspc);
    else if (a->cpusvn && (strlen(a->cpusvn) != 32 || !vsgx_hex_decode(a->cpusvn, 32, params->cpusvn.svn, 16)))
        fprintf(stderr, "vsgx pcs manufacture: --cpusvn: expected 32 hex digits, got '%s'\n", a->cpusvn);
    else if (a->pcesvn && (errno = 0, v = strtoul(a->pcesvn, &end, 10),
                           !*a->pcesvn || *end || errno || v > 0xFFFF || a->pcesvn[0] == '-'))
        fprintf(stderr, "vsgx pcs manufacture: --pcesvn: expected a number 0..65535, got '%s'\n", a->pcesvn);
    else {
        if (a->pcesvn)
            params->pce_svn = (uint16_t)v;
        return true;
    }
    return false;
}

/* Removes the platform manufacture created in dir (its two files; dir too when it made it). */
static void remove_platform(const char *dir, bool made_dir)
{
    static const char *const FILES[] = { VSGX_PLATFORM_PUBLIC_FILE, VSGX_PLATFORM_SECRETS_FILE };
    char path[4096];
    for (size_t i = 0; i < 2; i++)
        if (snprintf(path, sizeof path, "%s/%s", dir, FILES[i]) < (int)sizeof path)
            unlink(path);
    if (made_dir)
        rmdir(dir);
}

static int cmd_manufacture(int argc, char **argv)
{
    pcs_args_t a;
    int rc = pcs_parse(argc, argv, "pcs platform scenario ca fmspc cpusvn pcesvn", HELP, &a);
    if (rc >= 0)
        return rc;
    vsgx_platform_params_t params;
    vsgx_pcs_scenario_t sc;
    if (!manufacture_params(&a, &params) || !pcs_scenario(&a, &sc, "manufacture"))
        return EXIT_INVALID;
    char *dir = a.platform ? strdup(a.platform) : vsgx_platform_default_dir();
    if (!dir) {
        fprintf(stderr, "vsgx pcs manufacture: no platform directory: give --platform or set VSGX_PLATFORM (or HOME)\n");
        return EXIT_INVALID;
    }
    /* The PCS first: when it cannot be opened, no platform is made. */
    rc = EXIT_INVALID;
    vsgx_pcs_store_t *s = pcs_open_store(&a, true, "manufacture");
    char err[512] = "";
    struct stat st;
    bool made_dir = stat(dir, &st) != 0;
    bool made = s && vsgx_platform_create(dir, &params, err, sizeof err) == VSGX_PLATFORM_OK;
    vsgx_platform_t *p = NULL;
    if (s && (!made || vsgx_platform_load(dir, &p, err, sizeof err) != VSGX_PLATFORM_OK))
        fprintf(stderr, "vsgx pcs manufacture: %s\n", err);
    vsgx_pcs_platform_t pl;
    if (p && pcs_publish(s, p, &sc, &pl, "manufacture")) {
        print_published(p, &pl, &sc);
        rc = EXIT_OK;
    }
    if (made && rc != EXIT_OK) /* nothing half-made is left behind */
        remove_platform(dir, made_dir);
    vsgx_platform_free(p);
    vsgx_pcs_store_close(s);
    free(dir);
    return rc;
}

static int cmd_apply(int argc, char **argv)
{
    pcs_args_t a;
    int rc = pcs_parse(argc, argv, "pcs platform scenario ca", HELP, &a);
    if (rc >= 0)
        return rc;
    vsgx_pcs_scenario_t sc;
    if (!a.scenario) {
        fprintf(stderr, "vsgx pcs apply: give --scenario NAME|FILE (`vsgx pcs scenarios` lists them)\n");
        return EXIT_INVALID;
    }
    if (!pcs_scenario(&a, &sc, "apply"))
        return EXIT_INVALID;
    rc = EXIT_INVALID;
    vsgx_platform_t *p = pcs_load_platform(&a, "apply");
    vsgx_pcs_store_t *s = p ? pcs_open_store(&a, true, "apply") : NULL;
    vsgx_pcs_platform_t pl;
    if (s && pcs_publish(s, p, &sc, &pl, "apply")) {
        print_published(p, &pl, &sc);
        rc = EXIT_OK;
    }
    vsgx_platform_free(p);
    vsgx_pcs_store_close(s);
    return rc;
}

static int cmd_pckid(int argc, char **argv)
{
    pcs_args_t a;
    int rc = pcs_parse(argc, argv, "pcs platform", HELP, &a);
    if (rc >= 0)
        return rc;
    rc = EXIT_INVALID;
    vsgx_platform_t *p = pcs_load_platform(&a, "pckid");
    vsgx_pcs_store_t *s = p ? pcs_open_store(&a, false, "pckid") : NULL;
    vsgx_pce_identity_t pce;
    vsgx_pcs_pce_identity(&pce);
    uint8_t ppid[16], enc[VSGX_PPID_ENC_SIZE], qe_id[16];
    if (s && (vsgx_pce_ppid(p, &pce, ppid) != SGX_SUCCESS || !vsgx_ppid_encrypt(vsgx_pcs_store_pek(s), ppid, enc) ||
              vsgx_quote_kit_qe_id(p, qe_id) != SGX_SUCCESS)) {
        fprintf(stderr, "vsgx pcs pckid: deriving or encrypting the PPID failed\n");
    } else if (s) {
        char enc_hex[2 * VSGX_PPID_ENC_SIZE + 1], cpusvn[33], qe_hex[33];
        vsgx_hex_encode_upper(enc, sizeof enc, enc_hex);
        vsgx_hex_encode_upper(p->params.cpusvn.svn, 16, cpusvn);
        vsgx_hex_encode_upper(qe_id, 16, qe_hex);
        /* PCE-ID and PCE ISVSVN as the little-endian bytes, as Intel's tool prints them. */
        printf("%s,%02X%02X,%s,%02X%02X,%s\n", enc_hex, p->params.pce_id & 0xFF, p->params.pce_id >> 8, cpusvn,
               p->params.pce_svn & 0xFF, p->params.pce_svn >> 8, qe_hex);
        rc = EXIT_OK;
    }
    OPENSSL_cleanse(ppid, sizeof ppid);
    vsgx_platform_free(p);
    vsgx_pcs_store_close(s);
    return rc;
}

static int cmd_scenarios(int argc, char **argv)
{
    pcs_args_t a;
    int rc = pcs_parse(argc, argv, "json", HELP, &a);
    if (rc >= 0)
        return rc;
    json_t *list = json_object();
    for (const char *const *n = vsgx_pcs_scenario_names(); *n; n++) {
        vsgx_pcs_scenario_t sc;
        char err[256];
        if (vsgx_pcs_scenario_load(*n, &sc, err, sizeof err)) {
            fprintf(stderr, "vsgx pcs scenarios: %s\n", err);
            json_decref(list);
            return EXIT_INVALID;
        }
        json_object_set_new(list, *n, json_string(sc.description));
    }
    cli_print(list, a.json);
    return EXIT_OK;
}

int cmd_pcs(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*run)(int, char **);
    } COMMANDS[] = { { "manufacture", cmd_manufacture }, { "apply", cmd_apply }, { "pckid", cmd_pckid },
                     { "scenarios", cmd_scenarios },     { "quote", cmd_pcs_quote }, { "serve", cmd_pcs_serve } };
    for (size_t i = 0; argc >= 2 && i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        if (!strcmp(argv[1], COMMANDS[i].name))
            return COMMANDS[i].run(argc - 1, argv + 1);
    bool help = argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"));
    fputs(HELP, help ? stdout : stderr);
    return help ? EXIT_OK : EXIT_INVALID;
}
