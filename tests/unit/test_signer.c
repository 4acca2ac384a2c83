/* test_signer.c — the signer end to end: a test enclave signed with the defaults verifies
 * (signature, q1/q2, recomputed MRENCLAVE, MRSIGNER of the key); re-signing an Intel-built
 * enclave with its key reproduces the file byte for byte; two-step signing (gendata, an external
 * signature, catsig) gives the same file as one-step signing; and every refusal: already signed,
 * another runtime's g_global_data, a foreign or tampered signature, signing data of another
 * enclave, keys of the wrong size or exponent. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "file.h"
#include "hex.h"
#include "measure.h"
#include "metadata.h"
#include "elf_image.h"
#include "signer.h"
#include "signing_key.h"

#define MINIMAL VSGX_TEST_ENCLAVES "/minimal.so"
#define CUSTOM VSGX_VECTORS "/enclaves/custom.enclave.signed.so"
#define CONTACT VSGX_VECTORS "/enclaves/contact.enclave.signed.so"
#define SAMPLE_KEY VSGX_VECTORS "/keys/intel-sample-enclave1-private.pem"
#define TEST_KEY VSGX_VECTORS "/keys/intel-sample-enclave-private-test.pem"
#define TEST_KEY_MRSIGNER "9664d90755bd901069d4725cdd428038473d726f1cec0edf0d78e18a596b1d4e"
#define DATE 0x20261127

typedef struct {
    uint8_t *data;
    size_t len;
} blob_t;

static blob_t load(const char *path)
{
    blob_t b = { 0 };
    assert_int_equal(vsgx_read_file(path, 1 << 26, &b.data, &b.len), 0);
    return b;
}

static EVP_PKEY *key(const char *path, uint8_t modulus[384])
{
    blob_t pem = load(path);
    char msg[256];
    EVP_PKEY *k = vsgx_signing_key_load((const char *)pem.data, pem.len, VSGX_KEY_PRIVATE, modulus, msg, sizeof msg);
    free(pem.data);
    assert_non_null(k);
    return k;
}

static vsgx_signer_status_t sign(const blob_t *in, EVP_PKEY *k, const vsgx_enclave_config_t *c, bool resign,
                                 vsgx_sign_result_t *out, vsgx_signer_error_t *err)
{
    vsgx_sign_request_t r = { .mode = VSGX_SIGN_MODE_SIGN, .enclave = in->data, .enclave_len = in->len,
                              .config = c, .resign = resign, .date = DATE, .private_key = k };
    vsgx_signer_status_t st = vsgx_sign_enclave(&r, out, err);
    if (st != VSGX_SIGNER_OK)
        print_message("signer: %s: %s\n", vsgx_signer_status_text(st), err->message);
    return st;
}

/* The metadata chain of a signed file; *elf holds it (free both). */
static vsgx_metadata_t *chain(const uint8_t *file, size_t len, vsgx_elf_image_t **elf)
{
    vsgx_metadata_t *md = NULL;
    assert_int_equal(vsgx_elf_parse(file, len, elf, NULL), VSGX_ELF_OK);
    assert_int_equal(vsgx_measure_load_metadata(*elf, &md, NULL), VSGX_MEASURE_OK);
    return md;
}

/* The signed file verifies, measures to its ENCLAVEHASH, and names the key's MRSIGNER. */
static void verifies(const uint8_t *file, size_t len, const char *mrsigner)
{
    uint8_t mr[32], signer[32];
    char hex[65];
    assert_int_equal(vsgx_measure_file(file, len, mr, NULL), VSGX_MEASURE_OK);
    vsgx_elf_image_t *elf = NULL;
    vsgx_metadata_t *md = chain(file, len, &elf);
    for (vsgx_metadata_t *m = md; m; m = m->next) {
        assert_int_equal(vsgx_sigstruct_verify((const uint8_t *)&m->css, sizeof m->css), VSGX_SIGSTRUCT_OK);
        assert_memory_equal(m->css.enclave_hash, mr, 32);
    }
    vsgx_sigstruct_mrsigner(&md->css, signer);
    vsgx_hex_encode(signer, 32, hex);
    assert_string_equal(hex, mrsigner);
    vsgx_metadata_free(md);
    vsgx_elf_free(elf);
}

