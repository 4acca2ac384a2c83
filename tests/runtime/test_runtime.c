/* test_runtime.c — enclaves running on the simulated CPU through the untrusted and trusted
 * runtimes: the test enclave (rt.edl) is created from its signed file; ECALLs return their
 * results; an OCALL runs and may make the nested private ECALL it allows (and no other); a
 * private ECALL from the host is refused; TLS is per thread; two threads use the two TCSs;
 * abort marks the enclave crashed; a tampered or unsigned enclave file is refused at load with
 * Intel's status codes; a DisableDebug enclave cannot be created in debug mode; host signals
 * that reach a thread inside the enclave run their handlers on the host's state; CPUID in the
 * enclave is #UD. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <asm/prctl.h>
#include <cpuid.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#include <openssl/sha.h>

#include "elf_image.h"
#include "measure.h"
#include "metadata.h"
#include "rt_u.h"
#include "sgx_urts.h"

#ifndef RT_ENCLAVE
#error "RT_ENCLAVE: the signed test enclave's path"
#endif

static sgx_enclave_id_t eid;
static sgx_status_t nested_status;

int ocall_twice(int x)
{
    int r = 0;
    nested_status = ecall_private(eid, &r, x);
    return 2 * x + r;
}

void ocall_empty(void)
{
}

/* ocall_hold: stays until released (holds the enclave thread's TCS meanwhile). */
static pthread_mutex_t hold_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t hold_cond = PTHREAD_COND_INITIALIZER;
static int holding, released;

void ocall_hold(void)
{
    pthread_mutex_lock(&hold_lock);
    holding++;
    pthread_cond_broadcast(&hold_cond);
    while (!released)
        pthread_cond_wait(&hold_cond, &hold_lock);
    pthread_mutex_unlock(&hold_lock);
}

int ocall_plain(int x)
{
    int r = 0;
    nested_status = ecall_private(eid, &r, x);
    return nested_status == SGX_SUCCESS ? r : -1;
}

static int setup(void **state)
{
    (void)state;
    return sgx_create_enclave(RT_ENCLAVE, SGX_DEBUG_FLAG, NULL, NULL, &eid, NULL) == SGX_SUCCESS ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    return sgx_destroy_enclave(eid) == SGX_SUCCESS ? 0 : -1;
}

static void test_ecall(void **state)
{
    (void)state;
    int r = 0;
    assert_int_equal(ecall_add(eid, &r, 40, 2), SGX_SUCCESS);
    assert_int_equal(r, 42);
    assert_int_equal(ecall_add(eid, &r, -7, -8), SGX_SUCCESS);
    assert_int_equal(r, -15);
    assert_int_equal(ecall_add(eid + 1000, &r, 1, 2), SGX_ERROR_INVALID_ENCLAVE_ID);
}

static void test_ocall_and_nested(void **state)
{
    (void)state;
    int r = 0;
    nested_status = SGX_ERROR_UNEXPECTED;
    assert_int_equal(ecall_call_host(eid, &r, 5), SGX_SUCCESS);
    assert_int_equal(nested_status, SGX_SUCCESS);
    assert_int_equal(r, 2 * 5 + 1005);
    /* ocall_plain does not allow ecall_private. */
    assert_int_equal(ecall_try_plain(eid, &r, 5), SGX_SUCCESS);
    assert_int_equal(nested_status, SGX_ERROR_ECALL_NOT_ALLOWED);
    assert_int_equal(r, -1);
    /* A private ECALL straight from the host. */
    assert_int_equal(ecall_private(eid, &r, 1), SGX_ERROR_ECALL_NOT_ALLOWED);
}

static void test_within(void **state)
{
    (void)state;
    int r = 0, local = 0;
    assert_int_equal(ecall_within(eid, &r, (uint64_t)(uintptr_t)&local, sizeof local), SGX_SUCCESS);
    assert_int_equal(r, 1); /* host stack: outside */
    assert_int_equal(ecall_within(eid, &r, UINT64_MAX - 4, 16), SGX_SUCCESS);
    assert_int_equal(r, 0); /* wraps: neither */
}

static void *tls_thread(void *arg)
{
    int *out = arg;
    for (int i = 0; i < 3; i++)
        if (ecall_tls_counter(eid, &out[i]) != SGX_SUCCESS)
            out[i] = -1;
    return NULL;
}

static void test_tls_per_thread(void **state)
{
    (void)state;
    int a[3], b[3];
    pthread_t t;
    tls_thread(a);
    assert_int_equal(pthread_create(&t, NULL, tls_thread, b), 0);
    pthread_join(t, NULL);
    /* Unbound TCSs: a thread may get either; each TCS has its own TLS, starting at 100. */
    assert_true(a[0] >= 101 && a[1] == a[0] + 1 && a[2] == a[1] + 1);
    assert_true(b[0] >= 101 && b[1] == b[0] + 1 && b[2] == b[1] + 1);
}

