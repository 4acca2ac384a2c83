/* verify_quote.c — the checks of Intel's QuoteVerifier, in its order, once the PCK chain and
 * the collateral are trusted: revocation, TCB info match, QE report signature and binding, QE
 * identity and QE TCB, the quote signature, TCB level selection and status convergence. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>

#include "failure.h"
#include "verify.h"

static void set_result(vsgx_qvl_verdict_t *v, sgx_ql_qv_result_t r)
{
    v->result = r;
}

/* Intel's TCB level order: descending by the 16 SGX component SVNs (lexicographically), then
 * PCESVN. The first level the PCK's TCB dominates is the platform's. */
static int level_cmp_desc(const vsgx_tcb_level_t *a, const vsgx_tcb_level_t *b)
{
    int r = memcmp(b->sgx_svn, a->sgx_svn, 16);
    if (r)
        return r;
    return (int)b->pcesvn - (int)a->pcesvn;
}

static const vsgx_tcb_level_t *select_tcb_level(const vsgx_tcb_info_t *t, const vsgx_pck_ext_t *e)
{
    const vsgx_tcb_level_t *best = NULL;
    for (size_t i = 0; i < t->level_count; i++) {
        const vsgx_tcb_level_t *l = &t->levels[i];
        bool ok = e->pcesvn >= l->pcesvn;
        for (int k = 0; ok && k < 16; k++)
            ok = e->comp_svn[k] >= l->sgx_svn[k];
        if (ok && (!best || level_cmp_desc(l, best) < 0))
            best = l;
    }
    return best;
}

/* The first QE identity level, in JSON order, at or below the QE's ISVSVN. */
static const vsgx_qe_tcb_level_t *select_qe_level(const vsgx_enclave_identity_t *id, uint16_t isvsvn)
{
    for (size_t i = 0; i < id->level_count; i++)
        if (id->levels[i].isvsvn <= isvsvn)
            return &id->levels[i];
    return NULL;
}

/* Intel's convergeTcbStatusWithQeTcbStatus. */
static vsgx_tcb_status_t converge(vsgx_tcb_status_t platform, vsgx_tcb_status_t qe)
{
    if (qe == VSGX_TCB_OUT_OF_DATE || qe == VSGX_TCB_OUT_OF_DATE_CONFIGURATION_NEEDED ||
        qe == VSGX_TCB_CONFIGURATION_NEEDED || qe == VSGX_TCB_SW_HARDENING_NEEDED ||
        qe == VSGX_TCB_CONFIGURATION_AND_SW_HARDENING_NEEDED) {
        if (platform == VSGX_TCB_UP_TO_DATE || platform == VSGX_TCB_SW_HARDENING_NEEDED)
            return VSGX_TCB_OUT_OF_DATE;
        if (platform == VSGX_TCB_CONFIGURATION_NEEDED || platform == VSGX_TCB_CONFIGURATION_AND_SW_HARDENING_NEEDED)
            return VSGX_TCB_OUT_OF_DATE_CONFIGURATION_NEEDED;
        return platform;
    }
    if (qe == VSGX_TCB_REVOKED)
        return VSGX_TCB_REVOKED;
    return platform;
}

static void add_advisories(vsgx_qvl_verdict_t *v, const vsgx_advisory_id_t *ids, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        bool dup = false;
        for (size_t k = 0; k < v->advisory_count && !dup; k++)
            dup = strcmp(v->advisory_ids[k], ids[i].id) == 0;
        if (!dup && v->advisory_count < VSGX_MAX_REPORTED_ADVISORIES) {
            size_t n = strnlen(ids[i].id, sizeof v->advisory_ids[0] - 1);
            memcpy(v->advisory_ids[v->advisory_count], ids[i].id, n);
            v->advisory_ids[v->advisory_count][n] = '\0';
            v->advisory_count++;
        }
    }
}