static void test_sign_defaults(void **state)
{
    (void)state;
    uint8_t mod[384];
    EVP_PKEY *k = key(TEST_KEY, mod);
    blob_t in = load(MINIMAL);
    vsgx_sign_result_t res;
    vsgx_signer_error_t err;
    assert_int_equal(sign(&in, k, NULL, false, &res, &err), VSGX_SIGNER_OK);
    assert_int_equal(res.len, in.len);
    verifies(res.file, res.len, TEST_KEY_MRSIGNER);
    assert_int_equal(res.css.date, DATE);
    assert_int_equal(res.css.attributes.flags, 0x4);
    assert_int_equal(res.css.attribute_mask.flags, 0xFF00FFFFFFFFFFFDULL);
    assert_int_equal(res.css.attributes.xfrm, 0x3);
    assert_int_equal(res.css.attribute_mask.xfrm, 0xFFFFFFFFFFFFFF1BULL);
    assert_int_equal(res.css.misc_mask, 0xFFFFFFFF);
    /* the defaults use no EDMM feature with EXINFO: one SGX1 form, 1.5 */
    vsgx_elf_image_t *elf = NULL;
    vsgx_metadata_t *md = chain(res.file, res.len, &elf);
    assert_int_equal(md->version, VSGX_METADATA_SGX1);
    assert_null(md->next);
    assert_int_equal(md->attributes.xfrm, 0xE7);
    assert_int_equal(md->ssa_frame_size, 1);
    /* only the note changed */
    assert_memory_equal(res.file, in.data, md->file_offset);
    vsgx_metadata_free(md);
    vsgx_elf_free(elf);

    /* signing again needs -resign; then, without a configuration, the same file comes out */
    blob_t signed_once = { res.file, res.len };
    vsgx_sign_result_t again;
    assert_int_equal(sign(&signed_once, k, NULL, false, &again, &err), VSGX_SIGNER_ALREADY_SIGNED);
    assert_int_equal(sign(&signed_once, k, NULL, true, &again, &err), VSGX_SIGNER_OK);
    assert_true(again.kept_metadata);
    assert_memory_equal(again.file, res.file, res.len);
    vsgx_sign_result_free(&again);
    vsgx_sign_result_free(&res);
    free(in.data);
    EVP_PKEY_free(k);
}

/* Re-signing an Intel-built enclave with its own key, keeping layout and date: the same bytes. */
static void resign_vector(const char *path)
{
    uint8_t mod[384];
    EVP_PKEY *k = key(SAMPLE_KEY, mod);
    blob_t in = load(path);
    vsgx_sign_result_t res;
    vsgx_signer_error_t err;
    assert_int_equal(sign(&in, k, NULL, false, &res, &err), VSGX_SIGNER_ALREADY_SIGNED);
    vsgx_sign_request_t r = { .mode = VSGX_SIGN_MODE_SIGN, .enclave = in.data, .enclave_len = in.len,
                              .resign = true, .private_key = k };
    assert_int_equal(vsgx_sign_enclave(&r, &res, &err), VSGX_SIGNER_OK);
    assert_int_equal(res.len, in.len);
    assert_memory_equal(res.file, in.data, in.len);
    vsgx_sign_result_free(&res);
    /* with a configuration it would be laid out anew: Intel's runtime is not vsgx's */
    vsgx_enclave_config_t c;
    vsgx_enclave_config_defaults(&c);
    assert_int_equal(sign(&in, k, &c, true, &res, &err), VSGX_SIGNER_RUNTIME);
    assert_non_null(strstr(err.message, "g_global_data is 1632 bytes"));
    free(in.data);
    EVP_PKEY_free(k);
}

