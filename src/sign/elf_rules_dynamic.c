/* elf_rules_dynamic.c — the enclave rules on the dynamic section, the dynamic symbols, the
 * relocations and the sections (see elf_rules.h for the list and elf_rules.c for the driver). */
#include "elf_rules_private.h"

#include <string.h>

#define DT_TEXTREL_FLAG 0x4     /* DF_TEXTREL in DT_FLAGS */

static vsgx_elf_rule_t bad_dynamic(vsgx_elf_rules_ctx_t *ctx, vsgx_elf_status_t st, size_t where,
                                   const char *what)
{
    if (st == VSGX_ELF_NO_MEMORY)
        return vsgx_elf_rule_fail(ctx->failure, VSGX_ELF_RULE_NO_MEMORY, where, "%s", what);
    return vsgx_elf_rule_fail(ctx->failure, VSGX_ELF_RULE_BAD_DYNAMIC, where,
                              "%s: %s (file offset %#zx)", what, vsgx_elf_status_text(st), where);
}

static const char *str_or(const char *s, const char *fallback)
{
    return s ? s : fallback;
}

vsgx_elf_rule_t vsgx_elf_rules_dynamic(vsgx_elf_rules_ctx_t *ctx)
{
    const vsgx_elf_image_t *img = ctx->img;
    const vsgx_elf_phdr_t *p = NULL;
    size_t i, off, where;
    for (i = 0; i < img->phnum && !p; i++)
        if (img->phdrs[i].type == VSGX_ELF_PT_DYNAMIC)
            p = &img->phdrs[i];
    size_t at = (size_t)img->phoff + (i ? i - 1 : 0) * VSGX_ELF_PHDR_SIZE;
    if (!p)
        return vsgx_elf_rule_fail(ctx->failure, VSGX_ELF_RULE_NO_DYNAMIC, (size_t)img->phoff,
                                  "there is no PT_DYNAMIC segment");
    if (p->filesz == 0)
        return vsgx_elf_rule_fail(ctx->failure, VSGX_ELF_RULE_NO_DYNAMIC, at,
                                  "the PT_DYNAMIC segment (program header %zu) is empty", i - 1);
    if (!vsgx_elf_vaddr_to_offset(img, p->vaddr, p->filesz, &off, NULL) || off != p->offset)
        return vsgx_elf_rule_fail(ctx->failure, VSGX_ELF_RULE_BAD_DYNAMIC, at,
            "PT_DYNAMIC [%#llx, +%#llx) is not loaded from its own file bytes by a PT_LOAD segment",
            (unsigned long long)p->vaddr, (unsigned long long)p->filesz);
    vsgx_elf_status_t st = vsgx_elf_dynamic(img, &ctx->dyn, &where);
    if (st != VSGX_ELF_OK)
        return bad_dynamic(ctx, st, where, "reading PT_DYNAMIC");
    if (ctx->dyn.count == 0)
        return vsgx_elf_rule_fail(ctx->failure, VSGX_ELF_RULE_NO_DYNAMIC, at,
                                  "the PT_DYNAMIC segment has no entry before DT_NULL");
    if (ctx->dyn.needed)
        return vsgx_elf_rule_fail(ctx->failure, VSGX_ELF_RULE_NEEDED, ctx->dyn.first_needed.at,
            "the enclave needs the shared library %s (DT_NEEDED, %zu in all); an enclave must be self-contained",
            str_or(vsgx_elf_dynstr(img, &ctx->dyn, ctx->dyn.first_needed.value), "(unreadable name)"),
            ctx->dyn.needed);
    return VSGX_ELF_RULE_OK;
}

