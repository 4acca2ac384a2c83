/* store.c — the simulated PCS's state (see store.h): opening and creating it, registering
 * platforms, finding them by (encrypted) PPID, and issuing PCK certificates as Intel's PCS
 * selects them. Publishing scenarios is store_publish.c. */
#include "store_private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/pem.h>

#include "hex.h"
#include "pck_cert.h"
#include "pcs_crl.h"

static const char SCHEMA[] =
    "PRAGMA journal_mode=WAL;"
    "CREATE TABLE IF NOT EXISTS platforms(ppid BLOB NOT NULL, pce_id INTEGER NOT NULL, rpk BLOB NOT NULL,"
    " fmspc BLOB NOT NULL, sgx_type INTEGER NOT NULL, instance_id BLOB NOT NULL, cpusvn BLOB NOT NULL,"
    " pce_svn INTEGER NOT NULL, ca INTEGER NOT NULL, PRIMARY KEY(ppid, pce_id));"
    "CREATE TABLE IF NOT EXISTS pck_certs(ppid BLOB NOT NULL, pce_id INTEGER NOT NULL, tcbm BLOB NOT NULL,"
    " ca INTEGER NOT NULL, pem TEXT NOT NULL, PRIMARY KEY(ppid, pce_id, tcbm, ca));"
    "CREATE TABLE IF NOT EXISTS tcb_levels(fmspc BLOB PRIMARY KEY, levels BLOB NOT NULL);"
    "CREATE TABLE IF NOT EXISTS published(kind TEXT NOT NULL, key TEXT NOT NULL, body BLOB NOT NULL,"
    " PRIMARY KEY(kind, key));"
    "CREATE TABLE IF NOT EXISTS counters(name TEXT PRIMARY KEY, value INTEGER NOT NULL);";

/* Intel's MRSIGNER (the key that signs Intel's architectural enclaves: PCE, QE3, QvE). */
static const uint8_t INTEL_MRSIGNER[32] = {
    0x8c, 0x4f, 0x57, 0x75, 0xd7, 0x96, 0x50, 0x3e, 0x96, 0x13, 0x7f, 0x77, 0xc6, 0x8a, 0x82, 0x9a,
    0x00, 0x56, 0xac, 0x8d, 0xed, 0x70, 0x14, 0x0b, 0x08, 0x1b, 0x09, 0x44, 0x90, 0xc5, 0x7b, 0xff,
};

void vsgx_pcs_pce_identity(vsgx_pce_identity_t *out)
{
    memset(out, 0, sizeof *out);
    memcpy(out->mr_signer.m, INTEL_MRSIGNER, 32);
    out->isv_prod_id = 3;
    out->attributes.flags = SGX_FLAGS_INITTED | SGX_FLAGS_MODE64BIT | SGX_FLAGS_PROVISION_KEY;
    out->attributes.xfrm = 0x3;
}

char *vsgx_pcs_default_dir(void)
{
    const char *env = getenv("VSGX_PCS");
    if (env && *env)
        return strdup(env);
    const char *home = getenv("HOME");
    if (!home || !*home)
        return NULL;
    char *dir = NULL;
    return asprintf(&dir, "%s/.local/share/vsgx/pcs", home) < 0 ? NULL : dir;
}

sqlite3_stmt *vsgx_pcs_db_prepare(vsgx_pcs_store_t *s, const char *sql, char *err, size_t err_len)
{
    vsgx_pcs_stmt_entry_t *e = s->stmts;
    while (e < s->stmts + VSGX_PCS_STMT_CACHE && e->sql && e->sql != sql)
        e++;
    if (e < s->stmts + VSGX_PCS_STMT_CACHE && e->sql)
        return e->st;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "PCS database: %s", sqlite3_errmsg(s->db));
        return NULL;
    }
    if (e == s->stmts + VSGX_PCS_STMT_CACHE) { /* more statements than slots: an error in the code */
        sqlite3_finalize(st);
        vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "PCS database: more than %d statements", VSGX_PCS_STMT_CACHE);
        return NULL;
    }
    e->sql = sql;
    e->st = st;
    return st;
}

