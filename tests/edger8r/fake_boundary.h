/* fake_boundary.h — a stand-in for the trusted runtime under which generated trusted code runs
 * in an ordinary test process: an "enclave" address range (fake_enclave), an untrusted stack for
 * sgx_ocalloc with failure injection, and sgx_ocall delivered to a test-supplied handler. Also
 * defines the trusted C library's memcpy_s family. Tests only. */
#ifndef VSGX_TEST_FAKE_BOUNDARY_H
#define VSGX_TEST_FAKE_BOUNDARY_H

#include <stddef.h>
#include <stdint.h>

#include "sgx_error.h"

#define FAKE_ENCLAVE_SIZE 65536
extern uint8_t fake_enclave[FAKE_ENCLAVE_SIZE];

/* Bump allocator for "enclave memory" inside fake_enclave (reset by fake_boundary_reset). */
void *fake_enclave_alloc(size_t n);

typedef sgx_status_t (*fake_ocall_fn)(unsigned index, void *ms);
extern fake_ocall_fn fake_ocall_handler;
extern unsigned fake_last_ocall;        /* index of the last sgx_ocall */
extern int fake_ocall_count, fake_ocfree_count, fake_ocalloc_fail;
extern int fake_switchless_ocall_count;

void fake_boundary_reset(void);

#endif
