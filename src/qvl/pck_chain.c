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
    out->owns_chain = q->cert_type == PCK_CERT_CHAIN;
    if (q->cert_type == PCK_CERT_CHAIN) {
        /* The intermediate CA and the root are normally the collateral's own: shared, not parsed. */
        const vsgx_chain_t *crl_chain = &c->pck_crl_issuer_chain;
        out->chain.n = vsgx_pem_chain_parse_shared((const char *)q->cert_data.p, q->cert_data.len, out->chain.certs,
                                                   VSGX_MAX_CHAIN, crl_chain->certs, crl_chain->n);
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
        out->chain = c->pck_chain;
    }
    const vsgx_cert_t *leaf = out->chain.certs[0], *inter = out->chain.certs[1];
    char msg[160];
    if (!vsgx_pck_ext_from_cert(leaf, &out->ext, msg, sizeof msg)) {
        vsgx_pck_free(out);
        return vsgx_fail(why, SGX_QL_PCK_CERT_UNSUPPORTED_FORMAT, "pck_cert.extension", "cert_data", -1,
                         "PCK certificate: %s", msg);
    }
    out->is_platform_ca = vsgx_cert_cn_contains(inter, "Platform CA");
    return SGX_QL_SUCCESS;
}

void vsgx_pck_free(vsgx_pck_t *p)
{
    if (p->owns_chain)
        vsgx_chain_free(p->chain.certs, p->chain.n);
    p->chain.n = 0;
}

/* The chain root is the trust anchor: same public key, and (as Intel compares) the same
 * signature bytes. */
bool vsgx_root_is_anchor(const vsgx_cert_t *root, const vsgx_trust_anchor_t *a)
{
    /* The whole certificate: Intel compares the signature bytes and checks the root's
     * self-signature; byte equality with the (self-signed) anchor implies both. */
    return root->der_len == a->cert->der_len && memcmp(root->der, a->cert->der, root->der_len) == 0;
}

quote3_error_t vsgx_pck_check_chain(const vsgx_pck_t *p, const vsgx_trust_anchor_t *a, const vsgx_cert_t *trusted_ca,
                                    vsgx_qvl_failure_t *why)
{
    const vsgx_cert_t *leaf = p->chain.certs[0], *inter = p->chain.certs[1], *root = p->chain.certs[2];
    if (!vsgx_cert_cn_contains(root, "SGX Root CA"))
        return vsgx_fail(why, CHAIN_ERR, "pck_chain.root_name", "cert_data", -1,
                         "PCK chain root's common name does not contain \"SGX Root CA\"");
    if (!vsgx_cert_cn_contains(inter, "CA"))
        return vsgx_fail(why, CHAIN_ERR, "pck_chain.intermediate_name", "cert_data", -1,
                         "PCK chain intermediate's common name does not contain \"CA\"");
    if (!vsgx_cert_cn_contains(leaf, "SGX PCK Certificate"))
        return vsgx_fail(why, CHAIN_ERR, "pck_chain.leaf_name", "cert_data", -1,
                         "PCK certificate's common name does not contain \"SGX PCK Certificate\"");
    if (!vsgx_root_is_anchor(root, a))
        return vsgx_fail(why, CHAIN_ERR, "pck_chain.untrusted_root", "cert_data", -1,
                         "PCK chain ends at a root that is not the trust anchor");
    bool known = trusted_ca && vsgx_bytes_equal(trusted_ca->tbs, inter->tbs) &&
                 vsgx_bytes_equal(trusted_ca->signature, inter->signature);
    if (!known && !vsgx_cert_signed_by(inter, root))
        return vsgx_fail(why, CHAIN_ERR, "pck_chain.intermediate_signature", "cert_data", -1,
                         "PCK chain intermediate CA is not issued and signed by the root");
    if (!vsgx_cert_signed_by(leaf, inter))
        return vsgx_fail(why, CHAIN_ERR, "pck_chain.leaf_signature", "cert_data", -1,
                         "PCK certificate is not issued and signed by the intermediate CA");
    return SGX_QL_SUCCESS;
}
