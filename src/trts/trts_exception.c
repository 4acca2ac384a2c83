/* trts_exception.c — exceptions inside the enclave. The handlers registered with
 * sgx_register_exception_handler (at most 64, under a spin lock) are called in order with the
 * faulting state read from the SSA frame the AEX filled (registers, EXINFO, and the frame's XSAVE
 * area); the first that returns EXCEPTION_CONTINUE_EXECUTION has its (possibly changed) state
 * written back, and the host resumes it. When none does, or EXITINFO is not valid, the enclave is crashed. */
#include "trts_internal.h"

#include <stddef.h>

#include "sgx_trts.h"
#include "sgx_trts_exception.h"

#define MAX_HANDLERS 64
#define GPR_EXITINFO 160

typedef struct {
    sgx_exception_handler_t fn;
} handler_t;

static handler_t slots[MAX_HANDLERS];
static handler_t *order[MAX_HANDLERS];
static size_t count;
static volatile int lock;

uint64_t vsgx_trts_ssa_frame_bytes;

static void take(void)
{
    while (__atomic_exchange_n(&lock, 1, __ATOMIC_ACQUIRE))
        __builtin_ia32_pause();
}

static void give(void)
{
    __atomic_store_n(&lock, 0, __ATOMIC_RELEASE);
}

void *sgx_register_exception_handler(int is_first_handler, const sgx_exception_handler_t exception_handler)
{
    if (!exception_handler || !sgx_is_within_enclave((const void *)(uintptr_t)exception_handler, 1))
        return NULL;
    handler_t *h = NULL;
    take();
    for (size_t i = 0; i < MAX_HANDLERS && !h; i++)
        if (!slots[i].fn)
            h = &slots[i];
    if (h) {
        h->fn = exception_handler;
        if (is_first_handler) {
            for (size_t i = count; i > 0; i--)
                order[i] = order[i - 1];
            order[0] = h;
        } else {
            order[count] = h;
        }
        count++;
    }
    give();
    return h;
}

int sgx_unregister_exception_handler(const void *handler)
{
    int found = 0;
    take();
    for (size_t i = 0; i < count; i++)
        if (order[i] == handler) {
            order[i]->fn = NULL;
            for (size_t k = i; k + 1 < count; k++)
                order[k] = order[k + 1];
            count--;
            found = 1;
            break;
        }
    give();
    return found;
}

#define GPRSGX_SIZE 184
#define MISC_SIZE 16

_Static_assert(sizeof(sgx_exception_info_t) == 192 && offsetof(sgx_exception_info_t, exception_valid) == 168 &&
                   offsetof(sgx_exception_info_t, xsave_size) == 176,
               "Intel's sgx_exception_info_t");

/* The registered handlers on the exception in the SSA frame whose GPRSGX is gpr: true when one
 * handled it, its state then written back to the frame. */
static bool handled(uint64_t *gpr, uint32_t exitinfo)
{
    /* The frame's XSAVE area, at its start: as much of it as the enclave's XFRM takes (the size
     * the signer put in the thread data), within the room below MISC. */
    size_t room = vsgx_trts_ssa_frame_bytes - GPRSGX_SIZE - MISC_SIZE, xsave_size = vsgx_trts_td()->xsave_size;
    if (xsave_size == 0 || xsave_size > room)
        xsave_size = room;
    uint8_t *xsave = (uint8_t *)gpr + GPRSGX_SIZE - vsgx_trts_ssa_frame_bytes;
    uint8_t raw[sizeof(sgx_exception_info_t) + xsave_size + 64];
    sgx_exception_info_t *info = (sgx_exception_info_t *)(((uintptr_t)raw + 63) & ~(uintptr_t)63);
    __builtin_memset(info, 0, sizeof *info);
    uint64_t *ctx = (uint64_t *)&info->cpu_context;
    for (int i = 0; i < 18; i++)
        ctx[i] = gpr[i];
    info->exception_vector = (sgx_exception_vector_t)(exitinfo & 0xff);
    info->exception_type = (sgx_exception_type_t)((exitinfo >> 8) & 7);
    const uint64_t *exinfo = (const uint64_t *)((const uint8_t *)gpr - MISC_SIZE);
    info->exinfo.faulting_address = exinfo[0];
    info->exinfo.error_code = (uint32_t)exinfo[1];
    info->exception_valid = 1;
    info->xsave_size = xsave_size;
    __builtin_memcpy(info->xsave_area, xsave, xsave_size);
    /* The handlers are called without the lock: one may register another. */
    handler_t *list[MAX_HANDLERS];
    take();
    size_t n = count;
    for (size_t i = 0; i < n; i++)
        list[i] = order[i];
    give();
    for (size_t i = 0; i < n; i++) {
        sgx_exception_handler_t fn = list[i]->fn;
        if (fn && fn(info) == EXCEPTION_CONTINUE_EXECUTION) {
            for (int k = 0; k < 18; k++)
                gpr[k] = ctx[k];
            __builtin_memcpy(xsave, info->xsave_area, xsave_size);
            return true;
        }
    }
    return false;
}

/* Called by enclave_entry on an ECMD_EXCEPT entry with the interrupted frame's GPRSGX (the
 * entry leaves an SSA frame's bytes of stack more than the handlers need, for the info). */
uint64_t vsgx_trts_handle_exception(uint64_t *gpr)
{
    uint32_t exitinfo = *(const uint32_t *)((const uint8_t *)gpr + GPR_EXITINFO);
    if ((exitinfo & (1u << 31)) && !vsgx_trts_crashed && handled(gpr, exitinfo))
        return SGX_SUCCESS;
    vsgx_trts_crashed = 1;
    return SGX_ERROR_ENCLAVE_CRASHED;
}
