/* test_elf_lookups.c — what the signer reads from an enclave's ELF image (elf_dynamic.h,
 * elf_symbols.h, vsgx_elf_tls): dynamic symbols by name with the values readelf shows for the
 * Intel-built enclaves, the symbol count found from the .dynsym section header or, without it,
 * from DT_GNU_HASH or DT_HASH, the PT_TLS segment, the RELA relocations, the vaddr to file offset
 * translation at segment edges, and refusals of tables that are not loaded from the file. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "elf_dynamic.h"
#include "elf_symbols.h"
#include "file.h"
#include "vsgx/global_data.h"

#define MINIMAL VSGX_TEST_ENCLAVES "/minimal.so"
#define WEAK VSGX_TEST_ENCLAVES "/rules_weak.so"
#define TEXTREL VSGX_TEST_ENCLAVES "/rules_textrel.so"
#define CUSTOM VSGX_VECTORS "/enclaves/custom.enclave.signed.so"
#define CONTACT VSGX_VECTORS "/enclaves/contact.enclave.signed.so"

typedef struct {
    uint8_t *data;
    size_t len;
    vsgx_elf_image_t *img;
} elf_t;

static elf_t open_elf(const char *path)
{
    elf_t e = { 0 };
    assert_int_equal(vsgx_read_file(path, 1 << 26, &e.data, &e.len), 0);
    assert_int_equal(vsgx_elf_parse(e.data, e.len, &e.img, NULL), VSGX_ELF_OK);
    return e;
}

static void reparse(elf_t *e)
{
    vsgx_elf_free(e->img);
    assert_int_equal(vsgx_elf_parse(e->data, e->len, &e->img, NULL), VSGX_ELF_OK);
}

static void close_elf(elf_t *e)
{
    vsgx_elf_free(e->img);
    free(e->data);
}

static void expect_symbol(const vsgx_elf_image_t *img, const char *name, uint64_t value,
                          uint64_t size)
{
    uint64_t v = 0, s = 0;
    assert_int_equal(vsgx_elf_find_symbol(img, name, &v, &s), VSGX_ELF_OK);
    assert_int_equal(v, value);
    assert_int_equal(s, size);
}

static void test_intel_symbols(void **state)
{
    (void)state;
    elf_t e = open_elf(CUSTOM);
    expect_symbol(e.img, "g_global_data", 0x2f3c0, 1632);
    expect_symbol(e.img, "enclave_entry", 0x2d2ac, 0);
    expect_symbol(e.img, "g_peak_heap_used", 0x235100, 8);
    assert_int_equal(e.img->entry, 0x2d2ac);
    /* Undefined (weak) and absent symbols are not found. */
    assert_int_equal(vsgx_elf_find_symbol(e.img, "_Z9pcl_entryPvS_", NULL, NULL), VSGX_ELF_NO_SYMBOL);
    assert_int_equal(vsgx_elf_find_symbol(e.img, "g_global_data_sim", NULL, NULL), VSGX_ELF_NO_SYMBOL);
    assert_int_equal(vsgx_elf_find_symbol(e.img, "", NULL, NULL), VSGX_ELF_NO_SYMBOL);
    close_elf(&e);

    e = open_elf(CONTACT);
    expect_symbol(e.img, "g_global_data", 0x42740, 1632);
    expect_symbol(e.img, "enclave_entry", 0x403ec, 0);
    expect_symbol(e.img, "g_peak_heap_used", 0x24a120, 8);
    close_elf(&e);
}

static void test_minimal_symbols(void **state)
{
    (void)state;
    elf_t e = open_elf(MINIMAL);
    uint64_t v, s;
    assert_int_equal(vsgx_elf_find_symbol(e.img, "enclave_entry", &v, &s), VSGX_ELF_OK);
    assert_int_equal(v, e.img->entry);                  /* linked with -eenclave_entry */
    assert_true(s > 0);
    assert_int_equal(vsgx_elf_find_symbol(e.img, "g_global_data", &v, &s), VSGX_ELF_OK);
    assert_int_equal(s, sizeof(vsgx_global_data_t));
    assert_int_equal(vsgx_elf_find_symbol(e.img, "calls", NULL, NULL), VSGX_ELF_NO_SYMBOL);   /* hidden */
    close_elf(&e);
}

