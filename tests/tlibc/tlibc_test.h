/* tlibc_test.h — the host tests' view of tlibc: the enclave-built library is copied with every
 * symbol prefixed "tlibc_" (objcopy --prefix-symbols), so it links into a host cmocka program
 * beside glibc; these are its functions under their prefixed names. tlibc's abort() becomes
 * tlibc_abort, which the tests provide (tlibc_support.c): it counts the call and longjmps back
 * to the test that expected it. */
#ifndef TLIBC_TEST_H
#define TLIBC_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

int tlibc_snprintf(char *buf, size_t size, const char *fmt, ...);
int tlibc_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int tlibc_sprintf(char *buf, const char *fmt, ...);

void *tlibc_malloc(size_t n);
void *tlibc_calloc(size_t count, size_t size);
void *tlibc_realloc(void *p, size_t n);
void tlibc_free(void *p);
void *tlibc_aligned_alloc(size_t alignment, size_t n);
int tlibc_posix_memalign(void **out, size_t alignment, size_t n);
void *tlibc_memalign(size_t alignment, size_t n);
void tlibc_vsgx_tlibc_heap_init(void *base, size_t size, size_t max_size);
size_t tlibc_vsgx_tlibc_heap_used(void);
size_t tlibc_vsgx_tlibc_heap_peak(void);
void tlibc_vsgx_tlibc_set_assert_hook(void (*hook)(const char *message));

double tlibc_strtod(const char *s, char **end);
float tlibc_strtof(const char *s, char **end);
double tlibc_atof(const char *s);
long tlibc_strtol(const char *s, char **end, int base);
unsigned long tlibc_strtoul(const char *s, char **end, int base);
long long tlibc_strtoll(const char *s, char **end, int base);
unsigned long long tlibc_strtoull(const char *s, char **end, int base);
intmax_t tlibc_strtoimax(const char *s, char **end, int base);
uintmax_t tlibc_strtoumax(const char *s, char **end, int base);
int tlibc_atoi(const char *s);
long tlibc_atol(const char *s);
long long tlibc_atoll(const char *s);
int tlibc_abs(int v);
long tlibc_labs(long v);
long long tlibc_llabs(long long v);
void tlibc_qsort(void *base, size_t count, size_t size, int (*cmp)(const void *, const void *));
void *tlibc_bsearch(const void *key, const void *base, size_t count, size_t size,
                    int (*cmp)(const void *, const void *));

void *tlibc_memcpy(void *dst, const void *src, size_t n);
void *tlibc_memmove(void *dst, const void *src, size_t n);
void *tlibc_memset(void *dst, int c, size_t n);
int tlibc_memcmp(const void *a, const void *b, size_t n);
void *tlibc_memchr(const void *s, int c, size_t n);
void tlibc_explicit_bzero(void *dst, size_t n);
size_t tlibc_strlen(const char *s);
size_t tlibc_strnlen(const char *s, size_t max);
int tlibc_strcmp(const char *a, const char *b);
int tlibc_strncmp(const char *a, const char *b, size_t n);
char *tlibc_strcpy(char *dst, const char *src);
char *tlibc_strncpy(char *dst, const char *src, size_t n);
char *tlibc_strcat(char *dst, const char *src);
char *tlibc_strncat(char *dst, const char *src, size_t n);
char *tlibc_strchr(const char *s, int c);
char *tlibc_strrchr(const char *s, int c);
char *tlibc_strstr(const char *h, const char *n);
size_t tlibc_strspn(const char *s, const char *a);
size_t tlibc_strcspn(const char *s, const char *r);
char *tlibc_strpbrk(const char *s, const char *a);
char *tlibc_strtok_r(char *s, const char *delim, char **save);
char *tlibc_strdup(const char *s);
char *tlibc_strndup(const char *s, size_t n);
int tlibc_strcasecmp(const char *a, const char *b);
int tlibc_strncasecmp(const char *a, const char *b, size_t n);
size_t tlibc_wcslen(const int *s);

int tlibc_memcpy_s(void *dest, size_t dest_size, const void *src, size_t count);
int tlibc_memset_s(void *dest, size_t dest_size, int c, size_t count);
int tlibc_memcpy_verw_s(void *dest, size_t dest_size, const void *src, size_t count);
void *tlibc_memset_verw(void *dest, int c, size_t count);

int tlibc_isalnum(int c);
int tlibc_isalpha(int c);
int tlibc_isblank(int c);
int tlibc_iscntrl(int c);
int tlibc_isdigit(int c);
int tlibc_isgraph(int c);
int tlibc_islower(int c);
int tlibc_isprint(int c);
int tlibc_ispunct(int c);
int tlibc_isspace(int c);
int tlibc_isupper(int c);
int tlibc_isxdigit(int c);
int tlibc_tolower(int c);
int tlibc_toupper(int c);

int *tlibc___errno_location(void);
#define TLIBC_ERRNO (*tlibc___errno_location())

typedef long tlibc_jmp_buf[8];
int tlibc_setjmp(tlibc_jmp_buf env) __attribute__((returns_twice));
_Noreturn void tlibc_longjmp(tlibc_jmp_buf env, int value);
_Noreturn void tlibc___assert_fail(const char *expr, const char *file, unsigned int line,
                                   const char *function);
_Noreturn void tlibc___stack_chk_fail(void);

/* tlibc_support.c: tlibc_abort counts its calls and, when armed, longjmps to abort_return. */
extern int tlibc_abort_calls;
extern int tlibc_abort_armed;
extern jmp_buf tlibc_abort_return;
/* Runs fn(arg) and reports whether it called tlibc_abort. */
int tlibc_aborts(void (*fn)(void *), void *arg);

/* A deterministic pseudo-random generator for the randomised comparisons. */
uint64_t tlibc_test_rand(void);

#endif
