/* pem.c — PEM blocks and strict base64 (see pem.h). */
#include "pem.h"

#include <stdlib.h>
#include <string.h>

/* Base64 digit values; -1 for any other byte. */
static const signed char B64[256] = {
    ['A'] = 0,  ['B'] = 1,  ['C'] = 2,  ['D'] = 3,  ['E'] = 4,  ['F'] = 5,  ['G'] = 6,  ['H'] = 7,
    ['I'] = 8,  ['J'] = 9,  ['K'] = 10, ['L'] = 11, ['M'] = 12, ['N'] = 13, ['O'] = 14, ['P'] = 15,
    ['Q'] = 16, ['R'] = 17, ['S'] = 18, ['T'] = 19, ['U'] = 20, ['V'] = 21, ['W'] = 22, ['X'] = 23,
    ['Y'] = 24, ['Z'] = 25, ['a'] = 26, ['b'] = 27, ['c'] = 28, ['d'] = 29, ['e'] = 30, ['f'] = 31,
    ['g'] = 32, ['h'] = 33, ['i'] = 34, ['j'] = 35, ['k'] = 36, ['l'] = 37, ['m'] = 38, ['n'] = 39,
    ['o'] = 40, ['p'] = 41, ['q'] = 42, ['r'] = 43, ['s'] = 44, ['t'] = 45, ['u'] = 46, ['v'] = 47,
    ['w'] = 48, ['x'] = 49, ['y'] = 50, ['z'] = 51, ['0'] = 52, ['1'] = 53, ['2'] = 54, ['3'] = 55,
    ['4'] = 56, ['5'] = 57, ['6'] = 58, ['7'] = 59, ['8'] = 60, ['9'] = 61, ['+'] = 62, ['/'] = 63,
};

/* Digit value of c, or -1 (only 'A' has the value 0). */
static int b64(unsigned char c)
{
    return B64[c] != 0 || c == 'A' ? B64[c] : -1;
}

static bool blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\0';
}

/* "-----BEGIN " + label + "-----" into out; returns its length, 0 when it does not fit. */
static size_t marker(char *out, size_t size, const char *prefix, const char *label)
{
    size_t a = strlen(prefix), b = strlen(label);
    if (a + b + 6 > size)
        return 0;
    memcpy(out, prefix, a);
    memcpy(out + a, label, b);
    memcpy(out + a + b, "-----", 6);
    return a + b + 5;
}

static const char *find(const char *p, size_t n, const char *s)
{
    return memmem(p, n, s, strlen(s));
}

int vsgx_pem_next(vsgx_pem_reader_t *r, const char *label, uint8_t **der, size_t *len)
{
    char begin[64], end[64];
    size_t i = 0;
    while (i < r->left && blank(r->p[i]))
        i++;
    if (i == r->left) {
        r->p += i;
        r->left = 0;
        return 0;
    }
    size_t bl = marker(begin, sizeof begin, "-----BEGIN ", label);
    size_t el = marker(end, sizeof end, "-----END ", label);
    if (bl == 0 || el == 0 || r->left - i < bl || memcmp(r->p + i, begin, bl) != 0)
        return -1;
    const char *body = r->p + i + bl;
    size_t avail = r->left - i - bl;
    const char *stop = find(body, avail, end);
    if (!stop)
        return -1;
    size_t body_len = (size_t)(stop - body);
    uint8_t *out = malloc(body_len / 4 * 3 + 3);
    if (!out)
        return -1;
    size_t n = 0, q = 0, pad = 0;
    uint32_t acc = 0;
    for (size_t k = 0; k < body_len; k++) {
        char c = body[k];
        if (c == '\r' || c == '\n' || c == ' ' || c == '\t')
            continue;
        if (c == '=') {
            pad++;
            acc <<= 6;
            q++;
        } else {
            int v = b64((unsigned char)c);
            if (v < 0 || pad) {
                free(out);
                return -1;
            }
            acc = acc << 6 | (uint32_t)v;
            q++;
        }
        if (q == 4) {
            out[n++] = (uint8_t)(acc >> 16);
            out[n++] = (uint8_t)(acc >> 8);
            out[n++] = (uint8_t)acc;
            q = 0;
            acc = 0;
        }
    }
    if (q != 0 || pad > 2 || n < pad) {
        free(out);
        return -1;
    }
    n -= pad;
    r->p = stop + el;
    r->left = avail - body_len - el;
    *der = out;
    *len = n;
    return 1;
}
