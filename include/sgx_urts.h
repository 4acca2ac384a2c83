/* sgx_urts.h — the untrusted runtime's API: create an enclave from a signed enclave file, destroy
 * it, and the types these take. ECALLs go through the functions sgx_edger8r generates, which call
 * sgx_ecall (sgx_edger8r.h). Host code. */
#ifndef _SGX_URTS_H_
#define _SGX_URTS_H_

#include <stddef.h>
#include <stdint.h>

#include "sgx_attributes.h"
#include "sgx_defs.h"
#include "sgx_eid.h"
#include "sgx_error.h"
#include "sgx_report.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef uint8_t sgx_launch_token_t[1024];

#if !defined(NDEBUG) || defined(EDEBUG)
#define SGX_DEBUG_FLAG 1
#else
#define SGX_DEBUG_FLAG 0
#endif

/* sgx_create_enclave_ex's feature bits. */
#define _SGX_EX_FEATURES_MASK_(BIT) ((uint32_t)1 << (BIT))
#define SGX_CREATE_ENCLAVE_EX_PCL_BIT_IDX 0
#define SGX_CREATE_ENCLAVE_EX_PCL _SGX_EX_FEATURES_MASK_(SGX_CREATE_ENCLAVE_EX_PCL_BIT_IDX)
#define SGX_CREATE_ENCLAVE_EX_SWITCHLESS_BIT_IDX 1
#define SGX_CREATE_ENCLAVE_EX_SWITCHLESS _SGX_EX_FEATURES_MASK_(SGX_CREATE_ENCLAVE_EX_SWITCHLESS_BIT_IDX)
#define SGX_CREATE_ENCLAVE_EX_KSS_BIT_IDX 2
#define SGX_CREATE_ENCLAVE_EX_KSS _SGX_EX_FEATURES_MASK_(SGX_CREATE_ENCLAVE_EX_KSS_BIT_IDX)
#define _SGX_LAST_EX_FEATURE_IDX_ SGX_CREATE_ENCLAVE_EX_KSS_BIT_IDX
#define _SGX_EX_FEATURES_ 32

/* KSS: the CONFIGID and CONFIGSVN the enclave is created with. */
typedef struct _sgx_kss_config_t {
    sgx_config_id_t config_id;
    sgx_config_svn_t config_svn;
} sgx_kss_config_t;

sgx_status_t SGXAPI sgx_create_enclave(const char *file_name, const int debug, sgx_launch_token_t *launch_token,
                                       int *launch_token_updated, sgx_enclave_id_t *enclave_id,
                                       sgx_misc_attribute_t *misc_attr);
sgx_status_t SGXAPI sgx_create_enclave_ex(const char *file_name, const int debug, sgx_launch_token_t *launch_token,
                                          int *launch_token_updated, sgx_enclave_id_t *enclave_id,
                                          sgx_misc_attribute_t *misc_attr, const uint32_t ex_features,
                                          const void *ex_features_p[_SGX_EX_FEATURES_]);
sgx_status_t SGXAPI sgx_destroy_enclave(const sgx_enclave_id_t enclave_id);
/* The enclave's target info (for a REPORT aimed at it): MRENCLAVE, attributes, MISCSELECT, KSS. */
sgx_status_t SGXAPI sgx_get_target_info(const sgx_enclave_id_t enclave_id, sgx_target_info_t *target_info);

#ifdef __cplusplus
}
#endif

#endif
