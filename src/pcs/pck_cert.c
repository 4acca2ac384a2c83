/* pck_cert.c — PCK certificates from the simulated PCS: the SGX extension in DER and the
 * certificate around the PCE's PCK public key (see pck_cert.h). */
#include "pck_cert.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* ---- a small DER writer: contents first, then the header inserted before them ---- */

typedef struct {
    uint8_t *b;
    size_t n, cap;
    bool overflow;
} der_w_t;

static void raw(der_w_t *w, const void *p, size_t len)
{
    if (w->overflow || w->n + len > w->cap) {
        w->overflow = true;
        return;
    }
    memcpy(w->b + w->n, p, len);
    w->n += len;
}

/* Makes everything written since mark the value of a TLV with this tag. */
static void wrap(der_w_t *w, uint8_t tag, size_t mark)
{
    if (w->overflow)
        return;
    size_t len = w->n - mark;
    uint8_t h[4] = { tag };
    size_t hl = 2;
    if (len < 0x80) {
        h[1] = (uint8_t)len;
    } else if (len < 0x100) {
        h[1] = 0x81, h[2] = (uint8_t)len, hl = 3;
    } else {
        h[1] = 0x82, h[2] = (uint8_t)(len >> 8), h[3] = (uint8_t)len, hl = 4;
    }
    if (w->n + hl > w->cap) {
        w->overflow = true;
        return;
    }
    memmove(w->b + mark + hl, w->b + mark, len);
    memcpy(w->b + mark, h, hl);
    w->n += hl;
}

static void tlv(der_w_t *w, uint8_t tag, const void *v, size_t len)
{
    size_t mark = w->n;
    raw(w, v, len);
    wrap(w, tag, mark);
}

/* A minimal non-negative INTEGER or ENUMERATED. */
static void uint_tlv(der_w_t *w, uint8_t tag, unsigned v)
{
    uint8_t d[5], n = 0;
    bool started = false;
    for (int shift = 24; shift >= 0; shift -= 8) {
        uint8_t byte = (uint8_t)(v >> shift);
        if (!started && byte == 0 && shift > 0)
            continue;
        if (!started && (byte & 0x80))
            d[n++] = 0;
        started = true;
        d[n++] = byte;
    }
    tlv(w, tag, d, n);
}

/* Opens SEQUENCE { OID 1.2.840.113741.1.13.1[.sub].arc, ... }: returns the mark to wrap. */
static size_t entry(der_w_t *w, unsigned sub, unsigned arc)
{
    static const uint8_t prefix[] = { 0x2A, 0x86, 0x48, 0x86, 0xF8, 0x4D, 0x01, 0x0D, 0x01 };
    uint8_t oid[sizeof prefix + 2];
    size_t n = sizeof prefix;
    memcpy(oid, prefix, n);
    if (sub)
        oid[n++] = (uint8_t)sub;
    oid[n++] = (uint8_t)arc;
    size_t mark = w->n;
    tlv(w, 0x06, oid, n);
    return mark;
}

static void entry_octets(der_w_t *w, unsigned sub, unsigned arc, const uint8_t *d, size_t len)
{
    size_t mark = entry(w, sub, arc);
    tlv(w, 0x04, d, len);
    wrap(w, 0x30, mark);
}

static void entry_uint(der_w_t *w, unsigned sub, unsigned arc, uint8_t tag, unsigned v)
{
    size_t mark = entry(w, sub, arc);
    uint_tlv(w, tag, v);
    wrap(w, 0x30, mark);
}

static void entry_bool(der_w_t *w, unsigned arc, pck_cert_flag_enum_t flag)
{
    if (flag == PCK_FLAG_UNDEFINED)
        return;
    size_t mark = entry(w, 7, arc);
    tlv(w, 0x01, flag == PCK_FLAG_TRUE ? "\xFF" : "\x00", 1);
    wrap(w, 0x30, mark);
}

bool vsgx_pcs_sgx_ext_der(const vsgx_pck_ext_t *e, uint8_t *out, size_t cap, size_t *len)
{
    der_w_t w = { out, 0, cap, false };
    entry_octets(&w, 0, 1, e->ppid, 16);
    size_t tcb = entry(&w, 0, 2), comps = w.n;
    for (unsigned i = 1; i <= 16; i++)
        entry_uint(&w, 2, i, 0x02, e->comp_svn[i - 1]);
    entry_uint(&w, 2, 17, 0x02, e->pcesvn);
    entry_octets(&w, 2, 18, e->cpusvn, 16);
    wrap(&w, 0x30, comps);
    wrap(&w, 0x30, tcb);
    entry_octets(&w, 0, 3, e->pce_id, 2);
    entry_octets(&w, 0, 4, e->fmspc, 6);
    entry_uint(&w, 0, 5, 0x0A, e->sgx_type);
    if (e->has_platform_instance_id)
        entry_octets(&w, 0, 6, e->platform_instance_id, 16);
    if (e->has_configuration) {
        size_t cfg = entry(&w, 0, 7), flags = w.n;
        entry_bool(&w, 1, e->dynamic_platform);
        entry_bool(&w, 2, e->cached_keys);
        entry_bool(&w, 3, e->smt_enabled);
        wrap(&w, 0x30, flags);
        wrap(&w, 0x30, cfg);
    }
    wrap(&w, 0x30, 0);
    *len = w.n;
    return !w.overflow;
}

