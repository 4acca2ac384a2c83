/* store_publish.c — the simulated PCS publishes a scenario (see store.h, scenario.h) in one
 * transaction: its levels made concrete for the platform (scenario_levels.h: clamped, best
 * first, no two alike) become the TCB info of its FMSPC (v3 and v2, standard and early) and the
 * TCB levels PCK certificates are selected from, the QE and QVE identities, and the CRLs with
 * the scenario's revocations, all signed and stored as served; and it serves them back, with
 * the pckcerts list. */
#include "store_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/pem.h>

#include "hex.h"
#include "pcs_crl.h"
#include "qe_identity.h"
#include "scenario_levels.h"
#include "tcb_info.h"

#define DAY INT64_C(86400)
#define EVAL_STANDARD 17 /* tcbEvaluationDataNumber of the standard update; early is one more */
#define QVE_SVN 3        /* the QvE's ISVSVN the QVE identity's levels are relative to */

static const char *const UPDATES[2] = { "standard", "early" };

/* The QE's identity values, as Intel publishes them for QE3 (id QE, ISVPRODID 1) and the QvE (2). */
static const uint8_t INTEL_MRSIGNER[32] = {
    0x8c, 0x4f, 0x57, 0x75, 0xd7, 0x96, 0x50, 0x3e, 0x96, 0x13, 0x7f, 0x77, 0xc6, 0x8a, 0x82, 0x9a,
    0x00, 0x56, 0xac, 0x8d, 0xed, 0x70, 0x14, 0x0b, 0x08, 0x1b, 0x09, 0x44, 0x90, 0xc5, 0x7b, 0xff,
};
static const uint8_t QE_ATTRIBUTES_MASK[16] = { 0xfb, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

/* A scenario made concrete for one platform (scenario_levels.h), before anything is stored. */
typedef struct {
    vsgx_tcbm_t base; /* the platform's TCB */
    vsgx_pcs_tcb_levels_t tcb;
    vsgx_pcs_identity_levels_t qe, qve;
    int64_t issued, next;
} plan_t;

/* Newer levels have later dates: DELTA +1 is dated at the issue date, each step down 90 days earlier. */
static int64_t level_date(int64_t issued, int delta)
{
    return delta >= 1 ? issued : issued - (int64_t)(1 - delta) * 90 * DAY;
}

static void copy_advisories(const vsgx_pcs_scenario_level_t *l, const char **out)
{
    for (size_t i = 0; i < l->advisory_count; i++)
        out[i] = l->advisories[i];
    out[l->advisory_count] = NULL;
}

static vsgx_pcs_result_t put_string(vsgx_pcs_store_t *s, const char *kind, const char *key, char *body, char *err,
                                    size_t err_len)
{
    vsgx_pcs_result_t r = vsgx_pcs_store_put(s, kind, key, body, strlen(body), err, err_len);
    free(body);
    return r;
}

static vsgx_pcs_result_t publish_tcb_info(vsgx_pcs_store_t *s, const vsgx_pcs_platform_t *pl, const plan_t *plan,
                                          char *err, size_t err_len)
{
    vsgx_pcs_tcb_level_t levels[VSGX_PCS_SCENARIO_MAX_LEVELS];
    memset(levels, 0, sizeof levels);
    for (size_t i = 0; i < plan->tcb.count; i++) {
        memcpy(levels[i].sgx_svn, plan->tcb.tcbm[i].cpusvn.svn, 16);
        levels[i].pcesvn = plan->tcb.tcbm[i].pce_svn;
        levels[i].tcb_date = level_date(plan->issued, plan->tcb.from[i]->delta);
        levels[i].status = plan->tcb.from[i]->status;
        copy_advisories(plan->tcb.from[i], levels[i].advisories);
    }
    vsgx_pcs_tcb_info_t t = { .issue_date = plan->issued, .next_update = plan->next, .level_count = plan->tcb.count,
                              .levels = levels };
    memcpy(t.fmspc, pl->params.fmspc, 6);
    t.pce_id[0] = (uint8_t)pl->params.pce_id;
    t.pce_id[1] = (uint8_t)(pl->params.pce_id >> 8);
    t.fmspc_upper = true;
    char fmspc[13];
    vsgx_hex_encode_upper(pl->params.fmspc, 6, fmspc);
    vsgx_pcs_result_t r = VSGX_PCS_OK;
    for (int version = 3; !r && version >= 2; version--)
        for (int u = 0; !r && u < 2; u++) {
            t.version = version;
            t.tcb_evaluation_data_number = EVAL_STANDARD + (uint32_t)u;
            char *body = NULL, key[64];
            snprintf(key, sizeof key, "%s/%d/%s", fmspc, version, UPDATES[u]);
            if (!(r = vsgx_pcs_tcb_info_body(s->ca, &t, &body, NULL, err, err_len)))
                r = put_string(s, "tcb", key, body, err, err_len);
        }
    return r;
}

static vsgx_pcs_result_t publish_identities(vsgx_pcs_store_t *s, const plan_t *plan, char *err, size_t err_len)
{
    vsgx_pcs_result_t r = VSGX_PCS_OK;
    for (int which = 0; !r && which < 2; which++) {
        bool qve = which == 1;
        const vsgx_pcs_identity_levels_t *lv = qve ? &plan->qve : &plan->qe;
        vsgx_pcs_qe_level_t levels[VSGX_PCS_SCENARIO_MAX_LEVELS];
        memset(levels, 0, sizeof levels);
        for (size_t i = 0; i < lv->count; i++) {
            levels[i].isvsvn = lv->isvsvn[i];
            levels[i].tcb_date = level_date(plan->issued, lv->from[i]->delta);
            levels[i].status = lv->from[i]->status;
            copy_advisories(lv->from[i], levels[i].advisories);
        }
        vsgx_pcs_qe_identity_t q = { .id = qve ? "QVE" : "QE", .issue_date = plan->issued,
                                     .next_update = plan->next, .miscselect_mask = 0xffffffff,
                                     .isvprodid = qve ? 2 : 1, .level_count = lv->count, .levels = levels };
        q.attributes[0] = qve ? 0x01 : 0x11;
        memcpy(q.attributes_mask, QE_ATTRIBUTES_MASK, 16);
        memcpy(q.mrsigner, INTEL_MRSIGNER, 32);
        for (int u = 0; !r && u < 2; u++) {
            q.tcb_evaluation_data_number = EVAL_STANDARD + (uint32_t)u;
            char *body = NULL, key[32];
            snprintf(key, sizeof key, "%s/%s", q.id, UPDATES[u]);
            if (!(r = vsgx_pcs_qe_identity_body(s->ca, &q, &body, NULL, err, err_len)))
                r = put_string(s, "identity", key, body, err, err_len);
        }
    }
    return r;
}

static const char *crl_key(vsgx_pcs_ca_role_t role)
{
    return role == VSGX_PCS_ROOT_CA ? "root" : role == VSGX_PCS_PLATFORM_CA ? "platform" : "processor";
}

/* The next CRL number (one counter for all CRLs). */
static vsgx_pcs_result_t next_crl_number(vsgx_pcs_store_t *s, uint64_t *out, char *err, size_t err_len)
{
    vsgx_pcs_result_t r = vsgx_pcs_db_exec(
        s, "INSERT INTO counters(name, value) VALUES('crl', 1) ON CONFLICT(name) DO UPDATE SET value = value + 1",
        err, err_len);
    sqlite3_stmt *st = r ? NULL : vsgx_pcs_db_prepare(s, "SELECT value FROM counters WHERE name = 'crl'", err, err_len);
    if (!st)
        return VSGX_PCS_IO;
    if (sqlite3_step(st) == SQLITE_ROW)
        *out = (uint64_t)sqlite3_column_int64(st, 0);
    else
        r = vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "PCS database: no CRL counter");
    vsgx_pcs_db_done(st);
    return r;
}

