/* strsearch.c — tlibc: searching in strings (strchr, strrchr, strstr, strspn, strcspn,
 * strpbrk) and splitting them (strtok_r). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

char *strchr(const char *s, int c)
{
    for (;; s++) {
        if (*s == (char)c)
            return (char *)s;
        if (!*s)
            return NULL;
    }
}

char *strrchr(const char *s, int c)
{
    const char *last = NULL;
    for (;; s++) {
        if (*s == (char)c)
            last = s;
        if (!*s)
            return (char *)last;
    }
}

char *strstr(const char *haystack, const char *needle)
{
    size_t n = strlen(needle);
    if (!n)
        return (char *)haystack;
    for (; (haystack = strchr(haystack, needle[0])) != NULL; haystack++)
        if (strncmp(haystack, needle, n) == 0)
            return (char *)haystack;
    return NULL;
}

/* A 256-bit set of the bytes in `chars` (the terminating NUL included when `with_nul`). */
static void byte_set(uint64_t set[4], const char *chars, int with_nul)
{
    set[0] = set[1] = set[2] = set[3] = 0;
    for (const unsigned char *p = (const unsigned char *)chars; *p; p++)
        set[*p >> 6] |= 1ULL << (*p & 63);
    if (with_nul)
        set[0] |= 1;
}

static int in_set(const uint64_t set[4], unsigned char c)
{
    return (set[c >> 6] >> (c & 63)) & 1;
}

size_t strspn(const char *s, const char *accept)
{
    uint64_t set[4];
    byte_set(set, accept, 0);
    size_t n = 0;
    while (in_set(set, (unsigned char)s[n]))
        n++;
    return n;
}

size_t strcspn(const char *s, const char *reject)
{
    uint64_t set[4];
    byte_set(set, reject, 1);
    size_t n = 0;
    while (!in_set(set, (unsigned char)s[n]))
        n++;
    return n;
}

char *strpbrk(const char *s, const char *accept)
{
    s += strcspn(s, accept);
    return *s ? (char *)s : NULL;
}

char *strtok_r(char *restrict s, const char *restrict delim, char **restrict save)
{
    if (!s)
        s = *save;
    if (!s)
        return NULL;
    s += strspn(s, delim);
    if (!*s) {
        *save = NULL;
        return NULL;
    }
    char *end = s + strcspn(s, delim);
    if (*end) {
        *end = '\0';
        *save = end + 1;
    } else {
        *save = NULL;
    }
    return s;
}
