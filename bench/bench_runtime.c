/* bench_runtime.c — what running an enclave costs on the simulated CPU, beside its limits in the
 * same run:
 *
 *   ecall      an empty ECALL round trip (sgx_ecall through the generated bridge: TCS, EENTER,
 *              dispatch, EEXIT)                       limit: a plain indirect call
 *   ecall 4k   an ECALL with a 4 KiB [in] buffer (copied into the enclave's heap)
 *   ocall      an empty OCALL round trip from inside an ECALL (EEXIT, the host's table, EENTER)
 *   load       sgx_create_enclave + sgx_destroy_enclave of a 1 MiB and a 64 MiB enclave
 *                                                     limit: SHA-256 over the bytes the
 *                                                     measurement hashes (64 per EADD, 5184 per
 *                                                     EEXTENDed page), which loading must hash
 *
 * Figures are medians of --reps rounds; CLOCK_MONOTONIC. Every call's status is checked.
 *
 *   bench_runtime --small ENCLAVE --large ENCLAVE [--reps N]
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "bench_clock.h"
#include "bench_u.h"
#include "elf_image.h"
#include "file.h"
#include "measure.h"
#include "sgx_urts.h"

void ocall_empty(void)
{
}

static void die(const char *what, int st)
{
    fprintf(stderr, "bench_runtime: %s (status 0x%04x)\n", what, st);
    exit(1);
}

__attribute__((noinline)) static void empty_function(void)
{
    __asm__ volatile("");
}

/* The bytes the measurement of an enclave file hashes. */
typedef struct {
    uint64_t bytes, pages;
} stream_size_t;

static int count_page(void *ctx, uint64_t rva, uint64_t flags, bool measured, const uint8_t *page)
{
    (void)rva, (void)flags, (void)page;
    stream_size_t *s = ctx;
    s->pages++;
    s->bytes += 64 + (measured ? 16 * (64 + 256) : 0);
    return 0;
}

static stream_size_t measured_stream(const char *path)
{
    uint8_t *file = NULL;
    size_t len = 0;
    vsgx_elf_image_t *elf = NULL;
    vsgx_metadata_t *md = NULL;
    stream_size_t s = { 64, 0 }; /* the ECREATE record */
    if (vsgx_read_file(path, (size_t)1 << 31, &file, &len) || vsgx_elf_parse(file, len, &elf, NULL) != VSGX_ELF_OK ||
        vsgx_measure_load_metadata(elf, &md, NULL) != VSGX_MEASURE_OK)
        die(path, 0);
    const vsgx_metadata_t *m = md;
    while (m && (m->version >> 32) % 10 != 1) /* the form the simulated CPU loads */
        m = m->next;
    if (!m || vsgx_measure_pages(elf, m, count_page, &s, NULL) != VSGX_MEASURE_OK)
        die("walking the pages", 0);
    vsgx_metadata_free(md);
    vsgx_elf_free(elf);
    free(file);
    return s;
}

static double sha256_seconds(uint64_t bytes)
{
    static uint8_t buf[1 << 20];
    uint8_t out[32];
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    double t0 = bench_now();
    EVP_DigestInit_ex(c, EVP_sha256(), NULL);
    for (uint64_t done = 0; done < bytes;) {
        size_t n = bytes - done < sizeof buf ? (size_t)(bytes - done) : sizeof buf;
        EVP_DigestUpdate(c, buf, n);
        done += n;
    }
    EVP_DigestFinal_ex(c, out, NULL);
    double t = bench_now() - t0;
    EVP_MD_CTX_free(c);
    return t;
}

static double load_seconds(const char *path)
{
    sgx_enclave_id_t id;
    double t0 = bench_now();
    sgx_status_t st = sgx_create_enclave(path, 1, NULL, NULL, &id, NULL);
    if (st != SGX_SUCCESS)
        die(path, st);
    if ((st = sgx_destroy_enclave(id)) != SGX_SUCCESS)
        die("destroy", st);
    return bench_now() - t0;
}

enum { ECALL, ECALL_4K, OCALL, INDIRECT, LOAD_SMALL, SHA_SMALL, LOAD_LARGE, SHA_LARGE, N };

