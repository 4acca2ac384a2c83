/* sigstruct_build.c — making SIGSTRUCTs (see sigstruct_build.h). */
#include "sigstruct_build.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/rsa.h>

#include "sgx_attributes.h"

#define FLAGS_MASK_DEFAULT 0xFF00FFFFFFFFFFFDULL  /* all but DEBUG and bits 48-55 */
#define XFRM_LEGACY 0x3ULL
#define XFRM_AVX 0x6ULL
#define XFRM_AVX512 0xE6ULL
#define XFRM_PKRU 0x200ULL
#define XFRM_AMX 0x60000ULL
#define XFRM_RESERVED_MASK (~0x602E7ULL)          /* bits that must stay as given (clear) */
#define SSA_GPR_SIZE 184u

static const uint8_t HEADER[12] = { 0x06, 0, 0, 0, 0xE1, 0, 0, 0, 0, 0, 0x01, 0 };
static const uint8_t HEADER2[16] = { 0x01, 0x01, 0, 0, 0x60, 0, 0, 0, 0x60, 0, 0, 0, 0x01, 0, 0, 0 };

static uint32_t bcd(unsigned v, int digits)
{
    uint32_t out = 0;
    for (int i = 0; i < digits; i++, v /= 10)
        out |= (uint32_t)(v % 10) << (4 * i);
    return out;
}

uint32_t vsgx_sigstruct_date_now(void)
{
    time_t t = time(NULL);
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        errno = 0;
        unsigned long long v = strtoull(sde, &end, 10);
        if (!*end && !errno && v <= 253402300799ULL)       /* up to 9999-12-31 */
            t = (time_t)v;
    }
    struct tm tm;
    if (!gmtime_r(&t, &tm))
        return 0;
    return bcd((unsigned)tm.tm_year + 1900, 4) << 16 | bcd((unsigned)tm.tm_mon + 1, 2) << 8 |
           bcd((unsigned)tm.tm_mday, 2);
}

