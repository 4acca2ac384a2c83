/* trts_ocall.c — OCALLs: sgx_ocall leaves the enclave for OCALL `index` of the table the host
 * gave with the ECALL and returns the host's status when it comes back; sgx_ocalloc allocates
 * the OCALL's data in the untrusted arena the host passed at EENTER (outside the enclave,
 * checked), downwards, 16-byte aligned; sgx_ocfree releases everything the current ECALL
 * allocated there. */
#include "trts_internal.h"

#include "sgx_edger8r.h"

sgx_status_t sgx_ocall(const unsigned int index, void *ms)
{
    vsgx_thread_data_t *td = vsgx_trts_td();
    int64_t previous = td->ocall_index;
    td->ocall_index = index;
    uint64_t status = vsgx_trts_ocall_exit(index, ms);
    td->ocall_index = previous;
    return (sgx_status_t)status;
}

sgx_status_t sgx_ocall_switchless(const unsigned int index, void *ms)
{
    return sgx_ocall(index, ms);
}

void *sgx_ocalloc(size_t size)
{
    vsgx_thread_data_t *td = vsgx_trts_td();
    uint64_t top = td->ocall_arena_top, base = td->ocall_arena_base;
    uint64_t need = (size + 15) & ~(uint64_t)15;
    if (need < size || need > top - base)
        return NULL;
    top = (top - need) & ~(uint64_t)15;
    if (top < base)
        return NULL;
    td->ocall_arena_top = top;
    return (void *)top;
}

void *sgx_ocalloc_switchless(size_t size)
{
    return sgx_ocalloc(size);
}

void sgx_ocfree(void)
{
    vsgx_thread_data_t *td = vsgx_trts_td();
    td->ocall_arena_top = td->ocall_frame_top;
}

void sgx_ocfree_switchless(void)
{
    sgx_ocfree();
}
