/* der.c — the strict DER reader (see der.h). */
#include "der.h"

#include <string.h>

#include "timefmt.h"

bool vsgx_der_next(vsgx_cursor_t *c, vsgx_der_t *out)
{
    vsgx_cursor_t save = *c;
    uint8_t tag, b;
    if (!vsgx_cursor_u8(c, &tag) || (tag & 0x1F) == 0x1F || !vsgx_cursor_u8(c, &b))
        goto fail; /* high tag numbers never occur in what we parse */
    size_t len = b;
    if (b & 0x80) {
        int n = b & 0x7F;
        if (n == 0 || n > 4)
            goto fail;
        len = 0;
        for (int i = 0; i < n; i++) {
            if (!vsgx_cursor_u8(c, &b) || (i == 0 && b == 0))
                goto fail; /* leading zero: not minimal */
            len = len << 8 | b;
        }
        if (len < 0x80)
            goto fail;
    }
    out->tag = tag;
    out->tlv = save.p;
    if (!vsgx_cursor_take(c, len, &out->v))
        goto fail;
    out->len = len;
    out->tlv_len = (size_t)(out->v + len - save.p);
    return true;
fail:
    *c = save;
    return false;
}

bool vsgx_der_expect(vsgx_cursor_t *c, uint8_t tag, vsgx_der_t *out)
{
    vsgx_cursor_t save = *c;
    if (vsgx_der_next(c, out) && out->tag == tag)
        return true;
    *c = save;
    return false;
}

bool vsgx_der_peek(const vsgx_cursor_t *c, uint8_t tag)
{
    return c->left > 0 && c->p[0] == tag;
}

vsgx_cursor_t vsgx_der_inner(const vsgx_der_t *d)
{
    vsgx_cursor_t c = { d->v, d->len, 0 };
    return c;
}

bool vsgx_der_oid_is(const vsgx_der_t *d, const uint8_t *oid, size_t len)
{
    return d->tag == DER_OID && d->len == len && memcmp(d->v, oid, len) == 0;
}

static bool two(const uint8_t *p, int *v)
{
    if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
        return false;
    *v = (p[0] - '0') * 10 + (p[1] - '0');
    return true;
}

bool vsgx_der_time(const vsgx_der_t *d, int64_t *out)
{
    int y, yy, mo, da, h, mi, s;
    const uint8_t *p = d->v;
    if (d->tag == DER_UTC_TIME && d->len == 13 && p[12] == 'Z') {
        if (!two(p, &yy))
            return false;
        y = yy < 50 ? 2000 + yy : 1900 + yy;
        p += 2;
    } else if (d->tag == DER_GENERALIZED_TIME && d->len == 15 && p[14] == 'Z') {
        int c, r;
        if (!two(p, &c) || !two(p + 2, &r))
            return false;
        y = c * 100 + r;
        p += 4;
    } else {
        return false;
    }
    if (!two(p, &mo) || !two(p + 2, &da) || !two(p + 4, &h) || !two(p + 6, &mi) || !two(p + 8, &s))
        return false;
    static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (mo < 1 || mo > 12 || da < 1 || da > mdays[mo - 1] || h > 23 || mi > 59 || s > 59)
        return false;
    if (mo == 2 && da == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return false;
    *out = vsgx_time_from_fields(y, mo, da, h, mi, s);
    return true;
}

bool vsgx_der_bits(const vsgx_der_t *d, const uint8_t **p, size_t *len)
{
    if (d->tag != DER_BIT_STRING || d->len < 1 || d->v[0] != 0)
        return false;
    *p = d->v + 1;
    *len = d->len - 1;
    return true;
}

bool vsgx_der_uint(const vsgx_der_t *d, uint64_t *out)
{
    if (d->tag != DER_INTEGER || d->len == 0 || (d->v[0] & 0x80))
        return false;
    if (d->len > 1 && d->v[0] == 0 && !(d->v[1] & 0x80))
        return false;
    size_t n = d->len, i = 0;
    if (n > 9 || (n == 9 && d->v[0] != 0))
        return false;
    uint64_t v = 0;
    for (; i < n; i++)
        v = v << 8 | d->v[i];
    *out = v;
    return true;
}
