/* quote_kit.h — byte-exact SGX ECDSA quotes (v3) made the way a platform's QE3 and PCE make them,
 * for tests and for relying parties that need quotes without hardware: the application
 * enclave's REPORT body, signed with an attestation key; the QE's REPORT body binding that key
 * (report data = SHA-256(attestation public key ‖ QE authentication data) ‖ 0^32), signed with
 * the PCK the platform's PCE derives at the certificate's TCB level; certification data type 5
 * carrying the PCK certificate chain (PEM, with its NUL). (The QE3 and PCE enclaves of a later
 * component produce quotes from real enclaves; this kit stays for tests.) */
#ifndef VSGX_PCS_QUOTE_KIT_H
#define VSGX_PCS_QUOTE_KIT_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#include "ca.h"
#include "pck.h"
#include "platform.h"
#include "sgx_report.h"

#define VSGX_QE_ISVPRODID 1

/* The QE3's REPORT body on platform p at ISVSVN qe_svn: Intel's MRSIGNER, ISVPRODID 1,
 * attributes INIT | MODE64BIT | PROVISIONKEY (XFRM x87 | SSE), the platform's CPUSVN; report data
 * zero. */
void vsgx_quote_kit_qe_body(const vsgx_platform_t *p, uint16_t qe_svn, sgx_report_body_t *out);

/* The platform's QE ID (the quote header's user data, and what Intel's PCKIDRetrievalTool
 * prints): the first 16 bytes of SHA-256("QE_ID" ‖ EGETKEY(SEAL, MRSIGNER policy) of the QE). */
sgx_status_t vsgx_quote_kit_qe_id(const vsgx_platform_t *p, uint8_t out[16]);

/* A certified attestation key, as the QE3 holds it after initialisation: the key, the QE
 * report binding it signed by the PCE's PCK, the QE ID and the PCK chain. Quotes are then made
 * with one ECDSA signature each, as on hardware. */
typedef struct vsgx_quote_kit vsgx_quote_kit_t;

/* Certifies attest_key (a P-256 key pair, referenced, not copied) on platform p: qe is the QE's
 * REPORT body (its report data is computed here); tcbm the TCB level of the PCK certificate
 * (the quotes' PCE SVN, and the PCK that signs the QE report); pck_chain_pem: leaf, PCK CA,
 * root. Free with vsgx_quote_kit_free. */
vsgx_pcs_result_t vsgx_quote_kit_new(const vsgx_platform_t *p, const vsgx_tcbm_t *tcbm, const sgx_report_body_t *qe,
                                     EVP_PKEY *attest_key, const char *pck_chain_pem, vsgx_quote_kit_t **out,
                                     char *err, size_t err_len);
/* The quote of app: header, app, the attestation key's signature over both, then the certified
 * part. *quote is malloc'd. */
vsgx_pcs_result_t vsgx_quote_kit_quote(const vsgx_quote_kit_t *k, const sgx_report_body_t *app, uint8_t **quote,
                                       size_t *len, char *err, size_t err_len);
void vsgx_quote_kit_free(vsgx_quote_kit_t *k);

/* One quote in one call (vsgx_quote_kit_new, _quote, _free): the quote of app on platform p. qe: the QE's REPORT body (its report data is computed
 * here); tcbm: the TCB level of the PCK certificate (the header's PCE SVN, and the PCK the QE
 * report is signed with); attest_key: a P-256 key pair; pck_chain_pem: leaf, PCK CA, root.
 * *quote is malloc'd. */
vsgx_pcs_result_t vsgx_quote_kit_build(const vsgx_platform_t *p, const vsgx_tcbm_t *tcbm, const sgx_report_body_t *app,
                                       const sgx_report_body_t *qe, EVP_PKEY *attest_key, const char *pck_chain_pem,
                                       uint8_t **quote, size_t *len, char *err, size_t err_len);

#endif
