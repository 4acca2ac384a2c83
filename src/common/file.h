/* file.h — reading whole files for the host tools and libraries, with a size ceiling so a
 * hostile path (a device, a huge file) cannot exhaust memory. Host code only. */
#ifndef VSGX_FILE_H
#define VSGX_FILE_H

#include <stddef.h>
#include <stdint.h>

/* Reads the file into a new buffer (NUL-terminated beyond *len, for text). Returns 0, or an
 * errno value (EFBIG when the file is larger than max). Free with free(). */
int vsgx_read_file(const char *path, size_t max, uint8_t **out, size_t *len);

#endif
