/* tcb_info.c — Intel's signed TCB info (v2 and v3), parsed strictly (see collateral_json.h). */
#include "collateral_json.h"

#include <stdlib.h>
#include <string.h>

#include "json_span.h"

static const char *const v2_svn_keys[16] = {
    "sgxtcbcomp01svn", "sgxtcbcomp02svn", "sgxtcbcomp03svn", "sgxtcbcomp04svn",
    "sgxtcbcomp05svn", "sgxtcbcomp06svn", "sgxtcbcomp07svn", "sgxtcbcomp08svn",
    "sgxtcbcomp09svn", "sgxtcbcomp10svn", "sgxtcbcomp11svn", "sgxtcbcomp12svn",
    "sgxtcbcomp13svn", "sgxtcbcomp14svn", "sgxtcbcomp15svn", "sgxtcbcomp16svn",
};

/* v3 "sgxtcbcomponents" / "tdxtcbcomponents": exactly 16 {svn, category?, type?}. */
static int parse_components(const json_t *tcb, const char *key, vsgx_json_path_t *p,
                            uint8_t svn[16], vsgx_json_error_t *err)
{
    const json_t *arr, *c, *unused;
    uint64_t v;

    if (vsgx_json_member(tcb, key, JSON_ARRAY, true, p, &arr, err))
        return -1;
    if (json_array_size(arr) != 16)
        return vsgx_json_fail(err, p, key, "expected 16 components, found %zu", json_array_size(arr));
    size_t mark = vsgx_json_path_key(p, key);
    for (size_t i = 0; i < 16; i++) {
        size_t m = vsgx_json_path_index(p, i);
        c = json_array_get(arr, i);
        if (!json_is_object(c))
            return vsgx_json_fail(err, p, NULL, "expected an object");
        if (vsgx_json_uint(c, "svn", 255, p, &v, err) ||
            vsgx_json_member(c, "category", JSON_STRING, false, p, &unused, err) ||
            vsgx_json_member(c, "type", JSON_STRING, false, p, &unused, err))
            return -1;
        svn[i] = (uint8_t)v;
        vsgx_json_path_pop(p, m);
    }
    vsgx_json_path_pop(p, mark);
    return 0;
}

static int parse_level(const json_t *lv, const vsgx_tcb_info_t *t, vsgx_json_path_t *p,
                       vsgx_tcb_level_t *out, vsgx_json_error_t *err)
{
    const json_t *tcb;
    uint64_t v;

    if (!json_is_object(lv))
        return vsgx_json_fail(err, p, NULL, "expected an object");
    if (vsgx_json_member(lv, "tcb", JSON_OBJECT, true, p, &tcb, err))
        return -1;
    size_t mark = vsgx_json_path_key(p, "tcb");
    if (t->version == 2) {
        for (size_t i = 0; i < 16; i++) {
            if (vsgx_json_uint(tcb, v2_svn_keys[i], 255, p, &v, err))
                return -1;
            out->sgx_svn[i] = (uint8_t)v;
        }
    } else {
        if (parse_components(tcb, "sgxtcbcomponents", p, out->sgx_svn, err))
            return -1;
        if (t->id == VSGX_TCB_ID_TDX && parse_components(tcb, "tdxtcbcomponents", p, out->tdx_svn, err))
            return -1;
    }
    if (vsgx_json_uint(tcb, "pcesvn", 65535, p, &v, err))
        return -1;
    out->pcesvn = (uint16_t)v;
    vsgx_json_path_pop(p, mark);

    if (vsgx_json_time(lv, "tcbDate", p, &out->tcb_date, err) ||
        vsgx_json_tcb_status(lv, "tcbStatus", p, &out->status, err) ||
        vsgx_json_advisories(lv, p, out->advisories, &out->advisory_count, err))
        return -1;
    return 0;
}

/* Orders levels as QVL's std::set does (SGX SVNs, then pcesvn, then TDX SVNs); only equality
 * matters here. */
static int level_cmp(const void *a, const void *b)
{
    const vsgx_tcb_level_t *x = *(const vsgx_tcb_level_t *const *)a;
    const vsgx_tcb_level_t *y = *(const vsgx_tcb_level_t *const *)b;
    int r = memcmp(x->sgx_svn, y->sgx_svn, 16);
    if (r)
        return r;
    if (x->pcesvn != y->pcesvn)
        return x->pcesvn < y->pcesvn ? -1 : 1;
    r = memcmp(x->tdx_svn, y->tdx_svn, 16);
    if (r)
        return r;
    return x < y ? -1 : x > y; /* stable: JSON order among equals */
}

/* Intel rejects TCB info with two levels of the same TCB: sort pointers, compare neighbours. */
static int check_duplicates(const vsgx_tcb_info_t *t, vsgx_json_path_t *p, vsgx_json_error_t *err)
{
    const vsgx_tcb_level_t **v = malloc(t->level_count * sizeof *v);
    int rc = 0;

    if (!v)
        return vsgx_json_fail(err, p, "tcbLevels", "out of memory");
    for (size_t i = 0; i < t->level_count; i++)
        v[i] = &t->levels[i];
    qsort(v, t->level_count, sizeof *v, level_cmp);
    for (size_t i = 1; i < t->level_count; i++) {
        const vsgx_tcb_level_t *a = v[i - 1], *b = v[i];
        if (memcmp(a->sgx_svn, b->sgx_svn, 16) == 0 && a->pcesvn == b->pcesvn &&
            memcmp(a->tdx_svn, b->tdx_svn, 16) == 0) {
            vsgx_json_path_key(p, "tcbLevels");
            vsgx_json_path_index(p, (size_t)(b - t->levels));
            rc = vsgx_json_fail(err, p, NULL, "duplicate TCB level (same TCB as tcbLevels[%zu])",
                                (size_t)(a - t->levels));
            break;
        }
    }
    free(v);
    return rc;
}

