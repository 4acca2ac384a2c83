/* fuzz_unseal.c — libFuzzer target for sealed and MAC-only blobs (sgx_tseal.h: sgx_unseal_data,
 * sgx_unmac_aadata, sgx_get_encrypt_txt_len, sgx_get_add_mac_txt_len), the trusted services
 * built for the host on the harness platform of fuzz_trusted_platform.c. Bit 0 of the first byte
 * selects the mode:
 *   0  a blob from outside: byte 1 flags (bit 0 sgx_unmac_aadata rather than sgx_unseal_data,
 *      bit 1 the MAC text's buffer outside the enclave, bit 2 KSS enclave, bit 3 the length
 *      words outside), bytes 2-3 and 4-5 the sizes of the text and MAC text buffers (LE), the
 *      rest the blob, copied into an enclave buffer of exactly its length, then opened.
 *   1  a round trip: byte 1 flags (bit 0 sgx_mac_aadata rather than sgx_seal_data, bit 1 the MAC
 *      text outside the enclave, bit 2 KSS, bit 3 open with the other function, bit 4 the _ex
 *      form with key policy byte 7, bit 5 / bit 6 the text / MAC text buffer one byte short,
 *      bit 7 the text buffer outside), byte 2 where the rest splits into MAC text and text
 *      (rest * byte / 255), byte 3 the mutation (mod 3: none, XOR of byte 6 into the byte at
 *      offset bytes 4-5, truncation to that offset), the rest the data; sealed, mutated, opened.
 * Checks the promises of sgx_tseal.h and unseal.c: the exact status of every refusal that can
 * be told from the input (short blob, short or misplaced buffers, a MAC-only blob opened as a
 * sealed one and back), that an unchanged blob opens into exactly the sealed data, that any
 * change is refused (MAC_MISMATCH, or INVALID_CPUSVN / INVALID_ISVSVN for a raised SVN), and
 * that a refusal writes nothing (but the text's zeroing) and a success nothing past the
 * lengths. Aborts when one is broken; silent on the normal path. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_trusted_platform.h"
#include "sgx_tseal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CANARY 0xA5
#define LEN_UNSET 0xC0FFEEu
#define HEADER ((uint32_t)sizeof(sgx_sealed_data_t))
#define FIELD_IN(off, type, field) \
    ((off) >= offsetof(type, field) && (off) < offsetof(type, field) + sizeof(((type *)0)->field))

static void broken(const char *what)
{
    fprintf(stderr, "fuzz_unseal: %s\n", what);
    abort();
}

static uint16_t le16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

/* ---- output buffers ---- */

/* The caller's side of an open: the two buffers (canary-filled) and their length words. */
typedef struct {
    uint8_t *txt, *aad;
    uint32_t txt_cap, aad_cap;
    uint32_t *txt_len, *aad_len;
} outputs_t;

static void outputs_make(outputs_t *o, uint32_t txt_cap, int txt_inside, uint32_t aad_cap, int aad_inside,
                         int lens_inside)
{
    o->txt_cap = txt_cap;
    o->aad_cap = aad_cap;
    o->txt = fuzz_tp_alloc(txt_cap, txt_inside);
    o->aad = fuzz_tp_alloc(aad_cap, aad_inside);
    memset(o->txt, CANARY, txt_cap);
    memset(o->aad, CANARY, aad_cap);
    o->txt_len = fuzz_tp_alloc(sizeof *o->txt_len, lens_inside);
    o->aad_len = fuzz_tp_alloc(sizeof *o->aad_len, lens_inside);
    *o->txt_len = txt_cap;
    *o->aad_len = aad_cap;
}

static void outputs_free(outputs_t *o)
{
    fuzz_tp_free(o->txt);
    fuzz_tp_free(o->aad);
    fuzz_tp_free(o->txt_len);
    fuzz_tp_free(o->aad_len);
}

static sgx_status_t open_blob(const sgx_sealed_data_t *blob, int unmac, outputs_t *o)
{
    if (unmac)
        return sgx_unmac_aadata(blob, o->aad, o->aad_len);
    return sgx_unseal_data(blob, o->aad, o->aad_len, o->txt, o->txt_len);
}

static int all_canary(const uint8_t *p, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (p[i] != CANARY)
            return 0;
    return 1;
}

