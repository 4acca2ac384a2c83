/* Functions.c — the application side of the function attribute demos: the OCALLs with each
 * calling convention, the private ECALL refused from here but allowed inside
 * ocall_function_allow, and errno from ocall_open_file carried into the enclave. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../App.h"
#include "Enclave_u.h"

#define MISSING_FILE "/nonexistent/vsgx-sample-enclave/missing-file"

static int allowed_calls;

void edger8r_function_attributes(void)
{
    int r = -1;
    app_check_status(ecall_function_calling_convs(global_eid, &r), "ecall_function_calling_convs");
    APP_CHECK(r == 0, "ecall_function_calling_convs returned %d", r);

    /* A private ECALL: refused when called from the application directly ... */
    int magic = 0;
    sgx_status_t ret = ecall_function_private(global_eid, &magic);
    APP_CHECK(ret == SGX_ERROR_ECALL_NOT_ALLOWED,
              "ecall_function_private from the application returned 0x%04x, expected SGX_ERROR_ECALL_NOT_ALLOWED",
              (unsigned)ret);
    APP_CHECK(magic == 0, "the refused ecall_function_private still returned %#x", (unsigned)magic);

    /* ... and let in during ocall_function_allow, whose EDL allows it */
    r = -1;
    app_check_status(ecall_function_public(global_eid, &r), "ecall_function_public");
    APP_CHECK(r == 0 && allowed_calls == 1, "ecall_function_public returned %d after %d private calls", r,
              allowed_calls);

    r = -1;
    app_check_status(ecall_function_errno(global_eid, &r, MISSING_FILE), "ecall_function_errno");
    APP_CHECK(r == ENOENT, "ecall_function_errno returned errno %d, expected ENOENT (%d)", r, ENOENT);

    printf("Info: functions: calling conventions, private ECALL refused directly (SGX_ERROR_ECALL_NOT_ALLOWED) "
           "and allowed inside its OCALL, errno propagated.\n");
}

long ocall_conv_cdecl(int a, long b)
{
    return a + b;
}

long ocall_conv_stdcall(int a, long b)
{
    return a * b;
}

long ocall_conv_fastcall(int a, long b)
{
    return b - a;
}

size_t ocall_conv_dllimport(const char *text)
{
    return strlen(text);
}

/* Runs during ecall_function_public: the private ECALL is allowed here. */
int ocall_function_allow(void)
{
    int magic = 0;
    app_check_status(ecall_function_private(global_eid, &magic), "ecall_function_private inside ocall_function_allow");
    APP_CHECK(magic == SAMPLE_PRIVATE_MAGIC, "ecall_function_private returned %#x", (unsigned)magic);
    allowed_calls++;
    return 0;
}

/* propagate_errno: the bridge copies errno into the enclave after this returns. */
int ocall_open_file(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    close(fd);
    return 0;
}
