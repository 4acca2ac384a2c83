/* cert.c — the strict DER certificate parser (see cert.h). */
#include "cert.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "der.h"
#include "pem.h"

static const uint8_t OID_ECDSA_SHA256[] = { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02 };
static const uint8_t OID_EC_PUBLIC_KEY[] = { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01 };
static const uint8_t OID_PRIME256V1[] = { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07 };
static const uint8_t OID_SGX_EXTENSION[] = { 0x2A, 0x86, 0x48, 0x86, 0xF8, 0x4D, 0x01, 0x0D, 0x01 };
static const uint8_t OID_CN[] = { 0x55, 0x04, 0x03 };
/* Extensions a certificate may mark critical: key usage, basic constraints. */
static const uint8_t OID_KEY_USAGE[] = { 0x55, 0x1D, 0x0F };
static const uint8_t OID_BASIC_CONSTRAINTS[] = { 0x55, 0x1D, 0x13 };

#define FAIL(...) do { snprintf(msg, msg_len, __VA_ARGS__); goto fail; } while (0)

bool vsgx_read_ecdsa_sha256_algorithm(vsgx_cursor_t *c)
{
    vsgx_der_t alg, oid;
    if (!vsgx_der_expect(c, DER_SEQUENCE, &alg))
        return false;
    vsgx_cursor_t in = vsgx_der_inner(&alg);
    /* ecdsa-with-SHA256 has absent parameters. */
    return vsgx_der_expect(&in, DER_OID, &oid) && vsgx_der_oid_is(&oid, OID_ECDSA_SHA256, sizeof OID_ECDSA_SHA256) &&
           in.left == 0;
}

static bool int32(const vsgx_der_t *d, uint8_t out[32])
{
    const uint8_t *p = d->v;
    size_t n = d->len;
    if (d->tag != DER_INTEGER || n == 0 || (p[0] & 0x80))
        return false;
    if (n > 1 && p[0] == 0) {
        if (!(p[1] & 0x80))
            return false; /* not minimal */
        p++;
        n--;
    }
    if (n > 32)
        return false;
    memset(out, 0, 32 - n);
    memcpy(out + 32 - n, p, n);
    return true;
}

bool vsgx_ecdsa_sig_from_der(const uint8_t *der, size_t len, uint8_t sig[64])
{
    vsgx_cursor_t c = vsgx_cursor(der, len);
    vsgx_der_t seq, r, s;
    if (!vsgx_der_expect(&c, DER_SEQUENCE, &seq) || c.left != 0)
        return false;
    vsgx_cursor_t in = vsgx_der_inner(&seq);
    return vsgx_der_next(&in, &r) && vsgx_der_next(&in, &s) && in.left == 0 && int32(&r, sig) && int32(&s, sig + 32);
}

/* Finds the common name in a Name, checking the Name's structure on the way. */
static bool name_cn(const vsgx_der_t *name, vsgx_bytes_t *cn)
{
    vsgx_cursor_t rdns = vsgx_der_inner(name);
    cn->p = NULL;
    cn->len = 0;
    while (rdns.left) {
        vsgx_der_t set, atv, oid, value;
        if (!vsgx_der_expect(&rdns, DER_SET, &set))
            return false;
        vsgx_cursor_t in = vsgx_der_inner(&set);
        while (in.left) {
            if (!vsgx_der_expect(&in, DER_SEQUENCE, &atv))
                return false;
            vsgx_cursor_t a = vsgx_der_inner(&atv);
            if (!vsgx_der_expect(&a, DER_OID, &oid) || !vsgx_der_next(&a, &value) || a.left != 0)
                return false;
            if (vsgx_der_oid_is(&oid, OID_CN, sizeof OID_CN) && !cn->p) {
                cn->p = value.v;
                cn->len = value.len;
            }
        }
    }
    return true;
}

