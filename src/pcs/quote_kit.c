/* quote_kit.c — v3 quotes as a platform's QE3 and PCE make them (see quote_kit.h). */
#include "quote_kit.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/sha.h>

#include "keys.h"
#include "sgx_quote_3.h"
#include "store.h"
#include "tcb_info.h"

static const uint8_t INTEL_QE_VENDOR_ID[16] = { 0x93, 0x9A, 0x72, 0x33, 0xF7, 0x9C, 0x4C, 0xA9,
                                                0x94, 0x0A, 0x0D, 0xB3, 0x95, 0x7F, 0x06, 0x07 };
static const uint8_t AUTH_DATA[32] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
                                       16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31 };

/* SHA-256(a ‖ b). */
static bool sha256_two(const void *a, size_t a_len, const void *b, size_t b_len, uint8_t out[32])
{
    EVP_MD_CTX *h = EVP_MD_CTX_new();
    bool ok = h && EVP_DigestInit_ex(h, EVP_sha256(), NULL) && EVP_DigestUpdate(h, a, a_len) &&
              EVP_DigestUpdate(h, b, b_len) && EVP_DigestFinal_ex(h, out, NULL);
    EVP_MD_CTX_free(h);
    return ok;
}

void vsgx_quote_kit_qe_body(const vsgx_platform_t *p, uint16_t qe_svn, sgx_report_body_t *out)
{
    vsgx_pce_identity_t pce;
    vsgx_pcs_pce_identity(&pce);
    memset(out, 0, sizeof *out);
    out->cpu_svn = p->params.cpusvn;
    out->attributes.flags = SGX_FLAGS_INITTED | SGX_FLAGS_MODE64BIT | SGX_FLAGS_PROVISION_KEY;
    out->attributes.xfrm = 0x3;
    /* A fixed MRENCLAVE stands for the QE build; the QE identity does not pin it. */
    SHA256((const uint8_t *)"vsgx simulated QE3", 18, out->mr_enclave.m);
    out->mr_signer = pce.mr_signer;
    out->isv_prod_id = VSGX_QE_ISVPRODID;
    out->isv_svn = qe_svn;
}

sgx_status_t vsgx_quote_kit_qe_id(const vsgx_platform_t *p, uint8_t out[16])
{
    sgx_report_body_t qe;
    vsgx_quote_kit_qe_body(p, 0, &qe);
    vsgx_secs_identity_t secs = { .attributes = qe.attributes, .mr_enclave = qe.mr_enclave, .mr_signer = qe.mr_signer,
                                  .isv_prod_id = qe.isv_prod_id };
    sgx_key_request_t req = { .key_name = SGX_KEYSELECT_SEAL, .key_policy = SGX_KEYPOLICY_MRSIGNER,
                              .attribute_mask = { .flags = SGX_FLAGS_INITTED | SGX_FLAGS_MODE64BIT } };
    sgx_key_128bit_t key;
    sgx_status_t st = vsgx_egetkey(p, &secs, &req, key);
    if (st == SGX_SUCCESS) {
        uint8_t h[32];
        if (sha256_two("QE_ID", 5, key, sizeof key, h))
            memcpy(out, h, 16);
        else
            st = SGX_ERROR_UNEXPECTED;
    }
    OPENSSL_cleanse(key, sizeof key);
    return st;
}

struct vsgx_quote_kit {
    sgx_quote_header_t header;
    EVP_PKEY *attest_key;
    size_t sig_len;                   /* the signature data: ECDSA sig, key, QE report ... chain */
    sgx_ql_ecdsa_sig_data_t *sig;     /* with sig->sig left zero: filled per quote */
};

void vsgx_quote_kit_free(vsgx_quote_kit_t *k)
{
    if (!k)
        return;
    free(k->sig);
    free(k);
}

