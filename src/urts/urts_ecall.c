/* urts_ecall.c — ECALLs from the host: sgx_ecall takes a free TCS of the enclave (or, for an
 * ECALL made from inside an OCALL, the TCS of the ECALL that made the OCALL), enters, and runs
 * the OCALLs the enclave asks for from the ECALL's OCALL table until the ECALL returns; after an
 * exception (an AEX) it lets the enclave's handlers see it and resumes, or reports the crash. Each
 * host thread has an OCALL arena, untrusted memory where the enclave's sgx_ocalloc puts OCALL
 * data: 64 MiB reserved on first use, committed by the kernel as touched. */
#include <stdlib.h>
#include <sys/mman.h>

#include "sgx_edger8r.h"
#include "urts_enclave.h"

#define ARENA_SIZE (UINT64_C(64) << 20)

typedef sgx_status_t (*ocall_fn)(void *ms);
typedef struct {
    size_t nr_ocall;
    ocall_fn table[];
} ocall_table_t;

/* The calls this thread is in, innermost first (for nested ECALLs from OCALLs). */
typedef struct active_call {
    vsgx_urts_enclave_t *e;
    uint64_t tcs;
    struct active_call *outer;
} active_call_t;

static __thread active_call_t *active;
static __thread uint64_t arena[2]; /* {base, size}, passed to the enclave by address */
static pthread_key_t arena_key;
static pthread_once_t arena_once = PTHREAD_ONCE_INIT;

static void arena_release(void *p)
{
    munmap(p, ARENA_SIZE);
}

static void arena_key_create(void)
{
    pthread_key_create(&arena_key, arena_release);
}

static const uint64_t *thread_arena(void)
{
    if (!arena[0]) {
        void *p = mmap(NULL, ARENA_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p == MAP_FAILED)
            return NULL;
        pthread_once(&arena_once, arena_key_create);
        pthread_setspecific(arena_key, p);
        arena[0] = (uint64_t)(uintptr_t)p;
        arena[1] = ARENA_SIZE;
    }
    return arena;
}

sgx_status_t vsgx_urts_call(vsgx_urts_enclave_t *e, uint64_t tcs, int64_t index, const void *ocall_table, void *ms)
{
    const ocall_table_t *ot = ocall_table;
    vsgx_enter_regs_t regs = { .rdi = (uint64_t)index, .rsi = (uint64_t)(uintptr_t)ms,
                               .rdx = (uint64_t)(uintptr_t)thread_arena() };
    active_call_t me = { e, tcs, active };
    active = &me;
    sgx_status_t st = e->backend->enter(e->hw, tcs, &regs);
    while (st == SGX_SUCCESS) {
        int64_t what = (int64_t)regs.rdi;
        if (what == VSGX_OCMD_ERET) {
            st = (sgx_status_t)regs.rsi;
            break;
        }
        if (what == VSGX_OCMD_AEX) {
            /* An exception: the enclave's handlers look at it, then it resumes (or it crashed). */
            vsgx_enter_regs_t x = { .rdi = (uint64_t)VSGX_ECMD_EXCEPT };
            st = e->backend->enter(e->hw, tcs, &x);
            if (st == SGX_SUCCESS && ((int64_t)x.rdi != VSGX_OCMD_ERET || x.rsi != SGX_SUCCESS))
                st = SGX_ERROR_ENCLAVE_CRASHED;
            if (st == SGX_SUCCESS)
                st = e->backend->resume(e->hw, tcs, &regs);
            continue;
        }
        uint64_t o = regs.rdi;
        sgx_status_t ost = ot && o < ot->nr_ocall && ot->table[o] ? ot->table[o]((void *)(uintptr_t)regs.rsi)
                                                                 : SGX_ERROR_INVALID_FUNCTION;
        regs = (vsgx_enter_regs_t){ .rdi = (uint64_t)VSGX_ECMD_ORET, .rsi = ost };
        st = e->backend->enter(e->hw, tcs, &regs);
    }
    active = me.outer;
    if (st == SGX_ERROR_ENCLAVE_CRASHED)
        atomic_store(&e->crashed, true);
    return st;
}

/* With TCSPolicy BIND, the TCSs this thread holds, by enclave ID, released when it exits. */
typedef struct {
    sgx_enclave_id_t eid;
    uint64_t tcs;
} binding_t;

