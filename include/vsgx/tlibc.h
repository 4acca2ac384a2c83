/* vsgx/tlibc.h — the hooks of tlibc (the enclave C library) that belong to vsgx rather than to
 * standard C: the trusted runtime hands tlibc the enclave heap on its first entry, and may route
 * assertion messages (e.g. to an OCALL). Freestanding: enclave code only. */
#ifndef VSGX_TLIBC_H
#define VSGX_TLIBC_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The heap: `base` is the start of the committed heap (g_global_data.heap_offset from the image
 * base), `size` its committed bytes (heap_size); malloc never grows past them. `max_size` is
 * informational (no EDMM growth). Calling it again discards every allocation. */
void vsgx_tlibc_heap_init(void *base, size_t size, size_t max_size);
/* Bytes of the heap in use by live allocations (headers included), and the highest value since
 * vsgx_tlibc_heap_init. */
size_t vsgx_tlibc_heap_used(void);
size_t vsgx_tlibc_heap_peak(void);

/* Called with the formatted message of a failed assert() (or of detected heap corruption)
 * before abort(); NULL (the default) means no message is delivered. */
typedef void (*vsgx_tlibc_message_hook_t)(const char *message);
void vsgx_tlibc_set_assert_hook(vsgx_tlibc_message_hook_t hook);

#ifdef __cplusplus
}
#endif

#endif
