/* sgx_quote_4.h — quote v4 (SGX or TDX) and the TD report body, Intel-compatible packed
 * layouts. */
#ifndef _SGX_QUOTE_4_H_
#define _SGX_QUOTE_4_H_

#include <stdint.h>
#include "sgx_quote_3.h"

#define TEE_HASH_384_SIZE   48
#define TEE_TCB_SVN_SIZE    16
#define TEE_REPORT_DATA_SIZE 64

#pragma pack(push, 1)

typedef struct _tee_tcb_svn_t {
    uint8_t tcb_svn[TEE_TCB_SVN_SIZE];
} tee_tcb_svn_t;

typedef struct _tee_measurement_t {
    uint8_t m[TEE_HASH_384_SIZE];
} tee_measurement_t;

typedef struct _tee_attributes_t {
    uint32_t a[2];
} tee_attributes_t;

typedef struct _tee_report_data_t {
    uint8_t d[TEE_REPORT_DATA_SIZE];
} tee_report_data_t;

typedef struct _sgx_report2_body_t {
    tee_tcb_svn_t tee_tcb_svn;
    tee_measurement_t mr_seam;
    tee_measurement_t mrsigner_seam;
    tee_attributes_t seam_attributes;
    tee_attributes_t td_attributes;
    tee_attributes_t xfam;
    tee_measurement_t mr_td;
    tee_measurement_t mr_config_id;
    tee_measurement_t mr_owner;
    tee_measurement_t mr_owner_config;
    tee_measurement_t rt_mr[4];
    tee_report_data_t report_data;
} sgx_report2_body_t;

typedef struct _sgx_quote4_header_t {
    uint16_t version;
    uint16_t att_key_type;
    uint32_t tee_type;
    uint32_t reserved;
    uint8_t vendor_id[16];
    uint8_t user_data[20];
} sgx_quote4_header_t;

typedef struct _sgx_quote4_t {
    sgx_quote4_header_t header;
    sgx_report2_body_t report_body;
    uint32_t signature_data_len;
    uint8_t signature_data[];
} sgx_quote4_t;

typedef struct _sgx_ecdsa_sig_data_v4_t {
    uint8_t sig[32 * 2];
    uint8_t attest_pub_key[32 * 2];
    uint8_t certification_data[];
} sgx_ecdsa_sig_data_v4_t;

typedef struct _sgx_qe_report_certification_data_t {
    sgx_report_body_t qe_report;
    uint8_t qe_report_sig[32 * 2];
    uint8_t auth_certification_data[];
} sgx_qe_report_certification_data_t;

#pragma pack(pop)

#endif
