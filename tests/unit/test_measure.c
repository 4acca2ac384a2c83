/* test_measure.c — MRENCLAVE recomputed from two enclaves built and signed with Intel's SDK
 * (metadata 2.4) equals both the documented value and the ENCLAVEHASH of the SIGSTRUCT in their
 * metadata; changing a measured byte changes it, changing the unmeasured section header table
 * does not; truncated files and a corrupted metadata size are refused with a precise status. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "elf_image.h"
#include "file.h"
#include "hex.h"
#include "measure.h"
#include "metadata.h"

#define CUSTOM VSGX_VECTORS "/enclaves/custom.enclave.signed.so"
#define CONTACT VSGX_VECTORS "/enclaves/contact.enclave.signed.so"
#define CUSTOM_MRENCLAVE "457ee6e9a168b91ff06ba5b8b37a46bd316890edfa1ab5c3791bebfd0059cf1d"
#define CONTACT_MRENCLAVE "229f65b06f329a983faabd6de0a1af1aad228fe5b506542f25301cc400ee34aa"

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

static vsgx_measure_status_t measure(const uint8_t *file, size_t len, uint8_t out[32],
                                     vsgx_measure_detail_t *d)
{
    vsgx_measure_status_t st = vsgx_measure_file(file, len, out, d);
    if (st != VSGX_MEASURE_OK)
        print_message("measure: %s (elf: %s; metadata: %s; offset %zu)\n",
                      vsgx_measure_status_text(st), vsgx_elf_status_text(d->elf),
                      vsgx_metadata_status_text(d->metadata), d->offset);
    return st;
}

/* The vector measures to `expected`, which is also its metadata SIGSTRUCT's ENCLAVEHASH. */
static void vector(const char *path, const char *expected, uint64_t enclave_size)
{
    size_t len;
    uint8_t *data = load(path, &len);
    uint8_t mr[32];
    vsgx_measure_detail_t d;
    assert_int_equal(measure(data, len, mr, &d), VSGX_MEASURE_OK);
    hex_equal(mr, 32, expected);

    vsgx_elf_image_t *elf = NULL;
    vsgx_metadata_t *md = NULL;
    assert_int_equal(vsgx_elf_parse(data, len, &elf, NULL), VSGX_ELF_OK);
    assert_int_equal(vsgx_measure_load_metadata(elf, &md, &d), VSGX_MEASURE_OK);
    assert_int_equal(md->version >> 32, 2);
    assert_int_equal(md->enclave_size, enclave_size);
    assert_int_equal(md->ssa_frame_size, 1);
    assert_memory_equal(md->css.enclave_hash, mr, 32);
    assert_int_equal(vsgx_sigstruct_verify((const uint8_t *)&md->css, sizeof md->css),
                     VSGX_SIGSTRUCT_OK);
    vsgx_metadata_free(md);
    vsgx_elf_free(elf);
    free(data);
}

static void test_custom(void **state)
{
    (void)state;
    vector(CUSTOM, CUSTOM_MRENCLAVE, 0x400000);
}

static void test_contact(void **state)
{
    (void)state;
    vector(CONTACT, CONTACT_MRENCLAVE, 0x1000000);
}

/* A byte of .text changes MRENCLAVE; a byte of the section header table (an unallocated
 * section's address, which nothing reads) does not. */
static void test_flipped_bytes(void **state)
{
    (void)state;
    size_t len;
    uint8_t *data = load(CUSTOM, &len);
    uint8_t mr[32];
    vsgx_measure_detail_t d;
    vsgx_elf_image_t *elf = NULL;
    assert_int_equal(vsgx_elf_parse(data, len, &elf, NULL), VSGX_ELF_OK);
    const vsgx_elf_shdr_t *text = vsgx_elf_section(elf, ".text");
    assert_non_null(text);
    size_t text_at = (size_t)text->offset + 0x100;
    size_t comment = (size_t)(vsgx_elf_section(elf, ".comment") - elf->shdrs);
    assert_true(comment < elf->shnum);
    size_t shdr_at = (size_t)elf->shoff + comment * 64 + 16;   /* .comment's sh_addr */
    vsgx_elf_free(elf);

    data[text_at] ^= 0x01;
    assert_int_equal(measure(data, len, mr, &d), VSGX_MEASURE_OK);
    char hex[65];
    vsgx_hex_encode(mr, 32, hex);
    assert_string_not_equal(hex, CUSTOM_MRENCLAVE);
    data[text_at] ^= 0x01;

    data[shdr_at] ^= 0x01;
    assert_int_equal(measure(data, len, mr, &d), VSGX_MEASURE_OK);
    hex_equal(mr, 32, CUSTOM_MRENCLAVE);
    free(data);
}

static void test_truncated(void **state)
{
    (void)state;
    size_t len;
    uint8_t *data = load(CUSTOM, &len);
    const size_t lengths[] = { 0, 1, 16, 63, 64, 0x100, 0x1000, 0x34d20, 0x35000, len - 64, len - 1 };
    for (size_t i = 0; i < sizeof lengths / sizeof *lengths; i++) {
        uint8_t mr[32];
        vsgx_measure_detail_t d;
        vsgx_measure_status_t st = vsgx_measure_file(data, lengths[i], mr, &d);
        if (st != VSGX_MEASURE_BAD_ELF || d.elf != VSGX_ELF_TRUNCATED)
            fail_msg("length %zu: got \"%s\" / \"%s\"", lengths[i], vsgx_measure_status_text(st),
                     vsgx_elf_status_text(d.elf));
    }
    free(data);
}

/* The metadata's `size` (at +16) made larger than its note, or smaller than its header. */
static void test_bad_metadata_size(void **state)
{
    (void)state;
    size_t len;
    uint8_t *data = load(CUSTOM, &len);
    vsgx_elf_image_t *elf = NULL;
    size_t off, n;
    assert_int_equal(vsgx_elf_parse(data, len, &elf, NULL), VSGX_ELF_OK);
    assert_int_equal(vsgx_elf_find_note(elf, VSGX_METADATA_NOTE_SECTION, VSGX_METADATA_NOTE_NAME,
                                        VSGX_METADATA_NOTE_TYPE, &off, &n),
                     VSGX_ELF_OK);
    vsgx_elf_free(elf);
    const uint32_t sizes[] = { (uint32_t)n + 1, 0x6000, 0xFFFFFFFF, 0, 64, 1887 };
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        uint8_t mr[32];
        vsgx_measure_detail_t d;
        uint8_t saved[4];
        memcpy(saved, data + off + 16, 4);
        for (int b = 0; b < 4; b++)
            data[off + 16 + b] = (uint8_t)(sizes[i] >> (8 * b));
        vsgx_measure_status_t st = vsgx_measure_file(data, len, mr, &d);
        if (st != VSGX_MEASURE_BAD_METADATA || d.metadata != VSGX_METADATA_BAD_SIZE ||
            d.offset != off + 16)
            fail_msg("size %#x: got \"%s\" / \"%s\" at %zu", sizes[i], vsgx_measure_status_text(st),
                     vsgx_metadata_status_text(d.metadata), d.offset);
        memcpy(data + off + 16, saved, 4);
    }
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_custom),
        cmocka_unit_test(test_contact),
        cmocka_unit_test(test_flipped_bytes),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_bad_metadata_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