/* A refused open: the MAC text and the lengths untouched, the text untouched or zeroed (GCM
 * clears what it decrypted under a wrong tag). */
static void check_untouched(const outputs_t *o)
{
    if (!all_canary(o->aad, 0, o->aad_cap) || *o->aad_len != o->aad_cap || *o->txt_len != o->txt_cap)
        broken("a refused open wrote the MAC text or a length");
    for (uint32_t i = 0; i < o->txt_cap; i++)
        if (o->txt[i] != CANARY && o->txt[i] != 0)
            broken("a refused open left text behind");
}

/* A successful open of a blob whose fields say t and a: the lengths written, within the
 * buffers, nothing past them. */
static void check_opened(const outputs_t *o, int unmac, uint32_t t, uint32_t a)
{
    if (*o->aad_len != a || a > o->aad_cap || !all_canary(o->aad, a, o->aad_cap))
        broken("the MAC text's length or buffer is wrong after an open");
    if (unmac ? t != 0 || *o->txt_len != o->txt_cap || !all_canary(o->txt, 0, o->txt_cap)
              : t == 0 || *o->txt_len != t || t > o->txt_cap || !all_canary(o->txt, t, o->txt_cap))
        broken("the text's length or buffer is wrong after an open");
}

static int known_status(sgx_status_t st)
{
    return st == SGX_SUCCESS || st == SGX_ERROR_INVALID_PARAMETER || st == SGX_ERROR_MAC_MISMATCH ||
           st == SGX_ERROR_INVALID_CPUSVN || st == SGX_ERROR_INVALID_ISVSVN;
}

/* ---- mode 0: a blob from outside ---- */

static void run_blob(const uint8_t *data, size_t size)
{
    if (size < 6 || size - 6 > UINT32_MAX)
        return;
    uint8_t flags = data[1];
    int unmac = flags & 1;
    fuzz_tp_reset(0, flags & 4);
    size_t len = size - 6;
    sgx_sealed_data_t *blob = fuzz_tp_alloc(len, 1);
    memcpy(blob, data + 6, len);
    outputs_t o;
    outputs_make(&o, le16(data + 2), 1, le16(data + 4), !(flags & 2), !(flags & 8));
    sgx_status_t st = open_blob(blob, unmac, &o);
    if (!known_status(st))
        broken("an open gave a status it never gives");
    if (len < HEADER && st != SGX_ERROR_INVALID_PARAMETER)
        broken("a blob shorter than its header was not refused as a parameter");
    if (st == SGX_SUCCESS) {
        uint32_t t = sgx_get_encrypt_txt_len(blob), a = sgx_get_add_mac_txt_len(blob);
        if (t == UINT32_MAX || a == UINT32_MAX || sgx_calc_sealed_data_size(a, t) > len)
            broken("a blob opened whose lengths do not fit it");
        check_opened(&o, unmac, t, a);
        if (memcmp(o.aad, blob->aes_data.payload + t, a) != 0)
            broken("the MAC text opened is not the blob's");
    } else {
        check_untouched(&o);
    }
    outputs_free(&o);
    fuzz_tp_free(blob);
}

/* ---- mode 1: seal, mutate, open ---- */

enum { MUT_NONE, MUT_XOR, MUT_TRUNCATE };

typedef struct {
    int mac_only, aad_outside, kss, cross, ex, txt_short, aad_short, txt_outside;
    uint8_t split, mutation, xor_value, policy;
    uint16_t offset;
    const uint8_t *aad, *txt;
    uint32_t aad_len, txt_len;
} trip_t;

static int parse_trip(const uint8_t *data, size_t size, trip_t *r)
{
    if (size < 8 || size - 8 > 0xFFFFFF)
        return 0;
    uint8_t f = data[1];
    *r = (trip_t){ .mac_only = f & 1, .aad_outside = f & 2, .kss = f & 4, .cross = f & 8, .ex = f & 16,
                   .txt_short = f & 32, .aad_short = f & 64, .txt_outside = f & 128, .split = data[2],
                   .mutation = data[3] % 3, .offset = le16(data + 4), .xor_value = data[6], .policy = data[7] };
    uint32_t rest = (uint32_t)(size - 8);
    r->aad_len = r->mac_only ? rest : (uint32_t)((uint64_t)rest * r->split / 255);
    r->txt_len = rest - r->aad_len;
    return 1;
}

