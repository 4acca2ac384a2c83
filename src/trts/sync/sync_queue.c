/* sync_queue.c — FIFO queues of waiting threads (sgx_thread_queue_t). A thread is its thread
 * data's address and the link is that thread data's m_next: a thread waits on one object at a
 * time, so it needs one link and no allocation. The caller holds the spinlock of the object
 * that owns the queue. */
#include "sync_internal.h"

#include "vsgx/global_data.h"

static inline vsgx_thread_data_t *td_of(sgx_thread_t t)
{
    return (vsgx_thread_data_t *)t;
}

void vsgx_sync_queue_push(sgx_thread_queue_t *q, sgx_thread_t t)
{
    td_of(t)->m_next = 0;
    if (q->m_last)
        td_of(q->m_last)->m_next = t;
    else
        q->m_first = t;
    q->m_last = t;
}

sgx_thread_t vsgx_sync_queue_pop(sgx_thread_queue_t *q)
{
    sgx_thread_t t = q->m_first;
    if (t) {
        q->m_first = (sgx_thread_t)td_of(t)->m_next;
        if (!q->m_first)
            q->m_last = SGX_THREAD_T_NULL;
        td_of(t)->m_next = 0;
    }
    return t;
}

bool vsgx_sync_queue_remove(sgx_thread_queue_t *q, sgx_thread_t t)
{
    sgx_thread_t prev = SGX_THREAD_T_NULL;
    for (sgx_thread_t cur = q->m_first; cur; prev = cur, cur = (sgx_thread_t)td_of(cur)->m_next) {
        if (cur != t)
            continue;
        sgx_thread_t next = (sgx_thread_t)td_of(cur)->m_next;
        if (prev)
            td_of(prev)->m_next = next;
        else
            q->m_first = next;
        if (q->m_last == t)
            q->m_last = prev;
        td_of(t)->m_next = 0;
        return true;
    }
    return false;
}

bool vsgx_sync_queue_contains(const sgx_thread_queue_t *q, sgx_thread_t t)
{
    for (sgx_thread_t cur = q->m_first; cur; cur = (sgx_thread_t)td_of(cur)->m_next)
        if (cur == t)
            return true;
    return false;
}
