/* fuzz_x509.c — libFuzzer target for vsgx's own X.509 parsers (PEM armour, strict DER,
 * certificates, CRLs) and the PCK certificate's SGX extension. The low three bits of the first
 * byte select the parser; the rest of the input is its input:
 *   0  vsgx_crl_parse (PEM, hex DER or raw DER), then what the verifier reads of a parsed CRL
 *      (issuer name, revocation look-up, the signature check against the Intel root);
 *   1  vsgx_pem_chain_parse (up to VSGX_MAX_CHAIN certificates), then what the verifier applies
 *      to parsed certificates (names, the SGX extension, signatures);
 *   2  vsgx_pck_ext_parse_der (the SGX extension of a PCK certificate, DER);
 *   3  vsgx_trust_anchor_from_pem (a caller-named root);
 *   4  vsgx_cert_parse on raw DER, then the same helpers as 1;
 *   5  vsgx_pem_next over any number of "CERTIFICATE" or "X509 CRL" blocks (strict base64);
 *   6  vsgx_ecdsa_sig_from_der (an ECDSA-Sig-Value);
 *   7  the DER reader itself: every element of the input, recursively, through vsgx_der_next
 *      and the typed readers (time, INTEGER, BIT STRING, Name).
 * Aborts when a parser breaks its own promises (element bounds, counts, NUL-terminated
 * messages); otherwise silent. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cert.h"
#include "crl.h"
#include "der.h"
#include "pck_ext.h"
#include "pem.h"
#include "trust_anchor.h"
#include "vsgx/qvl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what)
{
    fprintf(stderr, "fuzz_x509: %s\n", what);
    abort();
}

/* b lies inside [p, p + n). */
static void inside(vsgx_bytes_t b, const uint8_t *p, size_t n, const char *what)
{
    if (b.len && (!b.p || b.p < p || b.p > p + n || b.len > (size_t)(p + n - b.p)))
        broken(what);
}

static void check_msg(const char *msg, size_t size, const char *what)
{
    if (!memchr(msg, '\0', size))
        broken(what);
}

static void use_cert(const vsgx_cert_t *c, const vsgx_cert_t *issuer)
{
    vsgx_pck_ext_t ext;
    vsgx_bytes_t cn;
    char name[256], msg[160];
    inside(c->tbs, c->der, c->der_len, "certificate: tbs outside the DER");
    inside(c->serial, c->der, c->der_len, "certificate: serial outside the DER");
    inside(c->issuer, c->der, c->der_len, "certificate: issuer outside the DER");
    inside(c->subject, c->der, c->der_len, "certificate: subject outside the DER");
    inside(c->subject_cn, c->der, c->der_len, "certificate: common name outside the DER");
    inside(c->signature, c->der, c->der_len, "certificate: signature outside the DER");
    inside(c->sgx_extension, c->der, c->der_len, "certificate: SGX extension outside the DER");
    if (!c->key)
        broken("certificate: parsed without a key");
    (void)vsgx_cert_cn_contains(c, "SGX PCK Certificate");
    if (!vsgx_name_cn(c->subject, &cn) || !vsgx_name_cn(c->issuer, &cn))
        broken("certificate: parsed names do not parse again");
    vsgx_name_format(c->subject, name, sizeof name);
    check_msg(name, sizeof name, "vsgx_name_format: not NUL-terminated");
    vsgx_name_format(c->issuer, name, 8); /* cut short */
    check_msg(name, 8, "vsgx_name_format: not NUL-terminated when cut");
    msg[0] = '\0';
    if (!vsgx_pck_ext_from_cert(c, &ext, msg, sizeof msg))
        check_msg(msg, sizeof msg, "vsgx_pck_ext_from_cert: message not NUL-terminated");
    (void)vsgx_cert_signed_by(c, issuer ? issuer : c);
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
    inside(crl->tbs, crl->der, crl->der_len, "CRL: tbs outside the DER");
    inside(crl->issuer, crl->der, crl->der_len, "CRL: issuer outside the DER");
    if (crl->revoked_count && !crl->revoked)
        broken("vsgx_crl_parse: revoked count without a list");
    for (size_t i = 0; i < crl->revoked_count; i++) {
        if (!crl->revoked[i].p || crl->revoked[i].len == 0)
            broken("vsgx_crl_parse: empty revoked serial");
        inside(crl->revoked[i], crl->der, crl->der_len, "CRL: revoked serial outside the DER");
    }
    const vsgx_trust_anchor_t *intel = vsgx_trust_anchor_intel();
    if (!intel)
        broken("the embedded Intel root does not load");
    (void)vsgx_crl_signed_by(crl, intel->cert);
    (void)vsgx_crl_revokes(crl, intel->cert);
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
    for (int i = 0; i < k; i++)
        if (!certs[i])
            broken("vsgx_pem_chain_parse: NULL certificate in the count");
    for (int i = 0; i < k; i++)
        use_cert(certs[i], i + 1 < k ? certs[i + 1] : NULL);
    vsgx_chain_free(certs, k);
}