bool vsgx_sigstruct_date_valid(uint32_t d)
{
    for (int i = 0; i < 8; i++)
        if (((d >> (4 * i)) & 0xF) > 9)
            return false;
    unsigned month = (d >> 12 & 0xF) * 10 + (d >> 8 & 0xF), day = (d >> 4 & 0xF) * 10 + (d & 0xF);
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

void vsgx_sigstruct_from_config(const vsgx_enclave_config_t *c, uint32_t date, vsgx_sigstruct_t *s)
{
    memset(s, 0, sizeof *s);
    memcpy(s->header, HEADER, sizeof HEADER);
    memcpy(s->header2, HEADER2, sizeof HEADER2);
    s->type = c->release_type ? 1u << 31 : 0;
    s->vendor = c->intel_signed ? 0x8086 : 0;
    s->date = date;
    s->hw_version = c->hw;
    s->misc_select = c->misc_select & c->misc_mask;
    s->misc_mask = c->misc_mask;
    s->attributes.flags = SGX_FLAGS_MODE64BIT | (c->provision_key ? SGX_FLAGS_PROVISION_KEY : 0) |
                          (c->launch_key ? SGX_FLAGS_EINITTOKEN_KEY : 0) |
                          (c->enable_kss ? SGX_FLAGS_KSS : 0) | (c->enable_aex_notify ? SGX_FLAGS_AEX_NOTIFY : 0);
    s->attribute_mask.flags = FLAGS_MASK_DEFAULT | (c->disable_debug ? SGX_FLAGS_DEBUG : 0);
    s->attributes.xfrm = XFRM_LEGACY | (c->pkru == VSGX_CONFIG_FEATURE_ON ? XFRM_PKRU : 0) |
                         (c->amx == VSGX_CONFIG_FEATURE_ON ? XFRM_AMX : 0);
    s->attribute_mask.xfrm = XFRM_LEGACY | XFRM_RESERVED_MASK |
                             (c->pkru == VSGX_CONFIG_FEATURE_LOADER_SELECTS ? 0 : XFRM_PKRU) |
                             (c->amx == VSGX_CONFIG_FEATURE_LOADER_SELECTS ? 0 : XFRM_AMX);
    memcpy(s->isv_family_id, c->isv_family_id, 16);
    memcpy(s->isvext_prod_id, c->isvext_prod_id, 16);
    s->isv_prod_id = c->prod_id;
    s->isv_svn = c->isv_svn;
}

uint64_t vsgx_sigstruct_required_xfrm(const vsgx_sigstruct_t *s)
{
    return ~s->attribute_mask.xfrm | (s->attributes.xfrm & s->attribute_mask.xfrm);
}

uint32_t vsgx_xsave_size(uint64_t xfrm)
{
    if ((xfrm & XFRM_AMX) == XFRM_AMX)
        return 11008;
    if (xfrm & XFRM_PKRU)
        return 2752;
    if ((xfrm & XFRM_AVX512) == XFRM_AVX512)
        return 2688;
    if ((xfrm & XFRM_AVX) == XFRM_AVX)
        return 832;
    return 576;
}

uint32_t vsgx_ssa_frame_pages(uint64_t xfrm)
{
    return (vsgx_xsave_size(xfrm) + SSA_GPR_SIZE + 4095) / 4096;
}

void vsgx_sigstruct_signing_data(const vsgx_sigstruct_t *s, uint8_t out[VSGX_SIGNING_DATA_SIZE])
{
    memcpy(out, s, 128);
    memcpy(out + 128, (const uint8_t *)s + 900, 128);
}

static void reverse(uint8_t *dst, const uint8_t *src, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dst[i] = src[n - 1 - i];
}

/* q1 = floor(S^2 / N), q2 = floor(S * (S^2 mod N) / N), stored little-endian. */
static bool set_q1_q2(vsgx_sigstruct_t *s)
{
    BN_CTX *ctx = BN_CTX_new();
    BIGNUM *n = BN_lebin2bn(s->modulus, VSGX_RSA3072_BYTES, NULL);
    BIGNUM *sig = BN_lebin2bn(s->signature, VSGX_RSA3072_BYTES, NULL);
    BIGNUM *sq = BN_new(), *q = BN_new(), *r = BN_new();
    bool ok = ctx && n && sig && sq && q && r && BN_sqr(sq, sig, ctx) && BN_div(q, r, sq, n, ctx) &&
              BN_bn2lebinpad(q, s->q1, VSGX_RSA3072_BYTES) == VSGX_RSA3072_BYTES &&
              BN_mul(sq, sig, r, ctx) && BN_div(q, NULL, sq, n, ctx) &&
              BN_bn2lebinpad(q, s->q2, VSGX_RSA3072_BYTES) == VSGX_RSA3072_BYTES;
    BN_free(n);
    BN_free(sig);
    BN_free(sq);
    BN_free(q);
    BN_free(r);
    BN_CTX_free(ctx);
    return ok;
}

bool vsgx_sigstruct_sign(vsgx_sigstruct_t *s, EVP_PKEY *key, char *msg, size_t msg_len)
{
    uint8_t data[VSGX_SIGNING_DATA_SIZE], sig[VSGX_RSA3072_BYTES];
    size_t sig_len = sizeof sig;
    BIGNUM *n = NULL;
    vsgx_sigstruct_signing_data(s, data);
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = NULL;
    bool ok = md && EVP_DigestSignInit(md, &pctx, EVP_sha256(), NULL, key) == 1 &&
              EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) == 1 &&
              EVP_DigestSign(md, sig, &sig_len, data, sizeof data) == 1 && sig_len == sizeof sig &&
              EVP_PKEY_get_bn_param(key, "n", &n) &&
              BN_bn2lebinpad(n, s->modulus, VSGX_RSA3072_BYTES) == VSGX_RSA3072_BYTES;
    EVP_MD_CTX_free(md);
    BN_free(n);
    ERR_clear_error();
    if (!ok) {
        snprintf(msg, msg_len, "RSA signing failed (is the key a private RSA-3072 key?)");
        return false;
    }
    s->exponent = 3;
    reverse(s->signature, sig, sizeof sig);
    if (!set_q1_q2(s)) {
        snprintf(msg, msg_len, "computing q1 and q2 failed");
        return false;
    }
    return true;
}

bool vsgx_sigstruct_attach(vsgx_sigstruct_t *s, const uint8_t modulus[VSGX_RSA3072_BYTES],
                           const uint8_t signature_be[VSGX_RSA3072_BYTES], char *msg, size_t msg_len)
{
    vsgx_sigstruct_t t = *s;
    memcpy(t.modulus, modulus, VSGX_RSA3072_BYTES);
    t.exponent = 3;
    reverse(t.signature, signature_be, VSGX_RSA3072_BYTES);
    if (!set_q1_q2(&t)) {
        snprintf(msg, msg_len, "computing q1 and q2 failed");
        return false;
    }
    vsgx_sigstruct_status_t st = vsgx_sigstruct_verify((const uint8_t *)&t, sizeof t);
    if (st != VSGX_SIGSTRUCT_OK) {
        snprintf(msg, msg_len, "the signature does not verify with the given key: %s",
                 vsgx_sigstruct_status_text(st));
        return false;
    }
    *s = t;
    return true;
}
