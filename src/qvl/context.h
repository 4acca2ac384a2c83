/* context.h — the verification cache behind vsgx_qvl_ctx_t: which collateral objects have
 * been found trustworthy under which anchor, and parsed, verified PCK chains keyed by the
 * SHA-256 of the quote's certification data. Entries are replaced round-robin. */
#ifndef VSGX_QVL_CONTEXT_H
#define VSGX_QVL_CONTEXT_H

#include "verify.h"

#define VSGX_CTX_SLOTS 64

typedef struct {
    bool used;
    uint8_t key[32];
    uint8_t anchor[32];
} vsgx_ctx_collateral_entry_t;

typedef struct {
    bool used;
    uint8_t key[32];
    uint8_t anchor[32];
    vsgx_pck_t pck;
} vsgx_ctx_pck_entry_t;

struct vsgx_qvl_ctx {
    vsgx_ctx_collateral_entry_t collateral[VSGX_CTX_SLOTS];
    vsgx_ctx_pck_entry_t pck[VSGX_CTX_SLOTS];
    unsigned next_collateral, next_pck;
};

bool vsgx_ctx_collateral_trusted(const vsgx_qvl_ctx_t *ctx, const vsgx_collateral_t *c, const vsgx_trust_anchor_t *a);
void vsgx_ctx_collateral_remember(vsgx_qvl_ctx_t *ctx, const vsgx_collateral_t *c, const vsgx_trust_anchor_t *a);
/* A verified chain for these certification data bytes, or NULL. */
const vsgx_pck_t *vsgx_ctx_pck_find(const vsgx_qvl_ctx_t *ctx, const uint8_t key[32], const vsgx_trust_anchor_t *a);
/* Takes ownership of *p. */
const vsgx_pck_t *vsgx_ctx_pck_remember(vsgx_qvl_ctx_t *ctx, const uint8_t key[32], const vsgx_trust_anchor_t *a,
                                        vsgx_pck_t *p);

#endif
