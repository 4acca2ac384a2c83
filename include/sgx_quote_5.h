/* sgx_quote_5.h — quote v5: a typed body after the header (SGX, TD 1.0 or TD 1.5),
 * Intel-compatible packed layouts. */
#ifndef _SGX_QUOTE_5_H_
#define _SGX_QUOTE_5_H_

#include <stdint.h>
#include "sgx_quote_4.h"

#pragma pack(push, 1)

typedef struct _sgx_report2_body_v1_5_t {
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
    tee_tcb_svn_t tee_tcb_svn2;
    tee_measurement_t mr_servicetd;
} sgx_report2_body_v1_5_t;

typedef struct _sgx_quote5_t {
    sgx_quote4_header_t header;
    uint16_t type;
    uint32_t size;
    uint8_t body[];
} sgx_quote5_t;

#pragma pack(pop)

#endif
