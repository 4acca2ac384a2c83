/* main.c — sgx_edger8r: Intel's command line (--trusted, --untrusted, --trusted-dir,
 * --untrusted-dir, --search-path, --use-prefix, --header-only, --help; other arguments are EDL
 * files). Loads each file with the frontend and writes its edge routines with the generators;
 * errors as "file:line:column: error: message", exit status 1 on any error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "edl_frontend.h"
#include "edl_imports.h"
#include "edl_gen.h"

static void usage(FILE *out)
{
    fputs("usage: sgx_edger8r [options] <file.edl> ...\n"
          "Generates the edge routines of an enclave: <name>_t.h/_t.c (trusted) and <name>_u.h/_u.c\n"
          "(untrusted) from its Enclave Definition Language file.\n\n"
          "  --trusted              generate the trusted files only\n"
          "  --untrusted            generate the untrusted files only (neither: both)\n"
          "  --trusted-dir <dir>    directory of the trusted files (default .)\n"
          "  --untrusted-dir <dir>  directory of the untrusted files (default .)\n"
          "  --search-path <p1:p2>  directories searched for EDL files and imports (repeatable;\n"
          "                         later ones are searched first, then .)\n"
          "  --use-prefix           name the untrusted ECALL proxies <enclave>_<ecall>\n"
          "  --header-only          generate only the .h files\n"
          "  --help                 print this help\n", out);
}

static void print_diag(const edl_diag_t *d)
{
    const char *kind = d->error ? "error" : "warning";
    if (d->pos.file)
        fprintf(stderr, "%s:%d:%d: %s: %s\n", d->pos.file, d->pos.line, d->pos.column, kind, d->message);
    else
        fprintf(stderr, "sgx_edger8r: %s: %s\n", kind, d->message);
}

static const char *option_value(int argc, char **argv, int *i)
{
    const char *eq = strchr(argv[*i], '=');
    if (eq)
        return eq + 1;
    if (*i + 1 >= argc) {
        fprintf(stderr, "sgx_edger8r: error: %s needs a value\n", argv[*i]);
        return NULL;
    }
    return argv[++*i];
}

/* Options are matched without regard to case, as Intel's sgx_edger8r does. */
static bool is_opt(const char *arg, const char *name)
{
    size_t n = strlen(name);
    return strncasecmp(arg, name, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

int main(int argc, char **argv)
{
    edl_gen_options_t gen = {0};
    /* the --search-path values in command-line order, and the input files */
    const char **occurrences = calloc((size_t)argc, sizeof *occurrences);
    const char **files = calloc((size_t)argc, sizeof *files);
    size_t noccurrences = 0, nfiles = 0, npaths = 0;
    char **paths = NULL;
    int rc = 1;
    if (!occurrences || !files)
        goto out;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcasecmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            rc = 0;
            goto out;
        } else if (strcasecmp(a, "--trusted") == 0) {
            gen.trusted = true;
        } else if (strcasecmp(a, "--untrusted") == 0) {
            gen.untrusted = true;
        } else if (strcasecmp(a, "--use-prefix") == 0) {
            gen.use_prefix = true;
        } else if (strcasecmp(a, "--header-only") == 0) {
            gen.header_only = true;
        } else if (is_opt(a, "--trusted-dir")) {
            if (!(gen.trusted_dir = option_value(argc, argv, &i)))
                goto out;
        } else if (is_opt(a, "--untrusted-dir")) {
            if (!(gen.untrusted_dir = option_value(argc, argv, &i)))
                goto out;
        } else if (is_opt(a, "--search-path")) {
            if (!(occurrences[noccurrences++] = option_value(argc, argv, &i)))
                goto out;
        } else {
            files[nfiles++] = a;    /* Intel: anything else is an input file */
        }
    }
    if (nfiles == 0) {
        fputs("sgx_edger8r: error: no EDL file given\n", stderr);
        usage(stderr);
        goto out;
    }
    /* each occurrence is prepended, as Intel's sgx_edger8r does; edl_load adds "." last */
    if (noccurrences && !(paths = edl_search_order(occurrences, noccurrences, &npaths))) {
        fputs("sgx_edger8r: error: out of memory\n", stderr);
        rc = 1;
        goto out;
    }
    edl_load_options_t load = {
        .search_paths = (const char *const *)paths, .nsearch_paths = npaths,
        .preprocess = true, .header_only = gen.header_only,
    };
    rc = 0;
    for (size_t f = 0; f < nfiles; f++) {
        edl_diag_t *diags = NULL;
        size_t ndiags = 0;
        edl_enclave_t *e = edl_load(files[f], &load, &diags, &ndiags);
        for (size_t d = 0; d < ndiags; d++)
            print_diag(&diags[d]);
        free(diags);
        if (!e) {
            rc = 1;
            continue;
        }
        edl_diag_t gd;
        if (!edl_generate(e, &gen, &gd)) {
            print_diag(&gd);
            rc = 1;
        }
        edl_enclave_free(e);
    }
out:
    edl_strv_free(paths, npaths);
    free(occurrences);
    free(files);
    return rc;
}
