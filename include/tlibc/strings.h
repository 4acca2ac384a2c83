/* strings.h — tlibc: case-insensitive comparison in the C locale. Freestanding. */
#ifndef _TLIBC_STRINGS_H
#define _TLIBC_STRINGS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);

#ifdef __cplusplus
}
#endif

#endif
