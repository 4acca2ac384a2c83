/* vsgx/qvl.h — the vsgx quote verification library: verifies SGX DCAP quotes (v3, and v4
 * with TEE type SGX) against Intel's collateral with every check of Intel's QVL, and says
 * exactly which check failed, on which field, at which offset. Intel's own API over the same
 * engine is in sgx_dcap_quoteverify.h. Host code; thread-safe when each thread uses its own
 * vsgx_qvl_ctx_t (collateral objects may be shared read-only). */
#ifndef VSGX_QVL_H
#define VSGX_QVL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sgx_ql_lib_common.h"
#include "sgx_qve_header.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Which check failed: a stable dotted name ("quote.signature", "pck_chain.revoked", ...),
 * the field it concerns, its byte offset in the quote (or -1 when the field is not in the
 * quote), and a sentence for people. */
typedef struct {
    quote3_error_t code;
    const char *check;
    const char *field;
    int64_t offset;
    char message[256];
} vsgx_qvl_failure_t;

/* Collateral: TCB info, QE identity, CRLs and issuer chains for one FMSPC and CA type. */
typedef struct vsgx_collateral vsgx_collateral_t;

/* Loads collateral from a directory in PCS/PCCS response form (tcb_info.json, qe_identity.json,
 * pck_crl.der, root_ca_crl.der, *_issuer_chain.pem; also Intel's QVL sample names), or from a
 * file in dcap-qvl's collateral JSON form. */
quote3_error_t vsgx_collateral_load(const char *path, vsgx_collateral_t **out, vsgx_qvl_failure_t *why);
/* From Intel's structure (versions 1, 3.0, 3.1, 4; CRLs in PEM, hex or DER). The data is copied. */
quote3_error_t vsgx_collateral_from_intel(const sgx_ql_qve_collateral_t *c, vsgx_collateral_t **out,
                                          vsgx_qvl_failure_t *why);
/* From the bytes of a dcap-qvl collateral JSON document. */
quote3_error_t vsgx_collateral_from_qvl_json(const char *json, size_t len, vsgx_collateral_t **out,
                                             vsgx_qvl_failure_t *why);
/* A PCK certificate chain (PEM: leaf, intermediate CA, root) for quotes whose certification
 * data does not carry one (types 1-4). */
quote3_error_t vsgx_collateral_set_pck_chain(vsgx_collateral_t *c, const char *pem, size_t len,
                                             vsgx_qvl_failure_t *why);
void vsgx_collateral_free(vsgx_collateral_t *c);

/* A trust anchor: a self-signed root certificate. The default is the real Intel SGX Root CA,
 * embedded in the library; nothing else is trusted unless the caller names it. */
typedef struct vsgx_trust_anchor vsgx_trust_anchor_t;
const vsgx_trust_anchor_t *vsgx_trust_anchor_intel(void);
quote3_error_t vsgx_trust_anchor_load(const char *path, vsgx_trust_anchor_t **out, vsgx_qvl_failure_t *why);
quote3_error_t vsgx_trust_anchor_from_pem(const char *pem, size_t len, vsgx_trust_anchor_t **out,
                                          vsgx_qvl_failure_t *why);
void vsgx_trust_anchor_free(vsgx_trust_anchor_t *a);

#define VSGX_MAX_REPORTED_ADVISORIES 64

typedef struct {
    /* What Intel's API returns, and the verdict. */
    quote3_error_t error;               /* SGX_QL_SUCCESS for OK and non-terminal results */
    sgx_ql_qv_result_t result;
    const char *status;                 /* converged TCB status, e.g. "SWHardeningNeeded" */
    const char *platform_status;        /* the TCB level's own status */
    const char *qe_status;              /* the QE identity TCB level's status */
    size_t advisory_count;              /* advisory IDs of the TCB level, then of the QE level */
    char advisory_ids[VSGX_MAX_REPORTED_ADVISORIES][32];
    /* Collateral time window at the verification time. */
    bool collateral_expired;            /* earliest expiration <= time */
    bool collateral_not_yet_valid;      /* time before a CRL's thisUpdate or an issueDate */
    int64_t earliest_expiration, earliest_issue, latest_issue;
    int64_t tcb_date;                   /* tcbDate of the selected TCB level */
    bool debug_enclave;                 /* the app enclave has the DEBUG attribute */
    bool rejected_debug;                /* refused because options.reject_debug was set */
    /* The first failing check (code SGX_QL_SUCCESS when none failed). */
    vsgx_qvl_failure_t failure;
    /* Intel's supplemental data (version 3.3 layout) for the successful and non-terminal cases. */
    sgx_ql_qv_supplemental_t supplemental;
} vsgx_qvl_verdict_t;

typedef struct {
    int64_t time;                               /* "now": collateral expiry and CRL checks */
    const vsgx_trust_anchor_t *trust_anchor;    /* NULL: the Intel SGX Root CA */
    bool reject_debug;                          /* fail quotes from DEBUG enclaves */
} vsgx_qvl_options_t;

/* Verifies a quote with nothing cached. Returns verdict->error. */
quote3_error_t vsgx_qvl_verify(const uint8_t *quote, size_t quote_len, const vsgx_collateral_t *coll,
                               const vsgx_qvl_options_t *opts, vsgx_qvl_verdict_t *verdict);

/* A verification context that remembers collateral and PCK chains it has verified (keyed by
 * the SHA-256 of their bytes and the trust anchor), so repeated quotes from known platforms
 * cost only the per-quote signature checks. Not shared between threads. */
typedef struct vsgx_qvl_ctx vsgx_qvl_ctx_t;
vsgx_qvl_ctx_t *vsgx_qvl_ctx_new(void);
void vsgx_qvl_ctx_free(vsgx_qvl_ctx_t *ctx);
quote3_error_t vsgx_qvl_ctx_verify(vsgx_qvl_ctx_t *ctx, const uint8_t *quote, size_t quote_len,
                                   const vsgx_collateral_t *coll, const vsgx_qvl_options_t *opts,
                                   vsgx_qvl_verdict_t *verdict);

/* Names for people. */
const char *vsgx_quote3_error_name(quote3_error_t e);     /* "SGX_QL_TCB_REVOKED" */
const char *vsgx_qv_result_name(sgx_ql_qv_result_t r);    /* "SGX_QL_QV_RESULT_REVOKED" */

#ifdef __cplusplus
}
#endif

#endif
