/* bignum.c — tlibc: the few big-integer operations the floating-point conversions need
 * (see bignum.h). Values that would exceed the capacity are truncated; the callers bound their
 * inputs so that this never happens. */
#include "bignum.h"

static void trim(bignum_t *a)
{
    while (a->n > 0 && a->limb[a->n - 1] == 0)
        a->n--;
}

void tlibc_bn_set(bignum_t *a, uint64_t v)
{
    a->limb[0] = (uint32_t)v;
    a->limb[1] = (uint32_t)(v >> 32);
    a->n = 2;
    trim(a);
}

int tlibc_bn_is_zero(const bignum_t *a)
{
    return a->n == 0;
}

int tlibc_bn_bits(const bignum_t *a)
{
    if (a->n == 0)
        return 0;
    return (a->n - 1) * 32 + (32 - __builtin_clz(a->limb[a->n - 1]));
}

void tlibc_bn_muladd(bignum_t *a, uint32_t m, uint32_t add)
{
    uint64_t carry = add;
    for (int i = 0; i < a->n; i++) {
        uint64_t t = (uint64_t)a->limb[i] * m + carry;
        a->limb[i] = (uint32_t)t;
        carry = t >> 32;
    }
    if (carry && a->n < BN_LIMBS)
        a->limb[a->n++] = (uint32_t)carry;
}

void tlibc_bn_mul_pow5(bignum_t *a, int k)
{
    static const uint32_t pow5[14] = { 1, 5, 25, 125, 625, 3125, 15625, 78125, 390625,
                                       1953125, 9765625, 48828125, 244140625, 1220703125 };
    for (; k >= 13; k -= 13)
        tlibc_bn_muladd(a, pow5[13], 0);
    if (k > 0)
        tlibc_bn_muladd(a, pow5[k], 0);
}

void tlibc_bn_mul_pow10(bignum_t *a, int k)
{
    static const uint32_t pow10[10] = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,
                                        100000000, 1000000000 };
    for (; k >= 9; k -= 9)
        tlibc_bn_muladd(a, pow10[9], 0);
    if (k > 0)
        tlibc_bn_muladd(a, pow10[k], 0);
}

void tlibc_bn_shl(bignum_t *a, int bits)
{
    if (a->n == 0 || bits <= 0)
        return;
    int words = bits / 32, rest = bits % 32;
    int n = a->n + words + 1;
    if (n > BN_LIMBS)
        n = BN_LIMBS;
    for (int i = n - 1; i >= 0; i--) {
        int src = i - words;
        uint32_t hi = src >= 0 && src < a->n ? a->limb[src] : 0;
        uint32_t lo = src - 1 >= 0 && src - 1 < a->n ? a->limb[src - 1] : 0;
        a->limb[i] = rest ? (hi << rest) | (lo >> (32 - rest)) : hi;
    }
    a->n = n;
    trim(a);
}

void tlibc_bn_shr1(bignum_t *a)
{
    for (int i = 0; i < a->n; i++)
        a->limb[i] = (a->limb[i] >> 1) | (i + 1 < a->n ? a->limb[i + 1] << 31 : 0);
    trim(a);
}

int tlibc_bn_cmp(const bignum_t *a, const bignum_t *b)
{
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    for (int i = a->n - 1; i >= 0; i--)
        if (a->limb[i] != b->limb[i])
            return a->limb[i] < b->limb[i] ? -1 : 1;
    return 0;
}

void tlibc_bn_sub(bignum_t *a, const bignum_t *b)
{
    int64_t borrow = 0;
    for (int i = 0; i < a->n; i++) {
        int64_t t = (int64_t)a->limb[i] - (i < b->n ? b->limb[i] : 0) - borrow;
        borrow = t < 0;
        a->limb[i] = (uint32_t)(t + (borrow << 32));
    }
    trim(a);
}

uint32_t tlibc_bn_divmod(bignum_t *a, uint32_t d)
{
    uint64_t rem = 0;
    for (int i = a->n - 1; i >= 0; i--) {
        uint64_t cur = (rem << 32) | a->limb[i];
        a->limb[i] = (uint32_t)(cur / d);
        rem = cur % d;
    }
    trim(a);
    return (uint32_t)rem;
}
