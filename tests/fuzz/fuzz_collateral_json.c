/* fuzz_collateral_json.c — libFuzzer target for Intel's signed JSON collateral: the input is
 * given, as it comes, to
 *   - vsgx_tcb_info_parse and vsgx_enclave_identity_parse (a PCS response body),
 *   - vsgx_tcb_info_parse_inner and vsgx_enclave_identity_parse_inner (the inner value, with a
 *     fixed signature of 128 hex digits),
 *   - vsgx_collateral_from_qvl_json (dcap-qvl's collateral file: PEM chains, hex CRLs and the
 *     two inner JSON texts), and when that builds, a verification of the real processor-CA quote
 *     against it (collateral trust checks on the fuzzed chains, CRLs and JSON),
 *   - vsgx_json_doc_load, the checked document under the two readers, whose promise is to accept
 *     exactly what jansson accepts with JSON_REJECT_DUPLICATES (a top-level object): the two
 *     verdicts must agree, except that on text with a NUL byte the checked document may be the
 *     stricter (jansson 2.14 drops one NUL byte that directly follows a number or a literal, and
 *     so accepts {"a":1<NUL>}; no JSON text has a raw NUL).
 * Checks the parsers' promises on success (the signed span lies inside the input, counts are
 * within their bounds, errors are NUL-terminated) and aborts when one is broken. Silent. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "collateral_json.h"
#include "file.h"
#include "json_span.h"
#include "vsgx/qvl.h"

#ifndef VSGX_VECTORS
#error "VSGX_VECTORS (the test vector directory) must be defined"
#endif

#define QUOTE_PATH VSGX_VECTORS "/quotes/sgx-v3-processor-ca-2025-07/quote.bin"
#define QUOTE_TIME 1752919277

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char SIG_HEX[] =
    "0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789ABCDEF"
    "fedcba9876543210FEDCBA9876543210fedcba9876543210FEDCBA9876543210";

static void broken(const char *parser, const char *what)
{
    fprintf(stderr, "fuzz_collateral_json: %s: %s\n", parser, what);
    abort();
}

static void check_error(const char *parser, const vsgx_json_error_t *err)
{
    if (!memchr(err->path, '\0', sizeof err->path) || !memchr(err->message, '\0', sizeof err->message))
        broken(parser, "error text not NUL-terminated");
    if (err->message[0] == '\0')
        broken(parser, "failure without a message");
}

/* The signed span: of a response body, the inner object's exact bytes within the input; of an
 * inner value, the whole input (whitespace around the object included: it is signed too). */
static void check_span(const char *parser, const char *body, size_t len, const char *in, size_t in_len,
                       int inner)
{
    if (inner ? body != in || len != in_len
              : !body || body < in || body > in + in_len || len > (size_t)(in + in_len - body) || len < 2 ||
                    body[0] != '{' || body[len - 1] != '}')
        broken(parser, "signed span is not where it must be in the input");
}

static void check_tcb_info(const char *parser, const vsgx_tcb_info_t *t, const char *in, size_t len, int inner)
{
    check_span(parser, t->signed_body, t->signed_len, in, len, inner);
    if ((t->version != 2 && t->version != 3) || t->level_count < 1 || t->level_count > VSGX_MAX_TCB_LEVELS ||
        !t->levels)
        broken(parser, "bad version or level count");
    for (size_t i = 0; i < t->level_count; i++) {
        const vsgx_tcb_level_t *l = &t->levels[i];
        if (l->advisory_count > VSGX_MAX_ADVISORIES)
            broken(parser, "too many advisories");
        for (size_t k = 0; k < l->advisory_count; k++)
            if (!memchr(l->advisories[k].id, '\0', VSGX_ADVISORY_ID_MAX) || l->advisories[k].id[0] == '\0')
                broken(parser, "bad advisory ID");
    }
}

static void check_identity(const char *parser, const vsgx_enclave_identity_t *e, const char *in, size_t len,
                           int inner)
{
    check_span(parser, e->signed_body, e->signed_len, in, len, inner);
    if (e->version != 2 || e->level_count < 1 || e->level_count > VSGX_MAX_TCB_LEVELS || !e->levels)
        broken(parser, "bad version or level count");
    for (size_t i = 0; i < e->level_count; i++) {
        const vsgx_qe_tcb_level_t *l = &e->levels[i];
        if (l->advisory_count > VSGX_MAX_ADVISORIES)
            broken(parser, "too many advisories");
        for (size_t k = 0; k < l->advisory_count; k++)
            if (!memchr(l->advisories[k].id, '\0', VSGX_ADVISORY_ID_MAX) || l->advisories[k].id[0] == '\0')
                broken(parser, "bad advisory ID");
    }
}

