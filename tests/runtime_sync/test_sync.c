/* test_sync.c — thread synchronisation inside an enclave (sgx_thread.h, sgx_spinlock.h), driven
 * from many host threads: a counter incremented under a mutex and under a spinlock comes out
 * exact; recursive mutexes count; trylock on a held mutex is EBUSY and unlock by another thread
 * EPERM; a bounded buffer with condition variables delivers every item once (exact sums); a
 * broadcast wakes every waiter; read/write locks let readers share and keep writers alone; the
 * untrusted events keep a wake that comes before the wait. Waiting threads sleep on the host
 * through the event OCALLs of sgx_tstdc.edl (src/urts/urts_events.c); sgx_cpuid and
 * sgx_cpuidex return the host's CPUID through its other OCALL, sgx_oc_cpuidex. An enclave without sgx_tstdc.edl
 * links and its mutex (waiters spin) still counts exactly. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <cpuid.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>

#include "sgx_urts.h"
#include "nosleep_u.h"
#include "sync_u.h"

#if !defined(SYNC_ENCLAVE) || !defined(NOSLEEP_ENCLAVE)
#error "SYNC_ENCLAVE, NOSLEEP_ENCLAVE: the signed test enclaves' paths"
#endif

#define THREADS 8
#define PER_THREAD 20000

static sgx_enclave_id_t eid;

/* ocall_hold_point: the enclave thread holding a lock reports it and waits for the release. */
static sem_t held, release;

void ocall_hold_point(void)
{
    sem_post(&held);
    sem_wait(&release);
}

static int setup(void **state)
{
    (void)state;
    sem_init(&held, 0, 0);
    sem_init(&release, 0, 0);
    return sgx_create_enclave(SYNC_ENCLAVE, SGX_DEBUG_FLAG, NULL, NULL, &eid, NULL) == SGX_SUCCESS ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    return sgx_destroy_enclave(eid) == SGX_SUCCESS ? 0 : -1;
}

static int reset(void **state)
{
    (void)state;
    return ecall_reset(eid) == SGX_SUCCESS ? 0 : -1;
}

/* ---- running a job on several threads ---- */
typedef struct {
    int kind, arg, arg2;
    int64_t result;
    sgx_status_t status;
} job_t;

enum { MUTEX_INC, SPIN_INC, PRODUCE, CONSUME, GATE_WAIT, RW_STRESS, MUTEX_HOLD, RW_HOLD, MUTEX_INC_EACH };

static void *run_job(void *arg)
{
    job_t *j = arg;
    int r = 0;
    switch (j->kind) {
    case MUTEX_INC:
        j->status = ecall_mutex_inc(eid, &r, j->arg);
        break;
    case MUTEX_INC_EACH: /* one ECALL per increment */
        for (int i = 0; i < j->arg && r == 0 && j->status == SGX_SUCCESS; i++)
            j->status = ecall_mutex_inc(eid, &r, 1);
        break;
    case SPIN_INC:
        j->status = ecall_spin_inc(eid, &r, j->arg);
        break;
    case PRODUCE:
        j->status = ecall_produce(eid, &r, j->arg, j->arg2);
        break;
    case CONSUME:
        j->status = ecall_consume(eid, &j->result, j->arg);
        return NULL;
    case GATE_WAIT:
        j->status = ecall_gate_wait(eid, &r);
        break;
    case RW_STRESS:
        j->status = ecall_rw_stress(eid, &r, j->arg, j->arg2);
        break;
    case MUTEX_HOLD:
        j->status = ecall_mutex_hold(eid, &r);
        break;
    case RW_HOLD:
        j->status = ecall_rw_hold(eid, &r, j->arg);
        break;
    }
    j->result = r;
    return NULL;
}

static void start(pthread_t *t, job_t *j)
{
    assert_int_equal(pthread_create(t, NULL, run_job, j), 0);
}

static void finish(pthread_t t, const job_t *j)
{
    assert_int_equal(pthread_join(t, NULL), 0);
    assert_int_equal(j->status, SGX_SUCCESS);
}

static void run_all(job_t *jobs, int n)
{
    pthread_t t[16];
    assert_true(n <= 16);
    for (int i = 0; i < n; i++)
        start(&t[i], &jobs[i]);
    for (int i = 0; i < n; i++)
        finish(t[i], &jobs[i]);
}

static uint64_t counter(void)
{
    uint64_t c = 0;
    assert_int_equal(ecall_counter(eid, &c), SGX_SUCCESS);
    return c;
}

