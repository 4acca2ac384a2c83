/* pcs_api.c — the simulated Intel PCS's API (pcs_api.h): routing of the v4 and v3 paths, what
 * the endpoints share (parameter checks, store failures as responses, issuer chain headers),
 * and the collateral endpoints: pckcrl, tcb, qe/identity, qve/identity, rootcacrl. The PCK
 * certificate endpoints are in pcs_api_pck.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/x509.h>

#include "hex.h"
#include "pcs_api_internal.h"
#include "pcs_crl.h"

static const char *const UPDATES[] = { "early", "standard", NULL };
static const char *const CAS[] = { "processor", "platform", NULL };
static const char *const ENCODINGS[] = { "der", "pem", NULL };

bool pcs_req_params(pcs_req_t *q, const pcs_param_spec_t *spec, size_t n_spec, const char **values)
{
    char reason[PCS_REASON_MAX];
    if (pcs_params_check(spec, n_spec, q->params, q->n_params, values, reason, sizeof reason))
        return true;
    pcs_resp_error(q->r, 400, PCS_BAD_REQUEST, "%s", reason);
    return false;
}

unsigned pcs_req_store_error(pcs_req_t *q, vsgx_pcs_result_t rc, const char *err, bool invalid_is_client)
{
    if (rc == VSGX_PCS_NOT_FOUND)
        return pcs_resp_error(q->r, 404, "NotFound", "%s", err[0] ? err : "Not found");
    if (rc == VSGX_PCS_INVALID && invalid_is_client)
        return pcs_resp_error(q->r, 400, PCS_BAD_REQUEST, "Invalid parameter 'encrypted_ppid': %s",
                              err[0] ? err : "it does not decrypt");
    return pcs_resp_error(q->r, 500, "InternalError", "%s: %s", vsgx_pcs_result_str(rc), err);
}

unsigned pcs_req_out_of_memory(pcs_req_t *q)
{
    return pcs_resp_error(q->r, 500, "InternalError", "Out of memory");
}

bool pcs_req_chain_header(pcs_req_t *q, const char *name, vsgx_pcs_ca_role_t role)
{
    const char *pem = vsgx_pcs_store_issuer_chain(q->store, role);
    return pem && pcs_resp_header_take(q->r, name, pcs_url_encode(pem));
}

/* The PEM form of a DER CRL (new string) or NULL. */
static char *crl_pem(const uint8_t *der, size_t len)
{
    const unsigned char *p = der;
    X509_CRL *crl = d2i_X509_CRL(NULL, &p, (long)len);
    char *pem = crl ? vsgx_pcs_crl_pem(crl) : NULL;
    X509_CRL_free(crl);
    return pem;
}

static unsigned pckcrl(pcs_req_t *q)
{
    static const pcs_param_spec_t SPEC[] = {
        { "ca", true, 0, CAS, false },
        { "encoding", false, 0, ENCODINGS, false },
    };
    const char *v[2];
    if (!pcs_req_params(q, SPEC, 2, v))
        return q->r->status;
    vsgx_pcs_ca_role_t role = !strcmp(v[0], "platform") ? VSGX_PCS_PLATFORM_CA : VSGX_PCS_PROCESSOR_CA;
    uint8_t *der = NULL;
    size_t len = 0;
    char err[PCS_REASON_MAX] = "";
    vsgx_pcs_result_t rc = vsgx_pcs_store_crl(q->store, role, &der, &len, err, sizeof err);
    if (rc != VSGX_PCS_OK)
        return pcs_req_store_error(q, rc, err, false);
    if (v[1] && !strcmp(v[1], "der")) {
        pcs_resp_body_take(q->r, 200, PCS_CRL_TYPE, der, len);
    } else {
        char *pem = crl_pem(der, len);
        free(der);
        if (!pem)
            return pcs_resp_error(q->r, 500, "InternalError", "The published PCK CRL does not parse");
        pcs_resp_body_take(q->r, 200, PCS_PEM_TYPE, pem, strlen(pem));
    }
    return pcs_req_chain_header(q, "SGX-PCK-CRL-Issuer-Chain", role) ? 200 : pcs_req_out_of_memory(q);
}

