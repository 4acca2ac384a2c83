/* urts_events.h — the untrusted events on which enclave threads sleep (urts_events.c): the
 * OCALLs of sgx_tstdc.edl are declared by the generated _u.h of an enclave that imports it;
 * this header has what the untrusted runtime itself calls. Host code. */
#ifndef VSGX_URTS_EVENTS_H
#define VSGX_URTS_EVENTS_H

#include <stdint.h>

/* Drops the events of the threads whose TCS lies in [base, base + size): for sgx_destroy_enclave,
 * when no thread of that enclave runs any more. */
void vsgx_urts_events_forget(uint64_t base, uint64_t size);

#endif
