/* Enclave.c — printing from inside the enclave. There is no file descriptor in here: text is
 * formatted with the trusted C library's vsnprintf into a BUFSIZ buffer on the enclave stack
 * and passed out by the ocall_print_string OCALL, which the application writes to stdout. */
#include <stdio.h>
#include <stdlib.h>

#include "Enclave.h"
#include "Enclave_t.h"

static int print_va(const char *prefix, const char *fmt, va_list ap)
{
    char buf[BUFSIZ];
    int head = snprintf(buf, sizeof buf, "%s", prefix);
    if (head < 0 || (size_t)head >= sizeof buf)
        return -1;
    int n = vsnprintf(buf + head, sizeof buf - (size_t)head, fmt, ap);
    if (n < 0)
        return -1;
    if (ocall_print_string(buf) != SGX_SUCCESS)
        return -1;
    size_t total = (size_t)head + (size_t)n;
    return (int)(total < sizeof buf ? total : sizeof buf - 1);
}

int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = print_va("", fmt, ap);
    va_end(ap);
    return n;
}

void enclave_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    print_va("Error (enclave): ", fmt, ap);
    va_end(ap);
    ocall_print_string("\n");
    abort();
}
