/* verify.c — quote verification from end to end: parse, trust the PCK chain and the
 * collateral (from the context's cache when it has them), apply the quote's checks, date the
 * collateral and fill the verdict. The order is Intel's QvE's. */
#include <string.h>

#include <openssl/evp.h>

#include "context.h"
#include "failure.h"
#include "verify.h"

static void verdict_init(vsgx_qvl_verdict_t *v)
{
    memset(v, 0, sizeof *v);
    v->result = SGX_QL_QV_RESULT_UNSPECIFIED;
    vsgx_failure_clear(&v->failure);
}

/* The PCK chain of this quote, trusted: from the cache (*key set for a type-5 chain when a
 * context is given), or parsed into *local and checked now. */
static quote3_error_t trusted_pck(vsgx_qvl_ctx_t *ctx, const vsgx_quote_t *q, const vsgx_collateral_t *c,
                                  const vsgx_trust_anchor_t *a, vsgx_pck_t *local, uint8_t key[32],
                                  const vsgx_pck_t **out, vsgx_qvl_failure_t *why)
{
    if (ctx && q->cert_type == PCK_CERT_CHAIN) {
        EVP_Digest(q->cert_data.p, q->cert_data.len, key, NULL, EVP_sha256(), NULL);
        if ((*out = vsgx_ctx_pck_find(ctx, key, a)))
            return SGX_QL_SUCCESS;
    }
    quote3_error_t rc = vsgx_pck_load(q, c, local, why);
    if (!rc && (rc = vsgx_pck_check_chain(local, a, c->pck_crl_issuer_chain.certs[0], why)))
        vsgx_pck_free(local);
    if (!rc)
        *out = local;
    return rc;
}

static quote3_error_t trusted_collateral(vsgx_qvl_ctx_t *ctx, const vsgx_collateral_t *c,
                                         const vsgx_trust_anchor_t *a, vsgx_qvl_failure_t *why)
{
    if (ctx && vsgx_ctx_collateral_trusted(ctx, c, a))
        return SGX_QL_SUCCESS;
    quote3_error_t rc = vsgx_collateral_check(c, a, why);
    if (!rc && ctx)
        vsgx_ctx_collateral_remember(ctx, c, a);
    return rc;
}

static quote3_error_t verify(vsgx_qvl_ctx_t *ctx, const uint8_t *quote, size_t quote_len,
                             const vsgx_collateral_t *c, const vsgx_qvl_options_t *opts, vsgx_qvl_verdict_t *v)
{
    vsgx_qvl_failure_t *why = &v->failure;
    if (!quote || !c || !opts)
        return vsgx_fail(why, SGX_QL_ERROR_INVALID_PARAMETER, "parameters", "", -1,
                         "quote, collateral and options are required");
    if (opts->time <= 0)
        return vsgx_fail(why, SGX_QL_ERROR_INVALID_PARAMETER, "parameters.time", "", -1,
                         "the verification time must be after 1970");
    const vsgx_trust_anchor_t *a = opts->trust_anchor ? opts->trust_anchor : vsgx_trust_anchor_intel();
    if (!a)
        return vsgx_fail(why, SGX_QL_ERROR_UNEXPECTED, "trust_anchor.embedded", "", -1,
                         "the embedded Intel root could not be loaded");

    vsgx_quote_t q;
    quote3_error_t rc = vsgx_quote_parse(quote, quote_len, &q, why);
    if (rc)
        return rc;
    if (q.body_type != VSGX_BODY_SGX)
        return vsgx_fail(why, SGX_QL_QUOTE_FORMAT_UNSUPPORTED, "quote.tdx", "header.tee_type", 4,
                         "TDX quotes are parsed but not verified: TDX is not supported");
    if (c->tee_type != VSGX_TEE_SGX)
        return vsgx_fail(why, SGX_QL_TCBINFO_MISMATCH, "collateral.tee_type", "tee_type", -1,
                         "the collateral is for TEE type 0x%x, the quote is SGX", c->tee_type);

    vsgx_pck_t local;
    memset(&local, 0, sizeof local);
    const vsgx_pck_t *pck = NULL;
    uint8_t key[32];
    if ((rc = trusted_pck(ctx, &q, c, a, &local, key, &pck, why)))
        return rc;
    vsgx_selected_levels_t sel;
    if (!(rc = trusted_collateral(ctx, c, a, why))) {
        /* Only now is the chain remembered: its CA may have been trusted as the collateral's. */
        if (pck == &local && ctx && q.cert_type == PCK_CERT_CHAIN)
            pck = vsgx_ctx_pck_remember(ctx, key, a, &local);
        vsgx_collateral_dates(c, pck, opts->time, v);
        rc = vsgx_quote_check(&q, pck, c, v, &sel);
    }
    if (!rc) {
        sgx_report_body_t body;
        v->debug_enclave = (vsgx_quote_sgx_body(&q, &body)->attributes.flags & SGX_FLAGS_DEBUG) != 0;
        if (v->debug_enclave && opts->reject_debug) {
            v->rejected_debug = true;
            rc = vsgx_fail(why, SGX_QL_UNSUPPORTED_MODE, "policy.debug", "report_body.attributes", 48 + 48,
                           "the enclave is a DEBUG enclave and debug enclaves are rejected");
        } else {
            vsgx_supplemental_fill(&q, pck, c, a, &sel, v);
        }
    }
    if (pck == &local)
        vsgx_pck_free(&local);
    return rc;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = s ? strlen(s) : 0, k = strlen(suffix);
    return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

static quote3_error_t run(vsgx_qvl_ctx_t *ctx, const uint8_t *quote, size_t quote_len, const vsgx_collateral_t *c,
                          const vsgx_qvl_options_t *opts, vsgx_qvl_verdict_t *v)
{
    if (!v)
        return SGX_QL_ERROR_INVALID_PARAMETER;
    verdict_init(v);
    v->error = verify(ctx, quote, quote_len, c, opts, v);
    if (v->error && v->failure.code == SGX_QL_SUCCESS)
        v->failure.code = v->error;
    /* Every failure gets a result by one rule, wherever it was found: revocations 0xA005,
     * signatures that do not verify 0xA004 (Intel's QvE leaves collateral failures at 0xA006). */
    if (v->error && v->result == SGX_QL_QV_RESULT_UNSPECIFIED) {
        if (v->error == SGX_QL_PCK_REVOKED || v->error == SGX_QL_TCB_REVOKED)
            v->result = SGX_QL_QV_RESULT_REVOKED;
        else if (ends_with(v->failure.check, "signature"))
            v->result = SGX_QL_QV_RESULT_INVALID_SIGNATURE;
    }
    return v->error;
}

quote3_error_t vsgx_qvl_verify(const uint8_t *quote, size_t quote_len, const vsgx_collateral_t *c,
                               const vsgx_qvl_options_t *opts, vsgx_qvl_verdict_t *v)
{
    return run(NULL, quote, quote_len, c, opts, v);
}

quote3_error_t vsgx_qvl_ctx_verify(vsgx_qvl_ctx_t *ctx, const uint8_t *quote, size_t quote_len,
                                   const vsgx_collateral_t *c, const vsgx_qvl_options_t *opts, vsgx_qvl_verdict_t *v)
{
    return run(ctx, quote, quote_len, c, opts, v); /* a NULL ctx caches nothing */
}
