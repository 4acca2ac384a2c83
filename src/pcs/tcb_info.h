/* tcb_info.h — the simulated PCS's TCB info: built from a C description and serialised as
 * Intel's PCS serves it (v3: id "SGX", version, issueDate, nextUpdate, fmspc (hex, in the case
 * it was requested in: lower by default), pceId, tcbType, tcbEvaluationDataNumber, tcbLevels of
 * {tcb:{sgxtcbcomponents[16]{svn, category?, type?}, pcesvn}, tcbDate, tcbStatus,
 * advisoryIDs?}; v2: no id, and the components as sgxtcbcomp01svn..16svn), then signed with
 * the TCB Signing key (ECDSA P-256 SHA-256 over the exact bytes of the "tcbInfo" value) in a
 * response body {"tcbInfo":...,"signature":"<hex r||s>"}. Also the signing helpers
 * qe_identity.c shares. */
#ifndef VSGX_PCS_TCB_INFO_H
#define VSGX_PCS_TCB_INFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <openssl/evp.h>

#include "ca.h"

#define VSGX_PCS_MAX_ADVISORIES 64 /* as many as the QVL reads (VSGX_MAX_ADVISORIES) */

typedef struct {
    uint8_t sgx_svn[16];
    uint16_t pcesvn;
    int64_t tcb_date;
    const char *status;                                /* "UpToDate", ..., "Revoked" */
    const char *advisories[VSGX_PCS_MAX_ADVISORIES];   /* NULL-terminated when shorter */
} vsgx_pcs_tcb_level_t;

typedef struct {
    int version;                   /* 3 (0 means 3) or 2 */
    uint8_t fmspc[6];
    bool fmspc_upper;              /* the PCS echoes the request's case */
    uint8_t pce_id[2];             /* as written: {0x00,0x00} -> "0000" */
    int tcb_type;                  /* 0 */
    uint32_t tcb_evaluation_data_number;
    int64_t issue_date, next_update;
    const char *category[16];      /* v3: each component's "category" / "type", NULL: none */
    const char *type[16];
    size_t level_count;
    const vsgx_pcs_tcb_level_t *levels;
} vsgx_pcs_tcb_info_t;

/* Status is one Intel's TCB info and QE identity use. */
bool vsgx_pcs_tcb_status_valid(const char *status);

/* The "tcbInfo" value (the signed bytes): new string (free()), NULL when the description is
 * invalid (version, tcbType, status, too many levels/advisories) or on allocation failure. */
char *vsgx_pcs_tcb_info_json(const vsgx_pcs_tcb_info_t *t);

/* ECDSA P-256 SHA-256 of msg as r || s. */
bool vsgx_pcs_sign_raw(EVP_PKEY *key, const void *msg, size_t len, uint8_t sig[64]);
/* Signs inner and wraps it: {"<outer_key>":<inner>,"signature":"<hex>"} (lower-case hex, as
 * sig_hex when not NULL). New string, NULL on failure. */
char *vsgx_pcs_signed_body(EVP_PKEY *key, const char *outer_key, const char *inner, char sig_hex[129]);

/* The body the PCS serves for a description already serialised as `json` (taken over):
 * {"<outer_key>":json,"signature":...} signed with the TCB Signing key; *inner (if not NULL)
 * receives json, else it is freed. NULL json: INVALID ("invalid <what> description"). */
vsgx_pcs_result_t vsgx_pcs_signed_response(const vsgx_pcs_ca_t *ca, const char *outer_key, char *json,
                                           const char *what, char **body, char **inner, char *err,
                                           size_t err_len);

/* The PCS response body of t signed by the CA's TCB Signing key; *inner (may be NULL) receives
 * the signed bytes. Free both with free(). */
vsgx_pcs_result_t vsgx_pcs_tcb_info_body(const vsgx_pcs_ca_t *ca, const vsgx_pcs_tcb_info_t *t, char **body,
                                         char **inner, char *err, size_t err_len);

/* For qe_identity.c: a level's tail ,"tcbDate":...,"tcbStatus":...[,"advisoryIDs":[...]]} */
bool vsgx_pcs_json_level_tail(FILE *f, int64_t date, const char *status, const char *const *advisories);

#endif