/* Intel's loader finds .dynsym as the first section whose sh_addr is DT_SYMTAB. */
static vsgx_elf_rule_t check_dynsym_section(vsgx_elf_rules_ctx_t *ctx)
{
    const vsgx_elf_image_t *img = ctx->img;
    const vsgx_elf_dyn_t *symtab = &ctx->dyn.symtab;
    if (!symtab->present)
        return vsgx_elf_rule_fail(ctx->failure, VSGX_ELF_RULE_DYNSYM, ctx->dyn.offset,
                                  "there is no DT_SYMTAB entry, so no dynamic symbol table");
    for (size_t i = 0; i < img->shnum; i++) {
        const vsgx_elf_shdr_t *s = &img->shdrs[i];
        if (s->addr != symtab->value)
            continue;
        if (s->type == VSGX_ELF_SHT_DYNSYM && s->entsize == VSGX_ELF_SYM_SIZE)
            return VSGX_ELF_RULE_OK;
        return vsgx_elf_rule_fail(ctx->failure, VSGX_ELF_RULE_DYNSYM,
            (size_t)img->shoff + i * VSGX_ELF_SHDR_SIZE,
            "the section at DT_SYMTAB %#llx (%s) has type %u and sh_entsize %llu, not SHT_DYNSYM (11) and 24",
            (unsigned long long)symtab->value, s->name ? s->name : "?", s->type,
            (unsigned long long)s->entsize);
    }
    return vsgx_elf_rule_fail(ctx->failure, VSGX_ELF_RULE_DYNSYM, symtab->at,
        "no section header describes the dynamic symbol table at DT_SYMTAB %#llx (.dynsym)",
        (unsigned long long)symtab->value);
}

static vsgx_elf_rule_t check_global_data(vsgx_elf_rules_ctx_t *ctx, const vsgx_elf_sym_t *gd)
{
    size_t off;
    if (!gd)
        return vsgx_elf_rule_fail(ctx->failure, VSGX_ELF_RULE_NO_GLOBAL_DATA, ctx->symtab.offset,
            "there is no defined dynamic symbol g_global_data (the runtime data the signer fills in)");
    if (!vsgx_elf_vaddr_to_offset(ctx->img, gd->value, gd->size, &off, NULL))
        return vsgx_elf_rule_fail(ctx->failure, VSGX_ELF_RULE_NO_GLOBAL_DATA, gd->at,
            "g_global_data [%#llx, +%#llx) is not inside the file bytes of a PT_LOAD segment",
            (unsigned long long)gd->value, (unsigned long long)gd->size);
    return VSGX_ELF_RULE_OK;
}

/* enclave_entry, or e_entry when the symbol is not there (as Intel's loader does). */
static vsgx_elf_rule_t check_entry(vsgx_elf_rules_ctx_t *ctx, const vsgx_elf_sym_t *entry)
{
    if (entry && !vsgx_elf_rules_exec_segment(ctx->img, entry->value))
        return vsgx_elf_rule_fail(ctx->failure, VSGX_ELF_RULE_NO_ENTRY, entry->at,
            "enclave_entry %#llx is not inside an executable PT_LOAD segment",
            (unsigned long long)entry->value);
    if (!entry && (ctx->img->entry == 0 || !vsgx_elf_rules_exec_segment(ctx->img, ctx->img->entry)))
        return vsgx_elf_rule_fail(ctx->failure, VSGX_ELF_RULE_NO_ENTRY, 24,
            "there is no defined enclave_entry symbol and e_entry %#llx is not inside an executable PT_LOAD segment",
            (unsigned long long)ctx->img->entry);
    return VSGX_ELF_RULE_OK;
}

vsgx_elf_rule_t vsgx_elf_rules_symbols(vsgx_elf_rules_ctx_t *ctx)
{
    vsgx_elf_sym_t sym, gd = { 0 }, entry = { 0 };
    bool have_gd = false, have_entry = false;
    size_t where;
    vsgx_elf_rule_t rule;
    vsgx_elf_status_t st;
    if ((rule = check_dynsym_section(ctx)) != VSGX_ELF_RULE_OK)
        return rule;
    if ((st = vsgx_elf_symtab(ctx->img, &ctx->dyn, &ctx->symtab, &where)) != VSGX_ELF_OK)
        return bad_dynamic(ctx, st, where, "locating the dynamic symbol table");
    for (size_t i = 1; i < ctx->symtab.count; i++) {
        if ((st = vsgx_elf_symbol(ctx->img, &ctx->dyn, &ctx->symtab, i, &sym)) != VSGX_ELF_OK)
            return bad_dynamic(ctx, st, sym.at, "a dynamic symbol's name is not inside DT_STRTAB");
        if (sym.name[0] == 0)
            continue;
        if (sym.shndx == VSGX_ELF_SHN_UNDEF && sym.bind != VSGX_ELF_STB_WEAK)
            return vsgx_elf_rule_fail(ctx->failure, VSGX_ELF_RULE_UNDEFINED_SYMBOL, sym.at,
                                      "the dynamic symbol '%s' is undefined and not weak", sym.name);
        if (sym.shndx == VSGX_ELF_SHN_UNDEF)
            continue;
        if (!have_gd && strcmp(sym.name, "g_global_data") == 0)
            gd = sym, have_gd = true;
        if (!have_entry && strcmp(sym.name, "enclave_entry") == 0)
            entry = sym, have_entry = true;
    }
    if ((rule = check_global_data(ctx, have_gd ? &gd : NULL)) != VSGX_ELF_RULE_OK)
        return rule;
    return check_entry(ctx, have_entry ? &entry : NULL);
}

