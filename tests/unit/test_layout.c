/* test_layout.c — the layout builder against real data: the layout tables Intel's SDK wrote into
 * the two Intel-built enclaves (one thread; ten threads with a TCS min pool, threads removed
 * after init and dynamic threads) are rebuilt entry for entry from the configuration they were
 * signed with, both the EDMM form (their metadata 2.4) and the SGX1 form (their 1.4), and so is
 * their TCS template. Then the rules of the layout itself: sizes, empty regions, the power of two,
 * the 64 GiB limit and the g_global_data table limit. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "elf_image.h"
#include "elf_symbols.h"
#include "enclave_config.h"
#include "file.h"
#include "layout.h"
#include "measure.h"
#include "metadata.h"
#include "thread_templates.h"

#define CUSTOM VSGX_VECTORS "/enclaves/custom.enclave.signed.so"
#define CONTACT VSGX_VECTORS "/enclaves/contact.enclave.signed.so"

typedef struct {
    uint8_t *file;
    size_t len;
    vsgx_elf_image_t *elf;
    vsgx_metadata_t *md;
} vector_t;

static void open_vector(const char *path, vector_t *v)
{
    assert_int_equal(vsgx_read_file(path, 1 << 26, &v->file, &v->len), 0);
    assert_int_equal(vsgx_elf_parse(v->file, v->len, &v->elf, NULL), VSGX_ELF_OK);
    assert_int_equal(vsgx_measure_load_metadata(v->elf, &v->md, NULL), VSGX_MEASURE_OK);
}

static void close_vector(vector_t *v)
{
    vsgx_metadata_free(v->md);
    vsgx_elf_free(v->elf);
    free(v->file);
}

static uint64_t image_end(const vsgx_elf_image_t *elf)
{
    uint64_t end = 0;
    for (size_t i = 0; i < elf->phnum; i++)
        if (elf->phdrs[i].type == VSGX_ELF_PT_LOAD && elf->phdrs[i].vaddr + elf->phdrs[i].memsz > end)
            end = elf->phdrs[i].vaddr + elf->phdrs[i].memsz;
    return (end + 4095) & ~4095ull;
}

/* The configuration the vectors were signed with, read off their layout tables. */
static void vector_config(vsgx_enclave_config_t *c, uint32_t tcs_num)
{
    vsgx_enclave_config_defaults(c);
    c->heap_max_size = c->heap_init_size = 0x100000;
    c->heap_min_size = 0x1000;
    c->tcs_num = c->tcs_max_num = tcs_num;
    c->tcs_min_pool = 1;
    c->tcs_policy = VSGX_TCS_POLICY_BIND;
}

static void same_table(const vsgx_layout_raw_t *mine, size_t n, const vsgx_metadata_t *theirs)
{
    assert_int_equal(n, theirs->layout_count);
    for (size_t i = 0; i < n; i++) {
        const vsgx_layout_raw_t *a = &mine[i];
        const vsgx_layout_t *b = &theirs->layout[i];
        print_message("entry %zu: id 0x%x\n", i, a->id);
        assert_int_equal(a->id, b->id);
        if (b->group) {
            assert_int_equal(a->attributes, b->entry_count);
            assert_int_equal(a->page_count, b->load_times);
            assert_int_equal(a->rva, b->load_step);
            continue;
        }
        assert_int_equal(a->attributes, b->attributes);
        assert_int_equal(a->page_count, b->page_count);
        assert_int_equal(a->rva, b->rva);
        assert_int_equal(a->content_size, b->content_size);
        assert_int_equal(a->si_flags, b->si_flags);
    }
}

