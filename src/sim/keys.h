/* keys.h — the key-derivation core of the simulated SGX CPU: EGETKEY's semantics (SDM Vol. 3D)
 * for every key name and policy bit, and the EREPORT key. Called by the simulated CPU
 * (EGETKEY/EREPORT) and, through pck.h, by the PCE and the simulated PCS. The derivation is
 * documented in docs/platform.md. Host code only. */
#ifndef VSGX_SIM_KEYS_H
#define VSGX_SIM_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include "sgx_error.h"
#include "sgx_key.h"
#include "sgx_report.h"

struct vsgx_platform;

/* The SECS fields EGETKEY reads: the identity of the enclave asking for a key. */
typedef struct {
    sgx_attributes_t attributes;
    sgx_misc_select_t misc_select;
    sgx_measurement_t mr_enclave;
    sgx_measurement_t mr_signer;
    sgx_prod_id_t isv_prod_id;
    sgx_isv_svn_t isv_svn;
    sgx_config_svn_t config_svn;
    sgx_config_id_t config_id;
    sgx_isvfamily_id_t isv_family_id;
    sgx_isvext_prod_id_t isv_ext_prod_id;
} vsgx_secs_identity_t;

/* The root material a derivation uses. rpk is always needed; rsk and owner_epoch may be NULL
 * when the caller (the simulated PCS) only knows the RPK: keys that need them then fail with
 * SGX_ERROR_UNEXPECTED. current_cpusvn is the CPUSVN the request is checked against. */
typedef struct {
    const uint8_t *rpk;         /* 16 bytes */
    const uint8_t *rsk;         /* 16 bytes or NULL */
    const uint8_t *owner_epoch; /* 16 bytes or NULL */
    sgx_cpu_svn_t current_cpusvn;
} vsgx_key_root_t;

/* AES-128-CMAC(key, data). Returns 0 on success. */
int vsgx_cmac128(const uint8_t key[16], const void *data, size_t len, uint8_t out[16]);

/* true when every byte of a is <= the same byte of b (vsgx's CPUSVN order). */
int vsgx_cpusvn_le(const sgx_cpu_svn_t *a, const sgx_cpu_svn_t *b);

/* EGETKEY over explicit root material: checks the request, then derives. */
sgx_status_t vsgx_derive_key(const vsgx_key_root_t *root, const vsgx_secs_identity_t *secs,
                             const sgx_key_request_t *req, sgx_key_128bit_t out);

/* The root material of a platform: its secrets and its current CPUSVN. */
void vsgx_platform_key_root(const struct vsgx_platform *p, vsgx_key_root_t *root);

/* EGETKEY on a platform (its secrets and current CPUSVN). */
sgx_status_t vsgx_egetkey(const struct vsgx_platform *p, const vsgx_secs_identity_t *secs,
                          const sgx_key_request_t *req, sgx_key_128bit_t out);

/* EREPORT's key: the REPORT key of the enclave described by ti, with the given KEYID (the
 * platform's, for EREPORT). Equal to the target's EGETKEY(REPORT) with that KEYID. */
sgx_status_t vsgx_report_key(const struct vsgx_platform *p, const sgx_target_info_t *ti,
                             const sgx_key_id_t *key_id, sgx_key_128bit_t out);

#endif
