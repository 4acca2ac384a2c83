/* ca.c — the simulated PCS's four certificate authorities: creation (keys, Intel-shaped
 * certificates), storage in the PCS state directory and loading back (see ca.h). */
#include "ca.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/bn.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#define DAY INT64_C(86400)

static const char *const CN[VSGX_PCS_CA_COUNT] = {
    "Intel SGX Root CA", "Intel SGX PCK Processor CA", "Intel SGX PCK Platform CA", "Intel SGX TCB Signing"
};
static const char *const FILES[VSGX_PCS_CA_COUNT] = { "root-ca", "processor-ca", "platform-ca", "tcb-signing" };

const char *vsgx_pcs_ca_cn(vsgx_pcs_ca_role_t role)
{
    return role < VSGX_PCS_CA_COUNT ? CN[role] : "?";
}

const char *vsgx_pcs_ca_file(vsgx_pcs_ca_role_t role)
{
    return role < VSGX_PCS_CA_COUNT ? FILES[role] : "?";
}

const char *vsgx_pcs_result_str(vsgx_pcs_result_t r)
{
    switch (r) {
    case VSGX_PCS_OK: return "success";
    case VSGX_PCS_EXISTS: return "the PCS certificate authorities already exist";
    case VSGX_PCS_NOT_FOUND: return "no PCS certificate authorities";
    case VSGX_PCS_IO: return "I/O error";
    case VSGX_PCS_INSECURE: return "a PCS key file is readable by group or others";
    case VSGX_PCS_INVALID: return "invalid PCS certificate authority files";
    case VSGX_PCS_CRYPTO: return "cryptographic failure";
    }
    return "unknown error";
}

vsgx_pcs_result_t vsgx_pcs_fail(vsgx_pcs_result_t r, char *err, size_t err_len, const char *fmt, ...)
{
    if (err && err_len) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, err_len, fmt, ap);
        va_end(ap);
    }
    return r;
}

/* ---- certificates ---- */

static int add_entry(X509_NAME *n, const char *field, const char *value)
{
    return X509_NAME_add_entry_by_txt(n, field, MBSTRING_UTF8, (const unsigned char *)value, -1, -1, 0);
}

static X509_NAME *make_name(const char *cn)
{
    X509_NAME *n = X509_NAME_new();
    if (n && add_entry(n, "CN", cn) && add_entry(n, "O", VSGX_PCS_O) && add_entry(n, "OU", VSGX_PCS_OU) &&
        add_entry(n, "L", "Santa Clara") && add_entry(n, "ST", "CA") &&
        X509_NAME_add_entry_by_txt(n, "C", MBSTRING_ASC, (const unsigned char *)"US", -1, -1, 0))
        return n;
    X509_NAME_free(n);
    return NULL;
}

static int add_ext(X509 *cert, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, issuer ? issuer : cert, cert, NULL, NULL, 0);
    X509_EXTENSION *e = X509V3_EXT_nconf_nid(NULL, &ctx, nid, value);
    int ok = e && X509_add_ext(cert, e, -1);
    X509_EXTENSION_free(e);
    return ok;
}

/* A positive random 20-byte serial (as Intel's are). */
static int random_serial(X509 *c)
{
    uint8_t b[20];
    if (RAND_bytes(b, sizeof b) != 1)
        return 0;
    b[0] = (uint8_t)((b[0] & 0x7F) | 0x01);
    BIGNUM *bn = BN_bin2bn(b, sizeof b, NULL);
    ASN1_INTEGER *sn = bn ? BN_to_ASN1_INTEGER(bn, NULL) : NULL;
    int ok = sn && X509_set_serialNumber(c, sn);
    ASN1_INTEGER_free(sn);
    BN_free(bn);
    return ok;
}

