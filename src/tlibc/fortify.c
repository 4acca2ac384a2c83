/* fortify.c — tlibc: the checked copies that code built with _FORTIFY_SOURCE calls (Debian builds
 * its static libraries so, BearSSL's among them): the copy is done when it fits the destination's
 * known size, and the enclave aborts when it would overflow it. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

void *__memcpy_chk(void *dest, const void *src, size_t len, size_t dest_len);
void *__memmove_chk(void *dest, const void *src, size_t len, size_t dest_len);
void *__memset_chk(void *dest, int c, size_t len, size_t dest_len);

void *__memcpy_chk(void *dest, const void *src, size_t len, size_t dest_len)
{
    if (len > dest_len)
        abort();
    return memcpy(dest, src, len);
}

void *__memmove_chk(void *dest, const void *src, size_t len, size_t dest_len)
{
    if (len > dest_len)
        abort();
    return memmove(dest, src, len);
}

void *__memset_chk(void *dest, int c, size_t len, size_t dest_len)
{
    if (len > dest_len)
        abort();
    return memset(dest, c, len);
}
