/* output.h — writing sgx_sign's output files whole or not at all: into a temporary file beside
 * the target, flushed, then renamed over it. */
#ifndef SGX_SIGN_OUTPUT_H
#define SGX_SIGN_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct {
    const void *data;
    size_t len;
} part_t;

/* Writes the parts, one after the other, to path with the given mode; prints why not to stderr
 * on failure. */
bool write_parts_atomic(const char *path, const part_t *parts, size_t n, mode_t mode);

/* The same with one part. */
bool write_file_atomic(const char *path, const void *data, size_t len, mode_t mode);

#endif
