/* platform.c — `vsgx platform create|show|set-tcb`: a simulated SGX platform (src/sim): create
 * one in a directory, show its public description (never its secrets), and change its TCB as a
 * microcode update or rollback would (CPUSVN, PCE SVN). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "hex.h"
#include "platform.h"

static const char HELP[] =
    "usage: vsgx platform create [--dir DIR]\n"
    "       vsgx platform show [--dir DIR] [--json]\n"
    "       vsgx platform set-tcb [--dir DIR] [--cpusvn HEX32] [--pcesvn N]\n"
    "\n"
    "A platform is a directory: fused root secrets (secrets.bin, mode 0600) and its public\n"
    "description (platform.json). DIR defaults to $VSGX_PLATFORM, else\n"
    "~/.local/share/vsgx/platform. Two directories are two different machines.\n"
    "create:  a new platform with fresh random secrets (refused if one is there).\n"
    "show:    CPUSVN, PCE SVN, FMSPC, PCE-ID, SGX type, platform instance id, REPORT KEYID.\n"
    "set-tcb: the current CPUSVN (16 bytes, hex) and/or PCE SVN (0..65535): an upgrade or a\n"
    "         rollback. Keys for an older TCB stay derivable; keys for a newer one do not.\n"
    "Exit status: 0 done, 2 bad arguments or no usable platform (the message says why).\n";

static const char *const SGX_TYPES[] = { "standard", "scalable", "scalable-with-integrity" };

typedef struct {
    const char *dir, *cpusvn, *pcesvn;
    bool json;
} args_t;

static int parse(int argc, char **argv, args_t *a, bool tcb_options)
{
    memset(a, 0, sizeof *a);
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(HELP, stdout);
            return EXIT_OK;
        } else if (!strcmp(argv[i], "--json")) {
            a->json = true;
        } else if (cli_option(argc, argv, &i, "--dir", &v)) {
            if (!(a->dir = v))
                return EXIT_INVALID;
        } else if (tcb_options && cli_option(argc, argv, &i, "--cpusvn", &v)) {
            if (!(a->cpusvn = v))
                return EXIT_INVALID;
        } else if (tcb_options && cli_option(argc, argv, &i, "--pcesvn", &v)) {
            if (!(a->pcesvn = v))
                return EXIT_INVALID;
        } else {
            fprintf(stderr, "vsgx platform: unexpected argument %s\n%s", argv[i], HELP);
            return EXIT_INVALID;
        }
    }
    return -1;
}

/* The directory to use: --dir, else the default; NULL after printing why. */
static char *platform_dir(const args_t *a)
{
    char *d = a->dir ? strdup(a->dir) : vsgx_platform_default_dir();
    if (!d)
        fprintf(stderr, "vsgx platform: no directory: give --dir or set VSGX_PLATFORM (or HOME)\n");
    return d;
}

static vsgx_platform_t *load(const args_t *a)
{
    char err[512] = "";
    char *dir = platform_dir(a);
    vsgx_platform_t *p = NULL;
    if (dir && vsgx_platform_load(dir, &p, err, sizeof err) != VSGX_PLATFORM_OK)
        fprintf(stderr, "vsgx platform: %s\n", err);
    free(dir);
    return p;
}

static json_t *describe(const vsgx_platform_t *p)
{
    json_t *o = json_object();
    json_object_set_new(o, "dir", json_string(p->dir));
    json_object_set_new(o, "cpusvn", cli_hex(p->params.cpusvn.svn, sizeof p->params.cpusvn.svn));
    json_object_set_new(o, "pce_svn", json_integer(p->params.pce_svn));
    json_object_set_new(o, "fmspc", cli_hex(p->params.fmspc, sizeof p->params.fmspc));
    json_object_set_new(o, "pce_id", json_integer(p->params.pce_id));
    json_object_set_new(o, "sgx_type", json_string(SGX_TYPES[p->params.sgx_type]));
    json_object_set_new(o, "platform_instance_id",
                        cli_hex(p->params.platform_instance_id, sizeof p->params.platform_instance_id));
    json_object_set_new(o, "report_key_id", cli_hex(p->key_id.id, sizeof p->key_id.id));
    return o;
}

static int cmd_create(int argc, char **argv)
{
    args_t a;
    int rc = parse(argc, argv, &a, false);
    if (rc >= 0)
        return rc;
    char err[512] = "";
    char *dir = platform_dir(&a);
    if (!dir)
        return EXIT_INVALID;
    if (vsgx_platform_create(dir, NULL, err, sizeof err) != VSGX_PLATFORM_OK) {
        fprintf(stderr, "vsgx platform create: %s\n", err);
        free(dir);
        return EXIT_INVALID;
    }
    printf("created a platform in %s\n", dir);
    free(dir);
    return EXIT_OK;
}

static int cmd_show(int argc, char **argv)
{
    args_t a;
    int rc = parse(argc, argv, &a, false);
    if (rc >= 0)
        return rc;
    vsgx_platform_t *p = load(&a);
    if (!p)
        return EXIT_INVALID;
    cli_print(describe(p), a.json);
    vsgx_platform_free(p);
    return EXIT_OK;
}

static bool parse_pcesvn(const char *text, uint16_t *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(text, &end, 10);
    if (!*text || *end || errno || v > 0xFFFF || text[0] == '-')
        return false;
    *out = (uint16_t)v;
    return true;
}

static int cmd_set_tcb(int argc, char **argv)
{
    args_t a;
    int rc = parse(argc, argv, &a, true);
    if (rc >= 0)
        return rc;
    if (!a.cpusvn && !a.pcesvn) {
        fprintf(stderr, "vsgx platform set-tcb: give --cpusvn and/or --pcesvn\n");
        return EXIT_INVALID;
    }
    vsgx_platform_t *p = load(&a);
    if (!p)
        return EXIT_INVALID;
    sgx_cpu_svn_t cpusvn = p->params.cpusvn;
    uint16_t pcesvn = p->params.pce_svn;
    char err[512] = "";
    rc = EXIT_INVALID;
    if (a.cpusvn && (strlen(a.cpusvn) != 32 || !vsgx_hex_decode(a.cpusvn, 32, cpusvn.svn, 16)))
        fprintf(stderr, "vsgx platform set-tcb: --cpusvn: expected 32 hex digits (16 bytes), got '%s'\n", a.cpusvn);
    else if (a.pcesvn && !parse_pcesvn(a.pcesvn, &pcesvn))
        fprintf(stderr, "vsgx platform set-tcb: --pcesvn: expected a number 0..65535, got '%s'\n", a.pcesvn);
    else if (vsgx_platform_set_tcb(p, &cpusvn, pcesvn, err, sizeof err) != VSGX_PLATFORM_OK)
        fprintf(stderr, "vsgx platform set-tcb: %s\n", err);
    else
        rc = EXIT_OK;
    if (rc == EXIT_OK)
        cli_print(describe(p), false);
    vsgx_platform_free(p);
    return rc;
}

int cmd_platform(int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "create"))
        return cmd_create(argc - 1, argv + 1);
    if (argc >= 2 && !strcmp(argv[1], "show"))
        return cmd_show(argc - 1, argv + 1);
    if (argc >= 2 && !strcmp(argv[1], "set-tcb"))
        return cmd_set_tcb(argc - 1, argv + 1);
    fputs(HELP, argc >= 2 && !strcmp(argv[1], "--help") ? stdout : stderr);
    return argc >= 2 && !strcmp(argv[1], "--help") ? EXIT_OK : EXIT_INVALID;
}
