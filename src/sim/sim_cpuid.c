/* sim_cpuid.c — CPUID faults inside an enclave, as on hardware (#UD). The simulated CPU turns on
 * the kernel's CPUID faulting (arch_prctl ARCH_SET_CPUID) for each thread at its first EENTER;
 * from then on CPUID on that thread raises SIGSEGV. Inside an enclave the fault handler makes it
 * an AEX with vector #UD (sim_aex.c), so the enclave's handlers see what hardware shows them.
 * In host code the handler carries CPUID out (faulting off for the instruction, then on again)
 * and the thread goes on after it. Where the kernel or the CPU has no CPUID faulting, CPUID runs
 * inside enclaves as in host code. */
#include "sim_signal.h"

#include <asm/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef ARCH_SET_CPUID
#define ARCH_SET_CPUID 0x1012
#endif

static __thread bool faulting;

void vsgx_sim_thread_cpuid_faulting(void)
{
    static __thread bool tried;
    if (tried)
        return;
    tried = true;
    faulting = syscall(SYS_arch_prctl, ARCH_SET_CPUID, 0) == 0;
}

VSGX_SIM_RAW bool vsgx_sim_is_cpuid(const void *ucv)
{
    const ucontext_t *uc = ucv;
    const uint8_t *rip = (const uint8_t *)(uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    return rip && rip[0] == 0x0f && rip[1] == 0xa2;
}

static VSGX_SIM_RAW long raw_arch_prctl(long code, long arg)
{
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"((long)SYS_arch_prctl), "D"(code), "S"(arg) : "rcx", "r11", "memory");
    return r;
}

VSGX_SIM_RAW bool vsgx_sim_host_cpuid(int sig, const siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    if (sig != SIGSEGV || si->si_code != SI_KERNEL || !faulting || !vsgx_sim_is_cpuid(uc))
        return false;
    greg_t *g = uc->uc_mcontext.gregs;
    uint32_t a = (uint32_t)g[REG_RAX], b, c = (uint32_t)g[REG_RCX], d;
    raw_arch_prctl(ARCH_SET_CPUID, 1);
    __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
    raw_arch_prctl(ARCH_SET_CPUID, 0);
    g[REG_RAX] = a;
    g[REG_RBX] = b;
    g[REG_RCX] = c;
    g[REG_RDX] = d;
    g[REG_RIP] += 2;
    return true;
}
