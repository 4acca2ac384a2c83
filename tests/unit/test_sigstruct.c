/* test_sigstruct.c — SIGSTRUCT checks on Intel's data: the production Launch Enclave's
 * SIGSTRUCT and the SIGSTRUCTs inside two enclaves built and signed with Intel's SDK verify,
 * with their documented ENCLAVEHASH and MRSIGNER; every kind of damage is refused precisely. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "hex.h"
#include "sigstruct.h"

static uint8_t *load(const char *path, size_t *len)
{
    uint8_t *data = NULL;
    assert_int_equal(vsgx_read_file(path, 1 << 26, &data, len), 0);
    return data;
}

static void hex_equal(const uint8_t *bytes, size_t n, const char *expected)
{
    char hex[129];
    vsgx_hex_encode(bytes, n, hex);
    assert_string_equal(hex, expected);
}

static void test_launch_enclave(void **state)
{
    (void)state;
    size_t len;
    uint8_t *data = load(VSGX_VECTORS "/intel/launch-enclave-sigstruct.bin", &len);
    assert_int_equal(len, VSGX_SIGSTRUCT_SIZE);
    assert_int_equal(vsgx_sigstruct_verify(data, len), VSGX_SIGSTRUCT_OK);
    vsgx_sigstruct_t s;
    memcpy(&s, data, sizeof s);
    assert_int_equal(s.vendor, 0x8086);
    assert_int_equal(s.date, 0x20240811);
    assert_int_equal(s.exponent, 3);
    assert_int_equal(s.isv_prod_id, 32);
    assert_int_equal(s.isv_svn, 7);
    hex_equal(s.enclave_hash, 32, "7881af9f9def547da9908c008f29cde9bd78064e36ac7e14c83c294ca4806150");
    uint8_t mrsigner[32];
    vsgx_sigstruct_mrsigner(&s, mrsigner);
    hex_equal(mrsigner, 32, "acb77012053e05a63d413b8bbae8fb6c5d73b3f2996d91c43bbbf90959c0f8d4");
    free(data);
}

/* One changed byte at `at` gives `expected`. */
static void damaged(const uint8_t *good, size_t at, vsgx_sigstruct_status_t expected)
{
    uint8_t copy[VSGX_SIGSTRUCT_SIZE];
    memcpy(copy, good, sizeof copy);
    copy[at] ^= 0x01;
    vsgx_sigstruct_status_t got = vsgx_sigstruct_verify(copy, sizeof copy);
    if (got != expected)
        fail_msg("byte %zu: got \"%s\", expected \"%s\"", at, vsgx_sigstruct_status_text(got),
                 vsgx_sigstruct_status_text(expected));
}

