/* trts_elf.c — the enclave reads its own ELF image (loaded at its base, headers included in the
 * first segment): the static TLS template (PT_TLS) and the dynamic relocations it applies to
 * itself once (RELATIVE, GLOB_DAT, JUMP_SLOT, 64, DTPMOD64, DTPOFF64, TPOFF64; anything else
 * refuses the enclave), as Intel's runtime does. */
#include "trts_internal.h"

/* The ELF64 structures and constants used here (the System V ABI's; no system header in an enclave). */
typedef struct {
    uint8_t e_ident[16];
    uint16_t e_type, e_machine;
    uint32_t e_version;
    uint64_t e_entry, e_phoff, e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
} Elf64_Ehdr;
typedef struct {
    uint32_t p_type, p_flags;
    uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
} Elf64_Phdr;
typedef struct {
    int64_t d_tag;
    union {
        uint64_t d_val, d_ptr;
    } d_un;
} Elf64_Dyn;
typedef struct {
    uint64_t r_offset, r_info;
    int64_t r_addend;
} Elf64_Rela;
typedef struct {
    uint32_t st_name;
    uint8_t st_info, st_other;
    uint16_t st_shndx;
    uint64_t st_value, st_size;
} Elf64_Sym;
enum { PT_DYNAMIC = 2, PT_TLS = 7 };
enum { DT_NULL = 0, DT_PLTRELSZ = 2, DT_SYMTAB = 6, DT_RELA = 7, DT_RELASZ = 8, DT_JMPREL = 23 };
enum { R_X86_64_NONE = 0, R_X86_64_64 = 1, R_X86_64_GLOB_DAT = 6, R_X86_64_JUMP_SLOT = 7, R_X86_64_RELATIVE = 8,
       R_X86_64_DTPMOD64 = 16, R_X86_64_DTPOFF64 = 17, R_X86_64_TPOFF64 = 18 };
#define STB_WEAK 2
#define ELF64_R_SYM(i) ((i) >> 32)
#define ELF64_R_TYPE(i) ((i) & 0xffffffffu)
#define ELF64_ST_BIND(i) ((i) >> 4)

static const Elf64_Phdr *phdrs(uint64_t base, size_t *n)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)base;
    *n = eh->e_phnum;
    return (const Elf64_Phdr *)(base + eh->e_phoff);
}

static const Elf64_Phdr *find_phdr(uint64_t base, uint32_t type)
{
    size_t n;
    const Elf64_Phdr *p = phdrs(base, &n);
    for (size_t i = 0; i < n; i++)
        if (p[i].p_type == type)
            return &p[i];
    return NULL;
}

uint64_t vsgx_trts_tls_size(void)
{
    const Elf64_Phdr *tls = find_phdr(vsgx_trts_base(), PT_TLS);
    if (!tls)
        return 0;
    uint64_t align = tls->p_align ? tls->p_align : 1;
    return (tls->p_memsz + align - 1) & ~(align - 1);
}

/* Copies the TLS template below the thread pointer (variant II: the block ends at TP). */
void vsgx_trts_init_tls(uint64_t tp)
{
    uint64_t base = vsgx_trts_base();
    const Elf64_Phdr *tls = find_phdr(base, PT_TLS);
    if (!tls)
        return;
    uint8_t *block = (uint8_t *)(tp - vsgx_trts_tls_size());
    const uint8_t *src = (const uint8_t *)(base + tls->p_vaddr);
    for (uint64_t i = 0; i < tls->p_filesz; i++)
        block[i] = src[i];
    for (uint64_t i = tls->p_filesz; i < tls->p_memsz; i++)
        block[i] = 0;
}

static bool apply(uint64_t base, const Elf64_Rela *r, size_t n, const Elf64_Sym *symtab, uint64_t tls_size)
{
    for (size_t i = 0; i < n; i++) {
        uint64_t *where = (uint64_t *)(base + r[i].r_offset);
        const Elf64_Sym *sym = symtab ? &symtab[ELF64_R_SYM(r[i].r_info)] : NULL;
        uint64_t s = sym ? sym->st_value : 0;
        switch (ELF64_R_TYPE(r[i].r_info)) {
        case R_X86_64_NONE:
            break;
        case R_X86_64_RELATIVE:
            *where = base + (uint64_t)r[i].r_addend;
            break;
        case R_X86_64_GLOB_DAT:
        case R_X86_64_JUMP_SLOT:
        case R_X86_64_64:
            if (sym && sym->st_value == 0 && ELF64_ST_BIND(sym->st_info) == STB_WEAK)
                break; /* an undefined weak symbol stays 0 */
            *where = base + s + (uint64_t)r[i].r_addend;
            break;
        case R_X86_64_DTPMOD64:
            *where = 1;
            break;
        case R_X86_64_DTPOFF64:
            *where = s + (uint64_t)r[i].r_addend;
            break;
        case R_X86_64_TPOFF64:
            *where = s + (uint64_t)r[i].r_addend - tls_size;
            break;
        default:
            return false;
        }
    }
    return true;
}

bool vsgx_trts_relocate(void)
{
    uint64_t base = vsgx_trts_base();
    const Elf64_Phdr *dyn_ph = find_phdr(base, PT_DYNAMIC);
    if (!dyn_ph)
        return true;
    const Elf64_Rela *rela = NULL, *jmprel = NULL;
    const Elf64_Sym *symtab = NULL;
    uint64_t relasz = 0, pltrelsz = 0;
    for (const Elf64_Dyn *d = (const Elf64_Dyn *)(base + dyn_ph->p_vaddr); d->d_tag != DT_NULL; d++) {
        switch (d->d_tag) {
        case DT_RELA: rela = (const Elf64_Rela *)(base + d->d_un.d_ptr); break;
        case DT_RELASZ: relasz = d->d_un.d_val; break;
        case DT_JMPREL: jmprel = (const Elf64_Rela *)(base + d->d_un.d_ptr); break;
        case DT_PLTRELSZ: pltrelsz = d->d_un.d_val; break;
        case DT_SYMTAB: symtab = (const Elf64_Sym *)(base + d->d_un.d_ptr); break;
        default: break;
        }
    }
    uint64_t tls = vsgx_trts_tls_size();
    return (!rela || apply(base, rela, relasz / sizeof *rela, symtab, tls)) &&
           (!jmprel || apply(base, jmprel, pltrelsz / sizeof *jmprel, symtab, tls));
}
