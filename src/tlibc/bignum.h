/* bignum.h — tlibc's fixed-size unsigned big integers, for exact binary/decimal conversion of
 * floating point (printf's %e/%f/%g digits, strtod's correct rounding). 32-bit limbs, least
 * significant first; the capacity covers the largest value either conversion forms
 * (10^1131 · 2^64 < 2^3900). Not installed. */
#ifndef TLIBC_BIGNUM_H
#define TLIBC_BIGNUM_H

#include <stdint.h>

#define BN_LIMBS 128

typedef struct {
    int n;                      /* limbs in use; no leading zero limbs */
    uint32_t limb[BN_LIMBS];
} bignum_t;

void tlibc_bn_set(bignum_t *a, uint64_t v);
int tlibc_bn_is_zero(const bignum_t *a);
int tlibc_bn_bits(const bignum_t *a);
/* a = a·m + add */
void tlibc_bn_muladd(bignum_t *a, uint32_t m, uint32_t add);
void tlibc_bn_mul_pow5(bignum_t *a, int k);
void tlibc_bn_mul_pow10(bignum_t *a, int k);
void tlibc_bn_shl(bignum_t *a, int bits);
void tlibc_bn_shr1(bignum_t *a);
int tlibc_bn_cmp(const bignum_t *a, const bignum_t *b);
/* a -= b; requires a >= b */
void tlibc_bn_sub(bignum_t *a, const bignum_t *b);
/* a /= d; returns the remainder */
uint32_t tlibc_bn_divmod(bignum_t *a, uint32_t d);

#endif
