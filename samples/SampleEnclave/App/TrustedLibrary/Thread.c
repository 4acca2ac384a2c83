/* Thread.c — the application side of the thread synchronisation demos: COUNTER_THREADS threads
 * increase one counter in the enclave at once, then one producer and CONSUMER_THREADS consumers
 * pass items through the enclave's bounded queue; totals are checked exactly. */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include "../App.h"
#include "Enclave_u.h"

/* The counter threads start together, so their increments overlap in the enclave. */
static pthread_barrier_t counter_start;

static void *counter_thread(void *arg)
{
    size_t *last = arg;
    pthread_barrier_wait(&counter_start);
    app_check_status(ecall_increase_counter(global_eid, last), "ecall_increase_counter");
    return NULL;
}

static void *producer_thread(void *arg)
{
    int *result = arg;
    app_check_status(ecall_producer(global_eid, result, CONSUMER_THREADS * ITEMS_PER_CONSUMER), "ecall_producer");
    return NULL;
}

static void *consumer_thread(void *arg)
{
    uint64_t *sum = arg;
    app_check_status(ecall_consumer(global_eid, sum, ITEMS_PER_CONSUMER), "ecall_consumer");
    return NULL;
}

static void start(pthread_t *t, void *(*fn)(void *), void *arg)
{
    APP_CHECK(pthread_create(t, NULL, fn, arg) == 0, "pthread_create failed");
}

static void counters(void)
{
    pthread_t threads[COUNTER_THREADS];
    size_t last[COUNTER_THREADS] = { 0 };
    APP_CHECK(pthread_barrier_init(&counter_start, NULL, COUNTER_THREADS) == 0, "pthread_barrier_init failed");
    for (int i = 0; i < COUNTER_THREADS; i++)
        start(&threads[i], counter_thread, &last[i]);
    size_t highest = 0;
    for (int i = 0; i < COUNTER_THREADS; i++) {
        pthread_join(threads[i], NULL);
        APP_CHECK(last[i] >= LOOPS_PER_THREAD, "counter thread %d ended at %zu", i, last[i]);
        if (last[i] > highest)
            highest = last[i];
    }
    pthread_barrier_destroy(&counter_start);
    const size_t expected = (size_t)COUNTER_THREADS * LOOPS_PER_THREAD;
    APP_CHECK(highest == expected, "the counter ended at %zu, expected %zu", highest, expected);
    printf("Info: counter: %d threads x %d increments = %zu\n", COUNTER_THREADS, LOOPS_PER_THREAD, highest);
}

static void producer_consumers(void)
{
    pthread_t producer, consumers[CONSUMER_THREADS];
    int produced = -1;
    uint64_t sums[CONSUMER_THREADS] = { 0 };
    for (int i = 0; i < CONSUMER_THREADS; i++)
        start(&consumers[i], consumer_thread, &sums[i]);
    start(&producer, producer_thread, &produced);
    pthread_join(producer, NULL);
    uint64_t total = 0;
    for (int i = 0; i < CONSUMER_THREADS; i++) {
        pthread_join(consumers[i], NULL);
        total += sums[i];
    }
    const uint64_t n = (uint64_t)CONSUMER_THREADS * ITEMS_PER_CONSUMER;
    APP_CHECK(produced == 0, "ecall_producer returned %d", produced);
    APP_CHECK(total == n * (n + 1) / 2, "the consumers took items summing to %llu, expected %llu",
              (unsigned long long)total, (unsigned long long)(n * (n + 1) / 2));
    printf("Info: producer/consumers: %llu items through a %d-slot queue, sum %llu\n", (unsigned long long)n,
           QUEUE_CAPACITY, (unsigned long long)total);
}

void trusted_thread_functions(void)
{
    printf("Info: running the thread synchronisation demos, please wait...\n");
    counters();
    producer_consumers();
}
