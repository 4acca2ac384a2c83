/* pck_ext.c — the PCK certificate's SGX extension (see pck_ext.h). The extension is
 * SEQUENCE OF SEQUENCE { OID, value }, with the TCB entry itself a SEQUENCE of 18 such pairs. */
#include "pck_ext.h"

#include <stdio.h>
#include <string.h>

#include "cursor.h"

/* 1.2.840.113741.1.13.1 as DER content bytes. */
static const uint8_t SGX_EXT_OID[] = { 0x2A, 0x86, 0x48, 0x86, 0xF8, 0x4D, 0x01, 0x0D, 0x01 };

enum { TAG_BOOLEAN = 0x01, TAG_INTEGER = 0x02, TAG_OCTET = 0x04, TAG_OID = 0x06,
       TAG_ENUM = 0x0A, TAG_SEQ = 0x30 };

typedef struct {
    uint8_t tag;
    const uint8_t *v;
    size_t len;
} der_t;

static bool der_next(vsgx_cursor_t *c, der_t *d)
{
    uint8_t b;
    if (!vsgx_cursor_u8(c, &d->tag) || !vsgx_cursor_u8(c, &b))
        return false;
    size_t len = b;
    if (b & 0x80) {
        int n = b & 0x7F;
        if (n == 0 || n > 3)
            return false;
        len = 0;
        for (int i = 0; i < n; i++) {
            if (!vsgx_cursor_u8(c, &b))
                return false;
            len = len << 8 | b;
        }
        if (len < 128)
            return false; /* non-minimal length: not DER */
    }
    d->len = len;
    return vsgx_cursor_take(c, len, &d->v);
}

/* Reads one SEQUENCE { OID, value } and returns the OID's last arc below the given prefix. */
static bool read_pair(vsgx_cursor_t *c, const uint8_t *prefix, size_t prefix_len, unsigned *arc, der_t *value)
{
    der_t seq, oid;
    if (!der_next(c, &seq) || seq.tag != TAG_SEQ)
        return false;
    vsgx_cursor_t in = vsgx_cursor(seq.v, seq.len);
    if (!der_next(&in, &oid) || oid.tag != TAG_OID || !der_next(&in, value) || in.left != 0)
        return false;
    if (oid.len != prefix_len + 1 || memcmp(oid.v, prefix, prefix_len) != 0 || oid.v[prefix_len] & 0x80)
        return false;
    *arc = oid.v[prefix_len];
    return true;
}

static bool der_uint(const der_t *d, uint8_t tag, unsigned max, unsigned *out)
{
    if (d->tag != tag || d->len == 0 || d->len > 3 || (d->v[0] & 0x80))
        return false;
    if (d->len > 1 && d->v[0] == 0 && !(d->v[1] & 0x80))
        return false; /* non-minimal */
    unsigned v = 0;
    for (size_t i = 0; i < d->len; i++)
        v = v << 8 | d->v[i];
    if (v > max)
        return false;
    *out = v;
    return true;
}

static bool der_octets(const der_t *d, uint8_t *out, size_t n)
{
    if (d->tag != TAG_OCTET || d->len != n)
        return false;
    memcpy(out, d->v, n);
    return true;
}

#define FAIL(...) do { snprintf(msg, msg_len, __VA_ARGS__); return false; } while (0)

static bool parse_tcb(const der_t *d, vsgx_pck_ext_t *out, char *msg, size_t msg_len)
{
    static const uint8_t TCB_PREFIX[] = { 0x2A, 0x86, 0x48, 0x86, 0xF8, 0x4D, 0x01, 0x0D, 0x01, 0x02 };
    uint32_t seen = 0;
    if (d->tag != TAG_SEQ)
        FAIL("TCB entry is not a SEQUENCE");
    vsgx_cursor_t c = vsgx_cursor(d->v, d->len);
    while (c.left) {
        unsigned arc, v;
        der_t val;
        if (!read_pair(&c, TCB_PREFIX, sizeof TCB_PREFIX, &arc, &val) || arc < 1 || arc > 18)
            FAIL("malformed TCB component entry");
        if (seen & (1u << arc))
            FAIL("TCB component %u appears twice", arc);
        seen |= 1u << arc;
        if (arc <= 16) {
            if (!der_uint(&val, TAG_INTEGER, 255, &v))
                FAIL("TCB component %u SVN is not an INTEGER 0..255", arc);
            out->comp_svn[arc - 1] = (uint8_t)v;
        } else if (arc == 17) {
            if (!der_uint(&val, TAG_INTEGER, 65535, &v))
                FAIL("PCESVN is not an INTEGER 0..65535");
            out->pcesvn = (uint16_t)v;
        } else if (!der_octets(&val, out->cpusvn, 16)) {
            FAIL("CPUSVN is not a 16-byte OCTET STRING");
        }
    }
    if (seen != 0x7FFFEu)
        FAIL("TCB has %d of its 18 entries", __builtin_popcount(seen));
    return true;
}

