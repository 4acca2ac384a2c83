/* elf_symbols.h — the dynamic symbol table of an enclave's ELF image (DT_SYMTAB with the names
 * of DT_STRTAB) and lookups by name, such as the signer's g_global_data and enclave_entry. The
 * number of symbols comes from the .dynsym section header at DT_SYMTAB when there is one, else
 * from DT_HASH (nchain) or DT_GNU_HASH (the end of the longest chain). Host code; used by the
 * signer and elf_rules.c. */
#ifndef VSGX_SIGN_ELF_SYMBOLS_H
#define VSGX_SIGN_ELF_SYMBOLS_H

#include <stddef.h>
#include <stdint.h>

#include "elf_dynamic.h"
#include "elf_image.h"

#define VSGX_ELF_STB_LOCAL 0
#define VSGX_ELF_STB_GLOBAL 1
#define VSGX_ELF_STB_WEAK 2
#define VSGX_ELF_SHN_UNDEF 0

typedef struct {
    size_t offset;          /* file offset of symbol 0 */
    size_t count;           /* symbols, including the null symbol 0 */
} vsgx_elf_symtab_t;

/* An Elf64_Sym entry. */
typedef struct {
    const char *name;       /* NUL-terminated, inside DT_STRTAB ("" when st_name is 0) */
    uint8_t bind, type, other;
    uint16_t shndx;
    uint64_t value, size;
    size_t at;              /* file offset of the entry */
} vsgx_elf_sym_t;

/* Locates the table. VSGX_ELF_BAD_DYNAMIC if there is no DT_SYMTAB, DT_SYMENT or the section's
 * entry size is not 24, no count can be found, or the table is not loaded from the file. */
vsgx_elf_status_t vsgx_elf_symtab(const vsgx_elf_image_t *img, const vsgx_elf_dynamic_t *dyn,
                                  vsgx_elf_symtab_t *out, size_t *where);

/* Symbol `index` of the table; VSGX_ELF_BAD_DYNAMIC if its name is not inside DT_STRTAB. */
vsgx_elf_status_t vsgx_elf_symbol(const vsgx_elf_image_t *img, const vsgx_elf_dynamic_t *dyn,
                                  const vsgx_elf_symtab_t *tab, size_t index,
                                  vsgx_elf_sym_t *out);

/* The value and size of the first defined (st_shndx != SHN_UNDEF) dynamic symbol called `name`;
 * VSGX_ELF_NO_SYMBOL if there is none. `value` and `size` may be NULL. */
vsgx_elf_status_t vsgx_elf_find_symbol(const vsgx_elf_image_t *img, const char *name,
                                       uint64_t *value, uint64_t *size);

#endif
