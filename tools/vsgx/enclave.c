/* enclave.c — `vsgx enclave measure` and `vsgx enclave verify`: an enclave's MRENCLAVE
 * recomputed from its ELF file and its own metadata, and the checks that its SIGSTRUCT holds
 * (signature, q1/q2, measurement, and optionally the signer). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "elf_image.h"
#include "hex.h"
#include "measure.h"
#include "signing_key.h"

static const char HELP[] =
    "usage: vsgx enclave measure ENCLAVE [--json]\n"
    "       vsgx enclave verify ENCLAVE [--key PUBKEY] [--json]\n"
    "\n"
    "measure: recomputes MRENCLAVE from the ELF file and the layout and patch tables of its own\n"
    "         metadata (.note.sgxmeta), as the SGX CPU measures it, and prints it.\n"
    "verify:  checks the SIGSTRUCT in the metadata: RSA-3072 signature with exponent 3, q1 and\n"
    "         q2, the recomputed MRENCLAVE equal to its ENCLAVEHASH, and with --key that the\n"
    "         enclave was signed with that key (PEM, public or private).\n"
    "Exit status: 0 every check holds, 2 a check fails or the file is not an enclave (the\n"
    "message names the check).\n";

#define MAX_ENCLAVE_FILE (512u << 20)

typedef struct {
    const char *path, *key;
    bool json;
} args_t;

static int parse_args(int argc, char **argv, args_t *a, bool allow_key)
{
    memset(a, 0, sizeof *a);
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(HELP, stdout);
            return EXIT_OK;
        } else if (!strcmp(argv[i], "--json")) {
            a->json = true;
        } else if (allow_key && cli_option(argc, argv, &i, "--key", &v)) {
            if (!v)
                return EXIT_INVALID;
            a->key = v;
        } else if (argv[i][0] != '-' && !a->path) {
            a->path = argv[i];
        } else {
            fprintf(stderr, "vsgx enclave: unexpected argument %s\n%s", argv[i], HELP);
            return EXIT_INVALID;
        }
    }
    if (!a->path) {
        fputs(HELP, stderr);
        return EXIT_INVALID;
    }
    return -1;
}

/* Measures the file; prints why not on failure. */
static bool measure(const char *path, const uint8_t *data, size_t len, uint8_t mrenclave[32])
{
    vsgx_measure_detail_t d;
    vsgx_measure_status_t st = vsgx_measure_file(data, len, mrenclave, &d);
    if (st == VSGX_MEASURE_OK)
        return true;
    fprintf(stderr, "vsgx enclave: %s: %s", path, vsgx_measure_status_text(st));
    if (st == VSGX_MEASURE_BAD_ELF)
        fprintf(stderr, ": %s", vsgx_elf_status_text(d.elf));
    if (st == VSGX_MEASURE_BAD_METADATA)
        fprintf(stderr, ": %s", vsgx_metadata_status_text(d.metadata));
    fprintf(stderr, " (at file offset %zu)\n", d.offset);
    return false;
}

int cmd_enclave_measure(int argc, char **argv)
{
    args_t a;
    int rc = parse_args(argc, argv, &a, false);
    uint8_t *data, mrenclave[32];
    size_t len;
    if (rc >= 0)
        return rc;
    if (!cli_read_file(a.path, MAX_ENCLAVE_FILE, &data, &len))
        return EXIT_INVALID;
    rc = EXIT_INVALID;
    if (measure(a.path, data, len, mrenclave)) {
        json_t *doc = json_object();
        json_object_set_new(doc, "mrenclave", cli_hex(mrenclave, 32));
        if (a.json)
            cli_print(doc, true);
        else {
            puts(json_string_value(json_object_get(doc, "mrenclave")));
            json_decref(doc);
        }
        rc = EXIT_OK;
    }
    free(data);
    return rc;
}

/* Prints one check's line (text) or records it (JSON); returns ok. */
static bool check(json_t *checks, bool as_json, const char *name, bool ok, const char *why)
{
    if (as_json)
        json_object_set_new(checks, name, ok ? json_true() : json_string(why));
    else
        printf("%-10s %s%s\n", name, ok ? "ok" : "FAILED: ", ok ? "" : why);
    return ok;
}

int cmd_enclave_verify(int argc, char **argv)
{
    args_t a;
    int rc = parse_args(argc, argv, &a, true);
    uint8_t *data = NULL, *key = NULL, mrenclave[32], mrsigner[32], modulus[VSGX_RSA3072_BYTES];
    size_t len, key_len;
    vsgx_elf_image_t *elf = NULL;
    vsgx_metadata_t *md = NULL;
    char msg[160];
    if (rc >= 0)
        return rc;
    rc = EXIT_INVALID;
    if (!cli_read_file(a.path, MAX_ENCLAVE_FILE, &data, &len) ||
        (a.key && !cli_read_file(a.key, 1u << 20, &key, &key_len)))
        goto out;
    vsgx_measure_detail_t d;
    vsgx_elf_status_t est = vsgx_elf_parse(data, len, &elf, &d.offset);
    if (est != VSGX_ELF_OK) {
        fprintf(stderr, "vsgx enclave verify: %s: %s (at file offset %zu)\n", a.path, vsgx_elf_status_text(est),
                d.offset);
        goto out;
    }
    if (vsgx_measure_load_metadata(elf, &md, &d) != VSGX_MEASURE_OK) {
        fprintf(stderr, "vsgx enclave verify: %s: metadata: %s (at file offset %zu)\n", a.path,
                vsgx_metadata_status_text(d.metadata), d.offset);
        goto out;
    }
    json_t *checks = json_object();
    vsgx_sigstruct_status_t sst = vsgx_sigstruct_verify((const uint8_t *)&md->css, sizeof md->css);
    bool ok = check(checks, a.json, "signature", sst == VSGX_SIGSTRUCT_OK, vsgx_sigstruct_status_text(sst));
    bool measured = measure(a.path, data, len, mrenclave);
    ok &= check(checks, a.json, "mrenclave",
                measured && memcmp(mrenclave, md->css.enclave_hash, 32) == 0,
                measured ? "the measured MRENCLAVE is not the SIGSTRUCT's ENCLAVEHASH" : "the enclave cannot be measured");
    if (a.key) {
        bool key_ok = vsgx_signing_key_modulus((const char *)key, key_len, modulus, msg, sizeof msg);
        ok &= check(checks, a.json, "signer", key_ok && memcmp(modulus, md->css.modulus, sizeof modulus) == 0,
                    key_ok ? "the enclave was signed with another key" : msg);
    }
    vsgx_sigstruct_mrsigner(&md->css, mrsigner);
    if (a.json) {
        json_t *doc = json_object();
        json_object_set_new(doc, "ok", json_boolean(ok));
        json_object_set_new(doc, "mrenclave", cli_hex(md->css.enclave_hash, 32));
        json_object_set_new(doc, "mrsigner", cli_hex(mrsigner, 32));
        json_object_set_new(doc, "checks", checks);
        cli_print(doc, true);
    } else {
        char hex[65];
        json_decref(checks);
        vsgx_hex_encode(md->css.enclave_hash, 32, hex);
        printf("MRENCLAVE  %s\n", hex);
        vsgx_hex_encode(mrsigner, 32, hex);
        printf("MRSIGNER   %s\n", hex);
    }
    rc = ok ? EXIT_OK : EXIT_INVALID;
out:
    vsgx_metadata_free(md);
    vsgx_elf_free(elf);
    free(data);
    free(key);
    return rc;
}
