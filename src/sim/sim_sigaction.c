/* sim_sigaction.c — keeps the simulated CPU in front of the application's signal handlers. On
 * hardware a fault or an interrupt inside an enclave is an AEX before any handler of the host
 * runs; here the simulated CPU's handlers (sim_aex.c for faults, sim_interrupt.c for the rest)
 * must see every such signal first. From the first ECREATE on, sigaction() and signal() are
 * interposed, and signal(), sysv_signal(), bsd_signal() and sigset() with them: for a signal the
 * simulated CPU handles (the faults always; any other while it has a handler; glibc's internal
 * signals), the application's action is recorded as the one to deliver to, the simulated CPU's
 * stays installed (with the mask and flags the application asked for), and the application
 * sees its own action as the old one. Setting SIG_DFL or SIG_IGN on a non-fault signal gives it
 * back. Before the first ECREATE every call goes straight to the C library. At each ECREATE the
 * dispositions are checked again, for handlers installed by raw system calls. vsgx_sim_deliver
 * then runs the application's action as the kernel would have. */
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sim_signal.h"

/* glibc's first internal signal (its SIGRTMIN is above them), and the kernel's flag for a
 * restorer in struct sigaction. */
#define SIGRTMIN_GLIBC 32
#ifndef SA_RESTORER
#define SA_RESTORER 0x04000000
#endif

typedef int (*sigaction_fn)(int, const struct sigaction *, struct sigaction *);

static struct sigaction app[NSIG];   /* the application's action, for the signals owned */
static atomic_bool owned[NSIG];      /* the simulated CPU's handler is the installed one */
static atomic_bool active;           /* an enclave was created: interpose */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* The table's lock, taken with every signal blocked: a handler that calls sigaction() (to re-arm
 * itself, say) cannot interrupt its own thread while it holds the lock. */
static void table_lock(sigset_t *saved)
{
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, saved);
    pthread_mutex_lock(&lock);
}

static void table_unlock(const sigset_t *saved)
{
    pthread_mutex_unlock(&lock);
    pthread_sigmask(SIG_SETMASK, saved, NULL);
}

int vsgx_sim_real_sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
    static _Atomic(sigaction_fn) real;
    sigaction_fn f = atomic_load(&real);
    if (!f) {
        f = (sigaction_fn)dlsym(RTLD_NEXT, "sigaction");
        atomic_store(&real, f);
    }
    return f(sig, act, old);
}

bool vsgx_sim_is_fault(int sig)
{
    return sig == SIGSEGV || sig == SIGBUS || sig == SIGFPE || sig == SIGILL || sig == SIGTRAP;
}

static bool has_handler(const struct sigaction *a)
{
    return (a->sa_flags & SA_SIGINFO) ? a->sa_sigaction != NULL
                                      : a->sa_handler != SIG_DFL && a->sa_handler != SIG_IGN;
}

static bool is_ours(const struct sigaction *a)
{
    return (a->sa_flags & SA_SIGINFO) && (a->sa_sigaction == vsgx_sim_on_fault || a->sa_sigaction == vsgx_sim_on_interrupt);
}

/* The simulated CPU's action for sig, in front of the application's action a. */
static struct sigaction ours(int sig, const struct sigaction *a)
{
    struct sigaction s;
    memset(&s, 0, sizeof s);
    if (vsgx_sim_is_fault(sig)) {
        s.sa_sigaction = vsgx_sim_on_fault;
        s.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
        sigemptyset(&s.sa_mask);
    } else {
        s.sa_sigaction = vsgx_sim_on_interrupt;
        s.sa_mask = a->sa_mask;
        s.sa_flags = (a->sa_flags & ~SA_RESETHAND) | SA_SIGINFO | SA_ONSTACK; /* SA_RESETHAND: emulated */
    }
    return s;
}

/* Records a as the application's action for sig and installs the simulated CPU's in front
 * (recorded first: a signal that comes as soon as it is installed finds the action there). */
static int take(int sig, const struct sigaction *a)
{
    struct sigaction s = ours(sig, a), before = app[sig];
    app[sig] = *a;
    int rc = vsgx_sim_real_sigaction(sig, &s, NULL);
    if (rc == 0)
        atomic_store(&owned[sig], true);
    else
        app[sig] = before;
    return rc;
}

