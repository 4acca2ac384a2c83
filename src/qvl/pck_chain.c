/* pck_chain.c — the PCK certificate chain of a quote: parsed from the certification data
 * (type 5: PEM leaf, intermediate CA, root, and a trailing NUL) or taken from the collateral,
 * then checked as Intel's PckCertVerifier does, up to the trust anchor. */
#include <string.h>

#include "failure.h"
#include "verify.h"

#define CHAIN_ERR SGX_QL_PCK_CERT_CHAIN_ERROR

quote3_error_t vsgx_pck_load(const vsgx_quote_t *q, const vsgx_collateral_t *c, vsgx_pck_t *out,
                             vsgx_qvl_failure_t *why)
{
    memset(out, 0, sizeof *out);
    if (q->cert_type == PCK_CERT_CHAIN) {
        out->chain.n = vsgx_pem_chain_parse((const char *)q->cert_data.p, q->cert_data.len, out->chain.certs,
                                            VSGX_MAX_CHAIN);
        if (out->chain.n < 0)
            out->chain.n = 0;
        if (out->chain.n != 3) {
            vsgx_pck_free(out);
            return vsgx_fail(why, CHAIN_ERR, "pck_chain.format", "cert_data", (int64_t)q->cert_data.offset,
                             "certification data is not a PEM chain of exactly 3 certificates "
                             "(PCK, intermediate CA, root)");
        }
    } else {
        /* Types 1-4 identify the platform but carry no chain: the caller supplies it. (Their
         * sizes are not checked: Intel's own sample quote has 34-byte type-1 data, without the
         * PCE-ID that sgx_ql_ppid_cleartext_cert_info_t declares.) */
        if (c->pck_chain.n != 3)
            return vsgx_fail(why, SGX_QL_QUOTE_CERTIFICATION_DATA_UNSUPPORTED, "pck_chain.missing", "cert_data.type",
                             (int64_t)q->cert_type_offset,
                             "certification data type %u carries no PCK chain and the collateral has none "
                             "(3 certificates)", q->cert_type);
        out->chain.n = 3;
        for (int i = 0; i < 3; i++) {
            X509_up_ref(c->pck_chain.certs[i]);
            out->chain.certs[i] = c->pck_chain.certs[i];
        }
    }
    X509 *leaf = out->chain.certs[0], *inter = out->chain.certs[1];
    char msg[160];
    uint8_t xy[64];
    if (!vsgx_pck_ext_from_cert(leaf, &out->ext, msg, sizeof msg)) {
        vsgx_pck_free(out);
        return vsgx_fail(why, SGX_QL_PCK_CERT_UNSUPPORTED_FORMAT, "pck_cert.extension", "cert_data", -1,
                         "PCK certificate: %s", msg);
    }
    if (!vsgx_cert_p256_key(leaf, xy) || !(out->leaf_key = vsgx_p256_key_new(xy)) ||
        !vsgx_cert_p256_key(inter, out->intermediate_key)) {
        vsgx_pck_free(out);
        return vsgx_fail(why, SGX_QL_PCK_CERT_UNSUPPORTED_FORMAT, "pck_cert.key", "cert_data", -1,
                         "PCK chain certificates must carry P-256 public keys");
    }
    out->is_platform_ca = vsgx_subject_cn_contains(inter, "Platform CA");
    return SGX_QL_SUCCESS;
}

void vsgx_pck_free(vsgx_pck_t *p)
{
    vsgx_chain_free(p->chain.certs, p->chain.n);
    p->chain.n = 0;
    vsgx_p256_key_free(p->leaf_key);
    p->leaf_key = NULL;
}

/* The chain root is the trust anchor: same public key, and (as Intel compares) the same
 * signature bytes. */
bool vsgx_root_is_anchor(X509 *root, const vsgx_trust_anchor_t *a)
{
    uint8_t xy[64];
    const ASN1_BIT_STRING *sig = NULL;
    X509_get0_signature(&sig, NULL, root);
    return vsgx_cert_p256_key(root, xy) && memcmp(xy, a->pubkey, 64) == 0 && sig &&
           (size_t)sig->length == a->sig_len && memcmp(sig->data, a->sig, a->sig_len) == 0;
}

quote3_error_t vsgx_pck_check_chain(const vsgx_pck_t *p, const vsgx_trust_anchor_t *a, vsgx_qvl_failure_t *why)
{
    X509 *leaf = p->chain.certs[0], *inter = p->chain.certs[1], *root = p->chain.certs[2];
    if (!vsgx_subject_cn_contains(root, "SGX Root CA"))
        return vsgx_fail(why, CHAIN_ERR, "pck_chain.root_name", "cert_data", -1,
                         "PCK chain root's common name does not contain \"SGX Root CA\"");
    if (!vsgx_subject_cn_contains(inter, "CA"))
        return vsgx_fail(why, CHAIN_ERR, "pck_chain.intermediate_name", "cert_data", -1,
                         "PCK chain intermediate's common name does not contain \"CA\"");
    if (!vsgx_subject_cn_contains(leaf, "SGX PCK Certificate"))
        return vsgx_fail(why, CHAIN_ERR, "pck_chain.leaf_name", "cert_data", -1,
                         "PCK certificate's common name does not contain \"SGX PCK Certificate\"");
    if (!vsgx_root_is_anchor(root, a))
        return vsgx_fail(why, CHAIN_ERR, "pck_chain.untrusted_root", "cert_data", -1,
                         "PCK chain ends at a root that is not the trust anchor");
    if (X509_NAME_cmp(X509_get_issuer_name(inter), X509_get_subject_name(root)) != 0 ||
        !vsgx_cert_signed_by(inter, root))
        return vsgx_fail(why, CHAIN_ERR, "pck_chain.intermediate_signature", "cert_data", -1,
                         "PCK chain intermediate CA is not issued and signed by the root");
    if (X509_NAME_cmp(X509_get_issuer_name(leaf), X509_get_subject_name(inter)) != 0 ||
        !vsgx_cert_signed_by(leaf, inter))
        return vsgx_fail(why, CHAIN_ERR, "pck_chain.leaf_signature", "cert_data", -1,
                         "PCK certificate is not issued and signed by the intermediate CA");
    return SGX_QL_SUCCESS;
}
