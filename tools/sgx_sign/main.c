/* main.c — sgx_sign: signs enclaves with Intel's command line (sign, gendata, catsig, dump).
 * Exit status: 0 success ("Succeed."), 1 the enclave, key, configuration or signature is
 * refused (the message says what, where and why), 2 the command line is wrong. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "args.h"
#include "dump.h"
#include "elf_image.h"
#include "enclave_config.h"
#include "file.h"
#include "measure.h"
#include "output.h"
#include "signer.h"
#include "signing_key.h"

#define MAX_ENCLAVE (1u << 30)
#define MAX_SMALL (1u << 20)

typedef struct {
    args_t a;
    uint8_t *enclave, *key_pem, *config_xml, *sig, *unsigned_data;
    size_t enclave_len, key_len, config_len, sig_len, unsigned_len;
    mode_t mode;
} job_t;

static int refuse(const char *what, const char *why)
{
    fprintf(stderr, "sgx_sign: %s: %s\n", what, why);
    return 1;
}

static bool read_input(const char *path, size_t max, uint8_t **out, size_t *len)
{
    if (vsgx_read_file(path, max, out, len) == 0)
        return true;
    fprintf(stderr, "sgx_sign: cannot read %s (missing, unreadable or larger than %zu bytes)\n", path, max);
    return false;
}

static bool read_inputs(job_t *j)
{
    const char **v = j->a.value;
    struct stat st;
    j->mode = stat(v[OPT_ENCLAVE], &st) == 0 ? (st.st_mode & 0777) : 0644;
    return read_input(v[OPT_ENCLAVE], MAX_ENCLAVE, &j->enclave, &j->enclave_len) &&
           (!v[OPT_KEY] || read_input(v[OPT_KEY], MAX_SMALL, &j->key_pem, &j->key_len)) &&
           (!v[OPT_CONFIG] || read_input(v[OPT_CONFIG], MAX_SMALL, &j->config_xml, &j->config_len)) &&
           (!v[OPT_SIG] || read_input(v[OPT_SIG], MAX_SMALL, &j->sig, &j->sig_len)) &&
           (!v[OPT_UNSIGNED] || read_input(v[OPT_UNSIGNED], MAX_SMALL, &j->unsigned_data, &j->unsigned_len));
}

/* dump of a bare 1808-byte SIGSTRUCT file (not an ELF file). */
static int dump_bare(const job_t *j)
{
    vsgx_sigstruct_t css;
    memcpy(&css, j->enclave, sizeof css);
    char *text = NULL;
    size_t text_len = 0;
    FILE *f = open_memstream(&text, &text_len);
    bool ok = f && dump_sigstruct(f, &css);
    if (f)
        fclose(f);
    ok = ok && write_file_atomic(j->a.value[OPT_DUMPFILE], text, text_len, 0644) &&
         (!j->a.value[OPT_CSSFILE] || write_file_atomic(j->a.value[OPT_CSSFILE], &css, sizeof css, 0644));
    free(text);
    return ok ? 0 : 1;
}

/* -dumpfile and -cssfile of a metadata chain. */
static int write_dumps(const job_t *j, const vsgx_metadata_t *md)
{
    const char *dumpfile = j->a.value[OPT_DUMPFILE], *cssfile = j->a.value[OPT_CSSFILE];
    if (dumpfile) {
        char *text = NULL;
        size_t text_len = 0;
        FILE *f = open_memstream(&text, &text_len);
        bool ok = f && dump_metadata(f, md);
        if (f)
            fclose(f);
        ok = ok && write_file_atomic(dumpfile, text, text_len, 0644);
        free(text);
        if (!ok)
            return 1;
    }
    if (cssfile && !write_file_atomic(cssfile, &md->css, sizeof md->css, 0644))
        return 1;
    return 0;
}

/* dump: the metadata of a signed enclave file. */
static int dump_enclave(const job_t *j)
{
    vsgx_elf_image_t *elf = NULL;
    vsgx_metadata_t *md = NULL;
    vsgx_measure_detail_t d = { 0 };
    int rc;
    if (vsgx_elf_parse(j->enclave, j->enclave_len, &elf, NULL) != VSGX_ELF_OK ||
        vsgx_measure_load_metadata(elf, &md, &d) != VSGX_MEASURE_OK)
        rc = refuse(j->a.value[OPT_ENCLAVE], d.metadata ? vsgx_metadata_status_text(d.metadata)
                                                        : "not a signed enclave (no readable metadata)");
    else
        rc = write_dumps(j, md);
    vsgx_metadata_free(md);
    vsgx_elf_free(elf);
    return rc;
}

/* The signed enclave: the input with the new note; then the dumps. */
static int write_signed(const job_t *j, const vsgx_sign_result_t *res)
{
    size_t at = res->metadata_offset, end = at + res->note_len;
    part_t parts[3] = { { j->enclave, at }, { res->note, res->note_len }, { j->enclave + end, j->enclave_len - end } };
    if (!write_parts_atomic(j->a.value[OPT_OUT], parts, 3, j->mode))
        return 1;
    vsgx_metadata_t *md = NULL;
    if (vsgx_metadata_parse(res->note, 0, res->note_len, &md, NULL) != VSGX_METADATA_OK)
        return refuse(j->a.value[OPT_OUT], "the metadata written cannot be read back");
    int rc = write_dumps(j, md);
    vsgx_metadata_free(md);
    return rc;
}

