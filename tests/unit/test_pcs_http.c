/* test_pcs_http.c — the libmicrohttpd glue of the simulated PCS (src/pcs/server/pcs_http.h),
 * in-process with a raw socket client: a server on a free loopback port answers GET requests
 * with the API's status, headers and body (the Request-ID echoed, keep-alive kept), reads the
 * query raw (a duplicate parameter is a 400 whatever libmicrohttpd would make of it), answers a
 * POST with a body 405 and an over-long target 414, and stops cleanly; TLS options are checked
 * (both or neither, a certificate it cannot use is refused), and a port in use is reported. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pcs_api.h"
#include "pcs_http.h"
#include "scenario.h"
#include "store.h"
#include "scratch_dir.h"

static char g_dir[64];
static vsgx_pcs_store_t *g_store;
static char g_fmspc[13];

static int group_setup(void **state)
{
    (void)state;
    char err[512] = "", pcs[96], plat[96];
    vsgx_platform_t *p = NULL;
    vsgx_pcs_scenario_t sc;
    strcpy(g_dir, "/tmp/vsgx-pcs-http-XXXXXX");
    if (!mkdtemp(g_dir))
        return -1;
    snprintf(pcs, sizeof pcs, "%s/pcs", g_dir);
    snprintf(plat, sizeof plat, "%s/platform", g_dir);
    int rc = vsgx_pcs_store_open(pcs, true, &g_store, err, sizeof err) != VSGX_PCS_OK ||
             vsgx_platform_create(plat, NULL, err, sizeof err) != VSGX_PLATFORM_OK ||
             vsgx_platform_load(plat, &p, err, sizeof err) != VSGX_PLATFORM_OK ||
             vsgx_pcs_store_register(g_store, p, VSGX_PCS_PROCESSOR_CA, NULL, err, sizeof err) != VSGX_PCS_OK ||
             vsgx_pcs_scenario_load("up-to-date", &sc, err, sizeof err) != VSGX_PCS_OK ||
             vsgx_pcs_store_apply(g_store, &sc, p, 0, err, sizeof err) != VSGX_PCS_OK;
    if (rc)
        fprintf(stderr, "setup: %s\n", err);
    else
        snprintf(g_fmspc, sizeof g_fmspc, "%02X%02X%02X%02X%02X%02X", p->params.fmspc[0], p->params.fmspc[1],
                 p->params.fmspc[2], p->params.fmspc[3], p->params.fmspc[4], p->params.fmspc[5]);
    vsgx_platform_free(p);
    return rc ? -1 : 0;
}

static int group_teardown(void **state)
{
    (void)state;
    vsgx_pcs_store_close(g_store);
    vsgx_test_remove_tree(g_dir);
    return 0;
}

static vsgx_pcs_http_t *start(void)
{
    vsgx_pcs_http_options_t o = { .host = "127.0.0.1", .port = 0, .threads = 2 };
    vsgx_pcs_http_t *h = NULL;
    char err[256] = "";
    if (vsgx_pcs_http_start(g_store, &o, &h, err, sizeof err) != VSGX_PCS_OK)
        fail_msg("start: %s", err);
    assert_true(vsgx_pcs_http_port(h) > 0);
    return h;
}

static int connect_to(uint16_t port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
    struct timeval tv = { .tv_sec = 10 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return fd;
}

static void send_all(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t n = send(fd, data, len, MSG_NOSIGNAL);
        assert_true(n > 0);
        data += n;
        len -= (size_t)n;
    }
}

/* Reads one response (headers, then Content-Length bytes) into buf; returns its length. */
static size_t read_response(int fd, char *buf, size_t cap)
{
    size_t len = 0;
    char *end = NULL;
    long body = -1;
    for (;;) {
        buf[len] = '\0';
        if (!end && (end = strstr(buf, "\r\n\r\n")) != NULL) {
            const char *cl = strcasestr(buf, "\r\nContent-Length: ");
            assert_non_null(cl);
            body = strtol(cl + 18, NULL, 10);
        }
        if (end && (size_t)(end + 4 - buf) + (size_t)body <= len)
            return len;
        assert_true(len + 1 < cap);
        ssize_t n = recv(fd, buf + len, cap - len - 1, 0);
        assert_true(n > 0);
        len += (size_t)n;
    }
}

