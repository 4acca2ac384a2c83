/* fuzz_x509.c — libFuzzer target for the X.509 parsers. The first byte of the input selects
 * the parser (its value modulo 4); the rest is its input:
 *   0  vsgx_crl_parse (PEM, hex DER or raw DER), then what the verifier reads of a parsed CRL
 *      (issuer name, revocation look-up, signature check);
 *   1  vsgx_pem_chain_parse (up to VSGX_MAX_CHAIN certificates), then what the verifier applies
 *      to parsed certificates (names, the SGX extension, signatures);
 *   2  vsgx_pck_ext_parse_der (the SGX extension of a PCK certificate, DER);
 *   3  vsgx_trust_anchor_from_pem (a caller-named root).
 * Aborts when a parser breaks its own promises; otherwise silent. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pck_ext.h"
#include "vsgx/qvl.h"
#include "cert.h"
#include "crl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what)
{
    fprintf(stderr, "fuzz_x509: %s\n", what);
    abort();
}

static void run_crl(const uint8_t *p, size_t n)
{
    char msg[96];
    vsgx_crl_t *crl = vsgx_crl_parse(p, n, msg, sizeof msg);
    if (!crl)
        return;
    char name[256];
    (void)vsgx_crl_issuer_cn_contains(crl, "CA");
    vsgx_name_format(crl->issuer, name, sizeof name);
    for (size_t i = 0; i < crl->revoked_count; i++)
        if (!crl->revoked[i].p || crl->revoked[i].len == 0)
            broken("vsgx_crl_parse: empty revoked serial");
    vsgx_crl_free(crl);
}

static void run_chain(const uint8_t *p, size_t n)
{
    vsgx_cert_t *certs[VSGX_MAX_CHAIN];
    memset(certs, 0, sizeof certs);
    int k = vsgx_pem_chain_parse((const char *)p, n, certs, VSGX_MAX_CHAIN);
    if (k < -1 || k > VSGX_MAX_CHAIN)
        broken("vsgx_pem_chain_parse: count out of range");
    if (k <= 0) {
        for (int i = 0; i < VSGX_MAX_CHAIN; i++)
            if (certs[i])
                broken("vsgx_pem_chain_parse: failed but left certificates");
        return;
    }
    for (int i = 0; i < k; i++) {
        vsgx_pck_ext_t ext;
        char name[256];
        char msg[160];
        if (!certs[i])
            broken("vsgx_pem_chain_parse: NULL certificate in the count");
        (void)vsgx_cert_cn_contains(certs[i], "SGX PCK Certificate");
        vsgx_name_format(certs[i]->subject, name, sizeof name);
        msg[0] = '\0';
        if (!vsgx_pck_ext_from_cert(certs[i], &ext, msg, sizeof msg) && !memchr(msg, '\0', sizeof msg))
            broken("vsgx_pck_ext_from_cert: message not NUL-terminated");
        if (i > 0)
            (void)vsgx_cert_signed_by(certs[i - 1], certs[i]);
    }
    vsgx_chain_free(certs, k);
}

static void run_pck_ext(const uint8_t *p, size_t n)
{
    vsgx_pck_ext_t ext;
    char msg[160];
    memset(msg, 'x', sizeof msg);
    if (vsgx_pck_ext_parse_der(p, n, &ext, msg, sizeof msg)) {
        if (ext.sgx_type > 2)
            broken("vsgx_pck_ext_parse_der: SGX type out of range");
        if (ext.has_configuration &&
            (ext.dynamic_platform > PCK_FLAG_UNDEFINED || ext.cached_keys > PCK_FLAG_UNDEFINED ||
             ext.smt_enabled > PCK_FLAG_UNDEFINED))
            broken("vsgx_pck_ext_parse_der: flag out of range");
    } else if (!memchr(msg, '\0', sizeof msg) || msg[0] == '\0') {
        broken("vsgx_pck_ext_parse_der: failed without a message");
    }
    /* A small message buffer must be cut, never overrun (ASan watches the exact size). */
    char *tiny = malloc(8);
    if (tiny) {
        (void)vsgx_pck_ext_parse_der(p, n, &ext, tiny, 8);
        free(tiny);
    }
}

static void run_anchor(const uint8_t *p, size_t n)
{
    vsgx_trust_anchor_t *a = NULL;
    vsgx_qvl_failure_t why;
    if (vsgx_trust_anchor_from_pem((const char *)p, n, &a, &why) == SGX_QL_SUCCESS) {
        if (!a)
            broken("vsgx_trust_anchor_from_pem: success without an anchor");
        vsgx_trust_anchor_free(a);
    } else if (a) {
        broken("vsgx_trust_anchor_from_pem: failure with an anchor");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const uint8_t *p = data + 1;
    size_t n = size - 1;
    switch (data[0] & 3) {
    case 0: run_crl(p, n); break;
    case 1: run_chain(p, n); break;
    case 2: run_pck_ext(p, n); break;
    default: run_anchor(p, n); break;
    }
    return 0;
}
