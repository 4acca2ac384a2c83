/* pck.h — the PCE's Provisioning Certification Key (PCK) and PPID, derived as Intel's PCE does
 * (linux-sgx psw/ae/pce/pce_helper.cpp: get_pce_priv_key, get_ppid) from the PROVISION key at a
 * TCB level. Two entry points over the same core: the PCE's (on a platform, through EGETKEY) and
 * the simulated PCS's (from the RPK it learned at manufacturing). Host code only. */
#ifndef VSGX_SIM_PCK_H
#define VSGX_SIM_PCK_H

#include <stdint.h>

#include <openssl/evp.h>

#include "keys.h"

struct vsgx_platform;

/* The PCE's identity as EGETKEY(PROVISION) sees it. attributes must include PROVISIONKEY. */
typedef struct {
    sgx_measurement_t mr_signer;
    sgx_prod_id_t isv_prod_id;
    sgx_attributes_t attributes;
    sgx_misc_select_t misc_select;
} vsgx_pce_identity_t;

/* A TCB level for the PCK: the raw CPUSVN and the PCE ISVSVN (Intel's TCBm / psvn_t). */
typedef struct {
    sgx_cpu_svn_t cpusvn;
    sgx_isv_svn_t pce_svn;
} vsgx_tcbm_t;

/* The PCK: the private scalar d (32 bytes, big-endian) and the key pair. */
typedef struct {
    uint8_t d[32];
    EVP_PKEY *pkey;
} vsgx_pck_keypair_t;

/* PCE side: EGETKEY(PROVISION) on the platform at TCBm (which must not exceed the platform's
 * CPUSVN and PCE SVN), then the PCK. Free with vsgx_pck_clear. */
sgx_status_t vsgx_pce_pck(const struct vsgx_platform *p, const vsgx_pce_identity_t *id,
                          const vsgx_tcbm_t *tcbm, vsgx_pck_keypair_t *out);
/* PCE side: the PPID, from the PROVISION key at CPUSVN 0 / ISVSVN 0. */
sgx_status_t vsgx_pce_ppid(const struct vsgx_platform *p, const vsgx_pce_identity_t *id,
                           uint8_t ppid[16]);

/* PCS side: the same derivations from the platform's RPK. */
sgx_status_t vsgx_pcs_pck(const uint8_t rpk[16], const vsgx_pce_identity_t *id,
                          const vsgx_tcbm_t *tcbm, vsgx_pck_keypair_t *out);
sgx_status_t vsgx_pcs_ppid(const uint8_t rpk[16], const vsgx_pce_identity_t *id, uint8_t ppid[16]);

/* The PCK from a Provisioning Key: blocks AES-CMAC(key, i ‖ "PAK_KEY_DER" ‖ 00 00 ‖ 01 40),
 * i = 1..3; seed = the first 320 bits as a big-endian integer; d = (seed mod (n-1)) + 1. */
sgx_status_t vsgx_pck_from_provision_key(const sgx_key_128bit_t key, vsgx_pck_keypair_t *out);

/* Wipes d and frees the key pair. */
void vsgx_pck_clear(vsgx_pck_keypair_t *pck);

#endif
