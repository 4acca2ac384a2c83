/* edl_lexer.h — the EDL tokenizer: identifiers (keywords are identifiers the parser reserves),
 * decimal numbers, "strings" (no escapes, no newline), punctuation, comments, each token with
 * its file, line and column. Used by the EDL parser only.
 *
 * Positions: Intel runs `gcc -E -P` (no line markers), which loses line numbers. We run the
 * preprocessor without -P and, when `markers` is set, read its line markers (`# 12 "file" 1`)
 * so that diagnostics name the right file and line. Columns are those of the preprocessed text
 * (exact for lines without macros or comments). Without markers a '#' is an invalid token, as
 * in Intel's lexer on un-preprocessed text. */
#ifndef VSGX_EDGER8R_EDL_LEXER_H
#define VSGX_EDGER8R_EDL_LEXER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "edl_ast.h"

typedef enum { EDL_TOK_EOF, EDL_TOK_IDENT, EDL_TOK_NUMBER, EDL_TOK_STRING, EDL_TOK_PUNCT } edl_tok_kind_t;

typedef struct {
    edl_tok_kind_t kind;
    const char *text;           /* into the input; a STRING's text excludes the quotes */
    size_t len;
    uint64_t number;            /* NUMBER */
    char punct;                 /* PUNCT: one of { } ( ) [ ] * . , ; = */
    edl_pos_t pos;
} edl_token_t;

/* Returns a stable copy of a file name (owned elsewhere), or NULL when out of memory. */
typedef const char *(*edl_intern_fn)(void *ctx, const char *name, size_t len);

typedef struct {
    const char *p, *end;
    int line, column;
    const char *file;           /* current file for positions */
    const char *main_file;      /* display name of the input */
    const char *cpp_name;       /* the path the preprocessor was given (markers naming it map to main_file) */
    bool markers;
    bool at_line_start;
    edl_intern_fn intern;
    void *intern_ctx;
} edl_lexer_t;

void edl_lexer_init(edl_lexer_t *lx, const char *text, size_t len, const char *file, bool markers);

/* The next token; false with *diag filled on a lexical error. */
bool edl_lex_next(edl_lexer_t *lx, edl_token_t *tok, edl_diag_t *diag);

/* The largest number Intel's edger8r reads (OCaml's max_int on 64-bit). */
#define EDL_NUMBER_MAX 4611686018427387903ull

#endif
