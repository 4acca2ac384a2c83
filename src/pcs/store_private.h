/* store_private.h — what store.c (state, platforms, PCK certificates) and store_publish.c
 * (scenarios into collateral) share: the store itself and small SQLite helpers. */
#ifndef VSGX_PCS_STORE_PRIVATE_H
#define VSGX_PCS_STORE_PRIVATE_H

#include <pthread.h>
#include <sqlite3.h>

#include "store.h"

/* Encrypted PPIDs already decrypted (an RSA-3072 decryption costs about 2 ms; a PCCS sends
 * the same ciphertext again and again): SHA-256 of the ciphertext -> PPID, direct-mapped. */
#define VSGX_PCS_PPID_CACHE 256
typedef struct {
    bool used;
    uint8_t digest[32];
    uint8_t ppid[VSGX_PPID_SIZE];
} vsgx_pcs_ppid_entry_t;

/* Prepared statements, kept for the store's life: keyed by the address of their SQL text (a
 * string literal at one place in the code). */
#define VSGX_PCS_STMT_CACHE 24
typedef struct {
    const char *sql;
    sqlite3_stmt *st;
} vsgx_pcs_stmt_entry_t;

struct vsgx_pcs_store {
    pthread_mutex_t lock; /* one caller at a time on the connection and across transactions */
    sqlite3 *db;
    vsgx_pcs_ca_t *ca;
    EVP_PKEY *pek_private, *pek_public;
    char *chain[VSGX_PCS_CA_COUNT]; /* issuer chains (PEM) of the PCK CAs and TCB Signing */
    vsgx_pcs_ppid_entry_t ppid_cache[VSGX_PCS_PPID_CACHE]; /* under lock */
    vsgx_pcs_stmt_entry_t stmts[VSGX_PCS_STMT_CACHE];       /* under lock */
};

/* The TCB levels published for an FMSPC, in TCB info order (best first): raw CPUSVN (= the
 * components for tcbType 0) and PCE SVN. */
typedef struct {
    size_t count;
    vsgx_tcbm_t level[VSGX_PCS_SCENARIO_MAX_LEVELS];
} vsgx_pcs_levels_t;

/* The prepared statement of sql (a string literal: prepared once, then reused), or NULL after
 * reporting the SQLite error. Caller holds the lock and hands it back with vsgx_pcs_db_done. */
sqlite3_stmt *vsgx_pcs_db_prepare(vsgx_pcs_store_t *s, const char *sql, char *err, size_t err_len);
/* Resets a statement from vsgx_pcs_db_prepare for its next use. */
void vsgx_pcs_db_done(sqlite3_stmt *st);
/* Runs statements that return no rows. */
vsgx_pcs_result_t vsgx_pcs_db_exec(vsgx_pcs_store_t *s, const char *sql, char *err, size_t err_len);
/* Registers p (vsgx_pcs_store_register). Caller holds the lock. */
vsgx_pcs_result_t vsgx_pcs_store_register_locked(vsgx_pcs_store_t *s, const vsgx_platform_t *p,
                                                 vsgx_pcs_ca_role_t ca_role, vsgx_pcs_platform_t *out, char *err,
                                                 size_t err_len);
/* The store's PCK certificate of pl at tcbm by role, issued and recorded when missing (when two
 * processes issue one at once, both get the one stored first). Caller holds the lock. */
vsgx_pcs_result_t vsgx_pcs_store_pck_locked(vsgx_pcs_store_t *s, const vsgx_pcs_platform_t *pl,
                                            vsgx_pcs_ca_role_t role, const vsgx_tcbm_t *tcbm, int64_t now,
                                            char **pem, char *err, size_t err_len);
/* The platform row of (ppid, pce_id), and its RPK when rpk is not NULL. Caller holds the lock. */
vsgx_pcs_result_t vsgx_pcs_store_find_locked(vsgx_pcs_store_t *s, const uint8_t ppid[16], uint16_t pce_id,
                                             vsgx_pcs_platform_t *out, uint8_t *rpk, char *err, size_t err_len);
/* The TCB levels of an FMSPC (NOT_FOUND when none are published). Caller holds the lock. */
vsgx_pcs_result_t vsgx_pcs_store_levels_locked(vsgx_pcs_store_t *s, const uint8_t fmspc[6],
                                               vsgx_pcs_levels_t *out, char *err, size_t err_len);
/* Stores one published item (kind "tcb", "identity", "crl"; key e.g. "00906ED50000/3/standard")
 * replacing any previous one. Caller holds the lock inside a transaction. */
vsgx_pcs_result_t vsgx_pcs_store_put(vsgx_pcs_store_t *s, const char *kind, const char *key, const void *body,
                                     size_t len, char *err, size_t err_len);

#endif
