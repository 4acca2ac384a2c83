/* util.c — the shared helpers of sgx_tcrypto: engine choice (AES-NI/PCLMULQDQ when present,
 * constant-time portable code otherwise; built with TC_PORTABLE, always the portable code, so
 * the tests can run that path on any CPU), clearing, byte reversal and the seeded DRBG. The CPU's
 * features come from the CPUID table the untrusted runtime passed at initialisation
 * (vsgx/cpuid_table.h), never from the CPUID instruction, which faults inside a hardware enclave;
 * so BearSSL's engines are taken by name rather than through its get functions (which run it). */
#include <string.h>

#include "sgx_trts.h"
#include "tcrypto_internal.h"
#include "vsgx/cpuid_table.h"

/* CPUID.1 ECX and EDX, CPUID.7.0 EBX and ECX bits. */
#define L1C_PCLMULQDQ (1u << 1)
#define L1C_SSSE3 (1u << 9)
#define L1C_SSE41 (1u << 19)
#define L1C_AESNI (1u << 25)
#define L1C_OSXSAVE (1u << 27)
#define L1C_AVX (1u << 28)
#define L1D_SSE2 (1u << 26)
#define L7B_AVX2 (1u << 5)
#define L7C_VAES (1u << 9)
#define L7C_VPCLMULQDQ (1u << 10)

enum { CPU_AESNI = 1, CPU_PCLMUL = 2, CPU_VAES = 4 };

/* What the engines need, read once: AES-NI (with SSE2 and SSE4.1, as BearSSL's x86ni code),
 * PCLMULQDQ (with SSE2 and SSSE3), and for the VAES GCM also AVX2, VAES and VPCLMULQDQ with the
 * YMM state enabled (XGETBV runs in an enclave). None with TC_PORTABLE. */
static int cpu_features(void)
{
#ifdef TC_PORTABLE
    return 0;
#else
    static int known = -1;
    if (known < 0) {
        uint32_t l1[4], l7[4];
        vsgx_trts_cpuid(1, 0, l1);
        vsgx_trts_cpuid(7, 0, l7);
        int f = 0;
        if ((l1[2] & (L1C_AESNI | L1C_SSE41)) == (L1C_AESNI | L1C_SSE41) && (l1[3] & L1D_SSE2))
            f |= CPU_AESNI;
        if ((l1[2] & (L1C_PCLMULQDQ | L1C_SSSE3)) == (L1C_PCLMULQDQ | L1C_SSSE3) && (l1[3] & L1D_SSE2))
            f |= CPU_PCLMUL;
        if ((f & (CPU_AESNI | CPU_PCLMUL)) == (CPU_AESNI | CPU_PCLMUL) && (l1[2] & L1C_OSXSAVE) && (l1[2] & L1C_AVX) &&
            (l7[1] & L7B_AVX2) && (l7[2] & L7C_VAES) && (l7[2] & L7C_VPCLMULQDQ)) {
            uint32_t xcr0_lo, xcr0_hi;
            __asm__ volatile("xgetbv" : "=a"(xcr0_lo), "=d"(xcr0_hi) : "c"(0));
            if ((xcr0_lo & 6) == 6)
                f |= CPU_VAES;
        }
        known = f;
    }
    return known;
#endif
}

const br_block_ctr_class *tc_aes_ctr(void)
{
    return (cpu_features() & CPU_AESNI) ? &br_aes_x86ni_ctr_vtable : &br_aes_ct64_ctr_vtable;
}

const br_block_ctrcbc_class *tc_aes_ctrcbc(void)
{
    return (cpu_features() & CPU_AESNI) ? &br_aes_x86ni_ctrcbc_vtable : &br_aes_ct64_ctrcbc_vtable;
}

br_ghash tc_ghash(void)
{
    return (cpu_features() & CPU_PCLMUL) ? &br_ghash_pclmul : &br_ghash_ctmul64;
}

bool tc_have_vaes(void)
{
    return (cpu_features() & CPU_VAES) != 0;
}

const br_ec_impl *tc_ec(void)
{
    return &br_ec_p256_m31;
}

void tc_wipe(void *p, size_t n)
{
    explicit_bzero(p, n);
}

void tc_reverse(uint8_t *dst, const uint8_t *src, size_t n)
{
    for (size_t i = 0; i < n / 2; i++) {
        uint8_t a = src[i], b = src[n - 1 - i];
        dst[i] = b;
        dst[n - 1 - i] = a;
    }
    if (n % 2)
        dst[n / 2] = src[n / 2];
}

int tc_drbg_seed(br_hmac_drbg_context *drbg)
{
    unsigned char seed[48];
    if (sgx_read_rand(seed, sizeof seed) != SGX_SUCCESS)
        return -1;
    br_hmac_drbg_init(drbg, &br_sha256_vtable, seed, sizeof seed);
    tc_wipe(seed, sizeof seed);
    return 0;
}
