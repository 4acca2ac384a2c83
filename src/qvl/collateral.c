/* collateral.c — building and freeing the parsed collateral (see collateral.h). */
#include "collateral.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "failure.h"

/* Parses a chain, sharing certificates with the chains of c parsed before it. */
static quote3_error_t parse_chain(const vsgx_collateral_t *c, const uint8_t *pem, size_t len, vsgx_chain_t *chain,
                                  const char *name, vsgx_qvl_failure_t *why)
{
    vsgx_cert_t *pool[4 * VSGX_MAX_CHAIN];
    int pool_n = 0;
    const vsgx_chain_t *parsed[] = { &c->qe_identity_issuer_chain, &c->tcb_info_issuer_chain,
                                     &c->pck_crl_issuer_chain, &c->pck_chain };
    for (size_t k = 0; c && k < sizeof parsed / sizeof parsed[0]; k++)
        for (int i = 0; i < parsed[k]->n; i++)
            pool[pool_n++] = parsed[k]->certs[i];
    if (!pem || len == 0)
        return vsgx_fail(why, SGX_QL_PCK_CERT_CHAIN_ERROR, "collateral.missing", name, -1,
                         "collateral has no %s", name);
    chain->n = vsgx_pem_chain_parse_shared((const char *)pem, len, chain->certs, VSGX_MAX_CHAIN, pool, pool_n);
    if (chain->n <= 0) {
        chain->n = 0;
        return vsgx_fail(why, SGX_QL_PCK_CERT_CHAIN_ERROR, "collateral.chain_format", name, -1,
                         "%s is not a PEM certificate chain of 1 to %d certificates", name, VSGX_MAX_CHAIN);
    }
    return SGX_QL_SUCCESS;
}

static quote3_error_t parse_crl(const uint8_t *data, size_t len, vsgx_crl_t **crl, const char *name,
                                vsgx_qvl_failure_t *why)
{
    if (!data || len == 0)
        return vsgx_fail(why, SGX_QL_CRL_UNSUPPORTED_FORMAT, "collateral.missing", name, -1,
                         "collateral has no %s", name);
    char msg[96] = "";
    *crl = vsgx_crl_parse(data, len, msg, sizeof msg);
    if (!*crl)
        return vsgx_fail(why, SGX_QL_CRL_UNSUPPORTED_FORMAT, "collateral.crl_format", name, -1,
                         "%s is not a CRL in PEM, hex or DER form: %s", name, msg);
    return SGX_QL_SUCCESS;
}

static char *copy_text(const uint8_t *p, size_t len)
{
    char *s = malloc(len + 1);
    if (s) {
        memcpy(s, p, len);
        s[len] = '\0';
    }
    return s;
}

static void digest_part(EVP_MD_CTX *h, const void *p, size_t len)
{
    uint64_t n = p ? len : 0;
    EVP_DigestUpdate(h, &n, sizeof n);
    if (n)
        EVP_DigestUpdate(h, p, n);
}

static void digest_chain(EVP_MD_CTX *h, const vsgx_chain_t *ch)
{
    digest_part(h, &ch->n, sizeof ch->n);
    for (int i = 0; i < ch->n; i++)
        digest_part(h, ch->certs[i]->der, ch->certs[i]->der_len);
}

const uint8_t *vsgx_collateral_digest(const vsgx_collateral_t *collateral)
{
    vsgx_collateral_t *c = (vsgx_collateral_t *)collateral; /* only the cached key changes */
    if (atomic_load(&c->digest_ready))
        return c->digest;
    pthread_mutex_lock(&c->digest_lock);
    if (!atomic_load(&c->digest_ready)) {
        EVP_MD_CTX *h = EVP_MD_CTX_new();
        EVP_DigestInit_ex(h, EVP_sha256(), NULL);
        digest_part(h, &c->version, sizeof c->version);
        digest_part(h, &c->tee_type, sizeof c->tee_type);
        digest_chain(h, &c->pck_crl_issuer_chain);
        digest_chain(h, &c->tcb_info_issuer_chain);
        digest_chain(h, &c->qe_identity_issuer_chain);
        digest_chain(h, &c->pck_chain);
        digest_part(h, c->root_ca_crl->der, c->root_ca_crl->der_len);
        digest_part(h, c->pck_crl->der, c->pck_crl->der_len);
        digest_part(h, c->tcb_info.signed_body, c->tcb_info.signed_len);
        digest_part(h, c->tcb_info.signature, 64);
        digest_part(h, c->qe_identity.signed_body, c->qe_identity.signed_len);
        digest_part(h, c->qe_identity.signature, 64);
        EVP_DigestFinal_ex(h, c->digest, NULL);
        EVP_MD_CTX_free(h);
        atomic_store(&c->digest_ready, true);
    }
    pthread_mutex_unlock(&c->digest_lock);
    return c->digest;
}

static quote3_error_t parse_tcb_info(vsgx_collateral_t *c, const vsgx_collateral_parts_t *p, vsgx_qvl_failure_t *why)
{
    vsgx_json_error_t jerr = { "", "" };
    if (!p->tcb_info || p->tcb_info_len == 0)
        return vsgx_fail(why, SGX_QL_TCBINFO_UNSUPPORTED_FORMAT, "collateral.missing", "tcb_info", -1,
                         "collateral has no TCB info");
    c->tcb_info_text = copy_text(p->tcb_info, p->tcb_info_len);
    if (!c->tcb_info_text)
        return vsgx_fail(why, SGX_QL_ERROR_OUT_OF_MEMORY, "collateral.memory", "tcb_info", -1, "out of memory");
    int rc = p->tcb_info_sig_hex
                 ? vsgx_tcb_info_parse_inner(c->tcb_info_text, p->tcb_info_len, (const char *)p->tcb_info_sig_hex,
                                             p->tcb_info_sig_hex_len, &c->tcb_info, &jerr)
                 : vsgx_tcb_info_parse(c->tcb_info_text, p->tcb_info_len, &c->tcb_info, &jerr);
    if (rc)
        return vsgx_fail(why, SGX_QL_TCBINFO_UNSUPPORTED_FORMAT, "collateral.tcb_info", "tcb_info", -1,
                         "TCB info: %s: %s", jerr.path, jerr.message);
    return SGX_QL_SUCCESS;
}