static void test_damage(void **state)
{
    (void)state;
    size_t len;
    uint8_t *good = load(VSGX_VECTORS "/intel/launch-enclave-sigstruct.bin", &len);
    /* The fixed headers. */
    for (size_t at = 0; at < 12; at++)
        damaged(good, at, VSGX_SIGSTRUCT_BAD_HEADER);
    for (size_t at = 24; at < 40; at++)
        damaged(good, at, VSGX_SIGSTRUCT_BAD_HEADER);
    /* Every other signed byte: [12,24), [40,128), [900,1028). */
    for (size_t at = 12; at < 24; at++)
        damaged(good, at, VSGX_SIGSTRUCT_BAD_SIGNATURE);
    for (size_t at = 40; at < 128; at++)
        damaged(good, at, VSGX_SIGSTRUCT_BAD_SIGNATURE);
    for (size_t at = 900; at < 1028; at++)
        damaged(good, at, VSGX_SIGSTRUCT_BAD_SIGNATURE);
    /* The key, the signature, the exponent, q1 and q2. */
    damaged(good, 128 + 100, VSGX_SIGSTRUCT_BAD_SIGNATURE);
    damaged(good, 128, VSGX_SIGSTRUCT_BAD_MODULUS);               /* now even */
    damaged(good, 516 + 7, VSGX_SIGSTRUCT_BAD_SIGNATURE);
    damaged(good, 512, VSGX_SIGSTRUCT_BAD_EXPONENT);
    damaged(good, 1040 + 5, VSGX_SIGSTRUCT_BAD_Q1);
    damaged(good, 1424 + 383, VSGX_SIGSTRUCT_BAD_Q2);
    /* Reserved bytes after ISVSVN are neither signed nor checked (as on hardware). */
    damaged(good, 1030, VSGX_SIGSTRUCT_OK);
    /* Sizes. */
    assert_int_equal(vsgx_sigstruct_verify(good, len - 1), VSGX_SIGSTRUCT_BAD_SIZE);
    assert_int_equal(vsgx_sigstruct_verify(good, 0), VSGX_SIGSTRUCT_BAD_SIZE);
    /* A modulus whose top byte is zero is not 3072 bits. */
    uint8_t copy[VSGX_SIGSTRUCT_SIZE];
    memcpy(copy, good, sizeof copy);
    copy[128 + 383] = 0;
    assert_int_equal(vsgx_sigstruct_verify(copy, sizeof copy), VSGX_SIGSTRUCT_BAD_MODULUS);
    /* An exponent of 65537 (a common RSA key) is refused before any arithmetic. */
    memcpy(copy, good, sizeof copy);
    copy[512] = 0x01, copy[513] = 0x00, copy[514] = 0x01;
    assert_int_equal(vsgx_sigstruct_verify(copy, sizeof copy), VSGX_SIGSTRUCT_BAD_EXPONENT);
    free(good);
}

/* Finds the SIGSTRUCT inside an enclave file by its fixed headers. */
static const uint8_t *find_sigstruct(const uint8_t *data, size_t len)
{
    static const uint8_t header[12] = { 0x06, 0, 0, 0, 0xE1, 0, 0, 0, 0, 0, 0x01, 0 };
    static const uint8_t header2[16] = { 0x01, 0x01, 0, 0, 0x60, 0, 0, 0, 0x60, 0, 0, 0, 0x01, 0, 0, 0 };
    for (size_t i = 0; i + VSGX_SIGSTRUCT_SIZE <= len; i++)
        if (memcmp(data + i, header, 12) == 0 && memcmp(data + i + 24, header2, 16) == 0)
            return data + i;
    return NULL;
}

static void test_intel_built_enclaves(void **state)
{
    (void)state;
    static const struct {
        const char *file, *mrenclave;
    } enclaves[] = {
        { VSGX_VECTORS "/enclaves/custom.enclave.signed.so",
          "457ee6e9a168b91ff06ba5b8b37a46bd316890edfa1ab5c3791bebfd0059cf1d" },
        { VSGX_VECTORS "/enclaves/contact.enclave.signed.so",
          "229f65b06f329a983faabd6de0a1af1aad228fe5b506542f25301cc400ee34aa" },
    };
    for (size_t i = 0; i < sizeof enclaves / sizeof enclaves[0]; i++) {
        size_t len;
        uint8_t *data = load(enclaves[i].file, &len);
        const uint8_t *css = find_sigstruct(data, len);
        assert_non_null(css);
        assert_int_equal(vsgx_sigstruct_verify(css, VSGX_SIGSTRUCT_SIZE), VSGX_SIGSTRUCT_OK);
        vsgx_sigstruct_t s;
        memcpy(&s, css, sizeof s);
        hex_equal(s.enclave_hash, 32, enclaves[i].mrenclave);
        uint8_t mrsigner[32];
        vsgx_sigstruct_mrsigner(&s, mrsigner);
        hex_equal(mrsigner, 32, "83d719e77deaca1470f6baf62a4d774303c899db69020f9c70ee1dfc08c7ce9e");
        free(data);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_launch_enclave),
        cmocka_unit_test(test_damage),
        cmocka_unit_test(test_intel_built_enclaves),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