static bool public_key(const vsgx_der_t *spki, uint8_t xy[64])
{
    vsgx_cursor_t c = vsgx_der_inner(spki);
    vsgx_der_t alg, oid, curve, bits;
    const uint8_t *p;
    size_t n;
    if (!vsgx_der_expect(&c, DER_SEQUENCE, &alg) || !vsgx_der_expect(&c, DER_BIT_STRING, &bits) || c.left)
        return false;
    vsgx_cursor_t a = vsgx_der_inner(&alg);
    if (!vsgx_der_expect(&a, DER_OID, &oid) || !vsgx_der_oid_is(&oid, OID_EC_PUBLIC_KEY, sizeof OID_EC_PUBLIC_KEY) ||
        !vsgx_der_expect(&a, DER_OID, &curve) || !vsgx_der_oid_is(&curve, OID_PRIME256V1, sizeof OID_PRIME256V1) ||
        a.left)
        return false;
    if (!vsgx_der_bits(&bits, &p, &n) || n != 65 || p[0] != 0x04)
        return false;
    memcpy(xy, p + 1, 64);
    return true;
}

static bool extensions(const vsgx_der_t *ctx3, vsgx_cert_t *cert, char *msg, size_t msg_len)
{
    vsgx_cursor_t c = vsgx_der_inner(ctx3);
    vsgx_der_t list;
    if (!vsgx_der_expect(&c, DER_SEQUENCE, &list) || c.left)
        FAIL("malformed extensions");
    vsgx_cursor_t in = vsgx_der_inner(&list);
    while (in.left) {
        vsgx_der_t ext, oid, crit, value;
        if (!vsgx_der_expect(&in, DER_SEQUENCE, &ext))
            FAIL("malformed extension");
        vsgx_cursor_t e = vsgx_der_inner(&ext);
        bool critical = false;
        if (!vsgx_der_expect(&e, DER_OID, &oid))
            FAIL("malformed extension");
        if (vsgx_der_peek(&e, DER_BOOLEAN)) {
            if (!vsgx_der_next(&e, &crit) || crit.len != 1 || crit.v[0] != 0xFF)
                FAIL("malformed critical flag"); /* DER: FALSE is encoded by absence */
            critical = true;
        }
        if (!vsgx_der_expect(&e, DER_OCTET_STRING, &value) || e.left)
            FAIL("malformed extension value");
        if (vsgx_der_oid_is(&oid, OID_SGX_EXTENSION, sizeof OID_SGX_EXTENSION)) {
            if (cert->sgx_extension.p)
                FAIL("SGX extension appears twice");
            cert->sgx_extension = (vsgx_bytes_t){ value.v, value.len };
        } else if (vsgx_der_oid_is(&oid, OID_BASIC_CONSTRAINTS, sizeof OID_BASIC_CONSTRAINTS)) {
            vsgx_cursor_t b = vsgx_cursor(value.v, value.len);
            vsgx_der_t seq, flag;
            if (!vsgx_der_expect(&b, DER_SEQUENCE, &seq) || b.left)
                FAIL("malformed basic constraints");
            vsgx_cursor_t s = vsgx_der_inner(&seq);
            cert->is_ca = vsgx_der_peek(&s, DER_BOOLEAN) && vsgx_der_next(&s, &flag) && flag.len == 1 &&
                          flag.v[0] == 0xFF;
        } else if (critical && !vsgx_der_oid_is(&oid, OID_KEY_USAGE, sizeof OID_KEY_USAGE)) {
            FAIL("unknown critical extension");
        }
    }
    return true;
fail:
    return false;
}

