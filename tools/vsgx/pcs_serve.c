/* pcs_serve.c — `vsgx pcs serve`: the simulated Intel PCS's HTTP API (src/pcs/server) on a host
 * and port, over the PCS state a `vsgx pcs manufacture` made, until SIGINT or SIGTERM. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "pcs_http.h"
#include "store.h"

static const char HELP[] =
    "usage: vsgx pcs serve [--pcs DIR] [--listen HOST:PORT] [--threads N]\n"
    "                      [--tls-cert FILE --tls-key FILE]\n"
    "\n"
    "Serves the simulated Intel PCS's API (the v4 and v3 paths a PCCS uses: pckcert, pckcerts,\n"
    "pckcrl, tcb, qe/identity, qve/identity, rootcacrl under /sgx/certification/v4/ and /v3/)\n"
    "from the PCS state in DIR ($VSGX_PCS, else ~/.local/share/vsgx/pcs), which\n"
    "`vsgx pcs manufacture` creates. HOST:PORT defaults to 127.0.0.1:8080 (port 0: any free\n"
    "port; an IPv6 address in brackets: [::1]:8080). N threads answer (default 2, at most 64).\n"
    "--tls-cert/--tls-key: HTTPS with that certificate (chain) and key, both PEM.\n"
    "Once listening, prints one line: vsgx pcs: listening on http://HOST:PORT\n"
    "Runs until SIGINT or SIGTERM.\n"
    "Exit status: 0 stopped by a signal, 2 bad arguments, no PCS state, or cannot listen.\n";

typedef struct {
    const char *pcs, *listen, *threads, *tls_cert, *tls_key;
} args_t;

/* -1: go on; else the exit status. */
static int parse(int argc, char **argv, args_t *a)
{
    memset(a, 0, sizeof *a);
    for (int i = 1; i < argc; i++) {
        const char *v = NULL, **slot = NULL;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(HELP, stdout);
            return EXIT_OK;
        }
        if (cli_option(argc, argv, &i, "--pcs", &v))
            slot = &a->pcs;
        else if (cli_option(argc, argv, &i, "--listen", &v))
            slot = &a->listen;
        else if (cli_option(argc, argv, &i, "--threads", &v))
            slot = &a->threads;
        else if (cli_option(argc, argv, &i, "--tls-cert", &v))
            slot = &a->tls_cert;
        else if (cli_option(argc, argv, &i, "--tls-key", &v))
            slot = &a->tls_key;
        if (!slot) {
            fprintf(stderr, "vsgx pcs serve: unexpected argument %s\n%s", argv[i], HELP);
            return EXIT_INVALID;
        }
        if (!v)
            return EXIT_INVALID;
        *slot = v;
    }
    if (!a->tls_cert != !a->tls_key) {
        fprintf(stderr, "vsgx pcs serve: --tls-cert and --tls-key go together\n");
        return EXIT_INVALID;
    }
    return -1;
}

static bool parse_uint(const char *text, unsigned long max, unsigned long *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(text, &end, 10);
    if (!*text || *end || errno || v > max || text[0] == '-' || text[0] == '+')
        return false;
    *out = v;
    return true;
}

/* HOST:PORT or [V6]:PORT into host (its own buffer) and port. */
static bool parse_listen(const char *text, char *host, size_t host_len, uint16_t *port)
{
    const char *colon = strrchr(text, ':'), *h = text;
    size_t n = colon ? (size_t)(colon - text) : 0;
    unsigned long p;
    if (!colon || !parse_uint(colon + 1, 65535, &p))
        return false;
    if (n >= 2 && text[0] == '[' && text[n - 1] == ']') {
        h++;
        n -= 2;
    }
    if (n == 0 || n >= host_len || memchr(h, '[', n) || memchr(h, ']', n))
        return false;
    memcpy(host, h, n);
    host[n] = '\0';
    *port = (uint16_t)p;
    return true;
}

/* A PEM file as a NUL-terminated string, or NULL after saying why. */
static char *read_pem(const char *path)
{
    uint8_t *data = NULL;
    size_t len = 0;
    if (!cli_read_file(path, 1u << 20, &data, &len))
        return NULL;
    char *s = malloc(len + 1);
    if (s) {
        memcpy(s, data, len);
        s[len] = '\0';
    }
    free(data);
    return s;
}

int cmd_pcs_serve(int argc, char **argv)
{
    args_t a;
    int rc = parse(argc, argv, &a);
    if (rc >= 0)
        return rc;
    rc = EXIT_INVALID;
    char err[512] = "", host[256];
    char *dir = NULL, *cert = NULL, *key = NULL;
    vsgx_pcs_store_t *store = NULL;
    vsgx_pcs_http_t *http = NULL;
    unsigned long threads = 2;
    vsgx_pcs_http_options_t o = { .host = host };
    const char *listen = a.listen ? a.listen : "127.0.0.1:8080";
    if (!parse_listen(listen, host, sizeof host, &o.port)) {
        fprintf(stderr, "vsgx pcs serve: --listen %s: expected HOST:PORT (port 0..65535)\n", listen);
        goto done;
    }
    if (a.threads && !(parse_uint(a.threads, 64, &threads) && threads > 0)) {
        fprintf(stderr, "vsgx pcs serve: --threads %s: expected 1..64\n", a.threads);
        goto done;
    }
    o.threads = (unsigned)threads;
    if (a.tls_cert && (!(o.tls_cert_pem = cert = read_pem(a.tls_cert)) || !(o.tls_key_pem = key = read_pem(a.tls_key))))
        goto done;
    if (!(dir = a.pcs ? strdup(a.pcs) : vsgx_pcs_default_dir())) {
        fprintf(stderr, "vsgx pcs serve: no directory: give --pcs or set VSGX_PCS (or HOME)\n");
        goto done;
    }
    vsgx_pcs_result_t r = vsgx_pcs_store_open(dir, false, &store, err, sizeof err);
    if (r == VSGX_PCS_NOT_FOUND) {
        fprintf(stderr, "vsgx pcs serve: no PCS state in %s (%s): run `vsgx pcs manufacture` first\n", dir, err);
        goto done;
    }
    if (r != VSGX_PCS_OK) {
        fprintf(stderr, "vsgx pcs serve: %s: %s\n", dir, err);
        goto done;
    }
    /* The signals wait in this thread; the server's threads, started now, inherit the mask. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    if (vsgx_pcs_http_start(store, &o, &http, err, sizeof err) != VSGX_PCS_OK) {
        fprintf(stderr, "vsgx pcs serve: %s\n", err);
        goto done;
    }
    printf("vsgx pcs: listening on %s://%s%s%s:%u\n", cert ? "https" : "http", strchr(host, ':') ? "[" : "", host,
           strchr(host, ':') ? "]" : "", vsgx_pcs_http_port(http));
    fflush(stdout);
    int sig = 0;
    while (sigwait(&stop, &sig) != 0)
        ;
    rc = EXIT_OK;
done:
    vsgx_pcs_http_stop(http);
    vsgx_pcs_store_close(store);
    free(dir);
    free(cert);
    free(key);
    return rc;
}
