/* vsgx/global_data.h — the contract between the signer and the trusted runtime: the layout of
 * `g_global_data`, which the signer fills (through the metadata's patch table) with the enclave's
 * sizes, its layout table, the TCS template and the per-thread data template, and which the
 * trusted runtime reads on its first entry. The field order follows Intel's global_data_t on
 * x86-64; the contents are vsgx's own. Freestanding: usable inside enclaves. */
#ifndef VSGX_GLOBAL_DATA_H
#define VSGX_GLOBAL_DATA_H

#include <stdint.h>

/* The runtime puts this in g_global_data.sdk_version; the signer refuses an enclave built against
 * another runtime (whose g_global_data has another layout) and then patches the field to 0. */
#define VSGX_GLOBAL_DATA_VERSION 0x7673677800010000ULL   /* "vsgx" 1.0 */
#define VSGX_GLOBAL_DATA_LAYOUT_MAX 43
#define VSGX_TCS_TEMPLATE_SIZE 72

/* One 32-byte layout entry or group, as in the metadata (Intel's layout_t). */
typedef struct {
    uint16_t id;
    uint16_t attributes;         /* a group: entry_count */
    uint32_t page_count;         /* a group: load_times */
    uint64_t rva;                /* a group: load_step */
    uint32_t content_size;
    uint32_t content_offset;
    uint64_t si_flags;
} vsgx_layout_raw_t;

/* Per-thread data: the template holds offsets relative to the thread's TCS, which the runtime
 * turns into addresses when a thread is first entered. */
typedef struct {
    uint64_t self_addr;          /* this structure */
    uint64_t last_sp;
    uint64_t stack_base_addr;    /* top of the committed stack */
    uint64_t stack_limit_addr;   /* lowest address the stack may reach */
    uint64_t first_ssa_gpr;      /* GPR area of the first SSA frame */
    uint64_t stack_guard;        /* the compiler's stack-protector canary (fs:0x28) */
    uint64_t flags;
    uint64_t xsave_size;
    uint64_t last_error;
    uint64_t m_next;
    uint64_t tls_addr;           /* start of the thread's static TLS block */
    uint64_t tls_array;          /* address of tls_addr (a one-entry DTV) */
    int64_t exception_flag;
    /* The trusted runtime's own per-thread state (zero in the template): */
    uint64_t exit_address;       /* where EEXIT jumps: RCX of the latest EENTER */
    uint64_t ocall_arena_base;   /* the untrusted buffer sgx_ocalloc allocates from, [base, end) */
    uint64_t ocall_arena_end;
    uint64_t ocall_arena_top;    /* allocations go down from end to top */
    uint64_t ocall_frame_top;    /* top when the current ECALL began: what sgx_ocfree restores */
    int64_t ocall_index;         /* the OCALL in progress, or -1 */
    uint64_t stack_commit_addr;
    uint64_t aex_notify_flag;
    uint64_t first_ssa_xsave;
} vsgx_thread_data_t;

typedef struct {
    uint64_t sdk_version;
    uint64_t enclave_size;
    uint64_t heap_offset;        /* rva of the heap */
    uint64_t heap_size;          /* bytes usable at start (min + init) */
    uint64_t rsrv_offset;
    uint64_t rsrv_size;
    uint64_t rsrv_executable;
    uint64_t thread_policy;      /* 0 bound, 1 unbound */
    uint64_t tcs_max_num;
    uint64_t tcs_num;
    vsgx_thread_data_t td_template;
    uint8_t tcs_template[VSGX_TCS_TEMPLATE_SIZE];
    uint32_t layout_entry_num;
    uint32_t reserved;
    vsgx_layout_raw_t layout_table[VSGX_GLOBAL_DATA_LAYOUT_MAX];
    uint64_t enclave_image_address;
    uint64_t elrange_start_address;
    uint64_t elrange_size;
    uint64_t edmm_bk_overhead[2]; /* EDMM bookkeeping: bytes per page of user region, fixed */
    uint32_t fips_on;
    uint32_t reserved2;
    uint64_t heap_min_size;      /* committed heap bytes before any EDMM growth */
    uint64_t stack_min_size;
    uint64_t stack_max_size;
} vsgx_global_data_t;

_Static_assert(sizeof(vsgx_layout_raw_t) == 32, "layout entry is 32 bytes");
_Static_assert(sizeof(vsgx_thread_data_t) == 176, "thread data");
_Static_assert(sizeof(vsgx_global_data_t) == 1784, "global data");

#endif