/* The symbol count without the .dynsym section header: from DT_GNU_HASH (minimal) and from
 * DT_HASH (the weak fixture, linked with --hash-style=sysv). */
static void test_count_from_hash_tables(void **state)
{
    (void)state;
    static const char *const paths[] = { MINIMAL, WEAK };
    for (size_t k = 0; k < 2; k++) {
        elf_t e = open_elf(paths[k]);
        vsgx_elf_dynamic_t dyn;
        vsgx_elf_symtab_t with, without;
        uint64_t gd, gd_size;
        assert_int_equal(vsgx_elf_dynamic(e.img, &dyn, NULL), VSGX_ELF_OK);
        assert_true(k == 0 ? dyn.gnu_hash.present && !dyn.hash.present : dyn.hash.present);
        assert_int_equal(vsgx_elf_symtab(e.img, &dyn, &with, NULL), VSGX_ELF_OK);
        assert_int_equal(vsgx_elf_find_symbol(e.img, "g_global_data", &gd, &gd_size), VSGX_ELF_OK);
        const vsgx_elf_shdr_t *s = vsgx_elf_section(e.img, ".dynsym");
        size_t at = (size_t)e.img->shoff + (size_t)(s - e.img->shdrs) * VSGX_ELF_SHDR_SIZE;
        e.data[at + 4] = 1;                             /* sh_type = SHT_PROGBITS */
        reparse(&e);
        assert_int_equal(vsgx_elf_symtab(e.img, &dyn, &without, NULL), VSGX_ELF_OK);
        assert_int_equal(without.count, with.count);
        assert_int_equal(without.offset, with.offset);
        expect_symbol(e.img, "g_global_data", gd, gd_size);
        close_elf(&e);
    }
}

static void test_tls(void **state)
{
    (void)state;
    uint64_t memsz = 1, align = 1;
    elf_t e = open_elf(CUSTOM);
    assert_int_equal(vsgx_elf_tls(e.img, &memsz, &align), VSGX_ELF_OK);
    assert_int_equal(memsz, 0);
    assert_int_equal(align, 0);
    close_elf(&e);

    e = open_elf(MINIMAL);
    assert_int_equal(vsgx_elf_tls(e.img, &memsz, &align), VSGX_ELF_OK);
    assert_int_equal(memsz, sizeof(unsigned long));     /* one initialised __thread variable */
    assert_int_equal(align, 8);
    size_t tls = 0;
    while (e.img->phdrs[tls].type != VSGX_ELF_PT_TLS)
        tls++;
    e.img->phdrs[tls].align = 24;
    assert_int_equal(vsgx_elf_tls(e.img, &memsz, &align), VSGX_ELF_BAD_SEGMENT);
    e.img->phdrs[tls].align = 8;
    e.img->phdrs[tls].memsz = UINT64_MAX - 2;
    assert_int_equal(vsgx_elf_tls(e.img, &memsz, &align), VSGX_ELF_BAD_SEGMENT);
    e.img->phdrs[tls].memsz = 8;
    e.img->phdrs[0].type = VSGX_ELF_PT_TLS;             /* two of them */
    assert_int_equal(vsgx_elf_tls(e.img, &memsz, &align), VSGX_ELF_BAD_SEGMENT);
    close_elf(&e);
}

