/* sgx_trts.h — trusted runtime queries: whether a buffer lies wholly inside or wholly outside
 * the enclave (1 only for a whole, non-wrapping range), and random numbers. Enclave code. */
#ifndef _SGX_TRTS_H_
#define _SGX_TRTS_H_

#include <stddef.h>
#include "sgx_defs.h"
#include "sgx_error.h"

#ifdef __cplusplus
extern "C" {
#endif

int SGXAPI sgx_is_within_enclave(const void *addr, size_t size);
int SGXAPI sgx_is_outside_enclave(const void *addr, size_t size);
int SGXAPI sgx_is_enclave_crashed(void);
sgx_status_t SGXAPI sgx_read_rand(unsigned char *rand, size_t length_in_bytes);

#ifdef __cplusplus
}
#endif

#endif
