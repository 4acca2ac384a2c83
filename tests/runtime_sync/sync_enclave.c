/* sync_enclave.c — the synchronisation test enclave (sync.edl): thread identity, a counter
 * incremented under a mutex and under a spinlock, recursive mutexes, and the error returns of
 * mutexes and condition variables, and sgx_cpuid/sgx_cpuidex (each check returns the number of the first failed step, 0
 * if all passed). Condition variables: sync_enclave_cond.c; read/write locks: sync_enclave_rw.c. */
#include <errno.h>

#include "sgx_cpuid.h"
#include "sgx_spinlock.h"
#include "sgx_thread.h"
#include "sync_t.h"

void sync_cond_reset(void);
void sync_rw_reset(void);

static sgx_thread_mutex_t counter_mutex = SGX_THREAD_MUTEX_INITIALIZER;
static sgx_spinlock_t counter_spin = SGX_SPINLOCK_INITIALIZER;
static volatile uint64_t counter;

/* A read-modify-write with a gap, so that an unprotected increment would lose updates. */
static void bump(void)
{
    uint64_t v = counter;
    for (int i = 0; i < 4; i++)
        __builtin_ia32_pause();
    counter = v + 1;
}

void ecall_reset(void)
{
    counter = 0;
    sync_cond_reset();
    sync_rw_reset();
}

uint64_t ecall_self(void)
{
    sgx_thread_t a = sgx_thread_self(), b = sgx_thread_self();
    return sgx_thread_equal(a, b) && !sgx_thread_equal(a, a + 1) ? (uint64_t)a : 0;
}

uint64_t ecall_counter(void)
{
    return counter;
}

int ecall_mutex_inc(int times)
{
    for (int i = 0; i < times; i++) {
        int r = sgx_thread_mutex_lock(&counter_mutex);
        if (r)
            return r;
        bump();
        if ((r = sgx_thread_mutex_unlock(&counter_mutex)))
            return r;
    }
    return 0;
}

int ecall_spin_inc(int times)
{
    for (int i = 0; i < times; i++) {
        sgx_spin_lock(&counter_spin);
        bump();
        sgx_spin_unlock(&counter_spin);
    }
    return 0;
}

#define STEP(n, cond) \
    do { \
        if (!(cond)) \
            return (n); \
    } while (0)

int ecall_recursive(void)
{
    static sgx_thread_mutex_t m = SGX_THREAD_RECURSIVE_MUTEX_INITIALIZER;
    STEP(1, sgx_thread_mutex_lock(&m) == 0);
    STEP(2, sgx_thread_mutex_lock(&m) == 0);
    STEP(3, sgx_thread_mutex_lock(&m) == 0);
    STEP(4, sgx_thread_mutex_trylock(&m) == 0);
    STEP(5, m.m_refcount == 4 && m.m_owner == sgx_thread_self());
    STEP(6, sgx_thread_mutex_destroy(&m) == EBUSY);
    for (int i = 0; i < 4; i++)
        STEP(7, sgx_thread_mutex_unlock(&m) == 0);
    STEP(8, m.m_owner == SGX_THREAD_T_NULL);
    STEP(9, sgx_thread_mutex_unlock(&m) == EPERM);
    return 0;
}

int ecall_recursive_init(void)
{
    sgx_thread_mutexattr_t rec = { SGX_THREAD_MUTEX_RECURSIVE };
    sgx_thread_mutex_t m;
    STEP(1, sgx_thread_mutex_init(&m, &rec) == 0);
    STEP(2, sgx_thread_mutex_lock(&m) == 0 && sgx_thread_mutex_lock(&m) == 0);
    STEP(3, sgx_thread_mutex_unlock(&m) == 0 && sgx_thread_mutex_unlock(&m) == 0);
    STEP(4, sgx_thread_mutex_destroy(&m) == 0);
    return 0;
}

/* ---- one thread holds held_mutex (inside ocall_hold_point) while another probes it ---- */
static sgx_thread_mutex_t held_mutex = SGX_THREAD_MUTEX_INITIALIZER;

int ecall_mutex_hold(void)
{
    if (sgx_thread_mutex_lock(&held_mutex))
        return 1;
    sgx_status_t st = ocall_hold_point();
    int r = sgx_thread_mutex_unlock(&held_mutex);
    return st != SGX_SUCCESS ? 2 : r ? 3 : 0;
}

int ecall_mutex_probe(void)
{
    STEP(1, sgx_thread_mutex_trylock(&held_mutex) == EBUSY);
    STEP(2, sgx_thread_mutex_unlock(&held_mutex) == EPERM);
    STEP(3, sgx_thread_mutex_destroy(&held_mutex) == EBUSY);
    STEP(4, held_mutex.m_owner != SGX_THREAD_T_NULL && held_mutex.m_owner != sgx_thread_self());
    return 0;
}

int ecall_mutex_self_errors(void)
{
    sgx_thread_mutex_t m;
    STEP(1, sgx_thread_mutex_init(&m, NULL) == 0);
    STEP(2, sgx_thread_mutex_unlock(&m) == EPERM);           /* not locked */
    STEP(3, sgx_thread_mutex_lock(&m) == 0);
    STEP(4, sgx_thread_mutex_trylock(&m) == EBUSY);          /* non-recursive, own lock */
    STEP(5, sgx_thread_mutex_lock(&m) == EDEADLK);
    STEP(6, sgx_thread_mutex_destroy(&m) == EBUSY);
    STEP(7, sgx_thread_mutex_unlock(&m) == 0);
    STEP(8, sgx_thread_mutex_trylock(&m) == 0 && sgx_thread_mutex_unlock(&m) == 0);
    STEP(9, sgx_thread_mutex_destroy(&m) == 0);
    STEP(10, sgx_thread_mutex_lock(&m) == EINVAL);           /* destroyed */
    STEP(11, sgx_thread_mutex_lock(NULL) == EINVAL && sgx_thread_mutex_init(NULL, NULL) == EINVAL);
    /* An object outside the enclave is refused. */
    sgx_thread_mutex_t *outside = (sgx_thread_mutex_t *)(uintptr_t)0x1000;
    STEP(12, sgx_thread_mutex_lock(outside) == EINVAL && sgx_thread_mutex_unlock(outside) == EINVAL);
    sgx_spinlock_t s = SGX_SPINLOCK_INITIALIZER;
    STEP(13, sgx_spin_lock(&s) == 0 && s != 0 && sgx_spin_unlock(&s) == 0 && s == 0);
    return 0;
}

/* sgx_cpuidex's status (the registers go back to the host through the [out] copy). */
int ecall_cpuid(int leaf, int subleaf, int info[4])
{
    return (int)(subleaf ? sgx_cpuidex(info, leaf, subleaf) : sgx_cpuid(info, leaf));
}

/* sgx_cpuid into a buffer the caller chose (outside the enclave, or NULL): refused. */
int ecall_cpuid_into(int *info)
{
    return (int)sgx_cpuid(info, 0);
}