static bool parse_flag(const der_t *d, pck_cert_flag_enum_t *out)
{
    if (d->tag != TAG_BOOLEAN || d->len != 1 || (d->v[0] != 0 && d->v[0] != 0xFF))
        return false;
    *out = d->v[0] ? PCK_FLAG_TRUE : PCK_FLAG_FALSE;
    return true;
}

static bool parse_configuration(const der_t *d, vsgx_pck_ext_t *out, char *msg, size_t msg_len)
{
    static const uint8_t CFG_PREFIX[] = { 0x2A, 0x86, 0x48, 0x86, 0xF8, 0x4D, 0x01, 0x0D, 0x01, 0x07 };
    if (d->tag != TAG_SEQ)
        FAIL("Configuration entry is not a SEQUENCE");
    vsgx_cursor_t c = vsgx_cursor(d->v, d->len);
    uint32_t seen = 0;
    while (c.left) {
        unsigned arc;
        der_t val;
        if (!read_pair(&c, CFG_PREFIX, sizeof CFG_PREFIX, &arc, &val) || arc < 1 || arc > 3 ||
            (seen & (1u << arc)))
            FAIL("malformed Configuration entry");
        seen |= 1u << arc;
        pck_cert_flag_enum_t *flag = arc == 1 ? &out->dynamic_platform
                                   : arc == 2 ? &out->cached_keys : &out->smt_enabled;
        if (!parse_flag(&val, flag))
            FAIL("Configuration flag %u is not a BOOLEAN", arc);
    }
    return true;
}

bool vsgx_pck_ext_parse_der(const uint8_t *der, size_t len, vsgx_pck_ext_t *out, char *msg, size_t msg_len)
{
    memset(out, 0, sizeof *out);
    out->dynamic_platform = out->cached_keys = out->smt_enabled = PCK_FLAG_UNDEFINED;
    vsgx_cursor_t top = vsgx_cursor(der, len);
    der_t seq;
    if (!der_next(&top, &seq) || seq.tag != TAG_SEQ || top.left != 0)
        FAIL("SGX extension is not a single SEQUENCE");
    vsgx_cursor_t c = vsgx_cursor(seq.v, seq.len);
    uint32_t seen = 0;
    while (c.left) {
        unsigned arc, v;
        der_t val;
        if (!read_pair(&c, SGX_EXT_OID, sizeof SGX_EXT_OID, &arc, &val) || arc < 1 || arc > 7)
            FAIL("malformed or unknown SGX extension entry");
        if (seen & (1u << arc))
            FAIL("SGX extension entry %u appears twice", arc);
        seen |= 1u << arc;
        switch (arc) {
        case 1:
            if (!der_octets(&val, out->ppid, 16))
                FAIL("PPID is not a 16-byte OCTET STRING");
            break;
        case 2:
            if (!parse_tcb(&val, out, msg, msg_len))
                return false;
            break;
        case 3:
            if (!der_octets(&val, out->pce_id, 2))
                FAIL("PCE-ID is not a 2-byte OCTET STRING");
            break;
        case 4:
            if (!der_octets(&val, out->fmspc, 6))
                FAIL("FMSPC is not a 6-byte OCTET STRING");
            break;
        case 5:
            if (!der_uint(&val, TAG_ENUM, 2, &v))
                FAIL("SGX type is not ENUMERATED 0..2");
            out->sgx_type = (uint8_t)v;
            break;
        case 6:
            if (!der_octets(&val, out->platform_instance_id, 16))
                FAIL("PlatformInstanceID is not a 16-byte OCTET STRING");
            out->has_platform_instance_id = true;
            break;
        case 7:
            if (!parse_configuration(&val, out, msg, msg_len))
                return false;
            out->has_configuration = true;
            break;
        }
    }
    if ((seen & 0x3E) != 0x3E)
        FAIL("SGX extension lacks a required entry (PPID, TCB, PCE-ID, FMSPC and SGX type are required)");
    return true;
}

bool vsgx_pck_ext_from_cert(const vsgx_cert_t *cert, vsgx_pck_ext_t *out, char *msg, size_t msg_len)
{
    if (!cert->sgx_extension.p)
        FAIL("certificate has no SGX extension (1.2.840.113741.1.13.1)");
    return vsgx_pck_ext_parse_der(cert->sgx_extension.p, cert->sgx_extension.len, out, msg, msg_len);
}

const char *vsgx_sgx_type_name(uint8_t t)
{
    return t == 0 ? "Standard" : t == 1 ? "Scalable" : t == 2 ? "ScalableWithIntegrity" : "Unknown";
}
