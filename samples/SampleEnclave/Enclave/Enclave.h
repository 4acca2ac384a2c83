/* Enclave.h — what every SampleEnclave source inside the enclave shares: printf, which formats
 * in the enclave and prints through the ocall_print_string OCALL, and ENCLAVE_CHECK, which
 * reports a failed expectation the same way and aborts the enclave, so that the ECALL in
 * progress (and every later one) returns SGX_ERROR_ENCLAVE_CRASHED to the application. */
#ifndef SAMPLE_ENCLAVE_H
#define SAMPLE_ENCLAVE_H

#include <stdarg.h>
#include <stddef.h>

/* An enclave has no stdout: this printf formats into a local buffer and hands the text to the
 * application. Returns the number of characters printed (output is cut at BUFSIZ - 1). */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "Error (enclave): <message>" and aborts the enclave. */
_Noreturn void enclave_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define ENCLAVE_CHECK(cond, ...)         \
    do {                                 \
        if (!(cond))                     \
            enclave_fail(__VA_ARGS__);   \
    } while (0)

#endif
