/* context.c — the verification cache (see context.h). */
#include "context.h"

#include <stdlib.h>
#include <string.h>

vsgx_qvl_ctx_t *vsgx_qvl_ctx_new(void)
{
    return calloc(1, sizeof(vsgx_qvl_ctx_t));
}

void vsgx_qvl_ctx_free(vsgx_qvl_ctx_t *ctx)
{
    if (!ctx)
        return;
    for (int i = 0; i < VSGX_CTX_SLOTS; i++)
        if (ctx->pck[i].used)
            vsgx_pck_free(&ctx->pck[i].pck);
    free(ctx);
}

bool vsgx_ctx_collateral_trusted(const vsgx_qvl_ctx_t *ctx, const vsgx_collateral_t *c, const vsgx_trust_anchor_t *a)
{
    const uint8_t *key = vsgx_collateral_digest(c);
    for (int i = 0; i < VSGX_CTX_SLOTS; i++) {
        const vsgx_ctx_collateral_entry_t *e = &ctx->collateral[i];
        if (e->used && memcmp(e->key, key, 32) == 0 && memcmp(e->anchor, a->cache_id, 32) == 0)
            return true;
    }
    return false;
}

void vsgx_ctx_collateral_remember(vsgx_qvl_ctx_t *ctx, const vsgx_collateral_t *c, const vsgx_trust_anchor_t *a)
{
    vsgx_ctx_collateral_entry_t *e = &ctx->collateral[ctx->next_collateral++ % VSGX_CTX_SLOTS];
    e->used = true;
    memcpy(e->key, vsgx_collateral_digest(c), 32);
    memcpy(e->anchor, a->cache_id, 32);
}

const vsgx_pck_t *vsgx_ctx_pck_find(const vsgx_qvl_ctx_t *ctx, const uint8_t key[32], const vsgx_trust_anchor_t *a)
{
    for (int i = 0; i < VSGX_CTX_SLOTS; i++) {
        const vsgx_ctx_pck_entry_t *e = &ctx->pck[i];
        if (e->used && memcmp(e->key, key, 32) == 0 && memcmp(e->anchor, a->cache_id, 32) == 0)
            return &e->pck;
    }
    return NULL;
}

const vsgx_pck_t *vsgx_ctx_pck_remember(vsgx_qvl_ctx_t *ctx, const uint8_t key[32], const vsgx_trust_anchor_t *a,
                                        vsgx_pck_t *p)
{
    vsgx_ctx_pck_entry_t *e = &ctx->pck[ctx->next_pck++ % VSGX_CTX_SLOTS];
    if (e->used)
        vsgx_pck_free(&e->pck);
    e->used = true;
    memcpy(e->key, key, 32);
    memcpy(e->anchor, a->cache_id, 32);
    e->pck = *p;
    memset(p, 0, sizeof *p);
    return &e->pck;
}
