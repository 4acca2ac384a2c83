/* sync_enclave_cond.c — condition variables in the synchronisation test enclave: a bounded
 * buffer (producers wait on not_full, consumers on not_empty; put signals, take broadcasts), a
 * gate that many threads wait on until one broadcast opens it, and the error returns. */
#include <errno.h>

#include "sgx_thread.h"
#include "sync_t.h"

#define SLOTS 4

static sgx_thread_mutex_t buf_mutex = SGX_THREAD_MUTEX_INITIALIZER;
static sgx_thread_cond_t not_full = SGX_THREAD_COND_INITIALIZER;
static sgx_thread_cond_t not_empty = SGX_THREAD_COND_INITIALIZER;
static int buf[SLOTS];
static int buf_head, buf_count;

static sgx_thread_mutex_t gate_mutex = SGX_THREAD_MUTEX_INITIALIZER;
static sgx_thread_cond_t gate_cond = SGX_THREAD_COND_INITIALIZER;
static int gate_open, gate_waiting;

void sync_cond_reset(void)
{
    buf_head = buf_count = 0;
    gate_open = gate_waiting = 0;
}

int ecall_produce(int first, int count)
{
    for (int v = first; v < first + count; v++) {
        sgx_thread_mutex_lock(&buf_mutex);
        while (buf_count == SLOTS)
            if (sgx_thread_cond_wait(&not_full, &buf_mutex))
                return -1;
        buf[(buf_head + buf_count++) % SLOTS] = v;
        sgx_thread_cond_signal(&not_empty);
        sgx_thread_mutex_unlock(&buf_mutex);
    }
    return 0;
}

int64_t ecall_consume(int count)
{
    int64_t sum = 0;
    for (int i = 0; i < count; i++) {
        sgx_thread_mutex_lock(&buf_mutex);
        while (buf_count == 0)
            if (sgx_thread_cond_wait(&not_empty, &buf_mutex))
                return -1;
        sum += buf[buf_head];
        buf_head = (buf_head + 1) % SLOTS;
        buf_count--;
        sgx_thread_cond_broadcast(&not_full);
        sgx_thread_mutex_unlock(&buf_mutex);
    }
    return sum;
}

int ecall_gate_wait(void)
{
    sgx_thread_mutex_lock(&gate_mutex);
    gate_waiting++;
    while (!gate_open)
        if (sgx_thread_cond_wait(&gate_cond, &gate_mutex))
            return -1;
    return sgx_thread_mutex_unlock(&gate_mutex);
}

/* Waits until `waiters` threads sleep at the gate (each counted itself under the mutex and the
 * mutex is free again only once it is queued on gate_cond), then opens it with one broadcast. */
int ecall_gate_open(int waiters)
{
    for (;;) {
        sgx_thread_mutex_lock(&gate_mutex);
        if (gate_waiting == waiters)
            break;
        sgx_thread_mutex_unlock(&gate_mutex);
        for (int i = 0; i < 100; i++)
            __builtin_ia32_pause();
    }
    int r = sgx_thread_cond_destroy(&gate_cond) == EBUSY ? 0 : 1;
    gate_open = 1;
    if (sgx_thread_cond_broadcast(&gate_cond))
        r = 2;
    sgx_thread_mutex_unlock(&gate_mutex);
    return r;
}

int ecall_cond_errors(void)
{
    sgx_thread_cond_t c;
    sgx_thread_mutex_t m = SGX_THREAD_MUTEX_INITIALIZER;
    if (sgx_thread_cond_init(&c, NULL))
        return 1;
    if (sgx_thread_cond_wait(&c, &m) != EPERM)   /* the mutex is not held */
        return 2;
    if (c.m_queue.m_first != SGX_THREAD_T_NULL)  /* and the failed wait left no trace */
        return 3;
    if (sgx_thread_cond_signal(&c) || sgx_thread_cond_broadcast(&c))   /* nobody waits: fine */
        return 4;
    if (sgx_thread_cond_wait(NULL, &m) != EINVAL || sgx_thread_cond_wait(&c, NULL) != EINVAL)
        return 5;
    if (sgx_thread_cond_signal((sgx_thread_cond_t *)(uintptr_t)0x1000) != EINVAL)
        return 6;
    return sgx_thread_cond_destroy(&c) ? 7 : 0;
}