static void test_resign_custom(void **state)
{
    (void)state;
    resign_vector(CUSTOM);
}

static void test_resign_contact(void **state)
{
    (void)state;
    resign_vector(CONTACT);
}

/* gendata, then a signature made elsewhere over its 256 bytes, then catsig. */
static void test_two_step(void **state)
{
    (void)state;
    uint8_t mod[384], sig[384];
    size_t sig_len = sizeof sig;
    EVP_PKEY *k = key(TEST_KEY, mod);
    blob_t in = load(MINIMAL);
    vsgx_sign_result_t one, data, two;
    vsgx_signer_error_t err;
    assert_int_equal(sign(&in, k, NULL, false, &one, &err), VSGX_SIGNER_OK);
    vsgx_sign_request_t r = { .mode = VSGX_SIGN_MODE_GENDATA, .enclave = in.data, .enclave_len = in.len,
                              .date = DATE };
    assert_int_equal(vsgx_sign_enclave(&r, &data, &err), VSGX_SIGNER_OK);
    assert_null(data.file);
    assert_memory_equal(data.signing_data, &one.css, 128);
    assert_memory_equal(data.signing_data + 128, (const uint8_t *)&one.css + 900, 128);

    EVP_MD_CTX *md = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = NULL;
    assert_int_equal(EVP_DigestSignInit(md, &pctx, EVP_sha256(), NULL, k), 1);
    assert_int_equal(EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING), 1);
    assert_int_equal(EVP_DigestSign(md, sig, &sig_len, data.signing_data, 256), 1);
    EVP_MD_CTX_free(md);

    /* catsig on another day still uses gendata's date */
    r = (vsgx_sign_request_t){ .mode = VSGX_SIGN_MODE_CATSIG, .enclave = in.data, .enclave_len = in.len,
                               .date = 0x20300101, .public_modulus = mod, .signature = sig,
                               .signing_data = data.signing_data };
    assert_int_equal(vsgx_sign_enclave(&r, &two, &err), VSGX_SIGNER_OK);
    assert_memory_equal(two.file, one.file, one.len);
    vsgx_sign_result_free(&two);

    /* a flipped signature byte, another key's modulus, signing data of another configuration */
    sig[100] ^= 1;
    assert_int_equal(vsgx_sign_enclave(&r, &two, &err), VSGX_SIGNER_SIGNATURE);
    assert_non_null(strstr(err.message, "does not verify"));
    sig[100] ^= 1;
    uint8_t other[384];
    EVP_PKEY *k2 = key(SAMPLE_KEY, other);
    r.public_modulus = other;
    assert_int_equal(vsgx_sign_enclave(&r, &two, &err), VSGX_SIGNER_SIGNATURE);
    r.public_modulus = mod;
    vsgx_enclave_config_t c;
    vsgx_enclave_config_defaults(&c);
    c.isv_svn = 2;
    r.config = &c;
    assert_int_equal(vsgx_sign_enclave(&r, &two, &err), VSGX_SIGNER_UNSIGNED_DATA);
    assert_int_equal(err.offset, 128 + 1026 - 900);           /* ISVSVN: SIGSTRUCT byte 1026 */
    EVP_PKEY_free(k2);
    vsgx_sign_result_free(&one);
    free(in.data);
    EVP_PKEY_free(k);
}

