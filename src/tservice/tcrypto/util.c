/* util.c — the shared helpers of sgx_tcrypto: engine choice (AES-NI/PCLMULQDQ when present,
 * constant-time portable code otherwise; built with TC_PORTABLE, always the portable code, so
 * the tests can run that path on any CPU), clearing, byte reversal and the seeded DRBG. */
#include <string.h>

#include "sgx_trts.h"
#include "tcrypto_internal.h"

#ifdef TC_PORTABLE
#define br_aes_x86ni_ctr_get_vtable() NULL
#define br_aes_x86ni_ctrcbc_get_vtable() NULL
#define br_ghash_pclmul_get() 0
#endif

const br_block_ctr_class *tc_aes_ctr(void)
{
    const br_block_ctr_class *c = br_aes_x86ni_ctr_get_vtable();
    return c != NULL ? c : &br_aes_ct64_ctr_vtable;
}

const br_block_ctrcbc_class *tc_aes_ctrcbc(void)
{
    const br_block_ctrcbc_class *c = br_aes_x86ni_ctrcbc_get_vtable();
    return c != NULL ? c : &br_aes_ct64_ctrcbc_vtable;
}

br_ghash tc_ghash(void)
{
    br_ghash g = br_ghash_pclmul_get();
    return g != 0 ? g : &br_ghash_ctmul64;
}

#ifndef TC_PORTABLE
static void cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
    __asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(sub));
}
#endif

/* AES-NI, PCLMULQDQ, AVX2, VAES and VPCLMULQDQ, with the YMM state enabled by the OS (read once;
 * never with TC_PORTABLE). CPUID runs in the simulated enclave; a hardware enclave would need the
 * features passed in by the untrusted runtime instead. */
bool tc_have_vaes(void)
{
#ifdef TC_PORTABLE
    return false;
#else
    static int known = -1;
    if (known < 0) {
        uint32_t l1[4], l7[4], xcr0_lo, xcr0_hi;
        cpuid(1, 0, l1);
        cpuid(0, 0, l7);
        bool ok = l7[0] >= 7 && (l1[2] & (1u << 25)) && (l1[2] & (1u << 1)) && (l1[2] & (1u << 27)) &&
                  (l1[2] & (1u << 28));
        if (ok) {
            __asm__ volatile("xgetbv" : "=a"(xcr0_lo), "=d"(xcr0_hi) : "c"(0));
            cpuid(7, 0, l7);
            ok = (xcr0_lo & 6) == 6 && (l7[1] & (1u << 5)) && (l7[2] & (1u << 9)) && (l7[2] & (1u << 10));
        }
        known = ok;
    }
    return known == 1;
#endif
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
