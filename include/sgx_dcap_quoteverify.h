/* sgx_dcap_quoteverify.h — Intel's quote verification API (the untrusted QVL path), with
 * Intel's signatures and semantics. vsgx verifies in-process; a QvE report is not produced.
 * The detailed vsgx API is in vsgx/qvl.h. */
#ifndef _SGX_DCAP_QUOTEVERIFY_H_
#define _SGX_DCAP_QUOTEVERIFY_H_

#include <stdint.h>
#include <time.h>
#include "sgx_defs.h"
#include "sgx_ql_lib_common.h"
#include "sgx_qve_header.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { SGX_QV_QVE_PATH, SGX_QV_QPL_PATH } sgx_qv_path_type_t;

quote3_error_t sgx_qv_get_quote_supplemental_data_size(uint32_t *p_data_size);

quote3_error_t sgx_qv_verify_quote(const uint8_t *p_quote, uint32_t quote_size,
                                   const sgx_ql_qve_collateral_t *p_quote_collateral,
                                   const time_t expiration_check_date,
                                   uint32_t *p_collateral_expiration_status,
                                   sgx_ql_qv_result_t *p_quote_verification_result,
                                   sgx_ql_qe_report_info_t *p_qve_report_info,
                                   uint32_t supplemental_data_size, uint8_t *p_supplemental_data);

quote3_error_t tee_get_supplemental_data_version_and_size(const uint8_t *p_quote,
                                                          uint32_t quote_size,
                                                          uint32_t *p_version,
                                                          uint32_t *p_data_size);

quote3_error_t tee_verify_quote(const uint8_t *p_quote, uint32_t quote_size,
                                const uint8_t *p_quote_collateral,
                                const time_t expiration_check_date,
                                uint32_t *p_collateral_expiration_status,
                                sgx_ql_qv_result_t *p_quote_verification_result,
                                sgx_ql_qe_report_info_t *p_qve_report_info,
                                tee_supp_data_descriptor_t *p_supp_data_descriptor);

quote3_error_t tee_get_fmspc_from_quote(const uint8_t *p_quote, uint32_t quote_size,
                                        uint8_t *p_fmspc_from_quote, uint32_t fmspc_from_quote_size);

#ifdef __cplusplus
}
#endif

#endif