static void run_tcb_info(const char *in, size_t len)
{
    vsgx_tcb_info_t t;
    vsgx_json_error_t err;
    if (vsgx_tcb_info_parse(in, len, &t, &err) == 0) {
        check_tcb_info("vsgx_tcb_info_parse", &t, in, len, 0);
        vsgx_tcb_info_free(&t);
    } else {
        check_error("vsgx_tcb_info_parse", &err);
    }
    if (vsgx_tcb_info_parse_inner(in, len, SIG_HEX, 128, &t, &err) == 0) {
        check_tcb_info("vsgx_tcb_info_parse_inner", &t, in, len, 1);
        vsgx_tcb_info_free(&t);
    } else {
        check_error("vsgx_tcb_info_parse_inner", &err);
    }
}

static void run_identity(const char *in, size_t len)
{
    vsgx_enclave_identity_t e;
    vsgx_json_error_t err;
    if (vsgx_enclave_identity_parse(in, len, &e, &err) == 0) {
        check_identity("vsgx_enclave_identity_parse", &e, in, len, 0);
        vsgx_enclave_identity_free(&e);
    } else {
        check_error("vsgx_enclave_identity_parse", &err);
    }
    if (vsgx_enclave_identity_parse_inner(in, len, SIG_HEX, 128, &e, &err) == 0) {
        check_identity("vsgx_enclave_identity_parse_inner", &e, in, len, 1);
        vsgx_enclave_identity_free(&e);
    } else {
        check_error("vsgx_enclave_identity_parse_inner", &err);
    }
}

static void run_qvl_json(const char *in, size_t len)
{
    static uint8_t *quote;
    static size_t quote_len;
    static vsgx_qvl_verdict_t v;
    vsgx_collateral_t *c = NULL;
    vsgx_qvl_failure_t why;

    if (vsgx_collateral_from_qvl_json(in, len, &c, &why) != SGX_QL_SUCCESS) {
        if (c)
            broken("vsgx_collateral_from_qvl_json", "failed but returned collateral");
        return;
    }
    if (!quote) {
        int rc = vsgx_read_file(QUOTE_PATH, 1u << 20, &quote, &quote_len);
        if (rc) {
            fprintf(stderr, "fuzz_collateral_json: %s: %s\n", QUOTE_PATH, strerror(rc));
            abort();
        }
    }
    vsgx_qvl_options_t opts = { .time = QUOTE_TIME, .trust_anchor = NULL, .reject_debug = false };
    vsgx_qvl_verify(quote, quote_len, c, &opts, &v);
    if (v.error != SGX_QL_SUCCESS && v.failure.code == SGX_QL_SUCCESS)
        broken("vsgx_qvl_verify", "failed without a failure code");
    vsgx_collateral_free(c);
}

static void run_doc(const char *in, size_t len)
{
    static vsgx_json_doc_t d; /* about 8 KiB: kept off the stack */
    vsgx_json_error_t err;
    json_error_t jerr;
    memset(&err, 0, sizeof err);
    int ours = vsgx_json_doc_load(&d, in, len, 0, "doc", &err);
    vsgx_json_doc_free(&d);
    if (ours != 0)
        check_error("vsgx_json_doc_load", &err);
    json_t *j = json_loadb(in, len, JSON_REJECT_DUPLICATES, &jerr);
    int theirs = j && json_is_object(j) ? 0 : -1;
    json_decref(j);
    if (ours != theirs && !(ours != 0 && memchr(in, '\0', len))) {
        fprintf(stderr, "fuzz_collateral_json: vsgx_json_doc_load %s (%s: %s), jansson %s (%s at %d)\n",
                ours ? "refuses" : "accepts", err.path, err.message, theirs ? "refuses" : "accepts",
                j ? "not an object" : jerr.text, j ? 0 : jerr.position);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data;
    run_doc(in, size);
    run_tcb_info(in, size);
    run_identity(in, size);
    run_qvl_json(in, size);
    return 0;
}