/* The status sealing must give: refusals of an empty text (MAC text for MAC-only blobs) and of
 * an invalid key policy. */
static sgx_status_t seal_expected(const trip_t *r)
{
    uint16_t known = SGX_KEYPOLICY_MRENCLAVE | SGX_KEYPOLICY_MRSIGNER | SGX_KEYPOLICY_NOISVPRODID;
    if (r->kss)
        known |= SGX_KEYPOLICY_CONFIGID | SGX_KEYPOLICY_ISVFAMILYID | SGX_KEYPOLICY_ISVEXTPRODID;
    if (r->mac_only ? r->aad_len == 0 : r->txt_len == 0)
        return SGX_ERROR_INVALID_PARAMETER;
    if (r->ex && (!(r->policy & (SGX_KEYPOLICY_MRENCLAVE | SGX_KEYPOLICY_MRSIGNER)) || (r->policy & ~known)))
        return SGX_ERROR_INVALID_PARAMETER;
    return SGX_SUCCESS;
}

static sgx_status_t seal(const trip_t *r, const uint8_t *aad, const uint8_t *txt, sgx_sealed_data_t *blob,
                         uint32_t blob_size)
{
    const sgx_attributes_t mask = { .flags = 0xFF0000000000000BULL, .xfrm = 0 };
    const sgx_misc_select_t misc = 0xF0000000u;
    if (r->mac_only && r->ex)
        return sgx_mac_aadata_ex(r->policy, mask, misc, r->aad_len, aad, blob_size, blob);
    if (!r->aad_len)
        aad = NULL; /* an empty MAC text comes without a pointer */
    if (r->mac_only)
        return sgx_mac_aadata(r->aad_len, aad, blob_size, blob);
    if (r->ex)
        return sgx_seal_data_ex(r->policy, mask, misc, r->aad_len, aad, r->txt_len, txt, blob_size, blob);
    return sgx_seal_data(r->aad_len, aad, r->txt_len, txt, blob_size, blob);
}

/* A fresh blob's lengths are what was sealed. */
static void check_sealed(const trip_t *r, const sgx_sealed_data_t *blob, uint32_t blob_size)
{
    if (sgx_get_encrypt_txt_len(blob) != r->txt_len * !r->mac_only || sgx_get_add_mac_txt_len(blob) != r->aad_len ||
        sgx_calc_sealed_data_size(r->aad_len, r->mac_only ? 0 : r->txt_len) != blob_size ||
        sgx_get_encrypt_txt_len(NULL) != UINT32_MAX || sgx_get_add_mac_txt_len(NULL) != UINT32_MAX)
        broken("a fresh blob's lengths are not what was sealed");
}

/* What opening the unchanged blob gives: MAC_MISMATCH with the other function, INVALID_PARAMETER
 * for a buffer too short or a text buffer outside the enclave, else SUCCESS. */
static sgx_status_t open_expected(const trip_t *r)
{
    if (r->cross)
        return SGX_ERROR_MAC_MISMATCH;
    if (!r->mac_only && (r->txt_short || r->txt_outside))
        return SGX_ERROR_INVALID_PARAMETER;
    if (r->aad_len && r->aad_short)
        return SGX_ERROR_INVALID_PARAMETER;
    return SGX_SUCCESS;
}

/* Whether XORing v into the blob's byte at off leaves a blob EGETKEY gives the same key for and
 * unseal.c does not look at: a lower (or the same) CONFIGSVN under a policy without CONFIGID.
 * Intel's unseal and the SDM's EGETKEY behave the same; unseal.c's "any change is refused" does
 * not hold for this field. */
static int change_ignored(const trip_t *r, const sgx_sealed_data_t *blob, uint32_t off, uint8_t v)
{
    if (!r->kss || (blob->key_request.key_policy & SGX_KEYPOLICY_CONFIGID) ||
        !FIELD_IN(off, sgx_key_request_t, config_svn))
        return 0;
    sgx_key_request_t req = blob->key_request;
    ((uint8_t *)&req)[off] ^= v;
    return req.config_svn <= FUZZ_TP_CONFIGSVN;
}

/* A changed blob must be refused: the status for a change at off (or a truncation to off when
 * truncated), or SGX_SUCCESS when the change cannot be seen (change_ignored). */