/* ---- tests ---- */
/* sgx_thread_self: non-zero, and stable for a TCS (a lone host thread gets the first free TCS
 * each time). That two threads inside at once differ is checked by ecall_mutex_probe. */
static void test_thread_self(void **state)
{
    (void)state;
    uint64_t a = 0, b = 0;
    assert_int_equal(ecall_self(eid, &a), SGX_SUCCESS);
    assert_int_equal(ecall_self(eid, &b), SGX_SUCCESS);
    assert_int_not_equal(a, 0);
    assert_int_equal(a, b);
}

static void test_mutex_counter(void **state)
{
    (void)state;
    job_t jobs[THREADS];
    for (int i = 0; i < THREADS; i++)
        jobs[i] = (job_t){ .kind = MUTEX_INC, .arg = PER_THREAD };
    run_all(jobs, THREADS);
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(jobs[i].result, 0);
    assert_int_equal(counter(), (uint64_t)THREADS * PER_THREAD);
}

static void test_mutex_counter_per_ecall(void **state)
{
    (void)state;
    job_t jobs[THREADS];
    for (int i = 0; i < THREADS; i++)
        jobs[i] = (job_t){ .kind = MUTEX_INC_EACH, .arg = PER_THREAD / 10 };
    run_all(jobs, THREADS);
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(jobs[i].result, 0);
    assert_int_equal(counter(), (uint64_t)THREADS * (PER_THREAD / 10));
}

static void test_spin_counter(void **state)
{
    (void)state;
    job_t jobs[THREADS];
    for (int i = 0; i < THREADS; i++)
        jobs[i] = (job_t){ .kind = SPIN_INC, .arg = PER_THREAD };
    run_all(jobs, THREADS);
    assert_int_equal(counter(), (uint64_t)THREADS * PER_THREAD);
}

static void test_recursive(void **state)
{
    (void)state;
    int r = -1;
    assert_int_equal(ecall_recursive(eid, &r), SGX_SUCCESS);
    assert_int_equal(r, 0);
    assert_int_equal(ecall_recursive(eid, &r), SGX_SUCCESS); /* again: it was left free */
    assert_int_equal(r, 0);
    assert_int_equal(ecall_recursive_init(eid, &r), SGX_SUCCESS);
    assert_int_equal(r, 0);
}

static void test_mutex_errors(void **state)
{
    (void)state;
    int r = -1;
    assert_int_equal(ecall_mutex_self_errors(eid, &r), SGX_SUCCESS);
    assert_int_equal(r, 0);
    assert_int_equal(ecall_cond_errors(eid, &r), SGX_SUCCESS);
    assert_int_equal(r, 0);
}

/* Another thread holds the mutex: trylock is EBUSY, unlock EPERM, destroy EBUSY. */
static void test_mutex_held_elsewhere(void **state)
{
    (void)state;
    pthread_t t;
    job_t hold = { .kind = MUTEX_HOLD };
    start(&t, &hold);
    sem_wait(&held);
    int r = -1;
    assert_int_equal(ecall_mutex_probe(eid, &r), SGX_SUCCESS);
    sem_post(&release);
    finish(t, &hold);
    assert_int_equal(hold.result, 0);
    assert_int_equal(r, 0);
}

#define PRODUCERS 3
#define CONSUMERS 4
#define ITEMS 6000 /* per producer; a multiple of CONSUMERS */

static void test_producer_consumer(void **state)
{
    (void)state;
    job_t jobs[PRODUCERS + CONSUMERS];
    int64_t expect = 0;
    for (int p = 0; p < PRODUCERS; p++) {
        int first = 1 + p * ITEMS;
        jobs[p] = (job_t){ .kind = PRODUCE, .arg = first, .arg2 = ITEMS };
        for (int v = first; v < first + ITEMS; v++)
            expect += v;
    }
    for (int c = 0; c < CONSUMERS; c++)
        jobs[PRODUCERS + c] = (job_t){ .kind = CONSUME, .arg = PRODUCERS * ITEMS / CONSUMERS };
    run_all(jobs, PRODUCERS + CONSUMERS);
    int64_t got = 0;
    for (int p = 0; p < PRODUCERS; p++)
        assert_int_equal(jobs[p].result, 0);
    for (int c = 0; c < CONSUMERS; c++) {
        assert_true(jobs[PRODUCERS + c].result > 0);
        got += jobs[PRODUCERS + c].result;
    }
    assert_int_equal(got, expect);
}

