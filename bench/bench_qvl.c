/* bench_qvl.c — how fast vsgx verifies real SGX quotes, and how close that is to the limit
 * OpenSSL's P-256 verification sets. For each real quote in VSGX_VECTORS/quotes it times:
 *
 *   a_full    nothing cached: vsgx_collateral_from_qvl_json (collateral.json bytes, read once
 *             before timing) + vsgx_qvl_verify + vsgx_collateral_free
 *   a_verify  nothing cached, collateral pre-parsed: vsgx_qvl_verify alone
 *   b_cached  one vsgx_qvl_ctx_t, repeated vsgx_qvl_ctx_verify
 *   parse     vsgx_collateral_from_qvl_json + free alone (where (a)'s time goes)
 *
 * and, with the quote's own attestation key and signature:
 *
 *   p256          vsgx_p256_verify (src/qvl/p256.c: SHA-256, r || s to ECDSA_SIG, ECDSA_do_verify
 *                 on a prepared EC_KEY) of the quote's signature: the rate that sets the limit
 *   p256_key_new  vsgx_p256_key_new + free of the attestation key (prepared per quote)
 *   pck_parse     vsgx_pem_chain_parse + free of the quote's PCK chain (3 certificates)
 *
 * The primitive rows use the first quote's key, signature and certificates only.
 *
 * Every iteration's verdict is checked against expected.json (error SGX_QL_SUCCESS, the
 * sgx_ql_qv_result and the status), so nothing is timed on a failing path. Figures are
 * medians of --reps repetitions of about --seconds each after a warm-up; CLOCK_MONOTONIC.
 * Each repetition of a figure is made of slices of about 0.1 s taken in turn with every
 * other figure's, so that all figures of a repetition see the same background load (on a
 * shared machine it drifts over seconds) and their ratios, such as the share of the limit,
 * hold even when the absolute figures move. The CPU time of the thread
 * (CLOCK_THREAD_CPUTIME_ID) is reported beside it: on a shared core it leaves out the time
 * other processes ran, but not what they cost in caches or a sibling hyperthread.
 *
 *   bench_qvl [--seconds S] [--reps N] [--warmup S] [--tsv] [--only MODE,...] [NAME...]
 *   bench_qvl --count [NAME...]      ECDSA verifications per path, counted by instrumenting
 *                                    OpenSSL's EC_KEY method (not timed)
 *   bench_qvl --rss CMD [ARG...]     runs CMD and prints its peak RSS and wall time
 */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/err.h>

#include "cert.h" /* src/qvl: the library's own certificate parser and P-256 calls */
#include "p256.h"
#include "vsgx/qvl.h"

#ifndef VSGX_VECTORS
#define VSGX_VECTORS "../shared/vectors"
#endif

static const char *const DEFAULT_QUOTES[] = { "sgx-v3-processor-ca-2025-07", "sgx-v3-platform-ca-2025-08" };

typedef struct {
    const char *name;
    uint8_t *quote;
    size_t quote_len;
    char *coll_json;
    size_t coll_json_len;
    int64_t time;
    sgx_ql_qv_result_t expected;
    char status[64];
    vsgx_collateral_t *coll;    /* pre-parsed, for a_verify and b_cached */
    vsgx_qvl_ctx_t *ctx;
    /* The quote's own signature, for the P-256 rows (v3 layout). */
    const uint8_t *signed_part;
    size_t signed_len;
    const uint8_t *sig, *attest_key;
    vsgx_p256_key_t *ak;
    const char *pck_pem;
    size_t pck_pem_len;
} vector_t;

static void die(const char *fmt, const char *a, const char *b)
{
    fprintf(stderr, "bench_qvl: ");
    fprintf(stderr, fmt, a, b);
    fputc('\n', stderr);
    exit(1);
}

static uint8_t *read_all(const char *dir, const char *file, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    FILE *f = fopen(path, "rb");
    if (!f)
        die("%s: %s", path, strerror(errno));
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap + 1);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            uint8_t *bigger = realloc(buf, 2 * cap + 1);
            if (!bigger)
                free(buf);
            buf = bigger;
            cap *= 2;
        }
    }
    fclose(f);
    if (!buf)
        die("%s: %s", path, "out of memory");
    buf[n] = '\0';
    *len = n;
    return buf;
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t le16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

