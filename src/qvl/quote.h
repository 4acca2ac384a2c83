/* quote.h — parsing an ECDSA quote (v3; v4 and v5 with an SGX or TD body) into a view over
 * its bytes: every field located, every length checked, nothing copied. Parsing does no
 * cryptography; the verifier and `vsgx quote dump` both start here. */
#ifndef VSGX_QVL_QUOTE_H
#define VSGX_QVL_QUOTE_H

#include <stddef.h>
#include <stdint.h>

#include "sgx_quote_3.h"
#include "vsgx/qvl.h"

#define VSGX_TEE_SGX 0x00000000u
#define VSGX_TEE_TDX 0x00000081u

typedef enum { VSGX_BODY_SGX = 1, VSGX_BODY_TD10 = 2, VSGX_BODY_TD15 = 3 } vsgx_body_type_t;

/* A located field: its bytes and their offset in the quote. */
typedef struct {
    const uint8_t *p;
    size_t len;
    size_t offset;
} vsgx_span_t;

typedef struct {
    const uint8_t *raw;
    size_t len;
    uint16_t version;
    uint16_t att_key_type;
    uint32_t tee_type;          /* v3: att_key_data_0 (must be 0) */
    uint16_t qe_svn, pce_svn;   /* v3 header fields; v4/v5 keep them in the QE report */
    vsgx_span_t header;         /* 48 bytes */
    vsgx_body_type_t body_type;
    vsgx_span_t body;           /* 384 (SGX), 584 (TD 1.0) or 648 (TD 1.5) bytes */
    size_t signed_len;          /* [0, signed_len) is covered by the quote signature */
    uint32_t sig_data_len;
    vsgx_span_t quote_sig;      /* 64: r || s */
    vsgx_span_t attest_key;     /* 64: X || Y */
    uint16_t outer_cert_type;   /* v4/v5: 6 (QE report certification data); v3: = cert_type */
    vsgx_span_t qe_report;      /* 384 */
    vsgx_span_t qe_report_sig;  /* 64 */
    vsgx_span_t auth_data;
    uint16_t cert_type;         /* 1..5 */
    size_t cert_type_offset;
    vsgx_span_t cert_data;
} vsgx_quote_t;

/* Parses quote[0..len). Rejects (with the field and offset in *why) a wrong version, key
 * type, TEE type, vendor, body type or size, certification data type, and any length that
 * does not add up exactly. */
quote3_error_t vsgx_quote_parse(const uint8_t *quote, size_t len, vsgx_quote_t *q, vsgx_qvl_failure_t *why);

/* The report body of an SGX quote (body_type SGX). */
const sgx_report_body_t *vsgx_quote_sgx_body(const vsgx_quote_t *q, sgx_report_body_t *copy);

#endif
