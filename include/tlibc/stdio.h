/* stdio.h — tlibc: string formatting only (snprintf, vsnprintf, sprintf, vsprintf). There are
 * no streams and no printf inside an enclave: output leaves through an OCALL the enclave
 * defines. Conversions: d i u o x X c s p % a A e E f F g G; flags - + space # 0; width and
 * precision (also *); length hh h l ll j z t L (L: long double, formatted as double). */
#ifndef _TLIBC_STDIO_H
#define _TLIBC_STDIO_H

#include <stddef.h>
#include <stdarg.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EOF (-1)
#define BUFSIZ 8192 /* a conventional buffer size (no streams here) */

int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
    __attribute__((__format__(__printf__, 3, 4)));
int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap)
    __attribute__((__format__(__printf__, 3, 0)));
int sprintf(char *restrict buf, const char *restrict fmt, ...)
    __attribute__((__format__(__printf__, 2, 3)));
int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap)
    __attribute__((__format__(__printf__, 2, 0)));

#ifdef __cplusplus
}
#endif

#endif