static int refusal_ok(sgx_status_t st, int truncated, uint32_t off)
{
    if (truncated)
        return st == (off < HEADER ? SGX_ERROR_INVALID_PARAMETER : SGX_ERROR_MAC_MISMATCH);
    if (st == SGX_ERROR_MAC_MISMATCH)
        return 1;
    if (st == SGX_ERROR_INVALID_CPUSVN)
        return FIELD_IN(off, sgx_key_request_t, cpu_svn);
    if (st == SGX_ERROR_INVALID_ISVSVN)
        return FIELD_IN(off, sgx_key_request_t, isv_svn) || FIELD_IN(off, sgx_key_request_t, config_svn);
    return 0;
}

/* Opens the (possibly changed) blob and checks the outcome. */
static void open_and_check(const trip_t *r, const sgx_sealed_data_t *blob, int changed, uint32_t off,
                           const uint8_t *aad, const uint8_t *txt)
{
    int unmac = r->mac_only != (r->cross != 0);
    uint32_t t = r->mac_only ? 0 : r->txt_len;
    outputs_t o;
    outputs_make(&o, t - (r->txt_short && t), !r->txt_outside, r->aad_len - (r->aad_short && r->aad_len),
                 !r->aad_outside, 1);
    sgx_status_t st = open_blob(blob, unmac, &o);
    if (changed && !refusal_ok(st, r->mutation == MUT_TRUNCATE, off))
        broken("a changed blob was not refused as such");
    if (!changed && st != open_expected(r))
        broken("an unchanged blob did not open as expected");
    if (st == SGX_SUCCESS) {
        check_opened(&o, unmac, t, r->aad_len);
        if (memcmp(o.aad, aad, r->aad_len) != 0 || (t && memcmp(o.txt, txt, t) != 0))
            broken("the round trip changed the data");
    } else {
        check_untouched(&o);
    }
    outputs_free(&o);
}

/* Applies the mutation to a copy of the blob: returns the copy, an enclave buffer of its new
 * length (in *len), and the mutation's offset in *off. */
static sgx_sealed_data_t *mutate(const trip_t *r, const sgx_sealed_data_t *blob, uint32_t *len, uint32_t *off)
{
    uint32_t n = *len;
    *off = r->offset % n;
    if (r->mutation == MUT_TRUNCATE)
        n = *off;
    sgx_sealed_data_t *copy = fuzz_tp_alloc(n, 1);
    memcpy(copy, blob, n);
    if (r->mutation == MUT_XOR)
        ((uint8_t *)copy)[*off] ^= r->xor_value;
    *len = n;
    return copy;
}

static void run_trip(const uint8_t *data, size_t size)
{
    trip_t r;
    if (!parse_trip(data, size, &r))
        return;
    fuzz_tp_reset(0, r.kss);
    uint8_t *aad = fuzz_tp_alloc(r.aad_len, !r.aad_outside), *txt = fuzz_tp_alloc(r.txt_len, 1);
    memcpy(aad, data + 8, r.aad_len);
    memcpy(txt, data + 8 + r.aad_len, r.txt_len);
    uint32_t blob_size = sgx_calc_sealed_data_size(r.aad_len, r.mac_only ? 0 : r.txt_len);
    sgx_sealed_data_t *blob = fuzz_tp_alloc(blob_size, 1);
    sgx_status_t st = seal(&r, aad, txt, blob, blob_size);
    if (st != seal_expected(&r))
        broken("sealing did not give the expected status");
    if (st == SGX_SUCCESS) {
        check_sealed(&r, blob, blob_size);
        uint32_t len = blob_size, off;
        sgx_sealed_data_t *copy = mutate(&r, blob, &len, &off);
        int changed = r.mutation == MUT_TRUNCATE || (r.mutation == MUT_XOR && r.xor_value &&
                                                     !change_ignored(&r, blob, off, r.xor_value));
        open_and_check(&r, copy, changed, off, aad, txt);
        fuzz_tp_free(copy);
    }
    fuzz_tp_free(blob);
    fuzz_tp_free(txt);
    fuzz_tp_free(aad);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    if (data[0] & 1)
        run_trip(data, size);
    else
        run_blob(data, size);
    return 0;
}