static void rebuild(const char *path, uint32_t tcs_num)
{
    vector_t v;
    open_vector(path, &v);
    vsgx_enclave_config_t c;
    vector_config(&c, tcs_num);
    vsgx_enclave_layout_t l;
    assert_int_equal(vsgx_layout_build(&c, image_end(v.elf), 0, 1, &l), VSGX_LAYOUT_OK);
    assert_int_equal(l.enclave_size, v.md->enclave_size);
    same_table(l.entries, l.count, v.md);                     /* 2.4: the EDMM form */
    assert_non_null(v.md->next);
    assert_non_null(v.md->next->next);
    assert_null(v.md->next->next->next);
    assert_int_equal(v.md->next->next->version, VSGX_METADATA_VERSION(1, 4));
    vsgx_layout_raw_t *sgx1 = NULL;
    size_t n = 0;
    assert_int_equal(vsgx_layout_sgx1(&l, c.tcs_num, &sgx1, &n), VSGX_LAYOUT_OK);
    same_table(sgx1, n, v.md->next->next);                    /* 1.4: the SGX1 form */

    /* The TCS template: entry point, SSA and thread-data offsets. */
    uint64_t entry = 0;
    assert_int_equal(vsgx_elf_find_symbol(v.elf, "enclave_entry", &entry, NULL), VSGX_ELF_OK);
    uint8_t tcs[VSGX_TCS_TEMPLATE_SIZE];
    vsgx_tcs_template(&l, entry, false, tcs);
    const vsgx_layout_t *tcs_entry = NULL;
    for (size_t i = 0; i < v.md->layout_count && !tcs_entry; i++)
        if (v.md->layout[i].id == VSGX_LAYOUT_TCS)
            tcs_entry = &v.md->layout[i];
    assert_non_null(tcs_entry);
    assert_memory_equal(tcs, v.md->bytes + tcs_entry->content_offset, VSGX_TCS_TEMPLATE_SIZE);
    free(sgx1);
    vsgx_layout_free(&l);
    close_vector(&v);
}

static void test_custom_one_thread(void **state)
{
    (void)state;
    rebuild(CUSTOM, 1);
}

static void test_contact_ten_threads(void **state)
{
    (void)state;
    rebuild(CONTACT, 10);
}

static void build(const vsgx_enclave_config_t *c, vsgx_enclave_layout_t *l)
{
    assert_int_equal(vsgx_layout_build(c, 0x10000, 0x40, 1, l), VSGX_LAYOUT_OK);
}

/* With the defaults: no heap init/max split, one thread, TLS adds a page to the thread data. */
static void test_defaults(void **state)
{
    (void)state;
    vsgx_enclave_config_t c;
    vsgx_enclave_config_defaults(&c);
    vsgx_enclave_layout_t l;
    build(&c, &l);
    static const uint16_t ids[] = { VSGX_LAYOUT_HEAP_MIN, VSGX_LAYOUT_HEAP_INIT, VSGX_LAYOUT_GUARD,
                                    VSGX_LAYOUT_STACK_MAX, VSGX_LAYOUT_STACK_MIN, VSGX_LAYOUT_GUARD,
                                    VSGX_LAYOUT_TCS, VSGX_LAYOUT_SSA, VSGX_LAYOUT_GUARD,
                                    VSGX_LAYOUT_TD, VSGX_LAYOUT_GUARD };
    assert_int_equal(l.count, sizeof ids / sizeof *ids);
    for (size_t i = 0; i < l.count; i++)
        assert_int_equal(l.entries[i].id, ids[i]);
    assert_int_equal(l.entries[0].rva, 0x10000);
    assert_int_equal(l.entries[9].page_count, 2);            /* thread data + one TLS page */
    assert_int_equal(l.entries[7].page_count, 2);            /* two SSA frames of one page */
    assert_true(l.padded);
    /* the end: 0x10000 + 16 MiB heap + thread, rounded up to 32 MiB */
    assert_int_equal(l.enclave_size, 0x2000000);
    vsgx_layout_free(&l);
}

static void test_empty_regions_omitted(void **state)
{
    (void)state;
    vsgx_enclave_config_t c;
    vsgx_enclave_config_defaults(&c);
    c.heap_min_size = c.heap_init_size = c.heap_max_size = 0;
    c.stack_max_size = c.stack_min_size = 0x2000;
    vsgx_enclave_layout_t l;
    build(&c, &l);
    assert_int_equal(l.heap_count, 0);
    assert_null(vsgx_layout_find(l.entries, l.count, VSGX_LAYOUT_STACK_MAX));
    assert_null(vsgx_layout_find(l.entries, l.count, VSGX_LAYOUT_HEAP_MIN));
    vsgx_layout_free(&l);
}

