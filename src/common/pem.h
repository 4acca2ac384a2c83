/* pem.h — PEM armour: finds each "-----BEGIN <label>-----" block in a text and decodes its
 * base64 strictly. Host code. */
#ifndef VSGX_PEM_H
#define VSGX_PEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char *p;
    size_t left;
} vsgx_pem_reader_t;

/* Decodes the next block with this label (e.g. "CERTIFICATE") into a new buffer (free()).
 * Returns 1 for a block, 0 at the end (only whitespace and NULs left), -1 on malformed input. */
int vsgx_pem_next(vsgx_pem_reader_t *r, const char *label, uint8_t **der, size_t *len);

#endif
