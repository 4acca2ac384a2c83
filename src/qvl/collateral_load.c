/* collateral_load.c — the three collateral forms: a directory of PCS/PCCS responses (or
 * Intel's QVL sample file names), dcap-qvl's collateral JSON, and Intel's
 * sgx_ql_qve_collateral_t. Each gathers raw parts and hands them to vsgx_collateral_build. */
#include "collateral.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "failure.h"
#include "file.h"
#include "json_span.h"

#define MAX_COLLATERAL_FILE (8u << 20)

enum { F_PCK_CRL_CHAIN, F_ROOT_CRL, F_PCK_CRL, F_TCB_CHAIN, F_TCB_INFO, F_QE_CHAIN, F_QE_ID, F_PCK_CERT,
       F_PCK_SIGN_CHAIN, F_COUNT };

/* File names per part: the PCS/PCCS response form first, then Intel's QVL sample names. */
static const char *const NAMES[F_COUNT][3] = {
    [F_PCK_CRL_CHAIN] = { "pck_crl_issuer_chain.pem", NULL },
    [F_ROOT_CRL] = { "root_ca_crl.der", "root_ca_crl.pem", "rootCaCrl.der" },
    [F_PCK_CRL] = { "pck_crl.der", "pck_crl.pem", "intermediateCaCrl.der" },
    [F_TCB_CHAIN] = { "tcb_info_issuer_chain.pem", "tcbSignChain.pem", NULL },
    [F_TCB_INFO] = { "tcb_info.json", "tcbInfo.json", NULL },
    [F_QE_CHAIN] = { "qe_identity_issuer_chain.pem", "tcbSignChain.pem", NULL },
    [F_QE_ID] = { "qe_identity.json", "qeIdentity.json", NULL },
    [F_PCK_CERT] = { "pckCert.pem", NULL },
    [F_PCK_SIGN_CHAIN] = { "pckSignChain.pem", NULL },
};

static quote3_error_t read_part(const char *dir, int part, uint8_t **data, size_t *len, vsgx_qvl_failure_t *why)
{
    *data = NULL;
    *len = 0;
    for (int i = 0; i < 3 && NAMES[part][i]; i++) {
        char path[4096];
        if (snprintf(path, sizeof path, "%s/%s", dir, NAMES[part][i]) >= (int)sizeof path)
            return vsgx_fail(why, SGX_QL_ERROR_INVALID_PARAMETER, "collateral.path", NAMES[part][i], -1,
                             "collateral path too long");
        int err = vsgx_read_file(path, MAX_COLLATERAL_FILE, data, len);
        if (err == ENOENT)
            continue;
        if (err)
            return vsgx_fail(why, SGX_QL_FILE_ACCESS_ERROR, "collateral.read", NAMES[part][i], -1, "%s: %s",
                             path, err == EFBIG ? "larger than 8 MiB" : strerror(err));
        return SGX_QL_SUCCESS;
    }
    return SGX_QL_SUCCESS; /* absent: the builder names what is missing */
}

static quote3_error_t load_dir(const char *dir, vsgx_collateral_t **out, vsgx_qvl_failure_t *why)
{
    uint8_t *data[F_COUNT] = { NULL };
    size_t len[F_COUNT] = { 0 };
    uint8_t *pck_chain = NULL;
    quote3_error_t rc = SGX_QL_SUCCESS;
    for (int i = 0; i < F_COUNT && !rc; i++)
        rc = read_part(dir, i, &data[i], &len[i], why);
    if (rc)
        goto out;
    /* Intel's sample layout: the PCK CRL issuer chain is pckSignChain.pem, and the PCK
     * certificate with that chain is the PCK chain of a quote without one. */
    if (!data[F_PCK_CRL_CHAIN] && data[F_PCK_SIGN_CHAIN]) {
        data[F_PCK_CRL_CHAIN] = data[F_PCK_SIGN_CHAIN];
        len[F_PCK_CRL_CHAIN] = len[F_PCK_SIGN_CHAIN];
        data[F_PCK_SIGN_CHAIN] = NULL;
    }
    size_t pck_chain_len = 0;
    if (data[F_PCK_CERT]) {
        pck_chain_len = len[F_PCK_CERT] + 1 + len[F_PCK_CRL_CHAIN];
        pck_chain = malloc(pck_chain_len);
        if (!pck_chain) {
            rc = vsgx_fail(why, SGX_QL_ERROR_OUT_OF_MEMORY, "collateral.memory", "", -1, "out of memory");
            goto out;
        }
        memcpy(pck_chain, data[F_PCK_CERT], len[F_PCK_CERT]);
        pck_chain[len[F_PCK_CERT]] = '\n';
        if (len[F_PCK_CRL_CHAIN])
            memcpy(pck_chain + len[F_PCK_CERT] + 1, data[F_PCK_CRL_CHAIN], len[F_PCK_CRL_CHAIN]);
    }
    vsgx_collateral_parts_t parts = {
        .version = QVE_COLLATERAL_VERSION31,
        .pck_crl_issuer_chain = data[F_PCK_CRL_CHAIN], .pck_crl_issuer_chain_len = len[F_PCK_CRL_CHAIN],
        .root_ca_crl = data[F_ROOT_CRL], .root_ca_crl_len = len[F_ROOT_CRL],
        .pck_crl = data[F_PCK_CRL], .pck_crl_len = len[F_PCK_CRL],
        .tcb_info_issuer_chain = data[F_TCB_CHAIN], .tcb_info_issuer_chain_len = len[F_TCB_CHAIN],
        .tcb_info = data[F_TCB_INFO], .tcb_info_len = len[F_TCB_INFO],
        .qe_identity_issuer_chain = data[F_QE_CHAIN], .qe_identity_issuer_chain_len = len[F_QE_CHAIN],
        .qe_identity = data[F_QE_ID], .qe_identity_len = len[F_QE_ID],
        .pck_chain = pck_chain, .pck_chain_len = pck_chain_len,
    };
    rc = vsgx_collateral_build(&parts, out, why);
out:
    for (int i = 0; i < F_COUNT; i++)
        free(data[i]);
    free(pck_chain);
    return rc;
}

