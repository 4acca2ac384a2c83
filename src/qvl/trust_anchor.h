/* trust_anchor.h — what the verifier knows about a trust anchor: the certificate, its raw
 * public key, its signature bytes (Intel compares the chain root's signature with the
 * anchor's), and the root key ID of the supplemental data (SHA-384 of 04 || X || Y). */
#ifndef VSGX_QVL_TRUST_ANCHOR_H
#define VSGX_QVL_TRUST_ANCHOR_H

#include <stddef.h>
#include <stdint.h>

#include "vsgx/qvl.h"
#include "cert.h"

struct vsgx_trust_anchor {
    vsgx_cert_t *cert;      /* cert->pubkey and cert->signature are what chains are compared with */
    uint8_t key_id[48];
    uint8_t cache_id[32];   /* SHA-256(key_id || sig): identifies the anchor in caches */
};

#endif
