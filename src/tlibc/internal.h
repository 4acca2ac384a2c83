/* internal.h — tlibc's private helpers shared between its files; not installed, not for
 * enclave code. */
#ifndef TLIBC_INTERNAL_H
#define TLIBC_INTERNAL_H

#include <stddef.h>

/* Hands a diagnostic to the message hook (vsgx_tlibc_set_assert_hook), if any. */
void tlibc_report(const char *message);

/* Builds the double or float nearest to mant·2^exp2, with `sticky` set when nonzero bits lie
 * below mant; returns the IEEE bits (infinity on overflow) and sets *range on overflow or on an
 * inexact subnormal/zero result. mant may be 0 only when the value is 0. */
unsigned long tlibc_make_binary(unsigned long mant, int exp2, int sticky, int frac_bits,
                                int exp_bits, int *range);

#endif
