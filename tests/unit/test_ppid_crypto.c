/* test_ppid_crypto.c — the simulated PCS's PPID encryption key (src/pcs/ppid_crypto.c): create
 * and load back, RSA-OAEP-3072 (SHA-256) round trip of a PPID with fresh ciphertexts each time,
 * refusal of tampered ciphertexts, of the wrong key, of other OAEP hashes and plaintext sizes,
 * of wrong key types and sizes, of a group-readable key file and of creating twice. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/bn.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "ppid_crypto.h"
#include "scratch_dir.h"

typedef struct {
    char dir[64];
    EVP_PKEY *priv, *pub, *other; /* the PCS key (from its files) and an unrelated RSA-3072 key */
} fix_t;

static const uint8_t PPID[VSGX_PPID_SIZE] = { 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
                                              0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10 };

static int group_setup(void **state)
{
    fix_t *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    strcpy(f->dir, "/tmp/vsgx-pek-XXXXXX");
    char err[256] = "";
    if (!mkdtemp(f->dir) || vsgx_pcs_pek_create(f->dir, err, sizeof err) != VSGX_PCS_OK ||
        vsgx_pcs_pek_load_private(f->dir, &f->priv, err, sizeof err) != VSGX_PCS_OK ||
        vsgx_pcs_pek_load_public(f->dir, &f->pub, err, sizeof err) != VSGX_PCS_OK ||
        !(f->other = EVP_RSA_gen(3072))) {
        fprintf(stderr, "setup: %s\n", err);
        return -1;
    }
    *state = f;
    return 0;
}

static int group_teardown(void **state)
{
    fix_t *f = *state;
    if (!f)
        return 0;
    EVP_PKEY_free(f->priv);
    EVP_PKEY_free(f->pub);
    EVP_PKEY_free(f->other);
    vsgx_test_remove_tree(f->dir);
    free(f);
    return 0;
}

/* A new empty directory under the fixture's. */
static void subdir(const fix_t *f, const char *name, char *out, size_t size)
{
    snprintf(out, size, "%s/%s", f->dir, name);
    assert_int_equal(mkdir(out, 0700), 0);
}

static void write_pem(const char *dir, const char *file, EVP_PKEY *k, bool priv, mode_t mode)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    assert_int_equal(priv ? PEM_write_PrivateKey(fp, k, NULL, NULL, 0, NULL, NULL) : PEM_write_PUBKEY(fp, k), 1);
    assert_int_equal(fclose(fp), 0);
    assert_int_equal(chmod(path, mode), 0);
}

static void test_files(void **state)
{
    fix_t *f = *state;
    char path[256];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", f->dir, VSGX_PCS_PEK_KEY_FILE);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    snprintf(path, sizeof path, "%s/%s", f->dir, VSGX_PCS_PEK_PUB_FILE);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);
    assert_int_equal(EVP_PKEY_get_bits(f->priv), 3072);
    assert_int_equal(EVP_PKEY_eq(f->priv, f->pub), 1);
    BIGNUM *e = NULL;
    assert_int_equal(EVP_PKEY_get_bn_param(f->pub, "e", &e), 1);
    assert_true(BN_is_word(e, 65537));
    BN_free(e);
    /* Only the two files: no temporary file left behind. */
    DIR *d = opendir(f->dir);
    assert_non_null(d);
    int n = 0;
    for (struct dirent *de; (de = readdir(d));)
        n += de->d_name[0] != '.';
    closedir(d);
    assert_int_equal(n, 2);
}

static void test_round_trip(void **state)
{
    fix_t *f = *state;
    uint8_t c1[VSGX_PPID_ENC_SIZE], c2[VSGX_PPID_ENC_SIZE], p[VSGX_PPID_SIZE];
    assert_true(vsgx_ppid_encrypt(f->pub, PPID, c1));
    assert_true(vsgx_ppid_encrypt(f->pub, PPID, c2));
    assert_memory_not_equal(c1, c2, sizeof c1); /* OAEP is randomised */
    assert_true(vsgx_ppid_decrypt(f->priv, c1, p));
    assert_memory_equal(p, PPID, sizeof p);
    memset(p, 0, sizeof p);
    assert_true(vsgx_ppid_decrypt(f->priv, c2, p));
    assert_memory_equal(p, PPID, sizeof p);
    /* The private key encrypts too (it holds the public half). */
    assert_true(vsgx_ppid_encrypt(f->priv, PPID, c1));
    assert_true(vsgx_ppid_decrypt(f->priv, c1, p));
    assert_memory_equal(p, PPID, sizeof p);
}

