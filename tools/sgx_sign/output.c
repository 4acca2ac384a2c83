/* output.c — whole-or-nothing output files (see output.h). */
#include "output.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool write_all(int fd, const uint8_t *p, size_t len)
{
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(fd, p + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        done += (size_t)w;
    }
    return true;
}

bool write_file_atomic(const char *path, const void *data, size_t len, mode_t mode)
{
    part_t part = { data, len };
    return write_parts_atomic(path, &part, 1, mode);
}

bool write_parts_atomic(const char *path, const part_t *parts, size_t nparts, mode_t mode)
{
    size_t n = strlen(path) + sizeof ".XXXXXX";
    char *tmp = malloc(n);
    if (!tmp) {
        fprintf(stderr, "sgx_sign: out of memory\n");
        return false;
    }
    snprintf(tmp, n, "%s.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fprintf(stderr, "sgx_sign: cannot create %s: %s\n", tmp, strerror(errno));
        free(tmp);
        return false;
    }
    bool ok = true;
    for (size_t i = 0; ok && i < nparts; i++)
        ok = write_all(fd, parts[i].data, parts[i].len);
    ok = ok && fchmod(fd, mode) == 0 && fsync(fd) == 0;
    int saved = errno;
    ok = close(fd) == 0 && ok;
    if (ok && rename(tmp, path) != 0) {
        saved = errno;
        ok = false;
    }
    if (!ok) {
        fprintf(stderr, "sgx_sign: cannot write %s: %s\n", path, strerror(saved));
        unlink(tmp);
    }
    free(tmp);
    return ok;
}
