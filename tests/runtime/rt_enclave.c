/* rt_enclave.c — the runtime test enclave (see rt.edl). */
#include <bearssl.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rt_t.h"
#include "sgx_trts.h"
#include "sgx_trts_exception.h"
#include "sgx_utils.h"

static __thread int tls_counter = 100;

int ecall_add(int a, int b)
{
    return a + b;
}

int ecall_call_host(int x)
{
    int r = 0;
    sgx_status_t st = ocall_twice(&r, x);
    return st == SGX_SUCCESS ? r : -(int)st;
}

int ecall_try_plain(int x)
{
    int r = 0;
    sgx_status_t st = ocall_plain(&r, x);
    return st == SGX_SUCCESS ? r : -(int)st;
}

int ecall_tls_counter(void)
{
    return ++tls_counter;
}

int ecall_within(uint64_t addr, uint64_t size)
{
    return sgx_is_within_enclave((const void *)addr, size) * 2 + sgx_is_outside_enclave((const void *)addr, size);
}

void ecall_abort(void)
{
    abort();
}

int ecall_private(int x)
{
    return x + 1000;
}

/* Exceptions: a handler that skips UD2 (2 bytes), and one that completes a faulting 3-byte load
 * (mov (%rax), %rbx) with the value 77. Each counts what it saw. */
static volatile int ud_seen, pf_seen;

static int skip_ud2(sgx_exception_info_t *info)
{
    if (info->exception_vector != SGX_EXCEPTION_VECTOR_UD || info->exception_type != SGX_EXCEPTION_HARDWARE)
        return EXCEPTION_CONTINUE_SEARCH;
    ud_seen++;
    info->cpu_context.rip += 2;
    return EXCEPTION_CONTINUE_EXECUTION;
}

static int complete_load(sgx_exception_info_t *info)
{
    if (info->exception_vector != SGX_EXCEPTION_VECTOR_PF || info->cpu_context.rax != 0x10)
        return EXCEPTION_CONTINUE_SEARCH;
    pf_seen++;
    info->cpu_context.rbx = 77;
    info->cpu_context.rip += 3;
    return EXCEPTION_CONTINUE_EXECUTION;
}

int ecall_handled_ud(void)
{
    void *h = sgx_register_exception_handler(1, skip_ud2);
    if (!h)
        return -1;
    int before = ud_seen;
    __asm__ volatile("ud2");
    __asm__ volatile("ud2");
    int seen = ud_seen - before;
    return sgx_unregister_exception_handler(h) ? seen : -2;
}

/* Vector registers set before a handled #UD hold the same values after it (the AEX saves the
 * extended state in the SSA frame and ERESUME restores it, whatever ran in between): 0 when
 * they do, 1 when they do not. */
/* skip_ud2, after clobbering what the vector registers hold (as any code between the AEX and
 * ERESUME may). */
static int skip_ud2_clobbering(sgx_exception_info_t *info)
{
    __asm__ volatile("vzeroall" ::: "xmm0", "xmm1", "xmm2", "xmm3", "memory");
    return skip_ud2(info);
}

int ecall_vectors_across_fault(void)
{
    void *h = sgx_register_exception_handler(1, skip_ud2_clobbering);
    if (!h)
        return -1;
    uint8_t pattern[32], x0[16], x1[16], y2[32];
    for (int i = 0; i < 32; i++)
        pattern[i] = (uint8_t)(0x5a ^ (i * 37));
    __asm__ volatile("movdqu (%3), %%xmm0\n\t"
                     "movdqu 16(%3), %%xmm1\n\t"
                     "vmovdqu (%3), %%ymm2\n\t"
                     "ud2\n\t"
                     "movdqu %%xmm0, %0\n\t"
                     "movdqu %%xmm1, %1\n\t"
                     "vmovdqu %%ymm2, %2\n\t"
                     "vzeroupper"
                     : "=m"(x0), "=m"(x1), "=m"(y2)
                     : "r"(pattern), "m"(pattern)
                     : "xmm0", "xmm1", "xmm2", "memory");
    sgx_unregister_exception_handler(h);
    return memcmp(x0, pattern, 16) || memcmp(x1, pattern + 16, 16) || memcmp(y2, pattern, 32) ? 1 : 0;
}

