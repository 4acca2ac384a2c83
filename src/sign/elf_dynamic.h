/* elf_dynamic.h — the dynamic section of an enclave's ELF image (PT_DYNAMIC) and the tables it
 * points at: the entries the signer and the enclave rules need, the translation of a virtual
 * address to a file offset through the PT_LOAD segments, the dynamic string table, and the RELA
 * relocations of DT_RELA and DT_JMPREL. Every table is bounds-checked against the file bytes of
 * the segment that loads it; nothing is read through section headers. Host code; used by
 * elf_symbols.c, elf_rules.c, the signer and the measurement of text-relocated pages. */
#ifndef VSGX_SIGN_ELF_DYNAMIC_H
#define VSGX_SIGN_ELF_DYNAMIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "elf_image.h"

#define VSGX_ELF_DT_NEEDED 1
#define VSGX_ELF_DT_RELA 7
#define VSGX_ELF_DT_REL 17
#define VSGX_ELF_SYM_SIZE 24
#define VSGX_ELF_RELA_SIZE 24

#define VSGX_ELF_R_X86_64_NONE 0
#define VSGX_ELF_R_X86_64_64 1
#define VSGX_ELF_R_X86_64_GLOB_DAT 6
#define VSGX_ELF_R_X86_64_JUMP_SLOT 7
#define VSGX_ELF_R_X86_64_RELATIVE 8
#define VSGX_ELF_R_X86_64_DTPMOD64 16
#define VSGX_ELF_R_X86_64_DTPOFF64 17
#define VSGX_ELF_R_X86_64_TPOFF64 18

/* One dynamic tag: its value and the file offset of its entry (for messages). */
typedef struct {
    bool present;
    uint64_t value;
    size_t at;
} vsgx_elf_dyn_t;

typedef struct {
    size_t offset;          /* file offset of the first entry */
    size_t count;           /* entries before DT_NULL */
    size_t needed;          /* how many DT_NEEDED entries; `first_needed` is the first */
    vsgx_elf_dyn_t first_needed, strtab, strsz, symtab, syment, hash, gnu_hash, rela, relasz,
        relaent, rel, relsz, relent, jmprel, pltrelsz, pltrel, textrel, flags, init, init_array,
        init_arraysz;
} vsgx_elf_dynamic_t;

/* An Elf64_Rela entry. */
typedef struct {
    uint64_t offset;        /* r_offset: the virtual address written */
    uint32_t type;          /* ELF64_R_TYPE(r_info) */
    uint32_t sym;           /* ELF64_R_SYM(r_info): an index into the dynamic symbol table */
    int64_t addend;
    size_t at;              /* file offset of the entry */
} vsgx_elf_rela_t;

/* Reads the first PT_DYNAMIC segment's entries up to DT_NULL. VSGX_ELF_NO_DYNAMIC if there is
 * none; VSGX_ELF_BAD_DYNAMIC if it lies outside the file, has no DT_NULL, or repeats a tag other
 * than DT_NEEDED. *where (if not NULL) is the file offset of the failing entry or header. */
vsgx_elf_status_t vsgx_elf_dynamic(const vsgx_elf_image_t *img, vsgx_elf_dynamic_t *out,
                                   size_t *where);

/* The file offset of [vaddr, vaddr + size) if those bytes come from the file part of one PT_LOAD
 * segment. *avail (if not NULL) is how many file bytes of that segment follow vaddr. */
bool vsgx_elf_vaddr_to_offset(const vsgx_elf_image_t *img, uint64_t vaddr, uint64_t size,
                              size_t *offset, size_t *avail);

/* The NUL-terminated string at `index` of DT_STRTAB (DT_STRSZ bytes), or NULL. */
const char *vsgx_elf_dynstr(const vsgx_elf_image_t *img, const vsgx_elf_dynamic_t *dyn,
                            uint64_t index);

/* All entries of DT_RELA and then of DT_JMPREL (DT_PLTREL must be DT_RELA or absent), in file
 * order. Fails with VSGX_ELF_BAD_DYNAMIC if there is a DT_REL table, a size without its table
 * (or the reverse), an entry size other than 24 or a table outside the loaded file bytes. The
 * caller frees *out with vsgx_elf_relocations_free. */
vsgx_elf_status_t vsgx_elf_relocations(const vsgx_elf_image_t *img, vsgx_elf_rela_t **out,
                                       size_t *count);
/* The same from an already read dynamic section; *where (if not NULL) is the failing entry. */
vsgx_elf_status_t vsgx_elf_dynamic_relocations(const vsgx_elf_image_t *img,
                                               const vsgx_elf_dynamic_t *dyn,
                                               vsgx_elf_rela_t **out, size_t *count,
                                               size_t *where);
void vsgx_elf_relocations_free(vsgx_elf_rela_t *rela);

#endif
