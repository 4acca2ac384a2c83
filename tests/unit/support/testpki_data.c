/* testpki_data.c — the test PKI's signed JSON collateral and quote (v3, or v4/v5 with an SGX body), and the ways a test
 * hands them to the verifier: Intel's collateral structure, dcap-qvl's collateral JSON, and a
 * one-call verify (see testpki.h). */
#include "testpki.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>

#include "hex.h"
#include "qe_identity.h"
#include "tcb_info.h"
#include "sgx_quote_3.h"

#define MUST(x) do { if (!(x)) tpki_die(#x); } while (0)

void tpki_sign_raw(EVP_PKEY *key, const void *msg, size_t len, uint8_t sig[64])
{
    MUST(vsgx_pcs_sign_raw(key, msg, len, sig));
}

/* ---- JSON: the simulated PCS's serialisers (src/pcs/tcb_info.c, qe_identity.c) ------------- */

static void copy_advisories(const char *const *from, const char **to)
{
    for (int i = 0; i < TPKI_MAX_ADVISORIES && i < VSGX_PCS_MAX_ADVISORIES; i++)
        to[i] = from[i];
}

static char *tcb_info_inner(const tpki_spec_t *s)
{
    vsgx_pcs_tcb_level_t levels[TPKI_MAX_LEVELS];
    memset(levels, 0, sizeof levels);
    for (size_t i = 0; i < s->tcb_level_count; i++) {
        const tpki_tcb_level_t *l = &s->tcb_levels[i];
        memcpy(levels[i].sgx_svn, l->svn, 16);
        levels[i].pcesvn = l->pcesvn;
        levels[i].tcb_date = TPKI_T0 - (int64_t)(i + 1) * 90 * TPKI_DAY;
        levels[i].status = l->status;
        copy_advisories(l->advisories, levels[i].advisories);
    }
    vsgx_pcs_tcb_info_t t = { .version = 3, .tcb_evaluation_data_number = s->tcb_eval_num,
                              .issue_date = TPKI_T0 - TPKI_DAY, .next_update = TPKI_T0 + 30 * TPKI_DAY,
                              .level_count = s->tcb_level_count, .levels = levels };
    memcpy(t.fmspc, s->tcb_fmspc, 6);
    memcpy(t.pce_id, s->tcb_pce_id, 2);
    char *json = vsgx_pcs_tcb_info_json(&t);
    MUST(json);
    return json;
}

static char *qe_identity_inner(const tpki_spec_t *s)
{
    vsgx_pcs_qe_level_t levels[TPKI_MAX_LEVELS];
    memset(levels, 0, sizeof levels);
    for (size_t i = 0; i < s->qe_level_count; i++) {
        const tpki_qe_level_t *l = &s->qe_levels[i];
        levels[i].isvsvn = l->isvsvn;
        levels[i].tcb_date = TPKI_T0 - (int64_t)(i + 1) * 90 * TPKI_DAY;
        levels[i].status = l->status;
        copy_advisories(l->advisories, levels[i].advisories);
    }
    vsgx_pcs_qe_identity_t q = { .tcb_evaluation_data_number = s->qe_eval_num, .issue_date = TPKI_T0 - TPKI_DAY,
                                 .next_update = TPKI_T0 + 30 * TPKI_DAY, .miscselect = s->qe_miscselect,
                                 .miscselect_mask = s->qe_miscselect_mask, .isvprodid = s->qe_isvprodid,
                                 .level_count = s->qe_level_count, .levels = levels };
    memcpy(q.attributes, s->qe_attributes, 16);
    memcpy(q.attributes_mask, s->qe_attributes_mask, 16);
    memcpy(q.mrsigner, s->qe_mrsigner, 32);
    char *json = vsgx_pcs_qe_identity_json(&q);
    MUST(json);
    return json;
}

/* Signs the inner bytes and wraps them in a PCS response body. */
static char *sign_body(EVP_PKEY *key, const char *outer_key, const char *inner, char sig_hex[129])
{
    char *body = vsgx_pcs_signed_body(key, outer_key, inner, sig_hex);
    MUST(body);
    return body;
}

void tpki_build_json(const tpki_spec_t *s, EVP_PKEY *tcb_key, tpki_t *t)
{
    t->tcb_info_inner = tcb_info_inner(s);
    t->tcb_info = sign_body(tcb_key, "tcbInfo", t->tcb_info_inner, t->tcb_info_sig);
    t->qe_identity_inner = qe_identity_inner(s);
    t->qe_identity = sign_body(tcb_key, "enclaveIdentity", t->qe_identity_inner, t->qe_identity_sig);
}

