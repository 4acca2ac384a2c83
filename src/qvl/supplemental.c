/* supplemental.c — Intel's supplemental data (sgx_ql_qv_supplemental_t, version 3.3) for a
 * successful or non-terminal verdict: collateral dates, CRL numbers, the TCB evaluation
 * number, root key ID, the PCK certificate's platform facts, and the advisory list. */
#include <stdio.h>
#include <string.h>

#include "verify.h"

static int64_t chain_min_not_before(const vsgx_chain_t *ch)
{
    int64_t t = INT64_MAX;
    for (int i = 0; i < ch->n; i++) {
        int64_t nb = ch->certs[i]->not_before;
        t = nb < t ? nb : t;
    }
    return t;
}

static int64_t chain_max_not_before(const vsgx_chain_t *ch)
{
    int64_t t = INT64_MIN;
    for (int i = 0; i < ch->n; i++) {
        int64_t nb = ch->certs[i]->not_before;
        t = nb > t ? nb : t;
    }
    return t;
}

static int64_t chain_min_not_after(const vsgx_chain_t *ch)
{
    int64_t t = INT64_MAX;
    for (int i = 0; i < ch->n; i++) {
        int64_t na = ch->certs[i]->not_after;
        t = na < t ? na : t;
    }
    return t;
}

static void sa_list(const vsgx_qvl_verdict_t *v, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < v->advisory_count; i++) {
        int n = snprintf(out + used, size - used, "%s%s", i ? "," : "", v->advisory_ids[i]);
        if (n < 0 || (size_t)n >= size - used) {
            out[used] = '\0'; /* the list is cut at a whole ID */
            return;
        }
        used += (size_t)n;
    }
}

void vsgx_supplemental_fill(const vsgx_quote_t *q, const vsgx_pck_t *p, const vsgx_collateral_t *c,
                            const vsgx_trust_anchor_t *a, const vsgx_selected_levels_t *sel, vsgx_qvl_verdict_t *v)
{
    sgx_ql_qv_supplemental_t *s = &v->supplemental;
    const vsgx_pck_ext_t *e = &p->ext;
    memset(s, 0, sizeof *s);
    s->major_version = SUPPLEMENTAL_DATA_VERSION;
    s->minor_version = SUPPLEMENTAL_V3_LATEST_MINOR_VERSION;
    s->earliest_issue_date = (time_t)v->earliest_issue;
    s->latest_issue_date = (time_t)v->latest_issue;
    s->earliest_expiration_date = (time_t)v->earliest_expiration;
    s->tcb_level_date_tag = (time_t)v->tcb_date;
    s->pck_crl_num = c->pck_crl->crl_number > UINT32_MAX ? 0 : (uint32_t)c->pck_crl->crl_number;
    s->root_ca_crl_num = c->root_ca_crl->crl_number > UINT32_MAX ? 0 : (uint32_t)c->root_ca_crl->crl_number;
    uint32_t tcb_eval = c->tcb_info.tcb_evaluation_data_number, qe_eval = c->qe_identity.tcb_evaluation_data_number;
    s->tcb_eval_ref_num = tcb_eval < qe_eval ? tcb_eval : qe_eval;
    memcpy(s->root_key_id, a->key_id, sizeof s->root_key_id);
    memcpy(s->pck_ppid, e->ppid, 16);
    memcpy(s->tcb_cpusvn.svn, e->cpusvn, 16);
    s->tcb_pce_isvsvn = e->pcesvn;
    s->pce_id = (uint16_t)(e->pce_id[0] | e->pce_id[1] << 8);
    s->tee_type = q->tee_type;
    s->sgx_type = e->sgx_type;
    s->dynamic_platform = s->cached_keys = s->smt_enabled = PCK_FLAG_UNDEFINED;
    if (e->sgx_type != 0) {
        memcpy(s->platform_instance_id, e->platform_instance_id, 16);
        s->dynamic_platform = e->dynamic_platform;
        s->cached_keys = e->cached_keys;
        s->smt_enabled = e->smt_enabled;
    }
    sa_list(v, s->sa_list, sizeof s->sa_list);
    /* The QE identity's own window, as Intel dates it: from its issuer chain. */
    s->qe_iden_earliest_issue_date = (time_t)chain_min_not_before(&c->qe_identity_issuer_chain);
    s->qe_iden_latest_issue_date = (time_t)chain_max_not_before(&c->qe_identity_issuer_chain);
    s->qe_iden_earliest_expiration_date = (time_t)chain_min_not_after(&c->qe_identity_issuer_chain);
    s->qe_iden_tcb_level_date_tag = (time_t)sel->qe_level->tcb_date;
    s->qe_iden_tcb_eval_ref_num = qe_eval;
    s->qe_iden_status = vsgx_tcb_status_result(sel->qe_level->status);
}
