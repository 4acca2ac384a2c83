/* sim_sigaction.c — keeps the simulated CPU in front of the application's signal handlers. On
 * hardware a fault or an interrupt inside an enclave is an AEX before any handler of the host
 * runs; here the simulated CPU's handlers (sim_aex.c for faults, sim_interrupt.c for the rest)
 * must see every such signal first. From the first ECREATE on, sigaction() and signal() are
 * interposed: for a signal the simulated CPU handles (the faults always; any other while it has
 * a handler), the application's action is recorded as the one to deliver to, the simulated
 * CPU's stays installed (with the mask and flags the application asked for), and the
 * application sees its own action as the old one. Setting SIG_DFL or SIG_IGN on a non-fault
 * signal gives it back. Before the first ECREATE every call goes straight to the C library. At
 * each ECREATE the dispositions are checked again, for handlers installed by raw system calls. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "sim_signal.h"

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

/* Records a as the application's action for sig and installs the simulated CPU's in front. */
static int take(int sig, const struct sigaction *a)
{
    struct sigaction s = ours(sig, a);
    int rc = vsgx_sim_real_sigaction(sig, &s, NULL);
    if (rc == 0) {
        app[sig] = *a;
        atomic_store(&owned[sig], true);
    }
    return rc;
}

void vsgx_sim_take_signals(void)
{
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
    table_unlock(&saved);
}

const struct sigaction *vsgx_sim_app_action(int sig)
{
    return &app[sig];
}

void vsgx_sim_reset_hand(int sig)
{
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    if (!vsgx_sim_is_fault(sig)) {
        vsgx_sim_real_sigaction(sig, &dfl, NULL);
        atomic_store(&owned[sig], false);
    }
    app[sig] = dfl;
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

/* signal() with the C library's BSD semantics: SA_RESTART, the signal blocked in its handler. */
sighandler_t signal(int sig, sighandler_t handler)
{
    struct sigaction act, old;
    memset(&act, 0, sizeof act);
    act.sa_handler = handler;
    act.sa_flags = SA_RESTART;
    sigemptyset(&act.sa_mask);
    if (sig > 0 && sig < NSIG)
        sigaddset(&act.sa_mask, sig);
    if (sigaction(sig, &act, &old) != 0)
        return SIG_ERR;
    return (old.sa_flags & SA_SIGINFO) ? (sighandler_t)(void (*)(void))old.sa_sigaction : old.sa_handler;
}
