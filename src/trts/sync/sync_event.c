/* sync_event.c — the thread's identity (sgx_thread_self, sgx_thread_equal) and sleeping and
 * waking through the untrusted event OCALLs of sgx_tstdc.edl. The host keeps one event per TCS;
 * as with Intel, the OCALLs name a thread by its TCS address. The OCALL proxies come from the
 * enclave's generated _t.c when its EDL imports sgx_tstdc.edl; they are weak references here so
 * that every enclave links without them; an enclave that lacks any of them waits by spinning. */
#include "../trts_internal.h"
#include "sync_internal.h"

#include "sgx_trts.h"

/* The generated proxies' signatures (sgx_edger8r on include/sgx_tstdc.edl). */
sgx_status_t sgx_thread_wait_untrusted_event_ocall(int *retval, const void *self) __attribute__((weak));
sgx_status_t sgx_thread_set_untrusted_event_ocall(int *retval, const void *waiter) __attribute__((weak));
sgx_status_t sgx_thread_setwait_untrusted_events_ocall(int *retval, const void *waiter, const void *self)
    __attribute__((weak));
sgx_status_t sgx_thread_set_multiple_untrusted_events_ocall(int *retval, const void **waiters, size_t total)
    __attribute__((weak));

#define WAKE_BATCH 8
#define SPIN_ROUNDS 64

sgx_thread_t sgx_thread_self(void)
{
    return (sgx_thread_t)vsgx_trts_td();
}

int sgx_thread_equal(sgx_thread_t a, sgx_thread_t b)
{
    return a == b;
}

bool vsgx_sync_valid(const void *p, size_t size)
{
    return p && sgx_is_within_enclave(p, size);
}

/* The TCS of thread t: its thread data sits at a fixed offset from the TCS (the template's). */
static const void *tcs_of(sgx_thread_t t)
{
    return (const void *)(t - g_global_data.td_template.self_addr);
}

bool vsgx_sync_can_sleep(void)
{
    return sgx_thread_wait_untrusted_event_ocall && sgx_thread_set_untrusted_event_ocall &&
           sgx_thread_setwait_untrusted_events_ocall && sgx_thread_set_multiple_untrusted_events_ocall;
}

static void spin_a_while(void)
{
    for (int i = 0; i < SPIN_ROUNDS; i++)
        __builtin_ia32_pause();
}

void vsgx_sync_sleep(void)
{
    int ret = -1;
    if (!vsgx_sync_can_sleep() ||
        sgx_thread_wait_untrusted_event_ocall(&ret, tcs_of(sgx_thread_self())) != SGX_SUCCESS || ret != 0)
        spin_a_while(); /* no OCALL, or the host refused: the caller re-checks and comes back */
}

void vsgx_sync_wake(sgx_thread_t t)
{
    int ret = -1;
    if (vsgx_sync_can_sleep())
        sgx_thread_set_untrusted_event_ocall(&ret, tcs_of(t));
}

void vsgx_sync_wake_and_sleep(sgx_thread_t t)
{
    int ret = -1;
    if (!vsgx_sync_can_sleep()) {
        spin_a_while();
        return;
    }
    if (sgx_thread_setwait_untrusted_events_ocall(&ret, tcs_of(t), tcs_of(sgx_thread_self())) != SGX_SUCCESS ||
        ret != 0)
        spin_a_while();
}

static void wake_batch(const void **tcs, size_t n)
{
    int ret = -1;
    if (!vsgx_sync_can_sleep() || n == 0)
        return;
    if (n == 1)
        sgx_thread_set_untrusted_event_ocall(&ret, tcs[0]);
    else
        sgx_thread_set_multiple_untrusted_events_ocall(&ret, tcs, n);
}

/* Called with lock held; returns with it released. Wakes the threads on q now, in batches. */
void vsgx_sync_wake_all(sgx_spinlock_t *lock, sgx_thread_queue_t *q)
{
    size_t left = 0;
    for (sgx_thread_t t = q->m_first; t; t = (sgx_thread_t)((vsgx_thread_data_t *)t)->m_next)
        left++;
    for (;;) {
        const void *batch[WAKE_BATCH];
        size_t n = 0;
        sgx_thread_t t;
        while (n < WAKE_BATCH && n < left && (t = vsgx_sync_queue_pop(q)))
            batch[n++] = tcs_of(t);
        left = n < WAKE_BATCH ? 0 : left - n; /* short: all taken, or the queue ran dry */
        sgx_spin_unlock(lock);
        wake_batch(batch, n);
        if (!left)
            return;
        sgx_spin_lock(lock);
    }
}
