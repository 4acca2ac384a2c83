/* dates.c — the collateral's time window, as Intel's QvE computes it: earliest and latest issue
 * dates and the earliest expiration over every CRL, every certificate of every chain, the TCB
 * info and the QE identity. Expired means earliest expiration <= now; vsgx also reports "not
 * yet valid" when now is before the latest issue date, which Intel does not check. */
#include "verify.h"

typedef struct {
    int64_t earliest_issue, latest_issue, earliest_expiration;
} window_t;

static void include(window_t *w, int64_t issue, int64_t expiry)
{
    if (issue < w->earliest_issue)
        w->earliest_issue = issue;
    if (issue > w->latest_issue)
        w->latest_issue = issue;
    if (expiry < w->earliest_expiration)
        w->earliest_expiration = expiry;
}

static void include_chain(window_t *w, const vsgx_chain_t *ch)
{
    for (int i = 0; i < ch->n; i++)
        include(w, ch->certs[i]->not_before, ch->certs[i]->not_after);
}

static void include_crl(window_t *w, const vsgx_crl_t *crl)
{
    include(w, crl->this_update, crl->next_update);
}

void vsgx_collateral_dates(const vsgx_collateral_t *c, const vsgx_pck_t *p, int64_t now, vsgx_qvl_verdict_t *v)
{
    window_t w = { INT64_MAX, INT64_MIN, INT64_MAX };
    include_crl(&w, c->root_ca_crl);
    include_crl(&w, c->pck_crl);
    include_chain(&w, &c->pck_crl_issuer_chain);
    include_chain(&w, &p->chain);
    include_chain(&w, &c->tcb_info_issuer_chain);
    include_chain(&w, &c->qe_identity_issuer_chain);
    include(&w, c->tcb_info.issue_date, c->tcb_info.next_update);
    include(&w, c->qe_identity.issue_date, c->qe_identity.next_update);
    v->earliest_issue = w.earliest_issue;
    v->latest_issue = w.latest_issue;
    v->earliest_expiration = w.earliest_expiration;
    v->collateral_expired = w.earliest_expiration <= now;
    v->collateral_not_yet_valid = now < w.latest_issue;
}
