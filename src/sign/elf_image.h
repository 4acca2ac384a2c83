/* elf_image.h — a strict reader of the ELF64 files that hold SGX enclaves (x86-64, little-endian,
 * ET_DYN). It reads the file header, the program headers and the section headers through a
 * bounds-checked cursor, checks that everything they point at lies inside the file, and finds a
 * note (such as Intel's `.note.sgxmeta`) by section name, and the PT_TLS segment. The bytes stay
 * owned by the caller and must outlive the image. The dynamic section, symbols and relocations are
 * read by elf_dynamic.h and elf_symbols.h; the enclave rules are in elf_rules.h. Used by the
 * signer and measurement code (host code). */
#ifndef VSGX_SIGN_ELF_IMAGE_H
#define VSGX_SIGN_ELF_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cursor.h"

#define VSGX_ELF_PT_LOAD 1
#define VSGX_ELF_PT_DYNAMIC 2
#define VSGX_ELF_PT_TLS 7
#define VSGX_ELF_PF_X 0x1
#define VSGX_ELF_PF_W 0x2
#define VSGX_ELF_PF_R 0x4
#define VSGX_ELF_SHT_NOBITS 8
#define VSGX_ELF_SHT_DYNSYM 11
#define VSGX_ELF_SHF_EXECINSTR 0x4
#define VSGX_ELF_EHDR_SIZE 64
#define VSGX_ELF_PHDR_SIZE 56
#define VSGX_ELF_SHDR_SIZE 64

typedef enum {
    VSGX_ELF_OK = 0,
    VSGX_ELF_TRUNCATED,       /* a header or table runs past the end of the file */
    VSGX_ELF_BAD_IDENT,       /* not ELF, not ELFCLASS64, not little-endian or not version 1 */
    VSGX_ELF_BAD_TYPE,        /* not ET_DYN for EM_X86_64 */
    VSGX_ELF_BAD_HEADER,      /* a header size or entry size is not the ELF64 one */
    VSGX_ELF_BAD_SEGMENT,     /* a segment lies outside the file, filesz > memsz, or a PT_LOAD alignment is not whole pages */
    VSGX_ELF_BAD_SECTION,     /* a section header's file range, name or string table is impossible */
    VSGX_ELF_NO_SECTION,      /* the named section is not there */
    VSGX_ELF_BAD_NOTE,        /* the note's header, name or descriptor does not fit */
    VSGX_ELF_NO_MEMORY,
    VSGX_ELF_NO_DYNAMIC,      /* there is no PT_DYNAMIC segment */
    VSGX_ELF_BAD_DYNAMIC,     /* the dynamic section, or a table it points at, is malformed or not loaded from the file */
    VSGX_ELF_NO_SYMBOL,       /* no defined dynamic symbol of that name */
} vsgx_elf_status_t;

typedef struct {
    uint32_t type, flags;
    uint64_t offset, vaddr, paddr, filesz, memsz, align;
} vsgx_elf_phdr_t;

typedef struct {
    const char *name;           /* points into the file's section name table, NUL-terminated */
    uint32_t type;
    uint64_t flags, addr, offset, size;
    uint32_t link, info;
    uint64_t addralign, entsize;
} vsgx_elf_shdr_t;

typedef struct {
    const uint8_t *data;        /* the whole file (not owned) */
    size_t len;
    uint64_t entry, phoff, shoff;
    uint16_t shstrndx;
    size_t phnum, shnum;
    vsgx_elf_phdr_t *phdrs;
    vsgx_elf_shdr_t *shdrs;
} vsgx_elf_image_t;

/* A sentence for people. */
const char *vsgx_elf_status_text(vsgx_elf_status_t s);

/* Parses data[0, len). On failure *where (if not NULL) is the file offset of the failing field. */
vsgx_elf_status_t vsgx_elf_parse(const uint8_t *data, size_t len, vsgx_elf_image_t **out,
                                 size_t *where);
void vsgx_elf_free(vsgx_elf_image_t *img);

/* Decodes the 56-byte program header at data[offset] (no checks on its values). */
vsgx_elf_status_t vsgx_elf_read_phdr(const uint8_t *data, size_t len, size_t offset,
                                     vsgx_elf_phdr_t *out);

/* A cursor over the file bytes [off, off + n), or false if they are not all inside the file. */
bool vsgx_elf_file_range(const vsgx_elf_image_t *img, uint64_t off, uint64_t n, vsgx_cursor_t *out);

/* The section called `name`, or NULL. */
const vsgx_elf_shdr_t *vsgx_elf_section(const vsgx_elf_image_t *img, const char *name);

/* Finds the note in section `section` whose name is `note_name` (including its NUL) and whose
 * type is `type`. The descriptor starts right after the name, without padding (as in Intel's
 * `.note.sgxmeta`). *desc_offset is a file offset. */
vsgx_elf_status_t vsgx_elf_find_note(const vsgx_elf_image_t *img, const char *section,
                                     const char *note_name, uint32_t type, size_t *desc_offset,
                                     size_t *desc_len);

/* Whether PT_DYNAMIC has DT_TEXTREL or DF_TEXTREL in DT_FLAGS. */
vsgx_elf_status_t vsgx_elf_has_textrel(const vsgx_elf_image_t *img, bool *textrel);

/* The PT_TLS segment's memsz and alignment (both 0 when there is none). Fails with
 * VSGX_ELF_BAD_SEGMENT if there are several, if filesz > memsz, if the alignment is not 0 or a
 * power of two, or if memsz rounded up to it does not fit in 64 bits. */
vsgx_elf_status_t vsgx_elf_tls(const vsgx_elf_image_t *img, uint64_t *memsz, uint64_t *align);

#endif
