/* pck_cert.h — the simulated PCS issues PCK certificates: for a platform (its parameters and
 * the RPK the PCS learned at manufacturing) at a TCB level (TCBm: raw CPUSVN and PCE SVN), by
 * the PCK Processor CA or the PCK Platform CA, with the PCK public key the platform's PCE
 * derives at that TCBm and the full SGX extension (1.2.840.113741.1.13.1) encoded exactly as
 * Intel's: PPID, TCB (COMP01..16 SVN, PCESVN, CPUSVN), PCE-ID, FMSPC, SGX type and, from the
 * Platform CA, PlatformInstanceID and Configuration. The leaf's CN is Intel's ("Intel SGX PCK
 * Certificate"); O/OU say it is simulated (see ca.h). Valid 7 years like Intel's (never past
 * the issuing CA). */
#ifndef VSGX_PCS_PCK_CERT_H
#define VSGX_PCS_PCK_CERT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/x509.h>

#include "ca.h"
#include "pck.h"
#include "pck_ext.h"
#include "platform.h"

/* The Configuration of Platform CA certificates (the platform parameters do not describe it):
 * dynamicPlatform false, cachedKeys true, SMTEnabled true. */
#define VSGX_PCS_DYNAMIC_PLATFORM PCK_FLAG_FALSE
#define VSGX_PCS_CACHED_KEYS PCK_FLAG_TRUE
#define VSGX_PCS_SMT_ENABLED PCK_FLAG_TRUE

/* The extension's contents for a platform at tcbm (TCB components = CPUSVN bytes, as for
 * tcbType 0; PCE-ID little-endian as the quote carries it). platform_ca adds the instance id
 * and Configuration. */
void vsgx_pcs_pck_ext(const vsgx_platform_params_t *params, const uint8_t ppid[16], const vsgx_tcbm_t *tcbm,
                      bool platform_ca, vsgx_pck_ext_t *out);

/* DER-encodes the extension's value: SEQUENCE OF SEQUENCE { OID, value }, entries .1-.5, .6 when
 * has_platform_instance_id, .7 when has_configuration (a flag PCK_FLAG_UNDEFINED is left out).
 * Returns false when cap is too small (1024 bytes always suffice). */
bool vsgx_pcs_sgx_ext_der(const vsgx_pck_ext_t *ext, uint8_t *out, size_t cap, size_t *len);

/* Issues the PCK certificate of the platform (params, rpk) at tcbm, by ca_role
 * (VSGX_PCS_PROCESSOR_CA or VSGX_PCS_PLATFORM_CA), valid from now (0: the current time), for the
 * PCK of the PCE identified by pce. *out: the certificate (X509_free). */
vsgx_pcs_result_t vsgx_pcs_pck_issue(const vsgx_pcs_ca_t *ca, vsgx_pcs_ca_role_t ca_role,
                                     const vsgx_platform_params_t *params, const uint8_t rpk[16],
                                     const vsgx_pce_identity_t *pce, const vsgx_tcbm_t *tcbm, int64_t now,
                                     X509 **out, char *err, size_t err_len);

#endif