static quote3_error_t parse_qe_identity(vsgx_collateral_t *c, const vsgx_collateral_parts_t *p,
                                        vsgx_qvl_failure_t *why)
{
    vsgx_json_error_t jerr = { "", "" };
    if (!p->qe_identity || p->qe_identity_len == 0)
        return vsgx_fail(why, SGX_QL_QEIDENTITY_UNSUPPORTED_FORMAT, "collateral.missing", "qe_identity", -1,
                         "collateral has no QE identity");
    c->qe_identity_text = copy_text(p->qe_identity, p->qe_identity_len);
    if (!c->qe_identity_text)
        return vsgx_fail(why, SGX_QL_ERROR_OUT_OF_MEMORY, "collateral.memory", "qe_identity", -1, "out of memory");
    int rc = p->qe_identity_sig_hex
                 ? vsgx_enclave_identity_parse_inner(c->qe_identity_text, p->qe_identity_len,
                                                     (const char *)p->qe_identity_sig_hex,
                                                     p->qe_identity_sig_hex_len, &c->qe_identity, &jerr)
                 : vsgx_enclave_identity_parse(c->qe_identity_text, p->qe_identity_len, &c->qe_identity, &jerr);
    if (rc)
        return vsgx_fail(why, SGX_QL_QEIDENTITY_UNSUPPORTED_FORMAT, "collateral.qe_identity", "qe_identity", -1,
                         "QE identity: %s: %s", jerr.path, jerr.message);
    return SGX_QL_SUCCESS;
}

quote3_error_t vsgx_collateral_build(const vsgx_collateral_parts_t *p, vsgx_collateral_t **out, vsgx_qvl_failure_t *why)
{
    *out = NULL;
    vsgx_collateral_t *c = calloc(1, sizeof *c);
    if (!c)
        return vsgx_fail(why, SGX_QL_ERROR_OUT_OF_MEMORY, "collateral.memory", "", -1, "out of memory");
    c->version = p->version;
    c->tee_type = p->tee_type;
    pthread_mutex_init(&c->digest_lock, NULL);
    quote3_error_t rc;
    if ((rc = parse_chain(c, p->qe_identity_issuer_chain, p->qe_identity_issuer_chain_len,
                          &c->qe_identity_issuer_chain, "qe_identity_issuer_chain", why)) ||
        (rc = parse_chain(c, p->tcb_info_issuer_chain, p->tcb_info_issuer_chain_len, &c->tcb_info_issuer_chain,
                          "tcb_info_issuer_chain", why)) ||
        (rc = parse_qe_identity(c, p, why)) || (rc = parse_tcb_info(c, p, why)) ||
        (rc = parse_crl(p->root_ca_crl, p->root_ca_crl_len, &c->root_ca_crl, "root_ca_crl", why)) ||
        (rc = parse_crl(p->pck_crl, p->pck_crl_len, &c->pck_crl, "pck_crl", why)) ||
        (rc = parse_chain(c, p->pck_crl_issuer_chain, p->pck_crl_issuer_chain_len, &c->pck_crl_issuer_chain,
                          "pck_crl_issuer_chain", why)) ||
        (p->pck_chain && (rc = parse_chain(c, p->pck_chain, p->pck_chain_len, &c->pck_chain, "pck_chain", why)))) {
        vsgx_collateral_free(c);
        return rc;
    }
    *out = c;
    return SGX_QL_SUCCESS;
}

quote3_error_t vsgx_collateral_set_pck_chain(vsgx_collateral_t *c, const char *pem, size_t len,
                                             vsgx_qvl_failure_t *why)
{
    vsgx_chain_t chain = { { NULL }, 0 };
    quote3_error_t rc = parse_chain(c, (const uint8_t *)pem, len, &chain, "pck_chain", why);
    if (rc)
        return rc;
    vsgx_chain_free(c->pck_chain.certs, c->pck_chain.n);
    c->pck_chain = chain;
    atomic_store(&c->digest_ready, false); /* the chain is part of the cache key */
    return SGX_QL_SUCCESS;
}

void vsgx_collateral_free(vsgx_collateral_t *c)
{
    if (!c)
        return;
    vsgx_chain_free(c->pck_crl_issuer_chain.certs, c->pck_crl_issuer_chain.n);
    vsgx_chain_free(c->tcb_info_issuer_chain.certs, c->tcb_info_issuer_chain.n);
    vsgx_chain_free(c->qe_identity_issuer_chain.certs, c->qe_identity_issuer_chain.n);
    vsgx_chain_free(c->pck_chain.certs, c->pck_chain.n);
    vsgx_crl_free(c->root_ca_crl);
    vsgx_crl_free(c->pck_crl);
    vsgx_tcb_info_free(&c->tcb_info);
    vsgx_enclave_identity_free(&c->qe_identity);
    free(c->tcb_info_text);
    free(c->qe_identity_text);
    pthread_mutex_destroy(&c->digest_lock);
    free(c);
}
