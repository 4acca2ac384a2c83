/* gcm_vaes.c — AES-128-GCM (SP 800-38D) with VAES and VPCLMULQDQ on 256-bit registers, for CPUs
 * that have them (tc_have_vaes in util.c; gcm.c falls back to BearSSL's AES-NI/PCLMULQDQ or
 * portable code otherwise). One pass over the data: sixteen counter blocks at a time go through
 * AES two per instruction, and their sixteen ciphertext blocks are hashed with the powers
 * H^16..H^1, two per carry-less multiplication, with one reduction. GHASH works on byte-reversed
 * blocks, where a product needs a one-bit shift and the reduction by x^128 + x^7 + x^2 + x + 1
 * takes shifts and XORs (Gueron and Kounavis's method). The known answers and the comparison
 * with OpenSSL in tests/tcrypto cover this path and the others. */
#include <string.h>

#include "tcrypto_internal.h"

typedef long long v2di __attribute__((vector_size(16)));
typedef int v4si __attribute__((vector_size(16)));
typedef char v16qi __attribute__((vector_size(16)));
typedef long long v4di __attribute__((vector_size(32)));
typedef int v8si __attribute__((vector_size(32)));
typedef char v32qi __attribute__((vector_size(32)));

#define FAST __attribute__((target("avx2,vaes,vpclmulqdq,aes,pclmul")))
/* The builtins whose names GCC and clang spell differently: byte shifts of whole 128-bit lanes
 * (by a count of bits here), and the 256-bit carry-less multiplication and AES rounds. */
#ifdef __clang__
#define LANE_SHL(x, bits) __builtin_ia32_pslldqi128_byteshift(x, (bits) / 8)
#define LANE_SHR(x, bits) __builtin_ia32_psrldqi128_byteshift(x, (bits) / 8)
#define LANE_SHL256(x, bits) __builtin_ia32_pslldqi256_byteshift(x, (bits) / 8)
#define LANE_SHR256(x, bits) __builtin_ia32_psrldqi256_byteshift(x, (bits) / 8)
#define CLMUL256(a, b, imm) __builtin_ia32_pclmulqdq256(a, b, imm)
#define AESENC256(x, k) ((v4di)__builtin_ia32_aesenc256(x, k))
#define AESENCLAST256(x, k) ((v4di)__builtin_ia32_aesenclast256(x, k))
#else
#define LANE_SHL(x, bits) __builtin_ia32_pslldqi128(x, bits)
#define LANE_SHR(x, bits) __builtin_ia32_psrldqi128(x, bits)
#define LANE_SHL256(x, bits) __builtin_ia32_pslldqi256(x, bits)
#define LANE_SHR256(x, bits) __builtin_ia32_psrldqi256(x, bits)
#define CLMUL256(a, b, imm) __builtin_ia32_vpclmulqdq_v4di(a, b, imm)
#define AESENC256(x, k) ((v4di)__builtin_ia32_vaesenc_v32qi((v32qi)(x), (v32qi)(k)))
#define AESENCLAST256(x, k) ((v4di)__builtin_ia32_vaesenclast_v32qi((v32qi)(x), (v32qi)(k)))
#endif
/* Enclave code is freestanding (no builtins by default): small copies must stay instructions. */
#define COPY __builtin_memcpy
#define BLOCKS 16

FAST static inline v2di load(const uint8_t *p)
{
    v2di v;
    COPY(&v, p, 16);
    return v;
}

FAST static inline void store(uint8_t *p, v2di v)
{
    COPY(p, &v, 16);
}

FAST static inline v4di load2(const uint8_t *p)
{
    v4di v;
    COPY(&v, p, 32);
    return v;
}

FAST static inline void store2(uint8_t *p, v4di v)
{
    COPY(p, &v, 32);
}

/* {lo, hi} as one 256-bit value, and its two 128-bit halves. */
FAST static inline v4di pair(v2di lo, v2di hi)
{
    v4di v;
    COPY(&v, &lo, 16);
    COPY((uint8_t *)&v + 16, &hi, 16);
    return v;
}

FAST static inline v2di half(v4di v, int which)
{
    v2di h;
    COPY(&h, (const uint8_t *)&v + 16 * which, 16);
    return h;
}

FAST static inline v2di bswap(v2di x)
{
    const v16qi reverse = { 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 };
    return (v2di)__builtin_ia32_pshufb128((v16qi)x, reverse);
}

FAST static inline v4di bswap2(v4di x)
{
    const v32qi reverse = { 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0,
                            15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 };
    return (v4di)__builtin_ia32_pshufb256((v32qi)x, reverse);
}