/* The v3 quote's signature, attestation key and PCK chain (type 5), located directly. */
static void locate_signature(vector_t *v)
{
    const uint8_t *q = v->quote;
    if (v->quote_len < 1016 || le16(q) != 3)
        die("%s: %s", v->name, "not a v3 quote");
    v->signed_part = q;
    v->signed_len = 48 + 384;
    v->sig = q + 436;
    v->attest_key = q + 500;
    if (!(v->ak = vsgx_p256_key_new(v->attest_key)))
        die("%s: %s", v->name, "attestation key is not a P-256 point");
    size_t off = 436 + 128 + 384 + 64; /* sig, key, QE report, QE report signature */
    off += 2 + le16(q + off);          /* QE authentication data */
    if (off + 6 > v->quote_len || le16(q + off) != 5)
        die("%s: %s", v->name, "certification data is not a PCK chain");
    uint32_t n = le32(q + off + 2);
    if (off + 6 + n > v->quote_len)
        die("%s: %s", v->name, "certification data is truncated");
    v->pck_pem = (const char *)q + off + 6;
    v->pck_pem_len = n;
    vsgx_cert_t *certs[VSGX_MAX_CHAIN];
    int k = vsgx_pem_chain_parse(v->pck_pem, v->pck_pem_len, certs, VSGX_MAX_CHAIN);
    if (k != 3)
        die("%s: %s", v->name, "the PCK chain is not 3 PEM certificates");
    vsgx_chain_free(certs, k);
}

static void load_vector(vector_t *v, const char *name)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/quotes/%s", VSGX_VECTORS, name);
    memset(v, 0, sizeof *v);
    v->name = name;
    v->quote = read_all(dir, "quote.bin", &v->quote_len);
    v->coll_json = (char *)read_all(dir, "collateral.json", &v->coll_json_len);
    size_t elen;
    char *ej = (char *)read_all(dir, "expected.json", &elen);
    json_error_t jerr;
    json_t *e = json_loadb(ej, elen, 0, &jerr);
    json_t *t = json_object_get(e, "verification_time"), *r = json_object_get(e, "sgx_ql_qv_result"),
           *s = json_object_get(e, "status");
    if (!json_is_integer(t) || !json_is_string(r) || !json_is_string(s))
        die("%s/expected.json: %s", dir, "needs verification_time, sgx_ql_qv_result and status");
    v->time = json_integer_value(t);
    v->expected = (sgx_ql_qv_result_t)strtoul(json_string_value(r), NULL, 16);
    snprintf(v->status, sizeof v->status, "%s", json_string_value(s));
    json_decref(e);
    free(ej);
    vsgx_qvl_failure_t why;
    if (vsgx_collateral_from_qvl_json(v->coll_json, v->coll_json_len, &v->coll, &why))
        die("%s: collateral.json: %s", name, why.message);
    if (!(v->ctx = vsgx_qvl_ctx_new()))
        die("%s: %s", name, "out of memory");
    locate_signature(v);
}

static void free_vector(vector_t *v)
{
    vsgx_collateral_free(v->coll);
    vsgx_qvl_ctx_free(v->ctx);
    vsgx_p256_key_free(v->ak);
    free(v->quote);
    free(v->coll_json);
}

/* ---- the timed operations: each returns false when the result is not the expected one ---- */

static vsgx_qvl_verdict_t verdict; /* ~4 KiB with the supplemental data: kept off the stack */

static bool verdict_ok(const vector_t *v, quote3_error_t rc)
{
    return rc == SGX_QL_SUCCESS && verdict.error == SGX_QL_SUCCESS && verdict.result == v->expected &&
           verdict.status && strcmp(verdict.status, v->status) == 0;
}

static bool op_a_full(vector_t *v)
{
    vsgx_collateral_t *c = NULL;
    vsgx_qvl_failure_t why;
    if (vsgx_collateral_from_qvl_json(v->coll_json, v->coll_json_len, &c, &why))
        return false;
    vsgx_qvl_options_t o = { .time = v->time };
    bool ok = verdict_ok(v, vsgx_qvl_verify(v->quote, v->quote_len, c, &o, &verdict));
    vsgx_collateral_free(c);
    return ok;
}