void vsgx_pcs_db_done(sqlite3_stmt *st)
{
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
}

vsgx_pcs_result_t vsgx_pcs_db_exec(vsgx_pcs_store_t *s, const char *sql, char *err, size_t err_len)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) == SQLITE_OK)
        return VSGX_PCS_OK;
    vsgx_pcs_result_t r = vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "PCS database: %s", msg ? msg : "failed");
    sqlite3_free(msg);
    return r;
}

/* Runs a prepared statement to completion (no rows expected) and finalises it. */
static vsgx_pcs_result_t step_done(vsgx_pcs_store_t *s, sqlite3_stmt *st, char *err, size_t err_len)
{
    int rc = sqlite3_step(st);
    vsgx_pcs_db_done(st);
    return rc == SQLITE_DONE ? VSGX_PCS_OK
                             : vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "PCS database: %s", sqlite3_errmsg(s->db));
}

vsgx_pcs_result_t vsgx_pcs_store_put(vsgx_pcs_store_t *s, const char *kind, const char *key, const void *body,
                                     size_t len, char *err, size_t err_len)
{
    sqlite3_stmt *st = vsgx_pcs_db_prepare(s, "INSERT OR REPLACE INTO published(kind, key, body) VALUES(?, ?, ?)",
                                           err, err_len);
    if (!st)
        return VSGX_PCS_IO;
    sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
    sqlite3_bind_blob(st, 3, body, (int)len, SQLITE_STATIC);
    return step_done(s, st, err, err_len);
}

/* Creates the database file 0600 (it holds the platforms' RPKs), or checks an existing one is
 * not readable by others. */
static vsgx_pcs_result_t db_file(const char *path, bool create, char *err, size_t err_len)
{
    struct stat st;
    if (stat(path, &st) == 0)
        return (st.st_mode & 077) ? vsgx_pcs_fail(VSGX_PCS_INSECURE, err, err_len,
                                                  "%s is readable or writable by others (chmod 600 it)", path)
                                  : VSGX_PCS_OK;
    if (errno != ENOENT || !create)
        return vsgx_pcs_fail(errno == ENOENT ? VSGX_PCS_NOT_FOUND : VSGX_PCS_IO, err, err_len,
                             "%s: %s%s", path, strerror(errno),
                             errno == ENOENT ? " (no PCS here: run `vsgx pcs manufacture` first)" : "");
    int fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0)
        return vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "creating %s: %s", path, strerror(errno));
    close(fd);
    return VSGX_PCS_OK;
}

/* The CAs and the PPID encryption key of dir, created first when allowed and missing. */
static vsgx_pcs_result_t load_keys(vsgx_pcs_store_t *s, const char *dir, bool create, char *err, size_t err_len)
{
    vsgx_pcs_result_t r = vsgx_pcs_ca_load(dir, &s->ca, err, err_len);
    if (r == VSGX_PCS_NOT_FOUND && create)
        r = vsgx_pcs_ca_create(dir, 0, &s->ca, err, err_len);
    if (r)
        return r;
    r = vsgx_pcs_pek_load_private(dir, &s->pek_private, err, err_len);
    if (r == VSGX_PCS_NOT_FOUND && create && !(r = vsgx_pcs_pek_create(dir, err, err_len)))
        r = vsgx_pcs_pek_load_private(dir, &s->pek_private, err, err_len);
    return r ? r : vsgx_pcs_pek_load_public(dir, &s->pek_public, err, err_len);
}

