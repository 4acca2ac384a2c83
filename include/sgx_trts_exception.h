/* sgx_trts_exception.h — exception handling inside an enclave: handlers registered with
 * sgx_register_exception_handler are called, in order, with the state of the faulting thread
 * when a hardware exception (or INT3) happens in the enclave; a handler returns
 * EXCEPTION_CONTINUE_EXECUTION (after fixing the state, e.g. moving RIP) to resume there, or
 * EXCEPTION_CONTINUE_SEARCH to let the next one try. When none handles it the enclave crashes.
 * The state includes the extended (XSAVE) registers, which ERESUME restores as the handler left
 * them. Enclave code. */
#ifndef _SGX_TRTS_EXCEPTION_H_
#define _SGX_TRTS_EXCEPTION_H_

#include <stdint.h>
#include "sgx_defs.h"

#define EXCEPTION_CONTINUE_SEARCH 0
#define EXCEPTION_CONTINUE_EXECUTION -1

typedef enum _sgx_exception_vector_t {
    SGX_EXCEPTION_VECTOR_DE = 0,  /* divide error */
    SGX_EXCEPTION_VECTOR_DB = 1,  /* debug */
    SGX_EXCEPTION_VECTOR_BP = 3,  /* breakpoint */
    SGX_EXCEPTION_VECTOR_BR = 5,  /* bound range exceeded */
    SGX_EXCEPTION_VECTOR_UD = 6,  /* invalid opcode */
    SGX_EXCEPTION_VECTOR_GP = 13, /* general protection */
    SGX_EXCEPTION_VECTOR_PF = 14, /* page fault */
    SGX_EXCEPTION_VECTOR_MF = 16, /* x87 FPU floating-point error */
    SGX_EXCEPTION_VECTOR_AC = 17, /* alignment check */
    SGX_EXCEPTION_VECTOR_XM = 19, /* SIMD floating-point exception */
    SGX_EXCEPTION_VECTOR_CP = 21, /* control protection */
} sgx_exception_vector_t;

typedef enum _sgx_exception_type_t {
    SGX_EXCEPTION_HARDWARE = 3,
    SGX_EXCEPTION_SOFTWARE = 6,
} sgx_exception_type_t;

typedef struct _cpu_context_t {
    uint64_t rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi;
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
    uint64_t rflags, rip;
} sgx_cpu_context_t;

typedef struct _sgx_misc_exinfo_t {
    uint64_t faulting_address;
    uint32_t error_code;
    uint32_t reserved;
} sgx_misc_exinfo_t;

/* Intel's layout (SDK 2.19 on): the extended state follows at byte 192, 64-byte aligned. */
typedef struct _exception_info_t {
    sgx_cpu_context_t cpu_context;
    sgx_exception_vector_t exception_vector;
    sgx_exception_type_t exception_type;
    sgx_misc_exinfo_t exinfo;   /* valid when the enclave's MISCSELECT has EXINFO (bit 0) */
    uint32_t exception_valid;   /* 1: an exception (0 is for AEX-Notify, which vsgx has not) */
    uint32_t do_aex_mitigation; /* always 0 in vsgx */
    uint64_t xsave_size;        /* the bytes of xsave_area */
    uint64_t reserved[1];
    uint8_t xsave_area[];       /* the interrupted XSAVE image: a handler may change it */
} sgx_exception_info_t;

typedef int (*sgx_exception_handler_t)(sgx_exception_info_t *info);

#ifdef __cplusplus
extern "C" {
#endif

/* Adds a handler, first or last in the order; returns a handle, or NULL (bad argument, full). */
void *SGXAPI sgx_register_exception_handler(int is_first_handler, const sgx_exception_handler_t exception_handler);
/* Removes a handler by its handle: 1 done, 0 not registered. */
int SGXAPI sgx_unregister_exception_handler(const void *handler);

#ifdef __cplusplus
}
#endif

#endif
