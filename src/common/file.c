/* file.c — whole-file reads with a size ceiling (see file.h). */
#include "file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

int vsgx_read_file(const char *path, size_t max, uint8_t **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return errno;
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap + 1);
    int err = 0;
    while (buf) {
        if (n == cap) {
            if (cap > max) {
                err = EFBIG;
                break;
            }
            cap *= 2;
            uint8_t *bigger = realloc(buf, cap + 1);
            if (!bigger) {
                err = ENOMEM;
                break;
            }
            buf = bigger;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f))
                err = EIO;
            break;
        }
    }
    if (!buf)
        err = ENOMEM;
    else if (!err && n > max)
        err = EFBIG;
    fclose(f);
    if (err) {
        free(buf);
        return err;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}
