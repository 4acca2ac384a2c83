/* x509_util.c — X.509 helpers over OpenSSL (see x509_util.h). */
#include "x509_util.h"

#include <string.h>

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "hex.h"
#include "timefmt.h"

int vsgx_pem_chain_parse(const char *pem, size_t len, X509 **certs, int max)
{
    while (len > 0 && (pem[len - 1] == '\0' || pem[len - 1] == '\n' || pem[len - 1] == '\r' ||
                       pem[len - 1] == ' '))
        len--;
    if (len == 0 || len > 1u << 20)
        return len == 0 ? 0 : -1;
    BIO *bio = BIO_new_mem_buf(pem, (int)len);
    if (!bio)
        return -1;
    int n = 0;
    for (;;) {
        X509 *c = PEM_read_bio_X509(bio, NULL, NULL, NULL);
        if (!c)
            break;
        if (n == max) {
            X509_free(c);
            vsgx_chain_free(certs, n);
            n = -1;
            break;
        }
        certs[n++] = c;
    }
    /* Anything left that is not whitespace is malformed. */
    char rest[64];
    int got;
    while (n > 0 && (got = BIO_read(bio, rest, sizeof rest)) > 0) {
        for (int i = 0; i < got; i++)
            if (rest[i] != '\n' && rest[i] != '\r' && rest[i] != ' ' && rest[i] != '\t') {
                vsgx_chain_free(certs, n);
                n = -1;
                break;
            }
    }
    BIO_free(bio);
    ERR_clear_error();
    return n;
}

void vsgx_chain_free(X509 **certs, int n)
{
    for (int i = 0; i < n; i++) {
        X509_free(certs[i]);
        certs[i] = NULL;
    }
}

static bool all_hex(const uint8_t *p, size_t len)
{
    if (len == 0 || len % 2)
        return false;
    for (size_t i = 0; i < len; i++) {
        uint8_t c = p[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    }
    return true;
}

X509_CRL *vsgx_crl_parse(const uint8_t *data, size_t len)
{
    X509_CRL *crl = NULL;
    if (!data || len == 0 || len > 16u << 20)
        return NULL;
    if (len >= 10 && memcmp(data, "-----BEGIN", 10) == 0) {
        BIO *bio = BIO_new_mem_buf(data, (int)len);
        if (bio)
            crl = PEM_read_bio_X509_CRL(bio, NULL, NULL, NULL);
        BIO_free(bio);
    } else {
        size_t text_len = len;
        while (text_len > 0 && data[text_len - 1] == '\0')
            text_len--;
        if (all_hex(data, text_len)) {
            size_t n = text_len / 2;
            uint8_t *der = OPENSSL_malloc(n);
            if (der && vsgx_hex_decode((const char *)data, text_len, der, n)) {
                const unsigned char *p = der;
                crl = d2i_X509_CRL(NULL, &p, (long)n);
                if (crl && p != der + n) {
                    X509_CRL_free(crl);
                    crl = NULL;
                }
            }
            OPENSSL_free(der);
        } else {
            const unsigned char *p = data;
            crl = d2i_X509_CRL(NULL, &p, (long)len);
            if (crl && p != data + len) {
                X509_CRL_free(crl);
                crl = NULL;
            }
        }
    }
    ERR_clear_error();
    return crl;
}

static bool name_cn_contains(const X509_NAME *name, const char *needle)
{
    int idx = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
    if (idx < 0)
        return false;
    const ASN1_STRING *s = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, idx));
    const char *p = (const char *)ASN1_STRING_get0_data(s);
    size_t n = (size_t)ASN1_STRING_length(s), k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(p + i, needle, k) == 0)
            return true;
    return false;
}

bool vsgx_subject_cn_contains(X509 *cert, const char *needle)
{
    return name_cn_contains(X509_get_subject_name(cert), needle);
}

bool vsgx_crl_issuer_cn_contains(X509_CRL *crl, const char *needle)
{
    return name_cn_contains(X509_CRL_get_issuer(crl), needle);
}

int64_t vsgx_asn1_time_to_epoch(const ASN1_TIME *t)
{
    struct tm tm;
    if (!t || !ASN1_TIME_to_tm(t, &tm))
        return INT64_MIN;
    return vsgx_time_from_fields(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                                 tm.tm_sec);
}

int64_t vsgx_cert_not_before(X509 *cert)
{
    return vsgx_asn1_time_to_epoch(X509_get0_notBefore(cert));
}

int64_t vsgx_cert_not_after(X509 *cert)
{
    return vsgx_asn1_time_to_epoch(X509_get0_notAfter(cert));
}

bool vsgx_cert_signed_by(X509 *cert, X509 *issuer)
{
    EVP_PKEY *key = X509_get0_pubkey(issuer);
    bool ok = key && X509_verify(cert, key) == 1;
    ERR_clear_error();
    return ok;
}

bool vsgx_crl_issued_by(X509_CRL *crl, X509 *issuer)
{
    if (X509_NAME_cmp(X509_CRL_get_issuer(crl), X509_get_subject_name(issuer)) != 0)
        return false;
    EVP_PKEY *key = X509_get0_pubkey(issuer);
    bool ok = key && X509_CRL_verify(crl, key) == 1;
    ERR_clear_error();
    return ok;
}

bool vsgx_crl_has_required_extensions(X509_CRL *crl)
{
    return X509_CRL_get_ext_by_NID(crl, NID_crl_number, -1) >= 0 &&
           X509_CRL_get_ext_by_NID(crl, NID_authority_key_identifier, -1) >= 0;
}

bool vsgx_crl_revokes(X509_CRL *crl, X509 *cert)
{
    X509_REVOKED *rev = NULL;
    int r = X509_CRL_get0_by_serial(crl, &rev, X509_get0_serialNumber(cert));
    return r == 1;
}

uint32_t vsgx_crl_number(X509_CRL *crl)
{
    ASN1_INTEGER *num = X509_CRL_get_ext_d2i(crl, NID_crl_number, NULL, NULL);
    uint64_t v = 0;
    if (num && ASN1_INTEGER_get_uint64(&v, num) != 1)
        v = 0;
    ASN1_INTEGER_free(num);
    ERR_clear_error();
    return v > UINT32_MAX ? 0 : (uint32_t)v;
}

bool vsgx_cert_p256_key(X509 *cert, uint8_t xy[64])
{
    EVP_PKEY *key = X509_get0_pubkey(cert);
    uint8_t buf[65];
    size_t n = 0;
    char group[32];
    if (!key || EVP_PKEY_get_base_id(key) != EVP_PKEY_EC ||
        !EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, NULL) ||
        strcmp(group, "prime256v1") != 0 ||
        !EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, buf, sizeof buf, &n) ||
        n != 65 || buf[0] != 0x04) {
        ERR_clear_error();
        return false;
    }
    memcpy(xy, buf + 1, 64);
    return true;
}
