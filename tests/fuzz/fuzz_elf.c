/* fuzz_elf.c — libFuzzer target for enclave ELF images: the input is a whole file, given to
 *   - vsgx_elf_check_file with no ignore flag and with both (the header, segment, dynamic,
 *     symbol, relocation, section and text-relocation rules of elf_rules.h);
 *   - when it parses (vsgx_elf_parse): vsgx_elf_check_enclave, which must give the same verdict
 *     as vsgx_elf_check_file, and the signer's lookups: vsgx_elf_find_symbol (g_global_data,
 *     enclave_entry), vsgx_elf_tls, vsgx_elf_relocations, vsgx_elf_dynamic with every DT_NEEDED
 *     string, every dynamic symbol, vsgx_elf_has_textrel;
 *   - vsgx_measure_file (metadata, patches, layout, MRENCLAVE).
 * Aborts when a promise is broken: a failure without its rule name, an entry or string outside
 * the input, rule verdicts that differ. Silent on the normal path. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf_dynamic.h"
#include "elf_rules.h"
#include "elf_symbols.h"
#include "measure.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what)
{
    fprintf(stderr, "fuzz_elf: %s\n", what);
    abort();
}

static void check_failure(vsgx_elf_rule_t rule, const vsgx_elf_rule_failure_t *f)
{
    const char *name = vsgx_elf_rule_name(rule);
    if (f->rule != rule || rule > VSGX_ELF_RULE_NO_MEMORY)
        broken("the failure's rule is not the one returned");
    if (!memchr(f->message, 0, sizeof f->message))
        broken("the failure message is not NUL-terminated");
    if (rule == VSGX_ELF_RULE_OK ? f->message[0] != 0 : strncmp(f->message, name, strlen(name)) != 0)
        broken("the failure message does not start with its rule's name");
}

/* A string the lookups return must lie inside the input and end there. */
static void check_string(const uint8_t *data, size_t size, const char *s)
{
    const uint8_t *p = (const uint8_t *)s;
    if (p < data || p >= data + size || !memchr(p, 0, size - (size_t)(p - data)))
        broken("a string lies outside the input");
}

static void lookups(const vsgx_elf_image_t *img, const uint8_t *data, size_t size)
{
    uint64_t v, n;
    vsgx_elf_dynamic_t dyn;
    vsgx_elf_symtab_t tab;
    vsgx_elf_sym_t sym;
    vsgx_elf_rela_t *r = NULL;
    size_t count = 0;
    bool textrel;
    (void)vsgx_elf_find_symbol(img, "g_global_data", &v, &n);
    (void)vsgx_elf_find_symbol(img, "enclave_entry", &v, &n);
    (void)vsgx_elf_tls(img, &v, &n);
    (void)vsgx_elf_has_textrel(img, &textrel);
    if (vsgx_elf_relocations(img, &r, &count) == VSGX_ELF_OK)
        for (size_t i = 0; i < count; i++)
            if (r[i].at > size || size - r[i].at < VSGX_ELF_RELA_SIZE)
                broken("a relocation entry lies outside the input");
    vsgx_elf_relocations_free(r);
    if (vsgx_elf_dynamic(img, &dyn, NULL) != VSGX_ELF_OK)
        return;
    const char *needed = vsgx_elf_dynstr(img, &dyn, dyn.first_needed.value);
    if (needed)
        check_string(data, size, needed);
    if (vsgx_elf_symtab(img, &dyn, &tab, NULL) != VSGX_ELF_OK)
        return;
    if (tab.offset > size || tab.count > (size - tab.offset) / VSGX_ELF_SYM_SIZE)
        broken("the symbol table lies outside the input");
    for (size_t i = 0; i < tab.count; i++)
        if (vsgx_elf_symbol(img, &dyn, &tab, i, &sym) == VSGX_ELF_OK && sym.name[0])
            check_string(data, size, sym.name);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const vsgx_elf_rules_options_t opts[2] = { { false, false }, { true, true } };
    vsgx_elf_rule_failure_t f, g;
    vsgx_elf_rule_t rule[2];
    vsgx_elf_image_t *img = NULL;
    for (int k = 0; k < 2; k++) {
        rule[k] = vsgx_elf_check_file(data, size, &opts[k], &f);
        check_failure(rule[k], &f);
    }
    if (vsgx_elf_parse(data, size, &img, NULL) == VSGX_ELF_OK) {
        for (int k = 0; k < 2; k++) {
            if (vsgx_elf_check_enclave(img, &opts[k], &g) != rule[k])
                broken("vsgx_elf_check_enclave and vsgx_elf_check_file disagree");
            check_failure(rule[k], &g);
        }
        lookups(img, data, size);
        vsgx_elf_free(img);
    } else if (rule[0] == VSGX_ELF_RULE_OK || rule[0] != rule[1]) {
        broken("a file that does not parse passes, or its rule depends on the ignore flags");
    }
    uint8_t mrenclave[32];
    vsgx_measure_detail_t detail;
    (void)vsgx_measure_file(data, size, mrenclave, &detail);
    return 0;
}
