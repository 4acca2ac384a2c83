/* bench_services.c — the trusted services on the simulated CPU, beside their limits in the same
 * run:
 *
 *   seal / unseal   sgx_seal_data / sgx_unseal_data of 4 KiB and 1 MiB inside the enclave (each
 *                   seal also makes a key: EGETKEY)     limit: OpenSSL AES-128-GCM on the host
 *                                                       over the same bytes (EVP, AES-NI)
 *   EGETKEY         sgx_get_key (SEAL, MRSIGNER): ENCLU carried out by the simulated CPU
 *   EREPORT         sgx_create_report
 *
 * Each figure: one ECALL running the operation n times on enclave memory, timed on the host;
 * medians of --reps rounds; CLOCK_MONOTONIC.
 *
 *   bench_services --enclave ENCLAVE [--reps N]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "bench_clock.h"
#include "sgx_urts.h"
#include "svc_u.h"

static void die(const char *what, int st)
{
    fprintf(stderr, "bench_services: %s (0x%04x)\n", what, st);
    exit(1);
}

/* Host AES-128-GCM (OpenSSL) over len bytes, n times: seconds. */
static double host_gcm(size_t len, int n)
{
    static uint8_t key[16], iv[12], tag[16];
    uint8_t *in = calloc(1, len), *out = malloc(len + 16);
    EVP_CIPHER *gcm = EVP_CIPHER_fetch(NULL, "AES-128-GCM", NULL);
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    int l = 0;
    /* The key is set once (as a sealing key is made once per blob); each message sets its IV. */
    if (!gcm || !c || !EVP_EncryptInit_ex2(c, gcm, key, iv, NULL))
        die("OpenSSL AES-GCM", 0);
    double t0 = bench_now();
    for (int i = 0; i < n; i++) {
        if (!EVP_EncryptInit_ex2(c, NULL, NULL, iv, NULL) || !EVP_EncryptUpdate(c, out, &l, in, (int)len) ||
            !EVP_EncryptFinal_ex(c, out + l, &l) || !EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, 16, tag))
            die("OpenSSL AES-GCM", 0);
    }
    double t = bench_now() - t0;
    EVP_CIPHER_CTX_free(c);
    EVP_CIPHER_free(gcm);
    free(in);
    free(out);
    return t;
}

typedef sgx_status_t (*loop_fn)(sgx_enclave_id_t, int *, uint32_t, int);

static double enclave_loop(sgx_enclave_id_t eid, loop_fn fn, uint32_t size, int n)
{
    int done = 0;
    double t0 = bench_now();
    sgx_status_t st = fn(eid, &done, size, n);
    double t = bench_now() - t0;
    if (st != SGX_SUCCESS || done != n)
        die("loop", st);
    return t;
}

static sgx_status_t seal_loop(sgx_enclave_id_t e, int *r, uint32_t size, int n) { return ecall_seal_loop(e, r, size, n); }
static sgx_status_t unseal_loop(sgx_enclave_id_t e, int *r, uint32_t size, int n) { return ecall_unseal_loop(e, r, size, n); }
static sgx_status_t getkey_loop(sgx_enclave_id_t e, int *r, uint32_t size, int n) { (void)size; return ecall_getkey_loop(e, r, n); }
static sgx_status_t report_loop(sgx_enclave_id_t e, int *r, uint32_t size, int n) { (void)size; return ecall_report_loop(e, r, n); }

enum { SEAL4K, UNSEAL4K, GCM4K, SEAL1M, UNSEAL1M, GCM1M, GETKEY, REPORT, N };

int main(int argc, char **argv)
{
    const char *path = NULL;
    int reps = 7;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--enclave"))
            path = argv[i + 1];
        else if (!strcmp(argv[i], "--reps"))
            reps = atoi(argv[i + 1]);
    }
    if (!path || reps < 1 || reps > 99)
        die("usage: bench_services --enclave ENCLAVE [--reps 1..99]", 0);
    sgx_enclave_id_t eid;
    sgx_status_t st = sgx_create_enclave(path, 1, NULL, NULL, &eid, NULL);
    if (st != SGX_SUCCESS)
        die("create", st);
    double *fig[N];
    for (int f = 0; f < N; f++)
        fig[f] = calloc((size_t)reps, sizeof(double));
    const uint32_t small = 4096, large = 1 << 20;
    const int n_small = 2000, n_large = 40, n_key = 2000;
    for (int r = 0; r < reps; r++) {
        fig[SEAL4K][r] = small * (double)n_small / enclave_loop(eid, seal_loop, small, n_small) / 1e6;
        fig[UNSEAL4K][r] = small * (double)n_small / enclave_loop(eid, unseal_loop, small, n_small) / 1e6;
        fig[GCM4K][r] = small * (double)n_small / host_gcm(small, n_small) / 1e6;
        fig[SEAL1M][r] = large * (double)n_large / enclave_loop(eid, seal_loop, large, n_large) / 1e6;
        fig[UNSEAL1M][r] = large * (double)n_large / enclave_loop(eid, unseal_loop, large, n_large) / 1e6;
        fig[GCM1M][r] = large * (double)n_large / host_gcm(large, n_large) / 1e6;
        fig[GETKEY][r] = enclave_loop(eid, getkey_loop, 0, n_key) / n_key * 1e6;
        fig[REPORT][r] = enclave_loop(eid, report_loop, 0, n_key) / n_key * 1e6;
    }
    if ((st = sgx_destroy_enclave(eid)) != SGX_SUCCESS)
        die("destroy", st);
    double m[N];
    for (int f = 0; f < N; f++)
        m[f] = bench_median(fig[f], reps);
    printf("services: %d rounds, medians\n", reps);
    printf("  %-40s %9.0f MB/s   %9.0f MB/s   limit: host AES-128-GCM %9.0f MB/s  (seal %.0f%%)\n",
           "seal / unseal 4 KiB", m[SEAL4K], m[UNSEAL4K], m[GCM4K], 100 * m[SEAL4K] / m[GCM4K]);
    printf("  %-40s %9.0f MB/s   %9.0f MB/s   limit: host AES-128-GCM %9.0f MB/s  (seal %.0f%%)\n",
           "seal / unseal 1 MiB", m[SEAL1M], m[UNSEAL1M], m[GCM1M], 100 * m[SEAL1M] / m[GCM1M]);
    printf("  %-40s %9.2f us\n", "EGETKEY (sgx_get_key)", m[GETKEY]);
    printf("  %-40s %9.2f us\n", "EREPORT (sgx_create_report)", m[REPORT]);
    printf("TSV\tseal_4k_mbs\t%.0f\nTSV\tunseal_4k_mbs\t%.0f\nTSV\tgcm_4k_mbs\t%.0f\n", m[SEAL4K], m[UNSEAL4K], m[GCM4K]);
    printf("TSV\tseal_1m_mbs\t%.0f\nTSV\tunseal_1m_mbs\t%.0f\nTSV\tgcm_1m_mbs\t%.0f\n", m[SEAL1M], m[UNSEAL1M], m[GCM1M]);
    printf("TSV\tegetkey_us\t%.2f\nTSV\tereport_us\t%.2f\n", m[GETKEY], m[REPORT]);
    for (int f = 0; f < N; f++)
        free(fig[f]);
    return 0;
}
