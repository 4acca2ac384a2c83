/* sgx_qve_header.h — quote verification results and supplemental data, Intel-compatible
 * names, values and layouts (LP64: sgx_ql_qv_supplemental_t is 536 bytes). */
#ifndef _SGX_QVE_HEADER_H_
#define _SGX_QVE_HEADER_H_

#include <stdint.h>
#include <time.h>
#include "sgx_key.h"

#define ROOT_KEY_ID_SIZE 48
#define PLATFORM_INSTANCE_ID_SIZE 16
#define MAX_SA_LIST_SIZE 320

#define SUPPLEMENTAL_DATA_VERSION 3
#define SUPPLEMENTAL_V3_LATEST_MINOR_VERSION 3

#define QVE_COLLATERAL_VERSION1  0x1
#define QVE_COLLATERAL_VERSION3  0x3
#define QVE_COLLATERAL_VERSION31 0x00010003
#define QVE_COLLATERAL_VERSION4  0x4

typedef enum _sgx_ql_qv_result_t {
    SGX_QL_QV_RESULT_OK = 0x0000,
    SGX_QL_QV_RESULT_MIN = 0xA001,
    SGX_QL_QV_RESULT_CONFIG_NEEDED = 0xA001,
    SGX_QL_QV_RESULT_OUT_OF_DATE = 0xA002,
    SGX_QL_QV_RESULT_OUT_OF_DATE_CONFIG_NEEDED = 0xA003,
    SGX_QL_QV_RESULT_INVALID_SIGNATURE = 0xA004,
    SGX_QL_QV_RESULT_REVOKED = 0xA005,
    SGX_QL_QV_RESULT_UNSPECIFIED = 0xA006,
    SGX_QL_QV_RESULT_SW_HARDENING_NEEDED = 0xA007,
    SGX_QL_QV_RESULT_CONFIG_AND_SW_HARDENING_NEEDED = 0xA008,
    SGX_QL_QV_RESULT_TD_RELAUNCH_ADVISED = 0xA009,
    SGX_QL_QV_RESULT_TD_RELAUNCH_ADVISED_CONFIG_NEEDED = 0xA00A,
    SGX_QL_QV_RESULT_MAX = 0xA0FF
} sgx_ql_qv_result_t;

typedef enum _pck_cert_flag_enum_t {
    PCK_FLAG_FALSE = 0,
    PCK_FLAG_TRUE = 1,
    PCK_FLAG_UNDEFINED = 2
} pck_cert_flag_enum_t;

typedef struct _sgx_ql_qv_supplemental_t {
    union {
        uint32_t version;
        struct {
            uint16_t major_version;
            uint16_t minor_version;
        };
    };
    time_t earliest_issue_date;
    time_t latest_issue_date;
    time_t earliest_expiration_date;
    time_t tcb_level_date_tag;
    uint32_t pck_crl_num;
    uint32_t root_ca_crl_num;
    uint32_t tcb_eval_ref_num;
    uint8_t root_key_id[ROOT_KEY_ID_SIZE];
    sgx_key_128bit_t pck_ppid;
    sgx_cpu_svn_t tcb_cpusvn;
    sgx_isv_svn_t tcb_pce_isvsvn;
    uint16_t pce_id;
    uint32_t tee_type;
    uint8_t sgx_type;
    uint8_t platform_instance_id[PLATFORM_INSTANCE_ID_SIZE];
    pck_cert_flag_enum_t dynamic_platform;
    pck_cert_flag_enum_t cached_keys;
    pck_cert_flag_enum_t smt_enabled;
    char sa_list[MAX_SA_LIST_SIZE];
    time_t qe_iden_earliest_issue_date;
    time_t qe_iden_latest_issue_date;
    time_t qe_iden_earliest_expiration_date;
    time_t qe_iden_tcb_level_date_tag;
    uint32_t qe_iden_tcb_eval_ref_num;
    sgx_ql_qv_result_t qe_iden_status;
} sgx_ql_qv_supplemental_t;

typedef struct _tee_supp_data_descriptor_t {
    uint16_t major_version;
    uint32_t data_size;
    uint8_t *p_data;
} tee_supp_data_descriptor_t;

#endif
