/* elf_rules.c — the enclave rules (see elf_rules.h): the driver, the rules on program headers,
 * and the rule a file that does not even parse breaks. The rules on the dynamic section, symbols,
 * relocations and sections are in elf_rules_dynamic.c. */
#include "elf_rules_private.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"

#define PAGE 4096u

const char *vsgx_elf_rule_name(vsgx_elf_rule_t rule)
{
    switch (rule) {
    case VSGX_ELF_RULE_OK: return "ok";
    case VSGX_ELF_RULE_TRUNCATED: return "truncated";
    case VSGX_ELF_RULE_IDENT: return "elf-ident";
    case VSGX_ELF_RULE_TYPE: return "elf-type";
    case VSGX_ELF_RULE_HEADER_SIZE: return "header-size";
    case VSGX_ELF_RULE_SECTIONS: return "section-table";
    case VSGX_ELF_RULE_SEGMENT_OUTSIDE_FILE: return "segment-outside-file";
    case VSGX_ELF_RULE_SEGMENT_SIZE: return "segment-size";
    case VSGX_ELF_RULE_SEGMENT_ALIGN: return "segment-align";
    case VSGX_ELF_RULE_SEGMENT_ACCESS: return "segment-access";
    case VSGX_ELF_RULE_SEGMENT_OVERLAP: return "segment-overlap";
    case VSGX_ELF_RULE_NO_DYNAMIC: return "no-dynamic";
    case VSGX_ELF_RULE_BAD_DYNAMIC: return "bad-dynamic";
    case VSGX_ELF_RULE_NEEDED: return "dt-needed";
    case VSGX_ELF_RULE_DYNSYM: return "dynsym";
    case VSGX_ELF_RULE_UNDEFINED_SYMBOL: return "undefined-symbol";
    case VSGX_ELF_RULE_NO_GLOBAL_DATA: return "no-g_global_data";
    case VSGX_ELF_RULE_NO_ENTRY: return "no-enclave_entry";
    case VSGX_ELF_RULE_REL: return "dt-rel";
    case VSGX_ELF_RULE_RELOCATION_TYPE: return "relocation-type";
    case VSGX_ELF_RULE_CTORS: return "ctors-section";
    case VSGX_ELF_RULE_INIT: return "init-section";
    case VSGX_ELF_RULE_TEXTREL: return "text-relocation";
    case VSGX_ELF_RULE_NO_MEMORY: return "out-of-memory";
    }
    return "unknown-rule";
}

vsgx_elf_rule_t vsgx_elf_rule_fail(vsgx_elf_rule_failure_t *f, vsgx_elf_rule_t rule, size_t offset,
                                   const char *fmt, ...)
{
    va_list ap;
    int n = snprintf(f->message, sizeof f->message, "%s: ", vsgx_elf_rule_name(rule));
    f->rule = rule;
    f->offset = offset;
    va_start(ap, fmt);
    if (n > 0 && (size_t)n < sizeof f->message)
        vsnprintf(f->message + n, sizeof f->message - (size_t)n, fmt, ap);
    va_end(ap);
    return rule;
}

static const char *segment_type(uint32_t type)
{
    switch (type) {
    case VSGX_ELF_PT_LOAD: return "PT_LOAD";
    case VSGX_ELF_PT_DYNAMIC: return "PT_DYNAMIC";
    case VSGX_ELF_PT_TLS: return "PT_TLS";
    default: return "segment";
    }
}

