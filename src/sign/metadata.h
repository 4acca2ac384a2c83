/* metadata.h — Intel's enclave metadata (`metadata_t`, stored in the `.note.sgxmeta` note of a
 * signed enclave): the header (version, enclave size, TCS policy, SSA frame size, attributes),
 * the embedded SIGSTRUCT, and the patch and layout tables that tell the loader what to write into
 * the file image and which pages to add after the ELF segments. Every offset and size inside the
 * metadata is checked against the metadata's own `size`. Only metadata version 2.x (two data
 * directories: PATCH, LAYOUT) is read so far. Host code; used by measure.c and the signer. */
#ifndef VSGX_SIGN_METADATA_H
#define VSGX_SIGN_METADATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sgx_attributes.h"
#include "sigstruct.h"

#define VSGX_METADATA_MAGIC 0x86A80294635D0E4CULL
#define VSGX_METADATA_NOTE_SECTION ".note.sgxmeta"
#define VSGX_METADATA_NOTE_NAME "sgx_metadata"
#define VSGX_METADATA_NOTE_TYPE 1
#define VSGX_METADATA_HEADER_SIZE_2DIRS 1888   /* through dirs[2] (1.3, 1.4, 2.x) */
#define VSGX_METADATA_HEADER_SIZE_4DIRS 1904   /* through dirs[4] (1.5+, 3.x, 11.x, 13.x) */
#define VSGX_METADATA_NOTE_SIZE 0x6000        /* the descriptor size of the note vsgx writes */
#define VSGX_METADATA_CHAIN_MAX 8

#define VSGX_METADATA_VERSION(major, minor) ((uint64_t)(major) << 32 | (minor))
#define VSGX_METADATA_SGX2 VSGX_METADATA_VERSION(3, 3)        /* the EDMM form vsgx writes */
#define VSGX_METADATA_SGX1 VSGX_METADATA_VERSION(1, 5)        /* the compatible form vsgx writes */
#define VSGX_METADATA_ELRANGE_MAJOR_GAP 10                    /* major + 10: ELRANGE present */

/* Layout entry attributes (se_page_attr.h). */
#define VSGX_PAGE_ATTR_EADD 0x1
#define VSGX_PAGE_ATTR_EEXTEND 0x2
#define VSGX_PAGE_ATTR_EREMOVE 0x4
#define VSGX_PAGE_ATTR_POST_ADD 0x8
#define VSGX_PAGE_ATTR_POST_REMOVE 0x10
#define VSGX_PAGE_ATTR_DYN_THREAD 0x20
#define VSGX_PAGE_ATTR_GROW_DOWN 0x40

#define VSGX_LAYOUT_GROUP_BIT 0x1000

typedef enum {
    VSGX_METADATA_OK = 0,
    VSGX_METADATA_TRUNCATED,      /* the note is shorter than the metadata header or its size */
    VSGX_METADATA_BAD_MAGIC,
    VSGX_METADATA_BAD_VERSION,    /* a version this reader does not know */
    VSGX_METADATA_BAD_SIZE,       /* size is below the header or beyond the note */
    VSGX_METADATA_BAD_ENCLAVE,    /* enclave size not a power of two >= 2 pages, or SSA frame size not 1..4 */
    VSGX_METADATA_BAD_DIRECTORY,  /* a data directory lies outside the metadata or is not whole entries */
    VSGX_METADATA_BAD_LAYOUT,     /* a layout entry's content lies outside the metadata or is too big */
    VSGX_METADATA_BAD_GROUP,      /* a group repeats no, too many, or nested entries */
    VSGX_METADATA_BAD_PATCH,      /* a patch's source lies outside the metadata */
    VSGX_METADATA_BAD_ELRANGE,    /* the ELRANGE entry is missing, or not a valid range */
    VSGX_METADATA_NO_MEMORY,
} vsgx_metadata_status_t;

typedef struct {
    uint16_t id;
    bool group;
    /* an entry (not a group) */
    uint16_t attributes;
    uint32_t page_count;
    uint64_t rva;
    uint32_t content_size;      /* with content_offset 0: a 32-bit fill value */
    uint32_t content_offset;    /* relative to the start of the metadata; 0 = none */
    uint64_t si_flags;
    /* a group: replays the preceding entry_count entries load_times times */
    uint16_t entry_count;
    uint32_t load_times;
    uint64_t load_step;
} vsgx_layout_t;

typedef struct {
    uint64_t dst;               /* file offset */
    uint32_t src;               /* metadata offset */
    uint32_t size;
} vsgx_patch_t;

typedef struct vsgx_metadata {
    const uint8_t *bytes;       /* the metadata itself, `size` bytes (points into the file) */
    size_t file_offset;         /* where it starts in the file */
    uint64_t version;
    uint32_t size, tcs_policy, ssa_frame_size, max_save_buffer_size, desired_misc_select,
        tcs_min_pool;
    uint64_t enclave_size;
    sgx_attributes_t attributes;
    vsgx_sigstruct_t css;
    vsgx_patch_t *patches;
    size_t patch_count;
    vsgx_layout_t *layout;
    size_t layout_count;
    /* ELRANGE (majors 11 and 13): the enclave's range starts below the image */
    bool has_elrange;
    uint64_t enclave_image_address, elrange_start_address, elrange_size;
    struct vsgx_metadata *next; /* the next metadata of the chain, or NULL */
} vsgx_metadata_t;

const char *vsgx_metadata_status_text(vsgx_metadata_status_t s);

/* Parses the chain of metadata at file[offset, offset + len) (the note descriptor): the first one,
 * then each that follows it while the magic number matches. On failure *where (if not NULL) is
 * the file offset of the failing field. */
vsgx_metadata_status_t vsgx_metadata_parse(const uint8_t *file, size_t offset, size_t len,
                                           vsgx_metadata_t **out, size_t *where);
void vsgx_metadata_free(vsgx_metadata_t *md);

/* The header size (where data starts) of a metadata version, or 0 for an unknown version. */
uint32_t vsgx_metadata_header_size(uint64_t version);

#endif
