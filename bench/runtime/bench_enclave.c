/* bench_enclave.c — the runtime benchmark's enclave (bench.edl). */
#include "bench_t.h"

void ecall_empty(void)
{
}

void ecall_in_4k(const uint8_t *buf)
{
    (void)buf;
}

int ecall_ocalls(int n)
{
    for (int i = 0; i < n; i++)
        if (ocall_empty() != SGX_SUCCESS)
            return -1;
    return n;
}
