/* urts_enclave.h — the untrusted runtime's loaded enclave, shared by urts_load.c (create,
 * destroy, the table of enclaves) and urts_ecall.c (ECALLs, OCALLs, TCS use). Host code. */
#ifndef VSGX_URTS_ENCLAVE_H
#define VSGX_URTS_ENCLAVE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "cpu.h"
#include "sgx_eid.h"
#include "vsgx/cpuid_table.h"

typedef struct vsgx_urts_enclave {
    sgx_enclave_id_t eid;
    const vsgx_backend_t *backend;
    vsgx_enclave_hw_t *hw;
    struct vsgx_platform *platform; /* the simulated machine it runs on (its keys) */
    uint64_t base, size;
    uint64_t *tcs;                 /* TCS addresses */
    bool *tcs_busy;                /* under lock */
    size_t tcs_count;
    bool bind;                     /* TCSPolicy 0: a host thread keeps its TCS until it exits */
    pthread_mutex_t lock;
    int users;                     /* ECALLs in progress, under the table's lock */
    atomic_bool crashed;
    struct vsgx_urts_enclave *next;
} vsgx_urts_enclave_t;

/* The enclave of eid with one more user (NULL: no such enclave); release with vsgx_urts_put. */
vsgx_urts_enclave_t *vsgx_urts_get(sgx_enclave_id_t eid);
void vsgx_urts_put(vsgx_urts_enclave_t *e);

/* One EENTER..EEXIT loop on tcs: the ECALL (or command) `index` with ms, running the OCALLs it
 * makes from ocall_table, until it returns. Returns the ECALL's status or the runtime's error. */
sgx_status_t vsgx_urts_call(vsgx_urts_enclave_t *e, uint64_t tcs, int64_t index, const void *ocall_table, void *ms);
/* The CPUID leaves an enclave gets at its initialisation (urts_cpuid.c). */
void vsgx_urts_cpuid_table(vsgx_cpuid_table_t *t);

#endif
