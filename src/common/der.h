/* der.h — a strict DER reader (X.690 distinguished encoding) over a cursor: one TLV at a time,
 * definite minimal lengths only, and the few value types certificates and CRLs use. Host code. */
#ifndef VSGX_DER_H
#define VSGX_DER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cursor.h"

enum {
    DER_BOOLEAN = 0x01, DER_INTEGER = 0x02, DER_BIT_STRING = 0x03, DER_OCTET_STRING = 0x04,
    DER_NULL = 0x05, DER_OID = 0x06, DER_ENUMERATED = 0x0A, DER_UTF8_STRING = 0x0C,
    DER_PRINTABLE_STRING = 0x13, DER_IA5_STRING = 0x16, DER_UTC_TIME = 0x17,
    DER_GENERALIZED_TIME = 0x18, DER_SEQUENCE = 0x30, DER_SET = 0x31,
    DER_CONTEXT_0 = 0xA0, DER_CONTEXT_1 = 0xA1, DER_CONTEXT_3 = 0xA3
};

typedef struct {
    uint8_t tag;
    const uint8_t *tlv;     /* the whole element, tag to end */
    size_t tlv_len;
    const uint8_t *v;       /* the value */
    size_t len;
} vsgx_der_t;

/* Reads the next element. */
bool vsgx_der_next(vsgx_cursor_t *c, vsgx_der_t *out);
/* Reads the next element and requires its tag. */
bool vsgx_der_expect(vsgx_cursor_t *c, uint8_t tag, vsgx_der_t *out);
/* True when the next element has this tag (nothing is consumed). */
bool vsgx_der_peek(const vsgx_cursor_t *c, uint8_t tag);
/* A cursor over an element's value. */
vsgx_cursor_t vsgx_der_inner(const vsgx_der_t *d);
/* The element is an OID with exactly these content bytes. */
bool vsgx_der_oid_is(const vsgx_der_t *d, const uint8_t *oid, size_t len);
/* UTCTime (YYMMDDHHMMSSZ, years 1950-2049) or GeneralizedTime (YYYYMMDDHHMMSSZ) to epoch. */
bool vsgx_der_time(const vsgx_der_t *d, int64_t *out);
/* A BIT STRING with no unused bits: its bytes. */
bool vsgx_der_bits(const vsgx_der_t *d, const uint8_t **p, size_t *len);
/* A non-negative INTEGER that fits in 64 bits. */
bool vsgx_der_uint(const vsgx_der_t *d, uint64_t *out);

#endif
