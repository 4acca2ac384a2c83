/* mem.c — tlibc: the memory block functions (memcpy, memmove, memset, memcmp, memchr) and
 * explicit_bzero. The copies and fills use the string instructions (rep movsb / rep stosb), which
 * are fast on every CPU with ERMS and cannot be turned back into calls to themselves by the
 * compiler's loop-idiom recognition. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
    void *d = dst;
    __asm__ volatile("rep movsb" : "+D"(d), "+S"(src), "+c"(n) : : "memory");
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    uintptr_t d = (uintptr_t)dst, s = (uintptr_t)src;
    if (d - s >= n) {          /* no overlap, or the destination is below the source */
        void *p = dst;
        __asm__ volatile("rep movsb" : "+D"(p), "+S"(src), "+c"(n) : : "memory");
    } else {                   /* the destination overlaps the source's tail: copy backwards */
        unsigned char *pd = (unsigned char *)dst + n - 1;
        const unsigned char *ps = (const unsigned char *)src + n - 1;
        __asm__ volatile("std\n\trep movsb\n\tcld" : "+D"(pd), "+S"(ps), "+c"(n) : : "memory", "cc");
    }
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    void *d = dst;
    __asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *p = a, *q = b;
    for (size_t i = 0; i < n; i++)
        if (p[i] != q[i])
            return p[i] < q[i] ? -1 : 1;
    return 0;
}

void *memchr(const void *s, int c, size_t n)
{
    const unsigned char *p = s;
    for (size_t i = 0; i < n; i++)
        if (p[i] == (unsigned char)c)
            return (void *)(p + i);
    return NULL;
}

void explicit_bzero(void *dst, size_t n)
{
    memset(dst, 0, n);
    /* The compiler must assume the asm reads the cleared bytes, so the memset stays. */
    __asm__ volatile("" : : "r"(dst) : "memory");
}