static vsgx_pcs_update_t update_of(const char *v)
{
    return v && !strcmp(v, "early") ? VSGX_PCS_UPDATE_EARLY : VSGX_PCS_UPDATE_STANDARD;
}

static unsigned tcb(pcs_req_t *q)
{
    static const pcs_param_spec_t SPEC[] = {
        { "fmspc", true, 12, NULL, false },
        { "update", false, 0, UPDATES, false },
    };
    const char *v[2];
    if (!pcs_req_params(q, SPEC, 2, v))
        return q->r->status;
    uint8_t fmspc[6];
    vsgx_hex_decode(v[0], 12, fmspc, sizeof fmspc);
    char err[PCS_REASON_MAX] = "", *body = NULL;
    vsgx_pcs_result_t rc =
        vsgx_pcs_store_tcb_info(q->store, fmspc, q->version == 4 ? 3 : 2, update_of(v[1]), &body, err, sizeof err);
    if (rc != VSGX_PCS_OK)
        return pcs_req_store_error(q, rc, err, false);
    pcs_resp_body_take(q->r, 200, PCS_JSON_TYPE, body, strlen(body));
    const char *h = q->version == 4 ? "TCB-Info-Issuer-Chain" : "SGX-TCB-Info-Issuer-Chain";
    return pcs_req_chain_header(q, h, VSGX_PCS_TCB_SIGNING) ? 200 : pcs_req_out_of_memory(q);
}

static unsigned identity(pcs_req_t *q, const char *id)
{
    static const pcs_param_spec_t SPEC[] = { { "update", false, 0, UPDATES, false } };
    const char *v[1];
    if (!pcs_req_params(q, SPEC, 1, v))
        return q->r->status;
    char err[PCS_REASON_MAX] = "", *body = NULL;
    vsgx_pcs_result_t rc = vsgx_pcs_store_identity(q->store, id, update_of(v[0]), &body, err, sizeof err);
    if (rc != VSGX_PCS_OK)
        return pcs_req_store_error(q, rc, err, false);
    pcs_resp_body_take(q->r, 200, PCS_JSON_TYPE, body, strlen(body));
    return pcs_req_chain_header(q, "SGX-Enclave-Identity-Issuer-Chain", VSGX_PCS_TCB_SIGNING) ? 200 : pcs_req_out_of_memory(q);
}

static unsigned qe_identity(pcs_req_t *q)
{
    return identity(q, "QE");
}

static unsigned qve_identity(pcs_req_t *q)
{
    return identity(q, "QVE");
}

static unsigned rootcacrl(pcs_req_t *q)
{
    const char *v[1];
    if (!pcs_req_params(q, NULL, 0, v))
        return q->r->status;
    uint8_t *der = NULL;
    size_t len = 0;
    char err[PCS_REASON_MAX] = "";
    vsgx_pcs_result_t rc = vsgx_pcs_store_crl(q->store, VSGX_PCS_ROOT_CA, &der, &len, err, sizeof err);
    if (rc != VSGX_PCS_OK)
        return pcs_req_store_error(q, rc, err, false);
    pcs_resp_body_take(q->r, 200, PCS_CRL_TYPE, der, len);
    return 200;
}

static const struct {
    const char *name;
    unsigned (*handle)(pcs_req_t *q);
} ROUTES[] = {
    { "pckcert", pcs_api_pckcert },   { "pckcerts", pcs_api_pckcerts }, { "pckcrl", pckcrl },
    { "tcb", tcb },                   { "qe/identity", qe_identity },
    { "qve/identity", qve_identity }, { "rootcacrl", rootcacrl },
};

