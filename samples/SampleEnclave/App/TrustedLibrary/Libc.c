/* Libc.c — the application side of the trusted C library demos: the enclave's heap checks, and
 * its string, sort and format output compared byte for byte with the host C library's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../App.h"
#include "Enclave_u.h"

#define TEXT "the quick brown fox jumps over the lazy dog"
#define OUT_LEN 160

static int compare_chars(const void *a, const void *b)
{
    return *(const unsigned char *)a - *(const unsigned char *)b;
}

/* What ecall_libc_strings computes, here with glibc. */
static int host_strings(const char *text, char *out, size_t out_len)
{
    size_t n = strlen(text);
    char sorted[sizeof TEXT];
    memcpy(sorted, text, n + 1);
    qsort(sorted, n, 1, compare_chars);
    const char *last_word = strrchr(text, ' ');
    return snprintf(out, out_len, "[%s] len=%zu hex=%#x sci=%+.3e int=%-6d| last=%s", sorted, n, 0xbeefu,
                    3.14159265358979, -42, last_word ? last_word + 1 : text);
}

void trusted_libc_functions(void)
{
    int r = -1;
    app_check_status(ecall_malloc_free(global_eid, &r), "ecall_malloc_free");
    APP_CHECK(r == 0, "ecall_malloc_free returned %d", r);

    char in_enclave[OUT_LEN], on_host[OUT_LEN];
    int w = -1;
    app_check_status(ecall_libc_strings(global_eid, &w, TEXT, in_enclave, sizeof in_enclave), "ecall_libc_strings");
    int expect = host_strings(TEXT, on_host, sizeof on_host);
    APP_CHECK(w == expect && strcmp(in_enclave, on_host) == 0,
              "ecall_libc_strings gave \"%s\" (%d), the host C library \"%s\" (%d)", in_enclave, w, on_host, expect);
    printf("Info: libc in the enclave: \"%s\"\n", in_enclave);
}
