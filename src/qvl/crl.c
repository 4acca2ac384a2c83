/* crl.c — the strict DER CRL parser (see crl.h). */
#include "crl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "der.h"
#include "hex.h"
#include "pem.h"

static const uint8_t OID_CRL_NUMBER[] = { 0x55, 0x1D, 0x14 };
static const uint8_t OID_AKI[] = { 0x55, 0x1D, 0x23 };

#define FAIL(...) do { if (msg) snprintf(msg, msg_len, __VA_ARGS__); goto fail; } while (0)

static bool revoked_list(const vsgx_der_t *seq, vsgx_crl_t *crl)
{
    size_t count = 0;
    for (int pass = 0; pass < 2; pass++) {
        vsgx_cursor_t in = vsgx_der_inner(seq);
        size_t i = 0;
        while (in.left) {
            vsgx_der_t entry, serial, date, ext;
            int64_t when;
            if (!vsgx_der_expect(&in, DER_SEQUENCE, &entry))
                return false;
            vsgx_cursor_t e = vsgx_der_inner(&entry);
            if (!vsgx_der_expect(&e, DER_INTEGER, &serial) || serial.len == 0 || !vsgx_der_next(&e, &date) ||
                !vsgx_der_time(&date, &when))
                return false;
            if (e.left && (!vsgx_der_expect(&e, DER_SEQUENCE, &ext) || e.left))
                return false;
            if (pass == 1)
                crl->revoked[i] = (vsgx_bytes_t){ serial.v, serial.len };
            i++;
        }
        if (pass == 0) {
            count = i;
            crl->revoked = calloc(count ? count : 1, sizeof *crl->revoked);
            if (!crl->revoked)
                return false;
        }
    }
    crl->revoked_count = count;
    return true;
}

static bool crl_extensions(const vsgx_der_t *ctx0, vsgx_crl_t *crl)
{
    vsgx_cursor_t c = vsgx_der_inner(ctx0);
    vsgx_der_t list;
    if (!vsgx_der_expect(&c, DER_SEQUENCE, &list) || c.left)
        return false;
    vsgx_cursor_t in = vsgx_der_inner(&list);
    while (in.left) {
        vsgx_der_t ext, oid, crit, value;
        if (!vsgx_der_expect(&in, DER_SEQUENCE, &ext))
            return false;
        vsgx_cursor_t e = vsgx_der_inner(&ext);
        if (!vsgx_der_expect(&e, DER_OID, &oid))
            return false;
        if (vsgx_der_peek(&e, DER_BOOLEAN) && !vsgx_der_next(&e, &crit))
            return false;
        if (!vsgx_der_expect(&e, DER_OCTET_STRING, &value) || e.left)
            return false;
        if (vsgx_der_oid_is(&oid, OID_CRL_NUMBER, sizeof OID_CRL_NUMBER)) {
            vsgx_cursor_t v = vsgx_cursor(value.v, value.len);
            vsgx_der_t num;
            if (!vsgx_der_expect(&v, DER_INTEGER, &num) || v.left)
                return false;
            crl->has_crl_number = true;
            if (!vsgx_der_uint(&num, &crl->crl_number))
                crl->crl_number = UINT64_MAX; /* too large for Intel's 32-bit field */
        } else if (vsgx_der_oid_is(&oid, OID_AKI, sizeof OID_AKI)) {
            crl->has_aki = true;
        }
    }
    return true;
}

