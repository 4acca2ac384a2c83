/* json_span.h — raw JSON access for the signed collateral parsers (tcb_info.c,
 * enclave_identity.c); host code, QVL-internal.
 *
 * 1. A small strict scanner over raw JSON text that finds where the members of an object lie in
 *    the input, byte for byte. Intel signs the exact served bytes of the "tcbInfo" /
 *    "enclaveIdentity" value, so the parsers locate that span here and then parse only the span
 *    with jansson. The scanner validates the grammar strictly (strings with escapes and UTF-8,
 *    numbers, literals, nesting up to VSGX_JSON_MAX_DEPTH) and never allocates.
 * 2. The response-body split ({"<inner>":{...},"signature":"<hex>"}) built on it.
 * 3. Typed field readers over jansson values that fill vsgx_json_error_t with a JSON path. */
#ifndef VSGX_QVL_JSON_SPAN_H
#define VSGX_QVL_JSON_SPAN_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "collateral_json.h"

#define VSGX_JSON_MAX_DEPTH 128

/* Bytes [start, start + len) of the scanned text. */
typedef struct {
    size_t start;
    size_t len;
} vsgx_json_span_t;

/* Iterates the top-level members of an object that must be the whole text (whitespace may
 * surround it; nothing else may). */
typedef struct {
    const char *text;
    size_t len;
    size_t pos;
    int state;               /* internal */
    size_t error_offset;     /* where the text went wrong, when next() returned -1 */
    const char *error;       /* what was wrong (static text), when next() returned -1 */
} vsgx_json_members_t;

/* Starts iterating text[0..len). Never fails by itself; errors surface from next(). */
void vsgx_json_members_begin(vsgx_json_members_t *it, const char *text, size_t len);
/* Returns 1 with the next member: key = the raw text between the key's quotes (escapes not
 * decoded), value = the exact bytes of its value. Returns 0 after the closing brace once the
 * rest of the text has been checked to be whitespace; -1 when the text is malformed (it then
 * keeps returning -1). */
int vsgx_json_members_next(vsgx_json_members_t *it, vsgx_json_span_t *key, vsgx_json_span_t *value);

/* True when a raw key (as returned by next(), already validated) decodes to name. */
bool vsgx_json_key_equals(const char *raw, size_t len, const char *name);

typedef enum {
    VSGX_JSON_SPAN_FOUND,
    VSGX_JSON_SPAN_NOT_FOUND,
    VSGX_JSON_SPAN_DUPLICATE,   /* the key occurs more than once at the top level */
    VSGX_JSON_SPAN_MALFORMED,   /* the text is not one well-formed JSON object */
} vsgx_json_span_result_t;

/* Finds the top-level member `key` of the object text[0..len) and returns the exact span of its
 * value. The whole text is validated. On MALFORMED, *error_offset (if not NULL) is the offset
 * of the first bad byte. */
vsgx_json_span_result_t vsgx_json_member_span(const char *text, size_t len, const char *key,
                                              vsgx_json_span_t *value, size_t *error_offset);

/* ---- 2. Response bodies ------------------------------------------------------------------ */

/* Splits a PCS response body (len bytes, one trailing NUL tolerated) that must be an object with
 * exactly the members inner_key (an object) and "signature" (128 hex digits). *inner is the exact
 * span of the inner value within body; sig receives r || s. Returns 0, or -1 with *err filled. */
int vsgx_json_signed_body(const char *body, size_t len, const char *inner_key,
                          vsgx_json_span_t *inner, uint8_t sig[64], vsgx_json_error_t *err);
/* Decodes a signature given as exactly 128 hex digits. */
int vsgx_json_signature_hex(const char *hex, size_t len, uint8_t sig[64], vsgx_json_error_t *err);
/* Parses text[0..len) (the signed span, which starts at byte `base` of the caller's input) as a
 * JSON object, rejecting duplicate keys. Returns a new reference, or NULL with *err filled
 * (path = root). */
json_t *vsgx_json_load_object(const char *text, size_t len, size_t base, const char *root,
                              vsgx_json_error_t *err);

/* ---- 3. Field readers ---------------------------------------------------------------------- */

/* The JSON path of the value being read, e.g. "tcbInfo.tcbLevels[3].tcb". Pushing returns a
 * mark to pop back to. Over-long paths are cut (never overflow). */
typedef struct {
    char buf[96];
    size_t len;
} vsgx_json_path_t;

void vsgx_json_path_init(vsgx_json_path_t *p, const char *root);
size_t vsgx_json_path_key(vsgx_json_path_t *p, const char *key);
size_t vsgx_json_path_index(vsgx_json_path_t *p, size_t index);
void vsgx_json_path_pop(vsgx_json_path_t *p, size_t mark);

/* Fills *err with path p (plus ".key" when key is not NULL) and a printf-style message.
 * Returns -1. */
int vsgx_json_fail(vsgx_json_error_t *err, const vsgx_json_path_t *p, const char *key,
                   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Each reader takes member `key` of object obj; on failure it fills *err (path p.key) and
 * returns -1. */

/* Member of the given type (JSON_OBJECT, JSON_ARRAY, JSON_STRING). *out is NULL when the
 * member is absent and not required. */
int vsgx_json_member(const json_t *obj, const char *key, json_type type, bool required,
                     const vsgx_json_path_t *p, const json_t **out, vsgx_json_error_t *err);
/* A non-negative integer no larger than max (reals, booleans and strings are rejected). */
int vsgx_json_uint(const json_t *obj, const char *key, uint64_t max, const vsgx_json_path_t *p,
                   uint64_t *out, vsgx_json_error_t *err);
/* A string. */
int vsgx_json_str(const json_t *obj, const char *key, const vsgx_json_path_t *p,
                  const char **out, size_t *len, vsgx_json_error_t *err);
/* A string of exactly 2*n hex digits, decoded into out[n]. */
int vsgx_json_hex(const json_t *obj, const char *key, uint8_t *out, size_t n,
                  const vsgx_json_path_t *p, vsgx_json_error_t *err);
/* An ISO-8601 UTC time "YYYY-MM-DDTHH:MM:SS[.fff]Z", as epoch seconds. */
int vsgx_json_time(const json_t *obj, const char *key, const vsgx_json_path_t *p,
                   int64_t *out, vsgx_json_error_t *err);
/* One of the seven collateral TCB statuses. */
int vsgx_json_tcb_status(const json_t *obj, const char *key, const vsgx_json_path_t *p,
                         vsgx_tcb_status_t *out, vsgx_json_error_t *err);
/* Optional "advisoryIDs": at most VSGX_MAX_ADVISORIES printable IDs, each shorter than
 * VSGX_ADVISORY_ID_MAX bytes. */
int vsgx_json_advisories(const json_t *obj, vsgx_json_path_t *p, vsgx_advisory_id_t *out,
                         size_t *count, vsgx_json_error_t *err);

#endif
