/* enclave_identity.c — Intel's signed enclave identity (v2: QE, QVE, TD_QE), parsed strictly
 * (see collateral_json.h). */
#include "collateral_json.h"

#include <stdlib.h>
#include <string.h>

#include "json_span.h"

enum { L_TCB, L_DATE, L_STATUS, L_ADVISORIES };
static const char *const level_keys[4] = { "tcb", "tcbDate", "tcbStatus", "advisoryIDs" };
static const char *const tcb_keys[1] = { "isvsvn" };

static int parse_level(const vsgx_json_doc_t *d, vsgx_json_value_t lv, vsgx_json_path_t *p,
                       vsgx_qe_tcb_level_t *out, vsgx_json_error_t *err)
{
    vsgx_json_value_t f[4], isvsvn;
    uint64_t v;

    if (vsgx_json_kind(d, lv) != VSGX_JSON_OBJECT)
        return vsgx_json_fail(err, p, NULL, "expected an object");
    vsgx_json_fields(d, lv, level_keys, 4, f);
    if (vsgx_json_expect(d, f[L_TCB], "tcb", VSGX_JSON_OBJECT, true, p, err))
        return -1;
    vsgx_json_fields(d, f[L_TCB], tcb_keys, 1, &isvsvn);
    size_t mark = vsgx_json_path_key(p, "tcb");
    if (vsgx_json_uint(d, isvsvn, "isvsvn", 65535, p, &v, err))
        return -1;
    vsgx_json_path_pop(p, mark);
    out->isvsvn = (uint16_t)v;
    if (vsgx_json_time(d, f[L_DATE], "tcbDate", p, &out->tcb_date, err) ||
        vsgx_json_tcb_status(d, f[L_STATUS], "tcbStatus", p, &out->status, err) ||
        vsgx_json_advisories(d, f[L_ADVISORIES], p, out->advisories, &out->advisory_count, err))
        return -1;
    return 0;
}

/* Hex "D182B18C" is the bytes d1 82 b1 8c, read as a little-endian u32 (as QVL does), so it
 * compares directly with a report body's misc_select. */
static int hex_u32le(const vsgx_json_doc_t *d, vsgx_json_value_t v, const char *key,
                     const vsgx_json_path_t *p, uint32_t *out, vsgx_json_error_t *err)
{
    uint8_t b[4];
    if (vsgx_json_hex(d, v, key, b, sizeof b, p, err))
        return -1;
    *out = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
    return 0;
}

enum { F_VERSION, F_ID, F_ISSUE, F_NEXT, F_EVAL, F_MISC, F_MISC_MASK, F_ATTR, F_ATTR_MASK,
       F_MRSIGNER, F_PRODID, F_LEVELS, F_COUNT };
static const char *const top_keys[F_COUNT] = {
    "version", "id", "issueDate", "nextUpdate", "tcbEvaluationDataNumber", "miscselect",
    "miscselectMask", "attributes", "attributesMask", "mrsigner", "isvprodid", "tcbLevels",
};

/* Reads the fields of a checked document in a fixed order (not the text's), so the error
 * reported first does not depend on the order of the members. */