static bool op_a_verify(vector_t *v)
{
    vsgx_qvl_options_t o = { .time = v->time };
    return verdict_ok(v, vsgx_qvl_verify(v->quote, v->quote_len, v->coll, &o, &verdict));
}

static bool op_b_cached(vector_t *v)
{
    vsgx_qvl_options_t o = { .time = v->time };
    return verdict_ok(v, vsgx_qvl_ctx_verify(v->ctx, v->quote, v->quote_len, v->coll, &o, &verdict));
}

static bool op_parse(vector_t *v)
{
    vsgx_collateral_t *c = NULL;
    vsgx_qvl_failure_t why;
    bool ok = vsgx_collateral_from_qvl_json(v->coll_json, v->coll_json_len, &c, &why) == SGX_QL_SUCCESS;
    vsgx_collateral_free(c);
    return ok;
}

static bool op_p256(vector_t *v)
{
    return vsgx_p256_verify(v->ak, v->signed_part, v->signed_len, v->sig);
}

static bool op_p256_key_new(vector_t *v)
{
    vsgx_p256_key_t *k = vsgx_p256_key_new(v->attest_key);
    vsgx_p256_key_free(k);
    return k != NULL;
}

static bool op_pck_parse(vector_t *v)
{
    vsgx_cert_t *certs[VSGX_MAX_CHAIN];
    int k = vsgx_pem_chain_parse(v->pck_pem, v->pck_pem_len, certs, VSGX_MAX_CHAIN);
    if (k > 0)
        vsgx_chain_free(certs, k);
    return k == 3;
}

typedef struct {
    const char *name;
    bool (*op)(vector_t *);
    bool primitive; /* measured on the first quote only */
    const char *what;
} mode_t_;

static const mode_t_ MODES[] = {
    { "a_full", op_a_full, false, "(a) collateral_from_qvl_json + qvl_verify + free" },
    { "a_verify", op_a_verify, false, "(a) qvl_verify, collateral pre-parsed" },
    { "b_cached", op_b_cached, false, "(b) qvl_ctx_verify, cached" },
    { "parse", op_parse, false, "collateral_from_qvl_json + free" },
    { "p256", op_p256, true, "vsgx_p256_verify: SHA-256 + ECDSA_do_verify" },
    { "p256_key_new", op_p256_key_new, true, "vsgx_p256_key_new + free" },
    { "pck_parse", op_pck_parse, true, "vsgx_pem_chain_parse + free, PCK chain (3 certs)" },
};
#define NMODES (sizeof MODES / sizeof MODES[0])