/* dcap-qvl's collateral file: one JSON object of strings; CRLs as hex DER, the TCB info and QE
 * identity as their inner JSON text with the signatures beside them. One strict pass over the
 * object (members other than these are ignored; one of these twice is an error); each string is
 * decoded (PEM has escaped newlines) into its own buffer. */
quote3_error_t vsgx_collateral_from_qvl_json(const char *text, size_t len, vsgx_collateral_t **out,
                                             vsgx_qvl_failure_t *why)
{
    static const char *const KEYS[] = { "pck_crl_issuer_chain", "root_ca_crl", "pck_crl", "tcb_info_issuer_chain",
                                        "tcb_info", "tcb_info_signature", "qe_identity_issuer_chain",
                                        "qe_identity", "qe_identity_signature" };
    enum { NKEYS = sizeof KEYS / sizeof KEYS[0] };
    char *v[NKEYS] = { NULL };
    size_t n[NKEYS] = { 0 };
    quote3_error_t rc = SGX_QL_SUCCESS;
    vsgx_json_members_t it;
    vsgx_json_span_t key, value;
    int got;
    *out = NULL;
    vsgx_json_members_begin(&it, text, len);
    while ((got = vsgx_json_members_next(&it, &key, &value)) == 1) {
        size_t k = 0;
        while (k < NKEYS && !vsgx_json_key_equals(text + key.start, key.len, KEYS[k]))
            k++;
        if (k == NKEYS)
            continue;
        if (v[k]) {
            rc = vsgx_fail(why, SGX_QL_ERROR_INVALID_PARAMETER, "collateral.json", KEYS[k], -1,
                           "collateral JSON: \"%s\" appears twice", KEYS[k]);
            goto out;
        }
        if (value.len < 2 || text[value.start] != '"') {
            rc = vsgx_fail(why, SGX_QL_ERROR_INVALID_PARAMETER, "collateral.json", KEYS[k], -1,
                           "collateral JSON: \"%s\" is not a string", KEYS[k]);
            goto out;
        }
        const char *raw = text + value.start + 1; /* between the quotes */
        size_t raw_len = value.len - 2;
        if (!(v[k] = malloc(raw_len + 1))) { /* decoding escapes only shortens */
            rc = vsgx_fail(why, SGX_QL_ERROR_OUT_OF_MEMORY, "collateral.memory", "", -1, "out of memory");
            goto out;
        }
        n[k] = vsgx_json_decode(raw, raw_len, v[k], raw_len);
        v[k][n[k]] = '\0';
    }
    if (got < 0) {
        rc = vsgx_fail(why, SGX_QL_ERROR_INVALID_PARAMETER, "collateral.json", "", -1,
                       "collateral JSON: %s at byte %zu", it.error, it.error_offset);
        goto out;
    }
    for (size_t k = 0; k < NKEYS; k++)
        if (!v[k]) {
            rc = vsgx_fail(why, SGX_QL_ERROR_INVALID_PARAMETER, "collateral.json", KEYS[k], -1,
                           "collateral JSON: \"%s\" is missing", KEYS[k]);
            goto out;
        }
    vsgx_collateral_parts_t parts = {
        .version = QVE_COLLATERAL_VERSION3,
        .pck_crl_issuer_chain = (uint8_t *)v[0], .pck_crl_issuer_chain_len = n[0],
        .root_ca_crl = (uint8_t *)v[1], .root_ca_crl_len = n[1],
        .pck_crl = (uint8_t *)v[2], .pck_crl_len = n[2],
        .tcb_info_issuer_chain = (uint8_t *)v[3], .tcb_info_issuer_chain_len = n[3],
        .tcb_info = (uint8_t *)v[4], .tcb_info_len = n[4],
        .tcb_info_sig_hex = (uint8_t *)v[5], .tcb_info_sig_hex_len = n[5],
        .qe_identity_issuer_chain = (uint8_t *)v[6], .qe_identity_issuer_chain_len = n[6],
        .qe_identity = (uint8_t *)v[7], .qe_identity_len = n[7],
        .qe_identity_sig_hex = (uint8_t *)v[8], .qe_identity_sig_hex_len = n[8],
    };
    rc = vsgx_collateral_build(&parts, out, why);
out:
    for (size_t i = 0; i < NKEYS; i++)
        free(v[i]);
    return rc;
}