/* The endpoint of path (and the API version into *version), or -1. */
static int route(const char *path, int *version)
{
    static const char V4[] = "/sgx/certification/v4/", V3[] = "/sgx/certification/v3/";
    const char *rest;
    if (!strncmp(path, V4, sizeof V4 - 1)) {
        *version = 4;
        rest = path + sizeof V4 - 1;
    } else if (!strncmp(path, V3, sizeof V3 - 1)) {
        *version = 3;
        rest = path + sizeof V3 - 1;
    } else {
        return -1;
    }
    for (size_t i = 0; i < sizeof ROUTES / sizeof ROUTES[0]; i++)
        if (!strcmp(rest, ROUTES[i].name))
            return (int)i;
    return -1;
}

/* The Request-ID header, last, on every response. */
static void add_request_id(vsgx_pcs_response_t *r, const char *request_id)
{
    char fresh[33];
    if (request_id && pcs_request_id_valid(request_id))
        pcs_resp_header(r, "Request-ID", request_id);
    else if (pcs_request_id_new(fresh))
        pcs_resp_header(r, "Request-ID", fresh);
}

/* Routes and answers; query_error: the query did not parse (a 400 once the path and method
 * are known to be right). */
static unsigned respond(vsgx_pcs_store_t *s, const char *method, const char *path, const vsgx_pcs_param_t *params,
                        size_t n_params, const char *query_error, vsgx_pcs_response_t *out)
{
    pcs_req_t q = { .store = s, .params = params, .n_params = n_params, .r = out };
    int i = route(path, &q.version);
    if (i < 0) {
        char shown[80];
        pcs_sanitize(path, shown, sizeof shown);
        pcs_resp_error(out, 404, "NotFound", "No such resource: %s", shown);
    } else if (strcmp(method, "GET") != 0) {
        char shown[16];
        pcs_sanitize(method, shown, sizeof shown);
        pcs_resp_error(out, 405, "MethodNotAllowed", "Method %s is not allowed: %s takes GET", shown,
                       ROUTES[i].name);
        pcs_resp_header(out, "Allow", "GET");
    } else if (query_error) {
        pcs_resp_error(out, 400, PCS_BAD_REQUEST, "%s", query_error);
    } else {
        ROUTES[i].handle(&q);
    }
    return out->status;
}

unsigned vsgx_pcs_api_handle(vsgx_pcs_store_t *s, const char *method, const char *path,
                             const vsgx_pcs_param_t *params, size_t n_params, const char *request_id,
                             vsgx_pcs_response_t *out)
{
    memset(out, 0, sizeof *out);
    respond(s, method, path, params, n_params, NULL, out);
    add_request_id(out, request_id);
    return out->status;
}

unsigned vsgx_pcs_api_handle_uri(vsgx_pcs_store_t *s, const char *method, const char *uri, size_t len,
                                 const char *request_id, vsgx_pcs_response_t *out)
{
    memset(out, 0, sizeof *out);
    char reason[PCS_REASON_MAX] = "";
    char *path = NULL;
    pcs_query_t query;
    memset(&query, 0, sizeof query);
    const char *mark = len <= VSGX_PCS_API_MAX_URI ? memchr(uri, '?', len) : NULL;
    size_t path_len = mark ? (size_t)(mark - uri) : len;
    if (len > VSGX_PCS_API_MAX_URI) {
        pcs_resp_error(out, 414, "UriTooLong", "The request target is longer than %d bytes", VSGX_PCS_API_MAX_URI);
    } else if (memchr(uri, '\0', path_len)) {
        pcs_resp_error(out, 400, PCS_BAD_REQUEST, "Invalid path: it contains a NUL byte");
    } else if (!(path = strndup(uri, path_len))) {
        pcs_resp_error(out, 500, "InternalError", "Out of memory");
    } else {
        pcs_query_result_t qr = mark ? pcs_query_parse(mark + 1, len - path_len - 1, &query, reason, sizeof reason)
                                     : PCS_QUERY_OK;
        if (qr == PCS_QUERY_NOMEM)
            pcs_resp_error(out, 500, "InternalError", "Out of memory");
        else
            respond(s, method, path, query.params, query.n, qr == PCS_QUERY_SYNTAX ? reason : NULL, out);
    }
    add_request_id(out, request_id);
    free(path);
    pcs_query_free(&query);
    return out->status;
}