vsgx_pcs_result_t vsgx_pcs_store_open(const char *dir, bool create, vsgx_pcs_store_t **out, char *err,
                                      size_t err_len)
{
    *out = NULL;
    if (create && mkdir(dir, 0700) != 0 && errno != EEXIST)
        return vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "creating %s: %s", dir, strerror(errno));
    char *path = NULL;
    if (asprintf(&path, "%s/%s", dir, VSGX_PCS_DB_FILE) < 0)
        return vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "out of memory");
    vsgx_pcs_store_t *s = calloc(1, sizeof *s);
    vsgx_pcs_result_t r = s ? db_file(path, create, err, err_len) : vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "out of memory");
    if (r)
        goto done;
    pthread_mutex_init(&s->lock, NULL);
    if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK) {
        r = vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "opening %s: %s", path,
                          s->db ? sqlite3_errmsg(s->db) : "out of memory");
        goto done;
    }
    sqlite3_busy_timeout(s->db, 5000);
    if ((r = vsgx_pcs_db_exec(s, SCHEMA, err, err_len)) || (r = load_keys(s, dir, create, err, err_len)))
        goto done;
    for (int role = VSGX_PCS_PROCESSOR_CA; role < VSGX_PCS_CA_COUNT; role++)
        if (!(s->chain[role] = vsgx_pcs_issuer_chain_pem(s->ca, (vsgx_pcs_ca_role_t)role))) {
            r = vsgx_pcs_fail(VSGX_PCS_CRYPTO, err, err_len, "writing the issuer chains failed");
            goto done;
        }
    *out = s;
    s = NULL;
done:
    if (s && s->db)
        vsgx_pcs_store_close(s);
    else
        free(s);
    free(path);
    return r;
}

