/* Thread.c — thread synchronisation inside the enclave. ecall_increase_counter adds to one
 * counter from many threads under a mutex; ecall_producer and ecall_consumer share a bounded
 * FIFO queue guarded by a mutex, with one condition variable for "not full" and one for
 * "not empty". A thread that has to wait sleeps outside the enclave (sgx_tstdc.edl). */
#include <stdint.h>

#include "../Enclave.h"
#include "Enclave_t.h"
#include "sgx_thread.h"

static sgx_thread_mutex_t counter_mutex = SGX_THREAD_MUTEX_INITIALIZER;
static volatile size_t counter;

/* Returns the counter's value after this thread's last increment: the thread that makes the
 * final increment of all returns exactly COUNTER_THREADS * LOOPS_PER_THREAD. */
size_t ecall_increase_counter(void)
{
    size_t last = 0;
    for (int i = 0; i < LOOPS_PER_THREAD; i++) {
        ENCLAVE_CHECK(sgx_thread_mutex_lock(&counter_mutex) == 0, "ecall_increase_counter: lock failed");
        size_t seen = counter; /* a separate read and write: without the lock, updates get lost */
        counter = seen + 1;
        last = counter;
        ENCLAVE_CHECK(sgx_thread_mutex_unlock(&counter_mutex) == 0, "ecall_increase_counter: unlock failed");
    }
    return last;
}

static sgx_thread_mutex_t queue_mutex = SGX_THREAD_MUTEX_INITIALIZER;
static sgx_thread_cond_t queue_not_full = SGX_THREAD_COND_INITIALIZER;
static sgx_thread_cond_t queue_not_empty = SGX_THREAD_COND_INITIALIZER;
static int queue[QUEUE_CAPACITY];
static size_t queue_head, queue_count;

/* Puts 1, 2, ..., items into the queue, waiting while it is full. */
int ecall_producer(int items)
{
    for (int v = 1; v <= items; v++) {
        ENCLAVE_CHECK(sgx_thread_mutex_lock(&queue_mutex) == 0, "ecall_producer: lock failed");
        while (queue_count == QUEUE_CAPACITY)
            ENCLAVE_CHECK(sgx_thread_cond_wait(&queue_not_full, &queue_mutex) == 0, "ecall_producer: wait failed");
        queue[(queue_head + queue_count) % QUEUE_CAPACITY] = v;
        queue_count++;
        ENCLAVE_CHECK(sgx_thread_cond_signal(&queue_not_empty) == 0, "ecall_producer: signal failed");
        ENCLAVE_CHECK(sgx_thread_mutex_unlock(&queue_mutex) == 0, "ecall_producer: unlock failed");
    }
    return 0;
}

/* Takes items values from the queue, waiting while it is empty, and returns their sum. The
 * queue is FIFO and the producer counts up, so each consumer's values strictly increase. */
uint64_t ecall_consumer(int items)
{
    uint64_t sum = 0;
    int previous = 0;
    for (int i = 0; i < items; i++) {
        ENCLAVE_CHECK(sgx_thread_mutex_lock(&queue_mutex) == 0, "ecall_consumer: lock failed");
        while (queue_count == 0)
            ENCLAVE_CHECK(sgx_thread_cond_wait(&queue_not_empty, &queue_mutex) == 0, "ecall_consumer: wait failed");
        int v = queue[queue_head];
        queue_head = (queue_head + 1) % QUEUE_CAPACITY;
        queue_count--;
        ENCLAVE_CHECK(sgx_thread_cond_signal(&queue_not_full) == 0, "ecall_consumer: signal failed");
        ENCLAVE_CHECK(sgx_thread_mutex_unlock(&queue_mutex) == 0, "ecall_consumer: unlock failed");
        ENCLAVE_CHECK(v > previous, "ecall_consumer: took %d after %d", v, previous);
        previous = v;
        sum += (uint64_t)v;
    }
    return sum;
}
