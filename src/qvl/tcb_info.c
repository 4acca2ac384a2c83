/* tcb_info.c — Intel's signed TCB info (v2 and v3), parsed strictly (see collateral_json.h). */
#include "collateral_json.h"

#include <stdlib.h>
#include <string.h>

#include "json_span.h"

/* v2 "tcb": the 16 SVNs, then pcesvn. */
static const char *const v2_tcb_keys[17] = {
    "sgxtcbcomp01svn", "sgxtcbcomp02svn", "sgxtcbcomp03svn", "sgxtcbcomp04svn",
    "sgxtcbcomp05svn", "sgxtcbcomp06svn", "sgxtcbcomp07svn", "sgxtcbcomp08svn",
    "sgxtcbcomp09svn", "sgxtcbcomp10svn", "sgxtcbcomp11svn", "sgxtcbcomp12svn",
    "sgxtcbcomp13svn", "sgxtcbcomp14svn", "sgxtcbcomp15svn", "sgxtcbcomp16svn", "pcesvn",
};
enum { V3_SGX, V3_TDX, V3_PCESVN };
static const char *const v3_tcb_keys[3] = { "sgxtcbcomponents", "tdxtcbcomponents", "pcesvn" };
enum { L_TCB, L_DATE, L_STATUS, L_ADVISORIES };
static const char *const level_keys[4] = { "tcb", "tcbDate", "tcbStatus", "advisoryIDs" };
enum { C_SVN, C_CATEGORY, C_TYPE };
static const char *const component_keys[3] = { "svn", "category", "type" };

/* v3 "sgxtcbcomponents" / "tdxtcbcomponents" (value arr): exactly 16 {svn, category?, type?}. */
static int parse_components(const vsgx_json_doc_t *d, vsgx_json_value_t arr, const char *key,
                            vsgx_json_path_t *p, uint8_t svn[16], vsgx_json_error_t *err)
{
    vsgx_json_value_t c[16], f[3];
    uint64_t v;

    if (vsgx_json_expect(d, arr, key, VSGX_JSON_ARRAY, true, p, err))
        return -1;
    size_t n = vsgx_json_elements(d, arr, c, 16);
    if (n != 16)
        return vsgx_json_fail(err, p, key, "expected 16 components, found %zu", n);
    size_t mark = vsgx_json_path_key(p, key);
    for (size_t i = 0; i < 16; i++) {
        size_t m = vsgx_json_path_index(p, i);
        if (vsgx_json_kind(d, c[i]) != VSGX_JSON_OBJECT)
            return vsgx_json_fail(err, p, NULL, "expected an object");
        vsgx_json_fields(d, c[i], component_keys, 3, f);
        if (vsgx_json_uint(d, f[C_SVN], "svn", 255, p, &v, err) ||
            vsgx_json_expect(d, f[C_CATEGORY], "category", VSGX_JSON_STRING, false, p, err) ||
            vsgx_json_expect(d, f[C_TYPE], "type", VSGX_JSON_STRING, false, p, err))
            return -1;
        svn[i] = (uint8_t)v;
        vsgx_json_path_pop(p, m);
    }
    vsgx_json_path_pop(p, mark);
    return 0;
}

