/* quote.c — the quote parser (see quote.h). Every read goes through a cursor; the offsets in
 * failures are offsets in the quote. */
#include "quote.h"

#include <string.h>

#include "cursor.h"
#include "failure.h"

static const uint8_t INTEL_QE_VENDOR_ID[16] = { 0x93, 0x9A, 0x72, 0x33, 0xF7, 0x9C, 0x4C, 0xA9,
                                                0x94, 0x0A, 0x0D, 0xB3, 0x95, 0x7F, 0x06, 0x07 };

#define FORMAT SGX_QL_QUOTE_FORMAT_UNSUPPORTED

static quote3_error_t truncated(vsgx_qvl_failure_t *why, const char *field, const vsgx_cursor_t *c,
                                size_t need)
{
    return vsgx_fail(why, FORMAT, "quote.truncated", field, (int64_t)c->offset,
                     "quote truncated: %s needs %zu bytes at offset %zu, %zu remain", field, need,
                     c->offset, c->left);
}

static bool span(vsgx_cursor_t *c, size_t n, vsgx_span_t *s)
{
    s->offset = c->offset;
    s->len = n;
    return vsgx_cursor_take(c, n, &s->p);
}

#define TAKE(cur, n, dst, name)                                                                  \
    do {                                                                                         \
        if (!span((cur), (n), (dst)))                                                            \
            return truncated(why, (name), (cur), (n));                                           \
    } while (0)

static quote3_error_t parse_header(vsgx_cursor_t *c, vsgx_quote_t *q, vsgx_qvl_failure_t *why)
{
    vsgx_cursor_t h;
    TAKE(c, 48, &q->header, "header");
    h = (vsgx_cursor_t){ q->header.p, 48, 0 };
    uint32_t w2;
    vsgx_cursor_u16le(&h, &q->version);
    vsgx_cursor_u16le(&h, &q->att_key_type);
    vsgx_cursor_u32le(&h, &q->tee_type);
    if (q->version != 3 && q->version != 4 && q->version != 5)
        return vsgx_fail(why, FORMAT, "quote.header.version", "header.version", 0,
                         "unsupported quote version %u (3, 4 and 5 exist)", q->version);
    if (q->att_key_type != SGX_QL_ALG_ECDSA_P256)
        return vsgx_fail(why, FORMAT, "quote.header.att_key_type", "header.att_key_type", 2,
                         "unsupported attestation key type %u (2 = ECDSA-P256 is the only one)",
                         q->att_key_type);
    if (q->version == 3) {
        if (q->tee_type != 0)
            return vsgx_fail(why, FORMAT, "quote.header.att_key_data_0", "header.att_key_data_0", 4,
                             "v3 quote with non-zero att_key_data_0 0x%x (must be 0)", q->tee_type);
        vsgx_cursor_u16le(&h, &q->qe_svn);
        vsgx_cursor_u16le(&h, &q->pce_svn);
    } else {
        if (q->tee_type != VSGX_TEE_SGX && q->tee_type != VSGX_TEE_TDX)
            return vsgx_fail(why, FORMAT, "quote.header.tee_type", "header.tee_type", 4,
                             "unknown TEE type 0x%x (0 = SGX, 0x81 = TDX)", q->tee_type);
        vsgx_cursor_u32le(&h, &w2); /* reserved: QE SVN and PCE SVN in v4 are in the QE report */
        q->qe_svn = (uint16_t)w2;
        q->pce_svn = (uint16_t)(w2 >> 16);
    }
    if (memcmp(q->header.p + 12, INTEL_QE_VENDOR_ID, 16) != 0)
        return vsgx_fail(why, FORMAT, "quote.header.vendor_id", "header.vendor_id", 12,
                         "QE vendor ID is not Intel's 939A7233F79C4CA9940A0DB3957F0607");
    return SGX_QL_SUCCESS;
}

static quote3_error_t parse_body(vsgx_cursor_t *c, vsgx_quote_t *q, vsgx_qvl_failure_t *why)
{
    if (q->version == 5) {
        uint16_t type;
        uint32_t size;
        size_t at = c->offset;
        if (!vsgx_cursor_u16le(c, &type))
            return truncated(why, "body.type", c, 2);
        if (!vsgx_cursor_u32le(c, &size))
            return truncated(why, "body.size", c, 4);
        static const uint32_t sizes[4] = { 0, 384, 584, 648 };
        if (type < 1 || type > 3)
            return vsgx_fail(why, FORMAT, "quote.body.type", "body.type", (int64_t)at,
                             "unknown v5 body type %u (1 SGX, 2 TD 1.0, 3 TD 1.5)", type);
        if (size != sizes[type])
            return vsgx_fail(why, FORMAT, "quote.body.size", "body.size", (int64_t)at + 2,
                             "v5 body type %u must be %u bytes, quote says %u", type, sizes[type], size);
        if ((type == VSGX_BODY_SGX) != (q->tee_type == VSGX_TEE_SGX))
            return vsgx_fail(why, FORMAT, "quote.body.type", "body.type", (int64_t)at,
                             "v5 body type %u does not match TEE type 0x%x", type, q->tee_type);
        q->body_type = (vsgx_body_type_t)type;
    } else {
        q->body_type = q->tee_type == VSGX_TEE_TDX ? VSGX_BODY_TD10 : VSGX_BODY_SGX;
    }
    size_t n = q->body_type == VSGX_BODY_SGX ? 384 : q->body_type == VSGX_BODY_TD10 ? 584 : 648;
    TAKE(c, n, &q->body, "report body");
    q->signed_len = c->offset;
    return SGX_QL_SUCCESS;
}

