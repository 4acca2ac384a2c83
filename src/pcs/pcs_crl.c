/* pcs_crl.c — the simulated PCS's CRLs (see pcs_crl.h). */
#include "pcs_crl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

bool vsgx_pcs_revoked_cert(const X509 *cert, int64_t when, vsgx_pcs_revoked_t *out)
{
    memset(out, 0, sizeof *out);
    BIGNUM *bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), NULL);
    int n = bn ? BN_num_bytes(bn) : -1;
    bool ok = n > 0 && n <= (int)sizeof out->serial && BN_bn2bin(bn, out->serial) == n;
    BN_free(bn);
    out->serial_len = ok ? (size_t)n : 0;
    out->revoked_at = when;
    return ok;
}

void vsgx_pcs_revoked_u64(uint64_t serial, int64_t when, vsgx_pcs_revoked_t *out)
{
    memset(out, 0, sizeof *out);
    size_t n = 0;
    for (int i = 7; i >= 0; i--) {
        uint8_t b = (uint8_t)(serial >> (8 * i));
        if (b || n || i == 0)
            out->serial[n++] = b;
    }
    out->serial_len = n;
    out->revoked_at = when;
}

static int set_time(X509_CRL *crl, int64_t t, int (*set)(X509_CRL *, const ASN1_TIME *))
{
    ASN1_TIME *a = ASN1_TIME_set(NULL, (time_t)t);
    int ok = a && set(crl, a);
    ASN1_TIME_free(a);
    return ok;
}

static int add_revoked(X509_CRL *crl, const vsgx_pcs_revoked_t *r)
{
    X509_REVOKED *rev = X509_REVOKED_new();
    BIGNUM *bn = BN_bin2bn(r->serial, (int)r->serial_len, NULL);
    ASN1_INTEGER *sn = bn ? BN_to_ASN1_INTEGER(bn, NULL) : NULL;
    ASN1_TIME *when = ASN1_TIME_set(NULL, (time_t)r->revoked_at);
    int ok = rev && sn && when && X509_REVOKED_set_serialNumber(rev, sn) && X509_REVOKED_set_revocationDate(rev, when) &&
             X509_CRL_add0_revoked(crl, rev);
    if (!ok)
        X509_REVOKED_free(rev);
    BN_free(bn);
    ASN1_INTEGER_free(sn);
    ASN1_TIME_free(when);
    return ok;
}

static int add_extensions(X509_CRL *crl, X509 *issuer, const vsgx_pcs_crl_params_t *p)
{
    if (!p->no_crl_number) {
        ASN1_INTEGER *num = ASN1_INTEGER_new();
        int ok = num && ASN1_INTEGER_set_uint64(num, p->crl_number) &&
                 X509_CRL_add1_ext_i2d(crl, NID_crl_number, num, 0, 0);
        ASN1_INTEGER_free(num);
        if (!ok)
            return 0;
    }
    if (!p->no_aki) {
        X509V3_CTX ctx;
        X509V3_set_ctx(&ctx, issuer, NULL, NULL, crl, 0);
        X509_EXTENSION *e = X509V3_EXT_nconf_nid(NULL, &ctx, NID_authority_key_identifier, "keyid:always");
        int ok = e && X509_CRL_add_ext(crl, e, -1);
        X509_EXTENSION_free(e);
        if (!ok)
            return 0;
    }
    return 1;
}

X509_CRL *vsgx_pcs_crl_make(X509 *issuer, EVP_PKEY *key, const vsgx_pcs_revoked_t *revoked, size_t n,
                            const vsgx_pcs_crl_params_t *p)
{
    X509_CRL *crl = X509_CRL_new();
    int ok = crl && X509_CRL_set_version(crl, 1) && X509_CRL_set_issuer_name(crl, X509_get_subject_name(issuer)) &&
             set_time(crl, p->this_update, X509_CRL_set1_lastUpdate) &&
             set_time(crl, p->next_update, X509_CRL_set1_nextUpdate);
    for (size_t i = 0; ok && i < n; i++)
        ok = add_revoked(crl, &revoked[i]);
    ok = ok && add_extensions(crl, issuer, p) && X509_CRL_sort(crl) && X509_CRL_sign(crl, key, EVP_sha256());
    if (!ok) {
        X509_CRL_free(crl);
        return NULL;
    }
    return crl;
}

bool vsgx_pcs_crl_der(X509_CRL *crl, uint8_t **der, size_t *len)
{
    unsigned char *d = NULL;
    int n = i2d_X509_CRL(crl, &d);
    *der = NULL;
    *len = 0;
    if (n <= 0)
        return false;
    *der = malloc((size_t)n);
    if (*der) {
        memcpy(*der, d, (size_t)n);
        *len = (size_t)n;
    }
    OPENSSL_free(d);
    return *der != NULL;
}

char *vsgx_pcs_crl_pem(X509_CRL *crl)
{
    BIO *bio = BIO_new(BIO_s_mem());
    char *out = NULL, *data;
    if (bio && PEM_write_bio_X509_CRL(bio, crl)) {
        long len = BIO_get_mem_data(bio, &data);
        if (len > 0 && (out = malloc((size_t)len + 1))) {
            memcpy(out, data, (size_t)len);
            out[len] = '\0';
        }
    }
    BIO_free(bio);
    return out;
}

vsgx_pcs_result_t vsgx_pcs_crl_issue(const vsgx_pcs_ca_t *ca, vsgx_pcs_ca_role_t role,
                                     const vsgx_pcs_revoked_t *revoked, size_t n, const vsgx_pcs_crl_params_t *p,
                                     uint8_t **der, size_t *len, char *err, size_t err_len)
{
    *der = NULL;
    *len = 0;
    if (role != VSGX_PCS_ROOT_CA && role != VSGX_PCS_PROCESSOR_CA && role != VSGX_PCS_PLATFORM_CA) {
        if (err && err_len)
            snprintf(err, err_len, "%s does not issue CRLs", vsgx_pcs_ca_cn(role));
        return VSGX_PCS_INVALID;
    }
    X509_CRL *crl = vsgx_pcs_crl_make(ca->cert[role], ca->key[role], revoked, n, p);
    bool ok = crl && vsgx_pcs_crl_der(crl, der, len);
    X509_CRL_free(crl);
    if (!ok) {
        if (err && err_len)
            snprintf(err, err_len, "cannot make the CRL of %s", vsgx_pcs_ca_cn(role));
        return VSGX_PCS_CRYPTO;
    }
    return VSGX_PCS_OK;
}

char *vsgx_pcs_issuer_chain_pem(const vsgx_pcs_ca_t *ca, vsgx_pcs_ca_role_t role)
{
    if (role == VSGX_PCS_ROOT_CA || role >= VSGX_PCS_CA_COUNT)
        return vsgx_pcs_cert_pem(&ca->cert[VSGX_PCS_ROOT_CA], 1);
    X509 *chain[2] = { ca->cert[role], ca->cert[VSGX_PCS_ROOT_CA] };
    return vsgx_pcs_cert_pem(chain, 2);
}
