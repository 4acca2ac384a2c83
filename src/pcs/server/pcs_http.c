/* pcs_http.c — the libmicrohttpd glue of the simulated PCS (pcs_http.h). The listening socket
 * is ours (precise bind errors, the bound port); libmicrohttpd runs a pool of threads over it.
 * Each request's raw target is kept from the URI log callback, so that pcs_api.c parses the
 * query itself, strictly (duplicates, escapes, length), whatever libmicrohttpd would make of it. */
#include "pcs_http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <microhttpd.h>

#include "pcs_api.h"

struct vsgx_pcs_http {
    struct MHD_Daemon *daemon;
    vsgx_pcs_store_t *store;
    uint16_t port;
    atomic_bool started;   /* after start, libmicrohttpd's messages are dropped */
    char start_log[256];   /* libmicrohttpd's last message while starting */
};

/* One request: its raw target, at most VSGX_PCS_API_MAX_URI + 1 bytes of it. Answered once the
 * whole request is in (answering on the first call would make libmicrohttpd close the
 * connection rather than keep it alive). */
typedef struct {
    size_t len;
    bool headers_seen;
    char uri[];
} request_t;

static void on_log(void *cls, const char *fmt, va_list ap)
{
    vsgx_pcs_http_t *h = cls;
    if (atomic_load(&h->started))
        return;
    vsnprintf(h->start_log, sizeof h->start_log, fmt, ap);
    h->start_log[strcspn(h->start_log, "\r\n")] = '\0';
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    (void)cls;
    (void)c;
    size_t len = strlen(uri);
    if (len > VSGX_PCS_API_MAX_URI + 1)
        len = VSGX_PCS_API_MAX_URI + 1;
    request_t *r = malloc(sizeof *r + len + 1);
    if (r) {
        r->len = len;
        r->headers_seen = false;
        memcpy(r->uri, uri, len);
        r->uri[len] = '\0';
    }
    return r;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode t)
{
    (void)cls;
    (void)c;
    (void)t;
    free(*con_cls);
    *con_cls = NULL;
}

/* Queues resp (its body handed to libmicrohttpd). */
static enum MHD_Result send_response(struct MHD_Connection *c, vsgx_pcs_response_t *resp)
{
    enum MHD_Result ok = MHD_NO;
    struct MHD_Response *m = MHD_create_response_from_buffer(resp->body_len, resp->body, MHD_RESPMEM_MUST_FREE);
    if (!m)
        goto done;
    resp->body = NULL;
    resp->body_len = 0;
    for (size_t i = 0; i < resp->header_count; i++)
        if (MHD_add_response_header(m, resp->headers[i].name, resp->headers[i].value) != MHD_YES)
            goto done;
    if (resp->content_type && MHD_add_response_header(m, MHD_HTTP_HEADER_CONTENT_TYPE, resp->content_type) != MHD_YES)
        goto done;
    ok = MHD_queue_response(c, resp->status, m);
done:
    if (m)
        MHD_destroy_response(m);
    vsgx_pcs_response_free(resp);
    return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_size, void **con_cls)
{
    vsgx_pcs_http_t *h = cls;
    request_t *r = *con_cls;
    (void)url;
    (void)version;
    (void)upload_data;
    if (r && !r->headers_seen) {
        r->headers_seen = true;
        return MHD_YES;
    }
    if (*upload_size) {
        *upload_size = 0; /* a body nobody asked for */
        return MHD_YES;
    }
    vsgx_pcs_response_t resp;
    const char *id = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Request-ID");
    if (r) {
        vsgx_pcs_api_handle_uri(h->store, method, r->uri, r->len, id, &resp);
    } else {
        memset(&resp, 0, sizeof resp);
        resp.status = MHD_HTTP_INTERNAL_SERVER_ERROR;
    }
    return send_response(c, &resp);
}

