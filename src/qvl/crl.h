/* crl.h — certificate revocation lists as Intel serves them (PEM, hex of DER, or raw DER),
 * parsed strictly from DER by vsgx: issuer, update times, the CRL Number and Authority Key
 * Identifier extensions, the revoked serial numbers, and the signature. */
#ifndef VSGX_QVL_CRL_H
#define VSGX_QVL_CRL_H

#include "cert.h"

typedef struct {
    uint8_t *der;               /* owned DER */
    size_t der_len;
    vsgx_bytes_t tbs;
    vsgx_bytes_t issuer;
    int64_t this_update, next_update;
    bool has_crl_number, has_aki;
    uint64_t crl_number;
    size_t revoked_count;
    vsgx_bytes_t *revoked;      /* serial number INTEGER content bytes */
    uint8_t sig[64];
} vsgx_crl_t;

/* A CRL as PEM, as hex of its DER, or as raw DER (the encoding is detected; one trailing NUL is
 * tolerated). NULL on malformed input, with a reason in msg when msg is not NULL. */
vsgx_crl_t *vsgx_crl_parse(const uint8_t *data, size_t len, char *msg, size_t msg_len);
void vsgx_crl_free(vsgx_crl_t *crl);

/* The CRL names issuer's subject as its issuer and is signed by issuer's key. */
bool vsgx_crl_signed_by(const vsgx_crl_t *crl, const vsgx_cert_t *issuer);
/* cert's serial number is listed. */
bool vsgx_crl_revokes(const vsgx_crl_t *crl, const vsgx_cert_t *cert);
/* The issuer's common name contains needle. */
bool vsgx_crl_issuer_cn_contains(const vsgx_crl_t *crl, const char *needle);

#endif