static void test_abort_crashes(void **state)
{
    (void)state;
    sgx_enclave_id_t id;
    assert_int_equal(sgx_create_enclave(RT_ENCLAVE, 1, NULL, NULL, &id, NULL), SGX_SUCCESS);
    int r = 0;
    assert_int_equal(ecall_add(id, &r, 1, 1), SGX_SUCCESS);
    assert_int_equal(ecall_abort(id), SGX_ERROR_ENCLAVE_CRASHED);
    assert_int_equal(ecall_add(id, &r, 1, 1), SGX_ERROR_ENCLAVE_CRASHED);
    assert_int_equal(sgx_destroy_enclave(id), SGX_SUCCESS);
    assert_int_equal(sgx_destroy_enclave(id), SGX_ERROR_INVALID_ENCLAVE_ID);
}

/* A copy of the enclave file with one byte changed (at a negative offset: from the end). */
static char *tampered(long at, uint8_t xor)
{
    FILE *f = fopen(RT_ENCLAVE, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    rewind(f);
    uint8_t *b = malloc((size_t)len);
    assert_int_equal(fread(b, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    b[at < 0 ? len + at : at] ^= xor;
    char *path = strdup("/tmp/vsgx-rt-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, b, (size_t)len), len);
    close(fd);
    free(b);
    return path;
}

/* File offsets of what the tamper tests change: the SIGSTRUCT's signature, its ENCLAVEHASH, the
 * metadata's magic and enclave size, and a byte of code at the entry point (measured); and the
 * enclave's size. */
typedef struct {
    long signature, enclave_hash, magic, enclave_size, code;
    uint64_t size;
} offsets_t;

static offsets_t find_offsets(void)
{
    FILE *f = fopen(RT_ENCLAVE, "rb");
    assert_non_null(f);
    static uint8_t buf[4 << 20];
    size_t len = fread(buf, 1, sizeof buf, f);
    fclose(f);
    vsgx_elf_image_t *elf = NULL;
    vsgx_metadata_t *md = NULL;
    assert_int_equal(vsgx_elf_parse(buf, len, &elf, NULL), VSGX_ELF_OK);
    assert_int_equal(vsgx_measure_load_metadata(elf, &md, NULL), VSGX_MEASURE_OK);
    offsets_t o = { .magic = (long)md->file_offset, .enclave_size = (long)md->file_offset + 40,
                    .size = md->enclave_size };
    o.signature = (long)md->file_offset + 64 + 516;
    o.enclave_hash = (long)md->file_offset + 64 + 960;
    uint64_t entry = 0;
    memcpy(&entry, buf + 24, 8); /* e_entry */
    for (size_t i = 0; i < elf->phnum; i++) {
        const vsgx_elf_phdr_t *p = &elf->phdrs[i];
        if (p->type == VSGX_ELF_PT_LOAD && entry >= p->vaddr && entry < p->vaddr + p->filesz)
            o.code = (long)(p->offset + (entry - p->vaddr));
    }
    assert_true(o.code > 0);
    vsgx_metadata_free(md);
    vsgx_elf_free(elf);
    return o;
}

static void expect_refused(long at, uint8_t xor, sgx_status_t want)
{
    char *p = tampered(at, xor);
    sgx_enclave_id_t id = 0;
    sgx_status_t st = sgx_create_enclave(p, 1, NULL, NULL, &id, NULL);
    unlink(p);
    free(p);
    if (st != want)
        fail_msg("byte %ld ^ 0x%02x: got 0x%04x, expected 0x%04x", at, xor, st, want);
}

static void test_tampered(void **state)
{
    (void)state;
    offsets_t o = find_offsets();
    expect_refused(o.signature, 0x01, SGX_ERROR_INVALID_SIGNATURE);
    expect_refused(o.enclave_hash, 0x80, SGX_ERROR_INVALID_SIGNATURE); /* signed: the signature breaks */
    expect_refused(o.code, 0x01, SGX_ERROR_INVALID_ENCLAVE);          /* measured: MRENCLAVE differs */
    expect_refused(o.magic, 0x01, SGX_ERROR_INVALID_METADATA);
    expect_refused(o.enclave_size + 3, 0x01, SGX_ERROR_INVALID_METADATA);
    sgx_enclave_id_t id;
    /* The unsigned link output: its metadata note is empty. */
    assert_int_equal(sgx_create_enclave(RT_UNSIGNED_ENCLAVE, 1, NULL, NULL, &id, NULL), SGX_ERROR_INVALID_METADATA);
}

static void test_debug_flag(void **state)
{
    (void)state;
    sgx_enclave_id_t id;
    sgx_misc_attribute_t attr;
    assert_int_equal(sgx_create_enclave(RT_NDEBUG_ENCLAVE, 1, NULL, NULL, &id, NULL), SGX_ERROR_NDEBUG_ENCLAVE);
    assert_int_equal(sgx_create_enclave(RT_NDEBUG_ENCLAVE, 0, NULL, NULL, &id, &attr), SGX_SUCCESS);
    assert_int_equal(attr.secs_attr.flags & SGX_FLAGS_DEBUG, 0);
    assert_int_equal(attr.secs_attr.flags & SGX_FLAGS_INITTED, SGX_FLAGS_INITTED);
    int r = 0;
    assert_int_equal(ecall_add(id, &r, 2, 3), SGX_SUCCESS);
    assert_int_equal(r, 5);
    assert_int_equal(sgx_destroy_enclave(id), SGX_SUCCESS);
    assert_int_equal(sgx_create_enclave(RT_ENCLAVE, 1, NULL, NULL, &id, &attr), SGX_SUCCESS);
    assert_int_equal(attr.secs_attr.flags & SGX_FLAGS_DEBUG, SGX_FLAGS_DEBUG);
    assert_int_equal(sgx_destroy_enclave(id), SGX_SUCCESS);
}

static void test_refused_files(void **state)
{
    (void)state;
    sgx_enclave_id_t id;
    assert_int_equal(sgx_create_enclave("/nonexistent/enclave.so", 1, NULL, NULL, &id, NULL),
                     SGX_ERROR_ENCLAVE_FILE_ACCESS);
    assert_int_equal(sgx_create_enclave(RT_ENCLAVE, 2, NULL, NULL, &id, NULL), SGX_ERROR_INVALID_PARAMETER);
    /* The ELF header's e_ident: not an enclave at all. */
    char *p = tampered(1, 0xff);
    assert_int_equal(sgx_create_enclave(p, 1, NULL, NULL, &id, NULL), SGX_ERROR_INVALID_ENCLAVE);
    unlink(p);
    free(p);
}

/* The enclaves of the exception tests are created inside the test: cmocka installs its own
 * fault handlers for each test, and the runtime's go in front of them (chaining) at creation. */
static void test_handled_exceptions(void **state)
{
    (void)state;
    sgx_enclave_id_t id;
    int r = 0;
    assert_int_equal(sgx_create_enclave(RT_ENCLAVE, 1, NULL, NULL, &id, NULL), SGX_SUCCESS);
    assert_int_equal(ecall_handled_ud(id, &r), SGX_SUCCESS);
    assert_int_equal(r, 2);
    assert_int_equal(ecall_handled_pf(id, &r), SGX_SUCCESS);
    assert_int_equal(r, 77 + 1000);
    /* The vector registers come back with the rest of the interrupted state. */
    assert_int_equal(ecall_vectors_across_fault(id, &r), SGX_SUCCESS);
    assert_int_equal(r, 0);
    /* A handler sees the XSAVE image, and what it changes there is what the enclave resumes with. */
    assert_int_equal(ecall_handler_sets_xmm0(id, &r), SGX_SUCCESS);
    assert_int_equal(r, 0);
    /* And the enclave goes on working. */
    assert_int_equal(ecall_add(id, &r, 1, 2), SGX_SUCCESS);
    assert_int_equal(r, 3);
    assert_int_equal(sgx_destroy_enclave(id), SGX_SUCCESS);
}

static void test_unhandled_exceptions(void **state)
{
    (void)state;
    for (int kind = 0; kind < 3; kind++) {
        sgx_enclave_id_t id;
        int r = 0;
        assert_int_equal(sgx_create_enclave(RT_ENCLAVE, 1, NULL, NULL, &id, NULL), SGX_SUCCESS);
        assert_int_equal(ecall_unhandled(id, &r, kind), SGX_ERROR_ENCLAVE_CRASHED);
        assert_int_equal(ecall_add(id, &r, 1, 1), SGX_ERROR_ENCLAVE_CRASHED);
        assert_int_equal(sgx_destroy_enclave(id), SGX_SUCCESS);
    }
}

static void test_stack_overflow(void **state)
{
    (void)state;
    sgx_enclave_id_t id;
    int r = 0;
    assert_int_equal(sgx_create_enclave(RT_ENCLAVE, 1, NULL, NULL, &id, NULL), SGX_SUCCESS);
    /* 40 frames of over 1 KiB fit the 64 KiB stack; 200 do not and hit the guard page. */
    assert_int_equal(ecall_recurse(id, &r, 40), SGX_SUCCESS);
    assert_int_equal(r, 40);
    assert_int_equal(ecall_recurse(id, &r, 200), SGX_ERROR_ENCLAVE_CRASHED);
    assert_int_equal(ecall_add(id, &r, 1, 1), SGX_ERROR_ENCLAVE_CRASHED);
    assert_int_equal(sgx_destroy_enclave(id), SGX_SUCCESS);
}

static void test_boundary(void **state)
{
    (void)state;
    int r = 0;
    uint8_t buf[4096];
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (uint8_t)i;
    assert_int_equal(ecall_in_buf(eid, &r, buf, sizeof buf), SGX_SUCCESS);
    assert_int_equal(r, 16 * (255 * 256 / 2));
    memset(buf, 0xee, sizeof buf);
    assert_int_equal(ecall_out_buf(eid, &r, buf, 100), SGX_SUCCESS);
    assert_int_equal(r, 100);
    assert_int_equal(buf[99], (uint8_t)(99 * 3));
    assert_int_equal(buf[100], 0xee); /* nothing past the size */
    size_t len = 0;
    assert_int_equal(ecall_in_str(eid, &len, "sixteen letters!"), SGX_SUCCESS);
    assert_int_equal(len, 16);
    int v[4] = { 1, 2, 3, 4 };
    assert_int_equal(ecall_in_count(eid, &r, v, 4), SGX_SUCCESS);
    assert_int_equal(r, 10);

    /* A pointer into the enclave, as [in] and as [out]: refused, nothing read or written. */
    uint64_t inside = 0;
    assert_int_equal(ecall_secret_address(eid, &inside), SGX_SUCCESS);
    r = 12345;
    assert_int_equal(ecall_in_buf(eid, &r, (const uint8_t *)(uintptr_t)inside, 16), SGX_ERROR_INVALID_PARAMETER);
    assert_int_equal(r, 12345);
    assert_int_equal(ecall_out_buf(eid, &r, (uint8_t *)(uintptr_t)inside, 16), SGX_ERROR_INVALID_PARAMETER);
    assert_int_equal(ecall_in_str(eid, &len, (const char *)(uintptr_t)inside), SGX_ERROR_INVALID_PARAMETER);
    /* A range that straddles the enclave's end or wraps. */
    assert_int_equal(ecall_in_buf(eid, &r, (const uint8_t *)(uintptr_t)(inside - 8), 16), SGX_ERROR_INVALID_PARAMETER);
    /* A count whose size overflows. */
    assert_int_equal(ecall_in_count(eid, &r, v, SIZE_MAX / 2), SGX_ERROR_INVALID_PARAMETER);
    /* An unterminated string, past the untrusted bridge (which would measure it): ECALL 12 is
     * ecall_in_str (checked with a good string first). The trusted bridge refuses a string whose
     * length is not strlen + 1 with SGX_ERROR_UNEXPECTED, as Intel's generated code does. */
    struct {
        size_t ret;
        const char *s;
        size_t s_len;
    } ms = { 0, "abcdef", 7 };
    assert_int_equal(sgx_ecall(eid, 12, NULL, &ms), SGX_SUCCESS);
    assert_int_equal(ms.ret, 6);
    ms.s_len = 6; /* no NUL within the length */
    ms.ret = 99;
    assert_int_equal(sgx_ecall(eid, 12, NULL, &ms), SGX_ERROR_UNEXPECTED);
    assert_int_equal(ms.ret, 99);
    /* ECALL indexes outside the table. */
    assert_int_equal(sgx_ecall(eid, 1000, NULL, &ms), SGX_ERROR_INVALID_FUNCTION);
    assert_int_equal(sgx_ecall(eid, -5, NULL, &ms), SGX_ERROR_INVALID_FUNCTION);
}

static void *hold_thread(void *arg)
{
    int r = 0;
    *(sgx_status_t *)arg = ecall_hold(eid, &r);
    return NULL;
}

static void test_out_of_tcs(void **state)
{
    (void)state;
    /* rt_enclave has two TCSs: two threads hold them in an OCALL; a third ECALL finds none. */
    pthread_t t[2];
    sgx_status_t st[2];
    released = 0;
    holding = 0;
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&t[i], NULL, hold_thread, &st[i]), 0);
    pthread_mutex_lock(&hold_lock);
    while (holding < 2)
        pthread_cond_wait(&hold_cond, &hold_lock);
    pthread_mutex_unlock(&hold_lock);
    int r = 0;
    assert_int_equal(ecall_add(eid, &r, 1, 1), SGX_ERROR_OUT_OF_TCS);
    pthread_mutex_lock(&hold_lock);
    released = 1;
    pthread_cond_broadcast(&hold_cond);
    pthread_mutex_unlock(&hold_lock);
    for (int i = 0; i < 2; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(st[i], SGX_SUCCESS);
    }
    assert_int_equal(ecall_add(eid, &r, 1, 1), SGX_SUCCESS);
}

#define THREADS 8
#define CALLS 100000

static sgx_enclave_id_t mt_eid;

static void *count_thread(void *arg)
{
    int *failures = arg;
    for (int i = 0; i < CALLS; i++) {
        uint64_t v = 0;
        if (ecall_count(mt_eid, &v, 1) != SGX_SUCCESS)
            ++*failures;
    }
    return NULL;
}

static void test_many_threads(void **state)
{
    (void)state;
    assert_int_equal(sgx_create_enclave(RT_MT_ENCLAVE, 1, NULL, NULL, &mt_eid, NULL), SGX_SUCCESS);
    pthread_t t[THREADS];
    int failures[THREADS] = { 0 };
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, count_thread, &failures[i]), 0);
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(failures[i], 0);
    }
    uint64_t total = 0;
    assert_int_equal(ecall_count(mt_eid, &total, 0), SGX_SUCCESS);
    assert_int_equal(total, (uint64_t)THREADS * CALLS);
    assert_int_equal(sgx_destroy_enclave(mt_eid), SGX_SUCCESS);
}

