/* pcs_api_params.c — strict reading of the PCS API's query strings and parameters: the raw
 * query split and percent-decoded, each parameter known, given once and of the exact form its
 * endpoint expects (hex of an exact length, or one of a few words); and the request id. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "hex.h"
#include "pcs_api_internal.h"

/* Percent-decodes s in place; false on a malformed escape or an escaped NUL. */
static bool decode_in_place(char *s)
{
    char *w = s;
    for (const char *r = s; *r; r++) {
        if (*r != '%') {
            *w++ = *r;
            continue;
        }
        uint8_t byte;
        if (!r[1] || !vsgx_hex_decode(r + 1, 2, &byte, 1) || !byte)
            return false;
        *w++ = (char)byte;
        r += 2;
    }
    *w = '\0';
    return true;
}

pcs_query_result_t pcs_query_parse(const char *query, size_t len, pcs_query_t *out, char *reason,
                                   size_t reason_len)
{
    memset(out, 0, sizeof *out);
    if (len == 0)
        return PCS_QUERY_OK;
    if (memchr(query, '\0', len)) {
        snprintf(reason, reason_len, "Invalid query: it contains a NUL byte");
        return PCS_QUERY_SYNTAX;
    }
    if (!(out->buf = malloc(len + 1)))
        return PCS_QUERY_NOMEM;
    memcpy(out->buf, query, len);
    out->buf[len] = '\0';
    char *p = out->buf;
    for (;;) {
        char *amp = strchr(p, '&');
        if (amp)
            *amp = '\0';
        if (*p == '\0' || *p == '=') {
            snprintf(reason, reason_len, "Invalid query: parameter %zu has no name", out->n + 1);
            return PCS_QUERY_SYNTAX;
        }
        if (out->n == VSGX_PCS_API_MAX_PARAMS) {
            snprintf(reason, reason_len, "Invalid query: more than %d parameters", VSGX_PCS_API_MAX_PARAMS);
            return PCS_QUERY_SYNTAX;
        }
        char *eq = strchr(p, '=');
        if (eq)
            *eq = '\0';
        if (!decode_in_place(p) || (eq && !decode_in_place(eq + 1))) {
            snprintf(reason, reason_len, "Invalid query: parameter %zu has a malformed %%-escape", out->n + 1);
            return PCS_QUERY_SYNTAX;
        }
        out->params[out->n].name = p;
        out->params[out->n].value = eq ? eq + 1 : NULL;
        out->n++;
        if (!amp)
            return PCS_QUERY_OK;
        p = amp + 1;
    }
}

void pcs_query_free(pcs_query_t *q)
{
    free(q->buf);
    memset(q, 0, sizeof *q);
}

/* Whether value has spec's form; if not, reason says why. */
static bool check_value(const pcs_param_spec_t *spec, const char *value, char *reason, size_t reason_len)
{
    if (spec->hex_digits) {
        size_t len = strlen(value);
        if (spec->hex_up_to ? !len || len > spec->hex_digits : len != spec->hex_digits) {
            snprintf(reason, reason_len, "Invalid parameter '%s': expected %s%zu hexadecimal digits, got %zu",
                     spec->name, spec->hex_up_to ? "1 to " : "", spec->hex_digits, len);
            return false;
        }
        for (size_t i = 0; i < len; i++)
            if (!strchr("0123456789abcdefABCDEF", value[i])) {
                snprintf(reason, reason_len,
                         "Invalid parameter '%s': character %zu is not a hexadecimal digit", spec->name, i + 1);
                return false;
            }
        return true;
    }
    for (const char *const *c = spec->choices; *c; c++)
        if (!strcmp(value, *c))
            return true;
    char list[128] = "";
    for (const char *const *c = spec->choices; *c; c++) {
        size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "%s%s", c == spec->choices ? "" : c[1] ? ", " : " or ", *c);
    }
    snprintf(reason, reason_len, "Invalid parameter '%s': expected %s", spec->name, list);
    return false;
}

bool pcs_params_check(const pcs_param_spec_t *spec, size_t n_spec, const vsgx_pcs_param_t *params, size_t n,
                      const char **values, char *reason, size_t reason_len)
{
    for (size_t j = 0; j < n_spec; j++)
        values[j] = NULL;
    for (size_t i = 0; i < n; i++) {
        size_t j = 0;
        while (j < n_spec && strcmp(params[i].name, spec[j].name) != 0)
            j++;
        if (j == n_spec) {
            char name[48];
            pcs_sanitize(params[i].name, name, sizeof name);
            snprintf(reason, reason_len, "Unknown parameter '%s'", name);
            return false;
        }
        if (values[j]) {
            snprintf(reason, reason_len, "Duplicate parameter '%s'", spec[j].name);
            return false;
        }
        if (!params[i].value) {
            snprintf(reason, reason_len, "Invalid parameter '%s': no value", spec[j].name);
            return false;
        }
        if (!check_value(&spec[j], params[i].value, reason, reason_len))
            return false;
        values[j] = params[i].value;
    }
    for (size_t j = 0; j < n_spec; j++)
        if (spec[j].required && !values[j]) {
            snprintf(reason, reason_len, "Missing parameter '%s'", spec[j].name);
            return false;
        }
    return true;
}

bool pcs_request_id_valid(const char *id)
{
    size_t len = 0;
    for (; id[len]; len++) {
        char c = id[len];
        if (len == VSGX_PCS_REQUEST_ID_MAX ||
            !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return false;
    }
    return len > 0;
}

bool pcs_request_id_new(char out[33])
{
    uint8_t raw[16];
    if (RAND_bytes(raw, sizeof raw) != 1)
        return false;
    vsgx_hex_encode(raw, sizeof raw, out);
    return true;
}

char *pcs_url_encode(const char *s)
{
    static const char HEX[] = "0123456789ABCDEF";
    char *out = malloc(3 * strlen(s) + 1), *w = out;
    if (!out)
        return NULL;
    for (const unsigned char *r = (const unsigned char *)s; *r; r++) {
        unsigned char c = *r;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
            c == '_' || c == '~') {
            *w++ = (char)c;
        } else {
            *w++ = '%';
            *w++ = HEX[c >> 4];
            *w++ = HEX[c & 15];
        }
    }
    *w = '\0';
    return out;
}

void pcs_sanitize(const char *text, char *out, size_t out_len)
{
    size_t i = 0;
    for (; text[i] && i + 1 < out_len; i++)
        out[i] = text[i] >= 0x20 && text[i] < 0x7f ? text[i] : '?';
    if (out_len)
        out[i] = '\0';
}
