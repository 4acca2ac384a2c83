/* sgx_defs.h — basic definitions shared by the Intel-compatible headers. */
#ifndef _SGX_DEFS_H_
#define _SGX_DEFS_H_

#define SGXAPI
#define SGX_CDECL

#ifdef __cplusplus
#define SGX_EXTERNC extern "C"
#else
#define SGX_EXTERNC
#endif

#endif
