/* pcs_api_internal.h — what the PCS API's files share (pcs_api.c routes and answers,
 * pcs_api_params.c parses queries and checks parameters strictly, pcs_api_response.c builds
 * responses). Not for other callers: use pcs_api.h. */
#ifndef VSGX_PCS_API_INTERNAL_H
#define VSGX_PCS_API_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "pcs_api.h"

#define PCS_REASON_MAX 256

/* What a parameter may be: exactly hex_digits hexadecimal digits (1..hex_digits when
 * hex_up_to), or (hex_digits 0) one of choices (NULL-terminated, exact case). */
typedef struct {
    const char *name;
    bool required;
    size_t hex_digits;
    const char *const *choices;
    bool hex_up_to;
} pcs_param_spec_t;

/* Checks params against spec[0..n_spec): every parameter known, given once, with a value of the
 * right form; every required one present. values[i] receives spec[i]'s value or NULL. false with
 * a reason naming the parameter and what is wrong. */
bool pcs_params_check(const pcs_param_spec_t *spec, size_t n_spec, const vsgx_pcs_param_t *params, size_t n,
                      const char **values, char *reason, size_t reason_len);

/* A parsed query: params point into buf. */
typedef struct {
    char *buf;
    vsgx_pcs_param_t params[VSGX_PCS_API_MAX_PARAMS];
    size_t n;
} pcs_query_t;

typedef enum { PCS_QUERY_OK = 0, PCS_QUERY_SYNTAX, PCS_QUERY_NOMEM } pcs_query_result_t;

/* Splits query[0..len) (without the '?') on '&' into name[=value] pairs and percent-decodes
 * them. SYNTAX (with a reason): an empty pair, an empty name, a malformed escape, a NUL byte,
 * too many pairs. Free with pcs_query_free (also after a failure). */
pcs_query_result_t pcs_query_parse(const char *query, size_t len, pcs_query_t *out, char *reason,
                                   size_t reason_len);
void pcs_query_free(pcs_query_t *q);

/* 1..VSGX_PCS_REQUEST_ID_MAX characters of [A-Za-z0-9-]. */
bool pcs_request_id_valid(const char *id);
/* A new random request id: 32 lower-case hex digits (buffer of 33). false if RAND fails. */
bool pcs_request_id_new(char out[33]);
/* s with every byte outside [A-Za-z0-9-._~] as %XX (upper case). New string or NULL. */
char *pcs_url_encode(const char *s);
/* Copies text into out (size out_len, NUL-terminated), every byte outside printable ASCII
 * replaced by '?': safe to put in a header. */
void pcs_sanitize(const char *text, char *out, size_t out_len);

/* Response building. Each returns false when memory runs out. */
bool pcs_resp_header(vsgx_pcs_response_t *r, const char *name, const char *value);
/* Takes ownership of value (freed on failure too). */
bool pcs_resp_header_take(vsgx_pcs_response_t *r, const char *name, char *value);
/* Takes ownership of body (a malloc'd buffer of len bytes). */
void pcs_resp_body_take(vsgx_pcs_response_t *r, unsigned status, const char *content_type, void *body, size_t len);
/* Replaces whatever r holds with an error: status, Error-Code code, Error-Message the reason
 * (sanitized), the reason as a text/plain body. Returns status. */
unsigned pcs_resp_error(vsgx_pcs_response_t *r, unsigned status, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Content types and the Error-Code of a 400. */
#define PCS_PEM_TYPE "application/x-pem-file"
#define PCS_JSON_TYPE "application/json"
#define PCS_CRL_TYPE "application/pkix-crl"
#define PCS_BAD_REQUEST "InvalidRequestSyntax"

/* One request being answered (pcs_api.c routes it to an endpoint). */
typedef struct {
    vsgx_pcs_store_t *store;
    int version; /* 4 or 3: the path's API version */
    const vsgx_pcs_param_t *params;
    size_t n_params;
    vsgx_pcs_response_t *r;
} pcs_req_t;

/* Checks the request's parameters against spec (pcs_params_check); on failure the 400 is in
 * q->r and false is returned. */
bool pcs_req_params(pcs_req_t *q, const pcs_param_spec_t *spec, size_t n_spec, const char **values);
/* A store failure as the response: NOT_FOUND 404, INVALID 400 when invalid_is_client (an
 * encrypted PPID that does not decrypt), else 500. Returns the status. */
unsigned pcs_req_store_error(pcs_req_t *q, vsgx_pcs_result_t rc, const char *err, bool invalid_is_client);
unsigned pcs_req_out_of_memory(pcs_req_t *q);
/* Adds header name: the issuer chain of role (its CA, then the root), PEM, URL-encoded. */
bool pcs_req_chain_header(pcs_req_t *q, const char *name, vsgx_pcs_ca_role_t role);

/* The endpoints of pcs_api_pck.c. */
unsigned pcs_api_pckcert(pcs_req_t *q);
unsigned pcs_api_pckcerts(pcs_req_t *q);

#endif