void vsgx_pcs_store_close(vsgx_pcs_store_t *s)
{
    if (!s)
        return;
    for (int i = 0; i < VSGX_PCS_STMT_CACHE; i++)
        sqlite3_finalize(s->stmts[i].st);
    sqlite3_close(s->db);
    vsgx_pcs_ca_free(s->ca);
    EVP_PKEY_free(s->pek_private);
    EVP_PKEY_free(s->pek_public);
    OPENSSL_cleanse(s->ppid_cache, sizeof s->ppid_cache);
    for (int i = 0; i < VSGX_PCS_CA_COUNT; i++)
        free(s->chain[i]);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

const vsgx_pcs_ca_t *vsgx_pcs_store_ca(const vsgx_pcs_store_t *s) { return s->ca; }

const char *vsgx_pcs_store_issuer_chain(const vsgx_pcs_store_t *s, vsgx_pcs_ca_role_t role)
{
    return role > VSGX_PCS_ROOT_CA && role < VSGX_PCS_CA_COUNT ? s->chain[role] : NULL;
}
EVP_PKEY *vsgx_pcs_store_pek(const vsgx_pcs_store_t *s) { return s->pek_public; }

/* ---- platforms ------------------------------------------------------------------------------ */

vsgx_pcs_result_t vsgx_pcs_store_register_locked(vsgx_pcs_store_t *s, const vsgx_platform_t *p,
                                                 vsgx_pcs_ca_role_t ca_role, vsgx_pcs_platform_t *out, char *err,
                                                 size_t err_len)
{
    if (ca_role != VSGX_PCS_PROCESSOR_CA && ca_role != VSGX_PCS_PLATFORM_CA)
        return vsgx_pcs_fail(VSGX_PCS_INVALID, err, err_len, "a platform is certified by the Processor or Platform CA");
    vsgx_pce_identity_t pce;
    vsgx_pcs_pce_identity(&pce);
    vsgx_pcs_platform_t pl = { .params = p->params, .ca_role = ca_role };
    if (vsgx_pcs_ppid(p->secrets.rpk, &pce, pl.ppid) != SGX_SUCCESS)
        return vsgx_pcs_fail(VSGX_PCS_CRYPTO, err, err_len, "deriving the PPID failed");
    sqlite3_stmt *st = vsgx_pcs_db_prepare(
        s,
        "INSERT INTO platforms(ppid, pce_id, rpk, fmspc, sgx_type, instance_id, cpusvn, pce_svn, ca)"
        " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(ppid, pce_id) DO UPDATE SET rpk = excluded.rpk,"
        " fmspc = excluded.fmspc, sgx_type = excluded.sgx_type, instance_id = excluded.instance_id,"
        " cpusvn = excluded.cpusvn, pce_svn = excluded.pce_svn, ca = excluded.ca",
        err, err_len);
    if (!st)
        return VSGX_PCS_IO;
    sqlite3_bind_blob(st, 1, pl.ppid, 16, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, pl.params.pce_id);
    sqlite3_bind_blob(st, 3, p->secrets.rpk, 16, SQLITE_STATIC);
    sqlite3_bind_blob(st, 4, pl.params.fmspc, 6, SQLITE_STATIC);
    sqlite3_bind_int(st, 5, (int)pl.params.sgx_type);
    sqlite3_bind_blob(st, 6, pl.params.platform_instance_id, 16, SQLITE_STATIC);
    sqlite3_bind_blob(st, 7, pl.params.cpusvn.svn, 16, SQLITE_STATIC);
    sqlite3_bind_int(st, 8, pl.params.pce_svn);
    sqlite3_bind_int(st, 9, (int)ca_role);
    vsgx_pcs_result_t r = step_done(s, st, err, err_len);
    if (!r && out)
        *out = pl;
    return r;
}

vsgx_pcs_result_t vsgx_pcs_store_register(vsgx_pcs_store_t *s, const vsgx_platform_t *p, vsgx_pcs_ca_role_t ca_role,
                                          vsgx_pcs_platform_t *out, char *err, size_t err_len)
{
    pthread_mutex_lock(&s->lock);
    vsgx_pcs_result_t r = vsgx_pcs_store_register_locked(s, p, ca_role, out, err, err_len);
    pthread_mutex_unlock(&s->lock);
    return r;
}

/* Copies a blob column of exactly n bytes; false when it has another size. */
static bool column_blob(sqlite3_stmt *st, int col, void *dst, size_t n)
{
    if ((size_t)sqlite3_column_bytes(st, col) != n)
        return false;
    memcpy(dst, sqlite3_column_blob(st, col), n);
    return true;
}

vsgx_pcs_result_t vsgx_pcs_store_find_locked(vsgx_pcs_store_t *s, const uint8_t ppid[16], uint16_t pce_id,
                                             vsgx_pcs_platform_t *out, uint8_t *rpk, char *err, size_t err_len)
{
    sqlite3_stmt *st = vsgx_pcs_db_prepare(s,
                                           "SELECT rpk, fmspc, sgx_type, instance_id, cpusvn, pce_svn, ca"
                                           " FROM platforms WHERE ppid = ? AND pce_id = ?",
                                           err, err_len);
    if (!st)
        return VSGX_PCS_IO;
    sqlite3_bind_blob(st, 1, ppid, 16, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, pce_id);
    vsgx_pcs_result_t r;
    int rc = sqlite3_step(st);
    vsgx_pcs_platform_t pl = { .params.pce_id = pce_id };
    memcpy(pl.ppid, ppid, 16);
    uint8_t key[16];
    if (rc == SQLITE_DONE) {
        r = vsgx_pcs_fail(VSGX_PCS_NOT_FOUND, err, err_len, "no platform with this PPID and PCE-ID %04x is registered",
                          pce_id);
    } else if (rc != SQLITE_ROW) {
        r = vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "PCS database: %s", sqlite3_errmsg(s->db));
    } else {
        pl.params.sgx_type = (vsgx_sgx_type_t)sqlite3_column_int(st, 2);
        pl.params.pce_svn = (uint16_t)sqlite3_column_int(st, 5);
        pl.ca_role = (vsgx_pcs_ca_role_t)sqlite3_column_int(st, 6);
        bool ok = column_blob(st, 0, key, 16) && column_blob(st, 1, pl.params.fmspc, 6) &&
                  column_blob(st, 3, pl.params.platform_instance_id, 16) && column_blob(st, 4, pl.params.cpusvn.svn, 16);
        r = ok ? VSGX_PCS_OK : vsgx_pcs_fail(VSGX_PCS_INVALID, err, err_len, "PCS database: a malformed platform row");
    }
    vsgx_pcs_db_done(st);
    if (!r) {
        *out = pl;
        if (rpk)
            memcpy(rpk, key, 16);
    }
    OPENSSL_cleanse(key, sizeof key);
    return r;
}

