/* collateral_json_helpers.h — shared helpers for the collateral JSON tests
 * (test_collateral_json_*.c): vector paths, file loading, byte-level edits of JSON bodies,
 * expected-failure checks for the TCB info and enclave identity parsers, and a growable text
 * buffer for generated collateral. Names carry a cj_ prefix to stay clear of the other
 * support files (verify_vectors.c has its own load()). */
#ifndef VSGX_COLLATERAL_JSON_HELPERS_H
#define VSGX_COLLATERAL_JSON_HELPERS_H

#include <stddef.h>
#include <stdint.h>

#include "collateral_json.h"

#define PROC VSGX_VECTORS "/quotes/sgx-v3-processor-ca-2025-07"
#define PLAT VSGX_VECTORS "/quotes/sgx-v3-platform-ca-2025-08"
#define SYNTH VSGX_VECTORS "/synthetic-intel-qvl"

#define PROC_TCB PROC "/collateral/tcb_info.json"
#define SYNTH_TCB SYNTH "/tcbInfo.json"

/* A whole file (at most 1 MiB); fails the test when it cannot be read. */
char *cj_load(const char *path, size_t *len);

/* A copy of s[0..len) with the first occurrence of old replaced (old must occur). */
char *cj_replace1(const char *s, size_t len, const char *old, const char *new, size_t *out_len);

/* A NUL-terminated copy of s[0..len) followed by tail[0..tail_len). */
char *cj_append(const char *s, size_t len, const char *tail, size_t tail_len, size_t *out_len);

/* 1 when p[0..n) is all zero bytes. */
int cj_is_zero(const void *p, size_t n);

/* Fails unless rc is -1 and err is at path with a message containing msg. */
void cj_check_error(int rc, const vsgx_json_error_t *err, const char *path, const char *msg);

/* Expects the body to fail at path with a message containing msg; *out must stay zeroed. */
void cj_tcb_fails(const char *body, size_t len, const char *path, const char *msg);
void cj_qe_fails(const char *body, size_t len, const char *path, const char *msg);

/* cj_tcb_fails / cj_qe_fails on a copy of the file with one replacement. */
void cj_tcb_fails_with(const char *file, const char *old, const char *new, const char *path,
                       const char *msg);
void cj_qe_fails_with(const char *file, const char *old, const char *new, const char *path,
                      const char *msg);

/* A string of a collateral.json member. */
char *cj_collateral_field(const char *file, const char *key);

/* A growable text buffer for generated collateral. */
typedef struct {
    char *p;
    size_t len, cap;
} cj_sbuf_t;

void cj_sb_printf(cj_sbuf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