/* MiscSelect[0] with a dynamic feature: the EDMM form; with MiscMask[0] clear, both. */
static void test_metadata_forms(void **state)
{
    (void)state;
    uint8_t mod[384];
    EVP_PKEY *k = key(TEST_KEY, mod);
    blob_t in = load(MINIMAL);
    vsgx_enclave_config_t c;
    vsgx_enclave_config_defaults(&c);
    c.misc_select = 1;
    c.misc_mask = 0xFFFFFFFE;
    c.tcs_num = 2;
    c.tcs_max_num = 4;
    c.tcs_max_num_set = true;
    vsgx_sign_result_t res;
    vsgx_signer_error_t err;
    assert_int_equal(sign(&in, k, &c, false, &res, &err), VSGX_SIGNER_OK);
    verifies(res.file, res.len, TEST_KEY_MRSIGNER);
    assert_int_equal(res.css.misc_select, 0);                 /* MiscSelect & MiscMask */
    vsgx_elf_image_t *elf = NULL;
    vsgx_metadata_t *md = chain(res.file, res.len, &elf);
    assert_int_equal(md->version, VSGX_METADATA_SGX2);
    assert_non_null(md->next);
    assert_int_equal(md->next->version, VSGX_METADATA_SGX1);
    assert_null(md->next->next);
    vsgx_metadata_free(md);
    vsgx_elf_free(elf);
    vsgx_sign_result_free(&res);

    c.misc_mask = 0xFFFFFFFF;
    assert_int_equal(sign(&in, k, &c, false, &res, &err), VSGX_SIGNER_OK);
    assert_int_equal(res.css.misc_select, 1);
    md = chain(res.file, res.len, &elf);
    assert_int_equal(md->version, VSGX_METADATA_SGX2);
    assert_null(md->next);
    vsgx_metadata_free(md);
    vsgx_elf_free(elf);
    vsgx_sign_result_free(&res);
    free(in.data);
    EVP_PKEY_free(k);
}

/* A measured byte changes MRENCLAVE; the unmeasured section header table does not. */
static void test_tamper(void **state)
{
    (void)state;
    uint8_t mod[384], before[32], after[32];
    EVP_PKEY *k = key(TEST_KEY, mod);
    blob_t in = load(MINIMAL);
    vsgx_sign_result_t res;
    vsgx_signer_error_t err;
    assert_int_equal(sign(&in, k, NULL, false, &res, &err), VSGX_SIGNER_OK);
    vsgx_elf_image_t *elf = NULL;
    assert_int_equal(vsgx_elf_parse(res.file, res.len, &elf, NULL), VSGX_ELF_OK);
    size_t shoff = (size_t)elf->shoff, text = (size_t)elf->phdrs[3].offset;
    vsgx_elf_free(elf);
    assert_int_equal(vsgx_measure_file(res.file, res.len, before, NULL), VSGX_MEASURE_OK);
    res.file[shoff + 70] ^= 0x40;                             /* a section header's sh_addr */
    assert_int_equal(vsgx_measure_file(res.file, res.len, after, NULL), VSGX_MEASURE_OK);
    assert_memory_equal(before, after, 32);
    res.file[shoff + 70] ^= 0x40;
    res.file[text + 1] ^= 0x01;                               /* code */
    assert_int_equal(vsgx_measure_file(res.file, res.len, after, NULL), VSGX_MEASURE_OK);
    assert_memory_not_equal(before, after, 32);
    vsgx_sign_result_free(&res);
    free(in.data);
    EVP_PKEY_free(k);
}

/* ELRANGE: metadata 11.5 with the range; ECREATE measures the range's size and every page its
 * offset in the range, so MRENCLAVE differs from the same enclave without it. */
