/* elf_symbols.c — the dynamic symbol table (see elf_symbols.h). */
#include "elf_symbols.h"

#include <string.h>

#include "cursor.h"

#define HASH_WORD 4

/* DT_HASH: nbucket, nchain, ...; there are nchain symbols. */
static bool count_from_hash(const vsgx_elf_image_t *img, uint64_t vaddr, size_t *count)
{
    size_t off;
    uint32_t nbucket, nchain;
    if (!vsgx_elf_vaddr_to_offset(img, vaddr, 2 * HASH_WORD, &off, NULL))
        return false;
    vsgx_cursor_t c = vsgx_cursor(img->data + off, 2 * HASH_WORD);
    if (!vsgx_cursor_u32le(&c, &nbucket) || !vsgx_cursor_u32le(&c, &nchain))
        return false;
    *count = nchain;
    return true;
}

/* DT_GNU_HASH: nbuckets, symoffset, bloom_size, bloom_shift, bloom words (8 bytes), buckets,
 * then one chain word per symbol from symoffset on; the last word of a chain has bit 0 set. The
 * table ends with the chain that starts at the highest bucket value. */
static bool count_from_gnu_hash(const vsgx_elf_image_t *img, uint64_t vaddr, size_t *count)
{
    size_t off, avail;
    uint32_t nbuckets, symoffset, bloom_size, shift, bucket, max = 0, word;
    if (!vsgx_elf_vaddr_to_offset(img, vaddr, 4 * HASH_WORD, &off, &avail))
        return false;
    vsgx_cursor_t c = vsgx_cursor(img->data + off, avail);
    if (!vsgx_cursor_u32le(&c, &nbuckets) || !vsgx_cursor_u32le(&c, &symoffset) ||
        !vsgx_cursor_u32le(&c, &bloom_size) || !vsgx_cursor_u32le(&c, &shift) ||
        bloom_size > c.left / 8 || !vsgx_cursor_skip(&c, (size_t)bloom_size * 8) ||
        nbuckets > c.left / HASH_WORD)
        return false;
    for (uint32_t i = 0; i < nbuckets; i++) {
        (void)vsgx_cursor_u32le(&c, &bucket);
        max = bucket > max ? bucket : max;
    }
    if (max == 0) {
        *count = symoffset;
        return true;
    }
    if (max < symoffset || (uint64_t)(max - symoffset) * HASH_WORD > c.left)
        return false;
    (void)vsgx_cursor_skip(&c, (size_t)(max - symoffset) * HASH_WORD);
    for (size_t n = max;; n++) {
        if (!vsgx_cursor_u32le(&c, &word))
            return false;
        if (word & 1) {
            *count = n + 1;
            return true;
        }
    }
}

/* The .dynsym section header at DT_SYMTAB, if any. */
static const vsgx_elf_shdr_t *dynsym_section(const vsgx_elf_image_t *img, uint64_t vaddr)
{
    for (size_t i = 0; i < img->shnum; i++)
        if (img->shdrs[i].type == VSGX_ELF_SHT_DYNSYM && img->shdrs[i].addr == vaddr)
            return &img->shdrs[i];
    return NULL;
}

static bool symbol_count(const vsgx_elf_image_t *img, const vsgx_elf_dynamic_t *dyn,
                         size_t *count, size_t *where)
{
    const vsgx_elf_shdr_t *s = dynsym_section(img, dyn->symtab.value);
    if (s) {
        *where = (size_t)img->shoff + (size_t)(s - img->shdrs) * VSGX_ELF_SHDR_SIZE;
        if (s->entsize != VSGX_ELF_SYM_SIZE)
            return false;
        *count = (size_t)(s->size / VSGX_ELF_SYM_SIZE);
        return true;
    }
    if (dyn->hash.present) {
        *where = dyn->hash.at;
        return count_from_hash(img, dyn->hash.value, count);
    }
    *where = dyn->gnu_hash.at;
    return dyn->gnu_hash.present && count_from_gnu_hash(img, dyn->gnu_hash.value, count);
}

