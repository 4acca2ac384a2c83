/* elf_rules_private.h — what the files of the enclave rules share (elf_rules.c: the driver, the
 * segment rules and the description of unparsable files; elf_rules_dynamic.c: the rules on the
 * dynamic section, symbols, relocations and sections). Not for other callers. */
#ifndef VSGX_SIGN_ELF_RULES_PRIVATE_H
#define VSGX_SIGN_ELF_RULES_PRIVATE_H

#include "elf_dynamic.h"
#include "elf_rules.h"
#include "elf_symbols.h"

typedef struct {
    const vsgx_elf_image_t *img;
    vsgx_elf_rules_options_t opt;
    vsgx_elf_rule_failure_t *failure;   /* never NULL here */
    vsgx_elf_dynamic_t dyn;
    vsgx_elf_symtab_t symtab;
    vsgx_elf_rela_t *rela;              /* owned; freed by the driver */
    size_t nrela;
} vsgx_elf_rules_ctx_t;

/* Fills *f (rule, offset, "<rule name>: <formatted detail>") and returns the rule. */
vsgx_elf_rule_t vsgx_elf_rule_fail(vsgx_elf_rule_failure_t *f, vsgx_elf_rule_t rule, size_t offset,
                                   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* The rules on one program header (index i, at file offset `at`) of a file of `len` bytes. */
vsgx_elf_rule_t vsgx_elf_rules_segment(const vsgx_elf_phdr_t *p, size_t i, size_t at, size_t len,
                                       vsgx_elf_rule_failure_t *f);

/* The executable PT_LOAD segment containing vaddr, or NULL. */
const vsgx_elf_phdr_t *vsgx_elf_rules_exec_segment(const vsgx_elf_image_t *img, uint64_t vaddr);

/* elf_rules_dynamic.c, in the order they run. */
vsgx_elf_rule_t vsgx_elf_rules_dynamic(vsgx_elf_rules_ctx_t *ctx);
vsgx_elf_rule_t vsgx_elf_rules_symbols(vsgx_elf_rules_ctx_t *ctx);
vsgx_elf_rule_t vsgx_elf_rules_relocations(vsgx_elf_rules_ctx_t *ctx);
vsgx_elf_rule_t vsgx_elf_rules_sections(vsgx_elf_rules_ctx_t *ctx);
vsgx_elf_rule_t vsgx_elf_rules_textrel(vsgx_elf_rules_ctx_t *ctx);

#endif