static quote3_error_t check_cert_type(uint16_t type, size_t at, const char *field, vsgx_qvl_failure_t *why)
{
    if (type >= PPID_CLEARTEXT && type <= PCK_CERT_CHAIN)
        return SGX_QL_SUCCESS;
    return vsgx_fail(why, SGX_QL_QUOTE_CERTIFICATION_DATA_UNSUPPORTED, "quote.cert_type", field,
                     (int64_t)at, "certification data type %u is not supported here (1-5 are)", type);
}

/* QE report, its signature, authentication data and the certification data that follows. */
static quote3_error_t parse_qe_part(vsgx_cursor_t *c, vsgx_quote_t *q, vsgx_qvl_failure_t *why)
{
    uint16_t auth_len;
    uint32_t cert_len;
    TAKE(c, 384, &q->qe_report, "QE report");
    TAKE(c, 64, &q->qe_report_sig, "QE report signature");
    if (!vsgx_cursor_u16le(c, &auth_len))
        return truncated(why, "QE authentication data size", c, 2);
    TAKE(c, auth_len, &q->auth_data, "QE authentication data");
    q->cert_type_offset = c->offset;
    if (!vsgx_cursor_u16le(c, &q->cert_type))
        return truncated(why, "certification data type", c, 2);
    quote3_error_t rc = check_cert_type(q->cert_type, q->cert_type_offset, "cert_data.type", why);
    if (rc)
        return rc;
    if (!vsgx_cursor_u32le(c, &cert_len))
        return truncated(why, "certification data size", c, 4);
    TAKE(c, cert_len, &q->cert_data, "certification data");
    return SGX_QL_SUCCESS;
}

quote3_error_t vsgx_quote_parse(const uint8_t *quote, size_t len, vsgx_quote_t *q, vsgx_qvl_failure_t *why)
{
    memset(q, 0, sizeof *q);
    q->raw = quote;
    q->len = len;
    vsgx_cursor_t c = vsgx_cursor(quote, len);
    quote3_error_t rc = parse_header(&c, q, why);
    if (!rc)
        rc = parse_body(&c, q, why);
    if (rc)
        return rc;

    size_t len_at = c.offset;
    if (!vsgx_cursor_u32le(&c, &q->sig_data_len))
        return truncated(why, "signature data length", &c, 4);
    if (q->sig_data_len != c.left)
        return vsgx_fail(why, FORMAT, "quote.signature_data_len", "signature_data_len", (int64_t)len_at,
                         "signature_data_len says %u bytes but %zu follow", q->sig_data_len, c.left);
    TAKE(&c, 64, &q->quote_sig, "quote signature");
    TAKE(&c, 64, &q->attest_key, "attestation key");

    if (q->version == 3) {
        rc = parse_qe_part(&c, q, why);
        q->outer_cert_type = q->cert_type;
    } else {
        /* v4/v5: certification data type 6 wraps the QE report and the inner certification data. */
        uint32_t outer_len;
        size_t at = c.offset;
        if (!vsgx_cursor_u16le(&c, &q->outer_cert_type))
            return truncated(why, "certification data type", &c, 2);
        if (q->outer_cert_type != ECDSA_SIG_AUX_DATA)
            return vsgx_fail(why, SGX_QL_QUOTE_CERTIFICATION_DATA_UNSUPPORTED, "quote.cert_type",
                             "cert_data.type", (int64_t)at,
                             "v%u quote certification data type %u (must be 6, QE report data)",
                             q->version, q->outer_cert_type);
        if (!vsgx_cursor_u32le(&c, &outer_len))
            return truncated(why, "certification data size", &c, 4);
        if (outer_len != c.left)
            return vsgx_fail(why, FORMAT, "quote.cert_data.size", "cert_data.size", (int64_t)at + 2,
                             "certification data size says %u bytes but %zu follow", outer_len, c.left);
        rc = parse_qe_part(&c, q, why);
    }
    if (rc)
        return rc;
    if (c.left != 0)
        return vsgx_fail(why, FORMAT, "quote.trailing", "cert_data", (int64_t)c.offset,
                         "%zu bytes after the certification data", c.left);
    return SGX_QL_SUCCESS;
}

const sgx_report_body_t *vsgx_quote_sgx_body(const vsgx_quote_t *q, sgx_report_body_t *copy)
{
    memcpy(copy, q->body.p, sizeof *copy);
    return copy;
}
