/* verify_vectors.h — the real-quote test vectors for the verifier tests (test_verify_real,
 * test_verify_quote_tamper, test_verify_collateral_tamper, test_verify_regressions,
 * test_dcap_api): the two real quotes with their collateral and expected verdicts, the
 * offsets of their fields, and helpers to verify a (changed) quote or collateral directory
 * and check the exact verdict. Each program passes vectors_setup and vectors_teardown to
 * cmocka_run_group_tests. Test code only. */
#ifndef VSGX_VERIFY_VECTORS_H
#define VSGX_VERIFY_VECTORS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vsgx/qvl.h"

#define PROC VSGX_VECTORS "/quotes/sgx-v3-processor-ca-2025-07"
#define PLAT VSGX_VECTORS "/quotes/sgx-v3-platform-ca-2025-08"
#define SYNTH VSGX_VECTORS "/synthetic-intel-qvl"

/* Offsets in both real quotes (v3, 32 bytes of QE authentication data, type 5). */
enum {
    OFF_BODY = 48,
    OFF_SIG_LEN = 432,
    OFF_QUOTE_SIG = 436,
    OFF_ATTEST_KEY = 500,
    OFF_QE_REPORT = 564,
    OFF_QE_REPORT_SIG = 948,
    OFF_AUTH_LEN = 1012,
    OFF_AUTH = 1014,
    OFF_CERT_TYPE = 1046,
    OFF_CERT_LEN = 1048,
    OFF_CERT = 1052,
};
#define ANY_OFFSET INT64_MIN
#define UNSPEC SGX_QL_QV_RESULT_UNSPECIFIED
#define BADSIG SGX_QL_QV_RESULT_INVALID_SIGNATURE

/* ---- the vectors ------------------------------------------------------------------------ */

typedef struct {
    const char *dir;
    int64_t time;
    sgx_ql_qv_result_t result;
    char status[48], platform_status[48], qe_status[48];
    size_t advisory_count;
    char advisories[4][32];
    int64_t window_start, window_end, tcb_date;
    uint8_t *quote;
    size_t quote_len;
    vsgx_collateral_t *coll;
} vec_t;

/* g_vec[0]: the Processor CA quote (PROC), g_vec[1]: the Platform CA quote (PLAT). */
extern vec_t g_vec[2];
extern char g_what[160]; /* what is being tried, for failure messages */

/* Group setup and teardown: load and free g_vec. */
int vectors_setup(void **state);
int vectors_teardown(void **state);

/* A whole file (at most 16 MiB); fails the test when it cannot be read. */
uint8_t *load(const char *path, size_t *len);

/* ---- verifying and checking verdicts --------------------------------------------------- */

/* Verifies an exact-size copy of q[0..len) (so a read past the end is an ASan error) with
 * collateral c at time (0: the vector's time). */
void verify_with(const vec_t *t, const vsgx_collateral_t *c, const uint8_t *q, size_t len, int64_t time,
                 vsgx_qvl_verdict_t *v);
/* The same with the vector's collateral at the vector's time. */
void verify(const vec_t *t, const uint8_t *q, size_t len, vsgx_qvl_verdict_t *v);
/* Verifies the quote with q[off] ^= mask. */
void verify_flip(const vec_t *t, size_t off, uint8_t mask, vsgx_qvl_verdict_t *v);

/* Fails unless the verdict is exactly code, result, check and offset (ANY_OFFSET: any). */
void expect_(const vsgx_qvl_verdict_t *v, quote3_error_t code, sgx_ql_qv_result_t result, const char *check,
             int64_t offset, int line);
#define EXPECT(v, code, result, check, offset) expect_((v), (code), (result), (check), (offset), __LINE__)

/* Fails unless the verdict is the vector's expected one. */
void expect_good(const vec_t *t, const vsgx_qvl_verdict_t *v);

/* ---- quote bytes ------------------------------------------------------------------------ */

/* The first needle in hay[from..len), or NULL. */
const char *find(const char *hay, size_t len, const char *needle, size_t from);
void put16(uint8_t *p, uint16_t v); /* little-endian */
void put32(uint8_t *p, uint32_t v);
uint32_t get32(const uint8_t *p);

/* Replaces the base64 character `k` characters into certificate `which` (0 leaf, 1 CA, 2 root)
 * of the quote's PEM chain with another base64 character, and verifies. */
void verify_pem_change(const vec_t *t, int which, size_t k, vsgx_qvl_verdict_t *v);

/* A zero-padded copy of the vector's quote with `extra` bytes more. */
uint8_t *dup_quote(const vec_t *t, size_t extra);

/* ---- collateral directories ------------------------------------------------------------- */

/* A fresh temporary copy of the regular files of src; remove_dir deletes it and frees dir. */
char *copy_dir(const char *src);
void remove_dir(char *dir);
void write_file(const char *dir, const char *name, const void *data, size_t len);

/* A collateral directory: a copy of the vector's, with name's first `old` replaced by `new`
 * (name NULL: unchanged). */
char *tampered_dir(const vec_t *t, const char *name, const char *old, const char *new);

/* Loads dir as collateral and verifies the vector's quote with it. Returns the load's code. */
quote3_error_t verify_dir(const vec_t *t, const char *dir, vsgx_qvl_verdict_t *v, vsgx_qvl_failure_t *why);

#endif