/* ---- the quote ---------------------------------------------------------------------------------- */

static const uint8_t INTEL_QE_VENDOR_ID[16] = { 0x93, 0x9A, 0x72, 0x33, 0xF7, 0x9C, 0x4C, 0xA9,
                                                0x94, 0x0A, 0x0D, 0xB3, 0x95, 0x7F, 0x06, 0x07 };

static uint8_t *le16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    return p + 2;
}

static uint8_t *le32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
    return p + 4;
}

void tpki_build_quote(const tpki_spec_t *s, EVP_PKEY *leaf_key, EVP_PKEY *attest_key, tpki_t *t)
{
    uint8_t pub[65];
    size_t pub_len = 0;
    MUST(EVP_PKEY_get_octet_string_param(attest_key, OSSL_PKEY_PARAM_PUB_KEY, pub, sizeof pub, &pub_len) &&
         pub_len == 65 && pub[0] == 0x04);
    memcpy(t->attest_pub, pub + 1, 64);
    if (s->attest_key_off_curve) {
        memset(t->attest_pub, 0, 64);
        t->attest_pub[31] = 1; /* (1, 2) is not on P-256 */
        t->attest_pub[63] = 2;
    }
    int version = s->quote_version ? s->quote_version : 3;
    size_t pem_len = strlen(t->pck_chain_pem) + 1; /* with the trailing NUL */
    size_t auth = s->auth_data_len;
    /* QE report, its signature, auth data and the PCK chain: the whole of v3's certification
     * part, and the payload of v4/v5's type-6 certification data. */
    size_t qe_part = 384 + 64 + 2 + auth + 2 + 4 + pem_len;
    size_t sig_len = 64 + 64 + (version == 3 ? qe_part : 2 + 4 + qe_part);
    size_t body_at = version == 5 ? 54 : 48, signed_len = body_at + 384;
    t->quote_len = signed_len + 4 + sig_len;
    uint8_t *q = t->quote = calloc(1, t->quote_len);
    MUST(q);

    /* Header and report body. v4/v5: TEE type 0 (SGX) and 4 reserved bytes. */
    uint8_t *p = le16(q, (uint16_t)version);
    p = le16(p, 2);
    p = le32(p, 0);
    if (version == 3) {
        p = le16(p, s->qe.isv_svn);
        p = le16(p, s->pcesvn);
    } else {
        p = le32(p, 0);
    }
    memcpy(p, INTEL_QE_VENDOR_ID, 16);
    for (int i = 0; i < 16; i++)
        q[28 + i] = (uint8_t)(0xD0 + i); /* QE ID; 4 zero bytes follow */
    if (version == 5)
        le32(le16(q + 48, 1), 384); /* body type SGX, 384 bytes */
    memcpy(q + body_at, &s->app, 384);
    p = le32(q + signed_len, (uint32_t)sig_len);

    /* Signature data: the quote signature is made last, over the header and body. */
    uint8_t *quote_sig = p;
    memcpy(p + 64, t->attest_pub, 64);
    uint8_t *qe_report = p + 128;
    if (version != 3)
        qe_report = le32(le16(qe_report, ECDSA_SIG_AUX_DATA), (uint32_t)qe_part);
    uint8_t *auth_data = qe_report + 384 + 64 + 2;
    le16(qe_report + 384 + 64, (uint16_t)auth);
    for (size_t i = 0; i < auth; i++)
        auth_data[i] = (uint8_t)i;
    sgx_report_body_t qe = s->qe;
    if (!s->qe_report_data_as_given) {
        memset(&qe.report_data, 0, sizeof qe.report_data);
        EVP_MD_CTX *h = EVP_MD_CTX_new();
        MUST(h && EVP_DigestInit_ex(h, EVP_sha256(), NULL) && EVP_DigestUpdate(h, t->attest_pub, 64) &&
             EVP_DigestUpdate(h, auth_data, auth) && EVP_DigestFinal_ex(h, qe.report_data.d, NULL));
        EVP_MD_CTX_free(h);
    }
    memcpy(qe_report, &qe, 384);
    tpki_sign_raw(leaf_key, qe_report, 384, qe_report + 384);
    p = le16(auth_data + auth, PCK_CERT_CHAIN);
    p = le32(p, (uint32_t)pem_len);
    memcpy(p, t->pck_chain_pem, pem_len);
    MUST(p + pem_len == q + t->quote_len);
    tpki_sign_raw(attest_key, q, signed_len, quote_sig);
}

/* ---- handing it to the verifier ------------------------------------------------------------- */

