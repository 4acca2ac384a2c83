/* test_tcrypto_no_cpuid.c — sgx_tcrypto never executes CPUID, which faults inside a hardware
 * enclave: a thread turns on the kernel's CPUID faulting (arch_prctl ARCH_SET_CPUID 0), so any
 * CPUID it runs raises SIGSEGV, which inside the enclave is an unhandled exception that crashes
 * it; that thread then makes the enclave's first use of every engine (GCM long enough for the
 * VAES path, CTR, CMAC, SHA, HMAC, P-256, RSA) and every call must succeed. The engines chosen
 * must be the ones the host's CPUID allows, as read from the table the untrusted runtime passed
 * at initialisation. Skipped where the kernel or CPU has no CPUID faulting. */
#include "tc_host.h"

#include <asm/prctl.h>
#include <cpuid.h>
#include <pthread.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tcrypto_u.h"

typedef struct {
    int faulting;           /* CPUID faulting was turned on in the thread */
    uint32_t status[8];     /* each ECALL's status, then its result */
    uint32_t engines;
} run_t;

/* Every call's status and result folded: SGX_SUCCESS only when both were. */
static uint32_t both(sgx_status_t st, uint32_t r)
{
    return st != SGX_SUCCESS ? (uint32_t)st : r;
}

static void *worker(void *arg)
{
    run_t *run = arg;
    if (syscall(SYS_arch_prctl, ARCH_SET_CPUID, 0) != 0)
        return NULL;
    run->faulting = 1;
    static uint8_t buf[8192], out[8192];
    uint8_t key[16] = { 1 }, iv[12] = { 2 }, tag[16], ctr[16] = { 0 }, hash[48], priv[32], pub[64], sig[64];
    uint32_t r = 0;
    run->status[0] = both(ecall_gcm(tc_eid, &r, 1, key, buf, sizeof buf, out, iv, sizeof iv, NULL, 0, tag), r);
    run->status[1] = both(ecall_ctr(tc_eid, &r, 1, key, buf, sizeof buf, ctr, 32, out), r);
    run->status[2] = both(ecall_cmac(tc_eid, &r, key, buf, 1000, 0, tag), r);
    run->status[3] = both(ecall_sha(tc_eid, &r, 384, buf, 1000, 0, hash), r);
    run->status[4] = both(ecall_hmac(tc_eid, &r, buf, 1000, key, sizeof key, hash, 32, 0), r);
    run->status[5] = both(ecall_ec_keypair(tc_eid, &r, priv, pub), r);
    run->status[6] = both(ecall_ecdsa_sign(tc_eid, &r, buf, 100, priv, sig), r);
    run->status[7] = both(ecall_engines(tc_eid, &run->engines), SGX_SUCCESS);
    return NULL;
}

/* The engines the host's CPUID allows, by the rules of src/tservice/tcrypto/util.c. */
static uint32_t expected_engines(void)
{
    unsigned int a, b, c1, d1, b7 = 0, c7 = 0, d7;
    if (!__get_cpuid(1, &a, &b, &c1, &d1))
        return 0;
    if (__get_cpuid_max(0, NULL) >= 7)
        __cpuid_count(7, 0, a, b7, c7, d7);
    int sse2 = (d1 >> 26) & 1;
    uint32_t e = 0;
    if ((c1 >> 25 & 1) && (c1 >> 19 & 1) && sse2)
        e |= 1;
    if ((c1 >> 1 & 1) && (c1 >> 9 & 1) && sse2)
        e |= 2;
    if (e == 3 && (c1 >> 27 & 1) && (c1 >> 28 & 1) && (b7 >> 5 & 1) && (c7 >> 9 & 1) && (c7 >> 10 & 1)) {
        unsigned int lo, hi;
        __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
        if ((lo & 6) == 6)
            e |= 4;
    }
    return e;
}

static void test_no_cpuid(void **state)
{
    (void)state;
    run_t run;
    memset(&run, 0xff, sizeof run);
    run.faulting = 0;
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, worker, &run), 0);
    pthread_join(t, NULL);
    if (!run.faulting)
        skip();
    for (size_t i = 0; i < sizeof run.status / sizeof run.status[0]; i++)
        assert_int_equal(run.status[i], SGX_SUCCESS);
    assert_int_equal(run.engines, expected_engines());
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_cpuid),
    };
    return cmocka_run_group_tests(tests, tc_setup, tc_teardown);
}
