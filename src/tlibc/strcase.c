/* strcase.c — tlibc: case-insensitive comparison (strcasecmp, strncasecmp) in the C locale. */
#include <ctype.h>
#include <stddef.h>
#include <strings.h>

int strcasecmp(const char *a, const char *b)
{
    return strncasecmp(a, b, (size_t)-1);
}

int strncasecmp(const char *a, const char *b, size_t n)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
    for (; n; n--, p++, q++) {
        int x = tolower(*p), y = tolower(*q);
        if (x != y)
            return x - y;
        if (!*p)
            break;
    }
    return 0;
}
