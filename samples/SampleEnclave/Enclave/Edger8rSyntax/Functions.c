/* Functions.c — the enclave side of the function attribute demos: OCALLs declared with each
 * calling convention, a public ECALL whose OCALL lets the private ECALL in, and errno carried
 * back from an OCALL declared propagate_errno. */
#include <errno.h>
#include <string.h>

#include "../Enclave.h"
#include "Enclave_t.h"

#define DLLIMPORT_TEXT "calling conventions"

int ecall_function_calling_convs(void)
{
    long r = 0;
    ENCLAVE_CHECK(ocall_conv_cdecl(&r, 3, 40) == SGX_SUCCESS && r == 43, "ocall_conv_cdecl returned %ld", r);
    ENCLAVE_CHECK(ocall_conv_stdcall(&r, 3, 40) == SGX_SUCCESS && r == 120, "ocall_conv_stdcall returned %ld", r);
    ENCLAVE_CHECK(ocall_conv_fastcall(&r, 3, 40) == SGX_SUCCESS && r == 37, "ocall_conv_fastcall returned %ld", r);
    size_t n = 0;
    ENCLAVE_CHECK(ocall_conv_dllimport(&n, DLLIMPORT_TEXT) == SGX_SUCCESS && n == strlen(DLLIMPORT_TEXT),
                  "ocall_conv_dllimport returned %zu", n);
    return 0;
}

/* The application calls ecall_function_private from inside ocall_function_allow. */
int ecall_function_public(void)
{
    int r = -1;
    ENCLAVE_CHECK(ocall_function_allow(&r) == SGX_SUCCESS, "ocall_function_allow failed");
    ENCLAVE_CHECK(r == 0, "ocall_function_allow returned %d", r);
    return 0;
}

/* Private: the application cannot call it directly, only during ocall_function_allow. */
int ecall_function_private(void)
{
    return SAMPLE_PRIVATE_MAGIC;
}

/* The application's open() fails; propagate_errno brings its errno into the enclave's. */
int ecall_function_errno(const char *path)
{
    int r = 0;
    errno = 0;
    ENCLAVE_CHECK(ocall_open_file(&r, path) == SGX_SUCCESS, "ocall_open_file failed");
    ENCLAVE_CHECK(r == -1, "ocall_open_file returned %d for %s", r, path);
    ENCLAVE_CHECK(errno == ENOENT, "errno after ocall_open_file is %d, expected ENOENT (%d)", errno, ENOENT);
    return errno;
}
