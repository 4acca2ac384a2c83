/* nosleep_enclave.c — a counter under a mutex in an enclave without the untrusted event OCALLs
 * (nosleep.edl): contended lock calls wait by spinning, and the total must still be exact. */
#include "nosleep_t.h"
#include "sgx_thread.h"

static sgx_thread_mutex_t lock = SGX_THREAD_MUTEX_INITIALIZER;
static volatile uint64_t counter;

int ecall_nosleep_inc(int times)
{
    for (int i = 0; i < times; i++) {
        int r = sgx_thread_mutex_lock(&lock);
        if (r)
            return r;
        uint64_t v = counter;
        __builtin_ia32_pause();
        counter = v + 1;
        if ((r = sgx_thread_mutex_unlock(&lock)))
            return r;
    }
    return 0;
}

uint64_t ecall_nosleep_counter(void)
{
    return counter;
}