vsgx_elf_rule_t vsgx_elf_rules_segment(const vsgx_elf_phdr_t *p, size_t i, size_t at, size_t len,
                                       vsgx_elf_rule_failure_t *f)
{
    const char *t = segment_type(p->type);
    if (p->offset > len || p->filesz > len - p->offset)
        return vsgx_elf_rule_fail(f, VSGX_ELF_RULE_SEGMENT_OUTSIDE_FILE, at,
            "program header %zu (%s) covers file bytes [%#llx, +%#llx) but the file has only %#zx bytes",
            i, t, (unsigned long long)p->offset, (unsigned long long)p->filesz, len);
    if (p->type != VSGX_ELF_PT_LOAD && p->type != VSGX_ELF_PT_DYNAMIC)
        return VSGX_ELF_RULE_OK;
    if (p->filesz > p->memsz || p->vaddr + p->memsz < p->vaddr)
        return vsgx_elf_rule_fail(f, VSGX_ELF_RULE_SEGMENT_SIZE, at,
            "program header %zu (%s at %#llx): p_filesz %#llx exceeds p_memsz %#llx or the segment wraps around",
            i, t, (unsigned long long)p->vaddr, (unsigned long long)p->filesz,
            (unsigned long long)p->memsz);
    if (p->type != VSGX_ELF_PT_LOAD)
        return VSGX_ELF_RULE_OK;
    if (p->align == 0 || p->align % PAGE)
        return vsgx_elf_rule_fail(f, VSGX_ELF_RULE_SEGMENT_ALIGN, at,
            "program header %zu (PT_LOAD at %#llx): p_align %#llx is not a positive multiple of 4096",
            i, (unsigned long long)p->vaddr, (unsigned long long)p->align);
    if (!(p->flags & (VSGX_ELF_PF_R | VSGX_ELF_PF_W | VSGX_ELF_PF_X)))
        return vsgx_elf_rule_fail(f, VSGX_ELF_RULE_SEGMENT_ACCESS, at,
            "program header %zu (PT_LOAD at %#llx) has none of the R, W, X flags", i,
            (unsigned long long)p->vaddr);
    return VSGX_ELF_RULE_OK;
}

typedef struct {
    uint64_t start, end;            /* [p_vaddr, p_vaddr + p_memsz rounded up to p_align) */
    size_t index;
} span_t;

