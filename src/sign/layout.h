/* layout.h — the pages an enclave has besides its ELF segments, laid out as Intel's signer lays
 * them out after the image: heap (min, init, max), then per thread a guard, the stack (max part
 * growing down, min part), a guard, the TCS, the SSA frames, a guard and the thread data with
 * static TLS; the utility thread, the TCSMinPool threads, the threads removed after init, the
 * dynamic threads, reserved memory, and a final guard up to the next power of two. Builds the
 * EDMM form (metadata 3.x) and derives the SGX1 form (metadata 1.x) from it. Host code. */
#ifndef VSGX_SIGN_LAYOUT_H
#define VSGX_SIGN_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "enclave_config.h"
#include "vsgx/global_data.h"

/* Layout entry ids (Intel's). */
enum {
    VSGX_LAYOUT_HEAP_MIN = 1, VSGX_LAYOUT_HEAP_INIT = 2, VSGX_LAYOUT_HEAP_MAX = 3,
    VSGX_LAYOUT_TCS = 4, VSGX_LAYOUT_TD = 5, VSGX_LAYOUT_SSA = 6,
    VSGX_LAYOUT_STACK_MAX = 7, VSGX_LAYOUT_STACK_MIN = 8, VSGX_LAYOUT_THREAD_GROUP = 0x1009,
    VSGX_LAYOUT_GUARD = 10, VSGX_LAYOUT_DYN_OFFSET = 10,     /* dynamic-thread id = id + 10 */
    VSGX_LAYOUT_THREAD_GROUP_DYN = 0x1013,
    VSGX_LAYOUT_RSRV_MIN = 20, VSGX_LAYOUT_RSRV_INIT = 21, VSGX_LAYOUT_RSRV_MAX = 22,
};

#define VSGX_GUARD_PAGES 16
#define VSGX_SSA_NUM 2
#define VSGX_STACK_FILL 0xCCCCCCCCu
#define VSGX_ENCLAVE_SIZE_MAX (1ULL << 36)     /* 64 GiB */

typedef enum {
    VSGX_LAYOUT_OK = 0,
    VSGX_LAYOUT_TOO_BIG,        /* a region or the whole enclave exceeds what SGX can address */
    VSGX_LAYOUT_NO_MEMORY,
} vsgx_layout_status_t;

typedef struct {
    vsgx_layout_raw_t *entries; /* the EDMM form, in load order, the padding guard last */
    size_t count;
    uint64_t image_end;         /* rva where the layout begins (end of the ELF image) */
    uint64_t enclave_size;      /* a power of two */
    uint32_t ssa_frame_size;    /* pages */
    /* where the parts are, for the SGX1 form and the templates */
    size_t heap_count;          /* entries [0, heap_count) are the heap */
    size_t thread_first, thread_count;   /* the utility thread's entries */
    uint64_t thread_size;       /* bytes one thread occupies */
    size_t rsrv_first, rsrv_count;
    bool padded;                /* the last entry is the guard up to enclave_size */
} vsgx_enclave_layout_t;

const char *vsgx_layout_status_text(vsgx_layout_status_t s);

/* Lays out an enclave whose image ends at image_end (page-aligned) and whose static TLS block
 * needs tls_size bytes (memsz rounded up to its alignment), with SSA frames of ssa_frame_size
 * pages. The TCS entries' content_offset is 0: the metadata writer sets it. */
vsgx_layout_status_t vsgx_layout_build(const vsgx_enclave_config_t *cfg, uint64_t image_end,
                                       uint64_t tls_size, uint32_t ssa_frame_size,
                                       vsgx_enclave_layout_t *out);
void vsgx_layout_free(vsgx_enclave_layout_t *l);

/* The SGX1 form: heap, the utility thread replayed TCSNum - 1 more times by a group (present
 * even when that is 0 times, as Intel's SDK writes it), reserved
 * memory; no EDMM attributes, nothing for dynamic threads, no padding entry. Same measurement. */
vsgx_layout_status_t vsgx_layout_sgx1(const vsgx_enclave_layout_t *l, uint32_t tcs_num,
                                      vsgx_layout_raw_t **out, size_t *count);

/* The first plain entry with this id, or NULL. */
const vsgx_layout_raw_t *vsgx_layout_find(const vsgx_layout_raw_t *e, size_t n, uint16_t id);

#endif
