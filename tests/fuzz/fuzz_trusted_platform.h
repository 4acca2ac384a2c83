/* fuzz_trusted_platform.h — the trusted platform that the trusted services (src/tservice, built
 * for the host as fuzz_tservice_host) call in fuzz_unseal and fuzz_dh, in place of the trusted
 * runtime and the CPU: a model of the enclave's address range (the registered buffers and the
 * calling thread's live stack are inside, everything else outside), a deterministic
 * sgx_read_rand, EGETKEY (sgx_get_key) and EREPORT (sgx_create_report, sgx_self_report,
 * sgx_self_target) for two fixed enclave identities on one simulated platform. */
#ifndef VSGX_FUZZ_TRUSTED_PLATFORM_H
#define VSGX_FUZZ_TRUSTED_PLATFORM_H

#include <stddef.h>
#include <stdint.h>

#include "sgx_report.h"

/* The two enclaves of the platform: A (the sealing enclave, the DH responder) and B (the DH
 * initiator); same signer, other MRENCLAVE and ISVPRODID. */
enum { FUZZ_TP_ENCLAVE_A = 0, FUZZ_TP_ENCLAVE_B = 1 };

/* The platform's current CPUSVN (every byte), and the enclaves' ISVSVN and, with KSS, CONFIGSVN. */
#define FUZZ_TP_CPUSVN 0x10
#define FUZZ_TP_ISVSVN 3
#define FUZZ_TP_CONFIGSVN 1

/* Starts an input: no buffer registered (aborts if one still is: a harness leak), random bytes
 * from seed, enclave A current, with KSS (SGX_FLAGS_KSS, CONFIGSVN, CONFIGID, ISVFAMILYID,
 * ISVEXTPRODID set in both identities) or without. */
void fuzz_tp_reset(uint64_t seed, int kss);
/* Runs the following calls as enclave id (FUZZ_TP_ENCLAVE_A or _B). */
void fuzz_tp_enter(int id);
/* The REPORT body an enclave's EREPORT gives (report data zero). */
const sgx_report_body_t *fuzz_tp_identity(int id);

/* A buffer of exactly size bytes (malloc'd; at least one byte allocated), inside the enclave
 * when inside is non-zero (registered) and outside otherwise. Aborts when out of memory or of
 * registry slots. fuzz_tp_free unregisters and frees it (NULL: nothing). */
void *fuzz_tp_alloc(size_t size, int inside);
void fuzz_tp_free(void *p);

#endif
