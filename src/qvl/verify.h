/* verify.h — the stages of quote verification, shared by verify.c (the orchestration),
 * verify_collateral.c (trust in the collateral), verify_quote.c (the quote's own checks),
 * supplemental.c and the cache in context.c. Not a public interface. */
#ifndef VSGX_QVL_VERIFY_H
#define VSGX_QVL_VERIFY_H

#include <stdbool.h>

#include "collateral.h"
#include "p256.h"
#include "pck_ext.h"
#include "quote.h"
#include "trust_anchor.h"

/* A PCK certificate chain, parsed and with the facts the quote checks need. */
typedef struct {
    vsgx_chain_t chain;          /* [0] leaf, [1] intermediate CA, [2] root */
    bool owns_chain;             /* false when borrowed from the collateral */
    vsgx_pck_ext_t ext;
    bool is_platform_ca;
} vsgx_pck_t;

/* Parses the PCK chain (certification data type 5, or the collateral's for types 1-4) and
 * checks its structure and signatures up to the trust anchor. */
quote3_error_t vsgx_pck_load(const vsgx_quote_t *q, const vsgx_collateral_t *c, vsgx_pck_t *out,
                             vsgx_qvl_failure_t *why);
/* trusted_ca: the collateral's PCK CA certificate, whose signature the collateral check
 * verifies; a byte-identical intermediate needs no second check. May be NULL. */
quote3_error_t vsgx_pck_check_chain(const vsgx_pck_t *p, const vsgx_trust_anchor_t *a, const vsgx_cert_t *trusted_ca,
                                    vsgx_qvl_failure_t *why);
void vsgx_pck_free(vsgx_pck_t *p);
/* The root is the trust anchor, byte for byte. */
bool vsgx_root_is_anchor(const vsgx_cert_t *root, const vsgx_trust_anchor_t *a);

/* The collateral's own trust: issuer chains to the anchor, CRL issuers and signatures, the
 * signing certificates not revoked, the TCB info and QE identity signatures. Time-independent. */
quote3_error_t vsgx_collateral_check(const vsgx_collateral_t *c, const vsgx_trust_anchor_t *a,
                                     vsgx_qvl_failure_t *why);


/* Collateral dates and expiry at v's time (Intel's earliest/latest issue and expiration). */
void vsgx_collateral_dates(const vsgx_collateral_t *c, const vsgx_pck_t *p, int64_t now, vsgx_qvl_verdict_t *v);

/* The selected levels, remembered by vsgx_quote_check for the supplemental data. */
typedef struct {
    const vsgx_tcb_level_t *tcb_level;
    const vsgx_qe_tcb_level_t *qe_level;
} vsgx_selected_levels_t;

/* The per-quote checks after the chain and collateral are trusted: revocation, FMSPC and
 * PCE-ID, QE report signature and binding, QE identity, quote signature, TCB level and status
 * convergence. Fills the verdict's status fields and returns its error. */
quote3_error_t vsgx_quote_check(const vsgx_quote_t *q, const vsgx_pck_t *p, const vsgx_collateral_t *c,
                                vsgx_qvl_verdict_t *v, vsgx_selected_levels_t *sel);

/* Intel's supplemental data (version 3.3) for a verdict whose levels are sel. */
void vsgx_supplemental_fill(const vsgx_quote_t *q, const vsgx_pck_t *p, const vsgx_collateral_t *c,
                            const vsgx_trust_anchor_t *a, const vsgx_selected_levels_t *sel, vsgx_qvl_verdict_t *v);

#endif