/* Intel's SampleEnclave shape: one producer, four consumers. */
static void test_one_producer_four_consumers(void **state)
{
    (void)state;
    job_t jobs[5] = { { .kind = PRODUCE, .arg = 1, .arg2 = 4000 } };
    for (int c = 1; c < 5; c++)
        jobs[c] = (job_t){ .kind = CONSUME, .arg = 1000 };
    run_all(jobs, 5);
    int64_t got = 0;
    for (int c = 1; c < 5; c++)
        got += jobs[c].result;
    assert_int_equal(got, (int64_t)4000 * 4001 / 2);
}

#define GATE_WAITERS 11 /* more than one wake batch (8) */

static void test_broadcast_wakes_all(void **state)
{
    (void)state;
    for (int round = 0; round < 3; round++) {
        assert_int_equal(ecall_reset(eid), SGX_SUCCESS);
        job_t jobs[GATE_WAITERS];
        pthread_t t[GATE_WAITERS];
        for (int i = 0; i < GATE_WAITERS; i++) {
            jobs[i] = (job_t){ .kind = GATE_WAIT };
            start(&t[i], &jobs[i]);
        }
        int r = -1;
        assert_int_equal(ecall_gate_open(eid, &r, GATE_WAITERS), SGX_SUCCESS);
        assert_int_equal(r, 0);
        for (int i = 0; i < GATE_WAITERS; i++) {
            finish(t[i], &jobs[i]);
            assert_int_equal(jobs[i].result, 0);
        }
    }
}

static void test_rwlock_shared_and_exclusive(void **state)
{
    (void)state;
    for (int writer = 0; writer <= 1; writer++) {
        pthread_t t;
        job_t hold = { .kind = RW_HOLD, .arg = writer };
        start(&t, &hold);
        sem_wait(&held);
        int r = -1;
        assert_int_equal(ecall_rw_probe(eid, &r, writer), SGX_SUCCESS);
        sem_post(&release);
        finish(t, &hold);
        assert_int_equal(r, 0);
        assert_int_equal(hold.result, 0);
    }
}

#define RW_READERS 6
#define RW_WRITERS 2
#define RW_TIMES 5000

static void test_rwlock_stress(void **state)
{
    (void)state;
    job_t jobs[RW_READERS + RW_WRITERS];
    for (int i = 0; i < RW_READERS + RW_WRITERS; i++)
        jobs[i] = (job_t){ .kind = RW_STRESS, .arg = i >= RW_READERS, .arg2 = RW_TIMES };
    run_all(jobs, RW_READERS + RW_WRITERS);
    for (int i = 0; i < RW_READERS + RW_WRITERS; i++)
        assert_int_equal(jobs[i].result, 0);
    int violations = -1, max_readers = 0, writes = 0;
    assert_int_equal(ecall_rw_stats(eid, &violations, 0), SGX_SUCCESS);
    assert_int_equal(ecall_rw_stats(eid, &max_readers, 1), SGX_SUCCESS);
    assert_int_equal(ecall_rw_stats(eid, &writes, 2), SGX_SUCCESS);
    assert_int_equal(violations, 0);
    assert_int_equal(writes, RW_WRITERS * RW_TIMES);
    assert_true(max_readers >= 1 && max_readers <= RW_READERS);
}

/* The host events themselves: a set before the wait is kept (the wait returns at once and
 * consumes it); two sets before one wait are one wake; set_multiple sets each. */
int sgx_thread_wait_untrusted_event_ocall(const void *self);
int sgx_thread_set_untrusted_event_ocall(const void *waiter);
int sgx_thread_setwait_untrusted_events_ocall(const void *waiter, const void *self);
int sgx_thread_set_multiple_untrusted_events_ocall(const void **waiters, size_t total);

static const void *const EV_A = (const void *)(uintptr_t)0x7f0000001000, *const EV_B = (const void *)(uintptr_t)0x7f0000002000;

static void *waker(void *arg)
{
    (void)arg;
    sem_wait(&release);
    sgx_thread_set_untrusted_event_ocall(EV_B);
    return NULL;
}