/* Appends one revoked entry per PCK certificate of pl from role (revoked at `when`) to *list,
 * which grows as needed: every one of them, however many. */
static vsgx_pcs_result_t platform_serials(vsgx_pcs_store_t *s, const vsgx_pcs_platform_t *pl, vsgx_pcs_ca_role_t role,
                                          int64_t when, vsgx_pcs_revoked_t **list, size_t *n, char *err,
                                          size_t err_len)
{
    sqlite3_stmt *st =
        vsgx_pcs_db_prepare(s, "SELECT pem FROM pck_certs WHERE ppid = ? AND pce_id = ? AND ca = ?", err, err_len);
    if (!st)
        return VSGX_PCS_IO;
    sqlite3_bind_blob(st, 1, pl->ppid, 16, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, pl->params.pce_id);
    sqlite3_bind_int(st, 3, (int)role);
    vsgx_pcs_result_t r = VSGX_PCS_OK;
    size_t cap = *n;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            vsgx_pcs_revoked_t *grown = realloc(*list, (2 * cap + 16) * sizeof **list);
            if (!grown) {
                r = vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "out of memory");
                break;
            }
            *list = grown;
            cap = 2 * cap + 16;
        }
        BIO *b = BIO_new_mem_buf(sqlite3_column_text(st, 0), -1);
        X509 *c = b ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;
        bool ok = c && vsgx_pcs_revoked_cert(c, when, &(*list)[(*n)++]);
        X509_free(c);
        BIO_free(b);
        if (!ok) {
            r = vsgx_pcs_fail(VSGX_PCS_INVALID, err, err_len, "PCS database: a malformed PCK certificate");
            break;
        }
    }
    if (!r && rc != SQLITE_DONE)
        r = vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "PCS database: %s", sqlite3_errmsg(s->db));
    vsgx_pcs_db_done(st);
    return r;
}