vsgx_pcs_result_t vsgx_pcs_store_find(vsgx_pcs_store_t *s, const uint8_t ppid[VSGX_PPID_SIZE], uint16_t pce_id,
                                      vsgx_pcs_platform_t *out, char *err, size_t err_len)
{
    pthread_mutex_lock(&s->lock);
    vsgx_pcs_result_t r = vsgx_pcs_store_find_locked(s, ppid, pce_id, out, NULL, err, err_len);
    pthread_mutex_unlock(&s->lock);
    return r;
}

vsgx_pcs_result_t vsgx_pcs_store_find_encrypted(vsgx_pcs_store_t *s, const uint8_t enc_ppid[VSGX_PPID_ENC_SIZE],
                                                uint16_t pce_id, vsgx_pcs_platform_t *out, char *err,
                                                size_t err_len)
{
    uint8_t ppid[VSGX_PPID_SIZE], digest[32];
    if (!EVP_Digest(enc_ppid, VSGX_PPID_ENC_SIZE, digest, NULL, EVP_sha256(), NULL))
        return vsgx_pcs_fail(VSGX_PCS_CRYPTO, err, err_len, "hashing the encrypted PPID failed");
    vsgx_pcs_ppid_entry_t *e = &s->ppid_cache[digest[0] % VSGX_PCS_PPID_CACHE];
    pthread_mutex_lock(&s->lock);
    bool hit = e->used && !memcmp(e->digest, digest, 32);
    if (hit)
        memcpy(ppid, e->ppid, sizeof ppid);
    pthread_mutex_unlock(&s->lock);
    if (!hit) {
        if (!vsgx_ppid_decrypt(s->pek_private, enc_ppid, ppid))
            return vsgx_pcs_fail(VSGX_PCS_INVALID, err, err_len,
                                 "the encrypted PPID does not decrypt under this PCS's key (RSA-3072 OAEP)");
        pthread_mutex_lock(&s->lock);
        e->used = true;
        memcpy(e->digest, digest, 32);
        memcpy(e->ppid, ppid, sizeof ppid);
        pthread_mutex_unlock(&s->lock);
    }
    vsgx_pcs_result_t r = vsgx_pcs_store_find(s, ppid, pce_id, out, err, err_len);
    OPENSSL_cleanse(ppid, sizeof ppid);
    return r;
}

/* ---- PCK certificates ----------------------------------------------------------------------- */

static void tcbm_bytes(const vsgx_tcbm_t *t, uint8_t out[18])
{
    memcpy(out, t->cpusvn.svn, 16);
    out[16] = (uint8_t)t->pce_svn;
    out[17] = (uint8_t)(t->pce_svn >> 8);
}

/* The stored PCK certificate of pl at key (its TCBm bytes) from role: OK with *pem, NOT_FOUND
 * when there is none, IO on a database error or when out of memory. */
