/* sgx_eid.h — sgx_enclave_id_t, the handle the untrusted runtime gives a loaded enclave. */
#ifndef _SGX_EID_H_
#define _SGX_EID_H_

#include <stdint.h>

typedef uint64_t sgx_enclave_id_t;

#endif
