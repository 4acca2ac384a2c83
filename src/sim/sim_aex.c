/* sim_aex.c — asynchronous exits of the simulated CPU for faults. A fault raised by enclave code
 * (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP while a thread's FS base is a thread's data in a
 * registered enclave) is an AEX: the host's FS and GS come back first (no host code may run on
 * the enclave's), the registers go into the TCS's current SSA frame with EXITINFO (the vector the
 * kernel reports, hardware or software type, valid) and, when MISCSELECT asks for it, EXINFO
 * (faulting address, error code), and the extended (XSAVE) state goes into the frame's XSAVE
 * area for ERESUME to restore; CSSA grows; and the thread continues, with clean flags and the
 * initial floating-point state, at the EEXIT target on
 * the host's stack (URSP/URBP) with RDI = VSGX_OCMD_AEX. The fault of an ENCLU leaf the simulated
 * CPU carries out (EREPORT, EGETKEY: sim_enclu.c) is not an exit: the enclave goes on. The same
 * signal sent by another thread or process is an interrupt (sim_interrupt.c). Any other fault
 * goes to the application's action (the default, its handler, or a sanitizer's: sim_sigaction.c). The handler runs on
 * an alternate signal stack (an enclave stack may be the one that overflowed), and nothing in it
 * is instrumented or reads TLS before FS is the host's again. Also: the registry of enclaves both
 * paths look in, and the FS/GS base accessors. */
#include "sim_signal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

#include <asm/prctl.h>
#include <sys/syscall.h>

#define MAX_ENCLAVES 256
#define RAW VSGX_SIM_RAW

static vsgx_enclave_hw_t *_Atomic registry[MAX_ENCLAVES];

extern char vsgx_sim_eexit_target[];

static RAW long raw_syscall2(long n, long a, long b)
{
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b) : "rcx", "r11", "memory");
    return r;
}

RAW void vsgx_sim_read_fs_gs(bool fsgsbase, uint64_t *fs, uint64_t *gs)
{
    *fs = *gs = 0;
    if (fsgsbase) {
        __asm__ volatile("rdfsbase %0" : "=r"(*fs));
        __asm__ volatile("rdgsbase %0" : "=r"(*gs));
    } else {
        raw_syscall2(SYS_arch_prctl, ARCH_GET_FS, (long)fs);
        raw_syscall2(SYS_arch_prctl, ARCH_GET_GS, (long)gs);
    }
}

RAW void vsgx_sim_write_fs_gs(bool fsgsbase, uint64_t fs, uint64_t gs)
{
    if (fsgsbase) {
        __asm__ volatile("wrfsbase %0" : : "r"(fs) : "memory");
        __asm__ volatile("wrgsbase %0" : : "r"(gs) : "memory");
    } else {
        raw_syscall2(SYS_arch_prctl, ARCH_SET_FS, (long)fs);
        raw_syscall2(SYS_arch_prctl, ARCH_SET_GS, (long)gs);
    }
}

RAW vsgx_sim_tcs_t *vsgx_sim_thread_at(uint64_t fs, vsgx_enclave_hw_t **out)
{
    for (int i = 0; i < MAX_ENCLAVES; i++) {
        vsgx_enclave_hw_t *e = atomic_load(&registry[i]);
        uint64_t base = e ? (uint64_t)(uintptr_t)e->base : 0;
        if (!e || fs < base || fs - base >= e->size)
            continue;
        for (size_t k = 0; k < e->tcs_count; k++) {
            vsgx_sim_tcs_t *t = &e->tcs[k];
            if (base + t->ofsbase == fs && atomic_load(&t->state) == VSGX_TCS_ACTIVE) {
                *out = e;
                return t;
            }
        }
    }
    return NULL;
}

#define EFL_TF 0x100
#define EFL_DF 0x400
#define EFL_AC 0x40000
#define FP_XSTATE_BV 512

/* The state the host goes on with after the AEX (saved in the SSA frame before): RFLAGS without
 * the enclave's TF, DF and AC, and the floating-point and vector registers in their initial state
 * (x87 control 0x37F, MXCSR 0x1F80, XSTATE_BV 0), as the AEX's synthetic state has them. */
static RAW void host_after_aex(ucontext_t *uc)
{
    uc->uc_mcontext.gregs[REG_EFL] &= ~(greg_t)(EFL_TF | EFL_DF | EFL_AC);
    struct _libc_fpstate *fp = uc->uc_mcontext.fpregs;
    if (!fp)
        return;
    fp->cwd = 0x37f;
    fp->swd = 0;
    fp->ftw = 0;
    fp->fop = 0;
    fp->rip = fp->rdp = 0;
    fp->mxcsr = 0x1f80;
    memset(fp->_st, 0, sizeof fp->_st);
    memset(fp->_xmm, 0, sizeof fp->_xmm);
    uint32_t magic = 0;
    memcpy(&magic, (const uint8_t *)fp + 464, 4);
    if (magic == FP_XSTATE_MAGIC1)
        memset((uint8_t *)fp + FP_XSTATE_BV, 0, 8);
}