/* The entry of the PCK CA of role (in the root CA CRL), revoked at `when`, as a list of one. */
static vsgx_pcs_result_t ca_serial(vsgx_pcs_store_t *s, vsgx_pcs_ca_role_t role, int64_t when,
                                   vsgx_pcs_revoked_t **list, size_t *n, char *err, size_t err_len)
{
    if (!(*list = malloc(sizeof **list)))
        return vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "out of memory");
    if (!vsgx_pcs_revoked_cert(s->ca->cert[role], when, *list))
        return vsgx_pcs_fail(VSGX_PCS_CRYPTO, err, err_len, "reading the PCK CA's serial failed");
    *n = 1;
    return VSGX_PCS_OK;
}

static vsgx_pcs_result_t publish_crls(vsgx_pcs_store_t *s, const vsgx_pcs_scenario_t *sc,
                                      const vsgx_pcs_platform_t *pl, const plan_t *plan, char *err, size_t err_len)
{
    static const vsgx_pcs_ca_role_t ROLES[3] = { VSGX_PCS_ROOT_CA, VSGX_PCS_PROCESSOR_CA, VSGX_PCS_PLATFORM_CA };
    vsgx_pcs_result_t r = VSGX_PCS_OK;
    for (int i = 0; !r && i < 3; i++) {
        vsgx_pcs_revoked_t *revoked = NULL;
        size_t n = 0;
        if (ROLES[i] == VSGX_PCS_ROOT_CA && sc->revoke_intermediate)
            r = ca_serial(s, sc->ca, plan->issued, &revoked, &n, err, err_len);
        else if (ROLES[i] == sc->ca && sc->revoke_pck)
            r = platform_serials(s, pl, sc->ca, plan->issued, &revoked, &n, err, err_len);
        vsgx_pcs_crl_params_t p = { .this_update = plan->issued, .next_update = plan->next };
        uint8_t *der = NULL;
        size_t len = 0;
        if (!r && !(r = next_crl_number(s, &p.crl_number, err, err_len)) &&
            !(r = vsgx_pcs_crl_issue(s->ca, ROLES[i], revoked, n, &p, &der, &len, err, err_len)))
            r = vsgx_pcs_store_put(s, "crl", crl_key(ROLES[i]), der, len, err, err_len);
        free(der);
        free(revoked);
    }
    return r;
}