static quote3_error_t check_qe_identity(const vsgx_quote_t *q, const vsgx_enclave_identity_t *id,
                                        vsgx_qvl_verdict_t *v, vsgx_selected_levels_t *sel)
{
    sgx_report_body_t qe;
    memcpy(&qe, q->qe_report.p, sizeof qe);
    int64_t base = (int64_t)q->qe_report.offset;
    vsgx_qvl_failure_t *why = &v->failure;
    if (id->id != VSGX_IDENTITY_QE)
        return vsgx_fail(why, SGX_QL_QEIDENTITY_MISMATCH, "qe_identity.id", "qe_identity.id", -1,
                         "the enclave identity given is not the QE's (id must be \"QE\")");
    if ((qe.misc_select & id->miscselect_mask) != id->miscselect)
        return vsgx_fail(why, SGX_QL_QEIDENTITY_MISMATCH, "qe_identity.miscselect", "qe_report.misc_select",
                         base + 16, "QE MISCSELECT %08x masked by %08x is not the identity's %08x",
                         qe.misc_select, id->miscselect_mask, id->miscselect);
    const uint8_t *attr = (const uint8_t *)&qe.attributes;
    for (int i = 0; i < 16; i++)
        if ((attr[i] & id->attributes_mask[i]) != id->attributes[i])
            return vsgx_fail(why, SGX_QL_QEIDENTITY_MISMATCH, "qe_identity.attributes", "qe_report.attributes",
                             base + 48 + i, "QE attributes byte %d (0x%02x) masked by 0x%02x is not the identity's 0x%02x",
                             i, attr[i], id->attributes_mask[i], id->attributes[i]);
    if (memcmp(qe.mr_signer.m, id->mrsigner, 32) != 0)
        return vsgx_fail(why, SGX_QL_QEIDENTITY_MISMATCH, "qe_identity.mrsigner", "qe_report.mr_signer", base + 128,
                         "QE MRSIGNER is not the identity's");
    if (qe.isv_prod_id != id->isvprodid)
        return vsgx_fail(why, SGX_QL_QEIDENTITY_MISMATCH, "qe_identity.isvprodid", "qe_report.isv_prod_id",
                         base + 256, "QE ISVPRODID %u is not the identity's %u", qe.isv_prod_id, id->isvprodid);
    sel->qe_level = select_qe_level(id, qe.isv_svn);
    if (!sel->qe_level)
        return vsgx_fail(why, SGX_QL_TCB_NOT_SUPPORTED, "qe_identity.tcb_level", "qe_report.isv_svn", base + 258,
                         "no QE identity TCB level at or below the QE's ISVSVN %u", qe.isv_svn);
    v->qe_status = vsgx_tcb_status_name(sel->qe_level->status);
    return SGX_QL_SUCCESS;
}