/* ---- timing ---- */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void run_n(const mode_t_ *m, vector_t *v, uint64_t n)
{
    for (uint64_t i = 0; i < n; i++)
        if (!m->op(v)) {
            fprintf(stderr, "bench_qvl: %s on %s: iteration %llu did not give the expected result "
                            "(error %s, result %s, status %s; check %s: %s)\n",
                    m->name, v->name, (unsigned long long)i, vsgx_quote3_error_name(verdict.error),
                    vsgx_qv_result_name(verdict.result), verdict.status ? verdict.status : "-",
                    verdict.failure.check ? verdict.failure.check : "-", verdict.failure.message);
            exit(2);
        }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* One (quote, mode) pair: warmed up and calibrated once, then timed in interleaved slices. */
typedef struct {
    const mode_t_ *m;
    vector_t *v;
    uint64_t per_rep, per_slice;
    double us[64], cpu_us[64];
} job_t;

static void calibrate(job_t *j, double warmup, double seconds)
{
    uint64_t n = 0, batch = 1;
    double t0 = now_s(), t;
    do {
        run_n(j->m, j->v, batch);
        n += batch;
        batch = batch < 1024 ? batch * 2 : batch;
    } while ((t = now_s() - t0) < warmup);
    j->per_rep = (uint64_t)(seconds * (double)n / t);
    if (j->per_rep < 3)
        j->per_rep = 3;
}

/* One repetition of every job: `slices` rounds, each running every job for one slice. */
static void time_rep(job_t *jobs, int nj, int slices, int r)
{
    double spent[16 * NMODES] = { 0 }, cpu[16 * NMODES] = { 0 };
    for (int s = 0; s < slices; s++)
        for (int j = 0; j < nj; j++) {
            double t0 = now_s(), c0 = cpu_s();
            run_n(jobs[j].m, jobs[j].v, jobs[j].per_slice);
            spent[j] += now_s() - t0;
            cpu[j] += cpu_s() - c0;
        }
    for (int j = 0; j < nj; j++) {
        double n = (double)(jobs[j].per_slice * (uint64_t)slices);
        jobs[j].us[r] = spent[j] * 1e6 / n;
        jobs[j].cpu_us[r] = cpu[j] * 1e6 / n;
    }
}

static double median(double *x, int n)
{
    qsort(x, (size_t)n, sizeof x[0], cmp_double);
    return n % 2 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
}

/* ---- counting ECDSA verifications: a default EC_KEY method whose verify_sig counts ---- */

static unsigned long ecdsa_count;
static int (*real_verify_sig)(const unsigned char *, int, const ECDSA_SIG *, EC_KEY *);

static int counting_verify_sig(const unsigned char *dgst, int len, const ECDSA_SIG *sig, EC_KEY *key)
{
    ecdsa_count++;
    return real_verify_sig(dgst, len, sig, key);
}

static void install_counter(void)
{
    EC_KEY_METHOD *m = EC_KEY_METHOD_new(EC_KEY_OpenSSL());
    int (*verify)(int, const unsigned char *, int, const unsigned char *, int, EC_KEY *) = NULL;
    EC_KEY_METHOD_get_verify(m, &verify, &real_verify_sig);
    EC_KEY_METHOD_set_verify(m, verify, counting_verify_sig);
    EC_KEY_set_default_method(m);
}

static unsigned long count_op(bool (*op)(vector_t *), vector_t *v)
{
    unsigned long before = ecdsa_count;
    if (!op(v))
        die("%s: %s", v->name, "verification failed while counting");
    return ecdsa_count - before;
}

static int count_main(int n, vector_t *vs)
{
    printf("ECDSA P-256 verifications per verification (counted through OpenSSL's EC_KEY method)\n");
    for (int i = 0; i < n; i++) {
        vector_t *v = &vs[i];
        unsigned long a = count_op(op_a_full, v), a2 = count_op(op_a_full, v);
        unsigned long av = count_op(op_a_verify, v);
        unsigned long b1 = count_op(op_b_cached, v), b = count_op(op_b_cached, v);
        if (a2 == 0 || b == 0)
            die("%s: %s", v->name, "the counting EC_KEY method saw no verification (OpenSSL changed?)");
        printf("%-30s a_full %lu (first call %lu)  a_verify %lu  b_cached %lu (first call %lu)\n", v->name, a2, a,
               av, b, b1);
        printf("COUNT\t%s\ta\t%lu\nCOUNT\t%s\tb\t%lu\n", v->name, a2, v->name, b);
    }
    return 0;
}

/* ---- peak RSS of a command ---- */

static int rss_main(char **argv)
{
    double t0 = now_s();
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 1;
    }
    if (pid == 0) {
        int fd = open("/dev/null", O_WRONLY);
        if (fd >= 0)
            dup2(fd, 1);
        execvp(argv[0], argv);
        perror(argv[0]);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("wait4");
        return 1;
    }
    double wall = now_s() - t0;
    int rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
    printf("RSS\t%ld\t%.2f\t%d\n", ru.ru_maxrss, wall * 1e3, rc);
    return rc;
}

/* MODE is named in the comma-separated list (or there is no list). */
static bool selected(const char *only, const char *mode)
{
    if (!only)
        return true;
    size_t l = strlen(mode);
    for (const char *p = only; (p = strstr(p, mode)) != NULL; p += l)
        if ((p == only || p[-1] == ',') && (p[l] == '\0' || p[l] == ','))
            return true;
    return false;
}

static void usage(void)
{
    printf("usage: bench_qvl [--seconds S] [--reps N] [--warmup S] [--tsv] [--only MODE,...] [NAME...]\n"
           "       bench_qvl --count [NAME...]\n"
           "       bench_qvl --rss CMD [ARG...]\n"
           "NAME is a directory under %s/quotes (default: both real quotes).\nModes:\n",
           VSGX_VECTORS);
    for (size_t i = 0; i < NMODES; i++)
        printf("  %-13s %s\n", MODES[i].name, MODES[i].what);
}

