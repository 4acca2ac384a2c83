/* ctr.c — AES-128-CTR (sgx_aes_ctr_encrypt/decrypt), SP 800-38A, with Intel's counter rule:
 * the 16-byte counter block is big-endian and only its low ctr_inc_bits bits (1..128) count,
 * wrapping without carrying into the fixed bits; p_ctr is left at the block after the last
 * one used. BearSSL's CTR engine (AES-NI or aes_ct64) counts in the low 32 bits, so the text
 * is cut where the low ctr_inc_bits bits or the low 32 bits wrap. */
#include <string.h>

#include "tcrypto_internal.h"

typedef struct { uint64_t hi, lo; } u128;

static u128 load_be(const uint8_t b[16])
{
    u128 v = { 0, 0 };
    for (int i = 0; i < 8; i++) {
        v.hi = (v.hi << 8) | b[i];
        v.lo = (v.lo << 8) | b[8 + i];
    }
    return v;
}

static void store_be(uint8_t b[16], u128 v)
{
    for (int i = 7; i >= 0; i--) {
        b[i] = (uint8_t)v.hi;
        b[8 + i] = (uint8_t)v.lo;
        v.hi >>= 8;
        v.lo >>= 8;
    }
}

/* c advanced by n blocks: the low `bits` bits add modulo 2^bits, the others stay. */
static u128 advance(u128 c, uint64_t n, uint32_t bits)
{
    u128 mask;
    mask.lo = bits >= 64 ? UINT64_MAX : ((uint64_t)1 << bits) - 1;
    mask.hi = bits >= 128 ? UINT64_MAX : bits > 64 ? ((uint64_t)1 << (bits - 64)) - 1 : 0;
    u128 sum = { c.hi, c.lo + n };
    if (sum.lo < c.lo)
        sum.hi++;
    u128 r = { (c.hi & ~mask.hi) | (sum.hi & mask.hi), (c.lo & ~mask.lo) | (sum.lo & mask.lo) };
    return r;
}

static sgx_status_t aes_ctr(const sgx_aes_ctr_128bit_key_t *p_key, const uint8_t *p_src, uint32_t src_len,
                            uint8_t *p_ctr, uint32_t bits, uint8_t *p_dst)
{
    if (p_key == NULL || p_src == NULL || p_ctr == NULL || p_dst == NULL || src_len == 0
        || src_len > TC_MAX_LEN || bits == 0 || bits > 128)
        return SGX_ERROR_INVALID_PARAMETER;
    const br_block_ctr_class *vt = tc_aes_ctr();
    br_aes_gen_ctr_keys aes;
    vt->init(&aes.vtable, *p_key, SGX_AESCTR_KEY_SIZE);
    memmove(p_dst, p_src, src_len);
    u128 c = load_be(p_ctr);
    uint8_t *p = p_dst;
    uint64_t left = src_len;
    while (left > 0) {
        uint64_t room = bits <= 32 ? ((uint64_t)1 << bits) - (c.lo & (((uint64_t)1 << bits) - 1))
                                   : ((uint64_t)1 << 32) - (c.lo & 0xffffffffu);
        uint64_t blocks = (left + 15) / 16;
        uint64_t n = blocks < room ? blocks : room;
        uint64_t bytes = n * 16 < left ? n * 16 : left;
        uint8_t block[16];
        store_be(block, c);
        vt->run(&aes.vtable, block, (uint32_t)c.lo, p, (size_t)bytes);
        c = advance(c, n, bits);
        p += bytes;
        left -= bytes;
    }
    store_be(p_ctr, c);
    tc_wipe(&aes, sizeof aes);
    return SGX_SUCCESS;
}

sgx_status_t sgx_aes_ctr_encrypt(const sgx_aes_ctr_128bit_key_t *p_key, const uint8_t *p_src,
                                 const uint32_t src_len, uint8_t *p_ctr, const uint32_t ctr_inc_bits,
                                 uint8_t *p_dst)
{
    return aes_ctr(p_key, p_src, src_len, p_ctr, ctr_inc_bits, p_dst);
}

sgx_status_t sgx_aes_ctr_decrypt(const sgx_aes_ctr_128bit_key_t *p_key, const uint8_t *p_src,
                                 const uint32_t src_len, uint8_t *p_ctr, const uint32_t ctr_inc_bits,
                                 uint8_t *p_dst)
{
    return aes_ctr(p_key, p_src, src_len, p_ctr, ctr_inc_bits, p_dst);
}
