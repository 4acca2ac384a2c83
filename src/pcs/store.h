/* store.h — the simulated PCS's state: a directory (default $VSGX_PCS, else
 * ~/.local/share/vsgx/pcs) holding its CAs (ca.h), its PPID encryption key (ppid_crypto.h) and
 * pcs.db, an SQLite database of the platforms registered at manufacturing (PPID, PCE-ID, RPK,
 * FMSPC, ...), the PCK certificates issued (one per platform, TCBm and CA, reused), and the
 * collateral published by the last scenario applied (signed bodies and CRLs, exactly as
 * served). Every function is safe to call from several threads on one store (one connection,
 * serialised), and several processes may share the directory. Applying or publishing a scenario
 * is one transaction: when it fails, the database is as it was. Registering a platform, and
 * issuing a PCK certificate when one is first asked for, are each a single statement. */
#ifndef VSGX_PCS_STORE_H
#define VSGX_PCS_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ca.h"
#include "pck.h"
#include "platform.h"
#include "ppid_crypto.h"
#include "scenario.h"

#define VSGX_PCS_DB_FILE "pcs.db"

typedef struct vsgx_pcs_store vsgx_pcs_store_t;

/* A platform as the PCS knows it. */
typedef struct {
    uint8_t ppid[VSGX_PPID_SIZE];
    vsgx_platform_params_t params;   /* as registered; cpusvn/pce_svn: its TCB then */
    vsgx_pcs_ca_role_t ca_role;      /* which PCK CA certifies it */
} vsgx_pcs_platform_t;

typedef enum { VSGX_PCS_UPDATE_STANDARD = 0, VSGX_PCS_UPDATE_EARLY } vsgx_pcs_update_t;

/* $VSGX_PCS, else ~/.local/share/vsgx/pcs. New string (free()) or NULL. */
char *vsgx_pcs_default_dir(void);

/* Opens the PCS state in dir. create: makes what is missing (the directory 0700, the CAs, the
 * PPID encryption key, the database). Without it, NOT_FOUND when there is none. */
vsgx_pcs_result_t vsgx_pcs_store_open(const char *dir, bool create, vsgx_pcs_store_t **out, char *err,
                                      size_t err_len);
void vsgx_pcs_store_close(vsgx_pcs_store_t *s);

const vsgx_pcs_ca_t *vsgx_pcs_store_ca(const vsgx_pcs_store_t *s);
/* The issuer chain (PEM: the certificate of role, then the root) that headers and collateral
 * files carry, for VSGX_PCS_PROCESSOR_CA, VSGX_PCS_PLATFORM_CA and VSGX_PCS_TCB_SIGNING; NULL
 * for another role. Owned by the store. */
const char *vsgx_pcs_store_issuer_chain(const vsgx_pcs_store_t *s, vsgx_pcs_ca_role_t role);
/* The PCS's PPID encryption public key (owned by the store). */
EVP_PKEY *vsgx_pcs_store_pek(const vsgx_pcs_store_t *s);

/* The PCE identity the simulated PCS derives PCK keys for (Intel's PCE: Intel's MRSIGNER,
 * ISVPRODID 3, PROVISIONKEY). */
void vsgx_pcs_pce_identity(vsgx_pce_identity_t *out);

/* Registers a platform (its RPK and parameters) with the PCS, as Intel does at manufacturing;
 * registering the same platform again updates its CA role. out may be NULL. */
vsgx_pcs_result_t vsgx_pcs_store_register(vsgx_pcs_store_t *s, const vsgx_platform_t *p, vsgx_pcs_ca_role_t ca_role,
                                          vsgx_pcs_platform_t *out, char *err, size_t err_len);
/* Finds a platform by its encrypted PPID (as the PCE sends it) or its PPID, and PCE-ID.
 * NOT_FOUND: no such platform; INVALID: the ciphertext does not decrypt. A ciphertext seen
 * before is not decrypted again (a cache of 256 recent ones, in memory). */
vsgx_pcs_result_t vsgx_pcs_store_find_encrypted(vsgx_pcs_store_t *s, const uint8_t enc_ppid[VSGX_PPID_ENC_SIZE],
                                                uint16_t pce_id, vsgx_pcs_platform_t *out, char *err,
                                                size_t err_len);