/* A signal the kernel did not raise for the instruction at hand (kill, tgkill, sigqueue; a
 * machine-check report for memory the thread did not touch): an interrupt. */
static bool sent(int sig, const siginfo_t *si)
{
    return si->si_code <= 0 || (sig == SIGBUS && si->si_code == BUS_MCEERR_AO);
}

RAW void vsgx_sim_on_fault(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    bool fsgsbase = vsgx_sim_fsgsbase();
    uint64_t fs, gs;
    vsgx_sim_read_fs_gs(fsgsbase, &fs, &gs);
    vsgx_enclave_hw_t *e = NULL;
    vsgx_sim_tcs_t *t = vsgx_sim_thread_at(fs, &e);
    if (!t) {
        if (!vsgx_sim_host_cpuid(sig, si, ucv))
            vsgx_sim_deliver(sig, si, ucv);
        return;
    }
    if (sent(sig, si)) {
        vsgx_sim_interrupt(sig, si, ucv, e, t, fs, gs);
        return;
    }
    vsgx_sim_write_fs_gs(fsgsbase, t->host_fs, t->host_gs);
    if ((uint64_t)uc->uc_mcontext.gregs[REG_RIP] - (uint64_t)(uintptr_t)e->base >= e->size) {
        /* Host code with the enclave's FS (inside EENTER/ERESUME): not the enclave's fault. */
        if (!vsgx_sim_host_cpuid(sig, si, ucv))
            vsgx_sim_deliver(sig, si, ucv);
        vsgx_sim_write_fs_gs(fsgsbase, fs, gs);
        return;
    }
    /* ENCLU raises #UD without SGX, #GP (SIGSEGV) on CPUs that have it outside enclave mode. */
    if ((sig == SIGILL || sig == SIGSEGV) && vsgx_sim_enclu(e, uc)) { /* EREPORT, EGETKEY: done */
        vsgx_sim_write_fs_gs(fsgsbase, fs, gs);
        return;
    }

    greg_t *g = uc->uc_mcontext.gregs;
    uint8_t *gpr = vsgx_sim_gpr(e, t, t->cssa);
    vsgx_sim_ssa_save(gpr, g);
    vsgx_sim_ssa_xsave(e, t, t->cssa, uc);
    /* CPUID faulting raises #GP; in an enclave CPUID is #UD. */
    bool cpuid = sig == SIGSEGV && si->si_code == SI_KERNEL && vsgx_sim_is_cpuid(uc);
    uint32_t vector = cpuid ? 6 : (uint32_t)g[REG_TRAPNO] & 0xff;
    uint32_t type = vector == 3 || vector == 4 ? 6 : 3; /* INT3/INTO: software; else hardware */
    uint32_t exitinfo = vector | type << 8 | 1u << 31;
    memcpy(gpr + VSGX_GPRSGX_EXITINFO, &exitinfo, 4);
    memcpy(gpr + VSGX_GPRSGX_FSBASE, &fs, 8);
    memcpy(gpr + VSGX_GPRSGX_GSBASE, &gs, 8);
    if (e->secs.misc_select & 1) { /* EXINFO, just below GPRSGX: MADDR, ERRCD */
        uint64_t maddr = (sig == SIGSEGV || sig == SIGBUS) ? (uint64_t)(uintptr_t)si->si_addr : 0;
        uint32_t errcd = cpuid ? 0 : (uint32_t)g[REG_ERR];
        memcpy(gpr - 16, &maddr, 8);
        memcpy(gpr - 8, &errcd, 4);
    }
    t->cssa++;
    uint64_t ursp, urbp;
    memcpy(&ursp, gpr + VSGX_GPRSGX_URSP, 8);
    memcpy(&urbp, gpr + VSGX_GPRSGX_URBP, 8);
    g[REG_RSP] = (greg_t)ursp;
    g[REG_RBP] = (greg_t)urbp;
    g[REG_RIP] = (greg_t)(uintptr_t)vsgx_sim_eexit_target;
    host_after_aex(uc);
    g[REG_RDI] = VSGX_OCMD_AEX;
    g[REG_RSI] = 0;
    g[REG_RDX] = 0;
}

bool vsgx_sim_register(vsgx_enclave_hw_t *e)
{
    vsgx_sim_take_signals();
    for (int i = 0; i < MAX_ENCLAVES; i++) {
        vsgx_enclave_hw_t *none = NULL;
        if (atomic_compare_exchange_strong(&registry[i], &none, e))
            return true;
    }
    return false;
}

void vsgx_sim_unregister(vsgx_enclave_hw_t *e)
{
    for (int i = 0; i < MAX_ENCLAVES; i++) {
        vsgx_enclave_hw_t *mine = e;
        atomic_compare_exchange_strong(&registry[i], &mine, NULL);
    }
}
