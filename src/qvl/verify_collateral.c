/* verify_collateral.c — trust in the collateral, as Intel's TCBSigningChain, PckCrlVerifier,
 * TCBInfoVerifier and EnclaveIdentityVerifier establish it: each issuer chain ends at the trust
 * anchor, each CRL is issued and signed by its CA and carries the required extensions, no
 * signing certificate is revoked, and the TCB info and QE identity signatures hold over the
 * exact bytes served. Nothing here depends on the time; verify.c applies it. */
#include <string.h>

#include "failure.h"
#include "verify.h"

/* A 2-certificate signing chain: the signer issued by the anchor. When `verified` is a chain
 * already checked in this call whose signer has the same bytes, its signature is not checked
 * twice. */
static quote3_error_t check_signing_chain(const vsgx_chain_t *ch, const char *leaf_cn, const vsgx_crl_t *root_crl,
                                          const vsgx_trust_anchor_t *a, const vsgx_chain_t *verified,
                                          quote3_error_t code, const char *name, vsgx_qvl_failure_t *why)
{
    if (ch->n != 2)
        return vsgx_fail(why, code, "collateral.chain_length", name, -1,
                         "%s has %d certificates; 2 are required (signer, root)", name, ch->n);
    const vsgx_cert_t *leaf = ch->certs[0], *root = ch->certs[1];
    if (!vsgx_cert_cn_contains(root, "SGX Root CA"))
        return vsgx_fail(why, code, "collateral.root_name", name, -1,
                         "%s root's common name does not contain \"SGX Root CA\"", name);
    if (!vsgx_root_is_anchor(root, a))
        return vsgx_fail(why, code, "collateral.untrusted_root", name, -1,
                         "%s ends at a root that is not the trust anchor", name);
    if (!vsgx_cert_cn_contains(leaf, leaf_cn))
        return vsgx_fail(why, code, "collateral.signer_name", name, -1,
                         "%s signer's common name does not contain \"%s\"", name, leaf_cn);
    if (!(verified && vsgx_bytes_equal(verified->certs[0]->tbs, leaf->tbs) &&
          vsgx_bytes_equal(verified->certs[0]->signature, leaf->signature)) &&
        !vsgx_cert_signed_by(leaf, root))
        return vsgx_fail(why, code, "collateral.signer_signature", name, -1,
                         "%s signer is not issued and signed by the root", name);
    if (vsgx_crl_revokes(root_crl, leaf))
        return vsgx_fail(why, SGX_QL_PCK_REVOKED, "collateral.signer_revoked", name, -1,
                         "%s signer is revoked by the root CA CRL", name);
    return SGX_QL_SUCCESS;
}

static quote3_error_t check_crl(const vsgx_crl_t *crl, const vsgx_cert_t *issuer, const char *name,
                                vsgx_qvl_failure_t *why)
{
    if (!vsgx_bytes_equal(crl->issuer, issuer->subject))
        return vsgx_fail(why, SGX_QL_CRL_UNSUPPORTED_FORMAT, "crl.issuer", name, -1,
                         "%s is not issued by the CA that must issue it", name);
    if (!crl->has_crl_number || !crl->has_aki)
        return vsgx_fail(why, SGX_QL_CRL_UNSUPPORTED_FORMAT, "crl.extensions", name, -1,
                         "%s lacks the CRL Number or Authority Key Identifier extension", name);
    if (!vsgx_crl_signed_by(crl, issuer))
        return vsgx_fail(why, SGX_QL_RESULT_INVALID_SIGNATURE, "crl.signature", name, -1,
                         "%s signature does not verify with its issuer's key", name);
    return SGX_QL_SUCCESS;
}

static bool json_signature_ok(const vsgx_cert_t *signer, const char *body, size_t len, const uint8_t sig[64])
{
    return vsgx_p256_verify(signer->key, body, len, sig);
}

quote3_error_t vsgx_collateral_check(const vsgx_collateral_t *c, const vsgx_trust_anchor_t *a, vsgx_qvl_failure_t *why)
{
    quote3_error_t rc;
    const vsgx_chain_t *crl_chain = &c->pck_crl_issuer_chain;

    /* The root CA CRL, issued by the anchor. */
    if ((rc = check_crl(c->root_ca_crl, a->cert, "root_ca_crl", why)))
        return rc;

    /* The PCK CRL and its issuer chain (PCK Processor or Platform CA, then the root). */
    if ((rc = check_signing_chain(crl_chain, "CA", c->root_ca_crl, a, NULL, SGX_QL_PCK_CERT_CHAIN_ERROR,
                                  "pck_crl_issuer_chain", why)))
        return rc == SGX_QL_PCK_REVOKED ? vsgx_fail(why, rc, "pck_chain.intermediate_revoked",
                                                    "pck_crl_issuer_chain", -1,
                                                    "the PCK CA is revoked by the root CA CRL")
                                        : rc;
    if ((rc = check_crl(c->pck_crl, crl_chain->certs[0], "pck_crl", why)))
        return rc;

    /* TCB info: chain, then the signature over the exact served bytes. */
    if ((rc = check_signing_chain(&c->tcb_info_issuer_chain, "SGX TCB Signing", c->root_ca_crl, a, NULL,
                                  SGX_QL_TCBINFO_CHAIN_ERROR, "tcb_info_issuer_chain", why)))
        return rc;
    if (!json_signature_ok(c->tcb_info_issuer_chain.certs[0], c->tcb_info.signed_body, c->tcb_info.signed_len,
                           c->tcb_info.signature))
        return vsgx_fail(why, SGX_QL_TCBINFO_CHAIN_ERROR, "tcb_info.signature", "tcb_info", -1,
                         "TCB info signature does not verify over the served tcbInfo bytes");

    /* QE identity: the same. */
    if ((rc = check_signing_chain(&c->qe_identity_issuer_chain, "SGX TCB Signing", c->root_ca_crl, a,
                                  &c->tcb_info_issuer_chain,
                                  SGX_QL_QEIDENTITY_CHAIN_ERROR, "qe_identity_issuer_chain", why)))
        return rc;
    if (!json_signature_ok(c->qe_identity_issuer_chain.certs[0], c->qe_identity.signed_body,
                           c->qe_identity.signed_len, c->qe_identity.signature))
        return vsgx_fail(why, SGX_QL_QEIDENTITY_CHAIN_ERROR, "qe_identity.signature", "qe_identity", -1,
                         "QE identity signature does not verify over the served enclaveIdentity bytes");
    return SGX_QL_SUCCESS;
}
