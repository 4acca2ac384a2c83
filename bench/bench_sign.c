/* bench_sign.c — how fast vsgx measures and signs an enclave, beside the limit: OpenSSL's
 * SHA-256 over the same number of bytes plus one RSA-3072 signature. For each enclave file given
 * it times, on the file in memory:
 *
 *   sign      vsgx_sign_enclave (ELF checks, layout, metadata, MRENCLAVE, SIGSTRUCT, RSA-3072)
 *   measure   vsgx_measure_file of the signed enclave (MRENCLAVE alone)
 *   limit     EVP SHA-256 over the measured pages' bytes (4096 per page) + one RSA-3072 signature
 *   stream    EVP SHA-256 over the bytes the measurement hashes (64-byte EADD record, then 16 x
 *             (64-byte EEXTEND record + 256 data bytes) = 5184 bytes per measured page), + one
 *             RSA-3072 signature: the same work as the measurement with no overhead at all
 *
 * Every signed result is checked (signature, q1/q2, MRENCLAVE equal to the recomputed one).
 * Figures are medians of --reps repetitions; CLOCK_MONOTONIC.
 *
 *   bench_sign --key KEY.pem [--config XML] [--reps N] ENCLAVE...
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>

#include "bench_clock.h"
#include <openssl/rsa.h>

#include "elf_image.h"
#include "enclave_config.h"
#include "file.h"
#include "measure.h"
#include "metadata.h"
#include "signer.h"
#include "signing_key.h"

/* Pages the measurement extends: PT_LOAD pages and EEXTEND layout pages (groups replayed). */
static uint64_t measured_pages(const uint8_t *file, size_t len)
{
    vsgx_elf_image_t *elf = NULL;
    vsgx_metadata_t *md = NULL;
    uint64_t pages = 0;
    if (vsgx_elf_parse(file, len, &elf, NULL) != VSGX_ELF_OK ||
        vsgx_measure_load_metadata(elf, &md, NULL) != VSGX_MEASURE_OK)
        exit(1);
    for (size_t i = 0; i < elf->phnum; i++)
        if (elf->phdrs[i].type == VSGX_ELF_PT_LOAD)
            pages += ((elf->phdrs[i].vaddr + elf->phdrs[i].memsz + 4095) / 4096) - elf->phdrs[i].vaddr / 4096;
    uint64_t *per = calloc(md->layout_count + 1, sizeof *per);
    for (size_t i = 0; i < md->layout_count; i++) {
        const vsgx_layout_t *e = &md->layout[i];
        if (e->group) {
            for (size_t k = i - e->entry_count; k < i; k++)
                pages += per[k] * e->load_times;
        } else if ((e->attributes & 3) == 3 && e->si_flags) {
            per[i] = e->page_count;
            pages += per[i];
        }
    }
    free(per);
    vsgx_metadata_free(md);
    vsgx_elf_free(elf);
    return pages;
}

static void rsa_sign(EVP_PKEY *key)
{
    uint8_t data[256] = { 1 }, sig[384];
    size_t n = sizeof sig;
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = NULL;
    if (EVP_DigestSignInit(md, &pctx, EVP_sha256(), NULL, key) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) != 1 ||
        EVP_DigestSign(md, sig, &n, data, sizeof data) != 1)
        exit(1);
    EVP_MD_CTX_free(md);
}

static void sha256(const uint8_t *buf, size_t len)
{
    uint8_t out[32];
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    EVP_DigestInit_ex(md, EVP_sha256(), NULL);
    for (size_t off = 0; off < len; off += 1 << 20)
        EVP_DigestUpdate(md, buf + off, len - off < (1u << 20) ? len - off : 1u << 20);
    EVP_DigestFinal_ex(md, out, NULL);
    EVP_MD_CTX_free(md);
}