/* The TCB levels of pl's FMSPC, best first, stored for PCK certificate selection. */
static vsgx_pcs_result_t publish_levels(vsgx_pcs_store_t *s, const vsgx_pcs_platform_t *pl, const plan_t *plan,
                                        char *err, size_t err_len)
{
    uint8_t blob[18 * VSGX_PCS_SCENARIO_MAX_LEVELS];
    for (size_t i = 0; i < plan->tcb.count; i++) {
        memcpy(blob + 18 * i, plan->tcb.tcbm[i].cpusvn.svn, 16);
        blob[18 * i + 16] = (uint8_t)plan->tcb.tcbm[i].pce_svn;
        blob[18 * i + 17] = (uint8_t)(plan->tcb.tcbm[i].pce_svn >> 8);
    }
    sqlite3_stmt *st = vsgx_pcs_db_prepare(s, "INSERT OR REPLACE INTO tcb_levels(fmspc, levels) VALUES(?, ?)", err,
                                           err_len);
    if (!st)
        return VSGX_PCS_IO;
    sqlite3_bind_blob(st, 1, pl->params.fmspc, 6, SQLITE_STATIC);
    sqlite3_bind_blob(st, 2, blob, (int)(18 * plan->tcb.count), SQLITE_STATIC);
    int rc = sqlite3_step(st);
    vsgx_pcs_db_done(st);
    return rc == SQLITE_DONE ? VSGX_PCS_OK
                             : vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "PCS database: %s", sqlite3_errmsg(s->db));
}

/* The registered platform p, its CA role set to role. */
static vsgx_pcs_result_t registered_locked(vsgx_pcs_store_t *s, const vsgx_platform_t *p, vsgx_pcs_ca_role_t role,
                                           vsgx_pcs_platform_t *pl, char *err, size_t err_len)
{
    vsgx_pce_identity_t pce;
    vsgx_pcs_pce_identity(&pce);
    uint8_t ppid[16];
    if (vsgx_pcs_ppid(p->secrets.rpk, &pce, ppid) != SGX_SUCCESS)
        return vsgx_pcs_fail(VSGX_PCS_CRYPTO, err, err_len, "deriving the PPID failed");
    vsgx_pcs_result_t r = vsgx_pcs_store_find_locked(s, ppid, p->params.pce_id, pl, NULL, err, err_len);
    if (r)
        return r;
    pl->ca_role = role;
    sqlite3_stmt *st = vsgx_pcs_db_prepare(s, "UPDATE platforms SET ca = ? WHERE ppid = ? AND pce_id = ?", err, err_len);
    if (!st)
        return VSGX_PCS_IO;
    sqlite3_bind_int(st, 1, (int)role);
    sqlite3_bind_blob(st, 2, pl->ppid, 16, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, pl->params.pce_id);
    int rc = sqlite3_step(st);
    vsgx_pcs_db_done(st);
    return rc == SQLITE_DONE ? VSGX_PCS_OK
                             : vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "PCS database: %s", sqlite3_errmsg(s->db));
}

/* sc made concrete for p at time now (scenario_levels.h); INVALID when it cannot be published. */
static vsgx_pcs_result_t make_plan(const vsgx_pcs_scenario_t *sc, const vsgx_platform_t *p, int64_t now,
                                   plan_t *plan, char *err, size_t err_len)
{
    if (sc->ca != VSGX_PCS_PROCESSOR_CA && sc->ca != VSGX_PCS_PLATFORM_CA)
        return vsgx_pcs_fail(VSGX_PCS_INVALID, err, err_len, "a platform is certified by the Processor or Platform CA");
    plan->base = (vsgx_tcbm_t){ .cpusvn = p->params.cpusvn, .pce_svn = p->params.pce_svn };
    plan->issued = now + sc->issued_days * DAY;
    plan->next = now + sc->next_update_days * DAY;
    vsgx_pcs_result_t r = vsgx_pcs_scenario_tcb_levels(sc, &plan->base, &plan->tcb, err, err_len);
    if (!r)
        r = vsgx_pcs_scenario_identity_levels(sc, "QE", sc->qe_svn, &plan->qe, err, err_len);
    return r ? r : vsgx_pcs_scenario_identity_levels(sc, "QvE", QVE_SVN, &plan->qve, err, err_len);
}

/* Publishes sc for p in one transaction, registering p first when register_it (else p must be
 * registered already). */
