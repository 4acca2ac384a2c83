/* ppid_crypto.c — the simulated PCS's PPID encryption key (creation, storage, loading) and
 * RSAES-OAEP-3072 encryption of the PPID with SHA-256/MGF1-SHA-256 and no label, the
 * parameters of Intel's PCE (see ppid_crypto.h). */
#include "ppid_crypto.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

static bool is_pek(EVP_PKEY *k)
{
    return k && EVP_PKEY_get_base_id(k) == EVP_PKEY_RSA && EVP_PKEY_get_bits(k) == VSGX_PCS_PEK_BITS;
}

/* Writes key (private or public PEM) to a temporary file in dir, then links it to `path`
 * (link refuses an existing name atomically) and removes the temporary name. */
static vsgx_pcs_result_t write_new(const char *dir, const char *path, EVP_PKEY *key, bool priv, mode_t mode,
                                   char *err, size_t err_len)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s/.ppid-encryption.tmp.XXXXXX", dir) >= (int)sizeof tmp)
        return vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "%s: path too long", dir);
    int fd = mkostemp(tmp, O_CLOEXEC); /* mode 0600 */
    if (fd < 0)
        return vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "%s: %s", dir, strerror(errno));
    FILE *f = fdopen(fd, "w");
    if (!f) {
        close(fd);
        unlink(tmp);
        return vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "%s: %s", tmp, strerror(errno));
    }
    int ok = priv ? PEM_write_PrivateKey(f, key, NULL, NULL, 0, NULL, NULL) : PEM_write_PUBKEY(f, key);
    if (ok && (fflush(f) != 0 || fchmod(fileno(f), mode) != 0 || fsync(fileno(f)) != 0))
        ok = 0;
    if (fclose(f) != 0)
        ok = 0;
    vsgx_pcs_result_t r = VSGX_PCS_OK;
    if (!ok)
        r = vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "%s: write failed", tmp);
    else if (link(tmp, path) != 0)
        r = vsgx_pcs_fail(errno == EEXIST ? VSGX_PCS_EXISTS : VSGX_PCS_IO, err, err_len, "%s: %s", path,
                     errno == EEXIST ? "already exists" : strerror(errno));
    unlink(tmp);
    return r;
}

vsgx_pcs_result_t vsgx_pcs_pek_create(const char *dir, char *err, size_t err_len)
{
    char key_path[4096], pub_path[4096];
    if (snprintf(key_path, sizeof key_path, "%s/%s", dir, VSGX_PCS_PEK_KEY_FILE) >= (int)sizeof key_path ||
        snprintf(pub_path, sizeof pub_path, "%s/%s", dir, VSGX_PCS_PEK_PUB_FILE) >= (int)sizeof pub_path)
        return vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "%s: path too long", dir);
    if (access(key_path, F_OK) == 0)
        return vsgx_pcs_fail(VSGX_PCS_EXISTS, err, err_len, "%s: already exists", key_path);
    if (access(pub_path, F_OK) == 0)
        return vsgx_pcs_fail(VSGX_PCS_EXISTS, err, err_len, "%s: already exists", pub_path);
    EVP_PKEY *key = EVP_RSA_gen(VSGX_PCS_PEK_BITS); /* e = 65537 */
    if (!is_pek(key)) {
        EVP_PKEY_free(key);
        return vsgx_pcs_fail(VSGX_PCS_CRYPTO, err, err_len, "generating the PPID encryption key failed");
    }
    vsgx_pcs_result_t r = write_new(dir, key_path, key, true, 0600, err, err_len);
    if (r == VSGX_PCS_OK) {
        r = write_new(dir, pub_path, key, false, 0644, err, err_len);
        if (r != VSGX_PCS_OK)
            unlink(key_path); /* ours: written just above */
    }
    EVP_PKEY_free(key);
    return r;
}

