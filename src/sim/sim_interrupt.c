/* sim_interrupt.c — signals that are not the enclave's own faults (a timer, SIGINT, a signal one
 * thread sends another) arriving while a thread runs enclave code. On hardware the interrupt is
 * an AEX: the registers go into the SSA frame (EXITINFO not valid), CSSA grows, the host's
 * handler runs on the host's state at the AEP, and ERESUME takes the thread back. The simulated
 * CPU does the same around the host's handler: host FS/GS, the alternate signal stack, a context
 * that shows the AEX's synthetic state (RAX = ERESUME, RBX = the TCS, RCX = RIP = the AEP, RSP/RBP
 * = URSP/URBP), then the registers back from the SSA frame and the enclave's FS/GS. The vector
 * and floating-point state come back by the kernel's sigreturn, as XRSTOR would restore them.
 * A signal caught in the few instructions of EENTER/EEXIT where FS is the enclave's but RIP is
 * not runs its handler on the host's FS/GS, and FS/GS are put back after it. */
#include <string.h>
#include <ucontext.h>

#include "sim_signal.h"

#define ENCLU_ERESUME 3

extern char vsgx_sim_eexit_target[];

static const greg_t GPR_ORDER[18] = { REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI, REG_R8,
                                      REG_R9,  REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15, REG_EFL, REG_RIP };

VSGX_SIM_RAW void vsgx_sim_ssa_save(uint8_t *gpr, const greg_t *g)
{
    for (int i = 0; i < 18; i++)
        memcpy(gpr + 8 * i, &g[GPR_ORDER[i]], 8);
}

/* Where the kernel marks an XSAVE image in a signal frame (fx_sw_bytes, at byte 464 of the
 * FXSAVE area): magic1 (FP_XSTATE_MAGIC1), extended_size, xfeatures, xstate_size. */
#define FX_SW_BYTES 464

VSGX_SIM_RAW void vsgx_sim_ssa_xsave(const vsgx_enclave_hw_t *e, vsgx_sim_tcs_t *t, uint32_t frame, const void *ucv)
{
    const ucontext_t *uc = ucv;
    const uint8_t *fp = (const uint8_t *)uc->uc_mcontext.fpregs;
    if (frame >= 32)
        return;
    uint32_t bit = 1u << frame, magic = 0, size = 0;
    t->xsaved &= ~bit;
    if (!fp)
        return;
    memcpy(&magic, fp + FX_SW_BYTES, 4);
    memcpy(&size, fp + FX_SW_BYTES + 16, 4);
    size_t room;
    uint8_t *area = vsgx_sim_xsave_area(e, t, frame, &room);
    if (magic != FP_XSTATE_MAGIC1 || size < 576 || size > room)
        return;
    memcpy(area, fp, size);
    t->xsaved |= bit;
}

VSGX_SIM_RAW void vsgx_sim_interrupt(int sig, siginfo_t *si, void *ucv, vsgx_enclave_hw_t *e, vsgx_sim_tcs_t *t,
                                     uint64_t fs, uint64_t gs)
{
    bool fsgsbase = vsgx_sim_fsgsbase();
    vsgx_sim_write_fs_gs(fsgsbase, t->host_fs, t->host_gs);
    ucontext_t *uc = ucv;
    greg_t *g = uc->uc_mcontext.gregs;
    uint64_t base = (uint64_t)(uintptr_t)e->base;
    if ((uint64_t)g[REG_RIP] - base >= e->size) { /* inside EENTER/EEXIT: not enclave code */
        vsgx_sim_deliver(sig, si, ucv);
        vsgx_sim_write_fs_gs(fsgsbase, fs, gs);
        return;
    }
    uint8_t *gpr = vsgx_sim_gpr(e, t, t->cssa);
    vsgx_sim_ssa_save(gpr, g);
    uint32_t exitinfo = 0; /* an interrupt: not valid */
    memcpy(gpr + VSGX_GPRSGX_EXITINFO, &exitinfo, 4);
    memcpy(gpr + VSGX_GPRSGX_FSBASE, &fs, 8);
    memcpy(gpr + VSGX_GPRSGX_GSBASE, &gs, 8);
    t->cssa++;

    ucontext_t host = *uc; /* what the host sees at the AEP: synthetic registers, initial FP state */
    struct _libc_fpstate fp_init;
    memset(&fp_init, 0, sizeof fp_init);
    fp_init.cwd = 0x37f;
    fp_init.mxcsr = 0x1f80;
    fp_init.mxcr_mask = uc->uc_mcontext.fpregs ? uc->uc_mcontext.fpregs->mxcr_mask : 0xffff;
    host.uc_mcontext.fpregs = &fp_init;
    greg_t *h = host.uc_mcontext.gregs;
    for (int i = 0; i < 17; i++)
        h[GPR_ORDER[i]] = 0;
    memcpy(&h[REG_RSP], gpr + VSGX_GPRSGX_URSP, 8);
    memcpy(&h[REG_RBP], gpr + VSGX_GPRSGX_URBP, 8);
    h[REG_EFL] = g[REG_EFL];
    h[REG_RAX] = ENCLU_ERESUME;
    h[REG_RBX] = (greg_t)t->addr;
    h[REG_RIP] = h[REG_RCX] = (greg_t)(uintptr_t)vsgx_sim_eexit_target;
    vsgx_sim_deliver(sig, si, &host);

    t->cssa--; /* ERESUME */
    for (int i = 0; i < 18; i++)
        memcpy(&g[GPR_ORDER[i]], gpr + 8 * i, 8);
    memcpy(&fs, gpr + VSGX_GPRSGX_FSBASE, 8);
    memcpy(&gs, gpr + VSGX_GPRSGX_GSBASE, 8);
    vsgx_sim_write_fs_gs(fsgsbase, fs, gs);
}

VSGX_SIM_RAW void vsgx_sim_on_interrupt(int sig, siginfo_t *si, void *uc)
{
    bool fsgsbase = vsgx_sim_fsgsbase();
    uint64_t fs, gs;
    vsgx_sim_read_fs_gs(fsgsbase, &fs, &gs);
    vsgx_enclave_hw_t *e = NULL;
    vsgx_sim_tcs_t *t = vsgx_sim_thread_at(fs, &e);
    if (t)
        vsgx_sim_interrupt(sig, si, uc, e, t, fs, gs);
    else
        vsgx_sim_deliver(sig, si, uc);
}
