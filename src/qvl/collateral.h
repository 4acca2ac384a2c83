/* collateral.h — the parsed collateral behind vsgx_collateral_t: issuer chains, CRLs, TCB info
 * and QE identity, each kept with the exact bytes it was parsed from. The loaders in
 * collateral_load.c fill it from files, Intel's structure or dcap-qvl JSON; the verifier reads
 * it. Parsing checks form only; trust is the verifier's business. */
#ifndef VSGX_QVL_COLLATERAL_H
#define VSGX_QVL_COLLATERAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "collateral_json.h"
#include "vsgx/qvl.h"
#include "cert.h"
#include "crl.h"

typedef struct {
    vsgx_cert_t *certs[VSGX_MAX_CHAIN];
    int n;
} vsgx_chain_t;

/* The raw inputs, as handed to a loader. Text members need not be NUL-terminated. */
typedef struct {
    uint32_t version;                   /* sgx_ql_qve_collateral_t version; 0 when unknown */
    uint32_t tee_type;
    const uint8_t *pck_crl_issuer_chain; size_t pck_crl_issuer_chain_len;
    const uint8_t *root_ca_crl;         size_t root_ca_crl_len;
    const uint8_t *pck_crl;             size_t pck_crl_len;
    const uint8_t *tcb_info_issuer_chain; size_t tcb_info_issuer_chain_len;
    const uint8_t *tcb_info;            size_t tcb_info_len;
    const uint8_t *tcb_info_sig_hex;    size_t tcb_info_sig_hex_len;  /* set: tcb_info is the inner form */
    const uint8_t *qe_identity_issuer_chain; size_t qe_identity_issuer_chain_len;
    const uint8_t *qe_identity;         size_t qe_identity_len;
    const uint8_t *qe_identity_sig_hex; size_t qe_identity_sig_hex_len;
    const uint8_t *pck_chain;           size_t pck_chain_len;         /* optional */
} vsgx_collateral_parts_t;

struct vsgx_collateral {
    uint32_t version;
    uint32_t tee_type;
    vsgx_chain_t pck_crl_issuer_chain;
    vsgx_chain_t tcb_info_issuer_chain;
    vsgx_chain_t qe_identity_issuer_chain;
    vsgx_chain_t pck_chain;             /* empty unless given for quotes without one */
    vsgx_crl_t *root_ca_crl;
    vsgx_crl_t *pck_crl;
    char *tcb_info_text;                /* owned copies the parsed JSON points into */
    char *qe_identity_text;
    vsgx_tcb_info_t tcb_info;
    vsgx_enclave_identity_t qe_identity;
    /* The cache key: SHA-256 over every byte the checks read, computed on first use. */
    uint8_t digest[32];
    atomic_bool digest_ready;
    pthread_mutex_t digest_lock;
};

/* The collateral's cache key (thread-safe; computed once, so a const collateral caches it). */
const uint8_t *vsgx_collateral_digest(const vsgx_collateral_t *c);

/* Builds a collateral object from raw parts. */
quote3_error_t vsgx_collateral_build(const vsgx_collateral_parts_t *parts, vsgx_collateral_t **out,
                                     vsgx_qvl_failure_t *why);

#endif
