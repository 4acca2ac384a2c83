/* qe_identity.h — the simulated PCS's QE identity (enclave identity v2, id "QE"; also "QVE"), serialised as
 * Intel's PCS serves it (id, version, issueDate, nextUpdate, tcbEvaluationDataNumber,
 * miscselect, miscselectMask, attributes, attributesMask, mrsigner (upper-case hex), isvprodid,
 * tcbLevels of {tcb:{isvsvn}, tcbDate, tcbStatus, advisoryIDs?}) and signed with the TCB
 * Signing key in a body {"enclaveIdentity":...,"signature":"<hex r||s>"}. */
#ifndef VSGX_PCS_QE_IDENTITY_H
#define VSGX_PCS_QE_IDENTITY_H

#include <stddef.h>
#include <stdint.h>

#include "ca.h"
#include "tcb_info.h"

typedef struct {
    uint16_t isvsvn;
    int64_t tcb_date;
    const char *status;
    const char *advisories[VSGX_PCS_MAX_ADVISORIES];   /* NULL-terminated when shorter */
} vsgx_pcs_qe_level_t;

typedef struct {
    const char *id;                         /* "QE" (NULL means "QE"), "QVE" */
    uint32_t tcb_evaluation_data_number;
    int64_t issue_date, next_update;
    uint32_t miscselect, miscselect_mask;   /* written as their little-endian bytes, like the QVL reads */
    uint8_t attributes[16], attributes_mask[16];
    uint8_t mrsigner[32];
    uint16_t isvprodid;
    size_t level_count;
    const vsgx_pcs_qe_level_t *levels;
} vsgx_pcs_qe_identity_t;

/* The "enclaveIdentity" value (the signed bytes): new string, NULL when invalid. */
char *vsgx_pcs_qe_identity_json(const vsgx_pcs_qe_identity_t *q);
/* The PCS response body signed by the CA's TCB Signing key; *inner (may be NULL) receives the
 * signed bytes. Free both with free(). */
vsgx_pcs_result_t vsgx_pcs_qe_identity_body(const vsgx_pcs_ca_t *ca, const vsgx_pcs_qe_identity_t *q, char **body,
                                            char **inner, char *err, size_t err_len);

#endif