static vsgx_pcs_result_t load(const char *dir, bool priv, EVP_PKEY **out, char *err, size_t err_len)
{
    char path[4096];
    *out = NULL;
    if (snprintf(path, sizeof path, "%s/%s", dir, priv ? VSGX_PCS_PEK_KEY_FILE : VSGX_PCS_PEK_PUB_FILE) >=
        (int)sizeof path)
        return vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "%s: path too long", dir);
    FILE *f = fopen(path, "re");
    if (!f)
        return vsgx_pcs_fail(errno == ENOENT ? VSGX_PCS_NOT_FOUND : VSGX_PCS_IO, err, err_len, "%s: %s", path,
                        strerror(errno));
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(f);
        return vsgx_pcs_fail(VSGX_PCS_IO, err, err_len, "%s: not a regular file", path);
    }
    if (priv && (st.st_mode & 077)) {
        fclose(f);
        return vsgx_pcs_fail(VSGX_PCS_INSECURE, err, err_len, "%s: readable by group or others (must be 0600)", path);
    }
    EVP_PKEY *k = priv ? PEM_read_PrivateKey(f, NULL, NULL, NULL) : PEM_read_PUBKEY(f, NULL, NULL, NULL);
    fclose(f);
    if (!is_pek(k)) {
        EVP_PKEY_free(k);
        return vsgx_pcs_fail(VSGX_PCS_INVALID, err, err_len, "%s: not an RSA-%d %s key", path, VSGX_PCS_PEK_BITS,
                        priv ? "private" : "public");
    }
    *out = k;
    return VSGX_PCS_OK;
}

vsgx_pcs_result_t vsgx_pcs_pek_load_private(const char *dir, EVP_PKEY **out, char *err, size_t err_len)
{
    return load(dir, true, out, err, err_len);
}

vsgx_pcs_result_t vsgx_pcs_pek_load_public(const char *dir, EVP_PKEY **out, char *err, size_t err_len)
{
    return load(dir, false, out, err, err_len);
}

/* A context for RSAES-OAEP as the PCE does it: SHA-256, MGF1-SHA-256, empty label. */
static EVP_PKEY_CTX *oaep_ctx(EVP_PKEY *key, bool encrypt)
{
    if (!is_pek(key))
        return NULL;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, key, NULL);
    if (!ctx || (encrypt ? EVP_PKEY_encrypt_init(ctx) : EVP_PKEY_decrypt_init(ctx)) <= 0 ||
        EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING) <= 0 ||
        EVP_PKEY_CTX_set_rsa_oaep_md(ctx, EVP_sha256()) <= 0 || EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, EVP_sha256()) <= 0) {
        EVP_PKEY_CTX_free(ctx);
        return NULL;
    }
    return ctx;
}

bool vsgx_ppid_encrypt(EVP_PKEY *pcs_public, const uint8_t ppid[VSGX_PPID_SIZE], uint8_t out[VSGX_PPID_ENC_SIZE])
{
    EVP_PKEY_CTX *ctx = oaep_ctx(pcs_public, true);
    size_t len = VSGX_PPID_ENC_SIZE;
    bool ok = ctx && EVP_PKEY_encrypt(ctx, out, &len, ppid, VSGX_PPID_SIZE) > 0 && len == VSGX_PPID_ENC_SIZE;
    EVP_PKEY_CTX_free(ctx);
    if (!ok)
        memset(out, 0, VSGX_PPID_ENC_SIZE);
    return ok;
}

bool vsgx_ppid_decrypt(EVP_PKEY *pcs_private, const uint8_t in[VSGX_PPID_ENC_SIZE], uint8_t ppid[VSGX_PPID_SIZE])
{
    uint8_t buf[VSGX_PPID_ENC_SIZE];
    size_t len = sizeof buf;
    EVP_PKEY_CTX *ctx = oaep_ctx(pcs_private, false);
    bool ok = ctx && EVP_PKEY_decrypt(ctx, buf, &len, in, VSGX_PPID_ENC_SIZE) > 0 && len == VSGX_PPID_SIZE;
    EVP_PKEY_CTX_free(ctx);
    if (ok)
        memcpy(ppid, buf, VSGX_PPID_SIZE);
    else
        memset(ppid, 0, VSGX_PPID_SIZE);
    OPENSSL_cleanse(buf, sizeof buf);
    return ok;
}