static void run_cert(const uint8_t *p, size_t n)
{
    char msg[96];
    memset(msg, 'x', sizeof msg);
    vsgx_cert_t *c = vsgx_cert_parse(p, n, msg, sizeof msg);
    if (!c) {
        check_msg(msg, sizeof msg, "vsgx_cert_parse: failed without a message");
        return;
    }
    if (c->der_len != n || (n && memcmp(c->der, p, n) != 0))
        broken("vsgx_cert_parse: the kept DER is not the input");
    use_cert(c, NULL);
    vsgx_cert_free(c);
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
        if (!a || !a->cert)
            broken("vsgx_trust_anchor_from_pem: success without an anchor");
        vsgx_trust_anchor_free(a);
    } else if (a) {
        broken("vsgx_trust_anchor_from_pem: failure with an anchor");
    }
}

static void run_pem(const uint8_t *p, size_t n)
{
    /* Bit 3 of the selector byte chose the label; the reader must make progress or stop. */
    const char *label = (p[-1] & 8) ? "X509 CRL" : "CERTIFICATE";
    vsgx_pem_reader_t r = { (const char *)p, n };
    for (;;) {
        uint8_t *der = NULL;
        size_t len = 0;
        size_t before = r.left;
        int got = vsgx_pem_next(&r, label, &der, &len);
        if (got != 1) {
            if (got != 0 && got != -1)
                broken("vsgx_pem_next: unexpected result");
            if (got == 0 && r.left != 0)
                broken("vsgx_pem_next: end with text left");
            return;
        }
        if (!der || r.left >= before || (const uint8_t *)r.p < p || r.left > n ||
            (const uint8_t *)r.p + r.left != p + n || len > before)
            broken("vsgx_pem_next: block out of bounds");
        free(der);
    }
}

static void run_sig(const uint8_t *p, size_t n)
{
    uint8_t sig[64];
    (void)vsgx_ecdsa_sig_from_der(p, n, sig);
}

/* Every element, recursively into constructed ones, with each typed reader applied. */
static void walk(vsgx_cursor_t c, int depth)
{
    vsgx_der_t d;
    while (c.left) {
        const uint8_t *start = c.p;
        size_t left = c.left;
        if (!vsgx_der_next(&c, &d)) {
            if (c.p != start || c.left != left)
                broken("vsgx_der_next: moved on failure");
            return;
        }
        if (d.tlv != start || d.v < start || d.len > left || d.tlv_len > left ||
            d.v + d.len != start + d.tlv_len || c.p != start + d.tlv_len)
            broken("vsgx_der_next: element out of bounds");
        int64_t t;
        uint64_t u;
        const uint8_t *bits;
        size_t nbits;
        vsgx_bytes_t cn;
        (void)vsgx_der_time(&d, &t);
        (void)vsgx_der_uint(&d, &u);
        if (vsgx_der_bits(&d, &bits, &nbits) && (bits != d.v + 1 || nbits + 1 != d.len))
            broken("vsgx_der_bits: wrong bytes");
        if (d.tag == DER_SEQUENCE)
            (void)vsgx_name_cn((vsgx_bytes_t){ d.tlv, d.tlv_len }, &cn);
        if ((d.tag & 0x20) && depth < 32)
            walk(vsgx_der_inner(&d), depth + 1);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const uint8_t *p = data + 1;
    size_t n = size - 1;
    switch (data[0] & 7) {
    case 0: run_crl(p, n); break;
    case 1: run_chain(p, n); break;
    case 2: run_pck_ext(p, n); break;
    case 3: run_anchor(p, n); break;
    case 4: run_cert(p, n); break;
    case 5: run_pem(p, n); break;
    case 6: run_sig(p, n); break;
    default: walk(vsgx_cursor(p, n), 0); break;
    }
    return 0;
}