/* Parses the signed span text[0..len), which starts at byte `base` of the caller's input. */
static int parse_span(const char *text, size_t len, size_t base, const uint8_t sig[64],
                      vsgx_tcb_info_t *out, vsgx_json_error_t *err)
{
    vsgx_tcb_info_t t;
    vsgx_json_path_t p;
    const json_t *levels, *s;
    const char *id;
    size_t id_len, n, mark;
    uint64_t v;
    int rc = -1;

    memset(&t, 0, sizeof t);
    json_t *root = vsgx_json_load_object(text, len, base, "tcbInfo", err);
    if (!root)
        return -1;
    vsgx_json_path_init(&p, "tcbInfo");

    if (vsgx_json_uint(root, "version", UINT32_MAX, &p, &v, err))
        goto out;
    if (v != 2 && v != 3) {
        vsgx_json_fail(err, &p, "version", "unsupported TCB info version %llu (expected 2 or 3)",
                       (unsigned long long)v);
        goto out;
    }
    t.version = (int)v;
    t.id = VSGX_TCB_ID_SGX;
    if (t.version == 3) {
        if (vsgx_json_str(root, "id", &p, &id, &id_len, err))
            goto out;
        if (id_len == 3 && memcmp(id, "SGX", 3) == 0)
            t.id = VSGX_TCB_ID_SGX;
        else if (id_len == 3 && memcmp(id, "TDX", 3) == 0)
            t.id = VSGX_TCB_ID_TDX;
        else {
            vsgx_json_fail(err, &p, "id", "unknown TCB info id (expected \"SGX\" or \"TDX\")");
            goto out;
        }
    }
    if (vsgx_json_time(root, "issueDate", &p, &t.issue_date, err) ||
        vsgx_json_time(root, "nextUpdate", &p, &t.next_update, err) ||
        vsgx_json_hex(root, "fmspc", t.fmspc, sizeof t.fmspc, &p, err) ||
        vsgx_json_hex(root, "pceId", t.pce_id, sizeof t.pce_id, &p, err) ||
        vsgx_json_uint(root, "tcbType", UINT32_MAX, &p, &v, err))
        goto out;
    if (v != 0) {
        vsgx_json_fail(err, &p, "tcbType", "unsupported tcbType %llu (only 0 is defined)",
                       (unsigned long long)v);
        goto out;
    }
    t.tcb_type = 0;
    if (vsgx_json_uint(root, "tcbEvaluationDataNumber", UINT32_MAX, &p, &v, err))
        goto out;
    t.tcb_evaluation_data_number = (uint32_t)v;
    if (t.id == VSGX_TCB_ID_TDX &&
        (vsgx_json_member(root, "tdxModule", JSON_OBJECT, false, &p, &s, err) ||
         vsgx_json_member(root, "tdxModuleIdentities", JSON_ARRAY, false, &p, &s, err)))
        goto out;

    if (vsgx_json_member(root, "tcbLevels", JSON_ARRAY, true, &p, &levels, err))
        goto out;
    n = json_array_size(levels);
    if (n == 0 || n > VSGX_MAX_TCB_LEVELS) {
        vsgx_json_fail(err, &p, "tcbLevels", "%zu TCB levels (1 to %d allowed)", n, VSGX_MAX_TCB_LEVELS);
        goto out;
    }
    t.levels = calloc(n, sizeof *t.levels);
    if (!t.levels) {
        vsgx_json_fail(err, &p, "tcbLevels", "out of memory");
        goto out;
    }
    mark = vsgx_json_path_key(&p, "tcbLevels");
    for (size_t i = 0; i < n; i++) {
        size_t m = vsgx_json_path_index(&p, i);
        if (parse_level(json_array_get(levels, i), &t, &p, &t.levels[i], err))
            goto out;
        vsgx_json_path_pop(&p, m);
    }
    vsgx_json_path_pop(&p, mark);
    t.level_count = n;
    if (check_duplicates(&t, &p, err))
        goto out;

    t.signed_body = text;
    t.signed_len = len;
    memcpy(t.signature, sig, 64);
    *out = t;
    t.levels = NULL;
    rc = 0;
out:
    free(t.levels);
    json_decref(root);
    return rc;
}

int vsgx_tcb_info_parse(const char *body, size_t len, vsgx_tcb_info_t *out, vsgx_json_error_t *err)
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
    if (vsgx_json_signed_body(body, len, "tcbInfo", &inner, sig, err))
        return -1;
    return parse_span(body + inner.start, inner.len, inner.start, sig, out, err);
}

int vsgx_tcb_info_parse_inner(const char *inner, size_t len, const char *sig_hex, size_t sig_len,
                              vsgx_tcb_info_t *out, vsgx_json_error_t *err)
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

void vsgx_tcb_info_free(vsgx_tcb_info_t *t)
{
    if (!t)
        return;
    free(t->levels);
    memset(t, 0, sizeof *t);
}
