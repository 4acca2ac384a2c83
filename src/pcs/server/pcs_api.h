/* pcs_api.h — the simulated Intel PCS's HTTP API (v4 and v3 paths a PCCS uses: pckcert,
 * pckcerts, pckcrl, tcb, qe/identity, qve/identity, rootcacrl) as pure request handling over a
 * PCS store (store.h): a method, a path and query parameters in, a status, headers and a body
 * out. No sockets here; pcs_http.c serves it with libmicrohttpd, the tests and the fuzzer call it
 * directly. Requests never change the store's published state (a pckcert may issue and keep a
 * PCK certificate, as Intel's PCS does). Thread-safe as the store is. */
#ifndef VSGX_PCS_API_H
#define VSGX_PCS_API_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

#define VSGX_PCS_API_MAX_URI 4096    /* longer request targets: 414 */
#define VSGX_PCS_API_MAX_HEADERS 8
#define VSGX_PCS_API_MAX_PARAMS 16   /* more query parameters: 400 */
#define VSGX_PCS_REQUEST_ID_MAX 64

/* One query parameter, percent-decoded. value NULL: the name came without '='. */
typedef struct {
    const char *name;
    const char *value;
} vsgx_pcs_param_t;

/* A response header: name is a static string, value is owned by the response. */
typedef struct {
    const char *name;
    char *value;
} vsgx_pcs_header_t;

typedef struct {
    unsigned status;
    const char *content_type; /* static string */
    size_t header_count;
    vsgx_pcs_header_t headers[VSGX_PCS_API_MAX_HEADERS];
    uint8_t *body;            /* malloc'd (may be NULL when body_len is 0) */
    size_t body_len;
} vsgx_pcs_response_t;

/* The value of header name (case-insensitive) in r, or NULL. */
const char *vsgx_pcs_response_header(const vsgx_pcs_response_t *r, const char *name);
/* Frees the header values and the body and zeroes r. */
void vsgx_pcs_response_free(vsgx_pcs_response_t *r);

/* Handles one request: method ("GET", ...), path (without the query, not percent-decoded), the
 * query's parameters in order (duplicates included), and the request's Request-ID header (NULL
 * when absent; echoed when it is 1..64 characters of [A-Za-z0-9-], else a new random 32-hex-digit
 * id is sent). Always fills *out (status 500 without headers only when memory runs out) and
 * returns its status. Errors carry Error-Code and Error-Message headers and the reason as a
 * text/plain body. */
unsigned vsgx_pcs_api_handle(vsgx_pcs_store_t *s, const char *method, const char *path,
                             const vsgx_pcs_param_t *params, size_t n_params, const char *request_id,
                             vsgx_pcs_response_t *out);

/* The same from the raw request target ("/sgx/certification/v4/tcb?fmspc=..."), len bytes (any
 * bytes: a NUL, a malformed %-escape, an empty parameter or more than VSGX_PCS_API_MAX_PARAMS
 * parameters is a 400; more than VSGX_PCS_API_MAX_URI bytes a 414). */
unsigned vsgx_pcs_api_handle_uri(vsgx_pcs_store_t *s, const char *method, const char *uri, size_t len,
                                 const char *request_id, vsgx_pcs_response_t *out);

#endif
