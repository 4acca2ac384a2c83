/* fuzz_tservice_seeds.c — writes the seed inputs of fuzz_unseal and fuzz_dh into OUT/fuzz_unseal/
 * and OUT/fuzz_dh/ (which must exist), one file per seed under a descriptive name (make-seeds
 * renames them by SHA-1). fuzz_unseal's mode-0 seeds hold blobs sealed on the harness platform
 * (fuzz_trusted_platform.c) in the state fuzz_unseal opens them in, so they open; the others are
 * control bytes (see the layouts at the top of fuzz_unseal.c and fuzz_dh.c).
 * usage: fuzz_tservice_seeds OUT */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_trusted_platform.h"
#include "sgx_tseal.h"

static const char *g_out;

static void fail(const char *what)
{
    fprintf(stderr, "fuzz_tservice_seeds: %s\n", what);
    exit(1);
}

/* Writes OUT/target/name: head (hlen bytes), then body (blen bytes). */
static void put(const char *target, const char *name, const uint8_t *head, size_t hlen, const void *body,
                size_t blen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s/%s", g_out, target, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(head, 1, hlen, f) != hlen || (blen && fwrite(body, 1, blen, f) != blen) || fclose(f) != 0)
        fail(path);
}

/* ---- fuzz_unseal, mode 0: blobs sealed on the harness platform ---- */

/* Seals (MAC-only when txt is NULL; with policy through the _ex form when non-zero) and writes
 * the blob behind the mode-0 header: flags, and the text / MAC text buffer sizes (the blob's
 * own, less short). */
static void put_blob(const char *name, uint8_t flags, uint16_t policy, const char *aad, const char *txt, int short_by)
{
    const sgx_attributes_t mask = { .flags = 0xFF0000000000000BULL, .xfrm = 0 };
    uint32_t a = (uint32_t)strlen(aad), t = txt ? (uint32_t)strlen(txt) : 0;
    uint32_t size = sgx_calc_sealed_data_size(a, t);
    fuzz_tp_reset(0, flags & 4);
    uint8_t *in_aad = fuzz_tp_alloc(a, 1), *in_txt = fuzz_tp_alloc(t, 1);
    memcpy(in_aad, aad, a);
    memcpy(in_txt, txt ? txt : "", t);
    sgx_sealed_data_t *blob = fuzz_tp_alloc(size, 1);
    sgx_status_t st;
    if (!txt)
        st = sgx_mac_aadata(a, in_aad, size, blob);
    else if (policy)
        st = sgx_seal_data_ex(policy, mask, 0xF0000000u, a, a ? in_aad : NULL, t, in_txt, size, blob);
    else
        st = sgx_seal_data(a, a ? in_aad : NULL, t, in_txt, size, blob);
    if (st != SGX_SUCCESS)
        fail("sealing a seed failed");
    uint32_t tcap = t - (t ? (uint32_t)short_by : 0);
    uint8_t head[6] = { 0, flags, (uint8_t)tcap, (uint8_t)(tcap >> 8), (uint8_t)a, (uint8_t)(a >> 8) };
    put("fuzz_unseal", name, head, sizeof head, blob, size);
    fuzz_tp_free(blob);
    fuzz_tp_free(in_txt);
    fuzz_tp_free(in_aad);
}

static void unseal_blobs(void)
{
    put_blob("blob-sealed", 0, 0, "header v1", "the sealed text", 0);
    put_blob("blob-sealed-no-aad", 0, 0, "", "secret without MAC text", 0);
    put_blob("blob-mac-only", 1, 0, "a MAC-only text", NULL, 0);
    put_blob("blob-kss", 4, 0, "kss", "sealed by a KSS enclave", 0);
    put_blob("blob-mrenclave", 0, SGX_KEYPOLICY_MRENCLAVE, "mrenclave", "sealed to MRENCLAVE", 0);
    put_blob("blob-short-text-buffer", 0, 0, "x", "one byte too many", 1);
    put_blob("blob-aad-outside", 2, 0, "to an outside buffer", "text", 0);
    put_blob("blob-lengths-outside", 8, 0, "aad", "text", 0);
}

/* ---- fuzz_unseal, mode 1: round trips ---- */

/* The mode-1 header: flags, split, mutation, offset, XOR value, policy; then data. */
static void put_trip(const char *name, uint8_t flags, uint8_t split, uint8_t mutation, uint16_t offset, uint8_t xor_value,
                     uint8_t policy)
{
    static const char data[] = "additional MAC text|text to seal";
    uint8_t head[8] = { 1, flags, split, mutation, (uint8_t)offset, (uint8_t)(offset >> 8), xor_value, policy };
    put("fuzz_unseal", name, head, sizeof head, data, sizeof data - 1);
}

