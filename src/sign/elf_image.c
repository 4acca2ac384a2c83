/* elf_image.c — the strict ELF64 reader (see elf_image.h). */
#include "elf_image.h"

#include <stdlib.h>
#include <string.h>

#include "cursor.h"

#define EHDR_SIZE VSGX_ELF_EHDR_SIZE
#define PHDR_SIZE VSGX_ELF_PHDR_SIZE
#define SHDR_SIZE VSGX_ELF_SHDR_SIZE
#define ET_DYN 3
#define EM_X86_64 62
#define DT_NULL 0
#define DT_TEXTREL 22
#define DT_FLAGS 30
#define DF_TEXTREL 0x4

const char *vsgx_elf_status_text(vsgx_elf_status_t s)
{
    switch (s) {
    case VSGX_ELF_OK: return "the ELF file is well formed";
    case VSGX_ELF_TRUNCATED: return "the ELF file is truncated: a header or table runs past its end";
    case VSGX_ELF_BAD_IDENT: return "not a 64-bit little-endian ELF file of version 1";
    case VSGX_ELF_BAD_TYPE: return "not an x86-64 shared object (ET_DYN, EM_X86_64)";
    case VSGX_ELF_BAD_HEADER: return "an ELF header or entry size is not the ELF64 one";
    case VSGX_ELF_BAD_SEGMENT: return "a program header describes an impossible segment";
    case VSGX_ELF_BAD_SECTION: return "a section header or the section name table is impossible";
    case VSGX_ELF_NO_SECTION: return "the ELF file has no such section";
    case VSGX_ELF_BAD_NOTE: return "the note's header, name or descriptor does not fit its section";
    case VSGX_ELF_NO_MEMORY: return "out of memory";
    case VSGX_ELF_NO_DYNAMIC: return "the ELF file has no PT_DYNAMIC segment";
    case VSGX_ELF_BAD_DYNAMIC: return "the dynamic section or a table it points at is malformed or not loaded from the file";
    case VSGX_ELF_NO_SYMBOL: return "the ELF file defines no such dynamic symbol";
    }
    return "unknown ELF status";
}

bool vsgx_elf_file_range(const vsgx_elf_image_t *img, uint64_t off, uint64_t n, vsgx_cursor_t *out)
{
    vsgx_cursor_t c = vsgx_cursor(img->data, img->len);
    if (off > img->len || n > img->len - off)
        return false;
    if (!vsgx_cursor_skip(&c, (size_t)off))
        return false;
    return vsgx_cursor_sub(&c, (size_t)n, out);
}

static vsgx_elf_status_t parse_ehdr(vsgx_elf_image_t *img, uint16_t *phnum, uint16_t *shnum,
                                    size_t *where)
{
    static const uint8_t ident[7] = { 0x7f, 'E', 'L', 'F', 2 /* 64-bit */, 1 /* LE */, 1 };
    vsgx_cursor_t c = vsgx_cursor(img->data, img->len);
    const uint8_t *id;
    uint16_t type, machine, ehsize, phentsize, shentsize;
    uint32_t version, flags;
    *where = 0;
    if (!vsgx_cursor_take(&c, 16, &id))
        return VSGX_ELF_TRUNCATED;
    if (memcmp(id, ident, sizeof ident) != 0)
        return VSGX_ELF_BAD_IDENT;
    *where = c.offset;
    if (!vsgx_cursor_u16le(&c, &type) || !vsgx_cursor_u16le(&c, &machine) ||
        !vsgx_cursor_u32le(&c, &version) || !vsgx_cursor_u64le(&c, &img->entry) || !vsgx_cursor_u64le(&c, &img->phoff) ||
        !vsgx_cursor_u64le(&c, &img->shoff) || !vsgx_cursor_u32le(&c, &flags) ||
        !vsgx_cursor_u16le(&c, &ehsize) || !vsgx_cursor_u16le(&c, &phentsize) ||
        !vsgx_cursor_u16le(&c, phnum) || !vsgx_cursor_u16le(&c, &shentsize) ||
        !vsgx_cursor_u16le(&c, shnum) || !vsgx_cursor_u16le(&c, &img->shstrndx))
        return VSGX_ELF_TRUNCATED;
    if (type != ET_DYN || machine != EM_X86_64)
        return VSGX_ELF_BAD_TYPE;
    *where = 20;
    if (version != 1)
        return VSGX_ELF_BAD_IDENT;
    *where = 52;
    if (ehsize != EHDR_SIZE || phentsize != PHDR_SIZE || (*shnum && shentsize != SHDR_SIZE))
        return VSGX_ELF_BAD_HEADER;
    return VSGX_ELF_OK;
}

static bool read_phdr(vsgx_cursor_t *c, vsgx_elf_phdr_t *p)
{
    return vsgx_cursor_u32le(c, &p->type) && vsgx_cursor_u32le(c, &p->flags) &&
           vsgx_cursor_u64le(c, &p->offset) && vsgx_cursor_u64le(c, &p->vaddr) && vsgx_cursor_u64le(c, &p->paddr) &&
           vsgx_cursor_u64le(c, &p->filesz) && vsgx_cursor_u64le(c, &p->memsz) && vsgx_cursor_u64le(c, &p->align);
}

