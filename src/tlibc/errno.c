/* errno.c — tlibc: errno, one int per enclave thread in its static TLS block. */
#include <errno.h>

#undef errno
__thread int errno;

int *__errno_location(void)
{
    return &errno;
}
