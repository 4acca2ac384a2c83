/* edl_gen_buf.h — a growable text buffer for the code generators: printf-style appends and a
 * sticky failure flag so that emitters need not check each call. Host code, edger8r only. */
#ifndef VSGX_EDGER8R_EDL_GEN_BUF_H
#define VSGX_EDGER8R_EDL_GEN_BUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char *data;
    size_t len, cap;
    bool failed;                /* an allocation failed: the text is incomplete */
} edl_buf_t;

void edl_buf_printf(edl_buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void edl_buf_puts(edl_buf_t *b, const char *s);
/* The text (caller frees), or NULL if an append failed; the buffer is reset either way. */
char *edl_buf_finish(edl_buf_t *b);
void edl_buf_free(edl_buf_t *b);

#endif
