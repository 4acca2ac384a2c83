/* pcs_api_response.c — building the PCS API's responses (pcs_api.h): headers, bodies, and the
 * error form every failure takes (Error-Code, Error-Message, the reason as text). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pcs_api_internal.h"

const char *vsgx_pcs_response_header(const vsgx_pcs_response_t *r, const char *name)
{
    for (size_t i = 0; i < r->header_count; i++)
        if (!strcasecmp(r->headers[i].name, name))
            return r->headers[i].value;
    return NULL;
}

void vsgx_pcs_response_free(vsgx_pcs_response_t *r)
{
    for (size_t i = 0; i < r->header_count; i++)
        free(r->headers[i].value);
    free(r->body);
    memset(r, 0, sizeof *r);
}

bool pcs_resp_header_take(vsgx_pcs_response_t *r, const char *name, char *value)
{
    if (!value || r->header_count == VSGX_PCS_API_MAX_HEADERS) {
        free(value);
        return false;
    }
    r->headers[r->header_count].name = name;
    r->headers[r->header_count].value = value;
    r->header_count++;
    return true;
}

bool pcs_resp_header(vsgx_pcs_response_t *r, const char *name, const char *value)
{
    return pcs_resp_header_take(r, name, strdup(value));
}

void pcs_resp_body_take(vsgx_pcs_response_t *r, unsigned status, const char *content_type, void *body, size_t len)
{
    free(r->body);
    r->status = status;
    r->content_type = content_type;
    r->body = body;
    r->body_len = len;
}

unsigned pcs_resp_error(vsgx_pcs_response_t *r, unsigned status, const char *code, const char *fmt, ...)
{
    char raw[PCS_REASON_MAX], reason[PCS_REASON_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    pcs_sanitize(raw, reason, sizeof reason);
    vsgx_pcs_response_free(r);
    r->status = status;
    r->content_type = "text/plain";
    size_t len = strlen(reason);
    if ((r->body = malloc(len ? len : 1)) != NULL) {
        memcpy(r->body, reason, len);
        r->body_len = len;
    }
    pcs_resp_header(r, "Error-Code", code);
    pcs_resp_header(r, "Error-Message", reason);
    return status;
}
