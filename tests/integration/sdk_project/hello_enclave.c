/* hello_enclave.c — greets through an OCALL and returns the name's length. */
#include <stdio.h>
#include <string.h>

#include "hello_t.h"

int ecall_hello(const char *name)
{
    char text[128];
    snprintf(text, sizeof text, "hello, %s, from the enclave", name);
    ocall_print(text);
    return (int)strlen(name);
}
