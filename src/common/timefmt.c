/* timefmt.c — ISO-8601 UTC times to and from epoch seconds (see timefmt.h). */
#include "timefmt.h"

#include <stdint.h>
#include <stdio.h>

int64_t vsgx_time_from_fields(int y, int mon, int d, int h, int min, int s)
{
    /* Howard Hinnant's days_from_civil. */
    int64_t yy = y - (mon <= 2);
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;
    int64_t doy = (153 * (mon + (mon > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    int64_t days = era * 146097 + doe - 719468;
    return days * 86400 + h * 3600 + min * 60 + s;
}

static bool digits(const char *p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return false;
        v = v * 10 + (p[i] - '0');
    }
    *out = v;
    return true;
}

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool vsgx_time_parse(const char *text, size_t len, int64_t *out)
{
    static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int y, mo, d, h, mi, s;

    if (len > 0 && len <= 19) { /* plain epoch seconds */
        int64_t v = 0;
        for (size_t i = 0; i < len; i++) {
            if (text[i] < '0' || text[i] > '9')
                goto iso;
            int digit = text[i] - '0';
            if (v > (INT64_MAX - digit) / 10)
                return false; /* beyond int64_t */
            v = v * 10 + digit;
        }
        *out = v;
        return true;
    }
iso:
    if (len < 20 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != ' ') ||
        text[13] != ':' || text[16] != ':')
        return false;
    if (!digits(text, 4, &y) || !digits(text + 5, 2, &mo) || !digits(text + 8, 2, &d) ||
        !digits(text + 11, 2, &h) || !digits(text + 14, 2, &mi) || !digits(text + 17, 2, &s))
        return false;
    if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 60)
        return false;
    if (d > mdays[mo - 1] + (mo == 2 && leap(y)))
        return false;
    size_t i = 19;
    if (i < len && text[i] == '.') {
        i++;
        size_t start = i;
        while (i < len && text[i] >= '0' && text[i] <= '9')
            i++;
        if (i == start)
            return false;
    }
    if (len - i == 1 && text[i] == 'Z')
        ; /* UTC */
    else if (len - i == 6 && (text[i] == '+' || text[i] == '-') && text[i + 1] == '0' &&
             text[i + 2] == '0' && text[i + 3] == ':' && text[i + 4] == '0' && text[i + 5] == '0')
        ; /* an explicit zero offset */
    else
        return false;
    *out = vsgx_time_from_fields(y, mo, d, h, mi, s);
    return true;
}

void vsgx_time_format(int64_t t, char out[21])
{
    int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    int64_t secs = t - days * 86400;
    /* Hinnant's civil_from_days. */
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp + (mp < 10 ? 3 : -9);
    y += (m <= 2);
    unsigned yy = (unsigned)(y < 0 ? 0 : y > 9999 ? 9999 : y);
    unsigned hh = (unsigned)(secs / 3600) % 24u, mi = (unsigned)(secs / 60 % 60) % 60u, ss = (unsigned)(secs % 60) % 60u;
    snprintf(out, 21, "%04u-%02u-%02uT%02u:%02u:%02uZ", yy % 10000u, (unsigned)m % 100u, (unsigned)d % 100u, hh, mi, ss);
}