/* The process's mapped bytes (the sum of /proc/self/maps's ranges). */
static uint64_t mapped(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    assert_non_null(f);
    char line[512];
    uint64_t total = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        if (sscanf(line, "%lx-%lx", &lo, &hi) == 2)
            total += hi - lo;
    }
    fclose(f);
    return total;
}

static void test_create_destroy_many(void **state)
{
    (void)state;
    sgx_enclave_id_t id;
    assert_int_equal(sgx_create_enclave(RT_ENCLAVE, 1, NULL, NULL, &id, NULL), SGX_SUCCESS);
    assert_int_equal(sgx_destroy_enclave(id), SGX_SUCCESS);
    uint64_t before = mapped();
    for (int i = 0; i < 1000; i++) {
        int r = 0;
        assert_int_equal(sgx_create_enclave(RT_ENCLAVE, 1, NULL, NULL, &id, NULL), SGX_SUCCESS);
        assert_int_equal(ecall_add(id, &r, i, 1), SGX_SUCCESS);
        assert_int_equal(r, i + 1);
        assert_int_equal(sgx_destroy_enclave(id), SGX_SUCCESS);
    }
    /* No enclave range left mapped: each is 2 MiB or more, so a thousand would add 2 GiB; the
     * host heap may grow by what AddressSanitizer keeps in quarantine (256 MiB at most).
     * LeakSanitizer checks the heap itself at exit. */
    uint64_t after = mapped();
    if (after >= before + (UINT64_C(512) << 20))
        fail_msg("mapped %llu MiB before, %llu MiB after", (unsigned long long)(before >> 20), (unsigned long long)(after >> 20));
}