static void test_serves(void **state)
{
    (void)state;
    vsgx_pcs_http_t *h = start();
    int fd = connect_to(vsgx_pcs_http_port(h));
    static char buf[65536];
    char req[512];
    /* Two requests on one connection (keep-alive). */
    for (int i = 0; i < 2; i++) {
        snprintf(req, sizeof req,
                 "GET /sgx/certification/v4/tcb?fmspc=%s HTTP/1.1\r\nHost: x\r\nRequest-ID: abc-%d\r\n\r\n", g_fmspc, i);
        send_all(fd, req, strlen(req));
        read_response(fd, buf, sizeof buf);
        assert_true(strncmp(buf, "HTTP/1.1 200 ", 13) == 0);
        snprintf(req, sizeof req, "\r\nRequest-ID: abc-%d\r\n", i);
        assert_non_null(strstr(buf, req));
        assert_non_null(strcasestr(buf, "\r\nContent-Type: application/json\r\n"));
        assert_non_null(strstr(buf, "\r\nTCB-Info-Issuer-Chain: -----BEGIN%20CERTIFICATE-----%0A"));
        assert_non_null(strstr(buf, "{\"tcbInfo\":"));
        assert_null(strcasestr(buf, "\r\nConnection: close"));
    }
    /* Duplicates in the raw query, and an escape libmicrohttpd would decode. */
    snprintf(req, sizeof req, "GET /sgx/certification/v4/tcb?fmspc=%s&fmspc=%s HTTP/1.1\r\nHost: x\r\n\r\n", g_fmspc,
             g_fmspc);
    send_all(fd, req, strlen(req));
    read_response(fd, buf, sizeof buf);
    assert_true(strncmp(buf, "HTTP/1.1 400 ", 13) == 0);
    assert_non_null(strstr(buf, "\r\nError-Message: Duplicate parameter 'fmspc'\r\n"));
    assert_non_null(strstr(buf, "\r\nError-Code: InvalidRequestSyntax\r\n"));
    snprintf(req, sizeof req, "GET /sgx/certification/v4/tcb?fmspc=%%3%c%s HTTP/1.1\r\nHost: x\r\n\r\n", g_fmspc[0],
             g_fmspc + 1);
    send_all(fd, req, strlen(req));
    read_response(fd, buf, sizeof buf);
    assert_true(strncmp(buf, "HTTP/1.1 200 ", 13) == 0);
    /* A POST with a body: 405, and the connection still serves. */
    snprintf(req, sizeof req,
             "POST /sgx/certification/v4/tcb?fmspc=%s HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello", g_fmspc);
    send_all(fd, req, strlen(req));
    read_response(fd, buf, sizeof buf);
    assert_true(strncmp(buf, "HTTP/1.1 405 ", 13) == 0);
    assert_non_null(strstr(buf, "\r\nAllow: GET\r\n"));
    snprintf(req, sizeof req, "GET /sgx/certification/v3/qe/identity HTTP/1.1\r\nHost: x\r\n\r\n");
    send_all(fd, req, strlen(req));
    read_response(fd, buf, sizeof buf);
    assert_true(strncmp(buf, "HTTP/1.1 200 ", 13) == 0);
    assert_non_null(strstr(buf, "\r\nSGX-Enclave-Identity-Issuer-Chain: "));
    /* Over-long target. */
    size_t long_len = VSGX_PCS_API_MAX_URI + 100;
    char *big = malloc(long_len + 64);
    assert_non_null(big);
    int n = snprintf(big, 64, "GET /sgx/certification/v4/tcb?fmspc=");
    memset(big + n, '0', long_len);
    strcpy(big + n + long_len, " HTTP/1.1\r\nHost: x\r\n\r\n");
    send_all(fd, big, strlen(big));
    free(big);
    read_response(fd, buf, sizeof buf);
    assert_true(strncmp(buf, "HTTP/1.1 414 ", 13) == 0);
    close(fd);
    vsgx_pcs_http_stop(h);
}

static void test_start_errors(void **state)
{
    (void)state;
    char err[256] = "";
    vsgx_pcs_http_t *h = start(), *other = NULL;
    /* The same port again. */
    vsgx_pcs_http_options_t o = { .host = "127.0.0.1", .port = vsgx_pcs_http_port(h) };
    assert_int_equal(vsgx_pcs_http_start(g_store, &o, &other, err, sizeof err), VSGX_PCS_IO);
    assert_null(other);
    assert_non_null(strstr(err, "cannot listen"));
    vsgx_pcs_http_stop(h);
    /* An unresolvable host. */
    o.host = "no-such-host.invalid";
    o.port = 0;
    assert_int_equal(vsgx_pcs_http_start(g_store, &o, &other, err, sizeof err), VSGX_PCS_IO);
    assert_non_null(strstr(err, "cannot resolve"));
    /* TLS: both or neither; an unusable certificate and key are refused. */
    o.host = "127.0.0.1";
    o.tls_cert_pem = "not a certificate";
    assert_int_equal(vsgx_pcs_http_start(g_store, &o, &other, err, sizeof err), VSGX_PCS_INVALID);
    o.tls_key_pem = "not a key";
    assert_int_equal(vsgx_pcs_http_start(g_store, &o, &other, err, sizeof err), VSGX_PCS_CRYPTO);
    assert_null(other);
    vsgx_pcs_http_stop(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_serves),
        cmocka_unit_test(test_start_errors),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