void tpki_intel_collateral(const tpki_t *t, sgx_ql_qve_collateral_t *c)
{
    memset(c, 0, sizeof *c);
    c->version = QVE_COLLATERAL_VERSION31;
    c->tee_type = 0;
    c->pck_crl_issuer_chain = t->pck_crl_issuer_chain;
    c->pck_crl_issuer_chain_size = (uint32_t)strlen(t->pck_crl_issuer_chain) + 1;
    c->root_ca_crl = (char *)t->root_crl;
    c->root_ca_crl_size = (uint32_t)t->root_crl_len;
    c->pck_crl = (char *)t->pck_crl;
    c->pck_crl_size = (uint32_t)t->pck_crl_len;
    c->tcb_info_issuer_chain = t->tcb_info_issuer_chain;
    c->tcb_info_issuer_chain_size = (uint32_t)strlen(t->tcb_info_issuer_chain) + 1;
    c->tcb_info = t->tcb_info;
    c->tcb_info_size = (uint32_t)strlen(t->tcb_info) + 1;
    c->qe_identity_issuer_chain = t->qe_identity_issuer_chain;
    c->qe_identity_issuer_chain_size = (uint32_t)strlen(t->qe_identity_issuer_chain) + 1;
    c->qe_identity = t->qe_identity;
    c->qe_identity_size = (uint32_t)strlen(t->qe_identity) + 1;
}

static void set_hex(json_t *o, const char *key, const uint8_t *d, size_t n)
{
    char *h = malloc(2 * n + 1);
    MUST(h);
    vsgx_hex_encode(d, n, h);
    MUST(json_object_set_new(o, key, json_string(h)) == 0);
    free(h);
}

char *tpki_qvl_json(const tpki_t *t, size_t *len)
{
    json_t *o = json_object();
    MUST(o);
    MUST(json_object_set_new(o, "pck_crl_issuer_chain", json_string(t->pck_crl_issuer_chain)) == 0);
    set_hex(o, "root_ca_crl", t->root_crl, t->root_crl_len);
    set_hex(o, "pck_crl", t->pck_crl, t->pck_crl_len);
    MUST(json_object_set_new(o, "tcb_info_issuer_chain", json_string(t->tcb_info_issuer_chain)) == 0);
    MUST(json_object_set_new(o, "tcb_info", json_string(t->tcb_info_inner)) == 0);
    MUST(json_object_set_new(o, "tcb_info_signature", json_string(t->tcb_info_sig)) == 0);
    MUST(json_object_set_new(o, "qe_identity_issuer_chain", json_string(t->qe_identity_issuer_chain)) == 0);
    MUST(json_object_set_new(o, "qe_identity", json_string(t->qe_identity_inner)) == 0);
    MUST(json_object_set_new(o, "qe_identity_signature", json_string(t->qe_identity_sig)) == 0);
    char *text = json_dumps(o, JSON_COMPACT);
    MUST(text);
    json_decref(o);
    *len = strlen(text);
    return text;
}

quote3_error_t tpki_collateral(const tpki_t *t, tpki_form_t form, vsgx_collateral_t **out, vsgx_qvl_failure_t *why)
{
    if (form == TPKI_FORM_INTEL) {
        sgx_ql_qve_collateral_t c;
        tpki_intel_collateral(t, &c);
        return vsgx_collateral_from_intel(&c, out, why);
    }
    size_t len;
    char *json = tpki_qvl_json(t, &len);
    quote3_error_t rc = vsgx_collateral_from_qvl_json(json, len, out, why);
    free(json);
    return rc;
}

quote3_error_t tpki_verify(const tpki_t *t, tpki_form_t form, int64_t time, bool reject_debug, vsgx_qvl_verdict_t *v)
{
    vsgx_trust_anchor_t *root = NULL;
    vsgx_collateral_t *c = NULL;
    memset(v, 0, sizeof *v);
    quote3_error_t rc = vsgx_trust_anchor_from_pem(t->root_pem, strlen(t->root_pem), &root, &v->failure);
    if (!rc)
        rc = tpki_collateral(t, form, &c, &v->failure);
    if (rc) {
        v->error = rc;
        v->result = SGX_QL_QV_RESULT_UNSPECIFIED;
    } else {
        vsgx_qvl_options_t o = { .time = time ? time : TPKI_T0, .trust_anchor = root, .reject_debug = reject_debug };
        rc = vsgx_qvl_verify(t->quote, t->quote_len, c, &o, v);
    }
    vsgx_collateral_free(c);
    vsgx_trust_anchor_free(root);
    return rc;
}
