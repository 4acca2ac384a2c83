/* mutex.c — sgx_thread_mutex_* (sgx_thread.h). Waiters queue in FIFO order and only the head of
 * the queue may take a free mutex, so a thread that has waited is not overtaken by newcomers;
 * unlock leaves the head on the queue and wakes it. (In an enclave without the event OCALLs
 * waiters spin unqueued: whoever finds it free takes it.) A recursive mutex counts its owner's
 * locks. */
#include "sync_internal.h"

#include <errno.h>

#define VALID(m) vsgx_sync_valid((m), sizeof(sgx_thread_mutex_t))

int sgx_thread_mutex_init(sgx_thread_mutex_t *mutex, const sgx_thread_mutexattr_t *attr)
{
    if (!VALID(mutex))
        return EINVAL;
    *mutex = (sgx_thread_mutex_t)SGX_THREAD_MUTEX_INITIALIZER;
    if (attr && attr->m_dummy == SGX_THREAD_MUTEX_RECURSIVE)
        mutex->m_control = SGX_THREAD_MUTEX_RECURSIVE;
    return 0;
}

int sgx_thread_mutex_destroy(sgx_thread_mutex_t *mutex)
{
    if (!VALID(mutex))
        return EINVAL;
    sgx_spin_lock(&mutex->m_lock);
    if (mutex->m_owner || !vsgx_sync_queue_empty(&mutex->m_queue)) {
        sgx_spin_unlock(&mutex->m_lock);
        return EBUSY;
    }
    mutex->m_control = 0;
    mutex->m_refcount = 0;
    sgx_spin_unlock(&mutex->m_lock);
    return 0;
}

static bool known_kind(const sgx_thread_mutex_t *m)
{
    return m->m_control == SGX_THREAD_MUTEX_NONRECURSIVE || m->m_control == SGX_THREAD_MUTEX_RECURSIVE;
}

/* Under the spinlock: takes the mutex for self if it may (0), else the error or -1 to wait. */
static int try_take(sgx_thread_mutex_t *m, sgx_thread_t self, size_t count)
{
    if (!known_kind(m))
        return EINVAL;
    if (m->m_owner == self) {
        if (m->m_control != SGX_THREAD_MUTEX_RECURSIVE)
            return EDEADLK;
        if (m->m_refcount == SIZE_MAX)
            return EAGAIN;
        m->m_refcount++;
        return 0;
    }
    if (m->m_owner || (m->m_queue.m_first && m->m_queue.m_first != self))
        return -1;
    if (m->m_queue.m_first == self)
        vsgx_sync_queue_pop(&m->m_queue);
    m->m_owner = self;
    m->m_refcount = count;
    return 0;
}

static int lock_counted(sgx_thread_mutex_t *m, size_t count)
{
    sgx_thread_t self = sgx_thread_self();
    for (;;) {
        sgx_spin_lock(&m->m_lock);
        int r = try_take(m, self, count);
        if (r >= 0) {
            sgx_spin_unlock(&m->m_lock);
            return r;
        }
        if (vsgx_sync_can_sleep() && !vsgx_sync_queue_contains(&m->m_queue, self))
            vsgx_sync_queue_push(&m->m_queue, self);
        sgx_spin_unlock(&m->m_lock);
        vsgx_sync_sleep();
    }
}

int sgx_thread_mutex_lock(sgx_thread_mutex_t *mutex)
{
    if (!VALID(mutex))
        return EINVAL;
    return lock_counted(mutex, 1);
}

int sgx_thread_mutex_trylock(sgx_thread_mutex_t *mutex)
{
    if (!VALID(mutex))
        return EINVAL;
    sgx_thread_t self = sgx_thread_self();
    sgx_spin_lock(&mutex->m_lock);
    int r = try_take(mutex, self, 1);
    sgx_spin_unlock(&mutex->m_lock);
    return r < 0 || r == EDEADLK ? EBUSY : r;
}

int sgx_thread_mutex_unlock(sgx_thread_mutex_t *mutex)
{
    if (!VALID(mutex))
        return EINVAL;
    sgx_thread_t self = sgx_thread_self(), next = SGX_THREAD_T_NULL;
    sgx_spin_lock(&mutex->m_lock);
    if (!known_kind(mutex) || mutex->m_owner != self) {
        int r = known_kind(mutex) ? EPERM : EINVAL;
        sgx_spin_unlock(&mutex->m_lock);
        return r;
    }
    if (--mutex->m_refcount == 0) {
        mutex->m_owner = SGX_THREAD_T_NULL;
        next = mutex->m_queue.m_first;
    }
    sgx_spin_unlock(&mutex->m_lock);
    if (next)
        vsgx_sync_wake(next);
    return 0;
}

size_t vsgx_sync_mutex_release(sgx_thread_mutex_t *m, sgx_thread_t *next)
{
    sgx_thread_t self = sgx_thread_self();
    size_t count = 0;
    *next = SGX_THREAD_T_NULL;
    sgx_spin_lock(&m->m_lock);
    if (known_kind(m) && m->m_owner == self) {
        count = m->m_refcount;
        m->m_refcount = 0;
        m->m_owner = SGX_THREAD_T_NULL;
        *next = m->m_queue.m_first;
    }
    sgx_spin_unlock(&m->m_lock);
    return count;
}

void vsgx_sync_mutex_reacquire(sgx_thread_mutex_t *m, size_t count)
{
    lock_counted(m, count);
}
