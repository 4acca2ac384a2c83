/* elf_rules.h — the ELF-level rules an enclave must satisfy before it is signed: those Intel's
 * enclave loader and sgx_sign enforce (psw/urts/parser/elfparser.cpp, sign_tool.cpp), plus
 * "no DT_NEEDED" (an enclave is self-contained). Checked in this order:
 *   segments   every program header inside the file; PT_LOAD: filesz <= memsz, p_align a
 *              multiple of 4096, at least one of R/W/X, no two overlapping once each is extended
 *              from p_vaddr to p_vaddr + p_memsz rounded up to its p_align (Intel's test)
 *   dynamic    a PT_DYNAMIC with at least one entry, well formed; no DT_NEEDED
 *   symbols    a .dynsym section at DT_SYMTAB with 24-byte entries; no undefined non-weak symbol;
 *              g_global_data defined inside a segment's file bytes; enclave_entry defined (else
 *              e_entry) inside an executable segment
 *   relocations  no DT_REL (x86-64 uses RELA); only the types the enclave runtime applies:
 *              NONE, 64, GLOB_DAT, JUMP_SLOT, RELATIVE, DTPMOD64, DTPOFF64, TPOFF64
 *   sections   no .ctors; no .init section or DT_INIT (unless ignore_init_sec_error)
 *   text relocations  no relocation whose target is in an executable segment or section and no
 *              DT_TEXTREL / DF_TEXTREL (unless ignore_rel_error)
 * Metadata (.note.sgxmeta, g_global_data's contents) is the signer's business, not checked here.
 * Host code; used by the signer (sgx_sign, vsgx enclave sign) and the loader. */
#ifndef VSGX_SIGN_ELF_RULES_H
#define VSGX_SIGN_ELF_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "elf_image.h"

typedef enum {
    VSGX_ELF_RULE_OK = 0,
    VSGX_ELF_RULE_TRUNCATED,            /* a header or table runs past the end of the file */
    VSGX_ELF_RULE_IDENT,                /* not ELF, not ELFCLASS64, not little-endian or not EV_CURRENT */
    VSGX_ELF_RULE_TYPE,                 /* not ET_DYN or not EM_X86_64 */
    VSGX_ELF_RULE_HEADER_SIZE,          /* e_ehsize, e_phentsize or e_shentsize is not the ELF64 one */
    VSGX_ELF_RULE_SECTIONS,             /* the section header table or its name table is impossible */
    VSGX_ELF_RULE_SEGMENT_OUTSIDE_FILE, /* a segment's file bytes lie past the end of the file */
    VSGX_ELF_RULE_SEGMENT_SIZE,         /* p_filesz > p_memsz, or the segment wraps around */
    VSGX_ELF_RULE_SEGMENT_ALIGN,        /* a PT_LOAD's p_align is not a multiple of 4096 */
    VSGX_ELF_RULE_SEGMENT_ACCESS,       /* a PT_LOAD has none of R, W, X */
    VSGX_ELF_RULE_SEGMENT_OVERLAP,      /* two PT_LOAD segments overlap */
    VSGX_ELF_RULE_NO_DYNAMIC,           /* no PT_DYNAMIC, or an empty one */
    VSGX_ELF_RULE_BAD_DYNAMIC,          /* the dynamic section or a table it points at is malformed */
    VSGX_ELF_RULE_NEEDED,               /* a DT_NEEDED entry: the enclave depends on a library */
    VSGX_ELF_RULE_DYNSYM,               /* no .dynsym section at DT_SYMTAB, or its sh_entsize is wrong */
    VSGX_ELF_RULE_UNDEFINED_SYMBOL,     /* an undefined dynamic symbol that is not weak */
    VSGX_ELF_RULE_NO_GLOBAL_DATA,       /* g_global_data is missing or not in a segment's file bytes */
    VSGX_ELF_RULE_NO_ENTRY,             /* neither enclave_entry nor e_entry is in an executable segment */
    VSGX_ELF_RULE_REL,                  /* a DT_REL table (or DT_PLTREL = DT_REL) on x86-64 */
    VSGX_ELF_RULE_RELOCATION_TYPE,      /* a relocation type the enclave runtime does not apply */
    VSGX_ELF_RULE_CTORS,                /* a .ctors section */
    VSGX_ELF_RULE_INIT,                 /* a .init section or DT_INIT (allowed by ignore_init_sec_error) */
    VSGX_ELF_RULE_TEXTREL,              /* text relocations (allowed by ignore_rel_error) */
    VSGX_ELF_RULE_NO_MEMORY,
} vsgx_elf_rule_t;

typedef struct {
    bool ignore_rel_error;              /* sgx_sign -ignore-rel-error: accept text relocations */
    bool ignore_init_sec_error;         /* sgx_sign -ignore-init-sec-error: accept .init / DT_INIT */
} vsgx_elf_rules_options_t;

typedef struct {
    vsgx_elf_rule_t rule;
    size_t offset;                      /* file offset of the offending header, entry or section */
    char message[256];                  /* "<rule>: <what, naming the thing>" */
} vsgx_elf_rule_failure_t;

/* A short name for the rule ("segment-overlap", "dt-needed", ...). */
const char *vsgx_elf_rule_name(vsgx_elf_rule_t rule);

/* Checks a parsed image (vsgx_elf_parse has checked the headers). `opt` and `failure` may be NULL;
 * on VSGX_ELF_RULE_OK failure->rule is OK and the message is empty. Does not trust that the
 * image's fields are consistent with its bytes: every range is checked again. */
vsgx_elf_rule_t vsgx_elf_check_enclave(const vsgx_elf_image_t *img,
                                       const vsgx_elf_rules_options_t *opt,
                                       vsgx_elf_rule_failure_t *failure);

/* Parses data[0, len) and checks it; a file that does not parse fails with the rule that names
 * the broken header field (truncation, class, data encoding, type, machine, entry sizes,
 * segment bounds or alignment, section table). */
vsgx_elf_rule_t vsgx_elf_check_file(const uint8_t *data, size_t len,
                                    const vsgx_elf_rules_options_t *opt,
                                    vsgx_elf_rule_failure_t *failure);

#endif