vsgx_elf_status_t vsgx_elf_read_phdr(const uint8_t *data, size_t len, size_t offset,
                                     vsgx_elf_phdr_t *out)
{
    vsgx_cursor_t c = vsgx_cursor(data, len);
    if (!vsgx_cursor_skip(&c, offset) || !read_phdr(&c, out))
        return VSGX_ELF_TRUNCATED;
    return VSGX_ELF_OK;
}

static vsgx_elf_status_t parse_phdrs(vsgx_elf_image_t *img, size_t *where)
{
    vsgx_cursor_t c;
    *where = 32;
    if (!vsgx_elf_file_range(img, img->phoff, (uint64_t)img->phnum * PHDR_SIZE, &c))
        return VSGX_ELF_TRUNCATED;
    for (size_t i = 0; i < img->phnum; i++) {
        vsgx_elf_phdr_t *p = &img->phdrs[i];
        *where = c.offset;
        if (!read_phdr(&c, p))
            return VSGX_ELF_TRUNCATED;
        if (p->type != VSGX_ELF_PT_LOAD && p->type != VSGX_ELF_PT_DYNAMIC)
            continue;
        vsgx_cursor_t seg;
        if (!vsgx_elf_file_range(img, p->offset, p->filesz, &seg))
            return VSGX_ELF_TRUNCATED;
        if (p->filesz > p->memsz || p->vaddr + p->memsz < p->vaddr)
            return VSGX_ELF_BAD_SEGMENT;
        /* Intel's loader: a loadable segment's alignment is a whole number of pages. */
        if (p->type == VSGX_ELF_PT_LOAD && (p->align == 0 || p->align % 4096))
            return VSGX_ELF_BAD_SEGMENT;
    }
    return VSGX_ELF_OK;
}

static vsgx_elf_status_t parse_shdrs(vsgx_elf_image_t *img, size_t *where)
{
    vsgx_cursor_t c;
    uint32_t *names = NULL;
    vsgx_elf_status_t st = VSGX_ELF_OK;
    *where = 40;
    if (img->shnum == 0)
        return VSGX_ELF_OK;
    if (!vsgx_elf_file_range(img, img->shoff, (uint64_t)img->shnum * SHDR_SIZE, &c))
        return VSGX_ELF_TRUNCATED;
    *where = 62;
    if (img->shstrndx >= img->shnum)
        return VSGX_ELF_BAD_SECTION;
    names = calloc(img->shnum, sizeof *names);
    if (!names)
        return VSGX_ELF_NO_MEMORY;
    for (size_t i = 0; i < img->shnum; i++) {
        vsgx_elf_shdr_t *s = &img->shdrs[i];
        *where = c.offset;
        if (!vsgx_cursor_u32le(&c, &names[i]) || !vsgx_cursor_u32le(&c, &s->type) ||
            !vsgx_cursor_u64le(&c, &s->flags) || !vsgx_cursor_u64le(&c, &s->addr) || !vsgx_cursor_u64le(&c, &s->offset) ||
            !vsgx_cursor_u64le(&c, &s->size) || !vsgx_cursor_u32le(&c, &s->link) ||
            !vsgx_cursor_u32le(&c, &s->info) || !vsgx_cursor_u64le(&c, &s->addralign) ||
            !vsgx_cursor_u64le(&c, &s->entsize)) {
            st = VSGX_ELF_TRUNCATED;
            goto out;
        }
        vsgx_cursor_t body;
        if (s->type != VSGX_ELF_SHT_NOBITS && !vsgx_elf_file_range(img, s->offset, s->size, &body)) {
            st = VSGX_ELF_TRUNCATED;
            goto out;
        }
    }
    /* Names: each must be a NUL-terminated string inside the name table. */
    const vsgx_elf_shdr_t *strtab = &img->shdrs[img->shstrndx];
    *where = (size_t)img->shoff + (size_t)img->shstrndx * SHDR_SIZE;
    if (strtab->type == VSGX_ELF_SHT_NOBITS || strtab->size == 0) {
        st = VSGX_ELF_BAD_SECTION;
        goto out;
    }
    const char *table = (const char *)img->data + strtab->offset;
    for (size_t i = 0; i < img->shnum; i++) {
        *where = (size_t)img->shoff + i * SHDR_SIZE;
        if (names[i] >= strtab->size || !memchr(table + names[i], 0, strtab->size - names[i])) {
            st = VSGX_ELF_BAD_SECTION;
            goto out;
        }
        img->shdrs[i].name = table + names[i];
    }
out:
    free(names);
    return st;
}