/* glibc's own signals (SIGCANCEL 32, SIGSETXID 33), which its sigaction() refuses: read and
 * replaced with the rt_sigaction system call, keeping glibc's restorer; their handlers read the
 * thread's TLS, so they must not run on an enclave's FS either. */
struct kernel_sigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    uint64_t mask;
};

static void take_internal(int sig)
{
    struct kernel_sigaction k, ours_k;
    if (syscall(SYS_rt_sigaction, sig, NULL, &k, sizeof k.mask) != 0 || k.handler == (void *)vsgx_sim_on_interrupt ||
        k.handler == (void *)SIG_DFL || k.handler == (void *)SIG_IGN)
        return;
    struct sigaction a;
    memset(&a, 0, sizeof a);
    a.sa_sigaction = (void (*)(int, siginfo_t *, void *))k.handler;
    a.sa_flags = (int)(k.flags & ~(unsigned long)SA_RESTORER);
    sigemptyset(&a.sa_mask);
    memcpy(&a.sa_mask, &k.mask, sizeof k.mask);
    app[sig] = a;
    ours_k = k;
    ours_k.handler = (void *)vsgx_sim_on_interrupt;
    ours_k.flags |= SA_SIGINFO | SA_ONSTACK;
    if (syscall(SYS_rt_sigaction, sig, &ours_k, NULL, sizeof k.mask) == 0)
        atomic_store(&owned[sig], true);
}

/* A child forked while another thread held the lock must not inherit it held. */
static void lock_in_child(void)
{
    pthread_mutex_init(&lock, NULL);
}

static void at_fork(void)
{
    pthread_atfork(NULL, NULL, lock_in_child);
}

void vsgx_sim_take_signals(void)
{
    static pthread_once_t fork_once = PTHREAD_ONCE_INIT;
    pthread_once(&fork_once, at_fork);
    sigset_t saved;
    table_lock(&saved);
    atomic_store(&active, true);
    for (int sig = 1; sig < NSIG; sig++) {
        struct sigaction cur;
        if (sig == SIGKILL || sig == SIGSTOP || vsgx_sim_real_sigaction(sig, NULL, &cur) != 0)
            continue;
        if (is_ours(&cur))
            continue;
        if (vsgx_sim_is_fault(sig) || has_handler(&cur))
            take(sig, &cur);
        else
            atomic_store(&owned[sig], false);
    }
    for (int sig = SIGRTMIN_GLIBC; sig < SIGRTMIN; sig++)
        take_internal(sig);
    table_unlock(&saved);
}

/* SA_RESETHAND: the default action again (a fault signal stays the simulated CPU's). */
static void reset_hand(int sig)
{
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    app[sig] = dfl;
    if (!vsgx_sim_is_fault(sig)) {
        atomic_store(&owned[sig], false);
        vsgx_sim_real_sigaction(sig, &dfl, NULL);
    }
}

void vsgx_sim_deliver(int sig, siginfo_t *si, void *uc)
{
    struct sigaction a = app[sig];
    bool fault = vsgx_sim_is_fault(sig);
    if (!has_handler(&a)) {
        /* A fault the kernel raised, default or ignored: the default action, which the kernel
         * takes when the instruction faults again. Sent and default: the default action now. */
        bool raised = fault && si->si_code > 0;
        if (raised || a.sa_handler == SIG_DFL) {
            struct sigaction dfl;
            memset(&dfl, 0, sizeof dfl);
            dfl.sa_handler = SIG_DFL;
            vsgx_sim_real_sigaction(sig, &dfl, NULL);
            if (!fault)
                atomic_store(&owned[sig], false);
            if (!raised)
                raise(sig);
        }
        return;
    }
    if (a.sa_flags & SA_RESETHAND)
        reset_hand(sig);
    /* The kernel blocks the action's mask (and the signal, without SA_NODEFER) during the
     * handler; for the other signals the simulated CPU's own action carries them. */
    sigset_t block = a.sa_mask, before;
    if (!(a.sa_flags & SA_NODEFER))
        sigaddset(&block, sig);
    if (fault)
        pthread_sigmask(SIG_BLOCK, &block, &before);
    if (a.sa_flags & SA_SIGINFO)
        a.sa_sigaction(sig, si, uc);
    else
        a.sa_handler(sig);
    if (fault)
        pthread_sigmask(SIG_SETMASK, &before, NULL);
}