static void test_relocations(void **state)
{
    (void)state;
    elf_t e = open_elf(CUSTOM);
    vsgx_elf_rela_t *r;
    size_t n, relative = 0;
    assert_int_equal(vsgx_elf_relocations(e.img, &r, &n), VSGX_ELF_OK);
    assert_int_equal(n, 83);
    assert_int_equal(r[0].offset, 0x233cf8);
    assert_int_equal(r[0].type, VSGX_ELF_R_X86_64_RELATIVE);
    assert_int_equal(r[0].sym, 0);
    assert_int_equal(r[0].addend, 0x1d890);
    assert_int_equal(r[0].at, 0x378);
    assert_int_equal(r[82].offset, 0x233fb8);
    assert_int_equal(r[82].type, VSGX_ELF_R_X86_64_GLOB_DAT);
    assert_int_equal(r[82].sym, 1);                     /* the weak _Z9pcl_entryPvS_ */
    assert_int_equal(r[82].addend, 0);
    for (size_t i = 0; i < n; i++)
        relative += r[i].type == VSGX_ELF_R_X86_64_RELATIVE;
    assert_int_equal(relative, 82);
    vsgx_elf_relocations_free(r);
    close_elf(&e);

    e = open_elf(CONTACT);
    assert_int_equal(vsgx_elf_relocations(e.img, &r, &n), VSGX_ELF_OK);
    assert_int_equal(n, 95);
    assert_int_equal(r[94].type, VSGX_ELF_R_X86_64_GLOB_DAT);
    vsgx_elf_relocations_free(r);
    close_elf(&e);

    /* The text-relocation fixture: one relocation in .text, and DT_TEXTREL. */
    e = open_elf(TEXTREL);
    bool textrel = false;
    assert_int_equal(vsgx_elf_relocations(e.img, &r, &n), VSGX_ELF_OK);
    assert_int_equal(n, 2);
    const vsgx_elf_shdr_t *text = vsgx_elf_section(e.img, ".text");
    size_t in_text = 0;
    for (size_t i = 0; i < n; i++)
        in_text += r[i].offset >= text->addr && r[i].offset < text->addr + text->size;
    assert_int_equal(in_text, 1);
    assert_int_equal(vsgx_elf_has_textrel(e.img, &textrel), VSGX_ELF_OK);
    assert_true(textrel);
    vsgx_elf_relocations_free(r);
    close_elf(&e);
}

/* Relocation tables that are not whole entries, not loaded, or REL. */
static void test_bad_relocation_tables(void **state)
{
    (void)state;
    elf_t e = open_elf(MINIMAL);
    vsgx_elf_dynamic_t dyn;
    vsgx_elf_rela_t *r = (vsgx_elf_rela_t *)&dyn;
    size_t n = 99, where = 0;
    assert_int_equal(vsgx_elf_dynamic(e.img, &dyn, NULL), VSGX_ELF_OK);
    vsgx_elf_dynamic_t bad = dyn;
    bad.relaent.value = 16;
    assert_int_equal(vsgx_elf_dynamic_relocations(e.img, &bad, &r, &n, &where), VSGX_ELF_BAD_DYNAMIC);
    assert_null(r);
    assert_int_equal(n, 0);
    assert_int_equal(where, dyn.relaent.at);
    bad = dyn;
    bad.rela.value = 0x10000000;                        /* not in any segment */
    assert_int_equal(vsgx_elf_dynamic_relocations(e.img, &bad, &r, &n, &where), VSGX_ELF_BAD_DYNAMIC);
    assert_int_equal(where, dyn.rela.at);
    bad = dyn;
    bad.relasz.present = false;                         /* a table without its size */
    assert_int_equal(vsgx_elf_dynamic_relocations(e.img, &bad, &r, &n, &where), VSGX_ELF_BAD_DYNAMIC);
    bad = dyn;
    bad.pltrelsz = dyn.relasz;                          /* a size without its table */
    assert_int_equal(vsgx_elf_dynamic_relocations(e.img, &bad, &r, &n, &where), VSGX_ELF_BAD_DYNAMIC);
    bad = dyn;
    bad.rel = dyn.rela;
    assert_int_equal(vsgx_elf_dynamic_relocations(e.img, &bad, &r, &n, &where), VSGX_ELF_BAD_DYNAMIC);
    bad = dyn;
    bad.jmprel = dyn.rela;                              /* the same table twice: two entries */
    bad.pltrelsz = dyn.relasz;
    assert_int_equal(vsgx_elf_dynamic_relocations(e.img, &bad, &r, &n, &where), VSGX_ELF_OK);
    assert_int_equal(n, 2);
    assert_int_equal(r[0].at, r[1].at);
    vsgx_elf_relocations_free(r);
    close_elf(&e);
}

