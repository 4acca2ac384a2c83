/* edl_lexer.c — the EDL tokenizer (see edl_lexer.h). */
#include "edl_lexer.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void edl_lexer_init(edl_lexer_t *lx, const char *text, size_t len, const char *file, bool markers)
{
    memset(lx, 0, sizeof *lx);
    lx->p = text;
    lx->end = text + len;
    lx->line = 1;
    lx->column = 1;
    lx->file = file;
    lx->main_file = file;
    lx->markers = markers;
    lx->at_line_start = true;
}

static bool lex_error(edl_lexer_t *lx, edl_diag_t *diag, int line, int col, const char *fmt, ...)
{
    memset(diag, 0, sizeof *diag);
    diag->error = true;
    diag->pos.file = lx->file;
    diag->pos.line = line;
    diag->pos.column = col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(diag->message, sizeof diag->message, fmt, ap);
    va_end(ap);
    return false;
}

static void advance(edl_lexer_t *lx)
{
    if (*lx->p == '\n') {
        lx->line++;
        lx->column = 1;
        lx->at_line_start = true;
    } else {
        lx->column++;
    }
    lx->p++;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_ident_start(char c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* A line marker `# N "file" flags` or `#line N "file"`, at the start of a line: sets the next
 * line's number (and file). Any other directive line (#pragma, #ident) is skipped. */
static bool line_marker(edl_lexer_t *lx, edl_diag_t *diag)
{
    const char *q = lx->p + 1;
    while (q < lx->end && (*q == ' ' || *q == '\t'))
        q++;
    if (lx->end - q >= 4 && memcmp(q, "line", 4) == 0)
        q += 4;
    while (q < lx->end && (*q == ' ' || *q == '\t'))
        q++;
    long n = -1;
    if (q < lx->end && is_digit(*q)) {
        n = 0;
        while (q < lx->end && is_digit(*q)) {
            if (n < 100000000)
                n = n * 10 + (*q - '0');
            q++;
        }
        while (q < lx->end && (*q == ' ' || *q == '\t'))
            q++;
        if (q < lx->end && *q == '"') {
            const char *s = ++q;
            while (q < lx->end && *q != '"' && *q != '\n')
                q++;
            size_t len = (size_t)(q - s);
            const char *name = NULL;
            if (lx->cpp_name && strlen(lx->cpp_name) == len && memcmp(lx->cpp_name, s, len) == 0)
                name = lx->main_file;
            else if (len > 0 && s[0] == '<')
                name = lx->main_file;      /* <built-in>, <command-line>: no text comes from them */
            else if (lx->intern)
                name = lx->intern(lx->intern_ctx, s, len);
            if (!name)
                name = lx->main_file;   /* unnamed, too long or too many names: keep the input's */
            lx->file = name;
        }
    } else if (!(lx->end - q >= 6 && memcmp(q, "pragma", 6) == 0) && !(lx->end - q >= 5 && memcmp(q, "ident", 5) == 0)) {
        return lex_error(lx, diag, lx->line, lx->column, "Invalid token: #");
    }
    while (lx->p < lx->end && *lx->p != '\n')
        lx->p++;
    if (lx->p < lx->end)
        lx->p++;
    if (n >= 0)
        lx->line = n > 0x3fffffff ? 0x3fffffff : (int)n;
    else
        lx->line++;
    lx->column = 1;
    lx->at_line_start = true;
    return true;
}

bool edl_lex_next(edl_lexer_t *lx, edl_token_t *tok, edl_diag_t *diag)
{
    for (;;) {
        if (lx->p >= lx->end) {
            memset(tok, 0, sizeof *tok);
            tok->kind = EDL_TOK_EOF;
            tok->pos = (edl_pos_t){lx->file, lx->line, lx->column};
            tok->text = lx->end;
            return true;
        }
        char c = *lx->p;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            advance(lx);
            continue;
        }
        if (c == '\n') {
            advance(lx);
            continue;
        }
        if (c == '#' && lx->markers && lx->at_line_start) {
            if (!line_marker(lx, diag))
                return false;
            continue;
        }
        if (c == '/' && lx->end - lx->p >= 2 && lx->p[1] == '/') {
            while (lx->p < lx->end && *lx->p != '\n')
                advance(lx);
            continue;
        }
        if (c == '/' && lx->end - lx->p >= 2 && lx->p[1] == '*') {
            int line = lx->line, col = lx->column;
            advance(lx);
            advance(lx);
            for (;;) {
                if (lx->p >= lx->end)
                    return lex_error(lx, diag, line, col, "unterminated comment");
                if (*lx->p == '*' && lx->end - lx->p >= 2 && lx->p[1] == '/') {
                    advance(lx);
                    advance(lx);
                    break;
                }
                advance(lx);
            }
            continue;
        }
        break;
    }
    lx->at_line_start = false;
    memset(tok, 0, sizeof *tok);
    tok->pos = (edl_pos_t){lx->file, lx->line, lx->column};
    tok->text = lx->p;
    char c = *lx->p;
    if (is_ident_start(c)) {
        tok->kind = EDL_TOK_IDENT;
        while (lx->p < lx->end && (is_ident_start(*lx->p) || is_digit(*lx->p)))
            advance(lx);
        tok->len = (size_t)(lx->p - tok->text);
        return true;
    }
    if (is_digit(c)) {
        tok->kind = EDL_TOK_NUMBER;
        uint64_t v = 0;
        bool big = false;
        while (lx->p < lx->end && is_digit(*lx->p)) {
            if (v > (EDL_NUMBER_MAX - (uint64_t)(*lx->p - '0')) / 10)
                big = true;
            else
                v = v * 10 + (uint64_t)(*lx->p - '0');
            advance(lx);
        }
        tok->len = (size_t)(lx->p - tok->text);
        if (big)
            return lex_error(lx, diag, tok->pos.line, tok->pos.column, "number too large: %.*s",
                             (int)(tok->len > 40 ? 40 : tok->len), tok->text);
        tok->number = v;
        return true;
    }
    if (c == '"') {
        advance(lx);
        tok->kind = EDL_TOK_STRING;
        tok->text = lx->p;
        while (lx->p < lx->end && *lx->p != '"') {
            if (*lx->p == '\n' || *lx->p == '\0')
                return lex_error(lx, diag, tok->pos.line, tok->pos.column, "unterminated string");
            advance(lx);
        }
        if (lx->p >= lx->end)
            return lex_error(lx, diag, tok->pos.line, tok->pos.column, "unterminated string");
        tok->len = (size_t)(lx->p - tok->text);
        advance(lx);
        return true;
    }
    if (strchr("{}()[]*.,;=", c) && c != '\0') {
        tok->kind = EDL_TOK_PUNCT;
        tok->punct = c;
        tok->len = 1;
        advance(lx);
        return true;
    }
    if ((unsigned char)c >= 0x20 && (unsigned char)c < 0x7f)
        return lex_error(lx, diag, tok->pos.line, tok->pos.column, "Invalid token: %c", c);
    return lex_error(lx, diag, tok->pos.line, tok->pos.column, "Invalid token: \\x%02x", (unsigned)(unsigned char)c);
}
