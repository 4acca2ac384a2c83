/* sgx_spinlock.h — Intel's enclave spinlock: a 32-bit word that is 0 when free. sgx_spin_lock
 * busy-waits (never leaves the enclave) until it takes the lock; sgx_spin_unlock releases it.
 * Both return 0. For short critical sections only; anything that may wait long should use the
 * sleeping primitives of sgx_thread.h. Enclave code (libvsgx_trts). */
#ifndef _SGX_SPINLOCK_H_
#define _SGX_SPINLOCK_H_

#include <stdint.h>
#include "sgx_defs.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef volatile uint32_t sgx_spinlock_t;

#define SGX_SPINLOCK_INITIALIZER 0

uint32_t SGXAPI sgx_spin_lock(sgx_spinlock_t *lock);
uint32_t SGXAPI sgx_spin_unlock(sgx_spinlock_t *lock);

#ifdef __cplusplus
}
#endif

#endif
