/* tcb_info.c — the simulated PCS's signed TCB info (see tcb_info.h). JSON is written with
 * open_memstream so the bytes are exactly the ones signed. */
#include "tcb_info.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/ec.h>

#include "hex.h"
#include "timefmt.h"

static const char *const STATUSES[] = { "UpToDate", "SWHardeningNeeded", "ConfigurationNeeded",
                                        "ConfigurationAndSWHardeningNeeded", "OutOfDate",
                                        "OutOfDateConfigurationNeeded", "Revoked" };

bool vsgx_pcs_tcb_status_valid(const char *status)
{
    for (size_t i = 0; status && i < sizeof STATUSES / sizeof STATUSES[0]; i++)
        if (strcmp(status, STATUSES[i]) == 0)
            return true;
    return false;
}

static void put_time(FILE *f, const char *key, int64_t t)
{
    char s[21];
    vsgx_time_format(t, s);
    fprintf(f, "\"%s\":\"%s\"", key, s);
}

bool vsgx_pcs_json_level_tail(FILE *f, int64_t date, const char *status, const char *const *advisories)
{
    if (!vsgx_pcs_tcb_status_valid(status))
        return false;
    put_time(f, "tcbDate", date);
    fprintf(f, ",\"tcbStatus\":\"%s\"", status);
    if (advisories[0]) {
        fputs(",\"advisoryIDs\":[", f);
        for (int i = 0; i < VSGX_PCS_MAX_ADVISORIES && advisories[i]; i++) {
            if (strpbrk(advisories[i], "\"\\"))
                return false;
            fprintf(f, "%s\"%s\"", i ? "," : "", advisories[i]);
        }
        fputc(']', f);
    }
    fputc('}', f);
    return true;
}

static void put_components(FILE *f, const vsgx_pcs_tcb_info_t *t, const vsgx_pcs_tcb_level_t *l)
{
    if (t->version == 2) {
        for (int c = 0; c < 16; c++)
            fprintf(f, "\"sgxtcbcomp%02dsvn\":%u,", c + 1, l->sgx_svn[c]);
        return;
    }
    fputs("\"sgxtcbcomponents\":[", f);
    for (int c = 0; c < 16; c++) {
        fprintf(f, "%s{\"svn\":%u", c ? "," : "", l->sgx_svn[c]);
        if (t->category[c])
            fprintf(f, ",\"category\":\"%s\"", t->category[c]);
        if (t->type[c])
            fprintf(f, ",\"type\":\"%s\"", t->type[c]);
        fputc('}', f);
    }
    fputs("],", f);
}

char *vsgx_pcs_tcb_info_json(const vsgx_pcs_tcb_info_t *in)
{
    vsgx_pcs_tcb_info_t t = *in;
    if (t.version == 0)
        t.version = 3;
    if ((t.version != 2 && t.version != 3) || t.tcb_type != 0)
        return NULL;
    for (int c = 0; c < 16; c++)
        if ((t.category[c] && strpbrk(t.category[c], "\"\\")) || (t.type[c] && strpbrk(t.type[c], "\"\\")))
            return NULL;
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    if (!f)
        return NULL;
    char fmspc[13], pce[5];
    (t.fmspc_upper ? vsgx_hex_encode_upper : vsgx_hex_encode)(t.fmspc, 6, fmspc);
    vsgx_hex_encode(t.pce_id, 2, pce);
    fputc('{', f);
    if (t.version == 3)
        fputs("\"id\":\"SGX\",", f);
    fprintf(f, "\"version\":%d,", t.version);
    put_time(f, "issueDate", t.issue_date);
    fputc(',', f);
    put_time(f, "nextUpdate", t.next_update);
    fprintf(f, ",\"fmspc\":\"%s\",\"pceId\":\"%s\",\"tcbType\":%d,\"tcbEvaluationDataNumber\":%u,\"tcbLevels\":[",
            fmspc, pce, t.tcb_type, t.tcb_evaluation_data_number);
    bool ok = true;
    for (size_t i = 0; ok && i < t.level_count; i++) {
        const vsgx_pcs_tcb_level_t *l = &t.levels[i];
        fprintf(f, "%s{\"tcb\":{", i ? "," : "");
        put_components(f, &t, l);
        fprintf(f, "\"pcesvn\":%u},", l->pcesvn);
        ok = vsgx_pcs_json_level_tail(f, l->tcb_date, l->status, l->advisories);
    }
    fputs("]}", f);
    if (fclose(f) != 0 || !ok) {
        free(out);
        return NULL;
    }
    return out;
}

bool vsgx_pcs_sign_raw(EVP_PKEY *key, const void *msg, size_t len, uint8_t sig[64])
{
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    uint8_t der[80];
    size_t n = sizeof der;
    bool ok = c && EVP_DigestSignInit(c, NULL, EVP_sha256(), NULL, key) == 1 &&
              EVP_DigestSign(c, der, &n, msg, len) == 1;
    EVP_MD_CTX_free(c);
    if (!ok)
        return false;
    const unsigned char *p = der;
    ECDSA_SIG *s = d2i_ECDSA_SIG(NULL, &p, (long)n);
    if (!s)
        return false;
    const BIGNUM *r, *ss;
    ECDSA_SIG_get0(s, &r, &ss);
    ok = BN_bn2binpad(r, sig, 32) == 32 && BN_bn2binpad(ss, sig + 32, 32) == 32;
    ECDSA_SIG_free(s);
    return ok;
}

char *vsgx_pcs_signed_body(EVP_PKEY *key, const char *outer_key, const char *inner, char sig_hex[129])
{
    uint8_t sig[64];
    char hex[129];
    if (!vsgx_pcs_sign_raw(key, inner, strlen(inner), sig))
        return NULL;
    vsgx_hex_encode(sig, 64, hex);
    if (sig_hex)
        memcpy(sig_hex, hex, sizeof hex);
    size_t n = strlen(outer_key) + strlen(inner) + 128 + 32;
    char *body = malloc(n);
    if (body)
        snprintf(body, n, "{\"%s\":%s,\"signature\":\"%s\"}", outer_key, inner, hex);
    return body;
}

vsgx_pcs_result_t vsgx_pcs_tcb_info_body(const vsgx_pcs_ca_t *ca, const vsgx_pcs_tcb_info_t *t, char **body,
                                         char **inner, char *err, size_t err_len)
{
    return vsgx_pcs_signed_response(ca, "tcbInfo", vsgx_pcs_tcb_info_json(t), "TCB info", body, inner, err,
                                    err_len);
}

vsgx_pcs_result_t vsgx_pcs_signed_response(const vsgx_pcs_ca_t *ca, const char *outer_key, char *json,
                                           const char *what, char **body, char **inner, char *err,
                                           size_t err_len)
{
    *body = NULL;
    if (inner)
        *inner = NULL;
    if (!json) {
        if (err && err_len)
            snprintf(err, err_len, "invalid %s description", what);
        return VSGX_PCS_INVALID;
    }
    *body = vsgx_pcs_signed_body(ca->key[VSGX_PCS_TCB_SIGNING], outer_key, json, NULL);
    if (!*body) {
        free(json);
        if (err && err_len)
            snprintf(err, err_len, "cannot sign the %s", what);
        return VSGX_PCS_CRYPTO;
    }
    if (inner)
        *inner = json;
    else
        free(json);
    return VSGX_PCS_OK;
}