vsgx_elf_status_t vsgx_elf_symtab(const vsgx_elf_image_t *img, const vsgx_elf_dynamic_t *dyn,
                                  vsgx_elf_symtab_t *out, size_t *where)
{
    size_t at = dyn->symtab.at, count = 0, off;
    vsgx_elf_status_t st = VSGX_ELF_BAD_DYNAMIC;
    out->offset = out->count = 0;
    if (!dyn->symtab.present || (dyn->syment.present && dyn->syment.value != VSGX_ELF_SYM_SIZE)) {
        at = dyn->symtab.present ? dyn->syment.at : dyn->offset;
        goto done;
    }
    if (!symbol_count(img, dyn, &count, &at))
        goto done;
    at = dyn->symtab.at;
    if (count > img->len / VSGX_ELF_SYM_SIZE ||
        !vsgx_elf_vaddr_to_offset(img, dyn->symtab.value, (uint64_t)count * VSGX_ELF_SYM_SIZE,
                                  &off, NULL))
        goto done;
    out->offset = off;
    out->count = count;
    st = VSGX_ELF_OK;
done:
    if (where)
        *where = at;
    return st;
}

/* The n-byte little-endian number at p. */
static uint64_t le(const uint8_t *p, size_t n)
{
    uint64_t v = 0;
    while (n--)
        v = v << 8 | p[n];
    return v;
}

vsgx_elf_status_t vsgx_elf_symbol(const vsgx_elf_image_t *img, const vsgx_elf_dynamic_t *dyn,
                                  const vsgx_elf_symtab_t *tab, size_t index,
                                  vsgx_elf_sym_t *out)
{
    memset(out, 0, sizeof *out);
    if (index >= tab->count || tab->offset > img->len ||
        index >= (img->len - tab->offset) / VSGX_ELF_SYM_SIZE)
        return VSGX_ELF_BAD_DYNAMIC;
    out->at = tab->offset + index * VSGX_ELF_SYM_SIZE;
    /* Elf64_Sym: st_name u32, st_info u8, st_other u8, st_shndx u16, st_value u64, st_size u64 */
    const uint8_t *e = img->data + out->at;
    uint32_t name = (uint32_t)le(e, 4);
    out->bind = e[4] >> 4;
    out->type = e[4] & 0xf;
    out->other = e[5];
    out->shndx = (uint16_t)le(e + 6, 2);
    out->value = le(e + 8, 8);
    out->size = le(e + 16, 8);
    out->name = name ? vsgx_elf_dynstr(img, dyn, name) : "";
    return out->name ? VSGX_ELF_OK : VSGX_ELF_BAD_DYNAMIC;
}

vsgx_elf_status_t vsgx_elf_find_symbol(const vsgx_elf_image_t *img, const char *name,
                                       uint64_t *value, uint64_t *size)
{
    vsgx_elf_dynamic_t dyn;
    vsgx_elf_symtab_t tab;
    vsgx_elf_sym_t sym;
    vsgx_elf_status_t st;
    if ((st = vsgx_elf_dynamic(img, &dyn, NULL)) != VSGX_ELF_OK ||
        (st = vsgx_elf_symtab(img, &dyn, &tab, NULL)) != VSGX_ELF_OK)
        return st;
    for (size_t i = 1; i < tab.count; i++) {
        if ((st = vsgx_elf_symbol(img, &dyn, &tab, i, &sym)) != VSGX_ELF_OK)
            return st;
        if (sym.shndx == VSGX_ELF_SHN_UNDEF || strcmp(sym.name, name) != 0)
            continue;
        if (value)
            *value = sym.value;
        if (size)
            *size = sym.size;
        return VSGX_ELF_OK;
    }
    return VSGX_ELF_NO_SYMBOL;
}
