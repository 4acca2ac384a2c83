/* elf_dynamic.c — the dynamic section and its tables (see elf_dynamic.h). */
#include "elf_dynamic.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"

#define DYN_SIZE 16
#define DT_NULL 0

/* The dynamic tags read, and where each one's value goes. */
static const struct {
    uint64_t tag;
    size_t field;
} g_tags[] = {
    { 2, offsetof(vsgx_elf_dynamic_t, pltrelsz) },
    { 4, offsetof(vsgx_elf_dynamic_t, hash) },
    { 5, offsetof(vsgx_elf_dynamic_t, strtab) },
    { 6, offsetof(vsgx_elf_dynamic_t, symtab) },
    { 7, offsetof(vsgx_elf_dynamic_t, rela) },
    { 8, offsetof(vsgx_elf_dynamic_t, relasz) },
    { 9, offsetof(vsgx_elf_dynamic_t, relaent) },
    { 10, offsetof(vsgx_elf_dynamic_t, strsz) },
    { 11, offsetof(vsgx_elf_dynamic_t, syment) },
    { 12, offsetof(vsgx_elf_dynamic_t, init) },
    { 17, offsetof(vsgx_elf_dynamic_t, rel) },
    { 18, offsetof(vsgx_elf_dynamic_t, relsz) },
    { 19, offsetof(vsgx_elf_dynamic_t, relent) },
    { 20, offsetof(vsgx_elf_dynamic_t, pltrel) },
    { 22, offsetof(vsgx_elf_dynamic_t, textrel) },
    { 23, offsetof(vsgx_elf_dynamic_t, jmprel) },
    { 25, offsetof(vsgx_elf_dynamic_t, init_array) },
    { 27, offsetof(vsgx_elf_dynamic_t, init_arraysz) },
    { 30, offsetof(vsgx_elf_dynamic_t, flags) },
    { 0x6ffffef5, offsetof(vsgx_elf_dynamic_t, gnu_hash) },
};

/* Records one entry; false if the tag was already seen (DT_NEEDED may repeat). */
static bool record(vsgx_elf_dynamic_t *d, uint64_t tag, uint64_t val, size_t at)
{
    vsgx_elf_dyn_t e = { true, val, at };
    if (tag == VSGX_ELF_DT_NEEDED) {
        if (d->needed++ == 0)
            d->first_needed = e;
        return true;
    }
    for (size_t i = 0; i < sizeof g_tags / sizeof g_tags[0]; i++) {
        if (g_tags[i].tag != tag)
            continue;
        vsgx_elf_dyn_t *slot = (vsgx_elf_dyn_t *)((char *)d + g_tags[i].field);
        if (slot->present)
            return false;
        *slot = e;
    }
    return true;
}

vsgx_elf_status_t vsgx_elf_dynamic(const vsgx_elf_image_t *img, vsgx_elf_dynamic_t *out,
                                   size_t *where)
{
    const vsgx_elf_phdr_t *p = NULL;
    size_t at = 0;
    vsgx_cursor_t c;
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < img->phnum && !p; i++)
        if (img->phdrs[i].type == VSGX_ELF_PT_DYNAMIC) {
            p = &img->phdrs[i];
            at = (size_t)img->phoff + i * VSGX_ELF_PHDR_SIZE;
        }
    if (where)
        *where = at;
    if (!p)
        return VSGX_ELF_NO_DYNAMIC;
    if (!vsgx_elf_file_range(img, p->offset, p->filesz, &c))
        return VSGX_ELF_BAD_DYNAMIC;
    out->offset = c.offset;
    for (;;) {
        uint64_t tag, val;
        size_t entry = c.offset;
        if (where)
            *where = entry;
        if (!vsgx_cursor_u64le(&c, &tag) || !vsgx_cursor_u64le(&c, &val))
            return VSGX_ELF_BAD_DYNAMIC;        /* no DT_NULL inside the segment */
        if (tag == DT_NULL)
            return VSGX_ELF_OK;
        if (!record(out, tag, val, entry))
            return VSGX_ELF_BAD_DYNAMIC;
        out->count++;
    }
}

bool vsgx_elf_vaddr_to_offset(const vsgx_elf_image_t *img, uint64_t vaddr, uint64_t size,
                              size_t *offset, size_t *avail)
{
    for (size_t i = 0; i < img->phnum; i++) {
        const vsgx_elf_phdr_t *p = &img->phdrs[i];
        if (p->type != VSGX_ELF_PT_LOAD || p->offset > img->len ||
            p->filesz > img->len - p->offset || vaddr < p->vaddr)
            continue;
        uint64_t skip = vaddr - p->vaddr;
        if (skip > p->filesz || size > p->filesz - skip)
            continue;
        *offset = (size_t)(p->offset + skip);
        if (avail)
            *avail = (size_t)(p->filesz - skip);
        return true;
    }
    return false;
}