int main(int argc, char **argv)
{
    double seconds = 1.0, warmup = 0.5;
    int reps = 7;
    bool tsv = false, count = false;
    const char *only = NULL;
    const char *names[16];
    int n = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--rss") == 0 && i + 1 < argc)
            return rss_main(argv + i + 1);
        else if (strcmp(a, "--seconds") == 0 && i + 1 < argc)
            seconds = atof(argv[++i]);
        else if (strcmp(a, "--warmup") == 0 && i + 1 < argc)
            warmup = atof(argv[++i]);
        else if (strcmp(a, "--reps") == 0 && i + 1 < argc)
            reps = atoi(argv[++i]);
        else if (strcmp(a, "--only") == 0 && i + 1 < argc)
            only = argv[++i];
        else if (strcmp(a, "--tsv") == 0)
            tsv = true;
        else if (strcmp(a, "--count") == 0)
            count = true;
        else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage();
            return 0;
        } else if (a[0] == '-' || n == 16) {
            usage();
            return 1;
        } else
            names[n++] = a;
    }
    if (reps < 1 || seconds <= 0) {
        usage();
        return 1;
    }
    if (n == 0)
        for (size_t i = 0; i < sizeof DEFAULT_QUOTES / sizeof DEFAULT_QUOTES[0]; i++)
            names[n++] = DEFAULT_QUOTES[i];
    if (count)
        install_counter(); /* before any key exists, so every key gets the counting method */
    vsgx_trust_anchor_intel();
    static vector_t vs[16];
    for (int i = 0; i < n; i++)
        load_vector(&vs[i], names[i]);
    int rc = 0;
    if (count) {
        rc = count_main(n, vs);
    } else {
        static job_t jobs[16 * NMODES];
        int nj = 0;
        for (int i = 0; i < n; i++)
            for (size_t k = 0; k < NMODES; k++)
                if (selected(only, MODES[k].name) && !MODES[k].primitive)
                    jobs[nj++] = (job_t){ .m = &MODES[k], .v = &vs[i] };
        for (size_t k = 0; k < NMODES; k++)
            if (selected(only, MODES[k].name) && MODES[k].primitive)
                jobs[nj++] = (job_t){ .m = &MODES[k], .v = &vs[0] };
        if (reps > 64)
            reps = 64;
        int slices = seconds >= 0.2 ? (int)(seconds / 0.1 + 0.5) : 1;
        for (int j = 0; j < nj; j++) {
            calibrate(&jobs[j], warmup, seconds);
            jobs[j].per_slice = (jobs[j].per_rep + (uint64_t)slices - 1) / (uint64_t)slices;
            jobs[j].per_rep = jobs[j].per_slice * (uint64_t)slices;
        }
        for (int r = 0; r < reps; r++)
            time_rep(jobs, nj, slices, r);
        if (!tsv)
            printf("%-28s %-13s %11s %11s %10s %10s %10s  %s\n", "quote", "mode", "median us", "per second", "min us",
                   "max us", "cpu us", "iterations/rep");
        for (int j = 0; j < nj; j++) {
            job_t *jb = &jobs[j];
            double med = median(jb->us, reps), lo = jb->us[0], hi = jb->us[reps - 1];
            double cmed = median(jb->cpu_us, reps);
            const char *q = jb->m->primitive ? "*" : jb->v->name;
            if (tsv)
                printf("C\t%s\t%s\t%.3f\t%.1f\t%.3f\t%.3f\t%llu\t%.3f\n", q, jb->m->name, med, 1e6 / med, lo, hi,
                       (unsigned long long)jb->per_rep, cmed);
            else
                printf("%-28s %-13s %11.2f %11.0f %10.2f %10.2f %10.2f  %llu\n", q, jb->m->name, med, 1e6 / med, lo,
                       hi, cmed, (unsigned long long)jb->per_rep);
        }
    }
    for (int i = 0; i < n; i++)
        free_vector(&vs[i]);
    return rc;
}