static vsgx_pcs_result_t stored_pck(vsgx_pcs_store_t *s, const vsgx_pcs_platform_t *pl, vsgx_pcs_ca_role_t role,
                                    const uint8_t key[18], char **pem, char *err, size_t err_len)
{
    sqlite3_stmt *st = vsgx_pcs_db_prepare(
        s, "SELECT pem FROM pck_certs WHERE ppid = ? AND pce_id = ? AND tcbm = ? AND ca = ?", err, err_len);
    if (!st)
        return VSGX_PCS_IO;
    sqlite3_bind_blob(st, 1, pl->ppid, 16, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, pl->params.pce_id);
    sqlite3_bind_blob(st, 3, key, 18, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, (int)role);
    int rc = sqlite3_step(st);
    vsgx_pcs_result_t r = VSGX_PCS_NOT_FOUND;
    if (rc == SQLITE_ROW)
        r = (*pem = strdup((const char *)sqlite3_column_text(st, 0))) ? VSGX_PCS_OK
                                                                       : vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "out of memory");
    else if (rc != SQLITE_DONE)
        r = vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "PCS database: %s", sqlite3_errmsg(s->db));
    vsgx_pcs_db_done(st);
    return r;
}

/* A new PCK certificate of pl at tcbm from role (PEM). */
static vsgx_pcs_result_t issue_pck(vsgx_pcs_store_t *s, const vsgx_pcs_platform_t *pl, vsgx_pcs_ca_role_t role,
                                   const vsgx_tcbm_t *tcbm, int64_t now, char **pem, char *err, size_t err_len)
{
    uint8_t rpk[16];
    vsgx_pcs_platform_t row;
    vsgx_pcs_result_t r = vsgx_pcs_store_find_locked(s, pl->ppid, pl->params.pce_id, &row, rpk, err, err_len);
    if (r)
        return r;
    vsgx_pce_identity_t pce;
    vsgx_pcs_pce_identity(&pce);
    X509 *cert = NULL;
    r = vsgx_pcs_pck_issue(s->ca, role, &row.params, rpk, &pce, tcbm, now, &cert, err, err_len);
    OPENSSL_cleanse(rpk, sizeof rpk);
    if (r)
        return r;
    *pem = vsgx_pcs_cert_pem(&cert, 1);
    X509_free(cert);
    return *pem ? VSGX_PCS_OK : vsgx_pcs_fail(VSGX_PCS_CRYPTO, err, err_len, "writing the PCK certificate failed");
}

vsgx_pcs_result_t vsgx_pcs_store_pck_locked(vsgx_pcs_store_t *s, const vsgx_pcs_platform_t *pl,
                                            vsgx_pcs_ca_role_t role, const vsgx_tcbm_t *tcbm, int64_t now,
                                            char **pem, char *err, size_t err_len)
{
    *pem = NULL;
    uint8_t key[18];
    tcbm_bytes(tcbm, key);
    vsgx_pcs_result_t r = stored_pck(s, pl, role, key, pem, err, err_len);
    if (r != VSGX_PCS_NOT_FOUND)
        return r;
    char *issued = NULL;
    if ((r = issue_pck(s, pl, role, tcbm, now, &issued, err, err_len)))
        return r;
    /* Another process may have issued one meanwhile: the first stored is the one. */
    sqlite3_stmt *st = vsgx_pcs_db_prepare(
        s, "INSERT INTO pck_certs(ppid, pce_id, tcbm, ca, pem) VALUES(?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", err,
        err_len);
    r = VSGX_PCS_IO;
    if (st) {
        sqlite3_bind_blob(st, 1, pl->ppid, 16, SQLITE_STATIC);
        sqlite3_bind_int(st, 2, pl->params.pce_id);
        sqlite3_bind_blob(st, 3, key, 18, SQLITE_STATIC);
        sqlite3_bind_int(st, 4, (int)role);
        sqlite3_bind_text(st, 5, issued, -1, SQLITE_STATIC);
        r = step_done(s, st, err, err_len);
    }
    free(issued);
    if (!r && (r = stored_pck(s, pl, role, key, pem, err, err_len)) == VSGX_PCS_NOT_FOUND)
        r = vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "PCS database: the PCK certificate just stored is missing");
    return r;
}

