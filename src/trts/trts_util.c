/* trts_util.c — the trusted runtime's small services: whether a range lies wholly inside or
 * wholly outside the enclave, random bytes from RDRAND (with retries), and abort, which marks
 * the enclave crashed and leaves it. */
#include "trts_internal.h"

#include "sgx_trts.h"

int sgx_is_within_enclave(const void *addr, size_t size)
{
    uint64_t start = (uint64_t)addr, base = vsgx_trts_base(), end = base + g_global_data.enclave_size;
    uint64_t last = start + (size ? size - 1 : 0);
    return last >= start && start >= base && last < end;
}

int sgx_is_outside_enclave(const void *addr, size_t size)
{
    uint64_t start = (uint64_t)addr, base = vsgx_trts_base(), end = base + g_global_data.enclave_size;
    uint64_t last = start + (size ? size - 1 : 0);
    return last >= start && (last < base || start >= end);
}

int sgx_is_enclave_crashed(void)
{
    return vsgx_trts_crashed != 0;
}

static bool rdrand64(uint64_t *v)
{
    for (int i = 0; i < 10; i++) {
        unsigned char ok;
        __asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
        if (ok)
            return true;
    }
    return false;
}

sgx_status_t sgx_read_rand(unsigned char *rand, size_t length)
{
    if (!rand || !length || !sgx_is_within_enclave(rand, length))
        return SGX_ERROR_INVALID_PARAMETER;
    while (length) {
        uint64_t v;
        if (!rdrand64(&v))
            return SGX_ERROR_UNEXPECTED;
        size_t n = length < 8 ? length : 8;
        for (size_t i = 0; i < n; i++)
            rand[i] = (unsigned char)(v >> (8 * i));
        rand += n;
        length -= n;
    }
    return SGX_SUCCESS;
}

/* The enclave is unusable from here on: every later ECALL fails with ENCLAVE_CRASHED. This
 * thread leaves now, with that status, from wherever it was. */
_Noreturn void abort(void)
{
    vsgx_trts_crashed = 1;
    vsgx_thread_data_t *td = vsgx_trts_td();
    td->last_sp = td->stack_base_addr;
    td->ocall_index = -1;
    __asm__ volatile("mov $-1, %%rdi\n\tmov $0x1006, %%rsi\n\tjmp vsgx_trts_eexit" ::: "memory");
    __builtin_unreachable();
}

void __stack_chk_fail(void) __attribute__((weak, alias("abort")));