static vsgx_pcs_result_t publish(vsgx_pcs_store_t *s, const vsgx_pcs_scenario_t *sc, const vsgx_platform_t *p,
                                 int64_t now, bool register_it, vsgx_pcs_platform_t *out, char *err, size_t err_len)
{
    if (!now)
        now = (int64_t)time(NULL);
    plan_t plan;
    vsgx_pcs_result_t r = make_plan(sc, p, now, &plan, err, err_len);
    if (r)
        return r;
    vsgx_pcs_platform_t pl;
    char *pem = NULL;
    pthread_mutex_lock(&s->lock);
    if ((r = vsgx_pcs_db_exec(s, "BEGIN IMMEDIATE", err, err_len)))
        goto unlock;
    r = register_it ? vsgx_pcs_store_register_locked(s, p, sc->ca, &pl, err, err_len)
                    : registered_locked(s, p, sc->ca, &pl, err, err_len);
    /* The platform's own certificate exists before the CRLs are made, so that it can be revoked. */
    if (r || (r = vsgx_pcs_store_pck_locked(s, &pl, sc->ca, &plan.base, now, &pem, err, err_len)) ||
        (r = publish_levels(s, &pl, &plan, err, err_len)) || (r = publish_tcb_info(s, &pl, &plan, err, err_len)) ||
        (r = publish_identities(s, &plan, err, err_len)) || (r = publish_crls(s, sc, &pl, &plan, err, err_len)) ||
        (r = vsgx_pcs_db_exec(s, "COMMIT", err, err_len)))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
unlock:
    pthread_mutex_unlock(&s->lock);
    free(pem);
    if (!r && out)
        *out = pl;
    return r;
}

vsgx_pcs_result_t vsgx_pcs_store_apply(vsgx_pcs_store_t *s, const vsgx_pcs_scenario_t *sc, const vsgx_platform_t *p,
                                       int64_t now, char *err, size_t err_len)
{
    return publish(s, sc, p, now, false, NULL, err, err_len);
}

vsgx_pcs_result_t vsgx_pcs_store_publish(vsgx_pcs_store_t *s, const vsgx_pcs_scenario_t *sc,
                                         const vsgx_platform_t *p, int64_t now, vsgx_pcs_platform_t *out, char *err,
                                         size_t err_len)
{
    return publish(s, sc, p, now, true, out, err, err_len);
}

/* ---- serving -------------------------------------------------------------------------------- */

static vsgx_pcs_result_t get_published(vsgx_pcs_store_t *s, const char *kind, const char *key, uint8_t **body,
                                       size_t *len, char *err, size_t err_len)
{
    *body = NULL;
    pthread_mutex_lock(&s->lock);
    sqlite3_stmt *st = vsgx_pcs_db_prepare(s, "SELECT body FROM published WHERE kind = ? AND key = ?", err, err_len);
    vsgx_pcs_result_t r = VSGX_PCS_IO;
    if (st) {
        sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *len = (size_t)sqlite3_column_bytes(st, 0);
            *body = malloc(*len + 1);
            if (*body) {
                memcpy(*body, sqlite3_column_blob(st, 0), *len);
                (*body)[*len] = 0;
            }
            r = *body ? VSGX_PCS_OK : vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "out of memory");
        } else {
            r = rc == SQLITE_DONE
                    ? vsgx_pcs_fail(VSGX_PCS_NOT_FOUND, err, err_len, "nothing is published for %s %s", kind, key)
                    : vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "PCS database: %s", sqlite3_errmsg(s->db));
        }
        vsgx_pcs_db_done(st);
    }
    pthread_mutex_unlock(&s->lock);
    return r;
}

vsgx_pcs_result_t vsgx_pcs_store_tcb_info(vsgx_pcs_store_t *s, const uint8_t fmspc[6], int version,
                                          vsgx_pcs_update_t update, char **body, char *err, size_t err_len)
{
    if ((version != 2 && version != 3) || (update != VSGX_PCS_UPDATE_STANDARD && update != VSGX_PCS_UPDATE_EARLY))
        return vsgx_pcs_fail(VSGX_PCS_INVALID, err, err_len, "TCB info is version 2 or 3, update standard or early");
    char key[64], hex[13];
    vsgx_hex_encode_upper(fmspc, 6, hex);
    snprintf(key, sizeof key, "%s/%d/%s", hex, version, UPDATES[update]);
    size_t len;
    return get_published(s, "tcb", key, (uint8_t **)body, &len, err, err_len);
}