/* TCSPolicy BIND: a thread keeps the TCS of its first ECALL until it exits. */
static sgx_enclave_id_t bind_eid;
static pthread_mutex_t bind_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t bind_cond = PTHREAD_COND_INITIALIZER;
static int bound_called, bound_exit;

static void *bound_thread(void *arg)
{
    int *r = arg;
    *r = -1;
    ecall_tls_counter(bind_eid, r);
    pthread_mutex_lock(&bind_lock);
    bound_called = 1;
    pthread_cond_broadcast(&bind_cond);
    while (!bound_exit)
        pthread_cond_wait(&bind_cond, &bind_lock);
    pthread_mutex_unlock(&bind_lock);
    return NULL;
}

static void *third_thread(void *arg)
{
    int r = 0;
    *(sgx_status_t *)arg = ecall_add(bind_eid, &r, 1, 2);
    return NULL;
}

static void test_bind_policy(void **state)
{
    (void)state;
    assert_int_equal(sgx_create_enclave(RT_BIND_ENCLAVE, 1, NULL, NULL, &bind_eid, NULL), SGX_SUCCESS);
    int a = 0, b = 0;
    assert_int_equal(ecall_tls_counter(bind_eid, &a), SGX_SUCCESS); /* this thread takes one TCS */
    pthread_t t, u;
    assert_int_equal(pthread_create(&t, NULL, bound_thread, &b), 0); /* another thread the other */
    pthread_mutex_lock(&bind_lock);
    while (!bound_called)
        pthread_cond_wait(&bind_cond, &bind_lock);
    pthread_mutex_unlock(&bind_lock);
    assert_int_equal(b, 101);
    /* Both TCSs are bound though idle: a third thread finds none. */
    sgx_status_t st = SGX_SUCCESS;
    assert_int_equal(pthread_create(&u, NULL, third_thread, &st), 0);
    pthread_join(u, NULL);
    assert_int_equal(st, SGX_ERROR_OUT_OF_TCS);
    /* This thread keeps its own TCS (and its TLS). */
    assert_int_equal(ecall_tls_counter(bind_eid, &a), SGX_SUCCESS);
    assert_int_equal(a, 102);
    /* When the other thread exits, its TCS is free again. */
    pthread_mutex_lock(&bind_lock);
    bound_exit = 1;
    pthread_cond_broadcast(&bind_cond);
    pthread_mutex_unlock(&bind_lock);
    pthread_join(t, NULL);
    assert_int_equal(pthread_create(&u, NULL, third_thread, &st), 0);
    pthread_join(u, NULL);
    assert_int_equal(st, SGX_SUCCESS);
    assert_int_equal(sgx_destroy_enclave(bind_eid), SGX_SUCCESS);
}

