/* pcs_crl.h — the simulated PCS's CRLs, shaped like Intel's: v2, ecdsa-with-SHA256, the issuing
 * CA's subject as issuer, thisUpdate/nextUpdate, a CRL Number and an Authority Key Identifier
 * (the issuer's key id), and the revoked serials with their revocation dates. The root CA CRL
 * is issued by the Root CA, the PCK CRLs by the PCK Processor or Platform CA. DER or PEM. */
#ifndef VSGX_PCS_CRL_H
#define VSGX_PCS_CRL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "ca.h"

/* One revoked certificate: its serial (big-endian magnitude, 1..20 bytes) and when. */
typedef struct {
    uint8_t serial[20];
    size_t serial_len;
    int64_t revoked_at;
} vsgx_pcs_revoked_t;

/* The CRL's dates and extensions. no_crl_number / no_aki leave them out (faults, for tests). */
typedef struct {
    int64_t this_update, next_update;
    uint64_t crl_number;
    bool no_crl_number, no_aki;
} vsgx_pcs_crl_params_t;

/* The entry of a certificate (its serial) or of a numeric serial, revoked at `when`. */
bool vsgx_pcs_revoked_cert(const X509 *cert, int64_t when, vsgx_pcs_revoked_t *out);
void vsgx_pcs_revoked_u64(uint64_t serial, int64_t when, vsgx_pcs_revoked_t *out);

/* A CRL naming `issuer`'s subject (AKI from its SKI), signed with key, listing revoked[0..n).
 * NULL on failure. */
X509_CRL *vsgx_pcs_crl_make(X509 *issuer, EVP_PKEY *key, const vsgx_pcs_revoked_t *revoked, size_t n,
                            const vsgx_pcs_crl_params_t *p);
/* DER (malloc'd) and PEM (NUL-terminated, malloc'd) of a CRL; false / NULL on failure. */
bool vsgx_pcs_crl_der(X509_CRL *crl, uint8_t **der, size_t *len);
char *vsgx_pcs_crl_pem(X509_CRL *crl);

/* The CRL of role (VSGX_PCS_ROOT_CA, VSGX_PCS_PROCESSOR_CA or VSGX_PCS_PLATFORM_CA) as DER. */
vsgx_pcs_result_t vsgx_pcs_crl_issue(const vsgx_pcs_ca_t *ca, vsgx_pcs_ca_role_t role,
                                     const vsgx_pcs_revoked_t *revoked, size_t n, const vsgx_pcs_crl_params_t *p,
                                     uint8_t **der, size_t *len, char *err, size_t err_len);

/* The issuer chain of role's collateral as PEM: the TCB Signing (or a PCK CA) certificate, then
 * the root. New string (free()), NULL on failure. */
char *vsgx_pcs_issuer_chain_pem(const vsgx_pcs_ca_t *ca, vsgx_pcs_ca_role_t role);

#endif