/* Exactly a power of two: no padding entry. */
static void test_exact_power_of_two(void **state)
{
    (void)state;
    vsgx_enclave_config_t c;
    vsgx_enclave_config_defaults(&c);
    c.heap_min_size = c.heap_init_size = c.heap_max_size = 0;
    c.stack_max_size = c.stack_min_size = 0x2000;
    vsgx_enclave_layout_t l;
    /* thread: guard 16 + stack 2 + guard 16 + TCS 1 + SSA 2 + guard 16 + TD 1 = 54 pages */
    assert_int_equal(vsgx_layout_build(&c, 0x100000 - 54 * 4096, 0, 1, &l), VSGX_LAYOUT_OK);
    assert_false(l.padded);
    assert_int_equal(l.enclave_size, 0x100000);
    vsgx_layout_free(&l);
}

static void test_too_big(void **state)
{
    (void)state;
    vsgx_enclave_config_t c;
    vsgx_enclave_config_defaults(&c);
    vsgx_enclave_layout_t l;
    c.heap_max_size = c.heap_init_size = 1ull << 36;
    assert_int_equal(vsgx_layout_build(&c, 0x10000, 0, 1, &l), VSGX_LAYOUT_TOO_BIG);
    c.heap_max_size = c.heap_init_size = 1ull << 50;          /* 2^38 pages: not a 32-bit count */
    assert_int_equal(vsgx_layout_build(&c, 0x10000, 0, 1, &l), VSGX_LAYOUT_TOO_BIG);
    vsgx_enclave_config_defaults(&c);
    c.tcs_num = c.tcs_max_num = 100000;                       /* 100000 threads of 100 pages */
    c.tcs_min_pool = 1;
    assert_int_equal(vsgx_layout_build(&c, 0x10000, 0, 1, &l), VSGX_LAYOUT_TOO_BIG);
}

/* Ten threads plus dynamic ones still fit g_global_data's table of 43 entries. */
static void test_global_data_table(void **state)
{
    (void)state;
    vsgx_enclave_config_t c;
    vsgx_enclave_config_defaults(&c);
    c.tcs_num = 10;
    c.tcs_max_num = 20;
    c.tcs_min_pool = 3;
    c.rsrv_min_size = 0x1000;
    c.rsrv_init_size = 0x2000;
    c.rsrv_max_size = 0x4000;
    vsgx_enclave_layout_t l;
    build(&c, &l);
    uint8_t tcs[VSGX_TCS_TEMPLATE_SIZE];
    vsgx_global_data_t gd;
    vsgx_tcs_template(&l, 0x1000, false, tcs);
    assert_true(vsgx_global_data_build(&l, &c, tcs, 0x40, 2688, &gd));
    assert_int_equal(gd.layout_entry_num, l.count - 1);
    assert_int_equal(gd.tcs_num, 10);
    assert_int_equal(gd.tcs_max_num, 20);
    assert_int_equal(gd.rsrv_offset, l.entries[l.rsrv_first].rva);
    /* thread data template: TLS just below the thread data, the stack top above the stack min */
    const vsgx_layout_raw_t *tcs_e = vsgx_layout_find(l.entries, l.count, VSGX_LAYOUT_TCS);
    const vsgx_layout_raw_t *td_e = vsgx_layout_find(l.entries, l.count, VSGX_LAYOUT_TD);
    const vsgx_layout_raw_t *stack_e = vsgx_layout_find(l.entries, l.count, VSGX_LAYOUT_STACK_MIN);
    assert_int_equal(gd.td_template.self_addr, td_e->rva + 4096 - tcs_e->rva);
    assert_int_equal(gd.td_template.tls_addr, gd.td_template.self_addr - 0x40);
    assert_int_equal(gd.td_template.stack_base_addr, stack_e->rva + c.stack_min_size - tcs_e->rva);
    vsgx_layout_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_custom_one_thread),
        cmocka_unit_test(test_contact_ten_threads),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_empty_regions_omitted),
        cmocka_unit_test(test_exact_power_of_two),
        cmocka_unit_test(test_too_big),
        cmocka_unit_test(test_global_data_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