quote3_error_t vsgx_collateral_load(const char *path, vsgx_collateral_t **out, vsgx_qvl_failure_t *why)
{
    struct stat st;
    *out = NULL;
    if (!path || stat(path, &st) != 0)
        return vsgx_fail(why, SGX_QL_FILE_ACCESS_ERROR, "collateral.read", "", -1, "%s: %s",
                         path ? path : "(null)", strerror(errno));
    if (S_ISDIR(st.st_mode))
        return load_dir(path, out, why);
    uint8_t *data;
    size_t len;
    int err = vsgx_read_file(path, MAX_COLLATERAL_FILE, &data, &len);
    if (err)
        return vsgx_fail(why, SGX_QL_FILE_ACCESS_ERROR, "collateral.read", "", -1, "%s: %s", path,
                         err == EFBIG ? "larger than 8 MiB" : strerror(err));
    quote3_error_t rc = vsgx_collateral_from_qvl_json((const char *)data, len, out, why);
    free(data);
    return rc;
}

/* A text member of Intel's structure: size counts a terminating NUL when there is one. */
static size_t intel_len(const char *p, uint32_t size)
{
    return (p && size > 0 && p[size - 1] == '\0') ? size - 1 : (p ? size : 0);
}

quote3_error_t vsgx_collateral_from_intel(const sgx_ql_qve_collateral_t *c, vsgx_collateral_t **out,
                                          vsgx_qvl_failure_t *why)
{
    *out = NULL;
    if (!c)
        return vsgx_fail(why, SGX_QL_ERROR_INVALID_PARAMETER, "collateral.missing", "", -1, "no collateral");
    if (c->version != QVE_COLLATERAL_VERSION1 && c->version != QVE_COLLATERAL_VERSION3 &&
        c->version != QVE_COLLATERAL_VERSION31 && c->version != QVE_COLLATERAL_VERSION4)
        return vsgx_fail(why, SGX_QL_COLLATERAL_VERSION_NOT_SUPPORTED, "collateral.version", "version", -1,
                         "collateral version %u.%u is not supported (1, 3.0, 3.1 and 4 are)", c->major_version,
                         c->minor_version);
    /* CRLs may be binary DER: keep their full size. */
    vsgx_collateral_parts_t parts = {
        .version = c->version,
        .tee_type = c->tee_type,
        .pck_crl_issuer_chain = (const uint8_t *)c->pck_crl_issuer_chain,
        .pck_crl_issuer_chain_len = intel_len(c->pck_crl_issuer_chain, c->pck_crl_issuer_chain_size),
        .root_ca_crl = (const uint8_t *)c->root_ca_crl, .root_ca_crl_len = c->root_ca_crl ? c->root_ca_crl_size : 0,
        .pck_crl = (const uint8_t *)c->pck_crl, .pck_crl_len = c->pck_crl ? c->pck_crl_size : 0,
        .tcb_info_issuer_chain = (const uint8_t *)c->tcb_info_issuer_chain,
        .tcb_info_issuer_chain_len = intel_len(c->tcb_info_issuer_chain, c->tcb_info_issuer_chain_size),
        .tcb_info = (const uint8_t *)c->tcb_info, .tcb_info_len = intel_len(c->tcb_info, c->tcb_info_size),
        .qe_identity_issuer_chain = (const uint8_t *)c->qe_identity_issuer_chain,
        .qe_identity_issuer_chain_len = intel_len(c->qe_identity_issuer_chain, c->qe_identity_issuer_chain_size),
        .qe_identity = (const uint8_t *)c->qe_identity,
        .qe_identity_len = intel_len(c->qe_identity, c->qe_identity_size),
    };
    return vsgx_collateral_build(&parts, out, why);
}
