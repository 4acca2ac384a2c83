/* quote_verify.c — `vsgx quote verify`: Intel's verdict on a quote and its collateral, with the
 * failing check, field and offset when there is one. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "file.h"
#include "timefmt.h"
#include "vsgx/qvl.h"

static const char HELP[] =
    "usage: vsgx quote verify QUOTE --collateral DIR|FILE [--time UNIX|ISO-8601]\n"
    "                         [--trust-anchor CERT] [--pck-chain PEM] [--reject-debug] [--json]\n"
    "\n"
    "Verifies an SGX DCAP quote (v3, or v4 with TEE type SGX) with every check of Intel's QVL:\n"
    "PCK chain and CRLs, TCB info and QE identity signatures and chains, QE report and binding,\n"
    "QE identity, quote signature, TCB level and status.\n"
    "\n"
    "  --collateral DIR|FILE  a directory of PCS/PCCS responses (tcb_info.json, qe_identity.json,\n"
    "                         pck_crl.der, root_ca_crl.der, *_issuer_chain.pem), or a dcap-qvl\n"
    "                         collateral JSON file\n"
    "  --time T               the verification time (\"now\" for expiry and CRLs); default: now\n"
    "  --trust-anchor CERT    trust this root (PEM or DER) instead of the real Intel SGX Root CA\n"
    "  --pck-chain PEM        PCK certificate chain for quotes whose certification data has none\n"
    "  --reject-debug         fail quotes from enclaves with the DEBUG attribute\n"
    "  --json                 one JSON object: status, result, advisory_ids, qe_tcb_status,\n"
    "                         collateral_expired, earliest_expiration, error, ...\n"
    "\n"
    "Exit status:\n"
    "  0  UpToDate (result 0x0000) and the collateral is valid at the time\n"
    "  1  a non-terminal result (SWHardeningNeeded, ConfigurationNeeded, OutOfDate, ...), or the\n"
    "     collateral is expired or not yet valid at the time\n"
    "  2  a terminal result (invalid signature, revoked, ...) or invalid input\n";

typedef struct {
    const char *quote, *collateral, *time, *anchor, *pck_chain;
    bool json, reject_debug;
} args_t;

static int parse_args(int argc, char **argv, args_t *a)
{
    memset(a, 0, sizeof *a);
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        const char **slot = NULL;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(HELP, stdout);
            return EXIT_OK;
        } else if (!strcmp(argv[i], "--json")) {
            a->json = true;
        } else if (!strcmp(argv[i], "--reject-debug")) {
            a->reject_debug = true;
        } else if (cli_option(argc, argv, &i, "--collateral", &v)) {
            slot = &a->collateral;
        } else if (cli_option(argc, argv, &i, "--time", &v)) {
            slot = &a->time;
        } else if (cli_option(argc, argv, &i, "--trust-anchor", &v)) {
            slot = &a->anchor;
        } else if (cli_option(argc, argv, &i, "--pck-chain", &v)) {
            slot = &a->pck_chain;
        } else if (argv[i][0] != '-' && !a->quote) {
            a->quote = argv[i];
        } else {
            fprintf(stderr, "vsgx quote verify: unexpected argument %s\n", argv[i]);
            return EXIT_INVALID;
        }
        if (slot && !v)
            return EXIT_INVALID; /* cli_option said which value is missing */
        if (slot)
            *slot = v;
    }
    if (!a->quote || !a->collateral) {
        fprintf(stderr, "vsgx quote verify: a QUOTE and --collateral are required\n%s", HELP);
        return EXIT_INVALID;
    }
    return -1;
}

static json_t *time_json(int64_t t)
{
    char s[21];
    if (t == 0 || t == INT64_MAX || t == INT64_MIN)
        return json_null();
    vsgx_time_format(t, s);
    return json_string(s);
}

static json_t *failure_json(const vsgx_qvl_failure_t *f)
{
    char code[16];
    snprintf(code, sizeof code, "0x%04X", (unsigned)f->code);
    json_t *o = json_object();
    json_object_set_new(o, "code", json_string(code));
    json_object_set_new(o, "name", json_string(vsgx_quote3_error_name(f->code)));
    json_object_set_new(o, "check", json_string(f->check));
    json_object_set_new(o, "field", json_string(f->field));
    json_object_set_new(o, "offset", f->offset >= 0 ? json_integer(f->offset) : json_null());
    json_object_set_new(o, "message", json_string(f->message));
    return o;
}

