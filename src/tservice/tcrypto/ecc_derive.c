/* ecc_derive.c — P-256 keys from given material: sgx_ecc256_calculate_pub_from_priv (priv*G,
 * little-endian like every Intel EC value) and sgx_calculate_ecdsa_priv_key, Intel's derivation
 * of a private key from DRBG output (FIPS 186-4 B.4.1 style): d = (c mod m) + 1, where c is
 * hash_drg and m is sgx_nistp256_r_m1 (the caller passes n-1), both read as little-endian
 * integers (Intel's IPP big numbers are arrays of little-endian 32-bit words, so both lengths
 * must be multiples of 4), and d is written as 32 big-endian bytes. The reduction is bit-serial
 * and constant-time in c. Intel's failures (lengths not multiples of 4, m zero, m not 32
 * bytes) are SGX_ERROR_UNEXPECTED with out_key zeroed. */
#include <string.h>

#include "ec_util.h"

sgx_status_t sgx_ecc256_calculate_pub_from_priv(const sgx_ec256_private_t *p_att_priv_key,
                                                sgx_ec256_public_t *p_att_pub_key)
{
    if (p_att_priv_key == NULL || p_att_pub_key == NULL)
        return SGX_ERROR_INVALID_PARAMETER;
    uint8_t k[32], point[65];
    sgx_status_t ret = SGX_ERROR_UNEXPECTED;
    if (!tc_ec_priv_be(k, p_att_priv_key))
        goto out;                                    /* outside [1, n-1]: IPP refuses it */
    if (tc_ec()->mulgen(point, k, sizeof k, BR_EC_secp256r1) != 65)
        goto out;
    tc_ec_pub_le(p_att_pub_key, point);
    ret = SGX_SUCCESS;
out:
    if (ret != SGX_SUCCESS)
        memset(p_att_pub_key, 0, sizeof *p_att_pub_key);
    tc_wipe(k, sizeof k);
    return ret;
}

#define W 8    /* 32-bit words of m and of the result */

static uint32_t load_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

sgx_status_t sgx_calculate_ecdsa_priv_key(const unsigned char *hash_drg, int hash_drg_len,
                                          const unsigned char *sgx_nistp256_r_m1, int sgx_nistp256_r_m1_len,
                                          unsigned char *out_key, int out_key_len)
{
    if (out_key == NULL || hash_drg_len <= 0 || sgx_nistp256_r_m1_len <= 0 || out_key_len <= 0 || hash_drg == NULL
        || sgx_nistp256_r_m1 == NULL)
        return SGX_ERROR_INVALID_PARAMETER;
    /* Intel writes 32 bytes whatever out_key_len says; vsgx refuses a smaller buffer. */
    if (out_key_len < (int)sizeof(sgx_ec256_private_t)) {
        memset(out_key, 0, (size_t)out_key_len);
        return SGX_ERROR_INVALID_PARAMETER;
    }
    uint32_t m[W + 1] = { 0 }, r[W + 1] = { 0 }, t[W + 1], nonzero = 0;
    if (hash_drg_len % 4 != 0 || sgx_nistp256_r_m1_len != (int)sizeof(sgx_ec256_private_t)) {
        memset(out_key, 0, (size_t)out_key_len);
        return SGX_ERROR_UNEXPECTED;
    }
    for (int i = 0; i < W; i++) {
        m[i] = load_le32(sgx_nistp256_r_m1 + 4 * i);
        nonzero |= m[i];
    }
    if (nonzero == 0) {
        memset(out_key, 0, (size_t)out_key_len);
        return SGX_ERROR_UNEXPECTED;                 /* reduction modulo 0 */
    }
    /* r = c mod m, one bit of c at a time from the top: r = 2r + bit, then r - m if that does not
     * borrow (r < m before, so once is enough; 2r + 1 < 2^257 fits in W + 1 words). */
    for (int byte = hash_drg_len - 1; byte >= 0; byte--) {
        for (int bit = 7; bit >= 0; bit--) {
            uint32_t in = (hash_drg[byte] >> bit) & 1;
            for (int i = 0; i <= W; i++) {
                uint32_t top = r[i] >> 31;
                r[i] = (r[i] << 1) | in;
                in = top;
            }
            uint32_t borrow = 0;
            for (int i = 0; i <= W; i++) {
                uint64_t d = (uint64_t)r[i] - m[i] - borrow;
                t[i] = (uint32_t)d;
                borrow = (uint32_t)(d >> 63);
            }
            uint32_t keep = 0 - borrow;              /* all ones when r < m */
            for (int i = 0; i <= W; i++)
                r[i] = (r[i] & keep) | (t[i] & ~keep);
        }
    }
    /* d = r + 1 <= m < 2^256 */
    uint32_t carry = 1;
    for (int i = 0; i < W; i++) {
        uint64_t s = (uint64_t)r[i] + carry;
        r[i] = (uint32_t)s;
        carry = (uint32_t)(s >> 32);
    }
    for (int i = 0; i < W; i++) {
        uint32_t v = r[W - 1 - i];
        out_key[4 * i] = (uint8_t)(v >> 24);
        out_key[4 * i + 1] = (uint8_t)(v >> 16);
        out_key[4 * i + 2] = (uint8_t)(v >> 8);
        out_key[4 * i + 3] = (uint8_t)v;
    }
    tc_wipe(r, sizeof r);
    tc_wipe(t, sizeof t);
    return SGX_SUCCESS;
}
