/* binary.c — tlibc: the correctly rounded binary floating-point value of mant·2^exp2 (plus a
 * sticky bit for discarded nonzero bits below mant), for double and float, ties to even, with
 * gradual underflow and overflow to infinity. Used by strtod and strtof. */
#include <stdint.h>

#include "internal.h"

unsigned long tlibc_make_binary(unsigned long mant, int exp2, int sticky, int frac_bits,
                                int exp_bits, int *range)
{
    if (mant == 0)
        return 0;
    int lz = __builtin_clzl(mant);
    mant <<= lz;
    exp2 -= lz;
    long e = (long)exp2 + 63;                 /* mant·2^exp2 is in [2^e, 2^(e+1)) */
    long bias = (1L << (exp_bits - 1)) - 1, emin = 1 - bias;
    uint64_t inf = ((1ULL << exp_bits) - 1) << frac_bits;
    if (e > bias) {
        *range = 1;
        return inf;
    }
    long shift = 63 - frac_bits;
    if (e < emin)
        shift += emin - e;
    uint64_t kept, up, inexact;
    if (shift > 64) {
        kept = 0;
        up = 0;
        inexact = 1;
    } else if (shift == 64) {
        kept = 0;
        up = mant > (1ULL << 63) || sticky;
        inexact = 1;
    } else {
        uint64_t rest = mant & ((1ULL << shift) - 1), half = 1ULL << (shift - 1);
        kept = mant >> shift;
        up = rest > half || (rest == half && (sticky || (kept & 1)));
        inexact = rest || sticky;
    }
    kept += up;
    uint64_t bits = e >= emin ? ((uint64_t)(e + bias - 1) << frac_bits) + kept : kept;
    if (bits >= inf) {
        *range = 1;
        return inf;
    }
    if (e < emin && inexact)
        *range = 1;
    return bits;
}