static json_t *opt_string(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *verdict_json(const vsgx_qvl_verdict_t *v, int64_t t, bool custom_anchor)
{
    char result[16], when[21];
    snprintf(result, sizeof result, "0x%04X", (unsigned)v->result);
    vsgx_time_format(t, when);
    json_t *adv = json_array();
    for (size_t i = 0; i < v->advisory_count; i++)
        json_array_append_new(adv, json_string(v->advisory_ids[i]));
    json_t *o = json_object();
    json_object_set_new(o, "status", opt_string(v->status));
    json_object_set_new(o, "result", json_string(result));
    json_object_set_new(o, "result_name", json_string(vsgx_qv_result_name(v->result)));
    json_object_set_new(o, "advisory_ids", adv);
    json_object_set_new(o, "platform_tcb_status", opt_string(v->platform_status));
    json_object_set_new(o, "qe_tcb_status", opt_string(v->qe_status));
    json_object_set_new(o, "tcb_date", time_json(v->tcb_date));
    json_object_set_new(o, "verification_time", json_string(when));
    json_object_set_new(o, "collateral_expired", json_boolean(v->collateral_expired));
    json_object_set_new(o, "collateral_not_yet_valid", json_boolean(v->collateral_not_yet_valid));
    json_object_set_new(o, "earliest_issue", time_json(v->earliest_issue));
    json_object_set_new(o, "latest_issue", time_json(v->latest_issue));
    json_object_set_new(o, "earliest_expiration", time_json(v->earliest_expiration));
    json_object_set_new(o, "debug_enclave", json_boolean(v->debug_enclave));
    json_object_set_new(o, "trust_anchor", json_string(custom_anchor ? "custom" : "Intel SGX Root CA"));
    json_object_set_new(o, "error", v->error ? failure_json(&v->failure) : json_null());
    return o;
}

static void print_text(const vsgx_qvl_verdict_t *v, const args_t *a, int64_t t)
{
    char when[21], from[21], until[21];
    vsgx_time_format(t, when);
    printf("quote:        %s\n", a->quote);
    printf("trust anchor: %s\n", a->anchor ? a->anchor : "Intel SGX Root CA (built in)");
    printf("time:         %s\n", when);
    if (v->status) {
        printf("verdict:      %s (%s, 0x%04X)\n", v->status, vsgx_qv_result_name(v->result), (unsigned)v->result);
        printf("platform TCB: %s, QE TCB: %s\n", v->platform_status, v->qe_status);
        printf("advisories:   ");
        for (size_t i = 0; i < v->advisory_count; i++)
            printf("%s%s", i ? ", " : "", v->advisory_ids[i]);
        printf("%s\n", v->advisory_count ? "" : "none");
    }
    if (v->earliest_expiration) {
        vsgx_time_format(v->latest_issue, from);
        vsgx_time_format(v->earliest_expiration, until);
        printf("collateral:   valid from %s until %s%s\n", from, until,
               v->collateral_expired ? " -- EXPIRED at this time"
               : v->collateral_not_yet_valid ? " -- NOT YET VALID at this time" : "");
    }
    if (v->debug_enclave)
        printf("warning:      the enclave has the DEBUG attribute\n");
    if (v->error)
        printf("FAILED:       %s\n              %s (0x%04X), check %s, field %s%s\n", v->failure.message,
               vsgx_quote3_error_name(v->failure.code), (unsigned)v->failure.code, v->failure.check,
               v->failure.field, v->failure.offset >= 0 ? "" : " (not in the quote)");
    if (v->error && v->failure.offset >= 0)
        printf("              at offset %lld of the quote\n", (long long)v->failure.offset);
}

int cmd_quote_verify(int argc, char **argv)
{
    args_t a;
    int rc = parse_args(argc, argv, &a);
    if (rc >= 0)
        return rc;
    int64_t t = (int64_t)time(NULL);
    if (a.time && !vsgx_time_parse(a.time, strlen(a.time), &t)) {
        fprintf(stderr, "vsgx quote verify: --time %s is neither Unix seconds nor ISO-8601 UTC\n", a.time);
        return EXIT_INVALID;
    }
    uint8_t *quote = NULL, *chain = NULL;
    size_t quote_len, chain_len;
    vsgx_collateral_t *coll = NULL;
    vsgx_trust_anchor_t *anchor = NULL;
    vsgx_qvl_verdict_t *v = calloc(1, sizeof *v);
    vsgx_qvl_failure_t why;
    rc = EXIT_INVALID;
    if (!v || !cli_read_file(a.quote, 1u << 20, &quote, &quote_len))
        goto out;
    if (vsgx_collateral_load(a.collateral, &coll, &why) ||
        (a.anchor && vsgx_trust_anchor_load(a.anchor, &anchor, &why))) {
        fprintf(stderr, "vsgx quote verify: %s (%s)\n", why.message, vsgx_quote3_error_name(why.code));
        goto out;
    }
    if (a.pck_chain) {
        if (!cli_read_file(a.pck_chain, 1u << 20, &chain, &chain_len))
            goto out;
        if (vsgx_collateral_set_pck_chain(coll, (const char *)chain, chain_len, &why)) {
            fprintf(stderr, "vsgx quote verify: %s: %s\n", a.pck_chain, why.message);
            goto out;
        }
    }
    vsgx_qvl_options_t opts = { .time = t, .trust_anchor = anchor, .reject_debug = a.reject_debug };
    vsgx_qvl_verify(quote, quote_len, coll, &opts, v);
    if (a.json)
        cli_print(verdict_json(v, t, anchor != NULL), true);
    else
        print_text(v, &a, t);
    if (v->error)
        rc = EXIT_INVALID;
    else if (v->result != SGX_QL_QV_RESULT_OK || v->collateral_expired || v->collateral_not_yet_valid)
        rc = EXIT_NONTERMINAL;
    else
        rc = EXIT_OK;
out:
    free(v);
    free(quote);
    free(chain);
    vsgx_collateral_free(coll);
    vsgx_trust_anchor_free(anchor);
    return rc;
}
