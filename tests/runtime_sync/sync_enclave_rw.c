/* sync_enclave_rw.c — read/write locks in the synchronisation test enclave: one thread holds
 * the lock (inside ocall_hold_point) while another probes what it may still take, and a stress
 * run in which readers and writers check, with counters, that no writer ever overlaps anyone. */
#include <errno.h>
#include <stdbool.h>

#include "sgx_thread.h"
#include "sync_t.h"

static sgx_thread_rwlock_t rw = SGX_THREAD_LOCK_INITIALIZER;
static sgx_thread_rwlock_t held = SGX_THREAD_LOCK_INITIALIZER;
static volatile int readers_in, writers_in, max_readers, violations, writes;

void sync_rw_reset(void)
{
    readers_in = writers_in = max_readers = violations = writes = 0;
}

int ecall_rw_hold(int writer)
{
    int r = writer ? sgx_thread_rwlock_wrlock(&held) : sgx_thread_rwlock_rdlock(&held);
    if (r)
        return 1;
    sgx_status_t st = ocall_hold_point();
    r = sgx_thread_rwlock_unlock(&held);
    return st != SGX_SUCCESS ? 2 : r ? 3 : 0;
}

#define STEP(n, cond) \
    do { \
        if (!(cond)) \
            return (n); \
    } while (0)

int ecall_rw_probe(int writer_holds)
{
    STEP(1, sgx_thread_rwlock_trywrlock(&held) == EBUSY);
    STEP(2, sgx_thread_rwlock_wrunlock(&held) == EPERM);
    STEP(3, sgx_thread_rwlock_destroy(&held) == EBUSY);
    if (writer_holds) {
        STEP(4, sgx_thread_rwlock_tryrdlock(&held) == EBUSY);
        STEP(5, sgx_thread_rwlock_rdunlock(&held) == EPERM);
        STEP(6, sgx_thread_rwlock_unlock(&held) == EPERM);
    } else {
        /* Another thread reads: this one may read at the same time. */
        STEP(7, sgx_thread_rwlock_tryrdlock(&held) == 0);
        STEP(8, held.m_reader_count == 2);
        STEP(9, sgx_thread_rwlock_rdlock(&held) == 0 && held.m_reader_count == 3);
        STEP(10, sgx_thread_rwlock_rdunlock(&held) == 0 && sgx_thread_rwlock_unlock(&held) == 0);
    }
    return 0;
}

static void work(void)
{
    for (int i = 0; i < 16; i++)
        __builtin_ia32_pause();
}

int ecall_rw_stress(int writer, int times)
{
    for (int i = 0; i < times; i++) {
        if (writer) {
            if (sgx_thread_rwlock_wrlock(&rw))
                return 1;
            if (__atomic_add_fetch(&writers_in, 1, __ATOMIC_SEQ_CST) != 1 || __atomic_load_n(&readers_in, __ATOMIC_SEQ_CST))
                __atomic_add_fetch(&violations, 1, __ATOMIC_SEQ_CST);
            int w = writes;
            work();
            writes = w + 1;
            __atomic_sub_fetch(&writers_in, 1, __ATOMIC_SEQ_CST);
            if (sgx_thread_rwlock_wrunlock(&rw))
                return 2;
        } else {
            if (sgx_thread_rwlock_rdlock(&rw))
                return 3;
            int n = __atomic_add_fetch(&readers_in, 1, __ATOMIC_SEQ_CST);
            if (__atomic_load_n(&writers_in, __ATOMIC_SEQ_CST))
                __atomic_add_fetch(&violations, 1, __ATOMIC_SEQ_CST);
            int m = max_readers;
            while (n > m && !__atomic_compare_exchange_n(&max_readers, &m, n, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
                ;
            work();
            __atomic_sub_fetch(&readers_in, 1, __ATOMIC_SEQ_CST);
            if (sgx_thread_rwlock_rdunlock(&rw))
                return 4;
        }
    }
    return 0;
}

int ecall_rw_stats(int which)
{
    return which == 0 ? violations : which == 1 ? max_readers : writes;
}
