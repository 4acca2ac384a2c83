/* collateral_json.h — Intel's signed JSON collateral: TCB info (v2 and v3) and enclave
 * identity (v2), parsed strictly from the bytes Intel's PCS serves. The signature covers the
 * exact bytes of the inner "tcbInfo" / "enclaveIdentity" value, so the parsers record that span
 * of the input rather than re-serialising anything. Used by the collateral loaders. */
#ifndef VSGX_QVL_COLLATERAL_JSON_H
#define VSGX_QVL_COLLATERAL_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "tcb_status.h"

#define VSGX_MAX_ADVISORIES 64      /* advisory IDs per TCB level */
#define VSGX_ADVISORY_ID_MAX 32     /* bytes of one ID including NUL, e.g. "INTEL-SA-00615" */
#define VSGX_MAX_TCB_LEVELS 256

/* A parse failure: what was wrong and where (a JSON path such as "tcbInfo.tcbLevels[3].tcbStatus"). */
typedef struct {
    char path[96];
    char message[160];
} vsgx_json_error_t;

typedef struct {
    char id[VSGX_ADVISORY_ID_MAX];
} vsgx_advisory_id_t;

typedef struct {
    uint8_t sgx_svn[16];         /* sgxtcbcomp01svn..16 (v2) or sgxtcbcomponents[i].svn (v3) */
    uint16_t pcesvn;
    uint8_t tdx_svn[16];         /* v3 TDX only */
    int64_t tcb_date;            /* epoch seconds */
    vsgx_tcb_status_t status;
    size_t advisory_count;
    vsgx_advisory_id_t advisories[VSGX_MAX_ADVISORIES];
} vsgx_tcb_level_t;

typedef enum { VSGX_TCB_ID_SGX, VSGX_TCB_ID_TDX } vsgx_tcb_id_t;

typedef struct {
    int version;                 /* 2 or 3 */
    vsgx_tcb_id_t id;            /* v2: always SGX */
    int64_t issue_date, next_update;
    uint8_t fmspc[6];
    uint8_t pce_id[2];           /* as written: "0000" -> {0x00,0x00} */
    int tcb_type;
    uint32_t tcb_evaluation_data_number;
    size_t level_count;
    vsgx_tcb_level_t *levels;    /* in JSON order */
    const char *signed_body;     /* points into the input: the exact "tcbInfo" value */
    size_t signed_len;
    uint8_t signature[64];       /* r || s */
} vsgx_tcb_info_t;

typedef struct {
    uint16_t isvsvn;
    int64_t tcb_date;
    vsgx_tcb_status_t status;
    size_t advisory_count;
    vsgx_advisory_id_t advisories[VSGX_MAX_ADVISORIES];
} vsgx_qe_tcb_level_t;

typedef enum { VSGX_IDENTITY_QE, VSGX_IDENTITY_QVE, VSGX_IDENTITY_TD_QE } vsgx_identity_id_t;

typedef struct {
    int version;                 /* 2 */
    vsgx_identity_id_t id;
    int64_t issue_date, next_update;
    uint32_t tcb_evaluation_data_number;
    uint32_t miscselect, miscselect_mask;   /* hex read as in QVL: bytes, little-endian u32 */
    uint8_t attributes[16], attributes_mask[16];
    uint8_t mrsigner[32];
    uint16_t isvprodid;
    size_t level_count;
    vsgx_qe_tcb_level_t *levels; /* in JSON order */
    const char *signed_body;
    size_t signed_len;
    uint8_t signature[64];
} vsgx_enclave_identity_t;

/* Parses a PCS response body {"tcbInfo":{...},"signature":"..."} of len bytes (need not be
 * NUL-terminated; a single trailing NUL is tolerated). On success *out owns its levels and
 * points into body for the signed span: keep body alive while *out is used. Returns 0, or -1
 * with *err filled. */
int vsgx_tcb_info_parse(const char *body, size_t len, vsgx_tcb_info_t *out, vsgx_json_error_t *err);
/* Parses the inner value alone (dcap-qvl's collateral file form; it is the signed span, whole;
 * a single trailing NUL is tolerated and not part of the span) with its signature given
 * separately as 128 hex digits. */
int vsgx_tcb_info_parse_inner(const char *inner, size_t len, const char *sig_hex, size_t sig_len,
                              vsgx_tcb_info_t *out, vsgx_json_error_t *err);
void vsgx_tcb_info_free(vsgx_tcb_info_t *t);

int vsgx_enclave_identity_parse(const char *body, size_t len, vsgx_enclave_identity_t *out,
                                vsgx_json_error_t *err);
int vsgx_enclave_identity_parse_inner(const char *inner, size_t len, const char *sig_hex,
                                      size_t sig_len, vsgx_enclave_identity_t *out,
                                      vsgx_json_error_t *err);
void vsgx_enclave_identity_free(vsgx_enclave_identity_t *e);

#endif
