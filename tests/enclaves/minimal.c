/* minimal.c — the smallest enclave image the signer accepts, built for tests: the runtime's
 * g_global_data, an entry point, some code, read-only data, initialised and zeroed data, and a
 * thread-local variable (so the layout has a TLS block). It is linked like an SDK enclave, not
 * run. */
#include "vsgx/global_data.h"

__attribute__((visibility("default"))) vsgx_global_data_t g_global_data = {
    .sdk_version = VSGX_GLOBAL_DATA_VERSION,
};

static __thread unsigned long thread_counter = 7;
static const char greeting[] = "minimal enclave";
unsigned long calls[64];
const char *const greeting_at = greeting;   /* a pointer: an R_X86_64_RELATIVE relocation */

__attribute__((visibility("default"))) unsigned long enclave_entry(unsigned long index)
{
    calls[index % 64]++;
    thread_counter += greeting_at[index % sizeof greeting];
    return thread_counter;
}