static const char *rela_name(uint32_t type)
{
    static const char *const names[] = {
        "NONE", "64", "PC32", "GOT32", "PLT32", "COPY", "GLOB_DAT", "JUMP_SLOT", "RELATIVE",
        "GOTPCREL", "32", "32S", "16", "PC16", "8", "PC8", "DTPMOD64", "DTPOFF64", "TPOFF64",
        "TLSGD", "TLSLD", "DTPOFF32", "GOTTPOFF", "TPOFF32", "PC64", "GOTOFF64", "GOTPC32",
    };
    if (type == 37)
        return "IRELATIVE";
    return type < sizeof names / sizeof names[0] ? names[type] : "unknown";
}

static bool rela_allowed(uint32_t type, bool *uses_symbol)
{
    *uses_symbol = type != VSGX_ELF_R_X86_64_NONE && type != VSGX_ELF_R_X86_64_RELATIVE;
    switch (type) {
    case VSGX_ELF_R_X86_64_NONE: case VSGX_ELF_R_X86_64_64: case VSGX_ELF_R_X86_64_GLOB_DAT:
    case VSGX_ELF_R_X86_64_JUMP_SLOT: case VSGX_ELF_R_X86_64_RELATIVE:
    case VSGX_ELF_R_X86_64_DTPMOD64: case VSGX_ELF_R_X86_64_DTPOFF64:
    case VSGX_ELF_R_X86_64_TPOFF64:
        return true;
    default:
        return false;
    }
}

vsgx_elf_rule_t vsgx_elf_rules_relocations(vsgx_elf_rules_ctx_t *ctx)
{
    const vsgx_elf_dynamic_t *d = &ctx->dyn;
    size_t where;
    bool uses_symbol;
    if (d->rel.present || d->relsz.present)
        return vsgx_elf_rule_fail(ctx->failure, VSGX_ELF_RULE_REL, d->rel.present ? d->rel.at : d->relsz.at,
            "a DT_REL relocation table (at %#llx): x86-64 enclaves use RELA relocations only",
            (unsigned long long)d->rel.value);
    if (d->pltrel.present && d->pltrel.value == VSGX_ELF_DT_REL)
        return vsgx_elf_rule_fail(ctx->failure, VSGX_ELF_RULE_REL, d->pltrel.at,
            "DT_PLTREL is DT_REL: x86-64 enclaves use RELA relocations only");
    vsgx_elf_status_t st = vsgx_elf_dynamic_relocations(ctx->img, d, &ctx->rela, &ctx->nrela, &where);
    if (st != VSGX_ELF_OK)
        return bad_dynamic(ctx, st, where, "reading the relocation tables");
    for (size_t i = 0; i < ctx->nrela; i++) {
        const vsgx_elf_rela_t *r = &ctx->rela[i];
        if (!rela_allowed(r->type, &uses_symbol))
            return vsgx_elf_rule_fail(ctx->failure, VSGX_ELF_RULE_RELOCATION_TYPE, r->at,
                "relocation type %u (R_X86_64_%s) at %#llx: the enclave runtime applies only NONE, 64, "
                "GLOB_DAT, JUMP_SLOT, RELATIVE, DTPMOD64, DTPOFF64 and TPOFF64",
                r->type, rela_name(r->type), (unsigned long long)r->offset);
        if (uses_symbol && r->sym >= ctx->symtab.count)
            return vsgx_elf_rule_fail(ctx->failure, VSGX_ELF_RULE_BAD_DYNAMIC, r->at,
                "relocation at %#llx refers to symbol %u but the dynamic symbol table has %zu",
                (unsigned long long)r->offset, r->sym, ctx->symtab.count);
    }
    return VSGX_ELF_RULE_OK;
}

static const vsgx_elf_shdr_t *named(const vsgx_elf_image_t *img, const char *name, size_t *at)
{
    const vsgx_elf_shdr_t *s = vsgx_elf_section(img, name);
    if (s)
        *at = (size_t)img->shoff + (size_t)(s - img->shdrs) * VSGX_ELF_SHDR_SIZE;
    return s;
}

