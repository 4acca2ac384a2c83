/* fuzz_pcs_api.c — libFuzzer target for the simulated PCS's HTTP API (src/pcs/server/
 * pcs_api.h): the input up to its first newline is a GET request target (path and raw query),
 * what follows the newline, if anything, the request's Request-ID header. It goes to
 * vsgx_pcs_api_handle_uri on one store made at the first call in a temporary directory (removed
 * at exit) with one platform registered and the up-to-date scenario published, so that valid
 * requests reach every endpoint. Checks the API's promises and aborts when one is broken: the
 * status is one the API gives (never 500: nothing here is an internal failure), every response
 * has a Request-ID (the one sent when it is valid) and a content type, every header value is
 * printable ASCII, an error carries Error-Code and Error-Message and the message as its body.
 * Silent. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pcs_api.h"
#include "scenario.h"
#include "store.h"
#include "scratch_dir.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char g_dir[64];
static vsgx_pcs_store_t *g_store;

static void broken(const char *what)
{
    fprintf(stderr, "fuzz_pcs_api: %s\n", what);
    abort();
}

static void cleanup(void)
{
    vsgx_pcs_store_close(g_store);
    vsgx_test_remove_tree(g_dir);
}

static void setup(void)
{
    char err[512] = "", pcs[96], plat[96];
    vsgx_platform_t *p = NULL;
    vsgx_pcs_scenario_t sc;
    strcpy(g_dir, "/tmp/vsgx-fuzz-pcs-XXXXXX");
    if (!mkdtemp(g_dir))
        broken("mkdtemp failed");
    snprintf(pcs, sizeof pcs, "%s/pcs", g_dir);
    snprintf(plat, sizeof plat, "%s/platform", g_dir);
    if (vsgx_pcs_store_open(pcs, true, &g_store, err, sizeof err) != VSGX_PCS_OK ||
        vsgx_platform_create(plat, NULL, err, sizeof err) != VSGX_PLATFORM_OK ||
        vsgx_platform_load(plat, &p, err, sizeof err) != VSGX_PLATFORM_OK ||
        vsgx_pcs_store_register(g_store, p, VSGX_PCS_PROCESSOR_CA, NULL, err, sizeof err) != VSGX_PCS_OK ||
        vsgx_pcs_scenario_load("up-to-date", &sc, err, sizeof err) != VSGX_PCS_OK ||
        vsgx_pcs_store_apply(g_store, &sc, p, 0, err, sizeof err) != VSGX_PCS_OK) {
        fprintf(stderr, "fuzz_pcs_api: setup: %s\n", err);
        abort();
    }
    vsgx_platform_free(p);
    atexit(cleanup);
}

static bool printable(const char *s)
{
    for (; *s; s++)
        if (*s < 0x20 || *s > 0x7e)
            return false;
    return true;
}

static bool valid_id(const char *id)
{
    size_t n = strlen(id);
    return n >= 1 && n <= VSGX_PCS_REQUEST_ID_MAX &&
           strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!g_store)
        setup();
    const uint8_t *nl = memchr(data, '\n', size);
    size_t uri_len = nl ? (size_t)(nl - data) : size;
    char *id = NULL;
    if (nl) {
        size_t id_len = size - uri_len - 1;
        if (!(id = malloc(id_len + 1)))
            return 0;
        memcpy(id, nl + 1, id_len);
        id[id_len] = '\0'; /* a NUL inside ends it, as a C string */
    }
    vsgx_pcs_response_t r;
    unsigned status = vsgx_pcs_api_handle_uri(g_store, "GET", (const char *)data, uri_len, id, &r);
    if (status != r.status)
        broken("returned status differs from the response's");
    if (status != 200 && status != 400 && status != 404 && status != 414)
        broken("unexpected status");
    if (!r.content_type || (r.body_len && !r.body))
        broken("no content type or no body");
    for (size_t i = 0; i < r.header_count; i++)
        if (!r.headers[i].name || !r.headers[i].value || !printable(r.headers[i].value))
            broken("header value not printable ASCII");
    const char *rid = vsgx_pcs_response_header(&r, "Request-ID");
    if (!rid || !valid_id(rid) || (id && valid_id(id) && strcmp(rid, id) != 0) ||
        ((!id || !valid_id(id)) && strlen(rid) != 32))
        broken("bad Request-ID");
    if (status != 200) {
        const char *code = vsgx_pcs_response_header(&r, "Error-Code");
        const char *msg = vsgx_pcs_response_header(&r, "Error-Message");
        if (!code || !msg || !*msg || strlen(msg) != r.body_len || memcmp(msg, r.body, r.body_len) != 0)
            broken("error without Error-Code, Error-Message or the message as its body");
    }
    vsgx_pcs_response_free(&r);
    free(id);
    return 0;
}