static int set_validity(X509 *c, int64_t not_before, int64_t not_after)
{
    ASN1_TIME *nb = ASN1_TIME_set(NULL, (time_t)not_before), *na = ASN1_TIME_set(NULL, (time_t)not_after);
    int ok = nb && na && X509_set1_notBefore(c, nb) && X509_set1_notAfter(c, na);
    ASN1_TIME_free(nb);
    ASN1_TIME_free(na);
    return ok;
}

static int add_sgx_ext(X509 *c, const uint8_t *der, size_t len)
{
    ASN1_OBJECT *oid = OBJ_txt2obj("1.2.840.113741.1.13.1", 1);
    ASN1_OCTET_STRING *os = ASN1_OCTET_STRING_new();
    X509_EXTENSION *e = NULL;
    int ok = oid && os && ASN1_OCTET_STRING_set(os, der, (int)len) &&
             (e = X509_EXTENSION_create_by_OBJ(NULL, oid, 0, os)) && X509_add_ext(c, e, -1);
    X509_EXTENSION_free(e);
    ASN1_OCTET_STRING_free(os);
    ASN1_OBJECT_free(oid);
    return ok;
}

X509 *vsgx_pcs_make_cert(const char *cn, EVP_PKEY *key, X509 *issuer, EVP_PKEY *issuer_key, int64_t not_before,
                         int64_t not_after, int is_ca, int pathlen, const char *crl_dp, const uint8_t *sgx_ext,
                         size_t sgx_ext_len)
{
    X509 *c = X509_new();
    X509_NAME *subject = make_name(cn);
    char bc[64], dp[512];
    if (is_ca && pathlen >= 0)
        snprintf(bc, sizeof bc, "critical,CA:TRUE,pathlen:%d", pathlen);
    else
        snprintf(bc, sizeof bc, is_ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
    int ok = c && subject && X509_set_version(c, 2) && random_serial(c) && X509_set_subject_name(c, subject) &&
             X509_set_issuer_name(c, issuer ? X509_get_subject_name(issuer) : subject) &&
             set_validity(c, not_before, not_after) && X509_set_pubkey(c, key) &&
             /* Intel's order (AKI, CRL DP, SKI, KU, BC), but a self-signed AKI needs the SKI. */
             (issuer || add_ext(c, issuer, NID_subject_key_identifier, "hash")) &&
             add_ext(c, issuer, NID_authority_key_identifier, "keyid:always");
    if (ok && crl_dp) {
        snprintf(dp, sizeof dp, "URI:%s", crl_dp);
        ok = add_ext(c, issuer, NID_crl_distribution_points, dp);
    }
    ok = ok && (!issuer || add_ext(c, issuer, NID_subject_key_identifier, "hash")) &&
         add_ext(c, issuer, NID_key_usage,
                 is_ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature,nonRepudiation") &&
         add_ext(c, issuer, NID_basic_constraints, bc);
    if (ok && sgx_ext)
        ok = add_sgx_ext(c, sgx_ext, sgx_ext_len);
    ok = ok && X509_sign(c, issuer_key ? issuer_key : key, EVP_sha256()) > 0;
    X509_NAME_free(subject);
    if (!ok) {
        X509_free(c);
        return NULL;
    }
    return c;
}

char *vsgx_pcs_cert_pem(X509 *const *certs, int n)
{
    BIO *bio = BIO_new(BIO_s_mem());
    char *s = NULL, *data;
    int ok = bio != NULL;
    for (int i = 0; ok && i < n; i++)
        ok = PEM_write_bio_X509(bio, certs[i]);
    long len = ok ? BIO_get_mem_data(bio, &data) : -1;
    if (len >= 0 && (s = malloc((size_t)len + 1))) {
        memcpy(s, data, (size_t)len);
        s[len] = '\0';
    }
    BIO_free(bio);
    return s;
}

/* ---- the state directory ---- */

static void path_of(char *out, size_t size, const char *dir, vsgx_pcs_ca_role_t role, const char *ext)
{
    snprintf(out, size, "%s/%s.%s", dir, FILES[role], ext);
}

/* Writes a new file (O_EXCL) with the given mode through PEM writer `write`. */
static vsgx_pcs_result_t write_new(const char *path, mode_t mode, int (*write)(FILE *, void *), void *obj,
                                   char *err, size_t err_len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0)
        return vsgx_pcs_fail(errno == EEXIST ? VSGX_PCS_EXISTS : VSGX_PCS_IO, err, err_len, "%s: %s", path, strerror(errno));
    FILE *f = fdopen(fd, "w");
    if (!f) {
        close(fd);
        return vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "%s: %s", path, strerror(errno));
    }
    int ok = write(f, obj);
    if (fclose(f) != 0)
        ok = 0;
    return ok ? VSGX_PCS_OK : vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "%s: write failed", path);
}

