/* sgx_quote_3.h — the ECDSA quote v3 (SGX) and its signature and certification data,
 * Intel-compatible packed layouts. Integers are little-endian; keys and signatures are raw
 * big-endian r||s and X||Y. */
#ifndef _SGX_QUOTE_3_H_
#define _SGX_QUOTE_3_H_

#include <stdint.h>
#include "sgx_report.h"

#define REF_QUOTE_MAX_AUTHENTICATION_DATA_SIZE 64

typedef enum {
    SGX_QL_ALG_EPID = 0,
    SGX_QL_ALG_RESERVED_1 = 1,
    SGX_QL_ALG_ECDSA_P256 = 2,
    SGX_QL_ALG_ECDSA_P384 = 3,
    SGX_QL_ALG_MAX = 4
} sgx_attestation_algorithm_id_t;

typedef enum {
    PPID_CLEARTEXT = 1,
    PPID_RSA2048_ENCRYPTED = 2,
    PPID_RSA3072_ENCRYPTED = 3,
    PCK_CLEARTEXT = 4,
    PCK_CERT_CHAIN = 5,
    ECDSA_SIG_AUX_DATA = 6,
    QL_CERT_KEY_TYPE_MAX = 16
} sgx_ql_cert_key_type_t;

#pragma pack(push, 1)

typedef struct _sgx_ql_ppid_cleartext_cert_info_t {
    uint8_t ppid[16];
    sgx_cpu_svn_t cpu_svn;
    sgx_isv_svn_t pce_info_svn;
    uint16_t pce_info_id;
} sgx_ql_ppid_cleartext_cert_info_t;

typedef struct _sgx_ql_ppid_rsa2048_encrypted_cert_info_t {
    uint8_t enc_ppid[256];
    sgx_cpu_svn_t cpu_svn;
    sgx_isv_svn_t pce_info_svn;
    uint16_t pce_info_id;
} sgx_ql_ppid_rsa2048_encrypted_cert_info_t;

typedef struct _sgx_ql_ppid_rsa3072_encrypted_cert_info_t {
    uint8_t enc_ppid[384];
    sgx_cpu_svn_t cpu_svn;
    sgx_isv_svn_t pce_info_svn;
    uint16_t pce_info_id;
} sgx_ql_ppid_rsa3072_encrypted_cert_info_t;

typedef struct _sgx_ql_auth_data_t {
    uint16_t size;
    uint8_t auth_data[];
} sgx_ql_auth_data_t;

typedef struct _sgx_ql_certification_data_t {
    uint16_t cert_key_type;
    uint32_t size;
    uint8_t certification_data[];
} sgx_ql_certification_data_t;

typedef struct _sgx_ql_ecdsa_sig_data_t {
    uint8_t sig[32 * 2];
    uint8_t attest_pub_key[32 * 2];
    sgx_report_body_t qe_report;
    uint8_t qe_report_sig[32 * 2];
    uint8_t auth_certification_data[];
} sgx_ql_ecdsa_sig_data_t;

typedef struct _sgx_quote_header_t {
    uint16_t version;
    uint16_t att_key_type;
    uint32_t att_key_data_0;
    sgx_isv_svn_t qe_svn;
    sgx_isv_svn_t pce_svn;
    uint8_t vendor_id[16];
    uint8_t user_data[20];
} sgx_quote_header_t;

typedef struct _sgx_quote3_t {
    sgx_quote_header_t header;
    sgx_report_body_t report_body;
    uint32_t signature_data_len;
    uint8_t signature_data[];
} sgx_quote3_t;

#pragma pack(pop)

#endif