static void unseal_trips(void)
{
    put_trip("trip-plain", 0, 128, 0, 0, 0, 0);
    put_trip("trip-mac-only", 1, 0, 0, 0, 0, 0);
    put_trip("trip-kss", 4, 100, 0, 0, 0, 0);
    put_trip("trip-ex-mrenclave", 16, 128, 0, 0, 0, SGX_KEYPOLICY_MRENCLAVE);
    put_trip("trip-ex-bad-policy", 16, 128, 0, 0, 0, SGX_KEYPOLICY_NOISVPRODID);
    put_trip("trip-cross-open", 8, 128, 0, 0, 0, 0);
    put_trip("trip-short-buffers", 32 | 64, 128, 0, 0, 0, 0);
    put_trip("trip-outside-buffers", 2 | 128, 128, 0, 0, 0, 0);
    put_trip("trip-xor-payload", 0, 128, 1, 580, 0x01, 0);
    put_trip("trip-xor-tag", 1, 0, 1, 550, 0x80, 0);
    put_trip("trip-xor-cpusvn", 0, 128, 1, 8, 0x20, 0);
    put_trip("trip-xor-isvsvn", 0, 128, 1, 4, 0x04, 0);
    put_trip("trip-xor-text-offset", 0, 128, 1, 512, 0x01, 0);
    put_trip("trip-xor-reserved", 0, 128, 1, 520, 0xff, 0);
    /* KSS, MRSIGNER only: a lower CONFIGSVN in the request is not seen (see change_ignored). */
    put_trip("trip-kss-configsvn", 4 | 16, 128, 1, 76, 0x01, SGX_KEYPOLICY_MRSIGNER);
    put_trip("trip-truncate-header", 0, 128, 2, 300, 0, 0);
    put_trip("trip-truncate-payload", 0, 128, 2, 570, 0, 0);
}

/* ---- fuzz_dh ---- */

/* The header: control byte, offset, argument, property buffer size, property length; then
 * rest (properties, or bytes to write). */
static void put_dh(const char *name, uint8_t control, uint16_t offset, uint8_t arg, uint16_t cap, uint32_t prop_len,
                   const void *rest, size_t rest_len)
{
    uint8_t head[10] = { control, (uint8_t)offset, (uint8_t)(offset >> 8), arg, (uint8_t)cap, (uint8_t)(cap >> 8),
                         (uint8_t)prop_len, (uint8_t)(prop_len >> 8), (uint8_t)(prop_len >> 16),
                         (uint8_t)(prop_len >> 24) };
    put("fuzz_dh", name, head, sizeof head, rest, rest_len);
}

/* P-256's generator, x then y, little-endian: a valid g_a that is not the responder's. */
static const uint8_t g_p256_g_le[64] = {
    0x96, 0xc2, 0x98, 0xd8, 0x45, 0x39, 0xa1, 0xf4, 0xa0, 0x33, 0xeb, 0x2d, 0x81, 0x7d, 0x03, 0x77,
    0xf2, 0x40, 0xa4, 0x63, 0xe5, 0xe6, 0xbc, 0xf8, 0x47, 0x42, 0x2c, 0xe1, 0xf2, 0xd1, 0x17, 0x6b,
    0xf5, 0x51, 0xbf, 0x37, 0x68, 0x40, 0xb6, 0xcb, 0xce, 0x5e, 0x31, 0x6b, 0x57, 0x33, 0xce, 0x2b,
    0x16, 0x9e, 0x0f, 0x7c, 0x4a, 0xeb, 0xe7, 0x8e, 0x9b, 0x7f, 0x1a, 0xfe, 0xe2, 0x42, 0xe3, 0x4f,
};

static void dh_seeds(void)
{
    static const char props[] = "properties";
    enum { M1 = 1, M2 = 2, M3 = 3, WRITE = 4, TRUNCATE = 8, OUTSIDE = 12, KSS = 16 };
    put_dh("session", 0, 0, 0, 16, 10, props, 10);
    put_dh("session-kss", KSS, 0, 0, 0, 0, "", 0);
    put_dh("session-props-too-long", 0, 0, 0, 4, 10, props, 10);
    put_dh("msg1-xor-g_a", M1, 5, 0x01, 0, 0, "", 0);
    put_dh("msg1-write-g_a-generator", M1 | WRITE, 0, 64, 0, 0, g_p256_g_le, sizeof g_p256_g_le);
    put_dh("msg1-xor-mrenclave", M1, 64, 0x01, 0, 0, "", 0);
    put_dh("msg1-xor-target-reserved", M1, 300, 0x01, 0, 0, "", 0);
    put_dh("msg1-truncate", M1 | TRUNCATE, 100, 0, 0, 0, "", 0);
    put_dh("msg1-outside", M1 | OUTSIDE, 0, 0, 0, 0, "", 0);
    put_dh("msg2-xor-kdf-id", M2, 416, 0x01, 0, 0, "", 0);
    put_dh("msg2-xor-g_b", M2, 3, 0x40, 0, 0, "", 0);
    put_dh("msg2-xor-cmac", M2, 500, 0x01, 0, 0, "", 0);
    put_dh("msg2-truncate", M2 | TRUNCATE, 511, 0, 0, 0, "", 0);
    put_dh("msg3-xor-props", M3, 455, 0x01, 16, 10, props, 10);
    put_dh("msg3-xor-slack", M3, 465, 0x01, 16, 10, props, 10);
    put_dh("msg3-xor-prop-length", M3, 448, 0x01, 16, 10, props, 10);
    put_dh("msg3-xor-prop-length-high", M3, 451, 0x80, 16, 10, props, 10);
    put_dh("msg3-xor-report", M3, 100, 0x01, 0, 0, "", 0);
    put_dh("msg3-truncate", M3 | TRUNCATE, 457, 0, 16, 10, props, 10);
    put_dh("msg3-outside", M3 | OUTSIDE, 0, 0, 16, 10, props, 10);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUT (OUT/fuzz_unseal and OUT/fuzz_dh must exist)\n", argv[0]);
        return 2;
    }
    g_out = argv[1];
    unseal_blobs();
    unseal_trips();
    dh_seeds();
    return 0;
}
