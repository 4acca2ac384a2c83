/* sgx_cpuid.h — CPUID for enclave code. The instruction faults inside an enclave, so these run
 * it outside through the sgx_oc_cpuidex OCALL of sgx_tstdc.edl (which the enclave's EDL must
 * import): the results come from the host and are not to be trusted. Enclave code. */
#ifndef _SGX_CPUID_H_
#define _SGX_CPUID_H_

#include "sgx_defs.h"
#include "sgx_error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* CPUID leaf (subleaf 0) into cpuinfo: EAX, EBX, ECX, EDX. cpuinfo must lie inside the
 * enclave (else SGX_ERROR_INVALID_PARAMETER); an OCALL failure is returned as it is. */
sgx_status_t SGXAPI sgx_cpuid(int cpuinfo[4], int leaf);
/* The same for a leaf and subleaf. */
sgx_status_t SGXAPI sgx_cpuidex(int cpuinfo[4], int leaf, int subleaf);

#ifdef __cplusplus
}
#endif

#endif