static int by_start(const void *a, const void *b)
{
    const span_t *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Intel's test: each PT_LOAD spans from p_vaddr to p_vaddr + p_memsz rounded up to its p_align;
 * no two spans may intersect. Sorted by start, a span intersects an earlier one iff it starts
 * before the furthest end seen so far. */
static vsgx_elf_rule_t check_overlap(const vsgx_elf_image_t *img, vsgx_elf_rule_failure_t *f)
{
    span_t *s = calloc(img->phnum ? img->phnum : 1, sizeof *s);
    size_t n = 0, far = 0;
    vsgx_elf_rule_t rule = VSGX_ELF_RULE_OK;
    if (!s)
        return vsgx_elf_rule_fail(f, VSGX_ELF_RULE_NO_MEMORY, 0, "checking segment overlap");
    for (size_t i = 0; i < img->phnum; i++) {
        const vsgx_elf_phdr_t *p = &img->phdrs[i];
        if (p->type != VSGX_ELF_PT_LOAD)
            continue;
        uint64_t end = p->vaddr + p->memsz, r = end % p->align;   /* checked: no wrap, align > 0 */
        end = !r ? end : end > UINT64_MAX - (p->align - r) ? UINT64_MAX : end + (p->align - r);
        if (end > p->vaddr)
            s[n++] = (span_t){ p->vaddr, end, i };
    }
    if (n)
        qsort(s, n, sizeof *s, by_start);
    for (size_t k = 1; k < n && rule == VSGX_ELF_RULE_OK; k++) {
        if (s[k].start < s[far].end) {
            const span_t *a = s[far].index < s[k].index ? &s[far] : &s[k];
            const span_t *b = a == &s[k] ? &s[far] : &s[k];
            rule = vsgx_elf_rule_fail(f, VSGX_ELF_RULE_SEGMENT_OVERLAP,
                (size_t)img->phoff + b->index * VSGX_ELF_PHDR_SIZE,
                "PT_LOAD segments %zu [%#llx, %#llx) and %zu [%#llx, %#llx) overlap (each rounded up to its p_align)",
                a->index, (unsigned long long)a->start, (unsigned long long)a->end, b->index,
                (unsigned long long)b->start, (unsigned long long)b->end);
        } else if (s[k].end > s[far].end) {
            far = k;
        }
    }
    free(s);
    return rule;
}

static vsgx_elf_rule_t check_segments(const vsgx_elf_image_t *img, vsgx_elf_rule_failure_t *f)
{
    vsgx_elf_rule_t rule;
    for (size_t i = 0; i < img->phnum; i++)
        if ((rule = vsgx_elf_rules_segment(&img->phdrs[i], i,
                                           (size_t)img->phoff + i * VSGX_ELF_PHDR_SIZE, img->len,
                                           f)) != VSGX_ELF_RULE_OK)
            return rule;
    return check_overlap(img, f);
}

const vsgx_elf_phdr_t *vsgx_elf_rules_exec_segment(const vsgx_elf_image_t *img, uint64_t vaddr)
{
    for (size_t i = 0; i < img->phnum; i++) {
        const vsgx_elf_phdr_t *p = &img->phdrs[i];
        if (p->type == VSGX_ELF_PT_LOAD && (p->flags & VSGX_ELF_PF_X) && vaddr >= p->vaddr &&
            vaddr - p->vaddr < p->memsz)
            return p;
    }
    return NULL;
}

vsgx_elf_rule_t vsgx_elf_check_enclave(const vsgx_elf_image_t *img,
                                       const vsgx_elf_rules_options_t *opt,
                                       vsgx_elf_rule_failure_t *failure)
{
    vsgx_elf_rule_failure_t scratch;
    vsgx_elf_rules_ctx_t ctx = { .img = img, .failure = failure ? failure : &scratch };
    vsgx_elf_rule_t rule;
    if (opt)
        ctx.opt = *opt;
    memset(ctx.failure, 0, sizeof *ctx.failure);
    if ((rule = check_segments(img, ctx.failure)) == VSGX_ELF_RULE_OK &&
        (rule = vsgx_elf_rules_dynamic(&ctx)) == VSGX_ELF_RULE_OK &&
        (rule = vsgx_elf_rules_symbols(&ctx)) == VSGX_ELF_RULE_OK &&
        (rule = vsgx_elf_rules_relocations(&ctx)) == VSGX_ELF_RULE_OK &&
        (rule = vsgx_elf_rules_sections(&ctx)) == VSGX_ELF_RULE_OK)
        rule = vsgx_elf_rules_textrel(&ctx);
    vsgx_elf_relocations_free(ctx.rela);
    return rule;
}

/* ---- files that do not parse ---- */

/* The header field of data at `off` (width 1, 2 or 4 bytes), or 0 if the file is shorter. */
static uint32_t field(const uint8_t *data, size_t len, size_t off, size_t width)
{
    uint32_t v = 0;
    for (size_t i = 0; i < width && off + i < len; i++)
        v |= (uint32_t)data[off + i] << (8 * i);
    return off + width <= len ? v : 0;
}

static const char *elf_type_name(uint32_t t)
{
    static const char *const names[] = { "ET_NONE", "ET_REL", "ET_EXEC", "ET_DYN", "ET_CORE" };
    return t < sizeof names / sizeof names[0] ? names[t] : "unknown";
}

/* The first header field that is not what an enclave needs, in the order vsgx_elf_parse checks. */
static vsgx_elf_rule_t describe_header(const uint8_t *d, size_t len, vsgx_elf_rule_failure_t *f)
{
    static const uint8_t magic[4] = { 0x7f, 'E', 'L', 'F' };
    uint32_t type = field(d, len, 16, 2), machine = field(d, len, 18, 2);
    if (len < 16 || memcmp(d, magic, 4) != 0)
        return vsgx_elf_rule_fail(f, VSGX_ELF_RULE_IDENT, 0, "not an ELF file (no \\x7fELF magic)");
    if (d[4] != 2)
        return vsgx_elf_rule_fail(f, VSGX_ELF_RULE_IDENT, 4, "EI_CLASS is %u, not ELFCLASS64 (2)", d[4]);
    if (d[5] != 1)
        return vsgx_elf_rule_fail(f, VSGX_ELF_RULE_IDENT, 5,
                                  "EI_DATA is %u, not ELFDATA2LSB (1, little-endian)", d[5]);
    if (d[6] != 1)
        return vsgx_elf_rule_fail(f, VSGX_ELF_RULE_IDENT, 6, "EI_VERSION is %u, not EV_CURRENT (1)", d[6]);
    if (type != 3)
        return vsgx_elf_rule_fail(f, VSGX_ELF_RULE_TYPE, 16, "e_type is %u (%s), not ET_DYN (3)", type,
                                  elf_type_name(type));
    if (machine != 62)
        return vsgx_elf_rule_fail(f, VSGX_ELF_RULE_TYPE, 18, "e_machine is %u, not EM_X86_64 (62)", machine);
    if (field(d, len, 20, 4) != 1)
        return vsgx_elf_rule_fail(f, VSGX_ELF_RULE_IDENT, 20, "e_version is %u, not EV_CURRENT (1)",
                                  field(d, len, 20, 4));
    return vsgx_elf_rule_fail(f, VSGX_ELF_RULE_HEADER_SIZE, 52,
        "e_ehsize %u, e_phentsize %u, e_shentsize %u: ELF64 needs 64, 56 and 64 (or no sections)",
        field(d, len, 52, 2), field(d, len, 54, 2), field(d, len, 58, 2));
}

/* A parse failure at `where`: a program header's rule if `where` is one, else what ended early. */
static vsgx_elf_rule_t describe_parse(const uint8_t *d, size_t len, vsgx_elf_status_t st,
                                      size_t where, vsgx_elf_rule_failure_t *f)
{
    uint64_t phoff = (uint64_t)field(d, len, 36, 4) << 32 | field(d, len, 32, 4);
    uint64_t phnum = field(d, len, 56, 2);
    vsgx_elf_phdr_t p;
    if (st == VSGX_ELF_BAD_IDENT || st == VSGX_ELF_BAD_TYPE || st == VSGX_ELF_BAD_HEADER)
        return describe_header(d, len, f);
    if (st == VSGX_ELF_NO_MEMORY)
        return vsgx_elf_rule_fail(f, VSGX_ELF_RULE_NO_MEMORY, 0, "parsing the ELF file");
    if (where >= phoff && where - phoff < phnum * VSGX_ELF_PHDR_SIZE &&
        (where - phoff) % VSGX_ELF_PHDR_SIZE == 0 &&
        vsgx_elf_read_phdr(d, len, where, &p) == VSGX_ELF_OK &&
        vsgx_elf_rules_segment(&p, (size_t)((where - phoff) / VSGX_ELF_PHDR_SIZE), where, len, f))
        return f->rule;
    if (st == VSGX_ELF_TRUNCATED)
        return vsgx_elf_rule_fail(f, VSGX_ELF_RULE_TRUNCATED, where,
            "the file (%#zx bytes) ends inside %s", len,
            len < VSGX_ELF_EHDR_SIZE ? "the ELF header" : where == 32 ? "the program header table"
            : where == 40 ? "the section header table" : "the section described at this offset");
    return vsgx_elf_rule_fail(f, VSGX_ELF_RULE_SECTIONS, where, "%s (at file offset %#zx)",
                              vsgx_elf_status_text(st), where);
}

vsgx_elf_rule_t vsgx_elf_check_file(const uint8_t *data, size_t len,
                                    const vsgx_elf_rules_options_t *opt,
                                    vsgx_elf_rule_failure_t *failure)
{
    vsgx_elf_rule_failure_t scratch;
    vsgx_elf_rule_failure_t *f = failure ? failure : &scratch;
    vsgx_elf_image_t *img = NULL;
    size_t where = 0;
    vsgx_elf_status_t st = vsgx_elf_parse(data, len, &img, &where);
    memset(f, 0, sizeof *f);
    if (st != VSGX_ELF_OK)
        return describe_parse(data, len, st, where, f);
    vsgx_elf_rule_t rule = vsgx_elf_check_enclave(img, opt, f);
    vsgx_elf_free(img);
    return rule;
}