int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
    if (!atomic_load(&active) || sig <= 0 || sig >= NSIG || sig == SIGKILL || sig == SIGSTOP)
        return vsgx_sim_real_sigaction(sig, act, old);
    sigset_t saved;
    table_lock(&saved);
    int rc = 0;
    struct sigaction prev;
    if (atomic_load(&owned[sig])) {
        prev = app[sig];
        if (act && !vsgx_sim_is_fault(sig) && !has_handler(act)) {
            rc = vsgx_sim_real_sigaction(sig, act, NULL);
            if (rc == 0)
                atomic_store(&owned[sig], false);
        } else if (act) {
            rc = take(sig, act);
        }
    } else {
        rc = vsgx_sim_real_sigaction(sig, NULL, &prev);
        if (rc == 0 && act)
            rc = has_handler(act) ? take(sig, act) : vsgx_sim_real_sigaction(sig, act, NULL);
    }
    table_unlock(&saved);
    if (rc == 0 && old)
        *old = prev;
    return rc;
}

/* ---- signal() and its System V and BSD forms, on the interposed sigaction() (glibc's own
 * versions call its internal sigaction, which would put their handlers in front of the
 * simulated CPU's). The semantics are glibc's. ---- */

static sighandler_t handler_of(const struct sigaction *a)
{
    return (a->sa_flags & SA_SIGINFO) ? (sighandler_t)(void (*)(void))a->sa_sigaction : a->sa_handler;
}

/* Installs handler for sig with flags and a mask of just sig (or nothing); the old handler. */
static sighandler_t install(int sig, sighandler_t handler, int flags, bool block_self)
{
    if (handler == SIG_ERR || sig <= 0 || sig >= NSIG) {
        errno = EINVAL;
        return SIG_ERR;
    }
    struct sigaction act, old;
    memset(&act, 0, sizeof act);
    act.sa_handler = handler;
    act.sa_flags = flags;
    sigemptyset(&act.sa_mask);
    if (block_self)
        sigaddset(&act.sa_mask, sig);
    if (sigaction(sig, &act, &old) != 0)
        return SIG_ERR;
    return handler_of(&old);
}

/* BSD semantics, as glibc's signal(): SA_RESTART, the signal blocked in its handler. */
sighandler_t signal(int sig, sighandler_t handler)
{
    return install(sig, handler, SA_RESTART, true);
}

sighandler_t bsd_signal(int sig, sighandler_t handler)
{
    return signal(sig, handler);
}

/* System V semantics: the handler runs once (SA_RESETHAND), the signal not blocked in it. */
sighandler_t sysv_signal(int sig, sighandler_t handler)
{
    return install(sig, handler, SA_RESETHAND | SA_NODEFER, false);
}

/* System V sigset: SIG_HOLD blocks sig; anything else installs it and unblocks sig. The old
 * disposition, or SIG_HOLD when sig was blocked. */
sighandler_t sigset(int sig, sighandler_t disp)
{
    if (sig <= 0 || sig >= NSIG || disp == SIG_ERR) {
        errno = EINVAL;
        return SIG_ERR;
    }
    sigset_t set, before;
    sigemptyset(&set);
    sigaddset(&set, sig);
    struct sigaction old;
    if (disp == SIG_HOLD) {
        if (sigaction(sig, NULL, &old) != 0 || sigprocmask(SIG_BLOCK, &set, &before) != 0)
            return SIG_ERR;
        return sigismember(&before, sig) ? SIG_HOLD : handler_of(&old);
    }
    struct sigaction act;
    memset(&act, 0, sizeof act);
    act.sa_handler = disp;
    sigemptyset(&act.sa_mask);
    if (sigaction(sig, &act, &old) != 0 || sigprocmask(SIG_UNBLOCK, &set, &before) != 0)
        return SIG_ERR;
    return sigismember(&before, sig) ? SIG_HOLD : handler_of(&old);
}