vsgx_pcs_result_t vsgx_quote_kit_new(const vsgx_platform_t *p, const vsgx_tcbm_t *tcbm, const sgx_report_body_t *qe,
                                     EVP_PKEY *attest_key, const char *pck_chain_pem, vsgx_quote_kit_t **out,
                                     char *err, size_t err_len)
{
    *out = NULL;
    uint8_t pub[65];
    size_t pub_len = 0;
    if (!EVP_PKEY_get_octet_string_param(attest_key, OSSL_PKEY_PARAM_PUB_KEY, pub, sizeof pub, &pub_len) ||
        pub_len != 65 || pub[0] != 0x04)
        return vsgx_pcs_fail(VSGX_PCS_INVALID, err, err_len, "the attestation key is not a P-256 key");
    size_t pem_len = strlen(pck_chain_pem) + 1; /* the chain's NUL is part of the data, as on hardware */
    size_t sig_len = sizeof(sgx_ql_ecdsa_sig_data_t) + sizeof(sgx_ql_auth_data_t) + sizeof AUTH_DATA +
                     sizeof(sgx_ql_certification_data_t) + pem_len;
    vsgx_quote_kit_t *k = calloc(1, sizeof *k);
    sgx_ql_ecdsa_sig_data_t *sig = k ? (k->sig = calloc(1, sig_len)) : NULL;
    if (!sig) {
        vsgx_quote_kit_free(k);
        return vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "out of memory");
    }
    k->sig_len = sig_len;
    k->attest_key = attest_key;
    k->header.version = 3;
    k->header.att_key_type = 2; /* ECDSA-256 with P-256 */
    k->header.qe_svn = qe->isv_svn;
    k->header.pce_svn = tcbm->pce_svn;
    memcpy(k->header.vendor_id, INTEL_QE_VENDOR_ID, 16);
    vsgx_pcs_result_t r = VSGX_PCS_OK;
    if (vsgx_quote_kit_qe_id(p, k->header.user_data) != SGX_SUCCESS)
        r = vsgx_pcs_fail(VSGX_PCS_CRYPTO, err, err_len, "deriving the QE ID failed");

    memcpy(sig->attest_pub_key, pub + 1, 64);
    sgx_ql_auth_data_t *auth = (sgx_ql_auth_data_t *)sig->auth_certification_data;
    auth->size = sizeof AUTH_DATA;
    memcpy(auth->auth_data, AUTH_DATA, sizeof AUTH_DATA);
    sgx_ql_certification_data_t *cert = (sgx_ql_certification_data_t *)(auth->auth_data + sizeof AUTH_DATA);
    cert->cert_key_type = PCK_CERT_CHAIN;
    cert->size = (uint32_t)pem_len;
    memcpy(cert->certification_data, pck_chain_pem, pem_len);

    /* The QE binds the attestation key in its report, which the PCE's PCK signs. */
    sig->qe_report = *qe;
    memset(&sig->qe_report.report_data, 0, sizeof sig->qe_report.report_data);
    if (!r && !sha256_two(sig->attest_pub_key, 64, AUTH_DATA, sizeof AUTH_DATA, sig->qe_report.report_data.d))
        r = vsgx_pcs_fail(VSGX_PCS_CRYPTO, err, err_len, "hashing the attestation key failed");
    vsgx_pce_identity_t pce;
    vsgx_pcs_pce_identity(&pce);
    vsgx_pck_keypair_t pck = { 0 };
    if (!r && vsgx_pce_pck(p, &pce, tcbm, &pck) != SGX_SUCCESS)
        r = vsgx_pcs_fail(VSGX_PCS_INVALID, err, err_len,
                          "the platform's PCE cannot derive a PCK at this TCB (above the platform's own?)");
    if (!r && !vsgx_pcs_sign_raw(pck.pkey, &sig->qe_report, sizeof sig->qe_report, sig->qe_report_sig))
        r = vsgx_pcs_fail(VSGX_PCS_CRYPTO, err, err_len, "signing the QE report failed");
    vsgx_pck_clear(&pck);
    if (r)
        vsgx_quote_kit_free(k);
    else
        *out = k;
    return r;
}

vsgx_pcs_result_t vsgx_quote_kit_quote(const vsgx_quote_kit_t *k, const sgx_report_body_t *app, uint8_t **quote,
                                       size_t *len, char *err, size_t err_len)
{
    *quote = NULL;
    size_t total = sizeof(sgx_quote3_t) + k->sig_len;
    sgx_quote3_t *q = malloc(total);
    if (!q)
        return vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "out of memory");
    q->header = k->header;
    q->report_body = *app;
    q->signature_data_len = (uint32_t)k->sig_len;
    memcpy(q->signature_data, k->sig, k->sig_len);
    /* The attestation key signs the header and the application's report body. */
    sgx_ql_ecdsa_sig_data_t *sig = (sgx_ql_ecdsa_sig_data_t *)q->signature_data;
    if (!vsgx_pcs_sign_raw(k->attest_key, q, sizeof q->header + sizeof q->report_body, sig->sig)) {
        free(q);
        return vsgx_pcs_fail(VSGX_PCS_CRYPTO, err, err_len, "signing the quote failed");
    }
    *quote = (uint8_t *)q;
    *len = total;
    return VSGX_PCS_OK;
}

vsgx_pcs_result_t vsgx_quote_kit_build(const vsgx_platform_t *p, const vsgx_tcbm_t *tcbm, const sgx_report_body_t *app,
                                       const sgx_report_body_t *qe, EVP_PKEY *attest_key, const char *pck_chain_pem,
                                       uint8_t **quote, size_t *len, char *err, size_t err_len)
{
    vsgx_quote_kit_t *k = NULL;
    vsgx_pcs_result_t r = vsgx_quote_kit_new(p, tcbm, qe, attest_key, pck_chain_pem, &k, err, err_len);
    if (!r)
        r = vsgx_quote_kit_quote(k, app, quote, len, err, err_len);
    vsgx_quote_kit_free(k);
    return r;
}
