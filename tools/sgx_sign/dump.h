/* dump.h — sgx_sign's text dump of an enclave's metadata: every form of the chain, each with its
 * header fields and its SIGSTRUCT (header, key, body, q1, q2), as `metadata->field: 0x...` lines
 * and arrays of hex bytes sixteen to a line (the form scripts read, e.g. enclave_hash.m), then
 * MRSIGNER. */
#ifndef SGX_SIGN_DUMP_H
#define SGX_SIGN_DUMP_H

#include <stdbool.h>
#include <stdio.h>

#include "metadata.h"

bool dump_metadata(FILE *out, const vsgx_metadata_t *chain);

/* A bare SIGSTRUCT (such as a launch enclave's css file): its fields and MRSIGNER. */
bool dump_sigstruct(FILE *out, const vsgx_sigstruct_t *css);

#endif
