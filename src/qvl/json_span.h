/* json_span.h — raw JSON access for the signed collateral parsers (tcb_info.c,
 * enclave_identity.c); host code, QVL-internal. No tree is built: values are read in place.
 *
 * 1. A small strict scanner over raw JSON text that finds where the members of an object lie in
 *    the input, byte for byte. Intel signs the exact served bytes of the "tcbInfo" /
 *    "enclaveIdentity" value, so the parsers locate that span here. The scanner validates the
 *    grammar strictly (strings with escapes and UTF-8, numbers, literals, nesting up to
 *    VSGX_JSON_MAX_DEPTH) and never allocates.
 * 2. The response-body split ({"<inner>":{...},"signature":"<hex>"}) built on it.
 * 3. The checked document: one pass over the signed span that accepts exactly what jansson
 *    (JSON_REJECT_DUPLICATES) accepts -- except a raw NUL byte right after a number or literal,
 *    which jansson 2.14 silently drops and this refuses -- and records where every container
 *    ends (json_doc.c),
 *    then navigation (the members a parser reads, the elements of an array) that skips values
 *    without rescanning them (json_span.c).
 * 4. Typed field readers over the document that fill vsgx_json_error_t with a JSON path
 *    (json_fields.c). */
#ifndef VSGX_QVL_JSON_SPAN_H
#define VSGX_QVL_JSON_SPAN_H

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
/* next() in two steps, for a caller that reads some values itself: key() returns as next() does
 * but stops at the start of the value (it->pos); then value() scans it as next() would, or
 * skip() moves past it when the caller has checked it and found that it ends at `end`. */
int vsgx_json_members_key(vsgx_json_members_t *it, vsgx_json_span_t *key);
int vsgx_json_members_value(vsgx_json_members_t *it, vsgx_json_span_t *value);
void vsgx_json_members_skip(vsgx_json_members_t *it, size_t end);

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

typedef struct vsgx_json_doc vsgx_json_doc_t;

/* Splits a PCS response body (len bytes, one trailing NUL tolerated) that must be an object with
 * exactly the members inner_key (an object) and "signature" (128 hex digits). *inner is the exact
 * span of the inner value within body; sig receives r || s. When doc is not NULL the inner value
 * is also checked into *doc in the same pass, as vsgx_json_doc_load would check it (root =
 * inner_key, base = the span's offset): what jansson refuses in it is reported after every
 * other fault of the body. Returns 0, or -1 with *err filled; free *doc in both cases. */
int vsgx_json_signed_body(const char *body, size_t len, const char *inner_key,
                          vsgx_json_span_t *inner, vsgx_json_doc_t *doc, uint8_t sig[64],
                          vsgx_json_error_t *err);
/* Decodes a signature given as exactly 128 hex digits. */
int vsgx_json_signature_hex(const char *hex, size_t len, uint8_t sig[64], vsgx_json_error_t *err);

/* ---- 3. Checked documents ---------------------------------------------------------------- */

/* An object or an array of a checked document. */
typedef struct {
    size_t start, len;            /* its bytes */
    size_t next;                  /* the index of the first container after them */
} vsgx_json_node_t;

/* A value of a checked document: its bytes (relative to the text; len 0 when it is absent) and,
 * for an object or an array, its index among the containers. */
typedef struct {
    size_t start, len;
    size_t node;
} vsgx_json_value_t;

/* A JSON text checked as jansson would parse it with JSON_REJECT_DUPLICATES (no duplicate key
 * in any object, no \u0000 in any string, integers within long long, reals within double,
 * values nested at most 2048 deep), with the extent of every container in text order. Not to
 * be copied: index may point into it. */
struct vsgx_json_doc {
    const char *text;
    size_t len;
    size_t base;                  /* where text starts in the caller's input (for messages) */
    vsgx_json_value_t root;       /* the top-level object */
    vsgx_json_node_t *index;      /* the containers, in the order they open */
    size_t count, cap;
    vsgx_json_node_t inline_index[320];
};

/* Checks text[0..len), the signed span that starts at byte `base` of the caller's input, which
 * must be one object (whitespace around it allowed). Returns 0, or -1 with *err filled (path =
 * root). Free with vsgx_json_doc_free in both cases. */
int vsgx_json_doc_load(vsgx_json_doc_t *d, const char *text, size_t len, size_t base,
                       const char *root, vsgx_json_error_t *err);
