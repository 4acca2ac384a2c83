/* measure.h — MRENCLAVE of an enclave built with Intel's SDK, computed the way the SGX CPU does:
 * SHA-256 over the ECREATE record (SSA frame size, enclave size), then for every page added an
 * EADD record (page offset, SECINFO flags) and, for measured pages, sixteen EEXTEND records each
 * followed by its 256 bytes. Pages come from the patched file image (the PT_LOAD segments in
 * program-header order) and from the metadata's layout table (heap, stacks, TCS, SSA, thread
 * data; groups replayed). With text relocations (DT_TEXTREL), pages a relocation writes are
 * measured writable, as the loader adds them. Host code; used by the signer, the loader and tests. */
#ifndef VSGX_SIGN_MEASURE_H
#define VSGX_SIGN_MEASURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "elf_image.h"
#include "metadata.h"

#define VSGX_SECINFO_R 0x1
#define VSGX_SECINFO_W 0x2
#define VSGX_SECINFO_X 0x4
#define VSGX_SECINFO_PT_TCS (1u << 8)
#define VSGX_SECINFO_PT_REG (2u << 8)

typedef enum {
    VSGX_MEASURE_OK = 0,
    VSGX_MEASURE_BAD_ELF,           /* the file is not a well-formed ELF64 enclave (see *detail) */
    VSGX_MEASURE_NO_METADATA,       /* no usable .note.sgxmeta note */
    VSGX_MEASURE_BAD_METADATA,      /* the metadata is malformed (see *detail) */
    VSGX_MEASURE_BAD_PATCH,         /* a patch writes outside the file */
    VSGX_MEASURE_BAD_SEGMENT,       /* a PT_LOAD segment has no R/W/X, overlaps, or is outside the enclave */
    VSGX_MEASURE_BAD_LAYOUT,        /* a layout page is outside the enclave or pages are added twice */
    VSGX_MEASURE_TEXTREL,           /* text relocations whose tables cannot be read */
    VSGX_MEASURE_NO_MEMORY,
    VSGX_MEASURE_CRYPTO,            /* SHA-256 failed */
    VSGX_MEASURE_STOPPED,           /* the page callback refused a page */
} vsgx_measure_status_t;

/* A page of the stream, for a loader: rva from the image's start (the ELRANGE offset not
 * added), SECINFO flags, whether it is measured (EEXTEND), and its 4096 bytes (patched file
 * bytes, TCS template, fill or zeros). Non-zero stops the walk. */
typedef int (*vsgx_page_fn)(void *ctx, uint64_t rva, uint64_t flags, bool measured, const uint8_t *page);

/* Why a measurement failed, for people: the stage's own status and the file offset. */
typedef struct {
    vsgx_elf_status_t elf;
    vsgx_metadata_status_t metadata;
    size_t offset;
} vsgx_measure_detail_t;

const char *vsgx_measure_status_text(vsgx_measure_status_t s);

/* Parses the ELF file and its metadata and computes MRENCLAVE. `detail` may be NULL. */
vsgx_measure_status_t vsgx_measure_file(const uint8_t *file, size_t len, uint8_t mrenclave[32],
                                        vsgx_measure_detail_t *detail);

/* Computes MRENCLAVE from an already parsed image and its metadata. */
vsgx_measure_status_t vsgx_measure(const vsgx_elf_image_t *elf, const vsgx_metadata_t *md,
                                   uint8_t mrenclave[32], size_t *where);

/* Walks the same pages in the same order without hashing, handing each to on_page: what a
 * loader EADDs. VSGX_MEASURE_STOPPED when on_page refused one. */
vsgx_measure_status_t vsgx_measure_pages(const vsgx_elf_image_t *elf, const vsgx_metadata_t *md, vsgx_page_fn on_page,
                                         void *ctx, size_t *where);

/* Finds and parses the metadata of a parsed image (caller frees with vsgx_metadata_free). */
vsgx_measure_status_t vsgx_measure_load_metadata(const vsgx_elf_image_t *elf,
                                                 vsgx_metadata_t **out,
                                                 vsgx_measure_detail_t *detail);

#endif