quote3_error_t vsgx_quote_check(const vsgx_quote_t *q, const vsgx_pck_t *p, const vsgx_collateral_t *c,
                                vsgx_qvl_verdict_t *v, vsgx_selected_levels_t *sel)
{
    vsgx_qvl_failure_t *why = &v->failure;
    const vsgx_cert_t *leaf = p->chain.certs[0], *inter = p->chain.certs[1];
    const vsgx_tcb_info_t *tcb = &c->tcb_info;
    quote3_error_t rc;
    memset(sel, 0, sizeof *sel);
    set_result(v, SGX_QL_QV_RESULT_UNSPECIFIED);

    /* The PCK CRL must be the one of the PCK's own CA, and revoke neither it nor the PCK. */
    const vsgx_cert_t *crl_ca = c->pck_crl_issuer_chain.certs[0];
    if (!vsgx_bytes_equal(c->pck_crl->issuer, leaf->issuer) || !vsgx_crl_issuer_cn_contains(c->pck_crl, "CA") ||
        memcmp(crl_ca->pubkey, inter->pubkey, 64) != 0)
        return vsgx_fail(why, SGX_QL_CRL_UNSUPPORTED_FORMAT, "pck_crl.issuer", "pck_crl", -1,
                         "the PCK CRL is not issued by the PCK certificate's CA");
    if (vsgx_crl_revokes(c->root_ca_crl, inter)) {
        set_result(v, SGX_QL_QV_RESULT_REVOKED);
        return vsgx_fail(why, SGX_QL_PCK_REVOKED, "pck_chain.intermediate_revoked", "cert_data", -1,
                         "the PCK CA certificate is revoked by the root CA CRL");
    }
    if (vsgx_crl_revokes(c->pck_crl, leaf)) {
        set_result(v, SGX_QL_QV_RESULT_REVOKED);
        return vsgx_fail(why, SGX_QL_PCK_REVOKED, "pck_chain.leaf_revoked", "cert_data", -1,
                         "the PCK certificate is revoked by the PCK CRL");
    }

    /* The TCB info is this platform's. */
    if (tcb->id != VSGX_TCB_ID_SGX)
        return vsgx_fail(why, SGX_QL_TCBINFO_MISMATCH, "tcb_info.id", "tcb_info.id", -1,
                         "TCB info is for TDX, the quote is SGX");
    if (memcmp(tcb->fmspc, p->ext.fmspc, 6) != 0)
        return vsgx_fail(why, SGX_QL_TCBINFO_MISMATCH, "tcb_info.fmspc", "pck_cert.fmspc", -1,
                         "TCB info FMSPC %02X%02X%02X%02X%02X%02X is not the PCK certificate's "
                         "%02X%02X%02X%02X%02X%02X", tcb->fmspc[0], tcb->fmspc[1], tcb->fmspc[2], tcb->fmspc[3],
                         tcb->fmspc[4], tcb->fmspc[5], p->ext.fmspc[0], p->ext.fmspc[1], p->ext.fmspc[2],
                         p->ext.fmspc[3], p->ext.fmspc[4], p->ext.fmspc[5]);
    if (memcmp(tcb->pce_id, p->ext.pce_id, 2) != 0)
        return vsgx_fail(why, SGX_QL_TCBINFO_MISMATCH, "tcb_info.pce_id", "pck_cert.pce_id", -1,
                         "TCB info PCE-ID %02X%02X is not the PCK certificate's %02X%02X", tcb->pce_id[0],
                         tcb->pce_id[1], p->ext.pce_id[0], p->ext.pce_id[1]);

    /* The QE report, signed by the PCK, binds the attestation key. */
    if (!vsgx_p256_verify(leaf->key, q->qe_report.p, q->qe_report.len, q->qe_report_sig.p)) {
        set_result(v, SGX_QL_QV_RESULT_INVALID_SIGNATURE);
        return vsgx_fail(why, SGX_QL_QE_REPORT_INVALID_SIGNATURE, "qe_report.signature", "qe_report_sig",
                         (int64_t)q->qe_report_sig.offset, "QE report signature does not verify with the PCK key");
    }
    uint8_t hash[32];
    EVP_MD_CTX *h = EVP_MD_CTX_new();
    bool hashed = h && EVP_DigestInit_ex(h, EVP_sha256(), NULL) &&
                  EVP_DigestUpdate(h, q->attest_key.p, 64) &&
                  EVP_DigestUpdate(h, q->auth_data.p, q->auth_data.len) && EVP_DigestFinal_ex(h, hash, NULL);
    EVP_MD_CTX_free(h);
    if (!hashed)
        return vsgx_fail(why, SGX_QL_ERROR_OUT_OF_MEMORY, "internal.digest", "", -1, "SHA-256 failed");
    if (memcmp(q->qe_report.p + offsetof(sgx_report_body_t, report_data), hash, 32) != 0) {
        set_result(v, SGX_QL_QV_RESULT_INVALID_SIGNATURE);
        return vsgx_fail(why, SGX_QL_QE_REPORT_INVALID_SIGNATURE, "qe_report.report_data",
                         "qe_report.report_data", (int64_t)(q->qe_report.offset + 320),
                         "QE report data is not SHA-256(attestation key || QE authentication data)");
    }

    /* The QE is Intel's, at a known TCB level. */
    if ((rc = check_qe_identity(q, &c->qe_identity, v, sel)))
        return rc;
    if (sel->qe_level->status == VSGX_TCB_REVOKED)
        set_result(v, SGX_QL_QV_RESULT_REVOKED);

    /* The quote itself, signed by the attestation key. */
    vsgx_p256_key_t *ak = vsgx_p256_key_new(q->attest_key.p);
    if (!ak)
        return vsgx_fail(why, SGX_QL_QUOTE_FORMAT_UNSUPPORTED, "quote.attest_key", "attest_pub_key",
                         (int64_t)q->attest_key.offset, "attestation key is not a P-256 point");
    bool sig_ok = vsgx_p256_verify(ak, q->raw, q->signed_len, q->quote_sig.p);
    vsgx_p256_key_free(ak);
    if (!sig_ok) {
        set_result(v, SGX_QL_QV_RESULT_INVALID_SIGNATURE);
        return vsgx_fail(why, SGX_QL_RESULT_INVALID_SIGNATURE, "quote.signature", "signature",
                         (int64_t)q->quote_sig.offset,
                         "quote signature does not verify over the header and report body");
    }

    /* The platform's TCB level, and the verdict. */
    sel->tcb_level = select_tcb_level(tcb, &p->ext);
    if (!sel->tcb_level)
        return vsgx_fail(why, SGX_QL_TCB_NOT_SUPPORTED, "tcb_info.tcb_level", "pck_cert.tcb", -1,
                         "no TCB level of the TCB info is at or below the PCK certificate's TCB");
    vsgx_tcb_status_t platform = sel->tcb_level->status, qe = sel->qe_level->status;
    vsgx_tcb_status_t status = converge(platform, qe);
    v->platform_status = vsgx_tcb_status_name(platform);
    v->status = vsgx_tcb_status_name(status);
    v->tcb_date = sel->tcb_level->tcb_date;
    add_advisories(v, sel->tcb_level->advisories, sel->tcb_level->advisory_count);
    add_advisories(v, sel->qe_level->advisories, sel->qe_level->advisory_count);
    set_result(v, vsgx_tcb_status_result(status));
    if (status == VSGX_TCB_REVOKED)
        return vsgx_fail(why, SGX_QL_TCB_REVOKED, "tcb.revoked", qe == VSGX_TCB_REVOKED ? "qe_report.isv_svn" : "pck_cert.tcb",
                         -1, qe == VSGX_TCB_REVOKED ? "the QE's TCB level is revoked" : "the platform's TCB level is revoked");
    return SGX_QL_SUCCESS;
}