void vsgx_json_doc_free(vsgx_json_doc_t *d);
/* Checks the object that starts at text[0] (an inner value of a response body, at byte `base`
 * of it) and ends within text[0..avail), nesting at most VSGX_JSON_MAX_DEPTH deep as the span
 * scanner requires. Returns 0 with the document ending with the object; -1 when the text is
 * malformed, with *error_offset (relative to text) and *error as vsgx_json_members_t has them;
 * -2 with *err filled when the text is well-formed as far as it was read but has what jansson
 * refuses (the text after that point is unchecked). Free d in every case. */
int vsgx_json_doc_prefix(vsgx_json_doc_t *d, const char *text, size_t avail, size_t base,
                         const char *root, vsgx_json_error_t *err, size_t *error_offset,
                         const char **error);

typedef enum {
    VSGX_JSON_ABSENT,             /* len 0: a member that is not there */
    VSGX_JSON_OBJECT,
    VSGX_JSON_ARRAY,
    VSGX_JSON_STRING,
    VSGX_JSON_INTEGER,
    VSGX_JSON_REAL,
    VSGX_JSON_BOOLEAN,
    VSGX_JSON_NULL,
} vsgx_json_kind_t;

/* The kind of value v of a checked document. */
vsgx_json_kind_t vsgx_json_kind(const vsgx_json_doc_t *d, vsgx_json_value_t v);
/* One walk over the members of object obj: vals[i] is the value of member keys[i] (keys
 * compared after decoding escapes), or an absent value (len 0) when there is none. Other
 * members are skipped. */
void vsgx_json_fields(const vsgx_json_doc_t *d, vsgx_json_value_t obj, const char *const *keys,
                      size_t n, vsgx_json_value_t *vals);
/* The elements of array arr: returns their number and stores the first min(number, max) of
 * them in out. */
size_t vsgx_json_elements(const vsgx_json_doc_t *d, vsgx_json_value_t arr, vsgx_json_value_t *out,
                          size_t max);
/* Decodes the raw content of a checked string (between its quotes) into out[cap]: returns the
 * decoded length, of which the first min(length, cap) bytes are stored. */
size_t vsgx_json_decode(const char *raw, size_t len, char *out, size_t cap);

/* ---- 4. Field readers -------------------------------------------------------------------- */

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

/* The readers take the value v of member `key` of a checked document (len 0 when the member
 * is absent; key NULL when v is an array element named by p alone); on failure they
 * fill *err (path p.key) and return -1. */

/* A value of the given kind (an object, an array or a string); an absent member is an error
 * only when required. */
int vsgx_json_expect(const vsgx_json_doc_t *d, vsgx_json_value_t v, const char *key,
                     vsgx_json_kind_t kind, bool required, const vsgx_json_path_t *p,
                     vsgx_json_error_t *err);
/* A non-negative integer no larger than max (reals, booleans and strings are rejected). */
int vsgx_json_uint(const vsgx_json_doc_t *d, vsgx_json_value_t v, const char *key, uint64_t max,
                   const vsgx_json_path_t *p, uint64_t *out, vsgx_json_error_t *err);

/* A decoded string: s points into the document when it has no escapes, else into buf. len is
 * the whole decoded length; only min(len, sizeof buf) bytes are there when it was decoded. */
typedef struct {
    const char *s;
    size_t len;
    char buf[72];
} vsgx_json_str_t;

/* A string. */
int vsgx_json_str(const vsgx_json_doc_t *d, vsgx_json_value_t v, const char *key,
                  const vsgx_json_path_t *p, vsgx_json_str_t *out, vsgx_json_error_t *err);
/* A string of exactly 2*n hex digits (n <= 32), decoded into out[n]. */
int vsgx_json_hex(const vsgx_json_doc_t *d, vsgx_json_value_t v, const char *key, uint8_t *out,
                  size_t n, const vsgx_json_path_t *p, vsgx_json_error_t *err);
/* An ISO-8601 UTC time "YYYY-MM-DDTHH:MM:SS[.fff]Z", as epoch seconds. */
int vsgx_json_time(const vsgx_json_doc_t *d, vsgx_json_value_t v, const char *key,
                   const vsgx_json_path_t *p, int64_t *out, vsgx_json_error_t *err);
/* One of the seven collateral TCB statuses. */
int vsgx_json_tcb_status(const vsgx_json_doc_t *d, vsgx_json_value_t v, const char *key,
                         const vsgx_json_path_t *p, vsgx_tcb_status_t *out, vsgx_json_error_t *err);
/* The optional "advisoryIDs" (v, absent or not): at most VSGX_MAX_ADVISORIES printable IDs,
 * each shorter than VSGX_ADVISORY_ID_MAX bytes. */
int vsgx_json_advisories(const vsgx_json_doc_t *d, vsgx_json_value_t v, vsgx_json_path_t *p,
                         vsgx_advisory_id_t *out, size_t *count, vsgx_json_error_t *err);

#endif
