/* fake_boundary.c — the fake trusted runtime of fake_boundary.h: boundary queries over the
 * fake_enclave array, a bump-allocated untrusted stack, sgx_ocall to a handler, memcpy_s. */
#include "fake_boundary.h"

#include <errno.h>
#include <string.h>

#include "mbusafecrt.h"
#include "sgx_edger8r.h"
#include "sgx_trts.h"

_Alignas(64) uint8_t fake_enclave[FAKE_ENCLAVE_SIZE];
static size_t enclave_used;
_Alignas(64) static uint8_t untrusted_stack[65536];
static size_t stack_used;

fake_ocall_fn fake_ocall_handler;
unsigned fake_last_ocall;
int fake_ocall_count, fake_ocfree_count, fake_ocalloc_fail, fake_switchless_ocall_count;

void fake_boundary_reset(void)
{
    enclave_used = stack_used = 0;
    fake_ocall_handler = NULL;
    fake_last_ocall = ~0u;
    fake_ocall_count = fake_ocfree_count = fake_ocalloc_fail = fake_switchless_ocall_count = 0;
    memset(fake_enclave, 0, sizeof fake_enclave);
}

void *fake_enclave_alloc(size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (n > sizeof fake_enclave - enclave_used)
        return NULL;
    void *p = fake_enclave + enclave_used;
    enclave_used += n;
    return p;
}

/* The range [addr, addr+size) (size 0 taken as 1) without wrap-around. */
static int range(const void *addr, size_t size, uintptr_t *lo, uintptr_t *hi)
{
    *lo = (uintptr_t)addr;
    if (size == 0)
        size = 1;
    if (*lo + size < *lo)
        return 0;
    *hi = *lo + size;
    return 1;
}

int sgx_is_within_enclave(const void *addr, size_t size)
{
    uintptr_t lo, hi, b = (uintptr_t)fake_enclave, e = b + sizeof fake_enclave;
    return range(addr, size, &lo, &hi) && lo >= b && hi <= e;
}

int sgx_is_outside_enclave(const void *addr, size_t size)
{
    uintptr_t lo, hi, b = (uintptr_t)fake_enclave, e = b + sizeof fake_enclave;
    return range(addr, size, &lo, &hi) && (hi <= b || lo >= e);
}

void *sgx_ocalloc(size_t size)
{
    size = (size + 15) & ~(size_t)15;
    if (fake_ocalloc_fail || size > sizeof untrusted_stack - stack_used)
        return NULL;
    void *p = untrusted_stack + stack_used;
    stack_used += size;
    return p;
}

void *sgx_ocalloc_switchless(size_t size) { return sgx_ocalloc(size); }

void sgx_ocfree(void)
{
    stack_used = 0;
    fake_ocfree_count++;
}

void sgx_ocfree_switchless(void) { sgx_ocfree(); }

sgx_status_t sgx_ocall(const unsigned int index, void *ms)
{
    fake_last_ocall = index;
    fake_ocall_count++;
    return fake_ocall_handler ? fake_ocall_handler(index, ms) : SGX_SUCCESS;
}

sgx_status_t sgx_ocall_switchless(const unsigned int index, void *ms)
{
    fake_switchless_ocall_count++;
    return sgx_ocall(index, ms);
}

errno_t memcpy_s(void *dest, size_t dest_size, const void *src, size_t count)
{
    if (count == 0)
        return 0;
    if (!dest || !src || count > dest_size)
        return EINVAL;
    memmove(dest, src, count);
    return 0;
}

errno_t memset_s(void *dest, size_t dest_size, int c, size_t count)
{
    if (!dest || count > dest_size)
        return EINVAL;
    memset(dest, c, count);
    return 0;
}

errno_t memcpy_verw_s(void *dest, size_t dest_size, const void *src, size_t count)
{
    return memcpy_s(dest, dest_size, src, count);
}

void *memset_verw(void *dest, int c, size_t count)
{
    return memset(dest, c, count);
}
