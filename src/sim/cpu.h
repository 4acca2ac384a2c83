/* cpu.h — the enclave instructions of an SGX CPU behind one small interface, the backend the
 * loader and the untrusted runtime use: create (ECREATE), add a page (EADD, and EEXTEND when
 * measured), init (EINIT), enter (EENTER until EEXIT) and destroy. vsgx_sim_backend is the
 * simulated CPU; a hardware backend over /dev/sgx_enclave would implement the same operations.
 * Host code. */
#ifndef VSGX_SIM_CPU_H
#define VSGX_SIM_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sgx_attributes.h"
#include "sgx_error.h"
#include "sgx_report.h"

#define VSGX_PAGE_SIZE 4096u

struct vsgx_platform;

/* SECINFO.FLAGS: permissions and page type. */
#define VSGX_SI_R 0x1ull
#define VSGX_SI_W 0x2ull
#define VSGX_SI_X 0x4ull
#define VSGX_SI_PT_MASK 0xff00ull
#define VSGX_SI_PT_TCS 0x100ull
#define VSGX_SI_PT_REG 0x200ull

/* Enclave commands a runtime passes in RDI at EENTER, and what it leaves in RDI at EEXIT. */
#define VSGX_ECMD_INIT_ENCLAVE (-1)  /* first entry after EINIT: relocate, set up the heap */
#define VSGX_ECMD_ORET (-2)          /* the return of an OCALL; RSI: its status */
#define VSGX_ECMD_EXCEPT (-3)        /* handle the exception in the SSA (after an AEX) */
#define VSGX_OCMD_ERET (-1)          /* at EEXIT: the ECALL returned; RSI: its status */
#define VSGX_OCMD_AEX (-16)          /* enter/resume came back by an asynchronous exit (an exception
                                        inside the enclave): its state is in the SSA; EENTER with
                                        ECMD_EXCEPT lets the enclave handle it, then resume */

typedef struct vsgx_enclave_hw vsgx_enclave_hw_t;

/* What ECREATE takes (the SECS). */
typedef struct {
    uint64_t size;                  /* a power of two, at least 2 pages */
    uint32_t ssa_frame_size;        /* pages per SSA frame, >= 1 */
    sgx_attributes_t attributes;    /* with DEBUG as requested; INIT is set by EINIT */
    sgx_misc_select_t misc_select;
    sgx_config_id_t config_id;      /* KSS */
    sgx_config_svn_t config_svn;
    const struct vsgx_platform *platform; /* the machine whose keys EGETKEY/EREPORT use (kept
                                             by the caller while the enclave lives) */
} vsgx_secs_params_t;

/* The identity EINIT establishes (what EREPORT reports). */
typedef struct {
    sgx_measurement_t mr_enclave, mr_signer;
    sgx_attributes_t attributes;
    sgx_misc_select_t misc_select;
    sgx_prod_id_t isv_prod_id;
    sgx_isv_svn_t isv_svn;
    sgx_config_id_t config_id;
    sgx_config_svn_t config_svn;
    sgx_isvfamily_id_t isv_family_id;
    sgx_isvext_prod_id_t isv_ext_prod_id;
} vsgx_enclave_identity_t;

/* Registers passed at EENTER and found at EEXIT (the rest are the runtime's business). */
typedef struct {
    uint64_t rdi, rsi, rdx;
} vsgx_enter_regs_t;

typedef struct {
    const char *name;
    /* ECREATE: reserves the enclave's range, aligned to its size; *base receives its address. */
    sgx_status_t (*create)(const vsgx_secs_params_t *secs, vsgx_enclave_hw_t **out, uint64_t *base);
    /* EADD of the page at rva with SECINFO flags (src: 4096 bytes, NULL for zeros), then the
     * sixteen EEXTENDs when measure. Refused after init, outside the range or twice. */
    sgx_status_t (*add_page)(vsgx_enclave_hw_t *e, uint64_t rva, const void *src, uint64_t flags, bool measure);
    /* EINIT with the enclave's SIGSTRUCT (1808 bytes): SGX_ERROR_INVALID_SIGNATURE when it does
     * not verify, SGX_ERROR_INVALID_ENCLAVE when MRENCLAVE differs from ENCLAVEHASH,
     * SGX_ERROR_INVALID_ATTRIBUTE / SGX_ERROR_INVALID_MISC when the SECS's differ from the
     * SIGSTRUCT's under their masks (a debug SECS for a DisableDebug enclave: NDEBUG_ENCLAVE). */
    sgx_status_t (*init)(vsgx_enclave_hw_t *e, const void *sigstruct, size_t len);
    /* EENTER on the TCS at tcs (an address) with regs, until the enclave's EEXIT; regs then hold
     * what it left. SGX_ERROR_ENCLAVE_CRASHED when the enclave faulted with no way back;
     * SGX_ERROR_OUT_OF_TCS when the TCS is active on another thread. */
    sgx_status_t (*enter)(vsgx_enclave_hw_t *e, uint64_t tcs, vsgx_enter_regs_t *regs);
    /* ERESUME on the TCS: the state the last AEX saved (as the enclave's handler left it) is
     * restored and the enclave goes on until its next EEXIT or AEX, as enter. */
    sgx_status_t (*resume)(vsgx_enclave_hw_t *e, uint64_t tcs, vsgx_enter_regs_t *regs);
    /* The identity established by EINIT (NULL before). */
    const vsgx_enclave_identity_t *(*identity)(const vsgx_enclave_hw_t *e);
    /* Releases the range and everything in it. */
    void (*destroy)(vsgx_enclave_hw_t *e);
} vsgx_backend_t;

extern const vsgx_backend_t vsgx_sim_backend;

#endif