vsgx_pcs_result_t vsgx_pcs_store_levels_locked(vsgx_pcs_store_t *s, const uint8_t fmspc[6], vsgx_pcs_levels_t *out,
                                               char *err, size_t err_len)
{
    sqlite3_stmt *st = vsgx_pcs_db_prepare(s, "SELECT levels FROM tcb_levels WHERE fmspc = ?", err, err_len);
    if (!st)
        return VSGX_PCS_IO;
    sqlite3_bind_blob(st, 1, fmspc, 6, SQLITE_STATIC);
    char hex[13];
    vsgx_hex_encode_upper(fmspc, 6, hex);
    vsgx_pcs_result_t r = vsgx_pcs_fail(VSGX_PCS_NOT_FOUND, err, err_len, "no TCB info is published for FMSPC %s", hex);
    if (sqlite3_step(st) == SQLITE_ROW) {
        size_t n = (size_t)sqlite3_column_bytes(st, 0);
        const uint8_t *b = sqlite3_column_blob(st, 0);
        if (n % 18 || n / 18 > VSGX_PCS_SCENARIO_MAX_LEVELS || !n) {
            r = vsgx_pcs_fail(VSGX_PCS_INVALID, err, err_len, "PCS database: malformed TCB levels for FMSPC %s", hex);
        } else {
            out->count = n / 18;
            for (size_t i = 0; i < out->count; i++) {
                memcpy(out->level[i].cpusvn.svn, b + 18 * i, 16);
                out->level[i].pce_svn = (uint16_t)(b[18 * i + 16] | b[18 * i + 17] << 8);
            }
            r = VSGX_PCS_OK;
        }
    }
    vsgx_pcs_db_done(st);
    return r;
}

/* raw dominates level: every CPUSVN byte (the components, tcbType 0) and the PCE SVN at least the level's. */
static bool dominates(const vsgx_tcbm_t *raw, const vsgx_tcbm_t *level)
{
    for (int i = 0; i < 16; i++)
        if (raw->cpusvn.svn[i] < level->cpusvn.svn[i])
            return false;
    return raw->pce_svn >= level->pce_svn;
}

vsgx_pcs_result_t vsgx_pcs_store_pck_cert(vsgx_pcs_store_t *s, const vsgx_pcs_platform_t *pl,
                                          const vsgx_tcbm_t *raw, char **pem, vsgx_tcbm_t *tcbm, char *err,
                                          size_t err_len)
{
    *pem = NULL;
    vsgx_pcs_levels_t levels;
    pthread_mutex_lock(&s->lock);
    vsgx_pcs_result_t r = vsgx_pcs_store_levels_locked(s, pl->params.fmspc, &levels, err, err_len);
    size_t i = 0;
    while (!r && i < levels.count && !dominates(raw, &levels.level[i]))
        i++;
    if (!r && i == levels.count)
        r = vsgx_pcs_fail(VSGX_PCS_NOT_FOUND, err, err_len,
                          "no TCB level of the platform's FMSPC is at or below the given CPUSVN and PCE SVN");
    if (!r && !(r = vsgx_pcs_store_pck_locked(s, pl, pl->ca_role, &levels.level[i], 0, pem, err, err_len)))
        *tcbm = levels.level[i];
    pthread_mutex_unlock(&s->lock);
    return r;
}

vsgx_pcs_result_t vsgx_pcs_store_pck_cert_at(vsgx_pcs_store_t *s, const vsgx_pcs_platform_t *pl,
                                             const vsgx_tcbm_t *tcbm, char **pem, char *err, size_t err_len)
{
    pthread_mutex_lock(&s->lock);
    vsgx_pcs_result_t r = vsgx_pcs_store_pck_locked(s, pl, pl->ca_role, tcbm, 0, pem, err, err_len);
    pthread_mutex_unlock(&s->lock);
    return r;
}