static void test_target_info(void **state)
{
    (void)state;
    sgx_target_info_t ti;
    assert_int_equal(sgx_get_target_info(eid, &ti), SGX_SUCCESS);
    /* MRENCLAVE is the signed one: the SIGSTRUCT's ENCLAVEHASH, as vsgx enclave measure finds. */
    offsets_t o = find_offsets();
    FILE *f = fopen(RT_ENCLAVE, "rb");
    assert_non_null(f);
    uint8_t hash[32];
    assert_int_equal(fseek(f, o.enclave_hash, SEEK_SET), 0);
    assert_int_equal(fread(hash, 1, 32, f), 32);
    fclose(f);
    assert_memory_equal(ti.mr_enclave.m, hash, 32);
    /* Created with SGX_DEBUG_FLAG (0 in a build with NDEBUG). */
    assert_int_equal(ti.attributes.flags & (SGX_FLAGS_INITTED | SGX_FLAGS_DEBUG | SGX_FLAGS_MODE64BIT),
                     SGX_FLAGS_INITTED | SGX_FLAGS_MODE64BIT | (SGX_DEBUG_FLAG ? SGX_FLAGS_DEBUG : 0));
    assert_int_equal(sgx_get_target_info(eid + 1000, &ti), SGX_ERROR_INVALID_ENCLAVE_ID);
    assert_int_equal(sgx_get_target_info(eid, NULL), SGX_ERROR_INVALID_PARAMETER);
}

/* Host signals while a thread runs enclave code: each is an AEX around the host's handler. The
 * handler sees the host's TLS and the AEX's synthetic state (RAX = ERESUME, RIP = RCX = the AEP
 * outside the enclave, RBX = a TCS inside it, RSP on the host thread's stack), then the enclave goes on
 * with its registers and floating-point state intact. A signal that arrives while another's handler
 * runs interrupts that handler (host code), as on hardware: never does a handler see enclave state. */
#define NEAR(a, b, range) ((a) - (b) + (range) < 2 * (uintptr_t)(range))
#define INSIDE(a) ((a) - enclave_base < enclave_size)

