/* rwlock.c — sgx_thread_rwlock_* (sgx_thread.h). Readers share the lock, a writer holds it
 * alone. Writers are preferred: while a writer waits, new readers wait too, so a stream of
 * readers cannot starve writers. The last reader out wakes the first waiting writer; a writer
 * leaving wakes the next writer, or else every waiting reader. Woken threads re-check. (In an
 * enclave without the event OCALLs waiters spin unqueued, and writers are not preferred.) */
#include "sync_internal.h"

#include <errno.h>

#define VALID(l) vsgx_sync_valid((l), sizeof(sgx_thread_rwlock_t))

int sgx_thread_rwlock_init(sgx_thread_rwlock_t *rwlock, const sgx_thread_rwlockattr_t *unused)
{
    (void)unused;
    if (!VALID(rwlock))
        return EINVAL;
    *rwlock = (sgx_thread_rwlock_t)SGX_THREAD_LOCK_INITIALIZER;
    return 0;
}

int sgx_thread_rwlock_destroy(sgx_thread_rwlock_t *rwlock)
{
    if (!VALID(rwlock))
        return EINVAL;
    sgx_spin_lock(&rwlock->m_lock);
    int r = rwlock->m_owner || rwlock->m_reader_count || !vsgx_sync_queue_empty(&rwlock->m_reader_queue) ||
                    !vsgx_sync_queue_empty(&rwlock->m_writer_queue)
                ? EBUSY
                : 0;
    sgx_spin_unlock(&rwlock->m_lock);
    return r;
}

/* Under the spinlock: whether a reader may enter now. */
static bool reader_may_enter(const sgx_thread_rwlock_t *l)
{
    return !l->m_owner && vsgx_sync_queue_empty(&l->m_writer_queue);
}

/* Under the spinlock: whether writer self may enter now (the head of the writers, or none wait). */
static bool writer_may_enter(const sgx_thread_rwlock_t *l, sgx_thread_t self)
{
    return !l->m_owner && !l->m_reader_count &&
           (vsgx_sync_queue_empty(&l->m_writer_queue) || l->m_writer_queue.m_first == self);
}

int sgx_thread_rwlock_rdlock(sgx_thread_rwlock_t *rwlock)
{
    if (!VALID(rwlock))
        return EINVAL;
    sgx_thread_t self = sgx_thread_self();
    for (;;) {
        sgx_spin_lock(&rwlock->m_lock);
        if (rwlock->m_owner == self) {
            sgx_spin_unlock(&rwlock->m_lock);
            return EDEADLK;
        }
        if (rwlock->m_reader_count == UINT32_MAX) {
            vsgx_sync_queue_remove(&rwlock->m_reader_queue, self);
            sgx_spin_unlock(&rwlock->m_lock);
            return EAGAIN;
        }
        if (reader_may_enter(rwlock)) {
            vsgx_sync_queue_remove(&rwlock->m_reader_queue, self);
            rwlock->m_reader_count++;
            sgx_spin_unlock(&rwlock->m_lock);
            return 0;
        }
        if (vsgx_sync_can_sleep() && !vsgx_sync_queue_contains(&rwlock->m_reader_queue, self))
            vsgx_sync_queue_push(&rwlock->m_reader_queue, self);
        sgx_spin_unlock(&rwlock->m_lock);
        vsgx_sync_sleep();
    }
}

int sgx_thread_rwlock_tryrdlock(sgx_thread_rwlock_t *rwlock)
{
    if (!VALID(rwlock))
        return EINVAL;
    sgx_spin_lock(&rwlock->m_lock);
    bool ok = reader_may_enter(rwlock) && rwlock->m_reader_count < UINT32_MAX;
    if (ok)
        rwlock->m_reader_count++;
    sgx_spin_unlock(&rwlock->m_lock);
    return ok ? 0 : EBUSY;
}

int sgx_thread_rwlock_wrlock(sgx_thread_rwlock_t *rwlock)
{
    if (!VALID(rwlock))
        return EINVAL;
    sgx_thread_t self = sgx_thread_self();
    for (;;) {
        sgx_spin_lock(&rwlock->m_lock);
        if (rwlock->m_owner == self) {
            sgx_spin_unlock(&rwlock->m_lock);
            return EDEADLK;
        }
        if (writer_may_enter(rwlock, self)) {
            if (vsgx_sync_queue_remove(&rwlock->m_writer_queue, self))
                rwlock->m_writers_waiting--;
            rwlock->m_owner = self;
            sgx_spin_unlock(&rwlock->m_lock);
            return 0;
        }
        if (vsgx_sync_can_sleep() && !vsgx_sync_queue_contains(&rwlock->m_writer_queue, self)) {
            vsgx_sync_queue_push(&rwlock->m_writer_queue, self);
            rwlock->m_writers_waiting++;
        }
        sgx_spin_unlock(&rwlock->m_lock);
        vsgx_sync_sleep();
    }
}

int sgx_thread_rwlock_trywrlock(sgx_thread_rwlock_t *rwlock)
{
    if (!VALID(rwlock))
        return EINVAL;
    sgx_spin_lock(&rwlock->m_lock);
    bool ok = !rwlock->m_owner && !rwlock->m_reader_count && vsgx_sync_queue_empty(&rwlock->m_writer_queue);
    if (ok)
        rwlock->m_owner = sgx_thread_self();
    sgx_spin_unlock(&rwlock->m_lock);
    return ok ? 0 : EBUSY;
}

int sgx_thread_rwlock_rdunlock(sgx_thread_rwlock_t *rwlock)
{
    if (!VALID(rwlock))
        return EINVAL;
    sgx_spin_lock(&rwlock->m_lock);
    if (rwlock->m_reader_count == 0) {
        sgx_spin_unlock(&rwlock->m_lock);
        return EPERM;
    }
    sgx_thread_t next = SGX_THREAD_T_NULL;
    if (--rwlock->m_reader_count == 0)
        next = rwlock->m_writer_queue.m_first;
    sgx_spin_unlock(&rwlock->m_lock);
    if (next)
        vsgx_sync_wake(next);
    return 0;
}

int sgx_thread_rwlock_wrunlock(sgx_thread_rwlock_t *rwlock)
{
    if (!VALID(rwlock))
        return EINVAL;
    sgx_spin_lock(&rwlock->m_lock);
    if (rwlock->m_owner != sgx_thread_self()) {
        sgx_spin_unlock(&rwlock->m_lock);
        return EPERM;
    }
    rwlock->m_owner = SGX_THREAD_T_NULL;
    sgx_thread_t next = rwlock->m_writer_queue.m_first;
    if (next) {
        sgx_spin_unlock(&rwlock->m_lock);
        vsgx_sync_wake(next);
    } else {
        vsgx_sync_wake_all(&rwlock->m_lock, &rwlock->m_reader_queue);
    }
    return 0;
}

int sgx_thread_rwlock_unlock(sgx_thread_rwlock_t *rwlock)
{
    if (!VALID(rwlock))
        return EINVAL;
    sgx_spin_lock(&rwlock->m_lock);
    bool writer = rwlock->m_owner == sgx_thread_self();
    sgx_spin_unlock(&rwlock->m_lock);
    return writer ? sgx_thread_rwlock_wrunlock(rwlock) : sgx_thread_rwlock_rdunlock(rwlock);
}
