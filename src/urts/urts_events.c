/* urts_events.c — the untrusted event OCALLs of sgx_tstdc.edl, with Intel's names and
 * signatures, reached through the generated bridges of an application's _u.c. Each enclave
 * thread (named by its TCS address) has an event: a flag that setting raises and waiting
 * consumes, so a wake that comes before the wait is kept; waiting sleeps on a futex while the
 * flag is down. The events live in a hash table under a mutex, created on first use. All
 * return 0, or an sgx_status_t value for a NULL thread or no memory. */
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sgx_error.h"
#include "urts_events.h"

/* The prototypes the generated _u.h declares for these OCALLs. */
int sgx_thread_wait_untrusted_event_ocall(const void *self);
int sgx_thread_set_untrusted_event_ocall(const void *waiter);
int sgx_thread_setwait_untrusted_events_ocall(const void *waiter, const void *self);
int sgx_thread_set_multiple_untrusted_events_ocall(const void **waiters, size_t total);

#define BUCKETS 256
#define EVENTS_MAX 65536 /* a runaway enclave cannot make the host allocate without bound */

typedef struct event {
    uintptr_t tcs;
    atomic_uint raised; /* the futex word: 1 when set and not yet consumed */
    struct event *next;
} event_t;

static event_t *buckets[BUCKETS];
static size_t event_count;
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;

static size_t bucket_of(uintptr_t tcs)
{
    return (size_t)((tcs >> 12) ^ (tcs >> 20)) % BUCKETS; /* TCSs are page aligned */
}

/* The event of tcs, created if new; NULL for a NULL tcs or when no memory. */
static event_t *event_of(const void *tcs)
{
    uintptr_t key = (uintptr_t)tcs;
    if (!key)
        return NULL;
    pthread_mutex_lock(&table_lock);
    event_t **head = &buckets[bucket_of(key)], *e = *head;
    while (e && e->tcs != key)
        e = e->next;
    if (!e && event_count < EVENTS_MAX && (e = calloc(1, sizeof *e))) {
        e->tcs = key;
        e->next = *head;
        *head = e;
        event_count++;
    }
    pthread_mutex_unlock(&table_lock);
    return e;
}

static int event_wait(event_t *e)
{
    while (!atomic_exchange(&e->raised, 0u))
        syscall(SYS_futex, &e->raised, FUTEX_WAIT_PRIVATE, 0u, NULL, NULL, 0);
    return 0;
}

static void event_set(event_t *e)
{
    if (!atomic_exchange(&e->raised, 1u))
        syscall(SYS_futex, &e->raised, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
}

static int failure(const void *tcs)
{
    return tcs ? SGX_ERROR_OUT_OF_MEMORY : SGX_ERROR_INVALID_PARAMETER;
}

int sgx_thread_wait_untrusted_event_ocall(const void *self)
{
    event_t *e = event_of(self);
    return e ? event_wait(e) : failure(self);
}

int sgx_thread_set_untrusted_event_ocall(const void *waiter)
{
    event_t *e = event_of(waiter);
    if (!e)
        return failure(waiter);
    event_set(e);
    return 0;
}

int sgx_thread_setwait_untrusted_events_ocall(const void *waiter, const void *self)
{
    int r = sgx_thread_set_untrusted_event_ocall(waiter);
    return r ? r : sgx_thread_wait_untrusted_event_ocall(self);
}

int sgx_thread_set_multiple_untrusted_events_ocall(const void **waiters, size_t total)
{
    if (!waiters && total)
        return SGX_ERROR_INVALID_PARAMETER;
    int r = 0;
    for (size_t i = 0; i < total; i++) {
        int ri = sgx_thread_set_untrusted_event_ocall(waiters[i]);
        if (ri && !r)
            r = ri;
    }
    return r;
}

void vsgx_urts_events_forget(uint64_t base, uint64_t size)
{
    pthread_mutex_lock(&table_lock);
    for (size_t b = 0; b < BUCKETS; b++)
        for (event_t **p = &buckets[b]; *p;) {
            event_t *e = *p;
            if (e->tcs >= base && e->tcs - base < size) {
                *p = e->next;
                free(e);
                event_count--;
            } else {
                p = &e->next;
            }
        }
    pthread_mutex_unlock(&table_lock);
}
