/* decimal.c — tlibc: the exact decimal expansion of a double, for printf. A finite double is
 * m·2^e; for e >= 0 that is the integer m·2^e, for e < 0 it is m·5^-e / 10^-e, so the digits of
 * one big integer are the exact digits of the value. Rounding to a requested number of digits
 * (ties to even, as glibc does in the default rounding mode) then works on exact digits. */
#include <stdint.h>
#include <string.h>

#include "bignum.h"
#include "format.h"

int tlibc_decimal(double v, char digits[TLIBC_DECIMAL_MAX], int *dexp)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    uint64_t m = bits & ((1ULL << 52) - 1);
    int be = (int)((bits >> 52) & 0x7ff);
    int e;
    if (be == 0) {
        e = -1074;
    } else {
        m |= 1ULL << 52;
        e = be - 1075;
    }
    if (m == 0) {
        *dexp = 0;
        return 0;
    }
    int tz = __builtin_ctzll(m);
    m >>= tz;
    e += tz;

    bignum_t n;
    tlibc_bn_set(&n, m);
    if (e >= 0)
        tlibc_bn_shl(&n, e);
    else
        tlibc_bn_mul_pow5(&n, -e);

    /* Groups of nine digits, least significant first. */
    uint32_t groups[TLIBC_DECIMAL_MAX / 9 + 2];
    int ng = 0;
    while (!tlibc_bn_is_zero(&n))
        groups[ng++] = tlibc_bn_divmod(&n, 1000000000);
    int nd = 0;
    for (int g = ng - 1; g >= 0; g--) {
        char tmp[9];
        uint32_t x = groups[g];
        for (int i = 8; i >= 0; i--, x /= 10)
            tmp[i] = (char)('0' + x % 10);
        int from = 0;
        if (g == ng - 1)
            while (from < 8 && tmp[from] == '0')
                from++;
        memcpy(digits + nd, tmp + from, (size_t)(9 - from));
        nd += 9 - from;
    }
    *dexp = nd + (e < 0 ? e : 0);
    while (nd > 0 && digits[nd - 1] == '0')
        nd--;
    return nd;
}

void tlibc_round_digits(char *digits, int *nd, int *dexp, int keep)
{
    if (keep >= *nd)
        return;
    if (keep < 0) {
        *nd = 0;
        return;
    }
    int up;
    if (digits[keep] != '5')
        up = digits[keep] > '5';
    else if (*nd > keep + 1)
        up = 1;     /* trailing zeros are stripped: anything after the 5 is nonzero */
    else
        up = keep > 0 && ((digits[keep - 1] - '0') & 1);
    int n = keep;
    if (up) {
        int i = keep - 1;
        while (i >= 0 && digits[i] == '9')
            i--;
        if (i < 0) {
            digits[0] = '1';
            n = 1;
            (*dexp)++;
        } else {
            digits[i]++;
            n = i + 1;
        }
    }
    while (n > 0 && digits[n - 1] == '0')
        n--;
    *nd = n;
}
