/* scenario_levels.c — a scenario's TCB and identity levels for one platform: computed, sorted
 * best first, coinciding ones refused (see scenario_levels.h). */
#include "scenario_levels.h"

#include <stdbool.h>
#include <string.h>

#include "hex.h"

static int clamp(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

static const char *name_of(const vsgx_pcs_scenario_t *sc) { return sc->name[0] ? sc->name : "(unnamed)"; }

static vsgx_pcs_result_t check_count(const vsgx_pcs_scenario_t *sc, const char *kind, size_t count, char *err,
                                     size_t err_len)
{
    if (count >= 1 && count <= VSGX_PCS_SCENARIO_MAX_LEVELS)
        return VSGX_PCS_OK;
    return vsgx_pcs_fail(VSGX_PCS_INVALID, err, err_len, "scenario %s: %zu %s levels (1..%d are allowed)", name_of(sc),
                         count, kind, VSGX_PCS_SCENARIO_MAX_LEVELS);
}

/* The level DELTA from base: every non-zero component (the first when all are zero) and the PCE
 * SVN moved by delta, within their range. */
static void level_tcbm(const vsgx_tcbm_t *base, int delta, vsgx_tcbm_t *out)
{
    bool any = false;
    for (int i = 0; i < 16; i++)
        any |= base->cpusvn.svn[i] != 0;
    for (int i = 0; i < 16; i++) {
        int v = base->cpusvn.svn[i];
        out->cpusvn.svn[i] = (uint8_t)((v || (!any && i == 0)) ? clamp(v + delta, 0, 255) : 0);
    }
    out->pce_svn = (uint16_t)clamp(base->pce_svn + delta, 0, 65535);
}

/* <0, 0, >0 as a is worse than, the same as, better than b: the 16 components, then the PCE SVN. */
static int tcbm_cmp(const vsgx_tcbm_t *a, const vsgx_tcbm_t *b)
{
    int c = memcmp(a->cpusvn.svn, b->cpusvn.svn, 16);
    return c ? c : (int)a->pce_svn - (int)b->pce_svn;
}

vsgx_pcs_result_t vsgx_pcs_scenario_tcb_levels(const vsgx_pcs_scenario_t *sc, const vsgx_tcbm_t *base,
                                               vsgx_pcs_tcb_levels_t *out, char *err, size_t err_len)
{
    vsgx_pcs_result_t r = check_count(sc, "tcb", sc->tcb_count, err, err_len);
    if (r)
        return r;
    out->count = sc->tcb_count;
    for (size_t i = 0; i < sc->tcb_count; i++) { /* insertion sort, best first */
        vsgx_tcbm_t t;
        level_tcbm(base, sc->tcb[i].delta, &t);
        size_t j = i;
        for (; j > 0 && tcbm_cmp(&out->tcbm[j - 1], &t) < 0; j--) {
            out->tcbm[j] = out->tcbm[j - 1];
            out->from[j] = out->from[j - 1];
        }
        out->tcbm[j] = t;
        out->from[j] = &sc->tcb[i];
    }
    for (size_t i = 1; i < out->count; i++)
        if (!tcbm_cmp(&out->tcbm[i - 1], &out->tcbm[i])) {
            char cpusvn[33];
            vsgx_hex_encode(out->tcbm[i].cpusvn.svn, 16, cpusvn);
            return vsgx_pcs_fail(VSGX_PCS_INVALID, err, err_len,
                                 "scenario %s: levels 'tcb %d' and 'tcb %d' are the same TCB on this platform"
                                 " (CPUSVN %s, PCE SVN %u: SVNs stop at 0 and at their maximum); remove one",
                                 name_of(sc), out->from[i - 1]->delta, out->from[i]->delta, cpusvn,
                                 out->tcbm[i].pce_svn);
        }
    return VSGX_PCS_OK;
}

vsgx_pcs_result_t vsgx_pcs_scenario_identity_levels(const vsgx_pcs_scenario_t *sc, const char *what, uint16_t base,
                                                    vsgx_pcs_identity_levels_t *out, char *err, size_t err_len)
{
    vsgx_pcs_result_t r = check_count(sc, "qe", sc->qe_count, err, err_len);
    if (r)
        return r;
    out->count = sc->qe_count;
    for (size_t i = 0; i < sc->qe_count; i++) {
        uint16_t svn = (uint16_t)clamp(base + sc->qe[i].delta, 0, 65535);
        size_t j = i;
        for (; j > 0 && out->isvsvn[j - 1] < svn; j--) {
            out->isvsvn[j] = out->isvsvn[j - 1];
            out->from[j] = out->from[j - 1];
        }
        out->isvsvn[j] = svn;
        out->from[j] = &sc->qe[i];
    }
    for (size_t i = 1; i < out->count; i++)
        if (out->isvsvn[i - 1] == out->isvsvn[i])
            return vsgx_pcs_fail(VSGX_PCS_INVALID, err, err_len,
                                 "scenario %s: levels 'qe %d' and 'qe %d' are the same %s ISVSVN (%u: SVNs stop at"
                                 " 0 and at their maximum); remove one",
                                 name_of(sc), out->from[i - 1]->delta, out->from[i]->delta, what, out->isvsvn[i]);
    return VSGX_PCS_OK;
}