static void test_elrange(void **state)
{
    (void)state;
    uint8_t mod[384];
    EVP_PKEY *k = key(TEST_KEY, mod);
    blob_t in = load(MINIMAL);
    vsgx_enclave_config_t c;
    vsgx_enclave_config_defaults(&c);
    vsgx_sign_result_t plain, ranged;
    vsgx_signer_error_t err;
    assert_int_equal(sign(&in, k, &c, false, &plain, &err), VSGX_SIGNER_OK);
    c.elrange_start_address = 0x10000000;
    c.elrange_size = 0x10000000;
    c.enclave_image_address = 0x10200000;
    assert_int_equal(sign(&in, k, &c, false, &ranged, &err), VSGX_SIGNER_OK);
    verifies(ranged.file, ranged.len, TEST_KEY_MRSIGNER);
    assert_memory_not_equal(plain.css.enclave_hash, ranged.css.enclave_hash, 32);
    vsgx_elf_image_t *elf = NULL;
    vsgx_metadata_t *md = chain(ranged.file, ranged.len, &elf);
    assert_int_equal(md->version, VSGX_METADATA_VERSION(11, 5));
    assert_true(md->has_elrange);
    assert_int_equal(md->elrange_size, 0x10000000);
    assert_int_equal(md->enclave_image_address, 0x10200000);
    vsgx_metadata_free(md);
    vsgx_elf_free(elf);
    vsgx_sign_result_free(&plain);
    vsgx_sign_result_free(&ranged);
    /* the image (32 MiB) must end inside the range */
    c.enclave_image_address = 0x1F000000;
    assert_int_equal(sign(&in, k, &c, false, &ranged, &err), VSGX_SIGNER_CONFIG);
    free(in.data);
    EVP_PKEY_free(k);
}

static EVP_PKEY *generate(unsigned bits, unsigned exponent)
{
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, NULL);
    EVP_PKEY *k = NULL;
    BIGNUM *e = BN_new();
    BN_set_word(e, exponent);
    assert_int_equal(EVP_PKEY_keygen_init(ctx), 1);
    assert_int_equal(EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, (int)bits), 1);
    assert_int_equal(EVP_PKEY_CTX_set1_rsa_keygen_pubexp(ctx, e), 1);
    assert_int_equal(EVP_PKEY_keygen(ctx, &k), 1);
    BN_free(e);
    EVP_PKEY_CTX_free(ctx);
    return k;
}

static void refused_key(EVP_PKEY *k, const char *why)
{
    char *pem = NULL, msg[256];
    size_t len = 0;
    uint8_t mod[384];
    FILE *f = open_memstream(&pem, &len);
    assert_int_equal(PEM_write_PrivateKey(f, k, NULL, NULL, 0, NULL, NULL), 1);
    fclose(f);
    assert_null(vsgx_signing_key_load(pem, len, VSGX_KEY_PRIVATE, mod, msg, sizeof msg));
    assert_non_null(strstr(msg, why));
    free(pem);
    EVP_PKEY_free(k);
}

static void test_wrong_keys(void **state)
{
    (void)state;
    refused_key(generate(2048, 3), "2048-bit");
    refused_key(generate(3072, 65537), "exponent is not 3");
    char msg[256];
    uint8_t mod[384];
    blob_t pub = load(TEST_KEY);
    /* a public key cannot sign, but can check a signature */
    EVP_PKEY *k = vsgx_signing_key_load((const char *)pub.data, pub.len, VSGX_KEY_PRIVATE, mod, msg, sizeof msg);
    assert_non_null(k);
    BIO *b = BIO_new(BIO_s_mem());
    assert_int_equal(PEM_write_bio_PUBKEY(b, k), 1);
    EVP_PKEY_free(k);
    char *p = NULL;
    long plen = BIO_get_mem_data(b, &p);
    assert_null(vsgx_signing_key_load(p, (size_t)plen, VSGX_KEY_PRIVATE, mod, msg, sizeof msg));
    assert_non_null(strstr(msg, "private key"));
    assert_non_null(k = vsgx_signing_key_load(p, (size_t)plen, VSGX_KEY_PUBLIC, mod, msg, sizeof msg));
    EVP_PKEY_free(k);
    BIO_free(b);
    free(pub.data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sign_defaults),
        cmocka_unit_test(test_resign_custom),
        cmocka_unit_test(test_resign_contact),
        cmocka_unit_test(test_two_step),
        cmocka_unit_test(test_metadata_forms),
        cmocka_unit_test(test_tamper),
        cmocka_unit_test(test_elrange),
        cmocka_unit_test(test_wrong_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