static void test_tampered(void **state)
{
    fix_t *f = *state;
    uint8_t c[VSGX_PPID_ENC_SIZE], p[VSGX_PPID_SIZE];
    assert_true(vsgx_ppid_encrypt(f->pub, PPID, c));
    static const size_t at[] = { 0, 1, 100, VSGX_PPID_ENC_SIZE - 1 };
    for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
        c[at[i]] ^= 0x01;
        assert_false(vsgx_ppid_decrypt(f->priv, c, p));
        c[at[i]] ^= 0x01;
    }
    assert_true(vsgx_ppid_decrypt(f->priv, c, p));
    assert_false(vsgx_ppid_decrypt(f->other, c, p)); /* the wrong private key */
    uint8_t zero[VSGX_PPID_SIZE] = { 0 };
    assert_memory_equal(p, zero, sizeof p);
    assert_false(vsgx_ppid_decrypt(f->pub, c, p)); /* no private half */
}

/* OAEP with explicit parameters, to show which ones vsgx_ppid_decrypt accepts. */
static void oaep(EVP_PKEY *k, const EVP_MD *md, const uint8_t *in, size_t len, uint8_t out[VSGX_PPID_ENC_SIZE])
{
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, k, NULL);
    assert_non_null(ctx);
    size_t n = VSGX_PPID_ENC_SIZE;
    assert_true(EVP_PKEY_encrypt_init(ctx) > 0);
    assert_true(EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING) > 0);
    assert_true(EVP_PKEY_CTX_set_rsa_oaep_md(ctx, md) > 0);
    assert_true(EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, md) > 0);
    assert_true(EVP_PKEY_encrypt(ctx, out, &n, in, len) > 0);
    assert_int_equal(n, VSGX_PPID_ENC_SIZE);
    EVP_PKEY_CTX_free(ctx);
}

static void test_parameters(void **state)
{
    fix_t *f = *state;
    uint8_t c[VSGX_PPID_ENC_SIZE], p[VSGX_PPID_SIZE], big[32] = { 0 };
    oaep(f->pub, EVP_sha256(), PPID, sizeof PPID, c); /* Intel's: SHA-256 and MGF1-SHA-256 */
    assert_true(vsgx_ppid_decrypt(f->priv, c, p));
    assert_memory_equal(p, PPID, sizeof p);
    oaep(f->pub, EVP_sha1(), PPID, sizeof PPID, c);
    assert_false(vsgx_ppid_decrypt(f->priv, c, p));
    oaep(f->pub, EVP_sha256(), big, sizeof big, c); /* not 16 bytes */
    assert_false(vsgx_ppid_decrypt(f->priv, c, p));
    oaep(f->pub, EVP_sha256(), big, 0, c);
    assert_false(vsgx_ppid_decrypt(f->priv, c, p));
}