static void test_host_events(void **state)
{
    (void)state;
    assert_int_equal(sgx_thread_set_untrusted_event_ocall(EV_A), 0);
    assert_int_equal(sgx_thread_set_untrusted_event_ocall(EV_A), 0);
    assert_int_equal(sgx_thread_wait_untrusted_event_ocall(EV_A), 0); /* returns at once */
    const void *both[2] = { EV_A, EV_B };
    assert_int_equal(sgx_thread_set_multiple_untrusted_events_ocall(both, 2), 0);
    assert_int_equal(sgx_thread_wait_untrusted_event_ocall(EV_A), 0);
    assert_int_equal(sgx_thread_wait_untrusted_event_ocall(EV_B), 0);
    /* A blocking wait, woken by another thread. */
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, waker, NULL), 0);
    sem_post(&release);
    assert_int_equal(sgx_thread_setwait_untrusted_events_ocall(EV_A, EV_B), 0);
    pthread_join(t, NULL);
    assert_int_equal(sgx_thread_wait_untrusted_event_ocall(EV_A), 0); /* set by setwait */
    assert_int_not_equal(sgx_thread_wait_untrusted_event_ocall(NULL), 0);
    assert_int_not_equal(sgx_thread_set_untrusted_event_ocall(NULL), 0);
    assert_int_not_equal(sgx_thread_set_multiple_untrusted_events_ocall(NULL, 1), 0);
}

static void expect_cpuid(int leaf, int subleaf)
{
    int info[4] = { 0 }, r = -1;
    unsigned int a, b, c, d;
    __cpuid_count((unsigned int)leaf, (unsigned int)subleaf, a, b, c, d);
    assert_int_equal(ecall_cpuid(eid, &r, leaf, subleaf, info), SGX_SUCCESS);
    assert_int_equal(r, SGX_SUCCESS);
    assert_int_equal((unsigned int)info[0], a);
    assert_int_equal((unsigned int)info[1], b);
    assert_int_equal((unsigned int)info[2], c);
    assert_int_equal((unsigned int)info[3], d);
}

/* sgx_cpuid/sgx_cpuidex give the host's CPUID (leaf 0: the vendor string in EBX, EDX, ECX;
 * leaf 7.0 and 4.1 take the subleaf); a result buffer outside the enclave or NULL is refused. */
static void test_cpuid(void **state)
{
    (void)state;
    expect_cpuid(0, 0);
    expect_cpuid(1, 0);
    expect_cpuid(7, 0);
    expect_cpuid(4, 1);
    int outside[4] = { 7, 7, 7, 7 }, r = -1;
    assert_int_equal(ecall_cpuid_into(eid, &r, outside), SGX_SUCCESS);
    assert_int_equal(r, SGX_ERROR_INVALID_PARAMETER);
    assert_int_equal(outside[0] & outside[1] & outside[2] & outside[3], 7);
    assert_int_equal(ecall_cpuid_into(eid, &r, NULL), SGX_SUCCESS);
    assert_int_equal(r, SGX_ERROR_INVALID_PARAMETER);
}

static sgx_enclave_id_t nosleep_eid;

static void *nosleep_job(void *arg)
{
    int *r = arg;
    if (ecall_nosleep_inc(nosleep_eid, r, PER_THREAD / 4) != SGX_SUCCESS)
        *r = -1;
    return NULL;
}

static void test_without_event_ocalls(void **state)
{
    (void)state;
    assert_int_equal(sgx_create_enclave(NOSLEEP_ENCLAVE, SGX_DEBUG_FLAG, NULL, NULL, &nosleep_eid, NULL), SGX_SUCCESS);
    pthread_t t[4];
    int r[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&t[i], NULL, nosleep_job, &r[i]), 0);
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(r[i], 0);
    }
    uint64_t c = 0;
    assert_int_equal(ecall_nosleep_counter(nosleep_eid, &c), SGX_SUCCESS);
    assert_int_equal(c, 4 * (PER_THREAD / 4));
    assert_int_equal(sgx_destroy_enclave(nosleep_eid), SGX_SUCCESS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_thread_self, reset),
        cmocka_unit_test_setup(test_mutex_counter, reset),
        cmocka_unit_test_setup(test_mutex_counter_per_ecall, reset),
        cmocka_unit_test_setup(test_spin_counter, reset),
        cmocka_unit_test_setup(test_recursive, reset),
        cmocka_unit_test_setup(test_mutex_errors, reset),
        cmocka_unit_test_setup(test_mutex_held_elsewhere, reset),
        cmocka_unit_test_setup(test_producer_consumer, reset),
        cmocka_unit_test_setup(test_one_producer_four_consumers, reset),
        cmocka_unit_test_setup(test_broadcast_wakes_all, reset),
        cmocka_unit_test_setup(test_rwlock_shared_and_exclusive, reset),
        cmocka_unit_test_setup(test_rwlock_stress, reset),
        cmocka_unit_test(test_host_events),
        cmocka_unit_test(test_cpuid),
        cmocka_unit_test(test_without_event_ocalls),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
