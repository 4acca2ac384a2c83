/* timefmt.h — UTC times as Intel's collateral writes them (ISO-8601, "2025-07-19T10:01:17Z"),
 * converted to and from seconds since the epoch without touching the process's time zone. */
#ifndef VSGX_TIMEFMT_H
#define VSGX_TIMEFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Parses "YYYY-MM-DDTHH:MM:SSZ" (optionally with fractional seconds, or a "+00:00" offset)
 * or a plain decimal number of seconds. Rejects out-of-range fields. */
bool vsgx_time_parse(const char *text, size_t len, int64_t *out);
/* Formats as "YYYY-MM-DDTHH:MM:SSZ"; out needs 21 bytes. */
void vsgx_time_format(int64_t t, char out[21]);
/* Days-from-civil conversion used by both directions (proleptic Gregorian, UTC). */
int64_t vsgx_time_from_fields(int y, int mon, int d, int h, int min, int s);

#endif