vsgx_elf_status_t vsgx_elf_parse(const uint8_t *data, size_t len, vsgx_elf_image_t **out,
                                 size_t *where)
{
    size_t at = 0;
    uint16_t phnum = 0, shnum = 0;
    vsgx_elf_status_t st;
    vsgx_elf_image_t *img = calloc(1, sizeof *img);
    *out = NULL;
    if (!img) {
        st = VSGX_ELF_NO_MEMORY;
        goto fail;
    }
    img->data = data;
    img->len = len;
    if ((st = parse_ehdr(img, &phnum, &shnum, &at)) != VSGX_ELF_OK)
        goto fail;
    img->phnum = phnum;
    img->shnum = shnum;
    img->phdrs = calloc(phnum ? phnum : 1, sizeof *img->phdrs);
    img->shdrs = calloc(shnum ? shnum : 1, sizeof *img->shdrs);
    if (!img->phdrs || !img->shdrs) {
        st = VSGX_ELF_NO_MEMORY;
        goto fail;
    }
    if ((st = parse_phdrs(img, &at)) != VSGX_ELF_OK || (st = parse_shdrs(img, &at)) != VSGX_ELF_OK)
        goto fail;
    *out = img;
    return VSGX_ELF_OK;
fail:
    if (where)
        *where = at;
    vsgx_elf_free(img);
    return st;
}

void vsgx_elf_free(vsgx_elf_image_t *img)
{
    if (!img)
        return;
    free(img->phdrs);
    free(img->shdrs);
    free(img);
}

const vsgx_elf_shdr_t *vsgx_elf_section(const vsgx_elf_image_t *img, const char *name)
{
    for (size_t i = 0; i < img->shnum; i++)
        if (img->shdrs[i].name && strcmp(img->shdrs[i].name, name) == 0)
            return &img->shdrs[i];
    return NULL;
}

vsgx_elf_status_t vsgx_elf_find_note(const vsgx_elf_image_t *img, const char *section,
                                     const char *note_name, uint32_t type, size_t *desc_offset,
                                     size_t *desc_len)
{
    const vsgx_elf_shdr_t *s = vsgx_elf_section(img, section);
    vsgx_cursor_t c;
    uint32_t namesz, descsz, ntype;
    const uint8_t *name;
    size_t want = strlen(note_name) + 1;
    if (!s)
        return VSGX_ELF_NO_SECTION;
    if (s->type == VSGX_ELF_SHT_NOBITS || !vsgx_elf_file_range(img, s->offset, s->size, &c))
        return VSGX_ELF_BAD_NOTE;
    if (!vsgx_cursor_u32le(&c, &namesz) || !vsgx_cursor_u32le(&c, &descsz) ||
        !vsgx_cursor_u32le(&c, &ntype))
        return VSGX_ELF_BAD_NOTE;
    if (namesz != want || ntype != type || !vsgx_cursor_take(&c, namesz, &name) ||
        memcmp(name, note_name, want) != 0)
        return VSGX_ELF_BAD_NOTE;
    if (descsz > c.left)
        return VSGX_ELF_BAD_NOTE;
    *desc_offset = c.offset;
    *desc_len = descsz;
    return VSGX_ELF_OK;
}

vsgx_elf_status_t vsgx_elf_has_textrel(const vsgx_elf_image_t *img, bool *textrel)
{
    *textrel = false;
    for (size_t i = 0; i < img->phnum; i++) {
        const vsgx_elf_phdr_t *p = &img->phdrs[i];
        vsgx_cursor_t c;
        if (p->type != VSGX_ELF_PT_DYNAMIC)
            continue;
        if (!vsgx_elf_file_range(img, p->offset, p->filesz, &c))
            return VSGX_ELF_TRUNCATED;
        while (c.left >= 16) {
            uint64_t tag, val;
            if (!vsgx_cursor_u64le(&c, &tag) || !vsgx_cursor_u64le(&c, &val))
                return VSGX_ELF_TRUNCATED;
            if (tag == DT_NULL)
                break;
            if (tag == DT_TEXTREL || (tag == DT_FLAGS && (val & DF_TEXTREL)))
                *textrel = true;
        }
    }
    return VSGX_ELF_OK;
}

vsgx_elf_status_t vsgx_elf_tls(const vsgx_elf_image_t *img, uint64_t *memsz, uint64_t *align)
{
    const vsgx_elf_phdr_t *tls = NULL;
    *memsz = *align = 0;
    for (size_t i = 0; i < img->phnum; i++) {
        if (img->phdrs[i].type != VSGX_ELF_PT_TLS)
            continue;
        if (tls)
            return VSGX_ELF_BAD_SEGMENT;
        tls = &img->phdrs[i];
    }
    if (!tls)
        return VSGX_ELF_OK;
    /* The runtime rounds memsz up to the alignment (0 and 1 mean none). */
    if (tls->filesz > tls->memsz || (tls->align & (tls->align - 1)) ||
        (tls->align > 1 && tls->memsz > UINT64_MAX - (tls->align - 1)))
        return VSGX_ELF_BAD_SEGMENT;
    *memsz = tls->memsz;
    *align = tls->align;
    return VSGX_ELF_OK;
}
