/* hex.h — hexadecimal encoding and strict decoding. Host and enclave code. */
#ifndef VSGX_HEX_H
#define VSGX_HEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Writes 2*len lower-case hex digits and a NUL to out (size 2*len+1). */
void vsgx_hex_encode(const void *data, size_t len, char *out);
/* Same, upper case (as Intel's collateral writes FMSPC, MRSIGNER, ...). */
void vsgx_hex_encode_upper(const void *data, size_t len, char *out);
/* Decodes exactly 2*len hex digits (either case) from text[0..text_len) into out[len].
 * Fails unless text_len == 2*len and every character is a hex digit. */
bool vsgx_hex_decode(const char *text, size_t text_len, uint8_t *out, size_t len);

#endif
