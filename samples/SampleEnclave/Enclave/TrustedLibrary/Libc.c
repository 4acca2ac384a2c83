/* Libc.c — the trusted C library at work inside the enclave: the heap (malloc, calloc, realloc,
 * free, and running out of it), and string, sorting and formatting functions whose output the
 * application compares byte for byte with the host C library's. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../Enclave.h"
#include "Enclave_t.h"
#include "sgx_trts.h"

#define BLOCKS 64

static size_t block_size(int i)
{
    return 16u * (size_t)(i + 1) + (size_t)i;
}

static void check_fill(const unsigned char *p, size_t n, unsigned char v, const char *what, int i)
{
    for (size_t k = 0; k < n; k++)
        ENCLAVE_CHECK(p[k] == v, "ecall_malloc_free: %s block %d byte %zu is %u, expected %u", what, i, k, p[k], v);
}

int ecall_malloc_free(void)
{
    unsigned char *blocks[BLOCKS];
    for (int i = 0; i < BLOCKS; i++) {
        blocks[i] = malloc(block_size(i));
        ENCLAVE_CHECK(blocks[i] != NULL, "ecall_malloc_free: malloc(%zu) failed", block_size(i));
        ENCLAVE_CHECK(sgx_is_within_enclave(blocks[i], block_size(i)), "ecall_malloc_free: block outside the enclave");
        ENCLAVE_CHECK(((uintptr_t)blocks[i] & 15) == 0, "ecall_malloc_free: block %d not 16-byte aligned", i);
        memset(blocks[i], i, block_size(i));
    }
    for (int i = 0; i < BLOCKS; i++)
        check_fill(blocks[i], block_size(i), (unsigned char)i, "malloc", i);

    /* free every other block, grow the rest into the holes and past them */
    for (int i = 0; i < BLOCKS; i += 2) {
        free(blocks[i]);
        blocks[i] = NULL;
    }
    for (int i = 1; i < BLOCKS; i += 2) {
        unsigned char *grown = realloc(blocks[i], 2 * block_size(i));
        ENCLAVE_CHECK(grown != NULL, "ecall_malloc_free: realloc of block %d failed", i);
        check_fill(grown, block_size(i), (unsigned char)i, "realloc", i);
        blocks[i] = grown;
    }
    for (int i = 0; i < BLOCKS; i++)
        free(blocks[i]);

    unsigned char *zeroed = calloc(128, 8);
    ENCLAVE_CHECK(zeroed != NULL, "ecall_malloc_free: calloc failed");
    check_fill(zeroed, 128 * 8, 0, "calloc", 0);
    free(zeroed);

    /* far more than the 1 MiB heap: NULL and ENOMEM, and the heap still works afterwards */
    errno = 0;
    void *huge = malloc(64u << 20);
    ENCLAVE_CHECK(huge == NULL && errno == ENOMEM, "ecall_malloc_free: a 64 MiB malloc did not fail with ENOMEM");
    void *small = malloc(32);
    ENCLAVE_CHECK(small != NULL, "ecall_malloc_free: malloc failed after running out");
    free(small);
    return 0;
}

static int compare_chars(const void *a, const void *b)
{
    return *(const unsigned char *)a - *(const unsigned char *)b;
}

/* Sorts the text's characters and formats a line from them; the application does the same
 * with the host C library and compares the output and the returned length. */
int ecall_libc_strings(const char *text, char *out, size_t out_len)
{
    ENCLAVE_CHECK(text != NULL && out != NULL, "ecall_libc_strings: missing buffer");
    size_t n = strlen(text);
    char *sorted = malloc(n + 1);
    ENCLAVE_CHECK(sorted != NULL, "ecall_libc_strings: malloc(%zu) failed", n + 1);
    memcpy(sorted, text, n + 1);
    qsort(sorted, n, 1, compare_chars);
    const char *last_word = strrchr(text, ' ');
    int w = snprintf(out, out_len, "[%s] len=%zu hex=%#x sci=%+.3e int=%-6d| last=%s", sorted, n, 0xbeefu,
                     3.14159265358979, -42, last_word ? last_word + 1 : text);
    free(sorted);
    return w;
}
