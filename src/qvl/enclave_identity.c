/* enclave_identity.c — Intel's signed enclave identity (v2: QE, QVE, TD_QE), parsed strictly
 * (see collateral_json.h). */
#include "collateral_json.h"

#include <stdlib.h>
#include <string.h>

#include "json_span.h"

static int parse_level(const json_t *lv, vsgx_json_path_t *p, vsgx_qe_tcb_level_t *out,
                       vsgx_json_error_t *err)
{
    const json_t *tcb;
    uint64_t v;

    if (!json_is_object(lv))
        return vsgx_json_fail(err, p, NULL, "expected an object");
    if (vsgx_json_member(lv, "tcb", JSON_OBJECT, true, p, &tcb, err))
        return -1;
    size_t mark = vsgx_json_path_key(p, "tcb");
    if (vsgx_json_uint(tcb, "isvsvn", 65535, p, &v, err))
        return -1;
    vsgx_json_path_pop(p, mark);
    out->isvsvn = (uint16_t)v;
    if (vsgx_json_time(lv, "tcbDate", p, &out->tcb_date, err) ||
        vsgx_json_tcb_status(lv, "tcbStatus", p, &out->status, err) ||
        vsgx_json_advisories(lv, p, out->advisories, &out->advisory_count, err))
        return -1;
    return 0;
}

/* Hex "D182B18C" is the bytes d1 82 b1 8c, read as a little-endian u32 (as QVL does), so it
 * compares directly with a report body's misc_select. */
static int hex_u32le(const json_t *obj, const char *key, const vsgx_json_path_t *p, uint32_t *out,
                     vsgx_json_error_t *err)
{
    uint8_t b[4];
    if (vsgx_json_hex(obj, key, b, sizeof b, p, err))
        return -1;
    *out = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
    return 0;
}

static int parse_span(const char *text, size_t len, size_t base, const uint8_t sig[64],
                      vsgx_enclave_identity_t *out, vsgx_json_error_t *err)
{
    static const struct {
        const char *name;
        vsgx_identity_id_t id;
    } ids[] = { { "QE", VSGX_IDENTITY_QE }, { "QVE", VSGX_IDENTITY_QVE }, { "TD_QE", VSGX_IDENTITY_TD_QE } };
    vsgx_enclave_identity_t e;
    vsgx_json_path_t p;
    const json_t *levels;
    const char *id;
    size_t id_len, n, mark, i;
    uint64_t v;
    int rc = -1;

    memset(&e, 0, sizeof e);
    json_t *root = vsgx_json_load_object(text, len, base, "enclaveIdentity", err);
    if (!root)
        return -1;
    vsgx_json_path_init(&p, "enclaveIdentity");

    if (vsgx_json_uint(root, "version", UINT32_MAX, &p, &v, err))
        goto out;
    if (v != 2) {
        vsgx_json_fail(err, &p, "version", "unsupported enclave identity version %llu (expected 2)",
                       (unsigned long long)v);
        goto out;
    }
    e.version = 2;
    if (vsgx_json_str(root, "id", &p, &id, &id_len, err))
        goto out;
    for (i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        if (strlen(ids[i].name) == id_len && memcmp(ids[i].name, id, id_len) == 0)
            break;
    }
    if (i == sizeof ids / sizeof ids[0]) {
        vsgx_json_fail(err, &p, "id", "unknown enclave identity id (expected \"QE\", \"QVE\" or \"TD_QE\")");
        goto out;
    }
    e.id = ids[i].id;
    if (vsgx_json_time(root, "issueDate", &p, &e.issue_date, err) ||
        vsgx_json_time(root, "nextUpdate", &p, &e.next_update, err) ||
        vsgx_json_uint(root, "tcbEvaluationDataNumber", UINT32_MAX, &p, &v, err))
        goto out;
    e.tcb_evaluation_data_number = (uint32_t)v;
    if (hex_u32le(root, "miscselect", &p, &e.miscselect, err) ||
        hex_u32le(root, "miscselectMask", &p, &e.miscselect_mask, err) ||
        vsgx_json_hex(root, "attributes", e.attributes, sizeof e.attributes, &p, err) ||
        vsgx_json_hex(root, "attributesMask", e.attributes_mask, sizeof e.attributes_mask, &p, err) ||
        vsgx_json_hex(root, "mrsigner", e.mrsigner, sizeof e.mrsigner, &p, err) ||
        vsgx_json_uint(root, "isvprodid", 65535, &p, &v, err))
        goto out;
    e.isvprodid = (uint16_t)v;

    if (vsgx_json_member(root, "tcbLevels", JSON_ARRAY, true, &p, &levels, err))
        goto out;
    n = json_array_size(levels);
    if (n == 0 || n > VSGX_MAX_TCB_LEVELS) {
        vsgx_json_fail(err, &p, "tcbLevels", "%zu TCB levels (1 to %d allowed)", n, VSGX_MAX_TCB_LEVELS);
        goto out;
    }
    e.levels = calloc(n, sizeof *e.levels);
    if (!e.levels) {
        vsgx_json_fail(err, &p, "tcbLevels", "out of memory");
        goto out;
    }
    mark = vsgx_json_path_key(&p, "tcbLevels");
    for (i = 0; i < n; i++) {
        size_t m = vsgx_json_path_index(&p, i);
        if (parse_level(json_array_get(levels, i), &p, &e.levels[i], err))
            goto out;
        vsgx_json_path_pop(&p, m);
    }
    vsgx_json_path_pop(&p, mark);
    e.level_count = n;

    e.signed_body = text;
    e.signed_len = len;
    memcpy(e.signature, sig, 64);
    *out = e;
    e.levels = NULL;
    rc = 0;
out:
    free(e.levels);
    json_decref(root);
    return rc;
}

int vsgx_enclave_identity_parse(const char *body, size_t len, vsgx_enclave_identity_t *out,
                                vsgx_json_error_t *err)
{
    vsgx_json_error_t dummy;
    vsgx_json_span_t inner;
    uint8_t sig[64];

    if (!err)
        err = &dummy;
    memset(err, 0, sizeof *err);
    if (!out)
        return -1;
    memset(out, 0, sizeof *out);
    if (vsgx_json_signed_body(body, len, "enclaveIdentity", &inner, sig, err))
        return -1;
    return parse_span(body + inner.start, inner.len, inner.start, sig, out, err);
}

int vsgx_enclave_identity_parse_inner(const char *inner, size_t len, const char *sig_hex,
                                      size_t sig_len, vsgx_enclave_identity_t *out,
                                      vsgx_json_error_t *err)
{
    vsgx_json_error_t dummy;
    uint8_t sig[64];

    if (!err)
        err = &dummy;
    memset(err, 0, sizeof *err);
    if (!out)
        return -1;
    memset(out, 0, sizeof *out);
    if (vsgx_json_signature_hex(sig_hex, sig_len, sig, err))
        return -1;
    if (inner && len > 0 && inner[len - 1] == '\0')
        len--; /* a C string's terminator is never part of the signed bytes */
    return parse_span(inner, len, 0, sig, out, err);
}

void vsgx_enclave_identity_free(vsgx_enclave_identity_t *e)
{
    if (!e)
        return;
    free(e->levels);
    memset(e, 0, sizeof *e);
}