static void bench_one(const char *path, EVP_PKEY *key, const vsgx_enclave_config_t *config, int reps)
{
    uint8_t *file = NULL;
    size_t len = 0;
    if (vsgx_read_file(path, 1u << 30, &file, &len) != 0) {
        fprintf(stderr, "bench_sign: cannot read %s\n", path);
        exit(1);
    }
    vsgx_sign_request_t r = { .mode = VSGX_SIGN_MODE_SIGN, .enclave = file, .enclave_len = len,
                              .config = config, .date = 0x20261127, .private_key = key,
                              .note_only = true };
    vsgx_sign_result_t res = { 0 };
    vsgx_signer_error_t err;
    double *t_sign = calloc((size_t)reps, sizeof(double)), *t_measure = calloc((size_t)reps, sizeof(double));
    double *t_limit = calloc((size_t)reps, sizeof(double)), *t_stream = calloc((size_t)reps, sizeof(double));
    if (vsgx_sign_enclave(&r, &res, &err) != VSGX_SIGNER_OK) {
        fprintf(stderr, "bench_sign: %s: %s\n", path, err.message);
        exit(1);
    }
    uint8_t *signed_file = malloc(len);
    memcpy(signed_file, file, len);
    memcpy(signed_file + res.metadata_offset, res.note, res.note_len);
    uint64_t pages = measured_pages(signed_file, len);
    size_t page_bytes = pages * 4096, stream_bytes = 64 + pages * 5184;
    uint8_t *buf = malloc(stream_bytes);
    memset(buf, 0x5a, stream_bytes);
    for (int i = 0; i < reps; i++) {
        uint8_t mr[32];
        vsgx_sign_result_free(&res);
        double t0 = bench_now();
        if (vsgx_sign_enclave(&r, &res, &err) != VSGX_SIGNER_OK)
            exit(1);
        double t1 = bench_now();
        memcpy(signed_file + res.metadata_offset, res.note, res.note_len);
        if (vsgx_measure_file(signed_file, len, mr, NULL) != VSGX_MEASURE_OK)
            exit(1);
        double t2 = bench_now();
        sha256(buf, page_bytes);
        rsa_sign(key);
        double t3 = bench_now();
        sha256(buf, stream_bytes);
        rsa_sign(key);
        double t4 = bench_now();
        if (memcmp(mr, res.css.enclave_hash, 32) != 0 ||
            vsgx_sigstruct_verify((const uint8_t *)&res.css, sizeof res.css) != VSGX_SIGSTRUCT_OK) {
            fprintf(stderr, "bench_sign: %s: the signed enclave does not verify\n", path);
            exit(1);
        }
        t_sign[i] = t1 - t0;
        t_measure[i] = t2 - t1;
        t_limit[i] = t3 - t2;
        t_stream[i] = t4 - t3;
    }
    double s = bench_median(t_sign, reps), m = bench_median(t_measure, reps), l = bench_median(t_limit, reps),
           st = bench_median(t_stream, reps);
    printf("%-28s %8.2f MiB measured (%llu pages)\n", path, page_bytes / 1048576.0, (unsigned long long)pages);
    printf("  sign (layout+measure+RSA)  %9.2f ms   %.2fx the limit   %.2fx the stream limit\n", s * 1e3, s / l, s / st);
    printf("  measure alone              %9.2f ms\n", m * 1e3);
    printf("  limit: SHA-256 of the pages + RSA-3072    %9.2f ms (%.0f MB/s)\n", l * 1e3, page_bytes / l / 1e6);
    printf("  stream limit: SHA-256 of the measurement's %zu bytes + RSA-3072 %9.2f ms\n", stream_bytes, st * 1e3);
    printf("TSV\t%s\t%llu\t%.3f\t%.3f\t%.3f\t%.3f\n", path, (unsigned long long)pages, s * 1e3, m * 1e3, l * 1e3, st * 1e3);
    vsgx_sign_result_free(&res);
    free(buf);
    free(signed_file);
    free(file);
    free(t_sign);
    free(t_measure);
    free(t_limit);
    free(t_stream);
}

int main(int argc, char **argv)
{
    const char *key_path = NULL, *config_path = NULL;
    int reps = 11, first = argc;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--key") && i + 1 < argc)
            key_path = argv[++i];
        else if (!strcmp(argv[i], "--config") && i + 1 < argc)
            config_path = argv[++i];
        else if (!strcmp(argv[i], "--reps") && i + 1 < argc)
            reps = atoi(argv[++i]);
        else {
            first = i;
            break;
        }
    }
    if (!key_path || first >= argc || reps < 1) {
        fprintf(stderr, "usage: bench_sign --key KEY.pem [--config XML] [--reps N] ENCLAVE...\n");
        return 2;
    }
    uint8_t *pem = NULL, mod[384];
    size_t pem_len = 0;
    char msg[256];
    if (vsgx_read_file(key_path, 1 << 20, &pem, &pem_len) != 0)
        return 1;
    EVP_PKEY *key = vsgx_signing_key_load((const char *)pem, pem_len, VSGX_KEY_PRIVATE, mod, msg, sizeof msg);
    if (!key) {
        fprintf(stderr, "bench_sign: %s: %s\n", key_path, msg);
        return 1;
    }
    vsgx_enclave_config_t config, *cp = NULL;
    if (config_path) {
        uint8_t *xml = NULL;
        size_t xml_len = 0;
        vsgx_config_error_t e;
        if (vsgx_read_file(config_path, 1 << 20, &xml, &xml_len) != 0 ||
            vsgx_enclave_config_parse((const char *)xml, xml_len, &config, &e) != VSGX_CONFIG_OK)
            return 1;
        free(xml);
        cp = &config;
    }
    for (int i = first; i < argc; i++)
        bench_one(argv[i], key, cp, reps);
    EVP_PKEY_free(key);
    free(pem);
    return 0;
}
