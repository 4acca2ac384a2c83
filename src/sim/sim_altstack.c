/* sim_altstack.c — the alternate signal stacks the simulated CPU's handlers run on. A thread gets
 * one at its first EENTER, unless it has one armed the same way: a fault may come on an enclave
 * stack that overflowed, and a host handler must not run on an enclave stack. It is armed with
 * SS_AUTODISARM, so a signal that comes while a handler runs on it takes the stack it
 * interrupted. An EENTER made from a handler that runs on the alternate stack (an ECALL in a
 * SIGTERM handler, say) gets a second one for the signals of that entry (its EREPORTs,
 * EGETKEYs, faults), so they neither overwrite the handler's frames nor run on the enclave's
 * stack; the first comes back when the entry returns. */
#include "sim_enclave.h"

#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>

#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1u << 31) /* Linux 4.7 */
#endif

#define ALTSTACK_SIZE (256 * 1024)

typedef struct {
    void *first, *second; /* ours (second: for entries made from a handler on the first) */
} altstacks_t;

static pthread_key_t key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;
static __thread bool checked;
__thread uintptr_t vsgx_sim_altstack_lo, vsgx_sim_altstack_size; /* the thread's, ours or not */
static __thread altstacks_t mine;

static void release(void *p)
{
    altstacks_t *a = p;
    stack_t off = { .ss_flags = SS_DISABLE };
    sigaltstack(&off, NULL);
    if (a->first)
        munmap(a->first, ALTSTACK_SIZE);
    if (a->second)
        munmap(a->second, ALTSTACK_SIZE);
}

static void key_create(void)
{
    pthread_key_create(&key, release);
}

/* Arms [p, p + ALTSTACK_SIZE) as the thread's alternate stack; false when the kernel refuses. */
static bool arm(void *p)
{
    stack_t ss = { .ss_sp = p, .ss_size = ALTSTACK_SIZE, .ss_flags = (int)SS_AUTODISARM };
    return sigaltstack(&ss, NULL) == 0 || (ss.ss_flags = 0, sigaltstack(&ss, NULL) == 0);
}

static void *map_stack(void)
{
    void *p = mmap(NULL, ALTSTACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    ASAN_UNPOISON_MEMORY_REGION(p, ALTSTACK_SIZE);
    pthread_once(&key_once, key_create);
    pthread_setspecific(key, &mine);
    return p;
}

void vsgx_sim_thread_altstack(void)
{
    if (checked)
        return;
    checked = true;
    stack_t cur;
    if (sigaltstack(NULL, &cur) == 0 && !(cur.ss_flags & SS_DISABLE) && (cur.ss_flags & (int)SS_AUTODISARM)) {
        vsgx_sim_altstack_lo = (uintptr_t)cur.ss_sp;
        vsgx_sim_altstack_size = cur.ss_size;
        return;
    }
    /* None, or one without SS_AUTODISARM (a sanitizer's, say), which cannot be changed while a
     * handler runs on it: ours takes its place. */
    void *p = map_stack();
    if (!p)
        return;
    mine.first = p;
    if (!arm(p))
        return;
    vsgx_sim_altstack_lo = (uintptr_t)p;
    vsgx_sim_altstack_size = ALTSTACK_SIZE;
}

bool vsgx_sim_altstack_push(stack_t *saved)
{
    if (!mine.second && !(mine.second = map_stack()))
        return false;
    if (sigaltstack(NULL, saved) != 0)
        return false;
    return arm(mine.second);
}

void vsgx_sim_altstack_pop(const stack_t *saved)
{
    sigaltstack(saved, NULL);
}