/* A handler that skips UD2 and puts 0x11..0x20 in XMM0 through the XSAVE image (XMM0 is at byte
 * 160 of its legacy area). */
#define XSAVE_XMM0 160
#define XSAVE_XSTATE_BV 512

static int skip_ud2_set_xmm0(sgx_exception_info_t *info)
{
    if (info->exception_vector != SGX_EXCEPTION_VECTOR_UD || !info->exception_valid || info->xsave_size < 576)
        return EXCEPTION_CONTINUE_SEARCH;
    for (int i = 0; i < 16; i++)
        info->xsave_area[XSAVE_XMM0 + i] = (uint8_t)(0x11 + i);
    info->xsave_area[XSAVE_XSTATE_BV] |= 2; /* the SSE state is in the image (not its initial one) */
    info->cpu_context.rip += 2;
    return EXCEPTION_CONTINUE_EXECUTION;
}

/* 0 when XMM0 after the handled UD2 holds what the handler wrote, 1 when not. */
int ecall_handler_sets_xmm0(void)
{
    void *h = sgx_register_exception_handler(1, skip_ud2_set_xmm0);
    if (!h)
        return -1;
    uint8_t x0[16];
    __asm__ volatile("pxor %%xmm0, %%xmm0\n\t"
                     "ud2\n\t"
                     "movdqu %%xmm0, %0"
                     : "=m"(x0)
                     :
                     : "xmm0", "memory");
    sgx_unregister_exception_handler(h);
    for (int i = 0; i < 16; i++)
        if (x0[i] != 0x11 + i)
            return 1;
    return 0;
}

/* CPUID inside the enclave: a #UD (on a CPU and kernel with CPUID faulting). With `handled`, a
 * handler answers it as Intel's SDK pattern does (here with made-up values) and skips it; the
 * result is 0 when the registers hold the handler's answer. Without, the enclave crashes. */
static int answer_cpuid(sgx_exception_info_t *info)
{
    const uint8_t *ip = (const uint8_t *)(uintptr_t)info->cpu_context.rip;
    if (info->exception_vector != SGX_EXCEPTION_VECTOR_UD || ip[0] != 0x0f || ip[1] != 0xa2)
        return EXCEPTION_CONTINUE_SEARCH;
    info->cpu_context.rax = 0x11;
    info->cpu_context.rbx = 0x22;
    info->cpu_context.rcx = 0x33;
    info->cpu_context.rdx = 0x44;
    info->cpu_context.rip += 2;
    return EXCEPTION_CONTINUE_EXECUTION;
}

int ecall_cpuid_raw(int handled)
{
    void *h = handled ? sgx_register_exception_handler(1, answer_cpuid) : NULL;
    uint32_t a = 0, b, c = 0, d;
    __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
    if (h)
        sgx_unregister_exception_handler(h);
    return a == 0x11 && b == 0x22 && c == 0x33 && d == 0x44 ? 0 : 1;
}

/* A handled #UD with DF set: the handlers run with DF clear (the entry clears it) and the enclave
 * resumes with its own flags; the number of #UDs seen. */
int ecall_df_across_fault(void)
{
    void *h = sgx_register_exception_handler(1, skip_ud2);
    if (!h)
        return -1;
    int before = ud_seen;
    __asm__ volatile("std\n\tud2\n\tcld" ::: "memory", "cc");
    sgx_unregister_exception_handler(h);
    return ud_seen - before;
}

/* An unhandled #UD with DF set and MXCSR changed: the enclave crashes; the host must get neither. */
void ecall_dirty_crash(void)
{
    uint32_t mxcsr = 0x7d80;
    __asm__ volatile("ldmxcsr %0\n\tstd\n\tud2" : : "m"(mxcsr) : "memory", "cc");
}

int ecall_handled_pf(void)
{
    void *h = sgx_register_exception_handler(0, complete_load);
    uint64_t rbx = 0;
    __asm__ volatile("mov $0x10, %%rax\n\t.byte 0x48, 0x8b, 0x18\n\t" : "=b"(rbx) : : "rax", "memory");
    sgx_unregister_exception_handler(h);
    return (int)rbx + 1000 * pf_seen;
}

