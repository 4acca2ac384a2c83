/* pck_ext.h — the SGX extension of a PCK certificate (OID 1.2.840.113741.1.13.1): PPID, TCB
 * components, PCESVN, CPUSVN, PCE-ID, FMSPC, SGX type and, for Platform CA certificates, the
 * platform instance ID and configuration. A strict DER reader; unknown entries are refused. */
#ifndef VSGX_QVL_PCK_EXT_H
#define VSGX_QVL_PCK_EXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cert.h"

#include "sgx_qve_header.h"

typedef struct {
    uint8_t ppid[16];
    uint8_t comp_svn[16];
    uint16_t pcesvn;
    uint8_t cpusvn[16];
    uint8_t pce_id[2];
    uint8_t fmspc[6];
    uint8_t sgx_type;                   /* 0 Standard, 1 Scalable, 2 ScalableWithIntegrity */
    bool has_platform_instance_id;
    uint8_t platform_instance_id[16];
    bool has_configuration;
    pck_cert_flag_enum_t dynamic_platform, cached_keys, smt_enabled;
} vsgx_pck_ext_t;

/* Parses the extension's DER value. On failure writes a reason into msg. */
bool vsgx_pck_ext_parse_der(const uint8_t *der, size_t len, vsgx_pck_ext_t *out, char *msg, size_t msg_len);
/* Finds and parses the extension in a certificate. */
bool vsgx_pck_ext_from_cert(const vsgx_cert_t *cert, vsgx_pck_ext_t *out, char *msg, size_t msg_len);
const char *vsgx_sgx_type_name(uint8_t t);

#endif
