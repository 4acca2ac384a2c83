/* cond.c — sgx_thread_cond_* (sgx_thread.h). A waiter queues itself on the condition before it
 * releases the mutex, so a signal sent after the release cannot miss it; it then hands the
 * mutex to the mutex's next waiter and sleeps in one OCALL. Signal and broadcast take waiters
 * off the queue and wake them; a waiter returns (re-taking the mutex with the count it had)
 * only once it is off the queue, so stale wakes do not end a wait. */
#include "sync_internal.h"

#include <errno.h>

#define VALID(c) vsgx_sync_valid((c), sizeof(sgx_thread_cond_t))

int sgx_thread_cond_init(sgx_thread_cond_t *cond, const sgx_thread_condattr_t *unused)
{
    (void)unused;
    if (!VALID(cond))
        return EINVAL;
    *cond = (sgx_thread_cond_t)SGX_THREAD_COND_INITIALIZER;
    return 0;
}

int sgx_thread_cond_destroy(sgx_thread_cond_t *cond)
{
    if (!VALID(cond))
        return EINVAL;
    sgx_spin_lock(&cond->m_lock);
    int r = vsgx_sync_queue_empty(&cond->m_queue) ? 0 : EBUSY;
    sgx_spin_unlock(&cond->m_lock);
    return r;
}

int sgx_thread_cond_wait(sgx_thread_cond_t *cond, sgx_thread_mutex_t *mutex)
{
    if (!VALID(cond) || !vsgx_sync_valid(mutex, sizeof *mutex))
        return EINVAL;
    sgx_thread_t self = sgx_thread_self();
    /* Only this thread makes itself the owner or stops being it: no lock needed to ask. */
    if (__atomic_load_n(&mutex->m_owner, __ATOMIC_RELAXED) != self)
        return EPERM;
    sgx_spin_lock(&cond->m_lock);
    vsgx_sync_queue_push(&cond->m_queue, self);
    sgx_spin_unlock(&cond->m_lock);

    sgx_thread_t next;
    size_t count = vsgx_sync_mutex_release(mutex, &next);
    if (count == 0) { /* a destroyed mutex */
        sgx_spin_lock(&cond->m_lock);
        bool queued = vsgx_sync_queue_remove(&cond->m_queue, self);
        sgx_spin_unlock(&cond->m_lock);
        if (!queued) /* a signal took this thread already: pass it on */
            sgx_thread_cond_signal(cond);
        return EINVAL;
    }
    for (bool queued = true; queued;) {
        if (next) {
            vsgx_sync_wake_and_sleep(next);
            next = SGX_THREAD_T_NULL;
        } else {
            vsgx_sync_sleep();
        }
        sgx_spin_lock(&cond->m_lock);
        queued = vsgx_sync_queue_contains(&cond->m_queue, self);
        sgx_spin_unlock(&cond->m_lock);
    }
    vsgx_sync_mutex_reacquire(mutex, count);
    return 0;
}

int sgx_thread_cond_signal(sgx_thread_cond_t *cond)
{
    if (!VALID(cond))
        return EINVAL;
    sgx_spin_lock(&cond->m_lock);
    sgx_thread_t t = vsgx_sync_queue_pop(&cond->m_queue);
    sgx_spin_unlock(&cond->m_lock);
    if (t)
        vsgx_sync_wake(t);
    return 0;
}

int sgx_thread_cond_broadcast(sgx_thread_cond_t *cond)
{
    if (!VALID(cond))
        return EINVAL;
    sgx_spin_lock(&cond->m_lock);
    vsgx_sync_wake_all(&cond->m_lock, &cond->m_queue);
    return 0;
}
