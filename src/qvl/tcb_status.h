/* tcb_status.h — TCB statuses as Intel's collateral names them, their severity order, the
 * convergence of the platform status with the QE's, and the sgx_ql_qv_result_t each maps to.
 * Used by the collateral parsers and the verifier. */
#ifndef VSGX_QVL_TCB_STATUS_H
#define VSGX_QVL_TCB_STATUS_H

#include <stdbool.h>
#include <stddef.h>

#include "sgx_qve_header.h"

typedef enum {
    VSGX_TCB_UP_TO_DATE,
    VSGX_TCB_SW_HARDENING_NEEDED,
    VSGX_TCB_CONFIGURATION_NEEDED,
    VSGX_TCB_CONFIGURATION_AND_SW_HARDENING_NEEDED,
    VSGX_TCB_OUT_OF_DATE,
    VSGX_TCB_OUT_OF_DATE_CONFIGURATION_NEEDED,
    VSGX_TCB_REVOKED,
    VSGX_TCB_UNKNOWN /* not a status of the collateral: "none found" */
} vsgx_tcb_status_t;

/* "UpToDate" -> VSGX_TCB_UP_TO_DATE ...; false for any other text. */
bool vsgx_tcb_status_parse(const char *text, size_t len, vsgx_tcb_status_t *out);
/* The collateral's spelling, or "Unknown". */
const char *vsgx_tcb_status_name(vsgx_tcb_status_t s);
/* Intel's result for a (converged) status. */
sgx_ql_qv_result_t vsgx_tcb_status_result(vsgx_tcb_status_t s);

#endif