/* A listening socket on host:port, non-blocking; its port into *bound. -1 with err. */
static int listen_on(const char *host, uint16_t port, int *family, uint16_t *bound, char *err, size_t err_len)
{
    char service[8];
    snprintf(service, sizeof service, "%u", port);
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE | AI_NUMERICSERV };
    struct addrinfo *list = NULL;
    int rc = getaddrinfo(host, service, &hints, &list), fd = -1, saved = 0;
    if (rc != 0) {
        snprintf(err, err_len, "cannot resolve %s: %s", host, gai_strerror(rc));
        return -1;
    }
    for (struct addrinfo *a = list; a && fd < 0; a = a->ai_next) {
        int one = 1;
        fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
        if (fd < 0) {
            saved = errno;
            continue;
        }
        if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
            bind(fd, a->ai_addr, a->ai_addrlen) != 0 || listen(fd, 128) != 0) {
            saved = errno;
            close(fd);
            fd = -1;
            continue;
        }
        *family = a->ai_family;
    }
    freeaddrinfo(list);
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    if (fd < 0) {
        snprintf(err, err_len, "cannot listen on %s port %u: %s", host, port, strerror(saved));
    } else if (getsockname(fd, (struct sockaddr *)&ss, &sl) != 0) {
        snprintf(err, err_len, "cannot read the bound address: %s", strerror(errno));
        close(fd);
        fd = -1;
    } else {
        *bound = ntohs(ss.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
                                                : ((struct sockaddr_in *)&ss)->sin_port);
    }
    return fd;
}

vsgx_pcs_result_t vsgx_pcs_http_start(vsgx_pcs_store_t *s, const vsgx_pcs_http_options_t *o,
                                      vsgx_pcs_http_t **out, char *err, size_t err_len)
{
    vsgx_pcs_result_t rc = VSGX_PCS_INVALID;
    char why[256] = "";
    int fd = -1, family = AF_INET;
    bool tls = o->tls_cert_pem || o->tls_key_pem;
    vsgx_pcs_http_t *h = NULL;
    *out = NULL;
    if (tls && !(o->tls_cert_pem && o->tls_key_pem)) {
        rc = vsgx_pcs_fail(VSGX_PCS_INVALID, err, err_len, "TLS needs both a certificate and a key");
        goto done;
    }
    if (tls && MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
        rc = vsgx_pcs_fail(VSGX_PCS_INVALID, err, err_len, "this libmicrohttpd was built without TLS support");
        goto done;
    }
    if (!(h = calloc(1, sizeof *h))) {
        rc = vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "out of memory");
        goto done;
    }
    h->store = s;
    const char *host = o->host ? o->host : "127.0.0.1";
    if ((fd = listen_on(host, o->port, &family, &h->port, why, sizeof why)) < 0) {
        rc = vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "%s", why);
        goto done;
    }
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG |
                     (MHD_is_feature_supported(MHD_FEATURE_EPOLL) == MHD_YES ? MHD_USE_EPOLL : MHD_USE_POLL) |
                     (family == AF_INET6 ? MHD_USE_IPv6 : 0) | (tls ? MHD_USE_TLS : 0);
    struct MHD_OptionItem ops[] = {
        { MHD_OPTION_EXTERNAL_LOGGER, (intptr_t)on_log, h },
        { MHD_OPTION_LISTEN_SOCKET, fd, NULL },
        { MHD_OPTION_THREAD_POOL_SIZE, o->threads ? o->threads : 2, NULL },
        { MHD_OPTION_CONNECTION_LIMIT, o->connection_limit ? o->connection_limit : 256, NULL },
        { MHD_OPTION_CONNECTION_TIMEOUT, o->timeout_seconds ? o->timeout_seconds : 30, NULL },
        { MHD_OPTION_URI_LOG_CALLBACK, (intptr_t)on_uri, NULL },
        { MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)on_completed, NULL },
        { tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0, (void *)o->tls_cert_pem },
        { tls ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END, 0, (void *)o->tls_key_pem },
        { MHD_OPTION_END, 0, NULL },
    };
    h->daemon = MHD_start_daemon(flags, 0, NULL, NULL, on_request, h, MHD_OPTION_ARRAY, ops, MHD_OPTION_END);
    fd = -1; /* libmicrohttpd's now: it closes it when it stops, and when it fails to start */
    if (!h->daemon) {
        rc = vsgx_pcs_fail(tls ? VSGX_PCS_CRYPTO : VSGX_PCS_IO, err, err_len, "libmicrohttpd did not start%s%s",
                           h->start_log[0] ? ": " : "", h->start_log);
        goto done;
    }
    atomic_store(&h->started, true);
    *out = h;
    h = NULL;
    rc = VSGX_PCS_OK;
done:
    if (fd >= 0)
        close(fd);
    free(h);
    return rc;
}

uint16_t vsgx_pcs_http_port(const vsgx_pcs_http_t *h)
{
    return h->port;
}

void vsgx_pcs_http_stop(vsgx_pcs_http_t *h)
{
    if (!h)
        return;
    MHD_stop_daemon(h->daemon);
    free(h);
}
