/* trts_internal.h — what the trusted runtime's files share: the enclave's base and size, the
 * current thread's data, the one-time enclave initialisation, and the entry points the assembly
 * calls. Enclave code; not for enclave developers (their API is sgx_trts.h, sgx_edger8r.h). */
#ifndef VSGX_TRTS_INTERNAL_H
#define VSGX_TRTS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sgx_error.h"
#include "vsgx/global_data.h"

#define VSGX_ECMD_INIT_ENCLAVE (-1)

extern vsgx_global_data_t g_global_data;

/* The enclave's load address (where __ImageBase, defined as 0 at link time, ends up). */
static inline uint64_t vsgx_trts_base(void)
{
    extern char __ImageBase[];
    uint64_t base;
    __asm__("lea __ImageBase(%%rip), %0" : "=r"(base));
    (void)__ImageBase;
    return base;
}

/* The calling thread's data (FS and GS point at it). */
static inline vsgx_thread_data_t *vsgx_trts_td(void)
{
    vsgx_thread_data_t *td;
    __asm__ volatile("mov %%gs:0, %0" : "=r"(td));
    return td;
}

/* Sets up the thread's data on its first entry: the template's offsets made addresses (relative
 * to the TCS at tcs), the TLS block from PT_TLS, a random stack-protector canary. */
void vsgx_trts_init_thread(vsgx_thread_data_t *td, uint64_t tcs);
/* Applies the enclave's dynamic relocations to itself (once). false on an unsupported one. */
bool vsgx_trts_relocate(void);
/* The static TLS block's size (PT_TLS memory size rounded up to its alignment). */
uint64_t vsgx_trts_tls_size(void);

/* Once per enclave, on the first entry of any thread: relocation and the heap. */
sgx_status_t vsgx_trts_init_enclave(void);

/* The enclave has crashed (abort, an unhandled fault): every later entry fails. */
extern volatile int vsgx_trts_crashed;

/* Called by enclave_entry (trts_entry.S). */
uint64_t vsgx_trts_ecall(int64_t cmd, void *ms, uint64_t arena, uint64_t tcs, uint64_t exit_address);
/* Keeps the CPUID table passed with the first initialisation ECALL (trts_cpuid.c). */
void vsgx_trts_take_cpuid_table(const void *ms);
uint64_t vsgx_trts_ocall_exit(uint64_t index, void *ms);
_Noreturn void vsgx_trts_eexit(void);

#endif
