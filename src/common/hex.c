/* hex.c — hexadecimal encoding and strict decoding (see hex.h). */
#include "hex.h"

static void encode(const void *data, size_t len, char *out, const char *digits)
{
    const uint8_t *p = data;
    for (size_t i = 0; i < len; i++) {
        out[2 * i] = digits[p[i] >> 4];
        out[2 * i + 1] = digits[p[i] & 15];
    }
    out[2 * len] = '\0';
}

void vsgx_hex_encode(const void *data, size_t len, char *out)
{
    encode(data, len, out, "0123456789abcdef");
}

void vsgx_hex_encode_upper(const void *data, size_t len, char *out)
{
    encode(data, len, out, "0123456789ABCDEF");
}

static int nibble(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool vsgx_hex_decode(const char *text, size_t text_len, uint8_t *out, size_t len)
{
    if (text_len != 2 * len)
        return false;
    for (size_t i = 0; i < len; i++) {
        int hi = nibble(text[2 * i]), lo = nibble(text[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return true;
}
