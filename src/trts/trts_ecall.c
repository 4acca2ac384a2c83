/* trts_ecall.c — ECALL dispatch: the first entry of a thread sets up its data, the first entry
 * of the enclave relocates it and sets up the heap; then the ECALL is looked up in the table
 * sgx_edger8r generated (g_ecall_table) and allowed as Intel's runtime allows it: from the host
 * directly only a public ECALL, and during an OCALL only an ECALL that OCALL's allow list names
 * (g_dyn_entry_table). The OCALL arena the host passes must lie wholly outside the enclave. */
#include "trts_internal.h"

#include "sgx_trts.h"

typedef sgx_status_t (*ecall_fn)(void *ms);

/* The generated tables (weak: an enclave without an EDL has none). */
extern const struct {
    size_t nr_ecall;
    struct {
        const void *ecall_addr;
        uint8_t is_priv;
        uint8_t is_switchless;
    } ecall_table[];
} g_ecall_table __attribute__((weak));

extern const struct {
    size_t nr_ocall;
    uint8_t entry_table[];
} g_dyn_entry_table __attribute__((weak));

#define ARENA_SIZE_MAX (UINT64_C(1) << 40)

/* Whether ECALL index may run now: at the root only public ones, inside OCALL o only those it allows. */
static sgx_status_t allowed(size_t index, int64_t ocall)
{
    if (!&g_ecall_table || index >= g_ecall_table.nr_ecall)
        return SGX_ERROR_INVALID_FUNCTION;
    if (ocall < 0)
        return g_ecall_table.ecall_table[index].is_priv ? SGX_ERROR_ECALL_NOT_ALLOWED : SGX_SUCCESS;
    if (!&g_dyn_entry_table || (uint64_t)ocall >= g_dyn_entry_table.nr_ocall)
        return SGX_ERROR_ECALL_NOT_ALLOWED;
    return g_dyn_entry_table.entry_table[(size_t)ocall * g_ecall_table.nr_ecall + index] ? SGX_SUCCESS
                                                                                       : SGX_ERROR_ECALL_NOT_ALLOWED;
}

uint64_t vsgx_trts_ecall(int64_t cmd, void *ms, uint64_t arena, uint64_t tcs, uint64_t exit_address)
{
    /* The thread data's address: from the template (relative to the TCS), before it is set up. */
    vsgx_thread_data_t *td = (vsgx_thread_data_t *)(tcs + g_global_data.td_template.self_addr);
    if (!td->self_addr)
        vsgx_trts_init_thread(td, tcs);
    td->exit_address = exit_address;
    if (vsgx_trts_crashed)
        return SGX_ERROR_ENCLAVE_CRASHED;
    if (cmd == VSGX_ECMD_INIT_ENCLAVE)
        vsgx_trts_take_cpuid_table(ms);
    sgx_status_t st = vsgx_trts_init_enclave();
    if (st != SGX_SUCCESS || cmd == VSGX_ECMD_INIT_ENCLAVE)
        return st;
    if (cmd < 0)
        return SGX_ERROR_INVALID_FUNCTION;
    bool root = td->ocall_index < 0;
    if (root) {
        /* The arena: [arena, arena + size) given as {base, size} in untrusted memory. */
        const uint64_t *desc = (const uint64_t *)arena;
        uint64_t base = 0, size = 0;
        if (desc && sgx_is_outside_enclave(desc, 2 * sizeof *desc)) {
            base = desc[0];
            size = desc[1];
        }
        if (size > ARENA_SIZE_MAX || (size && !sgx_is_outside_enclave((const void *)base, size)))
            base = size = 0;
        td->ocall_arena_base = base;
        td->ocall_arena_end = td->ocall_arena_top = base + size;
    }
    if ((st = allowed((size_t)cmd, td->ocall_index)) != SGX_SUCCESS)
        return st;
    uint64_t frame = td->ocall_frame_top;
    td->ocall_frame_top = td->ocall_arena_top;
    __asm__ volatile("lfence" ::: "memory"); /* no speculation past the checks */
    st = ((ecall_fn)g_ecall_table.ecall_table[cmd].ecall_addr)(ms);
    td->ocall_arena_top = td->ocall_frame_top;
    td->ocall_frame_top = frame;
    return st;
}