static __thread int tls_marker;
static int *worker_marker;
static uintptr_t worker_stack, enclave_base, enclave_size;
static atomic_int sig_hits, sig_aex, sig_bad;

static void on_host_signal(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    (void)si;
    const greg_t *g = ((const ucontext_t *)ucv)->uc_mcontext.gregs;
    volatile double clobber = 3.0; /* the handler's own floating-point work */
    for (int i = 0; i < 64; i++)
        clobber = clobber * 1.5 - 1.0;
    sig_hits++;
    if (&tls_marker != worker_marker)
        sig_bad++;
    uintptr_t rip = (uintptr_t)g[REG_RIP], rbx = (uintptr_t)g[REG_RBX], rsp = (uintptr_t)g[REG_RSP];
    if (INSIDE(rip) || INSIDE(rsp))
        sig_bad++;
    if (g[REG_RAX] == 3 && g[REG_RCX] == g[REG_RIP] && INSIDE(rbx) && NEAR(rsp, worker_stack, 1u << 20))
        sig_aex++;
}

typedef struct {
    sgx_enclave_id_t eid;
    int flags[2];
    uint64_t iterations;
    double result;
    sgx_status_t status;
} fp_job_t;

static void *fp_worker(void *arg)
{
    fp_job_t *j = arg;
    int local = 0;
    worker_marker = &tls_marker;
    worker_stack = (uintptr_t)&local;
    j->status = ecall_fp_spin(j->eid, &j->result, j->flags, &j->iterations);
    return NULL;
}

/* A plain (signal()) handler: it can only check its TLS. */
static void on_plain_signal(int sig)
{
    (void)sig;
    sig_hits++;
    if (&tls_marker != worker_marker)
        sig_bad++;
}

static atomic_int segv_seen;

static void on_app_segv(int sig)
{
    (void)sig;
    segv_seen++;
}

/* Runs a worker in ecall_fp_spin on a fresh enclave and sends it 40 signals (alternating a and
 * b) while it is inside; checks what the handlers saw and that the enclave's result is exact.
 * before_create installs handlers before the enclave exists, after_create after. */
static void spin_under_signals(int a, int b, void (*before_create)(void), void (*after_create)(void))
{
    fp_job_t j = { 0 };
    if (before_create)
        before_create();
    assert_int_equal(sgx_create_enclave(RT_ENCLAVE, SGX_DEBUG_FLAG, NULL, NULL, &j.eid, NULL), SGX_SUCCESS);
    if (after_create)
        after_create();
    uint64_t inside = 0;
    assert_int_equal(ecall_secret_address(j.eid, &inside), SGX_SUCCESS);
    enclave_size = (uintptr_t)find_offsets().size; /* the base is aligned to the size */
    enclave_base = (uintptr_t)inside & ~(enclave_size - 1);
    sig_hits = sig_aex = sig_bad = 0;

    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, fp_worker, &j), 0);
    while (!__atomic_load_n(&j.flags[0], __ATOMIC_ACQUIRE))
        sched_yield();
    const int sent = 40;
    for (int i = 0; i < sent; i++) {
        assert_int_equal(pthread_kill(t, i % 2 ? b : a), 0);
        usleep(2000);
    }
    __atomic_store_n(&j.flags[1], 1, __ATOMIC_RELEASE);
    pthread_join(t, NULL);
    assert_int_equal(j.status, SGX_SUCCESS);
    assert_int_equal(sig_bad, 0);
    assert_true(sig_hits >= 1 && sig_hits <= sent);
    assert_true(sig_aex >= 1 && sig_aex <= sig_hits);

    double expected = 0;
    assert_int_equal(ecall_fp_work(j.eid, &expected, j.iterations), SGX_SUCCESS);
    assert_true(expected == j.result);
    int sum = 0;
    assert_int_equal(ecall_add(j.eid, &sum, 2, 3), SGX_SUCCESS);
    assert_int_equal(sum, 5);
    assert_int_equal(sgx_destroy_enclave(j.eid), SGX_SUCCESS);
}

static void install_info_handler(int sig)
{
    struct sigaction sa = { .sa_sigaction = on_host_signal, .sa_flags = SA_SIGINFO };
    sigemptyset(&sa.sa_mask);
    assert_int_equal(sigaction(sig, &sa, NULL), 0);
}

static void usr1_and_trap(void)
{
    install_info_handler(SIGUSR1);
    install_info_handler(SIGTRAP); /* a fault signal, but sent: an interrupt */
}

static void test_host_signals(void **state)
{
    (void)state;
    spin_under_signals(SIGUSR1, SIGTRAP, usr1_and_trap, NULL);
    struct sigaction dfl = { .sa_handler = SIG_DFL };
    sigaction(SIGUSR1, &dfl, NULL);
    sigaction(SIGTRAP, &dfl, NULL);
}

static void usr2_and_alarm(void)
{
    install_info_handler(SIGUSR2);
    assert_true(signal(SIGALRM, on_plain_signal) == SIG_DFL);
}

/* Handlers installed after the enclave exists (sigaction(), signal()) are interposed: the
 * simulated CPU stays in front, and the application sees its own handlers as the old actions.
 * A SIGSEGV handler installed then does not take EREPORT's trapped ENCLU. */