typedef struct {
    size_t count, cap;
    binding_t *list;
} bindings_t;

static __thread bindings_t *bindings;
static pthread_key_t bindings_key;
static pthread_once_t bindings_once = PTHREAD_ONCE_INIT;

static void release_tcs(vsgx_urts_enclave_t *e, uint64_t tcs);

static void bindings_release(void *p)
{
    bindings_t *b = p;
    for (size_t i = 0; i < b->count; i++) {
        vsgx_urts_enclave_t *e = vsgx_urts_get(b->list[i].eid);
        if (e) {
            release_tcs(e, b->list[i].tcs);
            vsgx_urts_put(e);
        }
    }
    free(b->list);
    free(b);
}

static void bindings_key_create(void)
{
    pthread_key_create(&bindings_key, bindings_release);
}

static uint64_t bound_tcs(sgx_enclave_id_t eid)
{
    for (size_t i = 0; bindings && i < bindings->count; i++)
        if (bindings->list[i].eid == eid)
            return bindings->list[i].tcs;
    return 0;
}

static bool bind_tcs(sgx_enclave_id_t eid, uint64_t tcs)
{
    if (!bindings) {
        if (!(bindings = calloc(1, sizeof *bindings)))
            return false;
        pthread_once(&bindings_once, bindings_key_create);
        pthread_setspecific(bindings_key, bindings);
    }
    if (bindings->count == bindings->cap) {
        size_t cap = bindings->cap ? 2 * bindings->cap : 4;
        binding_t *l = realloc(bindings->list, cap * sizeof *l);
        if (!l)
            return false;
        bindings->list = l;
        bindings->cap = cap;
    }
    bindings->list[bindings->count++] = (binding_t){ eid, tcs };
    return true;
}

/* The TCS for an ECALL of e: the one this thread is already in (a nested ECALL), the one bound
 * to it (TCSPolicy BIND), or a free one (*taken: to release after the call); 0 if none. */
static uint64_t take_tcs(vsgx_urts_enclave_t *e, bool *taken)
{
    *taken = false;
    for (active_call_t *a = active; a; a = a->outer)
        if (a->e == e)
            return a->tcs;
    uint64_t tcs = e->bind ? bound_tcs(e->eid) : 0;
    if (tcs)
        return tcs;
    pthread_mutex_lock(&e->lock);
    for (size_t i = 0; i < e->tcs_count && !tcs; i++)
        if (!e->tcs_busy[i]) {
            e->tcs_busy[i] = true;
            tcs = e->tcs[i];
        }
    pthread_mutex_unlock(&e->lock);
    if (tcs && e->bind && !bind_tcs(e->eid, tcs)) {
        release_tcs(e, tcs);
        return 0;
    }
    *taken = tcs != 0 && !e->bind;
    return tcs;
}

static void release_tcs(vsgx_urts_enclave_t *e, uint64_t tcs)
{
    pthread_mutex_lock(&e->lock);
    for (size_t i = 0; i < e->tcs_count; i++)
        if (e->tcs[i] == tcs)
            e->tcs_busy[i] = false;
    pthread_mutex_unlock(&e->lock);
}

sgx_status_t sgx_ecall(const sgx_enclave_id_t eid, const int index, const void *ocall_table, void *ms)
{
    if (index < 0)
        return SGX_ERROR_INVALID_FUNCTION;
    vsgx_urts_enclave_t *e = vsgx_urts_get(eid);
    if (!e)
        return SGX_ERROR_INVALID_ENCLAVE_ID;
    sgx_status_t st = SGX_ERROR_ENCLAVE_CRASHED;
    if (!atomic_load(&e->crashed)) {
        bool taken;
        uint64_t tcs = take_tcs(e, &taken);
        st = SGX_ERROR_OUT_OF_TCS;
        if (tcs) {
            st = vsgx_urts_call(e, tcs, index, ocall_table, ms);
            if (taken)
                release_tcs(e, tcs);
        }
    }
    vsgx_urts_put(e);
    return st;
}

sgx_status_t sgx_ecall_switchless(const sgx_enclave_id_t eid, const int index, const void *ocall_table, void *ms)
{
    return sgx_ecall(eid, index, ocall_table, ms);
}