static int load_config(const job_t *j, vsgx_enclave_config_t *c)
{
    vsgx_config_error_t e;
    if (vsgx_enclave_config_parse((const char *)j->config_xml, j->config_len, c, &e) == VSGX_CONFIG_OK)
        return 0;
    if (e.line)
        fprintf(stderr, "sgx_sign: %s:%d: %s\n", j->a.value[OPT_CONFIG], e.line, e.message);
    else
        fprintf(stderr, "sgx_sign: %s: %s\n", j->a.value[OPT_CONFIG], e.message);
    return 1;
}

/* The key and signature inputs of sign and catsig, checked before anything is signed. */
static int load_key(job_t *j, vsgx_sign_request_t *r, EVP_PKEY **key, uint8_t modulus[VSGX_RSA3072_BYTES])
{
    char msg[256];
    bool catsig = j->a.command == CMD_CATSIG;
    if (j->a.command == CMD_GENDATA)
        return 0;
    *key = vsgx_signing_key_load((const char *)j->key_pem, j->key_len,
                                 catsig ? VSGX_KEY_PUBLIC : VSGX_KEY_PRIVATE, modulus, msg, sizeof msg);
    if (!*key)
        return refuse(j->a.value[OPT_KEY], msg);
    if (!catsig) {
        r->private_key = *key;
        return 0;
    }
    if (j->sig_len != VSGX_RSA3072_BYTES)
        return refuse(j->a.value[OPT_SIG], "a signature is 384 bytes (RSA-3072, big-endian)");
    if (j->unsigned_len != VSGX_SIGNING_DATA_SIZE)
        return refuse(j->a.value[OPT_UNSIGNED], "the gendata output is 256 bytes");
    r->public_modulus = modulus;
    r->signature = j->sig;
    r->signing_data = j->unsigned_data;
    return 0;
}

static int sign(job_t *j)
{
    static const vsgx_sign_mode_t MODES[] = { [CMD_SIGN] = VSGX_SIGN_MODE_SIGN,
                                              [CMD_GENDATA] = VSGX_SIGN_MODE_GENDATA,
                                              [CMD_CATSIG] = VSGX_SIGN_MODE_CATSIG };
    vsgx_enclave_config_t config;
    vsgx_sign_request_t r = { .mode = MODES[j->a.command], .enclave = j->enclave,
                              .enclave_len = j->enclave_len, .resign = j->a.resign,
                              .ignore_rel_error = j->a.ignore_rel_error,
                              .ignore_init_sec_error = j->a.ignore_init_sec_error,
                              .note_only = true };
    EVP_PKEY *key = NULL;
    uint8_t modulus[VSGX_RSA3072_BYTES];
    vsgx_sign_result_t res = { 0 };
    vsgx_signer_error_t err;
    int rc = 1;
    if (j->config_xml && load_config(j, &config) != 0)
        goto out;
    r.config = j->config_xml ? &config : NULL;
    if (load_key(j, &r, &key, modulus) != 0)
        goto out;
    if (vsgx_sign_enclave(&r, &res, &err) != VSGX_SIGNER_OK) {
        rc = refuse(j->a.value[OPT_ENCLAVE], err.message);
        goto out;
    }
    if (r.mode == VSGX_SIGN_MODE_GENDATA)
        rc = write_file_atomic(j->a.value[OPT_OUT], res.signing_data, sizeof res.signing_data, 0644) ? 0 : 1;
    else
        rc = write_signed(j, &res);
out:
    vsgx_sign_result_free(&res);
    EVP_PKEY_free(key);
    return rc;
}

int main(int argc, char **argv)
{
    job_t j = { 0 };
    int rc;
    if (!parse_args(argc, argv, &j.a)) {
        fputs(SGX_SIGN_USAGE, stderr);
        return 2;
    }
    if (j.a.command == CMD_HELP) {
        fputs(SGX_SIGN_USAGE, stdout);
        return 0;
    }
    if (j.a.command == CMD_VERSION) {
        printf("sgx_sign (vsgx) %s: an Intel SGX enclave signing tool for the vsgx platform\n", VSGX_VERSION);
        return 0;
    }
    if (!read_inputs(&j))
        rc = 1;
    else if (j.a.command == CMD_DUMP && j.enclave_len == VSGX_SIGSTRUCT_SIZE && memcmp(j.enclave, "\177ELF", 4))
        rc = dump_bare(&j);
    else if (j.a.command == CMD_DUMP)
        rc = dump_enclave(&j);
    else
        rc = sign(&j);
    if (rc == 0)
        puts("Succeed.");
    free(j.enclave);
    free(j.key_pem);
    free(j.config_xml);
    free(j.sig);
    free(j.unsigned_data);
    return rc;
}
