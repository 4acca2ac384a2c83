/* edl_preprocess.h — runs the C preprocessor over an EDL file, as Intel's sgx_edger8r does
 * (`gcc -x c -E -P`), so that #define, #if and #include work in EDL. We run it without -P: the
 * line markers it then writes let the lexer keep real line numbers. The program is started with
 * fork/exec (no shell); when none is found the caller uses the raw text, as Intel's does.
 * Used by edl_load. */
#ifndef VSGX_EDGER8R_EDL_PREPROCESS_H
#define VSGX_EDGER8R_EDL_PREPROCESS_H

#include <stddef.h>

typedef enum {
    EDL_PP_OK,          /* *out holds the preprocessed text */
    EDL_PP_NOT_FOUND,   /* no preprocessor on PATH: use the raw text (Intel warns "preprocessor is not found") */
    EDL_PP_FAILED,      /* it ran and failed; err holds the message */
} edl_pp_status_t;

/* Preprocesses `path` with the first of `programs` that is found (a name is looked up on PATH;
 * NULL means {"gcc", "cpp"}), run as `<program> -x c -E <path>`. On EDL_PP_OK, *out is a
 * NUL-terminated malloc'd buffer of *len bytes (at most 64 MiB; the run may last 120 s).
 * `err` receives a message on failure ("Preprocessor failed: <its first error line>"). */
edl_pp_status_t edl_preprocess(const char *path, const char *const *programs, char **out, size_t *len,
                               char *err, size_t errcap);

#endif
