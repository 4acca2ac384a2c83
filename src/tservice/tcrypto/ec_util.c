/* ec_util.c — P-256 conversions between Intel's little-endian values and BearSSL's
 * big-endian ones, and range checks (private key in [1, n-1], coordinates below p), in
 * constant time. Used by ecc.c and ecdsa.c. */
#include <string.h>

#include "ec_util.h"

static const uint8_t p256_n[32] = {
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
};
static const uint8_t p256_p[32] = {
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
};

/* 1 if the big-endian a < b (both 32 bytes), in constant time. */
static uint32_t lt_be(const uint8_t *a, const uint8_t *b)
{
    uint32_t borrow = 0;
    for (int i = 31; i >= 0; i--) {
        uint32_t d = (uint32_t)a[i] - b[i] - borrow;
        borrow = (d >> 31) & 1;
    }
    return borrow;
}

static uint32_t is_zero(const uint8_t *a)
{
    uint32_t acc = 0;
    for (int i = 0; i < 32; i++)
        acc |= a[i];
    return ((acc - 1) >> 31) & 1;
}

int tc_ec_priv_be(uint8_t be[32], const sgx_ec256_private_t *priv)
{
    tc_reverse(be, priv->r, 32);
    return (int)(lt_be(be, p256_n) & (is_zero(be) ^ 1));
}

int tc_ec_pub_be(uint8_t point[65], const sgx_ec256_public_t *pub)
{
    point[0] = 0x04;
    tc_reverse(point + 1, pub->gx, 32);
    tc_reverse(point + 33, pub->gy, 32);
    return (int)(lt_be(point + 1, p256_p) & lt_be(point + 33, p256_p));
}

void tc_ec_pub_le(sgx_ec256_public_t *pub, const uint8_t point[65])
{
    tc_reverse(pub->gx, point + 1, 32);
    tc_reverse(pub->gy, point + 33, 32);
}

void tc_ec_sig_le(sgx_ec256_signature_t *sig, const uint8_t raw[64])
{
    for (int i = 0; i < 8; i++) {
        const uint8_t *r = raw + 28 - 4 * i, *s = raw + 60 - 4 * i;
        sig->x[i] = (uint32_t)r[0] << 24 | (uint32_t)r[1] << 16 | (uint32_t)r[2] << 8 | r[3];
        sig->y[i] = (uint32_t)s[0] << 24 | (uint32_t)s[1] << 16 | (uint32_t)s[2] << 8 | s[3];
    }
}

void tc_ec_sig_be(uint8_t raw[64], const sgx_ec256_signature_t *sig)
{
    for (int i = 0; i < 8; i++) {
        uint8_t *r = raw + 28 - 4 * i, *s = raw + 60 - 4 * i;
        for (int b = 0; b < 4; b++) {
            r[b] = (uint8_t)(sig->x[i] >> (24 - 8 * b));
            s[b] = (uint8_t)(sig->y[i] >> (24 - 8 * b));
        }
    }
}