static int write_key(FILE *f, void *key)
{
    return PEM_write_PrivateKey(f, key, NULL, NULL, 0, NULL, NULL);
}

static int write_cert(FILE *f, void *cert)
{
    return PEM_write_X509(f, cert);
}

void vsgx_pcs_ca_free(vsgx_pcs_ca_t *ca)
{
    if (!ca)
        return;
    for (int i = 0; i < VSGX_PCS_CA_COUNT; i++) {
        EVP_PKEY_free(ca->key[i]);
        X509_free(ca->cert[i]);
    }
    free(ca);
}

static vsgx_pcs_result_t generate(int64_t now, vsgx_pcs_ca_t *ca)
{
    int64_t nb = now - DAY;
    for (int i = 0; i < VSGX_PCS_CA_COUNT; i++)
        if (!(ca->key[i] = EVP_EC_gen("P-256")))
            return VSGX_PCS_CRYPTO;
    X509 *root = ca->cert[VSGX_PCS_ROOT_CA] = vsgx_pcs_make_cert(
        CN[VSGX_PCS_ROOT_CA], ca->key[VSGX_PCS_ROOT_CA], NULL, NULL, nb, VSGX_PCS_ROOT_NOT_AFTER, 1, 1,
        VSGX_PCS_CRL_BASE "/rootcacrl", NULL, 0);
    if (!root)
        return VSGX_PCS_CRYPTO;
    EVP_PKEY *rk = ca->key[VSGX_PCS_ROOT_CA];
    const char *dp = VSGX_PCS_CRL_BASE "/rootcacrl";
    ca->cert[VSGX_PCS_PROCESSOR_CA] = vsgx_pcs_make_cert(CN[VSGX_PCS_PROCESSOR_CA], ca->key[VSGX_PCS_PROCESSOR_CA],
                                                         root, rk, nb, nb + 15 * VSGX_PCS_YEAR, 1, 0, dp, NULL, 0);
    ca->cert[VSGX_PCS_PLATFORM_CA] = vsgx_pcs_make_cert(CN[VSGX_PCS_PLATFORM_CA], ca->key[VSGX_PCS_PLATFORM_CA],
                                                        root, rk, nb, nb + 15 * VSGX_PCS_YEAR, 1, 0, dp, NULL, 0);
    ca->cert[VSGX_PCS_TCB_SIGNING] = vsgx_pcs_make_cert(CN[VSGX_PCS_TCB_SIGNING], ca->key[VSGX_PCS_TCB_SIGNING],
                                                        root, rk, nb, nb + 7 * VSGX_PCS_YEAR, 0, -1, dp, NULL, 0);
    for (int i = 0; i < VSGX_PCS_CA_COUNT; i++)
        if (!ca->cert[i])
            return VSGX_PCS_CRYPTO;
    return VSGX_PCS_OK;
}

