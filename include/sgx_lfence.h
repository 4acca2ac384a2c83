/* sgx_lfence.h — sgx_lfence(), the speculation barrier placed after each boundary check. */
#ifndef _SGX_LFENCE_H_
#define _SGX_LFENCE_H_

#define sgx_lfence __builtin_ia32_lfence

#endif