static void test_handlers_installed_later(void **state)
{
    (void)state;
    spin_under_signals(SIGUSR2, SIGALRM, NULL, usr2_and_alarm);
    struct sigaction old;
    assert_int_equal(sigaction(SIGUSR2, NULL, &old), 0);
    assert_true((old.sa_flags & SA_SIGINFO) && old.sa_sigaction == on_host_signal);
    struct sigaction dfl = { .sa_handler = SIG_DFL };
    assert_int_equal(sigaction(SIGUSR2, &dfl, &old), 0);
    assert_true(old.sa_sigaction == on_host_signal);
    assert_true(signal(SIGALRM, SIG_DFL) == on_plain_signal);
    assert_true(signal(SIGALRM, SIG_DFL) == SIG_DFL);

    struct sigaction saved;
    assert_int_equal(sigaction(SIGSEGV, NULL, &saved), 0);
    segv_seen = 0;
    assert_true(signal(SIGSEGV, on_app_segv) != SIG_ERR);
    sgx_target_info_t ti = { 0 };
    sgx_report_data_t data = { { 7 } };
    sgx_report_t report;
    int r = -1;
    assert_int_equal(ecall_report(eid, &r, &ti, &data, &report), SGX_SUCCESS); /* EREPORT */
    assert_int_equal(r, 0);
    assert_int_equal(report.body.report_data.d[0], 7);
    assert_int_equal(segv_seen, 0);
    assert_true(signal(SIGSEGV, SIG_DFL) == on_app_segv);
    assert_int_equal(sigaction(SIGSEGV, &saved, NULL), 0);
}

/* CPUID faults inside an enclave (#UD), as on hardware, where the kernel has CPUID faulting; host
 * code on the same thread still gets the CPU's answers. */
static void test_cpuid_in_enclave(void **state)
{
    (void)state;
    unsigned int before[4], after[4];
    __cpuid(0, before[0], before[1], before[2], before[3]);
    sgx_enclave_id_t id;
    int r = -1;
    assert_int_equal(sgx_create_enclave(RT_ENCLAVE, SGX_DEBUG_FLAG, NULL, NULL, &id, NULL), SGX_SUCCESS);
    if (syscall(SYS_arch_prctl, ARCH_GET_CPUID, 0) != 0) { /* 1: CPUID not faulting here */
        assert_int_equal(sgx_destroy_enclave(id), SGX_SUCCESS);
        skip();
    }
    __cpuid(0, after[0], after[1], after[2], after[3]); /* host code: carried out for it */
    assert_memory_equal(before, after, sizeof before);
    assert_int_equal(ecall_cpuid_raw(id, &r, 1), SGX_SUCCESS);
    assert_int_equal(r, 0);
    assert_int_equal(ecall_cpuid_raw(id, &r, 0), SGX_ERROR_ENCLAVE_CRASHED);
    assert_int_equal(ecall_add(id, &r, 1, 2), SGX_ERROR_ENCLAVE_CRASHED);
    assert_int_equal(sgx_destroy_enclave(id), SGX_SUCCESS);
}

/* After an exception, handled or not, the host goes on with clean flags and floating-point state. */
static void test_state_after_exceptions(void **state)
{
    (void)state;
    sgx_enclave_id_t id;
    int r = -1;
    assert_int_equal(sgx_create_enclave(RT_ENCLAVE, SGX_DEBUG_FLAG, NULL, NULL, &id, NULL), SGX_SUCCESS);
    assert_int_equal(ecall_df_across_fault(id, &r), SGX_SUCCESS);
    assert_int_equal(r, 1);
    uint32_t mxcsr_after = 0;
    assert_int_equal(ecall_dirty_crash(id), SGX_ERROR_ENCLAVE_CRASHED);
    uint64_t flags;
    __asm__ volatile("pushfq\n\tpopq %0\n\tstmxcsr %1" : "=r"(flags), "=m"(mxcsr_after));
    assert_int_equal(flags & 0x400, 0); /* DF */
    assert_int_equal(mxcsr_after & ~0x3fu, 0x1f80); /* the initial controls; the flags may differ */
    assert_int_equal(sgx_destroy_enclave(id), SGX_SUCCESS);
}

/* Runs fn in a child process (with an enclave created there first, so the simulated CPU owns the
 * signals) and returns its wait status; a child that hangs is killed by SIGALRM after 10 s. */
static int in_child(void (*fn)(sgx_enclave_id_t))
{
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        alarm(10);
        sgx_enclave_id_t id;
        if (sgx_create_enclave(RT_ENCLAVE, SGX_DEBUG_FLAG, NULL, NULL, &id, NULL) != SGX_SUCCESS)
            _exit(90);
        fn(id);
        _exit(0);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return status;
}

static volatile sig_atomic_t fpe_seen;

/* A division by zero and a store to page 0, in assembly (the sanitizers would stop them first). */
static void divide(void)
{
    unsigned int q, zero = 0;
    __asm__ volatile("xor %%edx, %%edx\n\tdivl %1" : "=a"(q) : "r"(zero), "a"(100u) : "edx");
}

static void store_to_page_zero(void)
{
    __asm__ volatile("movl $1, 8" ::: "memory");
}

static void fpe_ignored(sgx_enclave_id_t id)
{
    (void)id;
    signal(SIGFPE, SIG_IGN);
    divide();
}

