/* replay_main.c — the main() of a fuzz target built without libFuzzer: runs
 * LLVMFuzzerTestOneInput once on every file named on the command line, or on every regular
 * file of a named directory and of its immediate sub-directories. This is how the corpora run
 * as regression tests under CTest (with ASan and UBSan in `make check`). Prints one summary
 * line; exits non-zero when an argument cannot be read or holds no input at all. */
#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REPLAY_MAX_INPUT (64u << 20)

static size_t g_runs;

static int run_file(const char *path)
{
    uint8_t *data = NULL;
    size_t len = 0;
    int err = vsgx_read_file(path, REPLAY_MAX_INPUT, &data, &len);
    if (err) {
        fprintf(stderr, "%s: %s\n", path, strerror(err));
        return -1;
    }
    /* An exact-size copy, so that ASan sees any read past the input's end. */
    uint8_t *copy = malloc(len ? len : 1);
    if (!copy) {
        free(data);
        fprintf(stderr, "%s: out of memory\n", path);
        return -1;
    }
    memcpy(copy, data, len);
    free(data);
    LLVMFuzzerTestOneInput(copy, len);
    free(copy);
    g_runs++;
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs every regular file of dir, and (when depth > 0) of its sub-directories, in name order;
 * stops at the first error. */
static int run_dir(const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "%s: %s\n", dir, strerror(errno));
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        size_t len = strlen(dir) + 1 + strlen(e->d_name) + 1;
        if (n == cap) {
            char **grown = realloc(names, (cap = cap ? 2 * cap : 64) * sizeof *names);
            if (!grown)
                rc = -1;
            else
                names = grown;
        }
        if (rc == 0 && !(names[n] = malloc(len)))
            rc = -1;
        if (rc == 0)
            snprintf(names[n++], len, "%s/%s", dir, e->d_name);
        else
            fprintf(stderr, "%s: out of memory\n", dir);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (rc != 0) {
            /* skip the rest */
        } else if (stat(names[i], &st) != 0) {
            fprintf(stderr, "%s: %s\n", names[i], strerror(errno));
            rc = -1;
        } else if (S_ISDIR(st.st_mode)) {
            if (depth > 0)
                rc = run_dir(names[i], depth - 1);
        } else if (S_ISREG(st.st_mode)) {
            rc = run_file(names[i]);
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
    int rc = 0;
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE|DIR...\n"
                        "Runs the fuzz target once on each file (directories: their files and those of\n"
                        "their sub-directories).\n", argv[0]);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "%s: %s\n", argv[i], strerror(errno));
            rc = 1;
        } else if (S_ISDIR(st.st_mode) ? run_dir(argv[i], 1) != 0 : run_file(argv[i]) != 0) {
            rc = 1;
        }
    }
    if (rc == 0 && g_runs == 0) {
        fprintf(stderr, "%s: no inputs found\n", argv[0]);
        rc = 1;
    }
    printf("%s: %zu inputs replayed\n", argv[0], g_runs);
    return rc;
}
