/* test_elf_rules.c — the ELF rules an enclave must satisfy before signing (elf_rules.h). The
 * minimal test enclave and both Intel-built enclaves pass without ignore flags; each rule is then
 * broken once, by mutating the minimal enclave's bytes (or its parsed image) or by a fixture
 * linked for the purpose (tests/enclaves/rules_*), and the failure must name that rule and the
 * offending thing. Truncating the minimal enclave at every length gives the rule that matches
 * where the cut falls. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf_dynamic.h"
#include "elf_rules.h"
#include "elf_symbols.h"
#include "file.h"

#define MINIMAL VSGX_TEST_ENCLAVES "/minimal.so"
#define FIXTURE(name) VSGX_TEST_ENCLAVES "/rules_" name ".so"
#define CUSTOM VSGX_VECTORS "/enclaves/custom.enclave.signed.so"
#define CONTACT VSGX_VECTORS "/enclaves/contact.enclave.signed.so"
#define DT_DEBUG 21

static const vsgx_elf_rules_options_t g_strict = { false, false };

typedef struct {
    uint8_t *data;
    size_t len;
    vsgx_elf_image_t *img;      /* parsed from the unmodified bytes */
    vsgx_elf_dynamic_t dyn;
    size_t load[8];             /* indices of the PT_LOAD program headers */
    size_t nload;
} elf_t;

static elf_t open_elf(const char *path)
{
    elf_t e = { 0 };
    assert_int_equal(vsgx_read_file(path, 1 << 26, &e.data, &e.len), 0);
    assert_int_equal(vsgx_elf_parse(e.data, e.len, &e.img, NULL), VSGX_ELF_OK);
    assert_int_equal(vsgx_elf_dynamic(e.img, &e.dyn, NULL), VSGX_ELF_OK);
    for (size_t i = 0; i < e.img->phnum && e.nload < 8; i++)
        if (e.img->phdrs[i].type == VSGX_ELF_PT_LOAD)
            e.load[e.nload++] = i;
    return e;
}

static void close_elf(elf_t *e)
{
    vsgx_elf_free(e->img);
    free(e->data);
}