vsgx_elf_rule_t vsgx_elf_rules_sections(vsgx_elf_rules_ctx_t *ctx)
{
    size_t at = 0;
    if (named(ctx->img, ".ctors", &at))
        return vsgx_elf_rule_fail(ctx->failure, VSGX_ELF_RULE_CTORS, at,
            "a .ctors section: the enclave runtime runs only .init_array constructors");
    if (ctx->opt.ignore_init_sec_error)
        return VSGX_ELF_RULE_OK;
    if (named(ctx->img, ".init", &at))
        return vsgx_elf_rule_fail(ctx->failure, VSGX_ELF_RULE_INIT, at,
            "a .init section: the enclave runtime never runs it (allowed with ignore_init_sec_error)");
    if (ctx->dyn.init.present)
        return vsgx_elf_rule_fail(ctx->failure, VSGX_ELF_RULE_INIT, ctx->dyn.init.at,
            "DT_INIT %#llx: the enclave runtime never runs it (allowed with ignore_init_sec_error)",
            (unsigned long long)ctx->dyn.init.value);
    return VSGX_ELF_RULE_OK;
}

/* An executable section (SHF_EXECINSTR) containing vaddr, or NULL. */
static const vsgx_elf_shdr_t *exec_section(const vsgx_elf_image_t *img, uint64_t vaddr)
{
    for (size_t i = 0; i < img->shnum; i++) {
        const vsgx_elf_shdr_t *s = &img->shdrs[i];
        if ((s->flags & VSGX_ELF_SHF_EXECINSTR) && vaddr >= s->addr && vaddr - s->addr < s->size)
            return s;
    }
    return NULL;
}

/* A relocation writes 8 bytes at r_offset: does any of them lie in executable code? */
static vsgx_elf_rule_t check_rela_target(vsgx_elf_rules_ctx_t *ctx, const vsgx_elf_rela_t *r)
{
    uint64_t last = r->offset > UINT64_MAX - 7 ? UINT64_MAX : r->offset + 7;
    const vsgx_elf_phdr_t *p = vsgx_elf_rules_exec_segment(ctx->img, r->offset);
    const vsgx_elf_shdr_t *s = exec_section(ctx->img, r->offset);
    p = p ? p : vsgx_elf_rules_exec_segment(ctx->img, last);
    s = s ? s : exec_section(ctx->img, last);
    if (p)
        return vsgx_elf_rule_fail(ctx->failure, VSGX_ELF_RULE_TEXTREL, r->at,
            "relocation type %u at %#llx writes into the executable PT_LOAD segment [%#llx, +%#llx)",
            r->type, (unsigned long long)r->offset, (unsigned long long)p->vaddr,
            (unsigned long long)p->memsz);
    if (s)
        return vsgx_elf_rule_fail(ctx->failure, VSGX_ELF_RULE_TEXTREL, r->at,
            "relocation type %u at %#llx writes into the executable section %s", r->type,
            (unsigned long long)r->offset, s->name ? s->name : "?");
    return VSGX_ELF_RULE_OK;
}

vsgx_elf_rule_t vsgx_elf_rules_textrel(vsgx_elf_rules_ctx_t *ctx)
{
    vsgx_elf_rule_t rule;
    if (ctx->opt.ignore_rel_error)
        return VSGX_ELF_RULE_OK;
    for (size_t i = 0; i < ctx->nrela; i++)
        if (ctx->rela[i].type != VSGX_ELF_R_X86_64_NONE &&
            (rule = check_rela_target(ctx, &ctx->rela[i])) != VSGX_ELF_RULE_OK)
            return rule;
    if (ctx->dyn.textrel.present)
        return vsgx_elf_rule_fail(ctx->failure, VSGX_ELF_RULE_TEXTREL, ctx->dyn.textrel.at,
            "DT_TEXTREL: relocations write into read-only segments (allowed with ignore_rel_error)");
    if (ctx->dyn.flags.present && (ctx->dyn.flags.value & DT_TEXTREL_FLAG))
        return vsgx_elf_rule_fail(ctx->failure, VSGX_ELF_RULE_TEXTREL, ctx->dyn.flags.at,
            "DT_FLAGS has DF_TEXTREL: relocations write into read-only segments (allowed with ignore_rel_error)");
    return VSGX_ELF_RULE_OK;
}
