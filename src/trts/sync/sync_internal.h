/* sync_internal.h — what the enclave's synchronisation primitives (sgx_thread.h) share: FIFO
 * queues of waiting threads linked through their thread data's m_next, and sleeping/waking a
 * thread through the untrusted event OCALLs. Trusted runtime code only.
 *
 * The protocol: a thread that must wait puts itself on the object's queue under the object's
 * spinlock, releases the spinlock and sleeps; a thread that changes the object so a waiter may
 * proceed takes that waiter off (or leaves it at the head) under the spinlock, releases it and
 * wakes the waiter. Events are flags on the host, so a wake that comes before the sleep is not
 * lost; a wake may also be stale (left from an earlier object), so every waiter re-checks its
 * condition under the spinlock and sleeps again if it must. */
#ifndef VSGX_TRTS_SYNC_INTERNAL_H
#define VSGX_TRTS_SYNC_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "sgx_spinlock.h"
#include "sgx_thread.h"

/* ---- queues (sync_queue.c); callers hold the object's spinlock ---- */
void vsgx_sync_queue_push(sgx_thread_queue_t *q, sgx_thread_t t);
/* The first thread, taken off; SGX_THREAD_T_NULL if empty. */
sgx_thread_t vsgx_sync_queue_pop(sgx_thread_queue_t *q);
/* Takes t off q if it is there; whether it was. */
bool vsgx_sync_queue_remove(sgx_thread_queue_t *q, sgx_thread_t t);
bool vsgx_sync_queue_contains(const sgx_thread_queue_t *q, sgx_thread_t t);

static inline bool vsgx_sync_queue_empty(const sgx_thread_queue_t *q)
{
    return q->m_first == SGX_THREAD_T_NULL;
}

/* ---- sleeping and waking (sync_event.c) ---- */
/* Whether the enclave has the event OCALLs (imports sgx_tstdc.edl). Without them waiters spin,
 * and locks do not queue them: a FIFO hand-off to a spinning thread that the host has not
 * scheduled would stall every other thread. */
bool vsgx_sync_can_sleep(void);
/* Sleeps until woken (or a stale wake); returns at once in an enclave without the OCALLs. */
void vsgx_sync_sleep(void);
/* Wakes t, then sleeps (one OCALL). */
void vsgx_sync_wake_and_sleep(sgx_thread_t t);
void vsgx_sync_wake(sgx_thread_t t);
/* Called holding lock (which guards q); releases it. Takes the threads on q when called off it
 * and wakes them. */
void vsgx_sync_wake_all(sgx_spinlock_t *lock, sgx_thread_queue_t *q);

/* Whether p is a valid object pointer: non-NULL, wholly inside the enclave. */
bool vsgx_sync_valid(const void *p, size_t size);

/* ---- mutex internals shared with cond (mutex.c) ---- */
/* Releases a mutex the caller owns, whatever its count; the count it had (0: not the owner),
 * and in *next the waiter to wake. */
size_t vsgx_sync_mutex_release(sgx_thread_mutex_t *m, sgx_thread_t *next);
/* Takes the mutex again with the given count (after a condition wait). */
void vsgx_sync_mutex_reacquire(sgx_thread_mutex_t *m, size_t count);

#endif
