/* sim_enter.c — the simulated EENTER and ERESUME (see cpu.h, sim_eenter.S): the TCS must be
 * inactive and have a free SSA frame (EENTER) or a frame to resume (ERESUME); it is active while
 * the enclave runs, on one thread at a time. ERESUME restores the extended state the AEX saved in
 * the frame (XRSTOR of every component the image holds). */
#include "sim_enclave.h"

#include <stddef.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <asm/prctl.h>

/* What vsgx_sim_eenter_asm reads and writes; offsets fixed for the assembly. */
typedef struct {
    uint64_t entry, fsbase, gsbase, tcs, cssa, gpr;
    uint64_t rdi, rsi, rdx;
    uint64_t host_fs, host_gs;
    uint64_t use_fsgsbase;
    uint64_t xsave;               /* ERESUME: the XSAVE image to restore, or 0 */
} eenter_ctx_t;

_Static_assert(offsetof(eenter_ctx_t, gpr) == 40 && offsetof(eenter_ctx_t, rdi) == 48 &&
                   offsetof(eenter_ctx_t, host_fs) == 72 && offsetof(eenter_ctx_t, use_fsgsbase) == 88 &&
                   offsetof(eenter_ctx_t, xsave) == 96,
               "offsets used by sim_eenter.S");

void vsgx_sim_eenter_asm(eenter_ctx_t *ctx);
void vsgx_sim_eresume_asm(eenter_ctx_t *ctx);

#ifndef HWCAP2_FSGSBASE
#define HWCAP2_FSGSBASE (1 << 1)
#endif

/* Whether the kernel lets user code use RD/WRFSBASE (Linux 5.9+ on CPUs that have it). Known
 * after the first enclave entry; read by the fault handler (no TLS, no instrumentation). */
static int fsgsbase_known = -1;

__attribute__((no_sanitize("address", "undefined"), no_stack_protector)) bool vsgx_sim_fsgsbase(void)
{
    return fsgsbase_known == 1;
}

static bool fsgsbase(void)
{
    if (fsgsbase_known < 0)
        fsgsbase_known = (getauxval(AT_HWCAP2) & HWCAP2_FSGSBASE) != 0;
    return fsgsbase_known;
}

/* The thread's own FS and GS bases, read once per thread. */
static __thread uint64_t host_fs, host_gs;
static __thread bool host_bases_known;

static void host_bases(void)
{
    if (host_bases_known)
        return;
    if (fsgsbase()) {
        __asm__ volatile("rdfsbase %0" : "=r"(host_fs));
        __asm__ volatile("rdgsbase %0" : "=r"(host_gs));
    } else {
        syscall(SYS_arch_prctl, ARCH_GET_FS, &host_fs);
        syscall(SYS_arch_prctl, ARCH_GET_GS, &host_gs);
    }
    host_bases_known = true;
}

/* What a thread needs before its first entry: its FS/GS bases, an alternate signal stack, CPUID
 * faulting. */
static __thread bool thread_ready;

static void thread_setup(void)
{
    host_bases();
    vsgx_sim_thread_altstack();
    vsgx_sim_thread_cpuid_faulting();
    thread_ready = true;
}

/* EENTER (resume false) or ERESUME (true) on the TCS at tcs. */
static sgx_status_t run(vsgx_enclave_hw_t *e, uint64_t tcs, vsgx_enter_regs_t *regs, bool resume)
{
    if (!e->initted)
        return SGX_ERROR_INVALID_STATE;
    vsgx_sim_tcs_t *t = vsgx_sim_find_tcs(e, tcs);
    if (!t)
        return SGX_ERROR_INVALID_PARAMETER;
    int inactive = VSGX_TCS_INACTIVE;
    if (!atomic_compare_exchange_strong(&t->state, &inactive, VSGX_TCS_ACTIVE))
        return SGX_ERROR_OUT_OF_TCS;
    /* EENTER needs a free SSA frame; ERESUME a frame to resume from. */
    if (resume ? t->cssa == 0 : t->cssa >= t->nssa) {
        atomic_store(&t->state, VSGX_TCS_INACTIVE);
        return resume ? SGX_ERROR_INVALID_STATE : SGX_ERROR_ENCLAVE_CRASHED;
    }
    uint64_t xsave = 0;
    if (resume) {
        t->cssa--;
        size_t room;
        if (t->cssa < 32 && (t->xsaved >> t->cssa) & 1)
            xsave = (uint64_t)(uintptr_t)vsgx_sim_xsave_area(e, t, t->cssa, &room);
    }
    if (t->cssa < 32)
        t->xsaved &= ~(1u << t->cssa);
    if (!thread_ready)
        thread_setup();
    t->host_fs = host_fs;
    t->host_gs = host_gs;
    uint64_t base = (uint64_t)(uintptr_t)e->base;
    eenter_ctx_t ctx = {
        .entry = base + t->oentry,
        .fsbase = base + t->ofsbase,
        .gsbase = base + t->ogsbase,
        .tcs = t->addr,
        .cssa = t->cssa,
        .gpr = (uint64_t)(uintptr_t)vsgx_sim_gpr(e, t, t->cssa),
        .rdi = regs->rdi,
        .rsi = regs->rsi,
        .rdx = regs->rdx,
        .host_fs = host_fs,
        .host_gs = host_gs,
        .use_fsgsbase = fsgsbase(),
        .xsave = xsave,
    };
    stack_t outer_altstack;
    bool nested = vsgx_sim_on_altstack() && vsgx_sim_altstack_push(&outer_altstack);
    (resume ? vsgx_sim_eresume_asm : vsgx_sim_eenter_asm)(&ctx);
    if (nested)
        vsgx_sim_altstack_pop(&outer_altstack);
    atomic_store(&t->state, VSGX_TCS_INACTIVE);
    regs->rdi = ctx.rdi;
    regs->rsi = ctx.rsi;
    regs->rdx = ctx.rdx;
    return SGX_SUCCESS;
}

sgx_status_t vsgx_sim_enter(vsgx_enclave_hw_t *e, uint64_t tcs, vsgx_enter_regs_t *regs)
{
    return run(e, tcs, regs, false);
}

sgx_status_t vsgx_sim_resume(vsgx_enclave_hw_t *e, uint64_t tcs, vsgx_enter_regs_t *regs)
{
    return run(e, tcs, regs, true);
}