vsgx_cert_t *vsgx_cert_parse(const uint8_t *data, size_t len, char *msg, size_t msg_len)
{
    vsgx_cert_t *cert = calloc(1, sizeof *cert);
    if (!cert || !(cert->der = malloc(len ? len : 1))) {
        snprintf(msg, msg_len, "out of memory");
        free(cert);
        return NULL;
    }
    memcpy(cert->der, data, len);
    cert->der_len = len;
    atomic_init(&cert->refs, 1);
    vsgx_cursor_t c = vsgx_cursor(cert->der, len);
    vsgx_der_t whole, tbs, field, bits, name;
    if (!vsgx_der_expect(&c, DER_SEQUENCE, &whole) || c.left)
        FAIL("not a DER certificate");
    vsgx_cursor_t w = vsgx_der_inner(&whole);
    if (!vsgx_der_expect(&w, DER_SEQUENCE, &tbs) || !vsgx_read_ecdsa_sha256_algorithm(&w) || !vsgx_der_expect(&w, DER_BIT_STRING, &bits) ||
        w.left)
        FAIL("not an ECDSA-SHA256 certificate");
    cert->tbs = (vsgx_bytes_t){ tbs.tlv, tbs.tlv_len };
    if (!vsgx_der_bits(&bits, &cert->signature.p, &cert->signature.len) ||
        !vsgx_ecdsa_sig_from_der(cert->signature.p, cert->signature.len, cert->sig))
        FAIL("malformed signature");

    vsgx_cursor_t t = vsgx_der_inner(&tbs);
    uint64_t version;
    if (!vsgx_der_expect(&t, DER_CONTEXT_0, &field))
        FAIL("not an X.509 v3 certificate");
    vsgx_cursor_t v = vsgx_der_inner(&field);
    if (!vsgx_der_next(&v, &field) || !vsgx_der_uint(&field, &version) || version != 2 || v.left)
        FAIL("not an X.509 v3 certificate");
    if (!vsgx_der_expect(&t, DER_INTEGER, &field) || field.len == 0 || field.len > 21 ||
        (field.len > 1 && field.v[0] == 0 && !(field.v[1] & 0x80)))
        FAIL("malformed serial number");
    cert->serial = (vsgx_bytes_t){ field.v, field.len };
    if (!vsgx_read_ecdsa_sha256_algorithm(&t))
        FAIL("signature algorithm is not ecdsa-with-SHA256");
    vsgx_bytes_t issuer_cn;
    if (!vsgx_der_expect(&t, DER_SEQUENCE, &name) || !name_cn(&name, &issuer_cn))
        FAIL("malformed issuer name");
    cert->issuer = (vsgx_bytes_t){ name.tlv, name.tlv_len };
    vsgx_der_t validity, nb, na;
    if (!vsgx_der_expect(&t, DER_SEQUENCE, &validity))
        FAIL("malformed validity");
    vsgx_cursor_t val = vsgx_der_inner(&validity);
    if (!vsgx_der_next(&val, &nb) || !vsgx_der_time(&nb, &cert->not_before) || !vsgx_der_next(&val, &na) ||
        !vsgx_der_time(&na, &cert->not_after) || val.left)
        FAIL("malformed validity");
    if (!vsgx_der_expect(&t, DER_SEQUENCE, &name) || !name_cn(&name, &cert->subject_cn))
        FAIL("malformed subject name");
    cert->subject = (vsgx_bytes_t){ name.tlv, name.tlv_len };
    if (!vsgx_der_expect(&t, DER_SEQUENCE, &field) || !public_key(&field, cert->pubkey))
        FAIL("public key is not an uncompressed P-256 point");
    if (!(cert->key = vsgx_p256_key_new(cert->pubkey)))
        FAIL("public key is not on the P-256 curve");
    /* issuerUniqueID [1] and subjectUniqueID [2] are not used in this PKI: refuse them. */
    if (t.left) {
        if (!vsgx_der_expect(&t, DER_CONTEXT_3, &field))
            FAIL("unexpected field in the certificate");
        if (!extensions(&field, cert, msg, msg_len))
            goto fail;
    }
    if (t.left)
        FAIL("trailing data in the certificate");
    return cert;
fail:
    vsgx_cert_free(cert);
    return NULL;
}

vsgx_cert_t *vsgx_cert_ref(vsgx_cert_t *c)
{
    atomic_fetch_add(&c->refs, 1);
    return c;
}

void vsgx_cert_free(vsgx_cert_t *c)
{
    if (!c || atomic_fetch_sub(&c->refs, 1) != 1)
        return;
    vsgx_p256_key_free(c->key);
    free(c->der);
    free(c);
}

int vsgx_pem_chain_parse(const char *pem, size_t len, vsgx_cert_t **certs, int max)
{
    return vsgx_pem_chain_parse_shared(pem, len, certs, max, NULL, 0);
}

