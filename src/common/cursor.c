/* cursor.c — the bounds-checked reader (see cursor.h). */
#include "cursor.h"

#include <string.h>

bool vsgx_cursor_take(vsgx_cursor_t *c, size_t n, const uint8_t **out)
{
    if (n > c->left)
        return false;
    *out = c->p;
    c->p += n;
    c->left -= n;
    c->offset += n;
    return true;
}

bool vsgx_cursor_copy(vsgx_cursor_t *c, void *out, size_t n)
{
    const uint8_t *p;
    if (!vsgx_cursor_take(c, n, &p))
        return false;
    if (n)
        memcpy(out, p, n);
    return true;
}

bool vsgx_cursor_skip(vsgx_cursor_t *c, size_t n)
{
    const uint8_t *p;
    return vsgx_cursor_take(c, n, &p);
}

bool vsgx_cursor_u8(vsgx_cursor_t *c, uint8_t *v)
{
    return vsgx_cursor_copy(c, v, 1);
}

bool vsgx_cursor_u16le(vsgx_cursor_t *c, uint16_t *v)
{
    const uint8_t *p;
    if (!vsgx_cursor_take(c, 2, &p))
        return false;
    *v = (uint16_t)(p[0] | (p[1] << 8));
    return true;
}

bool vsgx_cursor_u32le(vsgx_cursor_t *c, uint32_t *v)
{
    const uint8_t *p;
    if (!vsgx_cursor_take(c, 4, &p))
        return false;
    *v = (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
    return true;
}

bool vsgx_cursor_u64le(vsgx_cursor_t *c, uint64_t *v)
{
    uint32_t lo, hi;
    if (!vsgx_cursor_u32le(c, &lo) || !vsgx_cursor_u32le(c, &hi))
        return false;
    *v = (uint64_t)hi << 32 | lo;
    return true;
}

bool vsgx_cursor_sub(vsgx_cursor_t *c, size_t n, vsgx_cursor_t *sub)
{
    size_t start = c->offset;
    const uint8_t *p;
    if (!vsgx_cursor_take(c, n, &p))
        return false;
    sub->p = p;
    sub->left = n;
    sub->offset = start;
    return true;
}