vsgx_pcs_result_t vsgx_pcs_store_identity(vsgx_pcs_store_t *s, const char *id, vsgx_pcs_update_t update,
                                          char **body, char *err, size_t err_len)
{
    if ((strcmp(id, "QE") && strcmp(id, "QVE")) ||
        (update != VSGX_PCS_UPDATE_STANDARD && update != VSGX_PCS_UPDATE_EARLY))
        return vsgx_pcs_fail(VSGX_PCS_INVALID, err, err_len, "an identity is QE or QVE, update standard or early");
    char key[32];
    snprintf(key, sizeof key, "%s/%s", id, UPDATES[update]);
    size_t len;
    return get_published(s, "identity", key, (uint8_t **)body, &len, err, err_len);
}

vsgx_pcs_result_t vsgx_pcs_store_crl(vsgx_pcs_store_t *s, vsgx_pcs_ca_role_t role, uint8_t **der, size_t *len,
                                     char *err, size_t err_len)
{
    if (role != VSGX_PCS_ROOT_CA && role != VSGX_PCS_PROCESSOR_CA && role != VSGX_PCS_PLATFORM_CA)
        return vsgx_pcs_fail(VSGX_PCS_INVALID, err, err_len, "CRLs come from the root, Processor or Platform CA");
    return get_published(s, "crl", crl_key(role), der, len, err, err_len);
}

/* One pckcerts entry: {"tcb":{...},"tcbm":"...","cert":"<PEM, JSON-escaped>"}. */
static void put_pck_entry(FILE *f, const vsgx_tcbm_t *t, int api_version, const char *pem)
{
    fputs("{\"tcb\":{", f);
    for (int i = 0; i < 16; i++) {
        if (api_version >= 4)
            fprintf(f, "%s{\"svn\":%u,\"category\":\"\",\"type\":\"\"}", i ? "," : "\"sgxtcbcomponents\":[",
                    t->cpusvn.svn[i]);
        else
            fprintf(f, "%s\"sgxtcbcomp%02dsvn\":%u", i ? "," : "", i + 1, t->cpusvn.svn[i]);
    }
    uint8_t tcbm[18];
    memcpy(tcbm, t->cpusvn.svn, 16);
    tcbm[16] = (uint8_t)t->pce_svn;
    tcbm[17] = (uint8_t)(t->pce_svn >> 8);
    char hex[37];
    vsgx_hex_encode_upper(tcbm, 18, hex);
    fprintf(f, "%s,\"pcesvn\":%u},\"tcbm\":\"%s\",\"cert\":\"", api_version >= 4 ? "]" : "", t->pce_svn, hex);
    for (const char *c = pem; *c; c++)
        *c == '\n' ? fputs("\\n", f) : fputc(*c, f);
    fputs("\"}", f);
}

vsgx_pcs_result_t vsgx_pcs_store_pck_certs(vsgx_pcs_store_t *s, const vsgx_pcs_platform_t *pl, int api_version,
                                           char **json, char *err, size_t err_len)
{
    *json = NULL;
    size_t len = 0;
    vsgx_pcs_levels_t lv;
    pthread_mutex_lock(&s->lock);
    vsgx_pcs_result_t r = vsgx_pcs_store_levels_locked(s, pl->params.fmspc, &lv, err, err_len);
    FILE *f = r ? NULL : open_memstream(json, &len);
    if (!r && !f)
        r = vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "out of memory");
    for (size_t i = 0; !r && i < lv.count; i++) {
        char *pem = NULL;
        if (!(r = vsgx_pcs_store_pck_locked(s, pl, pl->ca_role, &lv.level[i], 0, &pem, err, err_len))) {
            fputs(i ? "," : "[", f);
            put_pck_entry(f, &lv.level[i], api_version, pem);
        }
        free(pem);
    }
    pthread_mutex_unlock(&s->lock);
    if (f) {
        fputs("]", f);
        if (fclose(f) != 0 && !r)
            r = vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "out of memory");
    }
    if (r) {
        free(*json);
        *json = NULL;
    }
    return r;
}