vsgx_pcs_result_t vsgx_pcs_store_find(vsgx_pcs_store_t *s, const uint8_t ppid[VSGX_PPID_SIZE], uint16_t pce_id,
                                      vsgx_pcs_platform_t *out, char *err, size_t err_len);

/* The PCK certificate (PEM) of pl for the raw TCB: as Intel's PCS selects it, at the highest
 * TCB level of pl's FMSPC's TCB info that the raw TCB dominates (*tcbm receives it). Issued
 * once per platform, TCBm and CA, then reused. NOT_FOUND: no TCB info for the FMSPC, or no
 * level at or below the raw TCB. */
vsgx_pcs_result_t vsgx_pcs_store_pck_cert(vsgx_pcs_store_t *s, const vsgx_pcs_platform_t *pl,
                                          const vsgx_tcbm_t *raw, char **pem, vsgx_tcbm_t *tcbm, char *err,
                                          size_t err_len);
/* The PCK certificate of pl at exactly tcbm (issued if needed). */
vsgx_pcs_result_t vsgx_pcs_store_pck_cert_at(vsgx_pcs_store_t *s, const vsgx_pcs_platform_t *pl,
                                             const vsgx_tcbm_t *tcbm, char **pem, char *err, size_t err_len);
/* The pckcerts body for pl: a JSON array with one entry per TCB level of its FMSPC (best
 * first), {"tcb":{...},"tcbm":"<hex>","cert":"<PEM>"}; api_version 4: "sgxtcbcomponents"
 * [{"svn":N,"category":"","type":""}...] as Intel's PCS writes them, 3: sgxtcbcomp01svn..16svn;
 * both with "pcesvn". NOT_FOUND: no TCB info for the FMSPC. */
vsgx_pcs_result_t vsgx_pcs_store_pck_certs(vsgx_pcs_store_t *s, const vsgx_pcs_platform_t *pl, int api_version,
                                           char **json, char *err, size_t err_len);

/* Published collateral, as served: the TCB info body for fmspc (version 3 or 2), the QE or
 * QVE identity body (id "QE" or "QVE"), a CRL (VSGX_PCS_ROOT_CA, VSGX_PCS_PROCESSOR_CA,
 * VSGX_PCS_PLATFORM_CA) as DER. NOT_FOUND when nothing is published for it. New buffers. */
vsgx_pcs_result_t vsgx_pcs_store_tcb_info(vsgx_pcs_store_t *s, const uint8_t fmspc[6], int version,
                                          vsgx_pcs_update_t update, char **body, char *err, size_t err_len);
vsgx_pcs_result_t vsgx_pcs_store_identity(vsgx_pcs_store_t *s, const char *id, vsgx_pcs_update_t update,
                                          char **body, char *err, size_t err_len);
vsgx_pcs_result_t vsgx_pcs_store_crl(vsgx_pcs_store_t *s, vsgx_pcs_ca_role_t role, uint8_t **der, size_t *len,
                                     char *err, size_t err_len);

/* Publishes a scenario for platform p (registered: else NOT_FOUND), at time now (0: the current
 * time), in one transaction: p's CA role, the TCB info of its FMSPC (levels relative to p's
 * current TCB, sorted best first; INVALID when the scenario has 0 or more than 16 tcb or qe
 * levels, or two of them come out the same on p, e.g. "tcb 0" and "tcb -1" for a platform whose
 * CPUSVN and PCE SVN are all 0), the QE and QVE identities, the root and PCK CRLs with the
 * scenario's revocations (every PCK certificate of p from its CA when it revokes pck). Replaces
 * what was published before (the CRLs and identities are global: the last scenario applied
 * wins). */
vsgx_pcs_result_t vsgx_pcs_store_apply(vsgx_pcs_store_t *s, const vsgx_pcs_scenario_t *sc, const vsgx_platform_t *p,
                                       int64_t now, char *err, size_t err_len);
/* Registers p (as vsgx_pcs_store_register, with the scenario's CA) and applies sc for it, in one
 * transaction: both happen or neither. out (may be NULL) receives the platform. */
vsgx_pcs_result_t vsgx_pcs_store_publish(vsgx_pcs_store_t *s, const vsgx_pcs_scenario_t *sc,
                                         const vsgx_platform_t *p, int64_t now, vsgx_pcs_platform_t *out, char *err,
                                         size_t err_len);

#endif
