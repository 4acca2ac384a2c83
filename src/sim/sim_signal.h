/* sim_signal.h — what the simulated CPU's two signal paths share: the fault path (sim_aex.c:
 * an exception in an enclave is an AEX the enclave's handlers see) and the interrupt path
 * (sim_interrupt.c: any other signal that reaches a thread inside an enclave is an AEX around the
 * host's handler, then an ERESUME), and the signal table both deliver from (sim_sigaction.c).
 * Not for other callers. */
#ifndef VSGX_SIM_SIGNAL_H
#define VSGX_SIM_SIGNAL_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <ucontext.h>

#include "sim_enclave.h"

/* Code that runs while FS may still be an enclave thread's: no instrumentation, no TLS. */
#define VSGX_SIM_RAW __attribute__((no_sanitize("address", "undefined"), no_stack_protector, noinline))

bool vsgx_sim_fsgsbase(void);
void vsgx_sim_read_fs_gs(bool fsgsbase, uint64_t *fs, uint64_t *gs);
void vsgx_sim_write_fs_gs(bool fsgsbase, uint64_t fs, uint64_t gs);

/* The active TCS whose thread data is at fs, and its enclave; NULL when fs is no enclave's. */
vsgx_sim_tcs_t *vsgx_sim_thread_at(uint64_t fs, vsgx_enclave_hw_t **enclave);

/* Stores the interrupted registers (a ucontext's gregs) in the GPRSGX area gpr, in its order:
 * RAX RCX RDX RBX RSP RBP RSI RDI R8-R15 RFLAGS RIP. */
void vsgx_sim_ssa_save(uint8_t *gpr, const greg_t *gregs);

/* Stores the interrupted extended state (the XSAVE image of the signal frame of uc) in SSA frame
 * `frame` of t, as the AEX does, when it fits; records whether it did in t->xsaved, for
 * ERESUME's XRSTOR. */
void vsgx_sim_ssa_xsave(const vsgx_enclave_hw_t *e, vsgx_sim_tcs_t *t, uint32_t frame, const void *uc);

/* Hands the signal to the application's action, as the kernel would have (called on the host's
 * FS): SA_RESETHAND carried out, the action's mask blocked during its handler, the default
 * action (for a fault the kernel raised: when the instruction faults again), or nothing when
 * ignored (sim_sigaction.c). */
void vsgx_sim_deliver(int sig, siginfo_t *si, void *uc);

/* The signal interrupted thread t of enclave e (FS = fs, GS = gs): the application's action runs
 * on the host's state and the thread goes on where it was (sim_interrupt.c). */
void vsgx_sim_interrupt(int sig, siginfo_t *si, void *uc, vsgx_enclave_hw_t *e, vsgx_sim_tcs_t *t, uint64_t fs,
                        uint64_t gs);

/* CPUID (sim_cpuid.c): whether the instruction at the context's RIP is CPUID; and CPUID carried
 * out for host code that faulted on it (true when it was that, the context then past it). */
bool vsgx_sim_is_cpuid(const void *uc);
bool vsgx_sim_host_cpuid(int sig, const siginfo_t *si, void *uc);

/* The simulated CPU's handlers: faults (sim_aex.c) and any other signal (sim_interrupt.c). */
void vsgx_sim_on_fault(int sig, siginfo_t *si, void *uc);
void vsgx_sim_on_interrupt(int sig, siginfo_t *si, void *uc);

/* The signal table (sim_sigaction.c). take_signals puts the handlers above in front of every
 * fault signal and every other signal that has a handler, and starts interposing sigaction()
 * and signal() (at every ECREATE). real_sigaction is the C library's. */
void vsgx_sim_take_signals(void);
int vsgx_sim_real_sigaction(int sig, const struct sigaction *act, struct sigaction *old);
bool vsgx_sim_is_fault(int sig);

#endif
