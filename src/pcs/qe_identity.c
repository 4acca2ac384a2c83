/* qe_identity.c — the simulated PCS's signed QE identity (see qe_identity.h). */
#include "qe_identity.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hex.h"
#include "timefmt.h"

static void put_hex(FILE *f, const char *key, const uint8_t *d, size_t n)
{
    char h[2 * 32 + 1];
    vsgx_hex_encode_upper(d, n, h);
    fprintf(f, ",\"%s\":\"%s\"", key, h);
}

static void put_time(FILE *f, const char *key, int64_t t)
{
    char s[21];
    vsgx_time_format(t, s);
    fprintf(f, "\"%s\":\"%s\"", key, s);
}

char *vsgx_pcs_qe_identity_json(const vsgx_pcs_qe_identity_t *q)
{
    if (q->id && strcmp(q->id, "QE") && strcmp(q->id, "QVE"))
        return NULL;
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    if (!f)
        return NULL;
    uint8_t misc[4], mask[4];
    for (int i = 0; i < 4; i++) {
        misc[i] = (uint8_t)(q->miscselect >> (8 * i));
        mask[i] = (uint8_t)(q->miscselect_mask >> (8 * i));
    }
    fprintf(f, "{\"id\":\"%s\",\"version\":2,", q->id ? q->id : "QE");
    put_time(f, "issueDate", q->issue_date);
    fputc(',', f);
    put_time(f, "nextUpdate", q->next_update);
    fprintf(f, ",\"tcbEvaluationDataNumber\":%u", q->tcb_evaluation_data_number);
    put_hex(f, "miscselect", misc, 4);
    put_hex(f, "miscselectMask", mask, 4);
    put_hex(f, "attributes", q->attributes, 16);
    put_hex(f, "attributesMask", q->attributes_mask, 16);
    put_hex(f, "mrsigner", q->mrsigner, 32);
    fprintf(f, ",\"isvprodid\":%u,\"tcbLevels\":[", q->isvprodid);
    bool ok = true;
    for (size_t i = 0; ok && i < q->level_count; i++) {
        const vsgx_pcs_qe_level_t *l = &q->levels[i];
        fprintf(f, "%s{\"tcb\":{\"isvsvn\":%u},", i ? "," : "", l->isvsvn);
        ok = vsgx_pcs_json_level_tail(f, l->tcb_date, l->status, l->advisories);
    }
    fputs("]}", f);
    if (fclose(f) != 0 || !ok) {
        free(out);
        return NULL;
    }
    return out;
}

vsgx_pcs_result_t vsgx_pcs_qe_identity_body(const vsgx_pcs_ca_t *ca, const vsgx_pcs_qe_identity_t *q, char **body,
                                            char **inner, char *err, size_t err_len)
{
    return vsgx_pcs_signed_response(ca, "enclaveIdentity", vsgx_pcs_qe_identity_json(q), "QE identity", body,
                                    inner, err, err_len);
}