vsgx_pcs_result_t vsgx_pcs_ca_create(const char *dir, int64_t now, vsgx_pcs_ca_t **out, char *err, size_t err_len)
{
    char path[4096];
    if (out)
        *out = NULL;
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        return vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "%s: %s", dir, strerror(errno));
    for (int i = 0; i < VSGX_PCS_CA_COUNT; i++)
        for (int k = 0; k < 2; k++) {
            path_of(path, sizeof path, dir, (vsgx_pcs_ca_role_t)i, k ? "cert.pem" : "key.pem");
            if (access(path, F_OK) == 0)
                return vsgx_pcs_fail(VSGX_PCS_EXISTS, err, err_len, "%s: already exists", path);
        }
    vsgx_pcs_ca_t *ca = calloc(1, sizeof *ca);
    if (!ca)
        return vsgx_pcs_fail(VSGX_PCS_CRYPTO, err, err_len, "out of memory");
    vsgx_pcs_result_t r = generate(now ? now : (int64_t)time(NULL), ca);
    if (r != VSGX_PCS_OK)
        vsgx_pcs_fail(r, err, err_len, "creating the PCS certificate authorities failed");
    for (int i = 0; r == VSGX_PCS_OK && i < VSGX_PCS_CA_COUNT; i++) {
        path_of(path, sizeof path, dir, (vsgx_pcs_ca_role_t)i, "key.pem");
        r = write_new(path, 0600, write_key, ca->key[i], err, err_len);
        path_of(path, sizeof path, dir, (vsgx_pcs_ca_role_t)i, "cert.pem");
        if (r == VSGX_PCS_OK)
            r = write_new(path, 0644, write_cert, ca->cert[i], err, err_len);
    }
    if (r != VSGX_PCS_OK || !out)
        vsgx_pcs_ca_free(ca);
    else
        *out = ca;
    return r;
}

static FILE *open_file(const char *path, int is_key, vsgx_pcs_result_t *r, char *err, size_t err_len)
{
    FILE *f = fopen(path, "re");
    if (!f) {
        *r = vsgx_pcs_fail(errno == ENOENT ? VSGX_PCS_NOT_FOUND : VSGX_PCS_IO, err, err_len, "%s: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (is_key && (fstat(fileno(f), &st) != 0 || (st.st_mode & 077))) {
        fclose(f);
        *r = vsgx_pcs_fail(VSGX_PCS_INSECURE, err, err_len, "%s: readable by group or others (must be 0600)", path);
        return NULL;
    }
    return f;
}

vsgx_pcs_result_t vsgx_pcs_ca_load(const char *dir, vsgx_pcs_ca_t **out, char *err, size_t err_len)
{
    char path[4096];
    vsgx_pcs_result_t r = VSGX_PCS_OK;
    *out = NULL;
    vsgx_pcs_ca_t *ca = calloc(1, sizeof *ca);
    if (!ca)
        return vsgx_pcs_fail(VSGX_PCS_CRYPTO, err, err_len, "out of memory");
    for (int i = 0; r == VSGX_PCS_OK && i < VSGX_PCS_CA_COUNT; i++) {
        path_of(path, sizeof path, dir, (vsgx_pcs_ca_role_t)i, "key.pem");
        FILE *f = open_file(path, 1, &r, err, err_len);
        if (!f)
            break;
        ca->key[i] = PEM_read_PrivateKey(f, NULL, NULL, NULL);
        fclose(f);
        if (!ca->key[i]) {
            r = vsgx_pcs_fail(VSGX_PCS_INVALID, err, err_len, "%s: not a PEM private key", path);
            break;
        }
        path_of(path, sizeof path, dir, (vsgx_pcs_ca_role_t)i, "cert.pem");
        if (!(f = open_file(path, 0, &r, err, err_len)))
            break;
        ca->cert[i] = PEM_read_X509(f, NULL, NULL, NULL);
        fclose(f);
        if (!ca->cert[i] || X509_check_private_key(ca->cert[i], ca->key[i]) != 1)
            r = vsgx_pcs_fail(VSGX_PCS_INVALID, err, err_len, "%s: not a PEM certificate for %s.key.pem", path, FILES[i]);
    }
    if (r != VSGX_PCS_OK)
        vsgx_pcs_ca_free(ca);
    else
        *out = ca;
    return r;
}