static vsgx_cert_t *from_pool(const uint8_t *der, size_t len, vsgx_cert_t *const *pool, int pool_n)
{
    for (int i = 0; i < pool_n; i++)
        if (pool[i] && pool[i]->der_len == len && memcmp(pool[i]->der, der, len) == 0)
            return vsgx_cert_ref(pool[i]);
    return NULL;
}

int vsgx_pem_chain_parse_shared(const char *pem, size_t len, vsgx_cert_t **certs, int max,
                                vsgx_cert_t *const *pool, int pool_n)
{
    vsgx_pem_reader_t r = { pem, len };
    int n = 0;
    for (;;) {
        uint8_t *der;
        size_t der_len;
        char msg[96];
        int got = vsgx_pem_next(&r, "CERTIFICATE", &der, &der_len);
        if (got == 0)
            return n;
        vsgx_cert_t *c = NULL;
        if (got > 0 && n < max && !(c = from_pool(der, der_len, pool, pool_n)))
            c = vsgx_cert_parse(der, der_len, msg, sizeof msg);
        if (got > 0)
            free(der);
        if (!c) {
            vsgx_chain_free(certs, n);
            return -1;
        }
        certs[n++] = c;
    }
}

void vsgx_chain_free(vsgx_cert_t **certs, int n)
{
    for (int i = 0; i < n; i++) {
        vsgx_cert_free(certs[i]);
        certs[i] = NULL;
    }
}

bool vsgx_bytes_equal(vsgx_bytes_t a, vsgx_bytes_t b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.p, b.p, a.len) == 0);
}

bool vsgx_bytes_contain(vsgx_bytes_t hay, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= hay.len; i++)
        if (memcmp(hay.p + i, needle, k) == 0)
            return true;
    return false;
}

bool vsgx_name_cn(vsgx_bytes_t name, vsgx_bytes_t *cn)
{
    vsgx_cursor_t c = vsgx_cursor(name.p, name.len);
    vsgx_der_t seq;
    return vsgx_der_expect(&c, DER_SEQUENCE, &seq) && c.left == 0 && name_cn(&seq, cn);
}

bool vsgx_cert_cn_contains(const vsgx_cert_t *c, const char *needle)
{
    return vsgx_bytes_contain(c->subject_cn, needle);
}

bool vsgx_cert_signed_by(const vsgx_cert_t *cert, const vsgx_cert_t *issuer)
{
    return vsgx_bytes_equal(cert->issuer, issuer->subject) &&
           vsgx_p256_verify(issuer->key, cert->tbs.p, cert->tbs.len, cert->sig);
}

void vsgx_name_format(vsgx_bytes_t name, char *out, size_t size)
{
    static const struct { uint8_t arc; const char *label; } LABELS[] = {
        { 3, "CN" }, { 6, "C" }, { 7, "L" }, { 8, "ST" }, { 10, "O" }, { 11, "OU" }
    };
    size_t used = 0;
    out[0] = '\0';
    vsgx_cursor_t c = vsgx_cursor(name.p, name.len);
    vsgx_der_t seq, set, atv, oid, value;
    if (!vsgx_der_expect(&c, DER_SEQUENCE, &seq))
        return;
    vsgx_cursor_t rdns = vsgx_der_inner(&seq);
    while (vsgx_der_expect(&rdns, DER_SET, &set)) {
        vsgx_cursor_t in = vsgx_der_inner(&set);
        while (vsgx_der_expect(&in, DER_SEQUENCE, &atv)) {
            vsgx_cursor_t a = vsgx_der_inner(&atv);
            if (!vsgx_der_expect(&a, DER_OID, &oid) || !vsgx_der_next(&a, &value))
                return;
            const char *label = "?";
            if (oid.len == 3 && oid.v[0] == 0x55 && oid.v[1] == 0x04)
                for (size_t i = 0; i < sizeof LABELS / sizeof LABELS[0]; i++)
                    if (LABELS[i].arc == oid.v[2])
                        label = LABELS[i].label;
            int n = snprintf(out + used, size - used, "/%s=%.*s", label, (int)value.len, (const char *)value.v);
            if (n < 0 || (size_t)n >= size - used)
                return;
            used += (size_t)n;
        }
    }
}