static vsgx_crl_t *parse_der(uint8_t *der, size_t len, char *msg, size_t msg_len)
{
    vsgx_crl_t *crl = calloc(1, sizeof *crl);
    if (!crl) {
        free(der);
        return NULL;
    }
    crl->der = der;
    crl->der_len = len;
    vsgx_cursor_t c = vsgx_cursor(der, len);
    vsgx_der_t whole, tbs, field, name, bits;
    const uint8_t *sp;
    size_t sl;
    if (!vsgx_der_expect(&c, DER_SEQUENCE, &whole) || c.left)
        FAIL("not a DER CRL");
    vsgx_cursor_t w = vsgx_der_inner(&whole);
    if (!vsgx_der_expect(&w, DER_SEQUENCE, &tbs) || !vsgx_read_ecdsa_sha256_algorithm(&w) || !vsgx_der_expect(&w, DER_BIT_STRING, &bits) ||
        w.left || !vsgx_der_bits(&bits, &sp, &sl) || !vsgx_ecdsa_sig_from_der(sp, sl, crl->sig))
        FAIL("not an ECDSA-SHA256 CRL");
    crl->tbs = (vsgx_bytes_t){ tbs.tlv, tbs.tlv_len };
    vsgx_cursor_t t = vsgx_der_inner(&tbs);
    uint64_t version;
    if (!vsgx_der_expect(&t, DER_INTEGER, &field) || !vsgx_der_uint(&field, &version) || version != 1)
        FAIL("not a version 2 CRL");
    if (!vsgx_read_ecdsa_sha256_algorithm(&t))
        FAIL("signature algorithm is not ecdsa-with-SHA256");
    if (!vsgx_der_expect(&t, DER_SEQUENCE, &name))
        FAIL("malformed issuer");
    crl->issuer = (vsgx_bytes_t){ name.tlv, name.tlv_len };
    if (!vsgx_der_next(&t, &field) || !vsgx_der_time(&field, &crl->this_update) || !vsgx_der_next(&t, &field) ||
        !vsgx_der_time(&field, &crl->next_update))
        FAIL("malformed thisUpdate or missing nextUpdate");
    if (vsgx_der_peek(&t, DER_SEQUENCE)) {
        if (!vsgx_der_next(&t, &field) || !revoked_list(&field, crl))
            FAIL("malformed revoked certificates");
    } else if (!(crl->revoked = calloc(1, sizeof *crl->revoked))) {
        FAIL("out of memory");
    }
    if (t.left) {
        if (!vsgx_der_expect(&t, DER_CONTEXT_0, &field) || !crl_extensions(&field, crl))
            FAIL("malformed CRL extensions");
    }
    if (t.left)
        FAIL("trailing data in the CRL");
    return crl;
fail:
    vsgx_crl_free(crl);
    return NULL;
}

static bool all_hex(const uint8_t *p, size_t len)
{
    if (len == 0 || len % 2)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'f') || (p[i] >= 'A' && p[i] <= 'F')))
            return false;
    return true;
}

vsgx_crl_t *vsgx_crl_parse(const uint8_t *data, size_t len, char *msg, size_t msg_len)
{
    uint8_t *der = NULL;
    size_t der_len = 0;
    if (!data || len == 0 || len > 64u << 20) {
        if (msg)
            snprintf(msg, msg_len, "empty or oversized CRL");
        return NULL;
    }
    size_t text_len = len;
    while (text_len > 0 && data[text_len - 1] == '\0')
        text_len--;
    if (text_len >= 10 && memcmp(data, "-----BEGIN", 10) == 0) {
        vsgx_pem_reader_t r = { (const char *)data, len };
        uint8_t *extra;
        size_t extra_len;
        int first = vsgx_pem_next(&r, "X509 CRL", &der, &der_len);
        int second = first == 1 ? vsgx_pem_next(&r, "X509 CRL", &extra, &extra_len) : -1;
        if (second == 1)
            free(extra);
        if (first != 1 || second != 0) {
            if (first == 1)
                free(der);
            if (msg)
                snprintf(msg, msg_len, "not a single PEM X509 CRL");
            return NULL;
        }
    } else if (all_hex(data, text_len)) {
        der_len = text_len / 2;
        if (!(der = malloc(der_len)) || !vsgx_hex_decode((const char *)data, text_len, der, der_len)) {
            free(der);
            return NULL;
        }
    } else {
        /* Raw DER; Intel's structure may count one terminating NUL in the size. */
        der_len = (len > 1 && data[len - 1] == '\0' && text_len == len - 1) ? len - 1 : len;
        if (!(der = malloc(der_len)))
            return NULL;
        memcpy(der, data, der_len);
        if (der_len != len) {
            vsgx_crl_t *crl = parse_der(der, der_len, NULL, 0);
            if (crl)
                return crl;
            /* The NUL was part of the DER after all: try the whole input. */
            if (!(der = malloc(len)))
                return NULL;
            memcpy(der, data, len);
            der_len = len;
        }
    }
    return parse_der(der, der_len, msg, msg_len);
}

void vsgx_crl_free(vsgx_crl_t *crl)
{
    if (!crl)
        return;
    free(crl->revoked);
    free(crl->der);
    free(crl);
}

bool vsgx_crl_signed_by(const vsgx_crl_t *crl, const vsgx_cert_t *issuer)
{
    return vsgx_bytes_equal(crl->issuer, issuer->subject) &&
           vsgx_p256_verify(issuer->key, crl->tbs.p, crl->tbs.len, crl->sig);
}

bool vsgx_crl_revokes(const vsgx_crl_t *crl, const vsgx_cert_t *cert)
{
    for (size_t i = 0; i < crl->revoked_count; i++)
        if (vsgx_bytes_equal(crl->revoked[i], cert->serial))
            return true;
    return false;
}

bool vsgx_crl_issuer_cn_contains(const vsgx_crl_t *crl, const char *needle)
{
    vsgx_bytes_t cn;
    return vsgx_name_cn(crl->issuer, &cn) && vsgx_bytes_contain(cn, needle);
}
