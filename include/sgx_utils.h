/* sgx_utils.h — an enclave's own identity and keys: REPORTs for a target enclave (EREPORT),
 * their verification by the target, the enclave's own report and target info, and keys from
 * EGETKEY. Enclave code. */
#ifndef _SGX_UTILS_H_
#define _SGX_UTILS_H_

#include "sgx_defs.h"
#include "sgx_error.h"
#include "sgx_key.h"
#include "sgx_report.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A REPORT of this enclave for target_info's enclave (NULL: a zero TARGETINFO), with
 * report_data (NULL: zeros). All pointers must be inside the enclave. */
sgx_status_t SGXAPI sgx_create_report(const sgx_target_info_t *target_info, const sgx_report_data_t *report_data,
                                      sgx_report_t *report);
/* SGX_SUCCESS when the REPORT's MAC is this enclave's REPORT key's (it was made for this
 * enclave on this platform); SGX_ERROR_MAC_MISMATCH otherwise. */
sgx_status_t SGXAPI sgx_verify_report(const sgx_report_t *report);
/* This enclave's own REPORT (target: none, report data zero), made once. */
const sgx_report_t *SGXAPI sgx_self_report(void);
/* This enclave's TARGETINFO, for another enclave to make REPORTs for it. */
sgx_status_t SGXAPI sgx_self_target(sgx_target_info_t *target_info);
/* EGETKEY. The request's reserved fields must be zero. Errors: SGX_ERROR_INVALID_PARAMETER,
 * SGX_ERROR_INVALID_ATTRIBUTE, SGX_ERROR_INVALID_CPUSVN, SGX_ERROR_INVALID_ISVSVN,
 * SGX_ERROR_INVALID_KEYNAME. */
sgx_status_t SGXAPI sgx_get_key(const sgx_key_request_t *key_request, sgx_key_128bit_t *key);

#ifdef __cplusplus
}
#endif

#endif
