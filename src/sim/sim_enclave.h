/* sim_enclave.h — the simulated CPU's enclave (SECS, pages, TCSs), shared by sim_enclave.c
 * (ECREATE, EADD, EEXTEND, EINIT) and sim_enter.c (EENTER, EEXIT). Not for other callers. */
#ifndef VSGX_SIM_ENCLAVE_H
#define VSGX_SIM_ENCLAVE_H

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>

#include <openssl/evp.h>

#include "cpu.h"

/* Fresh mappings may lie where memory with a sanitizer's marks was (a thread's stack): the
 * simulated CPU clears the marks on the memory it maps. */
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#else
#define ASAN_UNPOISON_MEMORY_REGION(addr, size) ((void)(addr), (void)(size))
#endif

#define VSGX_TCS_SIZE 72
/* TCS fields (Intel's tcs_t). */
#define VSGX_TCS_OFF_OSSA 16
#define VSGX_TCS_OFF_NSSA 28
#define VSGX_TCS_OFF_OENTRY 32
#define VSGX_TCS_OFF_OFSBASE 48
#define VSGX_TCS_OFF_OGSBASE 56
/* The GPRSGX area at the end of each SSA frame (184 bytes) and its fields. */
#define VSGX_GPRSGX_SIZE 184
#define VSGX_GPRSGX_URSP 144
#define VSGX_GPRSGX_URBP 152
#define VSGX_GPRSGX_RIP 136
#define VSGX_GPRSGX_EXITINFO 160
#define VSGX_GPRSGX_FSBASE 168
#define VSGX_GPRSGX_GSBASE 176
/* The MISC area just below GPRSGX (EXINFO: 16 bytes). */
#define VSGX_MISC_SIZE 16

typedef enum { VSGX_TCS_INACTIVE = 0, VSGX_TCS_ACTIVE } vsgx_tcs_state_t;

/* A TCS as the CPU keeps it: the fields it reads, and its state. */
typedef struct {
    uint64_t addr;                 /* base + rva */
    uint64_t ossa, oentry, ofsbase, ogsbase;
    uint32_t nssa, cssa;
    uint32_t xsaved;               /* per SSA frame: 1 when its XSAVE area holds an AEX's state */
    atomic_int state;
    uint64_t host_fs, host_gs;     /* the entering thread's, for an AEX to restore */
} vsgx_sim_tcs_t;

struct vsgx_enclave_hw {
    uint8_t *base;
    uint64_t size;
    vsgx_secs_params_t secs;
    EVP_MD_CTX *measurement;       /* the running MRENCLAVE, until EINIT */
    uint16_t *page;                /* per page: 0 not added, else SECINFO flags | 0x8000 */
    uint8_t stream[64 + 16 * (64 + 256)]; /* one page's measurement records */
    bool initted;
    vsgx_enclave_identity_t identity;
    vsgx_sim_tcs_t *tcs;
    size_t tcs_count, tcs_cap;
    const struct vsgx_platform *platform; /* the machine: EGETKEY's and EREPORT's keys */
};

#define VSGX_SIM_PAGE_ADDED 0x8000u

/* The TCS at addr, or NULL. */
vsgx_sim_tcs_t *vsgx_sim_find_tcs(vsgx_enclave_hw_t *e, uint64_t addr);

sgx_status_t vsgx_sim_enter(vsgx_enclave_hw_t *e, uint64_t tcs, vsgx_enter_regs_t *regs);
sgx_status_t vsgx_sim_resume(vsgx_enclave_hw_t *e, uint64_t tcs, vsgx_enter_regs_t *regs);

/* The GPRSGX area of SSA frame `frame` of t. */
static inline uint8_t *vsgx_sim_gpr(const vsgx_enclave_hw_t *e, const vsgx_sim_tcs_t *t, uint32_t frame)
{
    uint64_t bytes = (uint64_t)e->secs.ssa_frame_size * VSGX_PAGE_SIZE;
    return e->base + t->ossa + (frame + 1) * bytes - VSGX_GPRSGX_SIZE;
}

/* The XSAVE area at the start of SSA frame `frame` of t, and the bytes it may take (below MISC
 * and GPRSGX). */
static inline uint8_t *vsgx_sim_xsave_area(const vsgx_enclave_hw_t *e, const vsgx_sim_tcs_t *t, uint32_t frame,
                                           size_t *size)
{
    uint64_t bytes = (uint64_t)e->secs.ssa_frame_size * VSGX_PAGE_SIZE;
    *size = bytes - VSGX_GPRSGX_SIZE - VSGX_MISC_SIZE;
    return e->base + t->ossa + frame * bytes;
}

/* Enclaves the fault handler looks in (sim_aex.c): registered at ECREATE, removed at destroy.
 * Installs the handler on first use. false when the table is full. */
bool vsgx_sim_register(vsgx_enclave_hw_t *e);
void vsgx_sim_unregister(vsgx_enclave_hw_t *e);
/* ENCLU's EREPORT or EGETKEY at the faulting RIP of the ucontext, carried out (sim_enclu.c):
 * true when done (RIP past it), false when it is not one or its operands fault. */
bool vsgx_sim_enclu(vsgx_enclave_hw_t *e, void *ucontext);
/* Alternate signal stacks (sim_altstack.c): one for the calling thread if it has none (faults on
 * enclave stacks); whether the caller runs on it; around an EENTER made from a handler running
 * on it, a second one (push: true when installed, the previous state in *saved; pop puts it
 * back). */
void vsgx_sim_thread_altstack(void);
extern __thread uintptr_t vsgx_sim_altstack_lo, vsgx_sim_altstack_size;
static inline bool vsgx_sim_on_altstack(void)
{
    return (uintptr_t)__builtin_frame_address(0) - vsgx_sim_altstack_lo < vsgx_sim_altstack_size;
}
bool vsgx_sim_altstack_push(stack_t *saved);
void vsgx_sim_altstack_pop(const stack_t *saved);
/* Turns on CPUID faulting for the calling thread, once (sim_cpuid.c): CPUID in an enclave is #UD. */
void vsgx_sim_thread_cpuid_faulting(void);

#endif
