/* edl_gen_files.c — edl_generate(): produce the requested files' text and write them to the
 * trusted and untrusted output directories (created, with their parents, when missing). */
#include "edl_gen.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* mkdir -p: every missing directory of `dir`. */
static bool make_dirs(const char *dir)
{
    char path[4096];
    int n = snprintf(path, sizeof path, "%s", dir);
    if (n < 0 || (size_t)n >= sizeof path)
        return false;
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            return false;
        *p = '/';
    }
    return mkdir(path, 0777) == 0 || errno == EEXIST;
}

static bool write_file(const char *dir, const char *name, const char *suffix, char *text,
                       edl_diag_t *diag)
{
    char path[4096];
    bool ok = false;
    if (!text) {
        snprintf(diag->message, sizeof diag->message, "out of memory generating %.400s%s", name, suffix);
        return false;
    }
    int n = snprintf(path, sizeof path, "%s/%s%s", dir ? dir : ".", name, suffix);
    if (n < 0 || (size_t)n >= sizeof path) {
        snprintf(diag->message, sizeof diag->message, "output path too long: %.400s", dir);
        goto out;
    }
    if (dir && !make_dirs(dir)) {
        snprintf(diag->message, sizeof diag->message, "cannot create the directory %.400s: %s", dir, strerror(errno));
        goto out;
    }
    FILE *f = fopen(path, "w");
    if (!f) {
        snprintf(diag->message, sizeof diag->message, "cannot create %.400s: %s", path, strerror(errno));
        goto out;
    }
    size_t len = strlen(text);
    ok = fwrite(text, 1, len, f) == len;
    if (fclose(f) != 0)
        ok = false;
    if (!ok)
        snprintf(diag->message, sizeof diag->message, "cannot write %.400s: %s", path, strerror(errno));
out:
    free(text);
    return ok;
}

bool edl_generate(const edl_enclave_t *e, const edl_gen_options_t *opt, edl_diag_t *diag)
{
    bool both = !opt->trusted && !opt->untrusted;
    memset(diag, 0, sizeof *diag);
    diag->error = true;
    if (both || opt->trusted) {
        if (!write_file(opt->trusted_dir, e->name, "_t.h", edl_gen_trusted_header(e), diag))
            return false;
        if (!opt->header_only &&
            !write_file(opt->trusted_dir, e->name, "_t.c", edl_gen_trusted_source(e), diag))
            return false;
    }
    if (both || opt->untrusted) {
        if (!write_file(opt->untrusted_dir, e->name, "_u.h",
                        edl_gen_untrusted_header(e, opt->use_prefix), diag))
            return false;
        if (!opt->header_only &&
            !write_file(opt->untrusted_dir, e->name, "_u.c",
                        edl_gen_untrusted_source(e, opt->use_prefix), diag))
            return false;
    }
    diag->error = false;
    return true;
}
