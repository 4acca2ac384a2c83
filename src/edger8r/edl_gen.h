/* edl_gen.h — the sgx_edger8r code generators: from a loaded enclave (edl_ast.h) write Intel-
 * compatible <name>_t.h/_t.c (trusted bridges, ECALL and dynamic-entry tables, OCALL proxies)
 * and <name>_u.h/_u.c (ECALL proxies, OCALL table). Host code; called by tools/sgx_edger8r and
 * the tests. */
#ifndef VSGX_EDGER8R_EDL_GEN_H
#define VSGX_EDGER8R_EDL_GEN_H

#include <stdbool.h>

#include "edl_ast.h"

typedef struct {
    bool trusted, untrusted;    /* neither means both */
    bool use_prefix;            /* untrusted ECALL proxies are named <enclave>_<ecall> */
    bool header_only;           /* write only the .h files */
    const char *trusted_dir, *untrusted_dir;   /* NULL means "." */
} edl_gen_options_t;

/* Write the files the options ask for. On failure fills *diag (an I/O or allocation error) and
 * returns false; files already written are left. */
bool edl_generate(const edl_enclave_t *e, const edl_gen_options_t *opt, edl_diag_t *diag);

/* Each file's text, malloc'd (caller frees), or NULL when out of memory. */
char *edl_gen_trusted_header(const edl_enclave_t *e);
char *edl_gen_trusted_source(const edl_enclave_t *e);
char *edl_gen_untrusted_header(const edl_enclave_t *e, bool use_prefix);
char *edl_gen_untrusted_source(const edl_enclave_t *e, bool use_prefix);

#endif
