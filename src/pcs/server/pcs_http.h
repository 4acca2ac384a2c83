/* pcs_http.h — serves the simulated PCS's API (pcs_api.h) over HTTP (or HTTPS) with
 * libmicrohttpd: a listening socket on a host and port, a pool of threads answering requests
 * from one store, and a clean stop. Used by `vsgx pcs serve` and the tests. */
#ifndef VSGX_PCS_HTTP_H
#define VSGX_PCS_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

typedef struct vsgx_pcs_http vsgx_pcs_http_t;

typedef struct {
    const char *host;           /* an IPv4 or IPv6 address or a host name; NULL: 127.0.0.1 */
    uint16_t port;              /* 0: any free port (see vsgx_pcs_http_port) */
    unsigned threads;           /* 0: 2 */
    unsigned connection_limit;  /* 0: 256 */
    unsigned timeout_seconds;   /* idle connections are closed after it; 0: 30 */
    const char *tls_cert_pem;   /* both or neither: HTTPS with this certificate (chain) and key */
    const char *tls_key_pem;
} vsgx_pcs_http_options_t;

/* Starts serving s (which must outlive the server). err receives the reason on failure
 * (VSGX_PCS_IO: the address cannot be resolved or bound; VSGX_PCS_INVALID: bad options or no
 * TLS support in libmicrohttpd; VSGX_PCS_CRYPTO: the TLS certificate or key is refused). */
vsgx_pcs_result_t vsgx_pcs_http_start(vsgx_pcs_store_t *s, const vsgx_pcs_http_options_t *o,
                                      vsgx_pcs_http_t **out, char *err, size_t err_len);
/* The port the server listens on. */
uint16_t vsgx_pcs_http_port(const vsgx_pcs_http_t *h);
/* Stops accepting, closes the connections, joins the threads, frees. NULL is a no-op. */
void vsgx_pcs_http_stop(vsgx_pcs_http_t *h);

#endif