static void test_wrong_keys(void **state)
{
    fix_t *f = *state;
    char dir[128], err[256];
    EVP_PKEY *k = NULL, *small = EVP_RSA_gen(2048), *ec = EVP_EC_gen("P-256");
    assert_non_null(small);
    assert_non_null(ec);
    subdir(f, "rsa2048", dir, sizeof dir);
    write_pem(dir, VSGX_PCS_PEK_KEY_FILE, small, true, 0600);
    write_pem(dir, VSGX_PCS_PEK_PUB_FILE, small, false, 0644);
    assert_int_equal(vsgx_pcs_pek_load_private(dir, &k, err, sizeof err), VSGX_PCS_INVALID);
    assert_null(k);
    assert_int_equal(vsgx_pcs_pek_load_public(dir, &k, err, sizeof err), VSGX_PCS_INVALID);
    assert_null(k);
    subdir(f, "ec", dir, sizeof dir);
    write_pem(dir, VSGX_PCS_PEK_KEY_FILE, ec, true, 0600);
    write_pem(dir, VSGX_PCS_PEK_PUB_FILE, ec, false, 0644);
    assert_int_equal(vsgx_pcs_pek_load_private(dir, &k, err, sizeof err), VSGX_PCS_INVALID);
    assert_int_equal(vsgx_pcs_pek_load_public(dir, &k, err, sizeof err), VSGX_PCS_INVALID);
    assert_null(k);
    /* Neither encrypts nor decrypts a PPID. */
    uint8_t c[VSGX_PPID_ENC_SIZE], p[VSGX_PPID_SIZE];
    assert_false(vsgx_ppid_encrypt(small, PPID, c));
    assert_false(vsgx_ppid_encrypt(ec, PPID, c));
    assert_true(vsgx_ppid_encrypt(f->pub, PPID, c));
    assert_false(vsgx_ppid_decrypt(ec, c, p));
    EVP_PKEY_free(small);
    EVP_PKEY_free(ec);
    /* Not a key at all. */
    subdir(f, "garbage", dir, sizeof dir);
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, VSGX_PCS_PEK_KEY_FILE);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("not a key\n", fp);
    fclose(fp);
    chmod(path, 0600);
    assert_int_equal(vsgx_pcs_pek_load_private(dir, &k, err, sizeof err), VSGX_PCS_INVALID);
    assert_null(k);
}

static void test_insecure_and_missing(void **state)
{
    fix_t *f = *state;
    char dir[128], err[256] = "";
    EVP_PKEY *k = NULL;
    subdir(f, "insecure", dir, sizeof dir);
    write_pem(dir, VSGX_PCS_PEK_KEY_FILE, f->priv, true, 0644);
    assert_int_equal(vsgx_pcs_pek_load_private(dir, &k, err, sizeof err), VSGX_PCS_INSECURE);
    assert_null(k);
    assert_non_null(strstr(err, "0600"));
    subdir(f, "empty", dir, sizeof dir);
    assert_int_equal(vsgx_pcs_pek_load_private(dir, &k, err, sizeof err), VSGX_PCS_NOT_FOUND);
    assert_int_equal(vsgx_pcs_pek_load_public(dir, &k, err, sizeof err), VSGX_PCS_NOT_FOUND);
    assert_null(k);
}

static void test_create_twice(void **state)
{
    fix_t *f = *state;
    char err[256] = "", dir[128];
    assert_int_equal(vsgx_pcs_pek_create(f->dir, err, sizeof err), VSGX_PCS_EXISTS);
    assert_non_null(strstr(err, VSGX_PCS_PEK_KEY_FILE));
    /* The key is unchanged. */
    EVP_PKEY *k = NULL;
    assert_int_equal(vsgx_pcs_pek_load_private(f->dir, &k, err, sizeof err), VSGX_PCS_OK);
    assert_int_equal(EVP_PKEY_eq(k, f->priv), 1);
    EVP_PKEY_free(k);
    /* Only the public key there: still refused, and nothing is written. */
    subdir(f, "pub-only", dir, sizeof dir);
    write_pem(dir, VSGX_PCS_PEK_PUB_FILE, f->pub, false, 0644);
    assert_int_equal(vsgx_pcs_pek_create(dir, err, sizeof err), VSGX_PCS_EXISTS);
    assert_int_equal(vsgx_pcs_pek_load_private(dir, &k, err, sizeof err), VSGX_PCS_NOT_FOUND);
    /* A directory that does not exist. */
    snprintf(dir, sizeof dir, "%s/missing", f->dir);
    assert_int_equal(vsgx_pcs_pek_create(dir, err, sizeof err), VSGX_PCS_IO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_files),           cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_tampered),        cmocka_unit_test(test_parameters),
        cmocka_unit_test(test_wrong_keys),      cmocka_unit_test(test_insecure_and_missing),
        cmocka_unit_test(test_create_twice),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
