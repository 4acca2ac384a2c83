/* cursor.h — a bounds-checked reader over untrusted bytes.
 * Every parser of quotes, DER and other binary input reads through a cursor: a pointer, the
 * bytes left, and the offset from the start of the whole buffer (for error messages). A read
 * that would pass the end fails and leaves the cursor where it was. Host and enclave code. */
#ifndef VSGX_CURSOR_H
#define VSGX_CURSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    const uint8_t *p;   /* next byte to read */
    size_t left;        /* bytes remaining */
    size_t offset;      /* offset of p from the start of the outermost buffer */
} vsgx_cursor_t;

static inline vsgx_cursor_t vsgx_cursor(const void *data, size_t len)
{
    vsgx_cursor_t c = { (const uint8_t *)data, len, 0 };
    return c;
}

/* Takes n bytes: *out points at them. */
bool vsgx_cursor_take(vsgx_cursor_t *c, size_t n, const uint8_t **out);
/* Copies n bytes into out. */
bool vsgx_cursor_copy(vsgx_cursor_t *c, void *out, size_t n);
bool vsgx_cursor_skip(vsgx_cursor_t *c, size_t n);
bool vsgx_cursor_u8(vsgx_cursor_t *c, uint8_t *v);
bool vsgx_cursor_u16le(vsgx_cursor_t *c, uint16_t *v);
bool vsgx_cursor_u32le(vsgx_cursor_t *c, uint32_t *v);
bool vsgx_cursor_u64le(vsgx_cursor_t *c, uint64_t *v);
/* Splits off the next n bytes as a sub-cursor (offsets stay absolute). */
bool vsgx_cursor_sub(vsgx_cursor_t *c, size_t n, vsgx_cursor_t *sub);

#endif