/* One AES-128 key-schedule step from the previous round key and AESKEYGENASSIST's output. */
FAST static inline v2di schedule(v2di key, v2di assist)
{
    assist = (v2di)__builtin_ia32_pshufd((v4si)assist, 0xff);
    key ^= LANE_SHL(key, 32);
    key ^= LANE_SHL(key, 32);
    key ^= LANE_SHL(key, 32);
    return key ^ assist;
}

#define STEP(i, rcon) rk[i] = schedule(rk[(i) - 1], __builtin_ia32_aeskeygenassist128(rk[(i) - 1], rcon))

FAST static void expand(const uint8_t key[16], v2di rk[11])
{
    rk[0] = load(key);
    STEP(1, 0x01);
    STEP(2, 0x02);
    STEP(3, 0x04);
    STEP(4, 0x08);
    STEP(5, 0x10);
    STEP(6, 0x20);
    STEP(7, 0x40);
    STEP(8, 0x80);
    STEP(9, 0x1b);
    STEP(10, 0x36);
}

FAST static inline v2di aes(const v2di rk[11], v2di x)
{
    x ^= rk[0];
    for (int r = 1; r < 10; r++)
        x = __builtin_ia32_aesenc128(x, rk[r]);
    return __builtin_ia32_aesenclast128(x, rk[10]);
}

/* The 256-bit carry-less product a*b, added into (lo, hi); and the same for two pairs at once. */
FAST static inline void clmul_add(v2di a, v2di b, v2di *lo, v2di *hi)
{
    v2di t1 = __builtin_ia32_pclmulqdq128(a, b, 0x10) ^ __builtin_ia32_pclmulqdq128(a, b, 0x01);
    *lo ^= __builtin_ia32_pclmulqdq128(a, b, 0x00) ^ LANE_SHL(t1, 64);
    *hi ^= __builtin_ia32_pclmulqdq128(a, b, 0x11) ^ LANE_SHR(t1, 64);
}

FAST static inline void clmul_add2(v4di a, v4di b, v4di *lo, v4di *hi)
{
    v4di t1 = CLMUL256(a, b, 0x10) ^ CLMUL256(a, b, 0x01);
    *lo ^= CLMUL256(a, b, 0x00) ^ LANE_SHL256(t1, 64);
    *hi ^= CLMUL256(a, b, 0x11) ^ LANE_SHR256(t1, 64);
}

/* (lo, hi) shifted left one bit (the byte-reversed representation) and reduced. */
FAST static inline v2di reduce(v2di lo, v2di hi)
{
    v2di c_lo = (v2di)__builtin_ia32_psrldi128((v4si)lo, 31);
    v2di c_hi = (v2di)__builtin_ia32_psrldi128((v4si)hi, 31);
    lo = (v2di)__builtin_ia32_pslldi128((v4si)lo, 1);
    hi = (v2di)__builtin_ia32_pslldi128((v4si)hi, 1);
    hi |= LANE_SHL(c_hi, 32) | LANE_SHR(c_lo, 96);
    lo |= LANE_SHL(c_lo, 32);
    v2di a = (v2di)__builtin_ia32_pslldi128((v4si)lo, 31) ^ (v2di)__builtin_ia32_pslldi128((v4si)lo, 30) ^
             (v2di)__builtin_ia32_pslldi128((v4si)lo, 25);
    v2di carry = LANE_SHR(a, 32);
    lo ^= LANE_SHL(a, 96);
    v2di b = (v2di)__builtin_ia32_psrldi128((v4si)lo, 1) ^ (v2di)__builtin_ia32_psrldi128((v4si)lo, 2) ^
             (v2di)__builtin_ia32_psrldi128((v4si)lo, 7) ^ carry;
    return hi ^ lo ^ b;
}

FAST static inline v2di gfmul(v2di a, v2di b)
{
    v2di lo = { 0, 0 }, hi = { 0, 0 };
    clmul_add(a, b, &lo, &hi);
    return reduce(lo, hi);
}

/* GHASH of a buffer (the last block zero-padded) into x. */
FAST static v2di ghash_bytes(v2di x, v2di h, const uint8_t *p, size_t len)
{
    for (; len >= 16; len -= 16, p += 16)
        x = gfmul(x ^ bswap(load(p)), h);
    if (len) {
        uint8_t last[16] = { 0 };
        COPY(last, p, len);
        x = gfmul(x ^ bswap(load(last)), h);
    }
    return x;
}

/* The counter block J0 + 1 + n (IV || big-endian 32-bit counter), byte-reversed: its counter is
 * the first 32-bit lane, so the next block is one lane addition (inc32 wraps, as GCM's does). */
