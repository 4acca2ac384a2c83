/* sgx_thread.h — Intel's thread synchronisation inside enclaves: mutexes (plain and
 * recursive), condition variables, read/write locks, and the calling thread's identity. Each
 * object is guarded by a spinlock; a thread that must wait queues itself on the object and
 * sleeps outside the enclave through the untrusted event OCALLs of sgx_tstdc.edl, so an enclave
 * using a blocking call imports them: `from "sgx_tstdc.edl" import *;`. The layouts are
 * Intel's (x86-64). Every function returns 0 or an errno value (EINVAL, EBUSY, EPERM,
 * EDEADLK, EAGAIN). Enclave code (libvsgx_trts); see docs/sync.md. */
#ifndef _SGX_THREAD_H_
#define _SGX_THREAD_H_

#include <stddef.h>
#include <stdint.h>
#include "sgx_defs.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A thread: the address of its TCS's thread data, unique per TCS and stable. */
typedef uintptr_t sgx_thread_t;
#define SGX_THREAD_T_NULL ((sgx_thread_t)0)

/* A FIFO of waiting threads, linked through their thread data. */
typedef struct _sgx_thread_queue_t {
    sgx_thread_t m_first;
    sgx_thread_t m_last;
} sgx_thread_queue_t;

#define SGX_THREAD_QUEUE_INITIALIZER { SGX_THREAD_T_NULL, SGX_THREAD_T_NULL }

/* ---- mutex ---- */
#define SGX_THREAD_MUTEX_NONRECURSIVE 0x01
#define SGX_THREAD_MUTEX_RECURSIVE 0x02

typedef struct _sgx_thread_mutex_t {
    size_t m_refcount;           /* times the owner holds it (1 unless recursive) */
    uint32_t m_control;          /* SGX_THREAD_MUTEX_NONRECURSIVE or _RECURSIVE */
    volatile uint32_t m_lock;    /* spinlock guarding this structure */
    sgx_thread_t m_owner;
    sgx_thread_queue_t m_queue;  /* threads waiting to own it */
} sgx_thread_mutex_t;

/* Intel's attribute carries nothing; vsgx reads m_dummy as the mutex kind when it is
 * SGX_THREAD_MUTEX_RECURSIVE (any other value: non-recursive, as with Intel). */
typedef struct _sgx_thread_mutex_attr_t {
    unsigned char m_dummy;
} sgx_thread_mutexattr_t;

#define SGX_THREAD_NONRECURSIVE_MUTEX_INITIALIZER \
    { 0, SGX_THREAD_MUTEX_NONRECURSIVE, 0, SGX_THREAD_T_NULL, SGX_THREAD_QUEUE_INITIALIZER }
#define SGX_THREAD_RECURSIVE_MUTEX_INITIALIZER \
    { 0, SGX_THREAD_MUTEX_RECURSIVE, 0, SGX_THREAD_T_NULL, SGX_THREAD_QUEUE_INITIALIZER }
#define SGX_THREAD_MUTEX_INITIALIZER SGX_THREAD_NONRECURSIVE_MUTEX_INITIALIZER

int SGXAPI sgx_thread_mutex_init(sgx_thread_mutex_t *mutex, const sgx_thread_mutexattr_t *attr);
int SGXAPI sgx_thread_mutex_destroy(sgx_thread_mutex_t *mutex);
int SGXAPI sgx_thread_mutex_lock(sgx_thread_mutex_t *mutex);
int SGXAPI sgx_thread_mutex_trylock(sgx_thread_mutex_t *mutex);
int SGXAPI sgx_thread_mutex_unlock(sgx_thread_mutex_t *mutex);

/* ---- condition variable ---- */
typedef struct _sgx_thread_cond_t {
    volatile uint32_t m_lock;
    sgx_thread_queue_t m_queue;  /* threads in sgx_thread_cond_wait */
} sgx_thread_cond_t;

typedef struct _sgx_thread_cond_attr_t {
    unsigned char m_dummy;
} sgx_thread_condattr_t;

#define SGX_THREAD_COND_INITIALIZER { 0, SGX_THREAD_QUEUE_INITIALIZER }

int SGXAPI sgx_thread_cond_init(sgx_thread_cond_t *cond, const sgx_thread_condattr_t *unused);
int SGXAPI sgx_thread_cond_destroy(sgx_thread_cond_t *cond);
int SGXAPI sgx_thread_cond_wait(sgx_thread_cond_t *cond, sgx_thread_mutex_t *mutex);
int SGXAPI sgx_thread_cond_signal(sgx_thread_cond_t *cond);
int SGXAPI sgx_thread_cond_broadcast(sgx_thread_cond_t *cond);

/* ---- read/write lock (writers preferred: a waiting writer holds back new readers) ---- */
typedef struct _sgx_thread_rwlock_t {
    uint32_t m_reader_count;           /* readers holding it */
    volatile uint32_t m_writers_waiting;
    volatile uint32_t m_lock;          /* spinlock guarding this structure */
    sgx_thread_t m_owner;              /* the writer holding it */
    sgx_thread_queue_t m_reader_queue;
    sgx_thread_queue_t m_writer_queue;
} sgx_thread_rwlock_t;

typedef struct _sgx_thread_rwlock_attr_t {
    unsigned char m_dummy;
} sgx_thread_rwlockattr_t;

#define SGX_THREAD_LOCK_INITIALIZER \
    { 0, 0, 0, SGX_THREAD_T_NULL, SGX_THREAD_QUEUE_INITIALIZER, SGX_THREAD_QUEUE_INITIALIZER }

int SGXAPI sgx_thread_rwlock_init(sgx_thread_rwlock_t *rwlock, const sgx_thread_rwlockattr_t *unused);
int SGXAPI sgx_thread_rwlock_destroy(sgx_thread_rwlock_t *rwlock);
int SGXAPI sgx_thread_rwlock_rdlock(sgx_thread_rwlock_t *rwlock);
int SGXAPI sgx_thread_rwlock_tryrdlock(sgx_thread_rwlock_t *rwlock);
int SGXAPI sgx_thread_rwlock_wrlock(sgx_thread_rwlock_t *rwlock);
int SGXAPI sgx_thread_rwlock_trywrlock(sgx_thread_rwlock_t *rwlock);
int SGXAPI sgx_thread_rwlock_rdunlock(sgx_thread_rwlock_t *rwlock);
int SGXAPI sgx_thread_rwlock_wrunlock(sgx_thread_rwlock_t *rwlock);
int SGXAPI sgx_thread_rwlock_unlock(sgx_thread_rwlock_t *rwlock);

/* ---- threads ---- */
sgx_thread_t SGXAPI sgx_thread_self(void);
/* Non-zero when a and b are the same thread. */
int SGXAPI sgx_thread_equal(sgx_thread_t a, sgx_thread_t b);

#if defined(__x86_64__) && !defined(__cplusplus)
_Static_assert(sizeof(sgx_thread_mutex_t) == 40, "Intel's sgx_thread_mutex_t");
_Static_assert(sizeof(sgx_thread_cond_t) == 24, "Intel's sgx_thread_cond_t");
_Static_assert(sizeof(sgx_thread_rwlock_t) == 56, "Intel's sgx_thread_rwlock_t");
#endif

#ifdef __cplusplus
}
#endif

#endif