static void put(uint8_t *p, uint64_t v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static size_t phdr_at(const elf_t *e, size_t index)
{
    return (size_t)e->img->phoff + index * VSGX_ELF_PHDR_SIZE;
}

/* File offset of the first dynamic entry with this tag. */
static size_t dyn_entry(const elf_t *e, uint64_t tag)
{
    for (size_t off = e->dyn.offset; off + 16 <= e->len; off += 16) {
        uint64_t t = 0;
        for (int i = 7; i >= 0; i--)
            t = t << 8 | e->data[off + (size_t)i];
        if (t == tag)
            return off;
        assert_true(t != 0);
    }
    fail_msg("no dynamic tag %llu", (unsigned long long)tag);
    return 0;
}

/* Turns the DT_DEBUG entry into (tag, value). */
static void set_debug_entry(elf_t *e, uint64_t tag, uint64_t value)
{
    size_t at = dyn_entry(e, DT_DEBUG);
    put(e->data + at, tag, 8);
    put(e->data + at + 8, value, 8);
}

static vsgx_elf_sym_t symbol(const elf_t *e, const char *name)
{
    vsgx_elf_symtab_t tab;
    vsgx_elf_sym_t s;
    assert_int_equal(vsgx_elf_symtab(e->img, &e->dyn, &tab, NULL), VSGX_ELF_OK);
    for (size_t i = 1; i < tab.count; i++) {
        assert_int_equal(vsgx_elf_symbol(e->img, &e->dyn, &tab, i, &s), VSGX_ELF_OK);
        if (strcmp(s.name, name) == 0)
            return s;
    }
    fail_msg("no dynamic symbol %s", name);
    return s;
}

static size_t shdr_at(const elf_t *e, const char *name)
{
    const vsgx_elf_shdr_t *s = vsgx_elf_section(e->img, name);
    assert_non_null(s);
    return (size_t)e->img->shoff + (size_t)(s - e->img->shdrs) * VSGX_ELF_SHDR_SIZE;
}

/* Renames section `from` to `to` (not longer) in the name table; no other name changes. */
static void rename_section(elf_t *e, const char *from, const char *to)
{
    const vsgx_elf_shdr_t *s = vsgx_elf_section(e->img, from);
    assert_non_null(s);
    assert_true(strlen(to) <= strlen(from));
    memcpy((char *)e->data + (s->name - (const char *)e->data), to, strlen(to) + 1);
    vsgx_elf_image_t *img;
    assert_int_equal(vsgx_elf_parse(e->data, e->len, &img, NULL), VSGX_ELF_OK);
    for (size_t i = 0; i < img->shnum; i++)
        if (&e->img->shdrs[i] != s)
            assert_string_equal(img->shdrs[i].name, e->img->shdrs[i].name);
    vsgx_elf_free(img);
}

/* The rule data[0, len) breaks, printed when it is not the expected one. */
static void expect_bytes(const uint8_t *data, size_t len, const vsgx_elf_rules_options_t *opt,
                         vsgx_elf_rule_t rule, const char *fragment)
{
    vsgx_elf_rule_failure_t f;
    vsgx_elf_rule_t got = vsgx_elf_check_file(data, len, opt, &f);
    if (got != rule || (fragment && !strstr(f.message, fragment)))
        fail_msg("expected %s (\"%s\"), got %s: %s (offset %#zx)", vsgx_elf_rule_name(rule),
                 fragment ? fragment : "", vsgx_elf_rule_name(got), f.message, f.offset);
    assert_int_equal(f.rule, rule);
    if (rule == VSGX_ELF_RULE_OK) {
        assert_string_equal(f.message, "");
        return;
    }
    assert_true(strncmp(f.message, vsgx_elf_rule_name(rule), strlen(vsgx_elf_rule_name(rule))) == 0);
    /* The offending field, header or entry is in the file (a cut one where the file ends). */
    assert_true(f.offset < len || (rule == VSGX_ELF_RULE_TRUNCATED && f.offset <= 64));
}

static void expect(const elf_t *e, vsgx_elf_rule_t rule, const char *fragment)
{
    expect_bytes(e->data, e->len, &g_strict, rule, fragment);
}

/* The same rule through vsgx_elf_check_enclave on the (possibly edited) parsed image. */
static void expect_image(const elf_t *e, vsgx_elf_rule_t rule, const char *fragment)
{
    vsgx_elf_rule_failure_t f;
    vsgx_elf_rule_t got = vsgx_elf_check_enclave(e->img, NULL, &f);
    if (got != rule || !strstr(f.message, fragment))
        fail_msg("expected %s (\"%s\"), got %s: %s", vsgx_elf_rule_name(rule), fragment,
                 vsgx_elf_rule_name(got), f.message);
}

static void expect_file(const char *path, const vsgx_elf_rules_options_t *opt,
                        vsgx_elf_rule_t rule, const char *fragment)
{
    elf_t e = open_elf(path);
    expect_bytes(e.data, e.len, opt, rule, fragment);
    close_elf(&e);
}

static void test_good_enclaves(void **state)
{
    (void)state;
    expect_file(MINIMAL, &g_strict, VSGX_ELF_RULE_OK, NULL);
    expect_file(CUSTOM, &g_strict, VSGX_ELF_RULE_OK, NULL);
    expect_file(CONTACT, &g_strict, VSGX_ELF_RULE_OK, NULL);
    expect_file(CUSTOM, NULL, VSGX_ELF_RULE_OK, NULL);
    /* Undefined weak symbols (with GLOB_DAT relocations) are allowed. */
    expect_file(FIXTURE("weak"), &g_strict, VSGX_ELF_RULE_OK, NULL);
    elf_t e = open_elf(MINIMAL);
    assert_int_equal(vsgx_elf_check_enclave(e.img, NULL, NULL), VSGX_ELF_RULE_OK);
    close_elf(&e);
}

/* Every length short of the whole file: the ELF header, the program header table, a segment's
 * bytes or the section header table is cut. */
static void test_truncated_everywhere(void **state)
{
    (void)state;
    elf_t e = open_elf(MINIMAL);
    size_t ph_end = phdr_at(&e, e.img->phnum), seg_end = 0;
    for (size_t i = 0; i < e.img->phnum; i++) {
        const vsgx_elf_phdr_t *p = &e.img->phdrs[i];
        if ((p->type == VSGX_ELF_PT_LOAD || p->type == VSGX_ELF_PT_DYNAMIC) &&
            p->offset + p->filesz > seg_end)
            seg_end = (size_t)(p->offset + p->filesz);
    }
    assert_true(ph_end < seg_end && seg_end <= e.img->shoff);
    for (size_t len = 0; len < e.len; len++) {
        uint8_t *cut = malloc(len ? len : 1);
        assert_non_null(cut);
        memcpy(cut, e.data, len);
        if (len < 64)
            expect_bytes(cut, len, NULL, VSGX_ELF_RULE_TRUNCATED, "the ELF header");
        else if (len < ph_end)
            expect_bytes(cut, len, NULL, VSGX_ELF_RULE_TRUNCATED, "the program header table");
        else if (len < seg_end)
            expect_bytes(cut, len, NULL, VSGX_ELF_RULE_SEGMENT_OUTSIDE_FILE, "but the file has only");
        else
            expect_bytes(cut, len, NULL, VSGX_ELF_RULE_TRUNCATED, "the section header table");
        free(cut);
    }
    /* The same rule from the parsed image when its length is not the bytes' (a caller's bug). */
    e.img->len = (size_t)e.img->phdrs[e.load[3]].offset;
    expect_image(&e, VSGX_ELF_RULE_SEGMENT_OUTSIDE_FILE, "PT_LOAD) covers file bytes");
    close_elf(&e);
}

static void test_header_fields(void **state)
{
    (void)state;
    static const struct {
        size_t at, width;
        uint64_t value;
        vsgx_elf_rule_t rule;
        const char *fragment;
    } cases[] = {
        { 0, 1, 0, VSGX_ELF_RULE_IDENT, "not an ELF file" },
        { 4, 1, 1, VSGX_ELF_RULE_IDENT, "EI_CLASS is 1, not ELFCLASS64" },
        { 5, 1, 2, VSGX_ELF_RULE_IDENT, "EI_DATA is 2, not ELFDATA2LSB" },
        { 6, 1, 0, VSGX_ELF_RULE_IDENT, "EI_VERSION is 0" },
        { 16, 2, 2, VSGX_ELF_RULE_TYPE, "e_type is 2 (ET_EXEC), not ET_DYN" },
        { 16, 2, 1, VSGX_ELF_RULE_TYPE, "e_type is 1 (ET_REL)" },
        { 18, 2, 3, VSGX_ELF_RULE_TYPE, "e_machine is 3, not EM_X86_64" },
        { 20, 4, 2, VSGX_ELF_RULE_IDENT, "e_version is 2" },
        { 52, 2, 52, VSGX_ELF_RULE_HEADER_SIZE, "e_ehsize 52" },
        { 54, 2, 32, VSGX_ELF_RULE_HEADER_SIZE, "e_phentsize 32" },
        { 58, 2, 40, VSGX_ELF_RULE_HEADER_SIZE, "e_shentsize 40" },
        { 62, 2, 999, VSGX_ELF_RULE_SECTIONS, "section" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        elf_t e = open_elf(MINIMAL);
        put(e.data + cases[i].at, cases[i].value, cases[i].width);
        expect(&e, cases[i].rule, cases[i].fragment);
        close_elf(&e);
    }
}

/* A program header field of the minimal enclave's k-th PT_LOAD (or of header `index` when
 * k is -1), at byte offset `field` of the header. */
static void set_phdr(elf_t *e, int k, size_t index, size_t field, uint64_t value, size_t width)
{
    size_t i = k >= 0 ? e->load[k] : index;
    put(e->data + phdr_at(e, i) + field, value, width);
}

enum { P_TYPE = 0, P_FLAGS = 4, P_OFFSET = 8, P_VADDR = 16, P_FILESZ = 32, P_MEMSZ = 40, P_ALIGN = 48 };

static void test_segments(void **state)
{
    (void)state;
    elf_t e = open_elf(MINIMAL);
    char want[160];
    assert_int_equal(e.nload, 4);
    uint64_t ro_vaddr = e.img->phdrs[e.load[2]].vaddr;
    assert_true(e.img->phdrs[e.load[1]].flags & VSGX_ELF_PF_X);

    set_phdr(&e, 3, 0, P_OFFSET, e.len, 8);
    snprintf(want, sizeof want, "program header %zu (PT_LOAD) covers file bytes", e.load[3]);
    expect(&e, VSGX_ELF_RULE_SEGMENT_OUTSIDE_FILE, want);
    close_elf(&e);

    /* Intel checks every program header, not only the loaded ones: here PT_INTERP. */
    e = open_elf(MINIMAL);
    assert_int_equal(e.img->phdrs[1].type, 3);
    set_phdr(&e, -1, 1, P_FILESZ, e.len, 8);
    expect(&e, VSGX_ELF_RULE_SEGMENT_OUTSIDE_FILE, "program header 1 (segment) covers");
    close_elf(&e);

    e = open_elf(MINIMAL);
    set_phdr(&e, 2, 0, P_ALIGN, 0x800, 8);
    expect(&e, VSGX_ELF_RULE_SEGMENT_ALIGN, "p_align 0x800 is not a positive multiple of 4096");
    close_elf(&e);
    e = open_elf(MINIMAL);
    e.img->phdrs[e.load[2]].align = 0x1800;             /* also found on a parsed image */
    expect_image(&e, VSGX_ELF_RULE_SEGMENT_ALIGN, "p_align 0x1800");
    e.img->phdrs[e.load[2]].align = 0x3000;             /* a multiple of 4096 is enough */
    expect_image(&e, VSGX_ELF_RULE_OK, "");
    close_elf(&e);

    e = open_elf(MINIMAL);
    set_phdr(&e, 3, 0, P_FILESZ, e.img->phdrs[e.load[3]].memsz + 1, 8);
    expect(&e, VSGX_ELF_RULE_SEGMENT_SIZE, "exceeds p_memsz");
    close_elf(&e);

    e = open_elf(MINIMAL);
    set_phdr(&e, 2, 0, P_FLAGS, 0, 4);
    snprintf(want, sizeof want, "program header %zu (PT_LOAD at %#llx) has none of the R, W, X", e.load[2],
             (unsigned long long)ro_vaddr);
    expect(&e, VSGX_ELF_RULE_SEGMENT_ACCESS, want);
    close_elf(&e);
}

static void test_overlap(void **state)
{
    (void)state;
    elf_t e = open_elf(MINIMAL);
    char want[160];
    uint64_t text = e.img->phdrs[e.load[1]].vaddr, text_end = (e.img->phdrs[e.load[1]].vaddr +
                                                                e.img->phdrs[e.load[1]].memsz + 4095) & ~4095ull;
    /* The read-only segment moved into the text segment's last page: Intel rounds the text
     * segment up to its p_align (4096) and refuses. */
    set_phdr(&e, 2, 0, P_VADDR, text_end - 0x100, 8);
    snprintf(want, sizeof want, "PT_LOAD segments %zu [%#llx, %#llx) and %zu [%#llx, ", e.load[1],
             (unsigned long long)text, (unsigned long long)text_end, e.load[2],
             (unsigned long long)(text_end - 0x100));
    expect(&e, VSGX_ELF_RULE_SEGMENT_OVERLAP, want);
    close_elf(&e);

    /* Listed in the other order: the same pair. */
    e = open_elf(MINIMAL);
    set_phdr(&e, 1, 0, P_VADDR, e.img->phdrs[e.load[2]].vaddr + 0x10, 8);
    expect(&e, VSGX_ELF_RULE_SEGMENT_OVERLAP, "overlap (each rounded up to its p_align)");
    close_elf(&e);

    /* The rounding is to p_align, not to pages: a 2 MB alignment makes the text segment cover
     * the segments after it. */
    e = open_elf(MINIMAL);
    set_phdr(&e, 1, 0, P_ALIGN, 0x200000, 8);
    snprintf(want, sizeof want, "PT_LOAD segments %zu [%#llx, 0x200000)", e.load[1],
             (unsigned long long)text);
    expect(&e, VSGX_ELF_RULE_SEGMENT_OVERLAP, want);
    close_elf(&e);

    /* Adjacent pages do not overlap (the minimal enclave itself), and a 2 MB alignment on the
     * last segment covers nothing else (the Intel-built enclaves' segments are 2 MB aligned). */
    e = open_elf(MINIMAL);
    e.img->phdrs[e.load[3]].align = 0x200000;
    expect_image(&e, VSGX_ELF_RULE_OK, "");
    close_elf(&e);
}

static void test_dynamic_segment(void **state)
{
    (void)state;
    elf_t e = open_elf(MINIMAL);
    size_t dyn = 0;
    while (e.img->phdrs[dyn].type != VSGX_ELF_PT_DYNAMIC)
        dyn++;
    set_phdr(&e, -1, dyn, P_TYPE, 0 /* PT_NULL */, 4);
    expect(&e, VSGX_ELF_RULE_NO_DYNAMIC, "there is no PT_DYNAMIC segment");
    close_elf(&e);

    e = open_elf(MINIMAL);
    set_phdr(&e, -1, dyn, P_FILESZ, 0, 8);
    expect(&e, VSGX_ELF_RULE_NO_DYNAMIC, "is empty");
    close_elf(&e);

    e = open_elf(MINIMAL);
    memset(e.data + e.dyn.offset, 0, 16);               /* DT_NULL first */
    expect(&e, VSGX_ELF_RULE_NO_DYNAMIC, "no entry before DT_NULL");
    close_elf(&e);

    e = open_elf(MINIMAL);
    set_phdr(&e, -1, dyn, P_FILESZ, 16, 8);             /* no DT_NULL inside the segment */
    expect(&e, VSGX_ELF_RULE_BAD_DYNAMIC, "reading PT_DYNAMIC");
    close_elf(&e);

    e = open_elf(MINIMAL);
    set_debug_entry(&e, 6 /* DT_SYMTAB again */, 0);
    expect(&e, VSGX_ELF_RULE_BAD_DYNAMIC, "reading PT_DYNAMIC");
    close_elf(&e);

    e = open_elf(MINIMAL);
    set_phdr(&e, -1, dyn, P_VADDR, 0x100000, 8);        /* not where a PT_LOAD puts its bytes */
    expect(&e, VSGX_ELF_RULE_BAD_DYNAMIC, "is not loaded from its own file bytes");
    close_elf(&e);

    e = open_elf(MINIMAL);
    set_debug_entry(&e, 10 /* DT_STRSZ again */, 1);
    expect(&e, VSGX_ELF_RULE_BAD_DYNAMIC, "malformed");
    close_elf(&e);
}

static void test_needed(void **state)
{
    (void)state;
    expect_file(FIXTURE("needed"), &g_strict, VSGX_ELF_RULE_NEEDED,
                "the enclave needs the shared library libc.so.6 (DT_NEEDED, 1 in all); an enclave must be self-contained");
    /* Not even with every ignore flag. */
    vsgx_elf_rules_options_t all = { true, true };
    expect_file(FIXTURE("needed"), &all, VSGX_ELF_RULE_NEEDED, "libc.so.6");

    elf_t e = open_elf(MINIMAL);
    vsgx_elf_sym_t gd = symbol(&e, "g_global_data");
    size_t strtab;
    assert_true(vsgx_elf_vaddr_to_offset(e.img, e.dyn.strtab.value, e.dyn.strsz.value, &strtab, NULL));
    uint64_t name = (uint64_t)(gd.name - (const char *)e.data) - strtab;
    set_debug_entry(&e, VSGX_ELF_DT_NEEDED, name);
    expect(&e, VSGX_ELF_RULE_NEEDED, "shared library g_global_data (DT_NEEDED");
    close_elf(&e);

    e = open_elf(MINIMAL);
    set_debug_entry(&e, VSGX_ELF_DT_NEEDED, 1u << 30);
    expect(&e, VSGX_ELF_RULE_NEEDED, "(unreadable name)");
    close_elf(&e);
}

static void test_dynsym_section(void **state)
{
    (void)state;
    elf_t e = open_elf(MINIMAL);
    put(e.data + shdr_at(&e, ".dynsym") + 56, 0, 8);    /* sh_entsize */
    expect(&e, VSGX_ELF_RULE_DYNSYM, "(.dynsym) has type 11 and sh_entsize 0");
    close_elf(&e);

    e = open_elf(MINIMAL);
    put(e.data + shdr_at(&e, ".dynsym") + 16, 0x1234, 8);   /* sh_addr */
    expect(&e, VSGX_ELF_RULE_DYNSYM, "no section header describes the dynamic symbol table");
    close_elf(&e);
}

static void test_undefined_symbol(void **state)
{
    (void)state;
    elf_t e = open_elf(MINIMAL);
    put(e.data + symbol(&e, "_edata").at + 6, 0, 2);    /* st_shndx = SHN_UNDEF */
    expect(&e, VSGX_ELF_RULE_UNDEFINED_SYMBOL, "the dynamic symbol '_edata' is undefined and not weak");
    close_elf(&e);

    /* The weak fixture's undefined weak symbol made global. */
    e = open_elf(FIXTURE("weak"));
    vsgx_elf_sym_t s = symbol(&e, "optional_hook");
    assert_int_equal(s.bind, VSGX_ELF_STB_WEAK);
    assert_int_equal(s.shndx, VSGX_ELF_SHN_UNDEF);
    e.data[s.at + 4] = (uint8_t)(VSGX_ELF_STB_GLOBAL << 4 | s.type);
    expect(&e, VSGX_ELF_RULE_UNDEFINED_SYMBOL, "'optional_hook' is undefined");
    close_elf(&e);
}

static void test_required_symbols(void **state)
{
    (void)state;
    elf_t e = open_elf(MINIMAL);
    vsgx_elf_sym_t gd = symbol(&e, "g_global_data");
    e.data[gd.name - (const char *)e.data + 12] = 'X';
    expect(&e, VSGX_ELF_RULE_NO_GLOBAL_DATA, "there is no defined dynamic symbol g_global_data");
    close_elf(&e);

    /* In .bss: the signer could not write it. */
    e = open_elf(MINIMAL);
    gd = symbol(&e, "g_global_data");
    const vsgx_elf_phdr_t rw = e.img->phdrs[e.load[3]];
    put(e.data + gd.at + 8, rw.vaddr + rw.filesz, 8);
    expect(&e, VSGX_ELF_RULE_NO_GLOBAL_DATA, "is not inside the file bytes of a PT_LOAD segment");
    close_elf(&e);

    /* Without the enclave_entry symbol, e_entry is used (as Intel's loader does)... */
    e = open_elf(MINIMAL);
    vsgx_elf_sym_t entry = symbol(&e, "enclave_entry");
    assert_int_equal(entry.value, e.img->entry);
    e.data[entry.name - (const char *)e.data + 12] = 'X';
    expect(&e, VSGX_ELF_RULE_OK, NULL);
    /* ... and must then be an address of code. */
    put(e.data + 24, 0, 8);
    expect(&e, VSGX_ELF_RULE_NO_ENTRY, "there is no defined enclave_entry symbol and e_entry 0 is not");
    put(e.data + 24, rw.vaddr, 8);
    expect(&e, VSGX_ELF_RULE_NO_ENTRY, "is not inside an executable PT_LOAD segment");
    close_elf(&e);

    e = open_elf(MINIMAL);
    entry = symbol(&e, "enclave_entry");
    put(e.data + entry.at + 8, rw.vaddr, 8);
    char want[96];
    snprintf(want, sizeof want, "enclave_entry %#llx is not inside an executable PT_LOAD segment",
             (unsigned long long)rw.vaddr);
    expect(&e, VSGX_ELF_RULE_NO_ENTRY, want);
    close_elf(&e);
}

/* The minimal enclave's only relocation (R_X86_64_RELATIVE) given each type in turn. */
static void test_relocation_types(void **state)
{
    (void)state;
    for (uint32_t type = 0; type <= 42; type++) {
        elf_t e = open_elf(MINIMAL);
        vsgx_elf_rela_t *r;
        size_t n;
        assert_int_equal(vsgx_elf_relocations(e.img, &r, &n), VSGX_ELF_OK);
        assert_int_equal(n, 1);
        put(e.data + r->at + 8, type, 4);
        bool allowed = type <= 1 || (type >= 6 && type <= 8) || (type >= 16 && type <= 18);
        char want[64];
        snprintf(want, sizeof want, "relocation type %u (R_X86_64_", type);
        expect(&e, allowed ? VSGX_ELF_RULE_OK : VSGX_ELF_RULE_RELOCATION_TYPE, allowed ? NULL : want);
        vsgx_elf_relocations_free(r);
        close_elf(&e);
    }
    elf_t e = open_elf(MINIMAL);
    vsgx_elf_rela_t *r;
    size_t n;
    assert_int_equal(vsgx_elf_relocations(e.img, &r, &n), VSGX_ELF_OK);
    char want[96];
    put(e.data + r->at + 8, 2, 4);
    snprintf(want, sizeof want, "relocation type 2 (R_X86_64_PC32) at %#llx", (unsigned long long)r->offset);
    expect(&e, VSGX_ELF_RULE_RELOCATION_TYPE, want);
    put(e.data + r->at + 8, 5, 4);
    expect(&e, VSGX_ELF_RULE_RELOCATION_TYPE, "relocation type 5 (R_X86_64_COPY)");
    put(e.data + r->at + 8, 37, 4);
    expect(&e, VSGX_ELF_RULE_RELOCATION_TYPE, "(R_X86_64_IRELATIVE)");
    /* A symbol index past the dynamic symbol table. */
    put(e.data + r->at + 8, (uint64_t)1000 << 32 | VSGX_ELF_R_X86_64_GLOB_DAT, 8);
    expect(&e, VSGX_ELF_RULE_BAD_DYNAMIC, "refers to symbol 1000 but the dynamic symbol table has");
    vsgx_elf_relocations_free(r);
    close_elf(&e);
}

static void test_rel_tables(void **state)
{
    (void)state;
    elf_t e = open_elf(MINIMAL);
    set_debug_entry(&e, VSGX_ELF_DT_REL, e.dyn.rela.value);
    expect(&e, VSGX_ELF_RULE_REL, "a DT_REL relocation table");
    close_elf(&e);

    e = open_elf(MINIMAL);
    set_debug_entry(&e, 20 /* DT_PLTREL */, VSGX_ELF_DT_REL);
    expect(&e, VSGX_ELF_RULE_REL, "DT_PLTREL is DT_REL");
    close_elf(&e);

    e = open_elf(MINIMAL);
    put(e.data + dyn_entry(&e, 8 /* DT_RELASZ */) + 8, 25, 8);
    expect(&e, VSGX_ELF_RULE_BAD_DYNAMIC, "reading the relocation tables");
    close_elf(&e);
}

static void test_ctors_and_init(void **state)
{
    (void)state;
    vsgx_elf_rules_options_t init_ok = { false, true };
    elf_t e = open_elf(MINIMAL);
    rename_section(&e, ".comment", ".ctors");
    expect(&e, VSGX_ELF_RULE_CTORS, "a .ctors section");
    expect_bytes(e.data, e.len, &init_ok, VSGX_ELF_RULE_CTORS, ".ctors");   /* no flag for it */
    close_elf(&e);

    expect_file(FIXTURE("init"), &g_strict, VSGX_ELF_RULE_INIT, "a .init section");
    expect_file(FIXTURE("init"), &init_ok, VSGX_ELF_RULE_OK, NULL);

    e = open_elf(MINIMAL);
    rename_section(&e, ".comment", ".init");
    expect(&e, VSGX_ELF_RULE_INIT, "a .init section");
    expect_bytes(e.data, e.len, &init_ok, VSGX_ELF_RULE_OK, NULL);
    close_elf(&e);

    e = open_elf(MINIMAL);
    set_debug_entry(&e, 12 /* DT_INIT */, e.img->entry);
    char want[32];
    snprintf(want, sizeof want, "DT_INIT %#llx", (unsigned long long)e.img->entry);
    expect(&e, VSGX_ELF_RULE_INIT, want);
    expect_bytes(e.data, e.len, &init_ok, VSGX_ELF_RULE_OK, NULL);
    close_elf(&e);
}

static void test_text_relocations(void **state)
{
    (void)state;
    vsgx_elf_rules_options_t rel_ok = { true, false };
    expect_file(FIXTURE("textrel"), &g_strict, VSGX_ELF_RULE_TEXTREL,
                "writes into the executable PT_LOAD segment [");
    expect_file(FIXTURE("textrel"), &rel_ok, VSGX_ELF_RULE_OK, NULL);

    elf_t e = open_elf(MINIMAL);
    set_debug_entry(&e, 22 /* DT_TEXTREL */, 0);
    expect(&e, VSGX_ELF_RULE_TEXTREL, "DT_TEXTREL: relocations write into read-only segments");
    expect_bytes(e.data, e.len, &rel_ok, VSGX_ELF_RULE_OK, NULL);
    close_elf(&e);

    e = open_elf(MINIMAL);
    set_debug_entry(&e, 30 /* DT_FLAGS */, 0x4 /* DF_TEXTREL */);
    expect(&e, VSGX_ELF_RULE_TEXTREL, "DT_FLAGS has DF_TEXTREL");
    close_elf(&e);

    /* The 8 bytes written end inside the executable segment. */
    e = open_elf(MINIMAL);
    vsgx_elf_rela_t *r;
    size_t n;
    assert_int_equal(vsgx_elf_relocations(e.img, &r, &n), VSGX_ELF_OK);
    put(e.data + r->at, e.img->phdrs[e.load[1]].vaddr - 4, 8);
    expect(&e, VSGX_ELF_RULE_TEXTREL, "writes into the executable PT_LOAD segment");
    vsgx_elf_relocations_free(r);
    close_elf(&e);

    /* An executable section outside any executable segment still counts (Intel's test). */
    e = open_elf(MINIMAL);
    size_t flags = shdr_at(&e, ".rodata") + 8;
    put(e.data + flags, 0x2 | VSGX_ELF_SHF_EXECINSTR, 8);
    assert_int_equal(vsgx_elf_relocations(e.img, &r, &n), VSGX_ELF_OK);
    put(e.data + r->at, vsgx_elf_section(e.img, ".rodata")->addr, 8);
    expect(&e, VSGX_ELF_RULE_TEXTREL, "writes into the executable section .rodata");
    vsgx_elf_relocations_free(r);
    close_elf(&e);
}

/* The rules run in a fixed order: the first broken one is reported. */
static void test_order(void **state)
{
    (void)state;
    elf_t e = open_elf(MINIMAL);
    set_debug_entry(&e, 22 /* DT_TEXTREL */, 0);
    rename_section(&e, ".comment", ".init");
    expect(&e, VSGX_ELF_RULE_INIT, ".init");
    vsgx_elf_rules_options_t init_ok = { false, true };
    expect_bytes(e.data, e.len, &init_ok, VSGX_ELF_RULE_TEXTREL, "DT_TEXTREL");
    set_phdr(&e, 2, 0, P_FLAGS, 0, 4);
    expect_bytes(e.data, e.len, &init_ok, VSGX_ELF_RULE_SEGMENT_ACCESS, "none of the R, W, X");
    close_elf(&e);
}

static void test_rule_names(void **state)
{
    (void)state;
    for (int r = VSGX_ELF_RULE_OK; r <= VSGX_ELF_RULE_NO_MEMORY; r++)
        assert_string_not_equal(vsgx_elf_rule_name((vsgx_elf_rule_t)r), "unknown-rule");
    assert_string_equal(vsgx_elf_rule_name((vsgx_elf_rule_t)999), "unknown-rule");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_enclaves),
        cmocka_unit_test(test_truncated_everywhere),
        cmocka_unit_test(test_header_fields),
        cmocka_unit_test(test_segments),
        cmocka_unit_test(test_overlap),
        cmocka_unit_test(test_dynamic_segment),
        cmocka_unit_test(test_needed),
        cmocka_unit_test(test_dynsym_section),
        cmocka_unit_test(test_undefined_symbol),
        cmocka_unit_test(test_required_symbols),
        cmocka_unit_test(test_relocation_types),
        cmocka_unit_test(test_rel_tables),
        cmocka_unit_test(test_ctors_and_init),
        cmocka_unit_test(test_text_relocations),
        cmocka_unit_test(test_order),
        cmocka_unit_test(test_rule_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
