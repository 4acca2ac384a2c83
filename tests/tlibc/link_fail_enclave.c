/* link_fail_enclave.c — an enclave that calls a host function (HOST_FUNCTION: fopen or write),
 * for check_link.sh: tlibc does not provide it, so the enclave link must fail and name it. */
#include <stddef.h>

#ifndef HOST_FUNCTION
#define HOST_FUNCTION fopen
#endif

/* Declared by hand: tlibc's headers declare neither. */
void *HOST_FUNCTION();

_Noreturn void abort(void)
{
    for (;;)
        __asm__ volatile("ud2");
}

__attribute__((visibility("default"))) long enclave_entry(long index)
{
    return HOST_FUNCTION("/etc/passwd", "r") != NULL ? index : 0;
}