static int parse_doc(const vsgx_json_doc_t *d, vsgx_enclave_identity_t *e, vsgx_json_error_t *err)
{
    static const struct {
        const char *name;
        vsgx_identity_id_t id;
    } ids[] = { { "QE", VSGX_IDENTITY_QE }, { "QVE", VSGX_IDENTITY_QVE }, { "TD_QE", VSGX_IDENTITY_TD_QE } };
    vsgx_json_value_t f[F_COUNT], levels[VSGX_MAX_TCB_LEVELS];
    vsgx_json_path_t p;
    vsgx_json_str_t id;
    size_t n, mark, i;
    uint64_t v;

    vsgx_json_path_init(&p, "enclaveIdentity");
    vsgx_json_fields(d, d->root, top_keys, F_COUNT, f);
    if (vsgx_json_uint(d, f[F_VERSION], "version", UINT32_MAX, &p, &v, err))
        return -1;
    if (v != 2)
        return vsgx_json_fail(err, &p, "version", "unsupported enclave identity version %llu (expected 2)",
                              (unsigned long long)v);
    e->version = 2;
    if (vsgx_json_str(d, f[F_ID], "id", &p, &id, err))
        return -1;
    for (i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        if (strlen(ids[i].name) == id.len && memcmp(ids[i].name, id.s, id.len) == 0)
            break;
    }
    if (i == sizeof ids / sizeof ids[0])
        return vsgx_json_fail(err, &p, "id", "unknown enclave identity id (expected \"QE\", \"QVE\" or \"TD_QE\")");
    e->id = ids[i].id;
    if (vsgx_json_time(d, f[F_ISSUE], "issueDate", &p, &e->issue_date, err) ||
        vsgx_json_time(d, f[F_NEXT], "nextUpdate", &p, &e->next_update, err) ||
        vsgx_json_uint(d, f[F_EVAL], "tcbEvaluationDataNumber", UINT32_MAX, &p, &v, err))
        return -1;
    e->tcb_evaluation_data_number = (uint32_t)v;
    if (hex_u32le(d, f[F_MISC], "miscselect", &p, &e->miscselect, err) ||
        hex_u32le(d, f[F_MISC_MASK], "miscselectMask", &p, &e->miscselect_mask, err) ||
        vsgx_json_hex(d, f[F_ATTR], "attributes", e->attributes, sizeof e->attributes, &p, err) ||
        vsgx_json_hex(d, f[F_ATTR_MASK], "attributesMask", e->attributes_mask, sizeof e->attributes_mask,
                      &p, err) ||
        vsgx_json_hex(d, f[F_MRSIGNER], "mrsigner", e->mrsigner, sizeof e->mrsigner, &p, err) ||
        vsgx_json_uint(d, f[F_PRODID], "isvprodid", 65535, &p, &v, err))
        return -1;
    e->isvprodid = (uint16_t)v;

    if (vsgx_json_expect(d, f[F_LEVELS], "tcbLevels", VSGX_JSON_ARRAY, true, &p, err))
        return -1;
    n = vsgx_json_elements(d, f[F_LEVELS], levels, VSGX_MAX_TCB_LEVELS);
    if (n == 0 || n > VSGX_MAX_TCB_LEVELS)
        return vsgx_json_fail(err, &p, "tcbLevels", "%zu TCB levels (1 to %d allowed)", n,
                              VSGX_MAX_TCB_LEVELS);
    e->levels = calloc(n, sizeof *e->levels);
    if (!e->levels)
        return vsgx_json_fail(err, &p, "tcbLevels", "out of memory");
    mark = vsgx_json_path_key(&p, "tcbLevels");
    for (i = 0; i < n; i++) {
        size_t m = vsgx_json_path_index(&p, i);
        if (parse_level(d, levels[i], &p, &e->levels[i], err))
            return -1;
        vsgx_json_path_pop(&p, m);
    }
    vsgx_json_path_pop(&p, mark);
    e->level_count = n;
    return 0;
}

/* Reads a checked document (loaded or not: rc) into *out, or frees it with *err filled. */
static int finish(vsgx_json_doc_t *d, int rc, const uint8_t sig[64], vsgx_enclave_identity_t *out,
                  vsgx_json_error_t *err)
{
    vsgx_enclave_identity_t e;

    memset(&e, 0, sizeof e);
    if (rc == 0 && parse_doc(d, &e, err) == 0) {
        e.signed_body = d->text;
        e.signed_len = d->len;
        memcpy(e.signature, sig, 64);
        *out = e;
        e.levels = NULL;
    } else
        rc = -1;
    free(e.levels);
    vsgx_json_doc_free(d);
    return rc;
}

int vsgx_enclave_identity_parse(const char *body, size_t len, vsgx_enclave_identity_t *out,
                                vsgx_json_error_t *err)
{
    vsgx_json_error_t dummy;
    vsgx_json_span_t inner;
    vsgx_json_doc_t d;
    uint8_t sig[64];

    if (!err)
        err = &dummy;
    memset(err, 0, sizeof *err);
    if (!out)
        return -1;
    memset(out, 0, sizeof *out);
    int rc = vsgx_json_signed_body(body, len, "enclaveIdentity", &inner, &d, sig, err);
    return finish(&d, rc, sig, out, err);
}

int vsgx_enclave_identity_parse_inner(const char *inner, size_t len, const char *sig_hex,
                                      size_t sig_len, vsgx_enclave_identity_t *out,
                                      vsgx_json_error_t *err)
{
    vsgx_json_error_t dummy;
    vsgx_json_doc_t d;
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
    int rc = vsgx_json_doc_load(&d, inner, len, 0, "enclaveIdentity", err);
    return finish(&d, rc, sig, out, err);
}

void vsgx_enclave_identity_free(vsgx_enclave_identity_t *e)
{
    if (!e)
        return;
    free(e->levels);
    memset(e, 0, sizeof *e);
}
