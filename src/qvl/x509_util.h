/* x509_util.h — the X.509 pieces the verifier needs, over OpenSSL: PEM chains, CRLs in any of
 * Intel's encodings (PEM, hex DER, raw DER), common names, times as epoch seconds, signature
 * checks and revocation look-ups. */
#ifndef VSGX_QVL_X509_UTIL_H
#define VSGX_QVL_X509_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/x509.h>

#define VSGX_MAX_CHAIN 4

/* Parses concatenated PEM certificates (trailing NULs and whitespace tolerated). Returns the
 * number parsed (1..max), 0 when there is none, -1 on malformed input or more than max. */
int vsgx_pem_chain_parse(const char *pem, size_t len, X509 **certs, int max);
void vsgx_chain_free(X509 **certs, int n);

/* A CRL as PEM, as hex of its DER, or as raw DER (the encoding is detected). NULL on error. */
X509_CRL *vsgx_crl_parse(const uint8_t *data, size_t len);

/* True when the subject (or issuer) common name contains needle. */
bool vsgx_subject_cn_contains(X509 *cert, const char *needle);
bool vsgx_crl_issuer_cn_contains(X509_CRL *crl, const char *needle);

int64_t vsgx_asn1_time_to_epoch(const ASN1_TIME *t);
int64_t vsgx_cert_not_before(X509 *cert);
int64_t vsgx_cert_not_after(X509 *cert);

/* cert is signed by issuer's key. */
bool vsgx_cert_signed_by(X509 *cert, X509 *issuer);
/* The CRL names issuer's subject as its issuer and is signed by issuer's key. */
bool vsgx_crl_issued_by(X509_CRL *crl, X509 *issuer);
/* The CRL carries the CRL Number and Authority Key Identifier extensions. */
bool vsgx_crl_has_required_extensions(X509_CRL *crl);
/* cert's serial number is listed in crl. */
bool vsgx_crl_revokes(X509_CRL *crl, X509 *cert);
/* The CRL number (0 when absent or too large). */
uint32_t vsgx_crl_number(X509_CRL *crl);

/* The raw uncompressed P-256 public key X || Y of a certificate; false for any other key. */
bool vsgx_cert_p256_key(X509 *cert, uint8_t xy[64]);

#endif