void vsgx_pcs_pck_ext(const vsgx_platform_params_t *params, const uint8_t ppid[16], const vsgx_tcbm_t *tcbm,
                      bool platform_ca, vsgx_pck_ext_t *out)
{
    memset(out, 0, sizeof *out);
    memcpy(out->ppid, ppid, 16);
    memcpy(out->comp_svn, tcbm->cpusvn.svn, 16);
    out->pcesvn = tcbm->pce_svn;
    memcpy(out->cpusvn, tcbm->cpusvn.svn, 16);
    out->pce_id[0] = (uint8_t)params->pce_id;
    out->pce_id[1] = (uint8_t)(params->pce_id >> 8);
    memcpy(out->fmspc, params->fmspc, 6);
    out->sgx_type = (uint8_t)params->sgx_type;
    out->dynamic_platform = out->cached_keys = out->smt_enabled = PCK_FLAG_UNDEFINED;
    if (platform_ca) {
        out->has_platform_instance_id = true;
        memcpy(out->platform_instance_id, params->platform_instance_id, 16);
        out->has_configuration = true;
        out->dynamic_platform = VSGX_PCS_DYNAMIC_PLATFORM;
        out->cached_keys = VSGX_PCS_CACHED_KEYS;
        out->smt_enabled = VSGX_PCS_SMT_ENABLED;
    }
}

/* ---- the certificate ---- */

/* The earlier of t and the CA's notAfter. */
static int64_t clamp_to_ca(int64_t t, X509 *ca)
{
    struct tm tm;
    if (!ASN1_TIME_to_tm(X509_get0_notAfter(ca), &tm))
        return t;
    int64_t ca_end = (int64_t)timegm(&tm);
    return ca_end < t ? ca_end : t;
}

vsgx_pcs_result_t vsgx_pcs_pck_issue(const vsgx_pcs_ca_t *ca, vsgx_pcs_ca_role_t ca_role,
                                     const vsgx_platform_params_t *params, const uint8_t rpk[16],
                                     const vsgx_pce_identity_t *pce, const vsgx_tcbm_t *tcbm, int64_t now,
                                     X509 **out, char *err, size_t err_len)
{
    *out = NULL;
    if (ca_role != VSGX_PCS_PROCESSOR_CA && ca_role != VSGX_PCS_PLATFORM_CA)
        return vsgx_pcs_fail(VSGX_PCS_INVALID, err, err_len, "PCK certificates come from the Processor or Platform CA");
    bool platform = ca_role == VSGX_PCS_PLATFORM_CA;
    uint8_t ppid[16], der[1024];
    size_t der_len;
    vsgx_pck_ext_t ext;
    vsgx_pck_keypair_t pck;
    if (vsgx_pcs_ppid(rpk, pce, ppid) != SGX_SUCCESS)
        return vsgx_pcs_fail(VSGX_PCS_CRYPTO, err, err_len, "deriving the PPID failed");
    vsgx_pcs_pck_ext(params, ppid, tcbm, platform, &ext);
    if (!vsgx_pcs_sgx_ext_der(&ext, der, sizeof der, &der_len))
        return vsgx_pcs_fail(VSGX_PCS_CRYPTO, err, err_len, "encoding the SGX extension failed");
    if (vsgx_pcs_pck(rpk, pce, tcbm, &pck) != SGX_SUCCESS)
        return vsgx_pcs_fail(VSGX_PCS_CRYPTO, err, err_len, "deriving the PCK failed");
    if (!now)
        now = (int64_t)time(NULL);
    X509 *issuer = ca->cert[ca_role];
    *out = vsgx_pcs_make_cert("Intel SGX PCK Certificate", pck.pkey, issuer, ca->key[ca_role], now,
                              clamp_to_ca(now + 7 * VSGX_PCS_YEAR, issuer), 0, -1,
                              platform ? VSGX_PCS_CRL_BASE "/pckcrl?ca=platform&encoding=der"
                                       : VSGX_PCS_CRL_BASE "/pckcrl?ca=processor&encoding=der",
                              der, der_len);
    vsgx_pck_clear(&pck);
    return *out ? VSGX_PCS_OK : vsgx_pcs_fail(VSGX_PCS_CRYPTO, err, err_len, "signing the PCK certificate failed");
}