int ecall_unhandled(int kind)
{
    volatile int zero = 0;
    switch (kind) {
    case 0:
        return *(volatile int *)(uintptr_t)zero;     /* #PF */
    case 1:
        return 100 / zero;                           /* #DE */
    default:
        __asm__ volatile("int3");                    /* #BP, software */
        return 0;
    }
}

int ecall_recurse(int depth)
{
    volatile char pad[1024];
    pad[0] = (char)depth;
    return depth <= 0 ? pad[0] : ecall_recurse(depth - 1) + pad[0] - (char)depth + 1;
}

/* The boundary: buffers copied in and out by the generated bridges. */
static uint8_t secret[64] = { 1, 2, 3 };

int ecall_in_buf(const uint8_t *buf, size_t len)
{
    int sum = 0;
    for (size_t i = 0; i < len; i++)
        sum += buf[i];
    return sum;
}

int ecall_out_buf(uint8_t *buf, size_t len)
{
    for (size_t i = 0; i < len; i++)
        buf[i] = (uint8_t)(i * 3);
    return (int)len;
}

size_t ecall_in_str(const char *s)
{
    return strlen(s);
}

int ecall_in_count(const int *v, size_t n)
{
    int sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += v[i];
    return sum;
}

uint64_t ecall_secret_address(void)
{
    return (uint64_t)(uintptr_t)secret;
}

void ecall_empty(void)
{
}

int ecall_ocalls(int n)
{
    for (int i = 0; i < n; i++)
        if (ocall_empty() != SGX_SUCCESS)
            return -1;
    return n;
}

/* A counter every thread adds to. */
static uint64_t shared_count;

uint64_t ecall_count(uint64_t n)
{
    return __atomic_add_fetch(&shared_count, n, __ATOMIC_SEQ_CST);
}

/* One step of floating-point work that keeps its state in vector registers. */
static double fp_step(double x, uint64_t i)
{
    return x * 1.0000001 + 0.5 / (double)(i + 1);
}

double ecall_fp_work(uint64_t n)
{
    double x = 1.0, acc = 0.0;
    for (uint64_t i = 0; i < n; i++) {
        x = fp_step(x, i);
        acc += x;
    }
    return acc;
}

/* Says it started (flags[0] = 1, untrusted memory), then works until the host sets flags[1]. */
double ecall_fp_spin(int *flags, uint64_t *iterations)
{
    volatile int *f = flags;
    double x = 1.0, acc = 0.0;
    uint64_t i = 0;
    f[0] = 1;
    while (!f[1]) {
        x = fp_step(x, i++);
        acc += x;
    }
    *iterations = i;
    return acc;
}

/* Stays in an OCALL until the host lets it go: holds the TCS. */
int ecall_hold(void)
{
    return ocall_hold() == SGX_SUCCESS ? 1 : -1;
}

/* Trusted crypto: BearSSL is linked into every enclave. */
int ecall_sha256(const uint8_t *buf, size_t len, uint8_t digest[32])
{
    br_sha256_context c;
    br_sha256_init(&c);
    br_sha256_update(&c, buf, len);
    br_sha256_out(&c, digest);
    return 0;
}

/* Heap exhaustion: malloc returns NULL (with ENOMEM), never crashes; everything is freed after. */
int ecall_malloc_until_null(size_t chunk)
{
    void *blocks[4096];
    int n = 0;
    errno = 0;
    while (n < 4096 && (blocks[n] = malloc(chunk)) != NULL)
        n++;
    int enomem = errno == ENOMEM;
    for (int i = 0; i < n; i++)
        free(blocks[i]);
    void *again = malloc(chunk);
    int ok = again != NULL;
    free(again);
    return n < 4096 && enomem && ok ? n : -n;
}

/* REPORTs and keys, through EREPORT and EGETKEY. */
int ecall_report(const sgx_target_info_t *ti, const sgx_report_data_t *data, sgx_report_t *report)
{
    return (int)sgx_create_report(ti, data, report);
}

int ecall_self_target(sgx_target_info_t *ti)
{
    return (int)sgx_self_target(ti);
}

int ecall_get_key(const sgx_key_request_t *req, sgx_key_128bit_t *key)
{
    return (int)sgx_get_key(req, key);
}