static inline v2di reversed_counter(const uint8_t iv[12], uint32_t n)
{
    uint8_t b[16];
    uint32_t c = n + 2;
    COPY(b, iv, 12);
    b[12] = (uint8_t)(c >> 24);
    b[13] = (uint8_t)(c >> 16);
    b[14] = (uint8_t)(c >> 8);
    b[15] = (uint8_t)c;
    uint8_t r[16];
    for (int i = 0; i < 16; i++)
        r[i] = b[15 - i];
    v2di v;
    COPY(&v, r, 16);
    return v;
}

FAST void tc_gcm_vaes(const uint8_t key[16], const uint8_t iv[12], const uint8_t *aad, size_t aad_len, int encrypt,
                      const uint8_t *src, uint8_t *dst, size_t len, uint8_t tag[16])
{
    v2di rk[11], hp[BLOCKS];
    expand(key, rk);
    const v2di zero = { 0, 0 };
    hp[0] = bswap(aes(rk, zero)); /* H, then its powers H^2..H^16 */
    for (int i = 1; i < BLOCKS; i++)
        hp[i] = gfmul(hp[i - 1], hp[0]);
    v4di rk2[11], hpair[BLOCKS / 2];
    for (int r = 0; r < 11; r++)
        rk2[r] = pair(rk[r], rk[r]);
    for (int j = 0; j < BLOCKS / 2; j++) /* blocks 2j and 2j+1 take H^(16-2j) and H^(15-2j) */
        hpair[j] = pair(hp[BLOCKS - 1 - 2 * j], hp[BLOCKS - 2 - 2 * j]);
    v2di x = ghash_bytes(zero, hp[0], aad, aad_len);
    v4di ctr = pair(reversed_counter(iv, 0), reversed_counter(iv, 1));
    const v8si two = { 2, 0, 0, 0, 2, 0, 0, 0 };
    uint32_t n = 0;
    size_t left = len;
    for (; left >= 16 * BLOCKS; left -= 16 * BLOCKS, src += 16 * BLOCKS, dst += 16 * BLOCKS, n += BLOCKS) {
        v4di k[BLOCKS / 2], c[BLOCKS / 2];
        for (int j = 0; j < BLOCKS / 2; j++) {
            k[j] = bswap2(ctr) ^ rk2[0];
            ctr = (v4di)((v8si)ctr + two);
        }
#pragma GCC unroll 9
        for (int r = 1; r < 10; r++)
#pragma GCC unroll 8
            for (int j = 0; j < BLOCKS / 2; j++)
                k[j] = AESENC256(k[j], rk2[r]);
        for (int j = 0; j < BLOCKS / 2; j++) {
            v4di in = load2(src + 32 * j);
            v4di out = in ^ AESENCLAST256(k[j], rk2[10]);
            c[j] = bswap2(encrypt ? out : in);
            store2(dst + 32 * j, out);
        }
        c[0] ^= pair(x, zero);
        v4di lo = { 0, 0, 0, 0 }, hi = { 0, 0, 0, 0 };
#pragma GCC unroll 8
        for (int j = 0; j < BLOCKS / 2; j++)
            clmul_add2(c[j], hpair[j], &lo, &hi);
        x = reduce(half(lo, 0) ^ half(lo, 1), half(hi, 0) ^ half(hi, 1));
    }
    for (; left; n++) {
        size_t m = left < 16 ? left : 16;
        uint8_t in[16] = { 0 }, out[16];
        COPY(in, src, m);
        store(out, load(in) ^ aes(rk, bswap(reversed_counter(iv, n))));
        COPY(dst, out, m);
        if (m < 16)
            __builtin_memset(out + m, 0, 16 - m);
        x = gfmul(x ^ bswap(load(encrypt ? out : in)), hp[0]);
        src += m;
        dst += m;
        left -= m;
    }
    uint8_t lengths[16];
    uint64_t bits[2] = { (uint64_t)aad_len * 8, (uint64_t)len * 8 };
    for (int i = 0; i < 8; i++) {
        lengths[i] = (uint8_t)(bits[0] >> (56 - 8 * i));
        lengths[8 + i] = (uint8_t)(bits[1] >> (56 - 8 * i));
    }
    x = gfmul(x ^ bswap(load(lengths)), hp[0]);
    uint8_t j0[16];
    COPY(j0, iv, 12);
    j0[12] = j0[13] = j0[14] = 0;
    j0[15] = 1;
    store(tag, bswap(x) ^ aes(rk, load(j0)));
    explicit_bzero(rk, sizeof rk);
    explicit_bzero(rk2, sizeof rk2);
    explicit_bzero(hp, sizeof hp);
    explicit_bzero(hpair, sizeof hpair);
}
