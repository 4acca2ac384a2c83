/* pki_expect.h — shared helpers for the verifier tests against the test PKI (support/testpki.h):
 * test_verify_pki_quote, test_verify_pki_tcb, test_verify_pki_revocation,
 * test_verify_pki_identity and test_verify_pki_policy. pki_run builds a spec and verifies it in
 * both collateral forms, which must agree; EXPECT, pki_expect_status and pki_expect_advisories
 * check the exact verdict. Test code only.
 *
 * Never include this together with verify_vectors.h: both define EXPECT, UNSPEC, BADSIG,
 * ANY_OFFSET and OFF_* for their own quotes. The linker symbols here are prefixed pki_ so the
 * two can live in the same support library. */
#ifndef VSGX_PKI_EXPECT_H
#define VSGX_PKI_EXPECT_H

#ifdef VSGX_VERIFY_VECTORS_H
#error "pki_expect.h and verify_vectors.h must not be included together"
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "testpki.h"
#include "vsgx/qvl.h"

#define UNSPEC SGX_QL_QV_RESULT_UNSPECIFIED
#define BADSIG SGX_QL_QV_RESULT_INVALID_SIGNATURE
#define ANY_OFFSET INT64_MIN

/* Offsets in a test quote (v3, QE report at 564). */
enum { OFF_APP_ATTRIBUTES = 48 + 48, OFF_ATTEST_KEY = 500, OFF_QE_REPORT = 564 };

extern char pki_what[128]; /* what is being tried, for failure messages */

/* Fails unless the verdict is exactly code, result, check and offset (ANY_OFFSET: any). */
void pki_expect_(const vsgx_qvl_verdict_t *v, quote3_error_t code, sgx_ql_qv_result_t result, const char *check,
                 int64_t offset, int line);
#define EXPECT(v, code, result, check, offset) pki_expect_((v), (code), (result), (check), (offset), __LINE__)

/* Fails unless the two verdicts (of the Intel-structure and the dcap-qvl form) agree in every
 * field: code, result, check, offset, statuses, advisories, times, debug and supplemental. */
void pki_same_verdict(const vsgx_qvl_verdict_t *a, const vsgx_qvl_verdict_t *b);

/* Builds the spec, verifies in both collateral forms (which must agree), and leaves the
 * verdict of the Intel-structure form in *v. */
void pki_run(const tpki_spec_t *s, int64_t time, bool reject_debug, vsgx_qvl_verdict_t *v);

/* Fails unless the verdict is code and result (check "" on success, else "tcb.revoked", offset
 * -1) with the given TCB status, platform status and QE status. */
void pki_expect_status(const vsgx_qvl_verdict_t *v, quote3_error_t code, sgx_ql_qv_result_t result,
                       const char *status, const char *platform, const char *qe);

/* Fails unless the verdict's advisory IDs are exactly ids[0..n), in order. */
void pki_expect_advisories(const vsgx_qvl_verdict_t *v, const char *const *ids, size_t n);

#endif