static void count_fpe(int sig)
{
    (void)sig;
    fpe_seen++;
    if (fpe_seen > 3)
        _exit(91); /* looping: SA_RESETHAND not applied */
}

static void fpe_reset_hand(sgx_enclave_id_t id)
{
    (void)id;
    struct sigaction sa = { .sa_handler = count_fpe, .sa_flags = SA_RESETHAND };
    sigemptyset(&sa.sa_mask);
    sigaction(SIGFPE, &sa, NULL);
    divide();
}

static void segv_checks_mask(int sig)
{
    (void)sig;
    sigset_t now;
    pthread_sigmask(SIG_BLOCK, NULL, &now);
    _exit(sigismember(&now, SIGUSR1) && sigismember(&now, SIGSEGV) ? 0 : 92);
}

static void segv_with_mask(sgx_enclave_id_t id)
{
    (void)id;
    struct sigaction sa = { .sa_handler = segv_checks_mask };
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR1);
    sigaction(SIGSEGV, &sa, NULL);
    store_to_page_zero();
    _exit(93);
}

static sgx_enclave_id_t handler_eid;
static volatile int handler_report = -1;

static void report_from_handler(int sig)
{
    (void)sig;
    sgx_target_info_t ti = { 0 };
    sgx_report_data_t data = { { 9 } };
    sgx_report_t report;
    int r = -1;
    handler_report = ecall_report(handler_eid, &r, &ti, &data, &report) == SGX_SUCCESS && r == 0 &&
                     report.body.report_data.d[0] == 9;
}

static void ecall_in_handler(sgx_enclave_id_t id)
{
    handler_eid = id;
    int sum = 0;
    if (ecall_add(id, &sum, 1, 1) != SGX_SUCCESS) /* this thread has entered: it has the altstack */
        _exit(94);
    signal(SIGUSR1, report_from_handler);
    raise(SIGUSR1);
    _exit(handler_report == 1 ? 0 : 95);
}

static void setxid_during_ecall(sgx_enclave_id_t id)
{
    fp_job_t j = { .eid = id };
    pthread_t t;
    if (pthread_create(&t, NULL, fp_worker, &j) != 0)
        _exit(96);
    while (!__atomic_load_n(&j.flags[0], __ATOMIC_ACQUIRE))
        sched_yield();
    int rc = setgid(getgid()); /* glibc's SIGSETXID to every thread, the one in the enclave too */
    __atomic_store_n(&j.flags[1], 1, __ATOMIC_RELEASE);
    pthread_join(t, NULL);
    _exit(rc == 0 && j.status == SGX_SUCCESS ? 0 : 97);
}

/* The application's actions for fault signals are honoured as the kernel would: an ignored fault
 * is the default action, SA_RESETHAND, the action's mask; a handler that makes an ECALL on the
 * alternate stack; glibc's own SIGSETXID reaching a thread inside an enclave. */
static void test_signal_semantics(void **state)
{
    (void)state;
    int st = in_child(fpe_ignored);
    assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGFPE);
    st = in_child(fpe_reset_hand);
    assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGFPE);
    st = in_child(segv_with_mask);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    st = in_child(ecall_in_handler);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    st = in_child(setxid_during_ecall);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static void test_bearssl_and_heap(void **state)
{
    (void)state;
    uint8_t data[1000], want[32], got[32];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (uint8_t)(i * 7 + 1);
    int r = -1;
    assert_int_equal(ecall_sha256(eid, &r, data, sizeof data, got), SGX_SUCCESS);
    SHA256(data, sizeof data, want);
    assert_memory_equal(got, want, 32);
    /* The heap is 1 MiB: 64 KiB blocks run out after at most 16, then malloc returns NULL. */
    assert_int_equal(ecall_malloc_until_null(eid, &r, 65536), SGX_SUCCESS);
    assert_true(r >= 10 && r <= 16);
    /* And again: everything was freed. */
    int r2 = -1;
    assert_int_equal(ecall_malloc_until_null(eid, &r2, 65536), SGX_SUCCESS);
    assert_int_equal(r2, r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ecall),
        cmocka_unit_test(test_ocall_and_nested),
        cmocka_unit_test(test_within),
        cmocka_unit_test(test_tls_per_thread),
        cmocka_unit_test(test_abort_crashes),
        cmocka_unit_test(test_refused_files),
        cmocka_unit_test(test_tampered),
        cmocka_unit_test(test_debug_flag),
        cmocka_unit_test(test_handled_exceptions),
        cmocka_unit_test(test_unhandled_exceptions),
        cmocka_unit_test(test_stack_overflow),
        cmocka_unit_test(test_boundary),
        cmocka_unit_test(test_out_of_tcs),
        cmocka_unit_test(test_many_threads),
        cmocka_unit_test(test_create_destroy_many),
        cmocka_unit_test(test_bind_policy),
        cmocka_unit_test(test_bearssl_and_heap),
        cmocka_unit_test(test_host_signals),
        cmocka_unit_test(test_handlers_installed_later),
        cmocka_unit_test(test_cpuid_in_enclave),
        cmocka_unit_test(test_state_after_exceptions),
        cmocka_unit_test(test_signal_semantics),
        cmocka_unit_test(test_target_info),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