const char *vsgx_elf_dynstr(const vsgx_elf_image_t *img, const vsgx_elf_dynamic_t *dyn,
                            uint64_t index)
{
    size_t off;
    if (!dyn->strtab.present || !dyn->strsz.present || index >= dyn->strsz.value ||
        !vsgx_elf_vaddr_to_offset(img, dyn->strtab.value, dyn->strsz.value, &off, NULL))
        return NULL;
    const char *s = (const char *)img->data + off + index;
    return memchr(s, 0, (size_t)(dyn->strsz.value - index)) ? s : NULL;
}

/* A relocation table given by its address, size and entry size tags: a cursor over it (empty
 * when neither address nor size is given). */
static vsgx_elf_status_t rela_table(const vsgx_elf_image_t *img, const vsgx_elf_dyn_t *addr,
                                    const vsgx_elf_dyn_t *size, const vsgx_elf_dyn_t *ent,
                                    vsgx_cursor_t *out, size_t *where)
{
    size_t off;
    *out = vsgx_cursor(NULL, 0);
    if (!addr->present && !size->present)
        return VSGX_ELF_OK;
    *where = addr->present ? addr->at : size->at;
    if (!addr->present || !size->present || size->value % VSGX_ELF_RELA_SIZE)
        return VSGX_ELF_BAD_DYNAMIC;
    if (ent && ent->present && ent->value != VSGX_ELF_RELA_SIZE) {
        *where = ent->at;
        return VSGX_ELF_BAD_DYNAMIC;
    }
    if (!vsgx_elf_vaddr_to_offset(img, addr->value, size->value, &off, NULL) ||
        !vsgx_elf_file_range(img, off, size->value, out))
        return VSGX_ELF_BAD_DYNAMIC;
    return VSGX_ELF_OK;
}

static void read_relas(vsgx_cursor_t c, vsgx_elf_rela_t *out, size_t *n)
{
    while (c.left >= VSGX_ELF_RELA_SIZE) {
        vsgx_elf_rela_t *r = &out[(*n)++];
        uint64_t info = 0, addend = 0;
        r->at = c.offset;
        (void)(vsgx_cursor_u64le(&c, &r->offset) && vsgx_cursor_u64le(&c, &info) && vsgx_cursor_u64le(&c, &addend));
        r->type = (uint32_t)info;
        r->sym = (uint32_t)(info >> 32);
        r->addend = (int64_t)addend;
    }
}

vsgx_elf_status_t vsgx_elf_dynamic_relocations(const vsgx_elf_image_t *img,
                                               const vsgx_elf_dynamic_t *dyn,
                                               vsgx_elf_rela_t **out, size_t *count,
                                               size_t *where)
{
    vsgx_cursor_t rela, plt;
    size_t at = 0, n = 0;
    vsgx_elf_status_t st = VSGX_ELF_BAD_DYNAMIC;
    *out = NULL;
    *count = 0;
    if (dyn->rel.present || dyn->relsz.present) {
        at = dyn->rel.present ? dyn->rel.at : dyn->relsz.at;
        goto done;
    }
    if (dyn->pltrel.present && dyn->pltrel.value != VSGX_ELF_DT_RELA) {
        at = dyn->pltrel.at;
        goto done;
    }
    if ((st = rela_table(img, &dyn->rela, &dyn->relasz, &dyn->relaent, &rela, &at)) != VSGX_ELF_OK ||
        (st = rela_table(img, &dyn->jmprel, &dyn->pltrelsz, NULL, &plt, &at)) != VSGX_ELF_OK)
        goto done;
    n = (rela.left + plt.left) / VSGX_ELF_RELA_SIZE;
    *out = calloc(n ? n : 1, sizeof **out);
    if (!*out) {
        st = VSGX_ELF_NO_MEMORY;
        goto done;
    }
    read_relas(rela, *out, count);
    read_relas(plt, *out, count);
done:
    if (where)
        *where = at;
    return st;
}

vsgx_elf_status_t vsgx_elf_relocations(const vsgx_elf_image_t *img, vsgx_elf_rela_t **out,
                                       size_t *count)
{
    vsgx_elf_dynamic_t dyn;
    vsgx_elf_status_t st = vsgx_elf_dynamic(img, &dyn, NULL);
    *out = NULL;
    *count = 0;
    if (st != VSGX_ELF_OK)
        return st;
    return vsgx_elf_dynamic_relocations(img, &dyn, out, count, NULL);
}

void vsgx_elf_relocations_free(vsgx_elf_rela_t *rela)
{
    free(rela);
}
