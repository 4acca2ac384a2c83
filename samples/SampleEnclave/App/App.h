/* App.h — what SampleEnclave's application files share: the enclave's id, the file name of the
 * signed enclave (found beside the app), failure reporting, and the demos App.c runs in turn. */
#ifndef SAMPLE_APP_H
#define SAMPLE_APP_H

#include "sgx_eid.h"
#include "sgx_error.h"

#define ENCLAVE_FILENAME "enclave.signed.so"

extern sgx_enclave_id_t global_eid;

/* Prints what an SGX status means and what to try. */
void print_error_message(sgx_status_t ret);

/* Prints "Error: <message>" and exits with status 1. */
_Noreturn void app_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Exits through print_error_message when an ECALL did not return SGX_SUCCESS. */
void app_check_status(sgx_status_t ret, const char *call);

#define APP_CHECK(cond, ...)          \
    do {                              \
        if (!(cond))                  \
            app_fail(__VA_ARGS__);    \
    } while (0)

/* Edger8rSyntax/ */
void edger8r_type_attributes(void);
void edger8r_pointer_attributes(void);
void edger8r_array_attributes(void);
void edger8r_function_attributes(void);

/* TrustedLibrary/ */
void trusted_libc_functions(void);
void trusted_thread_functions(void);

#endif
