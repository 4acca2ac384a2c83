/* ca.h — the simulated Intel PCS's certificate authorities: a hierarchy shaped like Intel's
 * (Root CA → PCK Processor CA, PCK Platform CA, TCB Signing), kept in a PCS state directory as
 * P-256 key pairs (PEM, mode 0600) and certificates (PEM).
 *
 * Names. Every verifier looks at the common names: vsgx's QVL (pck_chain.c) and Intel's QVL
 * require the root CN to contain "SGX Root CA", the intermediate's "CA" (vsgx tells Platform
 * from Processor by "Platform CA"), the leaf's "SGX PCK Certificate" and the signer's "SGX TCB
 * Signing" (substring checks); keeping the CNs exactly Intel's also satisfies any verifier
 * that compares them whole. So the CNs are exactly Intel's ("Intel SGX
 * Root CA", "Intel SGX PCK Processor CA", "Intel SGX PCK Platform CA", "Intel SGX TCB
 * Signing", "Intel SGX PCK Certificate"), and the simulation is said where no verifier looks:
 * O = "vsgx Simulated Intel PCS", OU = "vsgx Simulated SGX PKI - not Intel" (L, ST, C as
 * Intel's). Nothing here chains to the real Intel root, which verifiers trust by default.
 *
 * Validity like Intel's: the root until 2049-12-31T23:59:59Z, the PCK CAs 15 years, the TCB
 * Signing certificate 7 years, all from one day before creation. Serials are random (20 bytes).
 * A creation that fails part-way leaves the files already written (create refuses over them). */
#ifndef VSGX_PCS_CA_H
#define VSGX_PCS_CA_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

typedef enum {
    VSGX_PCS_ROOT_CA = 0,
    VSGX_PCS_PROCESSOR_CA,
    VSGX_PCS_PLATFORM_CA,
    VSGX_PCS_TCB_SIGNING,
    VSGX_PCS_CA_COUNT
} vsgx_pcs_ca_role_t;

typedef enum {
    VSGX_PCS_OK = 0,
    VSGX_PCS_EXISTS,    /* creating over existing CA files */
    VSGX_PCS_NOT_FOUND, /* a CA file is missing */
    VSGX_PCS_IO,        /* a file could not be read or written */
    VSGX_PCS_INSECURE,  /* a key file is readable by group or others */
    VSGX_PCS_INVALID,   /* a file is malformed or a key does not match its certificate */
    VSGX_PCS_CRYPTO,    /* OpenSSL failed */
} vsgx_pcs_result_t;

#define VSGX_PCS_O "vsgx Simulated Intel PCS"
#define VSGX_PCS_OU "vsgx Simulated SGX PKI - not Intel"
/* Where the simulated PCS serves CRLs (named in the certificates' CRL distribution points). */
#define VSGX_PCS_CRL_BASE "https://pcs.vsgx.invalid/sgx/certification/v4"

#define VSGX_PCS_YEAR INT64_C(31536000)
#define VSGX_PCS_ROOT_NOT_AFTER INT64_C(2524607999) /* 2049-12-31T23:59:59Z */

typedef struct {
    EVP_PKEY *key[VSGX_PCS_CA_COUNT];
    X509 *cert[VSGX_PCS_CA_COUNT];
} vsgx_pcs_ca_t;

const char *vsgx_pcs_result_str(vsgx_pcs_result_t r);

/* Writes the message (printf format) into err when there is room, and returns r: how every
 * src/pcs function reports a failure. */
vsgx_pcs_result_t vsgx_pcs_fail(vsgx_pcs_result_t r, char *err, size_t err_len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The CN of a role ("Intel SGX Root CA", ...) and its files' base name ("root-ca", ...). */
const char *vsgx_pcs_ca_cn(vsgx_pcs_ca_role_t role);
const char *vsgx_pcs_ca_file(vsgx_pcs_ca_role_t role);

/* Creates dir (0700) if needed and four new CAs in it, valid from now - 1 day (now 0: the
 * current time): NAME.key.pem (0600) and NAME.cert.pem. Refuses (EXISTS) when any is there.
 * *out (may be NULL) receives the CAs. err (may be NULL) receives a message. */
vsgx_pcs_result_t vsgx_pcs_ca_create(const char *dir, int64_t now, vsgx_pcs_ca_t **out, char *err,
                                     size_t err_len);
/* Loads the CAs of dir; each key must match its certificate. Free with vsgx_pcs_ca_free. */
vsgx_pcs_result_t vsgx_pcs_ca_load(const char *dir, vsgx_pcs_ca_t **out, char *err, size_t err_len);
void vsgx_pcs_ca_free(vsgx_pcs_ca_t *ca);

/* The PEM of one certificate, or of several concatenated (an issuer chain, e.g. PCK CA then
 * root). New NUL-terminated string (free()), NULL on failure. */
char *vsgx_pcs_cert_pem(X509 *const *certs, int n);

/* Shared by the issuers (ca.c, pck_cert.c): a certificate for key named cn under the simulated
 * O/OU, issued by issuer (NULL: self-signed) and signed with issuer_key, with a random serial,
 * the given validity, SKI/AKI and the role's usage. is_ca: CA:TRUE with pathlen (-1: none);
 * else CA:FALSE. crl_dp: a CRL distribution point URI or NULL. sgx_ext: the DER value of the
 * SGX extension (1.2.840.113741.1.13.1, non-critical) or NULL. NULL on failure. */
X509 *vsgx_pcs_make_cert(const char *cn, EVP_PKEY *key, X509 *issuer, EVP_PKEY *issuer_key,
                         int64_t not_before, int64_t not_after, int is_ca, int pathlen,
                         const char *crl_dp, const uint8_t *sgx_ext, size_t sgx_ext_len);

#endif
