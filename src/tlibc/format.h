/* format.h — tlibc's formatting internals shared by format.c (the directive parser, integers,
 * strings), format_float.c (a, e, f, g) and decimal.c (exact decimal digits). Not installed. */
#ifndef TLIBC_FORMAT_H
#define TLIBC_FORMAT_H

#include <stddef.h>

/* Output: at most cap - 1 bytes are stored (then a NUL), len counts every byte produced. */
typedef struct {
    char *buf;
    size_t cap;
    size_t len;
} sink_t;

/* One conversion directive. */
typedef struct {
    int left, plus, space, alt, zero;
    int width;                  /* 0 when none */
    int prec;                   /* -1 when none */
    char conv;
} spec_t;

void tlibc_sink_put(sink_t *s, const char *p, size_t n);
void tlibc_sink_fill(sink_t *s, char c, size_t n);

/* Formats a double for conversion a A e E f F g G. */
void tlibc_format_double(sink_t *s, const spec_t *sp, double v);

/* The exact decimal digits of |v| (finite): returns the count written to digits (no leading
 * or trailing zeros; 0 for zero) and sets *dexp so that |v| = 0.DIGITS × 10^dexp. */
#define TLIBC_DECIMAL_MAX 800
int tlibc_decimal(double v, char digits[TLIBC_DECIMAL_MAX], int *dexp);
/* Rounds 0.DIGITS×10^dexp to its first `keep` digits, ties to even; may bump *dexp. */
void tlibc_round_digits(char *digits, int *nd, int *dexp, int keep);

#endif