/* vaddr → file offset: inside a segment's file bytes only, up to its last byte. */
static void test_vaddr_to_offset(void **state)
{
    (void)state;
    elf_t e = open_elf(MINIMAL);
    const vsgx_elf_phdr_t *rw = NULL;
    for (size_t i = 0; i < e.img->phnum; i++)
        if (e.img->phdrs[i].type == VSGX_ELF_PT_LOAD && (e.img->phdrs[i].flags & VSGX_ELF_PF_W))
            rw = &e.img->phdrs[i];
    assert_non_null(rw);
    size_t off = 0, avail = 0;
    assert_true(vsgx_elf_vaddr_to_offset(e.img, rw->vaddr, rw->filesz, &off, &avail));
    assert_int_equal(off, rw->offset);
    assert_int_equal(avail, rw->filesz);
    assert_true(vsgx_elf_vaddr_to_offset(e.img, rw->vaddr + rw->filesz - 1, 1, &off, &avail));
    assert_int_equal(avail, 1);
    assert_true(vsgx_elf_vaddr_to_offset(e.img, rw->vaddr + rw->filesz, 0, &off, &avail));
    assert_int_equal(avail, 0);
    assert_false(vsgx_elf_vaddr_to_offset(e.img, rw->vaddr + rw->filesz, 1, &off, NULL)); /* .bss */
    assert_false(vsgx_elf_vaddr_to_offset(e.img, rw->vaddr, rw->filesz + 1, &off, NULL));
    assert_false(vsgx_elf_vaddr_to_offset(e.img, rw->vaddr - 1, 2, &off, NULL));   /* a gap */
    assert_false(vsgx_elf_vaddr_to_offset(e.img, UINT64_MAX, 2, &off, NULL));
    assert_false(vsgx_elf_vaddr_to_offset(e.img, rw->vaddr, UINT64_MAX, &off, NULL));
    close_elf(&e);
}

static void test_dynamic_entries(void **state)
{
    (void)state;
    elf_t e = open_elf(CUSTOM);
    vsgx_elf_dynamic_t dyn;
    size_t where = 1;
    assert_int_equal(vsgx_elf_dynamic(e.img, &dyn, &where), VSGX_ELF_OK);
    assert_int_equal(dyn.offset, 0x33dd0);
    assert_int_equal(dyn.count, 21);
    assert_int_equal(dyn.needed, 0);
    assert_int_equal(dyn.symtab.value, 0x258);
    assert_int_equal(dyn.strtab.value, 0x2e8);
    assert_int_equal(dyn.strsz.value, 74);
    assert_int_equal(dyn.rela.value, 0x378);
    assert_int_equal(dyn.relasz.value, 1992);
    assert_int_equal(dyn.init_array.value, 0x233cf8);
    assert_int_equal(dyn.flags.value, 0xa);             /* SYMBOLIC | BIND_NOW */
    assert_false(dyn.textrel.present || dyn.init.present || dyn.rel.present || dyn.jmprel.present);
    assert_string_equal(vsgx_elf_dynstr(e.img, &dyn, 0), "");
    assert_null(vsgx_elf_dynstr(e.img, &dyn, 74));
    assert_null(vsgx_elf_dynstr(e.img, &dyn, UINT64_MAX));
    /* The last string's NUL is the table's last byte; with a shorter DT_STRSZ it has none. */
    const char *last = vsgx_elf_dynstr(e.img, &dyn, 73);
    assert_non_null(last);
    assert_string_equal(last, "");
    dyn.strsz.value = 73;
    assert_null(vsgx_elf_dynstr(e.img, &dyn, 72));
    close_elf(&e);

    e = open_elf(MINIMAL);
    for (size_t i = 0; i < e.img->phnum; i++)
        if (e.img->phdrs[i].type == VSGX_ELF_PT_DYNAMIC)
            e.img->phdrs[i].type = 0;
    vsgx_elf_rela_t *r;
    size_t n;
    assert_int_equal(vsgx_elf_dynamic(e.img, &dyn, NULL), VSGX_ELF_NO_DYNAMIC);
    assert_int_equal(vsgx_elf_relocations(e.img, &r, &n), VSGX_ELF_NO_DYNAMIC);
    assert_int_equal(vsgx_elf_find_symbol(e.img, "g_global_data", NULL, NULL), VSGX_ELF_NO_DYNAMIC);
    close_elf(&e);
}

static void test_status_texts(void **state)
{
    (void)state;
    for (int s = VSGX_ELF_OK; s <= VSGX_ELF_NO_SYMBOL; s++)
        assert_string_not_equal(vsgx_elf_status_text((vsgx_elf_status_t)s), "unknown ELF status");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_intel_symbols),
        cmocka_unit_test(test_minimal_symbols),
        cmocka_unit_test(test_count_from_hash_tables),
        cmocka_unit_test(test_tls),
        cmocka_unit_test(test_relocations),
        cmocka_unit_test(test_bad_relocation_tables),
        cmocka_unit_test(test_vaddr_to_offset),
        cmocka_unit_test(test_dynamic_entries),
        cmocka_unit_test(test_status_texts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
