/* trts_init.c — first entries: of each thread (its data from g_global_data's template, its TLS
 * block, its stack-protector canary) and of the enclave (relocation, then the heap handed to the
 * C library), the latter once, whichever thread comes first. */
#include "trts_internal.h"

#include "sgx_trts.h"

volatile int vsgx_trts_crashed;

/* The C library's heap (src/tlibc, include/vsgx/tlibc.h). */
void vsgx_tlibc_heap_init(void *base, size_t size, size_t max_size);
void vsgx_trts_init_tls(uint64_t tp);

void vsgx_trts_init_thread(vsgx_thread_data_t *td, uint64_t tcs)
{
    const vsgx_thread_data_t *t = &g_global_data.td_template;
    *td = *t;
    /* Offsets from the TCS in the template; addresses here. */
    td->self_addr = tcs + t->self_addr;
    td->last_sp = tcs + t->last_sp;
    td->stack_base_addr = tcs + t->stack_base_addr;
    td->stack_limit_addr = tcs + t->stack_limit_addr;
    td->stack_commit_addr = tcs + t->stack_commit_addr;
    td->first_ssa_gpr = tcs + t->first_ssa_gpr;
    td->first_ssa_xsave = tcs + t->first_ssa_xsave;
    td->tls_addr = tcs + t->tls_addr;
    td->tls_array = tcs + t->tls_array;
    td->ocall_index = -1;
    uint64_t canary = 0;
    if (sgx_read_rand((unsigned char *)&canary, sizeof canary) != SGX_SUCCESS)
        canary = 0x5c5c5c5c5c5c5c00ull ^ tcs;
    td->stack_guard = canary & ~0xffull; /* a zero low byte stops string overflows, as glibc's */
    vsgx_trts_init_tls(td->self_addr);
}

extern uint64_t vsgx_trts_ssa_frame_bytes;

#define LAYOUT_SSA 6
#define LAYOUT_GROUP 0x1000

/* The SSA frame size, from the layout (the first thread's SSA pages) and the TCS's NSSA. */
static bool find_ssa_frame_bytes(void)
{
    uint32_t nssa = 0;
    const uint8_t *t = g_global_data.tcs_template + 28;
    nssa = (uint32_t)t[0] | (uint32_t)t[1] << 8 | (uint32_t)t[2] << 16 | (uint32_t)t[3] << 24;
    for (uint32_t i = 0; nssa && i < g_global_data.layout_entry_num && i < VSGX_GLOBAL_DATA_LAYOUT_MAX; i++) {
        const vsgx_layout_raw_t *e = &g_global_data.layout_table[i];
        if (e->id == LAYOUT_SSA && !(e->id & LAYOUT_GROUP) && e->page_count % nssa == 0) {
            vsgx_trts_ssa_frame_bytes = (uint64_t)(e->page_count / nssa) * 4096;
            return true;
        }
    }
    return false;
}

enum { NOT_STARTED, RUNNING, DONE, FAILED };
static int enclave_state = NOT_STARTED;

sgx_status_t vsgx_trts_init_enclave(void)
{
    int s = __atomic_load_n(&enclave_state, __ATOMIC_ACQUIRE);
    if (s == DONE)
        return SGX_SUCCESS;
    int expected = NOT_STARTED;
    if (__atomic_compare_exchange_n(&enclave_state, &expected, RUNNING, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        bool ok = vsgx_trts_relocate() && find_ssa_frame_bytes();
        if (ok)
            vsgx_tlibc_heap_init((void *)(vsgx_trts_base() + g_global_data.heap_offset), g_global_data.heap_size,
                                 g_global_data.heap_size);
        __atomic_store_n(&enclave_state, ok ? DONE : FAILED, __ATOMIC_RELEASE);
    }
    while ((s = __atomic_load_n(&enclave_state, __ATOMIC_ACQUIRE)) == RUNNING)
        __builtin_ia32_pause();
    return s == DONE ? SGX_SUCCESS : SGX_ERROR_INVALID_ENCLAVE;
}
