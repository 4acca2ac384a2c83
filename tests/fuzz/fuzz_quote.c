/* fuzz_quote.c — libFuzzer target for quotes: vsgx_quote_parse on the input and, when it
 * parses, the whole of vsgx_qvl_verify (PCK chain PEM parser, PCK extension parser, collateral
 * trust, every quote check, supplemental data) against real collateral loaded once:
 *   - always: the Intel-served collateral of quotes/sgx-v3-processor-ca-2025-07 at its
 *     verification time 1752919277, under the Intel root;
 *   - when that fails on the PCK CRL's issuer or the FMSPC (a quote of the other real
 *     platform): the collateral of quotes/sgx-v3-platform-ca-2025-08 at 1755236700, so the
 *     Platform CA paths are reached;
 *   - when the quote carries no PCK chain (certification data types 1-4) or its chain ends at
 *     another root: Intel's synthetic QVL sample collateral, with its PCK certificate and its
 *     own trust anchor, so quotes derived from synthetic-intel-qvl/quote.dat get past the chain.
 * A verification that gets past the PCK chain and collateral trust is repeated through one
 * long-lived vsgx_qvl_ctx_t, whose cached chains and collateral must give a byte-identical
 * verdict. tee_get_fmspc_from_quote (Intel's API) also runs on every quote that parses.
 * The collateral paths come from VSGX_VECTORS (a compile definition). Silent on the normal path;
 * aborts with a message if the vectors cannot be loaded, or if a verdict breaks an invariant. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quote.h"
#include "sgx_dcap_quoteverify.h"
#include "vsgx/qvl.h"

#ifndef VSGX_VECTORS
#error "VSGX_VECTORS (the test vector directory) must be defined"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    const char *collateral;     /* under VSGX_VECTORS */
    const char *anchor;         /* under VSGX_VECTORS; NULL: the Intel SGX Root CA */
    int64_t time;
    vsgx_collateral_t *coll;
    vsgx_trust_anchor_t *ta;
} env_t;

enum { ENV_PROCESSOR, ENV_PLATFORM, ENV_SYNTHETIC, ENV_COUNT };

static env_t g_env[ENV_COUNT] = {
    [ENV_PROCESSOR] = { "quotes/sgx-v3-processor-ca-2025-07/collateral", NULL, 1752919277, NULL, NULL },
    [ENV_PLATFORM] = { "quotes/sgx-v3-platform-ca-2025-08/collateral", NULL, 1755236700, NULL, NULL },
    [ENV_SYNTHETIC] = { "synthetic-intel-qvl", "synthetic-intel-qvl/trustedRootCaCert.pem", 1752919277, NULL,
                        NULL },
};

static void die(const char *what, const char *path, const vsgx_qvl_failure_t *why)
{
    fprintf(stderr, "fuzz_quote: %s %s: %s (%s)\n", what, path, why ? why->message : "",
            why ? why->check : "");
    abort();
}

static vsgx_qvl_ctx_t *g_ctx;

static void load_env(void)
{
    static int loaded;
    if (loaded)
        return;
    if (!(g_ctx = vsgx_qvl_ctx_new()))
        die("cannot create", "a verification context", NULL);
    for (int i = 0; i < ENV_COUNT; i++) {
        char path[4096];
        vsgx_qvl_failure_t why;
        memset(&why, 0, sizeof why);
        snprintf(path, sizeof path, "%s/%s", VSGX_VECTORS, g_env[i].collateral);
        if (vsgx_collateral_load(path, &g_env[i].coll, &why) != SGX_QL_SUCCESS)
            die("cannot load the collateral", path, &why);
        if (g_env[i].anchor) {
            snprintf(path, sizeof path, "%s/%s", VSGX_VECTORS, g_env[i].anchor);
            if (vsgx_trust_anchor_load(path, &g_env[i].ta, &why) != SGX_QL_SUCCESS)
                die("cannot load the trust anchor", path, &why);
        }
    }
    loaded = 1;
}

static int check_is(const vsgx_qvl_verdict_t *v, const char *name)
{
    return v->failure.check && strcmp(v->failure.check, name) == 0;
}

/* What holds for every verdict, whatever the input. */
static void check_verdict(const vsgx_qvl_verdict_t *v, size_t size)
{
    const vsgx_qvl_failure_t *f = &v->failure;
    int ok = f->check && f->field && memchr(f->message, '\0', sizeof f->message) &&
             v->advisory_count <= VSGX_MAX_REPORTED_ADVISORIES && f->offset >= -1 &&
             (f->offset < 0 || (uint64_t)f->offset <= size);
    for (size_t i = 0; ok && i < v->advisory_count; i++)
        ok = memchr(v->advisory_ids[i], '\0', sizeof v->advisory_ids[i]) != NULL;
    if (v->error == SGX_QL_SUCCESS)
        ok = ok && v->status && v->platform_status && v->qe_status && f->code == SGX_QL_SUCCESS &&
             v->result != SGX_QL_QV_RESULT_UNSPECIFIED;
    else
        ok = ok && f->code != SGX_QL_SUCCESS;
    if (!ok) {
        fprintf(stderr, "fuzz_quote: inconsistent verdict: error 0x%x, failure %s/%s at %lld: %.*s\n",
                (unsigned)v->error, f->check ? f->check : "(null)", f->field ? f->field : "(null)",
                (long long)f->offset, (int)sizeof f->message, f->message);
        abort();
    }
}

static void verify(const uint8_t *data, size_t size, int env, vsgx_qvl_verdict_t *v)
{
    static vsgx_qvl_verdict_t cached; /* about 4 KiB each: kept off the stack */
    vsgx_qvl_options_t opts = { .time = g_env[env].time, .trust_anchor = g_env[env].ta, .reject_debug = false };
    vsgx_qvl_verify(data, size, g_env[env].coll, &opts, v);
    check_verdict(v, size);
    /* Dated collateral means the chain and the collateral were trusted: what the context caches. */
    if (v->error != SGX_QL_SUCCESS && v->earliest_expiration == 0)
        return;
    vsgx_qvl_ctx_verify(g_ctx, data, size, g_env[env].coll, &opts, &cached);
    if (memcmp(v, &cached, sizeof cached) != 0) {
        fprintf(stderr, "fuzz_quote: cached verification differs: error 0x%x/0x%x, check %s/%s\n",
                (unsigned)v->error, (unsigned)cached.error, v->failure.check, cached.failure.check);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    vsgx_quote_t q;
    vsgx_qvl_failure_t why;
    if (vsgx_quote_parse(data, size, &q, &why) != SGX_QL_SUCCESS)
        return 0;
    load_env();
    uint8_t fmspc[6];
    (void)tee_get_fmspc_from_quote(data, (uint32_t)size, fmspc, sizeof fmspc);

    static vsgx_qvl_verdict_t v;
    verify(data, size, ENV_PROCESSOR, &v);
    if (check_is(&v, "pck_crl.issuer") || check_is(&v, "tcb_info.fmspc"))
        verify(data, size, ENV_PLATFORM, &v);
    else if (check_is(&v, "pck_chain.missing") || check_is(&v, "pck_chain.untrusted_root"))
        verify(data, size, ENV_SYNTHETIC, &v);
    return 0;
}