static int parse_level(const vsgx_json_doc_t *d, vsgx_json_value_t lv, const vsgx_tcb_info_t *t,
                       vsgx_json_path_t *p, vsgx_tcb_level_t *out, vsgx_json_error_t *err)
{
    vsgx_json_value_t f[4], tf[17], pcesvn;
    uint64_t v;

    if (vsgx_json_kind(d, lv) != VSGX_JSON_OBJECT)
        return vsgx_json_fail(err, p, NULL, "expected an object");
    vsgx_json_fields(d, lv, level_keys, 4, f);
    if (vsgx_json_expect(d, f[L_TCB], "tcb", VSGX_JSON_OBJECT, true, p, err))
        return -1;
    size_t mark = vsgx_json_path_key(p, "tcb");
    if (t->version == 2) {
        vsgx_json_fields(d, f[L_TCB], v2_tcb_keys, 17, tf);
        for (size_t i = 0; i < 16; i++) {
            if (vsgx_json_uint(d, tf[i], v2_tcb_keys[i], 255, p, &v, err))
                return -1;
            out->sgx_svn[i] = (uint8_t)v;
        }
        pcesvn = tf[16];
    } else {
        vsgx_json_fields(d, f[L_TCB], v3_tcb_keys, 3, tf);
        if (parse_components(d, tf[V3_SGX], "sgxtcbcomponents", p, out->sgx_svn, err))
            return -1;
        if (t->id == VSGX_TCB_ID_TDX &&
            parse_components(d, tf[V3_TDX], "tdxtcbcomponents", p, out->tdx_svn, err))
            return -1;
        pcesvn = tf[V3_PCESVN];
    }
    if (vsgx_json_uint(d, pcesvn, "pcesvn", 65535, p, &v, err))
        return -1;
    out->pcesvn = (uint16_t)v;
    vsgx_json_path_pop(p, mark);

    if (vsgx_json_time(d, f[L_DATE], "tcbDate", p, &out->tcb_date, err) ||
        vsgx_json_tcb_status(d, f[L_STATUS], "tcbStatus", p, &out->status, err) ||
        vsgx_json_advisories(d, f[L_ADVISORIES], p, out->advisories, &out->advisory_count, err))
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

enum { F_VERSION, F_ID, F_ISSUE, F_NEXT, F_FMSPC, F_PCE_ID, F_TCB_TYPE, F_EVAL, F_TDX_MODULE,
       F_TDX_IDENTITIES, F_LEVELS, F_COUNT };
static const char *const top_keys[F_COUNT] = {
    "version", "id", "issueDate", "nextUpdate", "fmspc", "pceId", "tcbType",
    "tcbEvaluationDataNumber", "tdxModule", "tdxModuleIdentities", "tcbLevels",
};

/* Reads the fields of a checked document in a fixed order (not the text's), so the error
 * reported first does not depend on the order of the members. */
static int parse_doc(const vsgx_json_doc_t *d, vsgx_tcb_info_t *t, vsgx_json_error_t *err)
{
    vsgx_json_value_t f[F_COUNT], levels[VSGX_MAX_TCB_LEVELS];
    vsgx_json_path_t p;
    vsgx_json_str_t id;
    size_t n, mark;
    uint64_t v;

    vsgx_json_path_init(&p, "tcbInfo");
    vsgx_json_fields(d, d->root, top_keys, F_COUNT, f);
    if (vsgx_json_uint(d, f[F_VERSION], "version", UINT32_MAX, &p, &v, err))
        return -1;
    if (v != 2 && v != 3)
        return vsgx_json_fail(err, &p, "version", "unsupported TCB info version %llu (expected 2 or 3)",
                              (unsigned long long)v);
    t->version = (int)v;
    t->id = VSGX_TCB_ID_SGX;
    if (t->version == 3) {
        if (vsgx_json_str(d, f[F_ID], "id", &p, &id, err))
            return -1;
        if (id.len == 3 && memcmp(id.s, "SGX", 3) == 0)
            t->id = VSGX_TCB_ID_SGX;
        else if (id.len == 3 && memcmp(id.s, "TDX", 3) == 0)
            t->id = VSGX_TCB_ID_TDX;
        else
            return vsgx_json_fail(err, &p, "id", "unknown TCB info id (expected \"SGX\" or \"TDX\")");
    }
    if (vsgx_json_time(d, f[F_ISSUE], "issueDate", &p, &t->issue_date, err) ||
        vsgx_json_time(d, f[F_NEXT], "nextUpdate", &p, &t->next_update, err) ||
        vsgx_json_hex(d, f[F_FMSPC], "fmspc", t->fmspc, sizeof t->fmspc, &p, err) ||
        vsgx_json_hex(d, f[F_PCE_ID], "pceId", t->pce_id, sizeof t->pce_id, &p, err) ||
        vsgx_json_uint(d, f[F_TCB_TYPE], "tcbType", UINT32_MAX, &p, &v, err))
        return -1;
    if (v != 0)
        return vsgx_json_fail(err, &p, "tcbType", "unsupported tcbType %llu (only 0 is defined)",
                              (unsigned long long)v);
    t->tcb_type = 0;
    if (vsgx_json_uint(d, f[F_EVAL], "tcbEvaluationDataNumber", UINT32_MAX, &p, &v, err))
        return -1;
    t->tcb_evaluation_data_number = (uint32_t)v;
    if (t->id == VSGX_TCB_ID_TDX &&
        (vsgx_json_expect(d, f[F_TDX_MODULE], "tdxModule", VSGX_JSON_OBJECT, false, &p, err) ||
         vsgx_json_expect(d, f[F_TDX_IDENTITIES], "tdxModuleIdentities", VSGX_JSON_ARRAY, false, &p, err)))
        return -1;

    if (vsgx_json_expect(d, f[F_LEVELS], "tcbLevels", VSGX_JSON_ARRAY, true, &p, err))
        return -1;
    n = vsgx_json_elements(d, f[F_LEVELS], levels, VSGX_MAX_TCB_LEVELS);
    if (n == 0 || n > VSGX_MAX_TCB_LEVELS)
        return vsgx_json_fail(err, &p, "tcbLevels", "%zu TCB levels (1 to %d allowed)", n,
                              VSGX_MAX_TCB_LEVELS);
    t->levels = calloc(n, sizeof *t->levels);
    if (!t->levels)
        return vsgx_json_fail(err, &p, "tcbLevels", "out of memory");
    mark = vsgx_json_path_key(&p, "tcbLevels");
    for (size_t i = 0; i < n; i++) {
        size_t m = vsgx_json_path_index(&p, i);
        if (parse_level(d, levels[i], t, &p, &t->levels[i], err))
            return -1;
        vsgx_json_path_pop(&p, m);
    }
    vsgx_json_path_pop(&p, mark);
    t->level_count = n;
    return check_duplicates(t, &p, err);
}

/* Reads a checked document (loaded or not: rc) into *out, or frees it with *err filled. */
static int finish(vsgx_json_doc_t *d, int rc, const uint8_t sig[64], vsgx_tcb_info_t *out,
                  vsgx_json_error_t *err)
{
    vsgx_tcb_info_t t;

    memset(&t, 0, sizeof t);
    if (rc == 0 && parse_doc(d, &t, err) == 0) {
        t.signed_body = d->text;
        t.signed_len = d->len;
        memcpy(t.signature, sig, 64);
        *out = t;
        t.levels = NULL;
    } else
        rc = -1;
    free(t.levels);
    vsgx_json_doc_free(d);
    return rc;
}

int vsgx_tcb_info_parse(const char *body, size_t len, vsgx_tcb_info_t *out, vsgx_json_error_t *err)
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
    int rc = vsgx_json_signed_body(body, len, "tcbInfo", &inner, &d, sig, err);
    return finish(&d, rc, sig, out, err);
}

int vsgx_tcb_info_parse_inner(const char *inner, size_t len, const char *sig_hex, size_t sig_len,
                              vsgx_tcb_info_t *out, vsgx_json_error_t *err)
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
    int rc = vsgx_json_doc_load(&d, inner, len, 0, "tcbInfo", err);
    return finish(&d, rc, sig, out, err);
}

void vsgx_tcb_info_free(vsgx_tcb_info_t *t)
{
    if (!t)
        return;
    free(t->levels);
    memset(t, 0, sizeof *t);
}
