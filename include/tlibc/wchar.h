/* wchar.h — tlibc: wchar_t and the few wide-string functions that edger8r-generated code uses
 * (wcslen, wcsnlen, wcscmp, wmemcpy, wmemset). No locale, no multibyte conversion. */
#ifndef _TLIBC_WCHAR_H
#define _TLIBC_WCHAR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef WCHAR_MIN
#define WCHAR_MIN (-2147483647 - 1)
#define WCHAR_MAX 2147483647
#endif
typedef unsigned int wint_t;
#define WEOF 0xffffffffU

size_t wcslen(const wchar_t *s);
size_t wcsnlen(const wchar_t *s, size_t max);
int wcscmp(const wchar_t *a, const wchar_t *b);
wchar_t *wmemcpy(wchar_t *restrict dst, const wchar_t *restrict src, size_t n);
wchar_t *wmemset(wchar_t *dst, wchar_t c, size_t n);

#ifdef __cplusplus
}
#endif

#endif