int main(int argc, char **argv)
{
    const char *small = NULL, *large = NULL;
    int reps = 7;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--small"))
            small = argv[i + 1];
        else if (!strcmp(argv[i], "--large"))
            large = argv[i + 1];
        else if (!strcmp(argv[i], "--reps"))
            reps = atoi(argv[i + 1]);
    }
    if (!small || !large || reps < 1 || reps > 99)
        die("usage: bench_runtime --small ENCLAVE --large ENCLAVE [--reps 1..99]", 0);
    stream_size_t ss = measured_stream(small), sl = measured_stream(large);
    sgx_enclave_id_t eid;
    sgx_status_t st = sgx_create_enclave(small, 1, NULL, NULL, &eid, NULL);
    if (st != SGX_SUCCESS)
        die("create", st);
    static uint8_t buf[4096];
    double *fig[N];
    for (int f = 0; f < N; f++)
        fig[f] = calloc((size_t)reps, sizeof(double));
    const int calls = 200000, ocalls = 200000, indirect = 20000000, loads_small = 20, loads_large = 3;
    void (*volatile fn)(void) = empty_function;
    for (int r = 0; r < reps; r++) {
        double t0 = bench_now();
        for (int i = 0; i < calls; i++)
            if ((st = ecall_empty(eid)) != SGX_SUCCESS)
                die("ecall_empty", st);
        double t1 = bench_now();
        for (int i = 0; i < calls; i++)
            if ((st = ecall_in_4k(eid, buf)) != SGX_SUCCESS)
                die("ecall_in_4k", st);
        double t2 = bench_now();
        int done = 0;
        if ((st = ecall_ocalls(eid, &done, ocalls)) != SGX_SUCCESS || done != ocalls)
            die("ecall_ocalls", st);
        double t3 = bench_now();
        for (int i = 0; i < indirect; i++)
            fn();
        double t4 = bench_now();
        fig[ECALL][r] = (t1 - t0) / calls * 1e9;
        fig[ECALL_4K][r] = (t2 - t1) / calls * 1e9;
        fig[OCALL][r] = (t3 - t2) / ocalls * 1e9;
        fig[INDIRECT][r] = (t4 - t3) / indirect * 1e9;
        double l = 0, h = 0;
        for (int i = 0; i < loads_small; i++)
            l += load_seconds(small), h += sha256_seconds(ss.bytes);
        fig[LOAD_SMALL][r] = l / loads_small * 1e3;
        fig[SHA_SMALL][r] = h / loads_small * 1e3;
        l = h = 0;
        for (int i = 0; i < loads_large; i++)
            l += load_seconds(large), h += sha256_seconds(sl.bytes);
        fig[LOAD_LARGE][r] = l / loads_large * 1e3;
        fig[SHA_LARGE][r] = h / loads_large * 1e3;
    }
    if ((st = sgx_destroy_enclave(eid)) != SGX_SUCCESS)
        die("destroy", st);
    double m[N];
    for (int f = 0; f < N; f++)
        m[f] = bench_median(fig[f], reps);
    printf("runtime: %d rounds, medians\n", reps);
    printf("  %-44s %10.1f ns\n", "empty ECALL round trip", m[ECALL]);
    printf("  %-44s %10.1f ns\n", "ECALL with a 4 KiB [in] buffer", m[ECALL_4K]);
    printf("  %-44s %10.1f ns\n", "empty OCALL round trip", m[OCALL]);
    printf("  %-44s %10.2f ns\n", "limit: plain indirect call", m[INDIRECT]);
    printf("  %-44s %10.3f ms  (%llu pages)\n", "create+destroy, 1 MiB enclave", m[LOAD_SMALL], (unsigned long long)ss.pages);
    printf("  %-44s %10.3f ms  (%.2f MB hashed) x%.2f\n", "limit: SHA-256 of its measured stream", m[SHA_SMALL],
           ss.bytes / 1e6, m[LOAD_SMALL] / m[SHA_SMALL]);
    printf("  %-44s %10.3f ms  (%llu pages)\n", "create+destroy, 64 MiB enclave", m[LOAD_LARGE], (unsigned long long)sl.pages);
    printf("  %-44s %10.3f ms  (%.2f MB hashed) x%.2f\n", "limit: SHA-256 of its measured stream", m[SHA_LARGE],
           sl.bytes / 1e6, m[LOAD_LARGE] / m[SHA_LARGE]);
    printf("TSV\tecall_ns\t%.1f\nTSV\tecall_4k_ns\t%.1f\nTSV\tocall_ns\t%.1f\nTSV\tindirect_ns\t%.2f\n", m[ECALL],
           m[ECALL_4K], m[OCALL], m[INDIRECT]);
    printf("TSV\tload_1mib_ms\t%.3f\nTSV\tsha_1mib_ms\t%.3f\nTSV\tload_64mib_ms\t%.3f\nTSV\tsha_64mib_ms\t%.3f\n", m[LOAD_SMALL],
           m[SHA_SMALL], m[LOAD_LARGE], m[SHA_LARGE]);
    for (int f = 0; f < N; f++)
        free(fig[f]);
    return 0;
}
