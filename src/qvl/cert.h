/* cert.h — X.509 certificates as the SGX PKI uses them (ECDSA P-256 with SHA-256), parsed
 * strictly from DER by vsgx itself: raw names, validity, serial, the P-256 key and the SGX
 * extension located, the signature decoded. Parsing costs microseconds, where a general X.509
 * library spends hundreds decoding keys; trust decisions are the verifier's business. */
#ifndef VSGX_QVL_CERT_H
#define VSGX_QVL_CERT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cursor.h"
#include "p256.h"

#define VSGX_MAX_CHAIN 4

typedef struct {
    const uint8_t *p;
    size_t len;
} vsgx_bytes_t;

typedef struct {
    uint8_t *der;               /* owned copy of the certificate */
    size_t der_len;
    vsgx_bytes_t tbs;           /* the signed part */
    vsgx_bytes_t serial;        /* INTEGER content bytes */
    vsgx_bytes_t issuer;        /* the whole Name element, as encoded */
    vsgx_bytes_t subject;
    vsgx_bytes_t subject_cn;    /* common name value, or empty */
    int64_t not_before, not_after;
    uint8_t pubkey[64];         /* X || Y */
    vsgx_p256_key_t *key;       /* prepared public key */
    vsgx_bytes_t signature;     /* the BIT STRING's bytes (DER ECDSA-Sig-Value) */
    uint8_t sig[64];            /* r || s */
    vsgx_bytes_t sgx_extension; /* value of 1.2.840.113741.1.13.1, or empty */
    bool is_ca;
    atomic_uint refs;           /* chains share identical certificates */
} vsgx_cert_t;

/* Parses one DER certificate (the bytes are copied). NULL with a reason in msg on failure. */
vsgx_cert_t *vsgx_cert_parse(const uint8_t *der, size_t len, char *msg, size_t msg_len);
/* Another reference to c (thread-safe); each is released with vsgx_cert_free. */
vsgx_cert_t *vsgx_cert_ref(vsgx_cert_t *c);
void vsgx_cert_free(vsgx_cert_t *c);

/* Parses concatenated PEM certificates (trailing NULs and whitespace tolerated). Returns the
 * number parsed (1..max), 0 when there is none, -1 on malformed input or more than max. */
int vsgx_pem_chain_parse(const char *pem, size_t len, vsgx_cert_t **certs, int max);
/* The same, taking a reference to a certificate of pool instead of parsing one with the same
 * bytes again (the collateral's chains repeat the root and the signing certificates). */
int vsgx_pem_chain_parse_shared(const char *pem, size_t len, vsgx_cert_t **certs, int max,
                                vsgx_cert_t *const *pool, int pool_n);
void vsgx_chain_free(vsgx_cert_t **certs, int n);

bool vsgx_bytes_equal(vsgx_bytes_t a, vsgx_bytes_t b);
/* The common name of a Name element (empty when it has none); false when malformed. */
bool vsgx_name_cn(vsgx_bytes_t name, vsgx_bytes_t *cn);
/* hay contains needle. */
bool vsgx_bytes_contain(vsgx_bytes_t hay, const char *needle);
/* The common name contains needle. */
bool vsgx_cert_cn_contains(const vsgx_cert_t *c, const char *needle);
/* cert names issuer's subject as its issuer and carries a signature by issuer's key. */
bool vsgx_cert_signed_by(const vsgx_cert_t *cert, const vsgx_cert_t *issuer);
/* A Name element as "/CN=.../O=.../L=.../ST=.../C=..." for people. */
void vsgx_name_format(vsgx_bytes_t name, char *out, size_t size);
/* Reads an AlgorithmIdentifier that must be ecdsa-with-SHA256 (certificates and CRLs). */
bool vsgx_read_ecdsa_sha256_algorithm(vsgx_cursor_t *c);
/* DER ECDSA-Sig-Value to r || s. */
bool vsgx_ecdsa_sig_from_der(const uint8_t *der, size_t len, uint8_t sig[64]);

#endif
