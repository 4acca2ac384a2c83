/* edl_parser.c — recursive-descent parser for one EDL file (see edl_parser.h). The grammar has
 * no nesting beyond a fixed depth, so nothing here recurses on the input. */
#include "edl_parser.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edl_check.h"
#include "edl_frontend.h"
#include "edl_lexer.h"

typedef struct {
    edl_lexer_t lx;
    edl_token_t tok;
    edl_token_t ahead;
    bool has_ahead;
    edl_diag_t *diag;
    edl_enclave_t *e;
    bool check_decls;
} parser_t;

/* Intel's lexer keywords: never identifiers. */
static const char *const k_reserved[] = {
    "char", "short", "unsigned", "int", "float", "double", "int8_t", "int16_t", "int32_t", "int64_t",
    "uint8_t", "uint16_t", "uint32_t", "uint64_t", "size_t", "wchar_t", "long", "void", "struct",
    "union", "enum", "enclave", "trusted", "untrusted", "from", "import", "allow", "public",
    "transition_using_threads", "include", "propagate_errno", "const",
};

static bool tok_is(const edl_token_t *t, const char *word)
{
    return t->kind == EDL_TOK_IDENT && strlen(word) == t->len && memcmp(t->text, word, t->len) == 0;
}

static bool tok_punct(const edl_token_t *t, char c) { return t->kind == EDL_TOK_PUNCT && t->punct == c; }

static bool tok_reserved(const edl_token_t *t)
{
    for (size_t i = 0; i < sizeof k_reserved / sizeof *k_reserved; i++)
        if (tok_is(t, k_reserved[i]))
            return true;
    return false;
}

static bool tok_name(const edl_token_t *t) { return t->kind == EDL_TOK_IDENT && !tok_reserved(t); }

static bool fail_at(parser_t *P, edl_pos_t pos, const char *fmt, ...)
{
    memset(P->diag, 0, sizeof *P->diag);
    P->diag->error = true;
    P->diag->pos = pos;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(P->diag->message, sizeof P->diag->message, fmt, ap);
    va_end(ap);
    return false;
}

static bool unexpected(parser_t *P)
{
    const edl_token_t *t = &P->tok;
    int n = t->len > 64 ? 64 : (int)t->len;
    if (t->kind == EDL_TOK_STRING)
        return fail_at(P, t->pos, "unexpected token: \"%.*s\"", n, t->text);
    if (t->kind == EDL_TOK_EOF)
        return fail_at(P, t->pos, "unexpected end of file");
    return fail_at(P, t->pos, "unexpected token: %.*s", n, t->text);
}

static bool next(parser_t *P)
{
    if (P->has_ahead) {
        P->tok = P->ahead;
        P->has_ahead = false;
        return true;
    }
    return edl_lex_next(&P->lx, &P->tok, P->diag);
}

static bool peek(parser_t *P, edl_token_t **out)
{
    if (!P->has_ahead) {
        if (!edl_lex_next(&P->lx, &P->ahead, P->diag))
            return false;
        P->has_ahead = true;
    }
    *out = &P->ahead;
    return true;
}

static bool expect_punct(parser_t *P, char c)
{
    if (!tok_punct(&P->tok, c))
        return unexpected(P);
    return next(P);
}

static bool oom(parser_t *P) { return fail_at(P, P->tok.pos, "out of memory"); }

/* Room for one more element of an array of n, within the frontend's limits (far above what any
 * real EDL holds; they keep the checks fast on hostile input). */
static bool room(parser_t *P, void *arrp, size_t n, size_t elem, size_t max, const char *what)
{
    if (n >= max)
        return fail_at(P, P->tok.pos, "too many %s (more than %zu)", what, max);
    return edl_grow(arrp, n, elem) ? true : oom(P);
}

static char *tok_dup(const edl_token_t *t) { return strndup(t->text, t->len); }

/* Takes the current token as an identifier (not a keyword) into *out. */
static bool take_name(parser_t *P, char **out, edl_pos_t *pos)
{
    if (!tok_name(&P->tok))
        return unexpected(P);
    if (!(*out = tok_dup(&P->tok)))
        return oom(P);
    if (pos)
        *pos = P->tok.pos;
    return next(P);
}

static bool take_string(parser_t *P, char **out)
{
    if (P->tok.kind != EDL_TOK_STRING)
        return unexpected(P);
    if (!(*out = tok_dup(&P->tok)))
        return oom(P);
    return next(P);
}

/* ---- types ---- */

static bool set_builtin(parser_t *P, edl_type_t *t, edl_type_kind_t kind, const char *name)
{
    t->kind = kind;
    if (!(t->name = strdup(name)))
        return oom(P);
    return true;
}

/* The rest of an integer type after an optional `unsigned`: short [int], long [int], long long,
 * long double (signed only), int, or nothing (unsigned alone is unsigned int). */
static bool parse_integer(parser_t *P, edl_type_t *t, bool is_unsigned)
{
    const char *name = "int";
    if (tok_is(&P->tok, "short") || tok_is(&P->tok, "long")) {
        bool is_long = tok_is(&P->tok, "long");
        if (!next(P))
            return false;
        name = is_long ? "long" : "short";
        if (is_long && tok_is(&P->tok, "long"))     /* Intel's grammar has no "long long int" */
            return set_builtin(P, t, EDL_TYPE_BUILTIN, is_unsigned ? "unsigned long long" : "long long") &&
                   next(P);
        if (is_long && !is_unsigned && tok_is(&P->tok, "double")) {
            return set_builtin(P, t, EDL_TYPE_BUILTIN, "long double") && next(P);
        }
    }
    if (tok_is(&P->tok, "int") && !next(P))
        return false;
    char spelled[32];
    snprintf(spelled, sizeof spelled, "%s%s", is_unsigned ? "unsigned " : "", name);
    return set_builtin(P, t, EDL_TYPE_BUILTIN, spelled);
}

/* type_spec: a built-in type (normalised to its C spelling), struct/union/enum X, or a foreign
 * identifier. */
static bool parse_type_spec(parser_t *P, edl_type_t *t)
{
    static const char *const plain[] = {"char", "int", "float", "double", "int8_t", "int16_t", "int32_t",
                                        "int64_t", "uint8_t", "uint16_t", "uint32_t", "uint64_t", "size_t",
                                        "wchar_t"};
    for (size_t i = 0; i < sizeof plain / sizeof *plain; i++)
        if (tok_is(&P->tok, plain[i]))
            return set_builtin(P, t, EDL_TYPE_BUILTIN, plain[i]) && next(P);
    if (tok_is(&P->tok, "void"))
        return set_builtin(P, t, EDL_TYPE_VOID, "void") && next(P);
    bool is_unsigned = tok_is(&P->tok, "unsigned");
    if (is_unsigned) {
        if (!next(P))
            return false;
        if (tok_is(&P->tok, "char"))
            return set_builtin(P, t, EDL_TYPE_BUILTIN, "unsigned char") && next(P);
    }
    if (is_unsigned || tok_is(&P->tok, "short") || tok_is(&P->tok, "long"))
        return parse_integer(P, t, is_unsigned);
    edl_type_kind_t kind = EDL_TYPE_FOREIGN;
    if (tok_is(&P->tok, "struct"))
        kind = EDL_TYPE_STRUCT;
    else if (tok_is(&P->tok, "union"))
        kind = EDL_TYPE_UNION;
    else if (tok_is(&P->tok, "enum"))
        kind = EDL_TYPE_ENUM;
    if (kind != EDL_TYPE_FOREIGN && !next(P))
        return false;
    t->kind = kind;
    return take_name(P, &t->name, NULL);
}

static bool parse_pointers(parser_t *P, edl_type_t *t)
{
    while (tok_punct(&P->tok, '*')) {
        if (t->pointers >= 1024)
            return fail_at(P, P->tok.pos, "too many pointer levels");
        t->pointers++;
        if (!next(P))
            return false;
    }
    return true;
}

/* array_size: ('[' NUMBER ']')+ with Intel's errors for [] and [0]. */
static bool parse_dims(parser_t *P, uint64_t **dims, size_t *ndims)
{
    while (tok_punct(&P->tok, '[')) {
        edl_pos_t pos = P->tok.pos;
        if (!next(P))
            return false;
        if (tok_punct(&P->tok, ']'))
            return fail_at(P, pos, "Flexible array is not supported.");
        if (P->tok.kind != EDL_TOK_NUMBER)
            return unexpected(P);
        if (P->tok.number == 0)
            return fail_at(P, pos, "Zero-length array is not supported.");
        if (*ndims >= 64)
            return fail_at(P, pos, "too many array dimensions");
        if (!edl_grow(dims, *ndims, sizeof **dims))
            return oom(P);
        (*dims)[(*ndims)++] = P->tok.number;
        if (!next(P) || !expect_punct(P, ']'))
            return false;
    }
    return true;
}

/* ---- attributes ---- */

typedef struct {
    edl_token_t key;
    bool has_value;
    edl_token_t value;
} raw_attr_t;

/* '[' key[=value] {, key[=value]} ']' into a list; "no attribute specified." for []. */
static bool parse_attr_list(parser_t *P, raw_attr_t **list, size_t *n, edl_pos_t *pos)
{
    *pos = P->tok.pos;
    if (!next(P))
        return false;
    if (tok_punct(&P->tok, ']'))
        return fail_at(P, *pos, "no attribute specified.");
    for (;;) {
        if (!tok_name(&P->tok))
            return unexpected(P);
        if (!room(P, list, *n, sizeof **list, EDL_MAX_ATTRS, "attributes"))
            return false;
        raw_attr_t *a = &(*list)[(*n)++];
        memset(a, 0, sizeof *a);
        a->key = P->tok;
        if (!next(P))
            return false;
        if (tok_punct(&P->tok, '=')) {
            if (!next(P))
                return false;
            if (P->tok.kind != EDL_TOK_NUMBER && !tok_name(&P->tok))
                return unexpected(P);
            a->has_value = true;
            a->value = P->tok;
            if (!next(P))
                return false;
        }
        if (tok_punct(&P->tok, ']'))
            return next(P);
        if (!expect_punct(P, ','))
            return false;
    }
}

static bool set_size(parser_t *P, edl_size_t *s, const raw_attr_t *a, const char *what)
{
    if (s->kind != EDL_SIZE_NONE)
        return fail_at(P, a->key.pos, "duplicated attribute: `%s'", what);
    s->pos = a->key.pos;
    if (a->has_value && a->value.kind == EDL_TOK_NUMBER) {
        s->kind = EDL_SIZE_NUMBER;
        s->number = a->value.number;
        return true;
    }
    s->kind = EDL_SIZE_NAME;
    s->name = a->has_value ? tok_dup(&a->value) : strdup("");
    return s->name ? true : oom(P);
}

/* Intel folds the list from its last element to its first; errors follow that order. */
static bool apply_ptr_attrs(parser_t *P, const raw_attr_t *list, size_t n, edl_attrs_t *at)
{
    for (size_t i = n; i-- > 0;) {
        const raw_attr_t *a = &list[i];
        const edl_token_t *k = &a->key;
        if (tok_is(k, "size")) {
            if (!set_size(P, &at->size, a, "size"))
                return false;
        } else if (tok_is(k, "count")) {
            if (!set_size(P, &at->count, a, "count"))
                return false;
        } else if (tok_is(k, "sizefunc")) {
            return fail_at(P, k->pos, "The attribute 'sizefunc' is deprecated. Please use 'size' attribute instead.");
        } else if (tok_is(k, "string")) {
            at->string = true;
        } else if (tok_is(k, "wstring")) {
            at->wstring = true;
        } else if (tok_is(k, "isptr")) {
            at->isptr = true;
        } else if (tok_is(k, "isary")) {
            at->isary = true;
        } else if (tok_is(k, "readonly")) {
            at->readonly = true;
        } else if (tok_is(k, "user_check")) {
            at->user_check = true;
        } else if (tok_is(k, "in") || tok_is(k, "out")) {
            bool in = tok_is(k, "in");
            bool had = in ? at->in : at->out;
            if ((at->in && at->out) || had)
                return fail_at(P, k->pos, "duplicated attribute: `%s'", in ? "in" : "out");
            if (in)
                at->in = true;
            else
                at->out = true;
        } else {
            return fail_at(P, k->pos, "unknown attribute: %.*s", (int)(k->len > 64 ? 64 : k->len), k->text);
        }
    }
    return true;
}

static bool parse_ptr_attrs(parser_t *P, edl_attrs_t *at)
{
    raw_attr_t *list = NULL;
    size_t n = 0;
    bool ok = parse_attr_list(P, &list, &n, &at->pos) && apply_ptr_attrs(P, list, n, at);
    at->present = true;
    free(list);
    return ok;
}

static const char *conv_name(edl_callconv_t c)
{
    return c == EDL_CONV_CDECL ? "CDECL" : c == EDL_CONV_STDCALL ? "STDCALL" : c == EDL_CONV_FASTCALL ? "FASTCALL" : "NONE";
}

/* OCALL prefix attributes: one calling convention, dllimport. */
static bool parse_func_attrs(parser_t *P, edl_func_t *f)
{
    raw_attr_t *list = NULL;
    size_t n = 0;
    edl_pos_t pos;
    bool ok = parse_attr_list(P, &list, &n, &pos);
    for (size_t i = n; ok && i-- > 0;) {
        const edl_token_t *k = &list[i].key;
        edl_callconv_t c = tok_is(k, "cdecl") ? EDL_CONV_CDECL : tok_is(k, "stdcall") ? EDL_CONV_STDCALL
                         : tok_is(k, "fastcall") ? EDL_CONV_FASTCALL : EDL_CONV_NONE;
        if (c != EDL_CONV_NONE) {
            if (f->conv != EDL_CONV_NONE)
                ok = fail_at(P, k->pos, "unexpected `%.*s',  conflict with `%s'.", (int)k->len, k->text, conv_name(f->conv));
            f->conv = c;
        } else if (tok_is(k, "dllimport")) {
            if (f->dllimport)
                ok = fail_at(P, k->pos, "duplicated attribute: `dllimport'");
            f->dllimport = true;
        } else {
            ok = fail_at(P, k->pos, "invalid function attribute: %.*s", (int)(k->len > 64 ? 64 : k->len), k->text);
        }
    }
    free(list);
    return ok;
}

/* ---- declarations ---- */

/* A parameter: [attrs] type '*'* name dims, or [attrs] const type '*'+ name dims. */
static bool parse_param(parser_t *P, edl_param_t *p)
{
    if (tok_punct(&P->tok, '[') && !parse_ptr_attrs(P, &p->attrs))
        return false;
    if (tok_is(&P->tok, "const")) {
        p->type.is_const = true;
        if (!next(P) || !parse_type_spec(P, &p->type) || !parse_pointers(P, &p->type))
            return false;
        if (p->type.pointers == 0)
            return unexpected(P);
    } else if (!parse_type_spec(P, &p->type) || !parse_pointers(P, &p->type)) {
        return false;
    }
    return take_name(P, &p->name, &p->pos) && parse_dims(P, &p->dims, &p->ndims);
}

static bool parse_params(parser_t *P, edl_func_t *f)
{
    if (!expect_punct(P, '('))
        return false;
    if (tok_punct(&P->tok, ')'))
        return next(P);
    if (tok_is(&P->tok, "void")) {
        edl_token_t *a;
        if (!peek(P, &a))
            return false;
        if (tok_punct(a, ')'))
            return next(P) && next(P);
    }
    for (;;) {
        if (!room(P, &f->params, f->nparams, sizeof *f->params, EDL_MAX_PARAMS, "parameters"))
            return false;
        edl_param_t *p = &f->params[f->nparams++];
        memset(p, 0, sizeof *p);
        if (!parse_param(P, p))
            return false;
        if (tok_punct(&P->tok, ')'))
            return next(P);
        if (!expect_punct(P, ','))
            return false;
    }
}

/* func_def: type '*'* name params (an array return type is an error). */
static bool parse_func_def(parser_t *P, edl_func_t *f)
{
    if (!parse_type_spec(P, &f->ret) || !parse_pointers(P, &f->ret))
        return false;
    if (tok_punct(&P->tok, '[')) {
        uint64_t *dims = NULL;
        size_t nd = 0;
        bool ok = parse_dims(P, &dims, &nd);
        free(dims);
        if (!ok)
            return false;
        if (!tok_name(&P->tok))
            return unexpected(P);
        return fail_at(P, P->tok.pos, "%.*s: returning an array is not supported - use pointer instead.",
                       (int)(P->tok.len > 64 ? 64 : P->tok.len), P->tok.text);
    }
    return take_name(P, &f->name, &f->pos) && parse_params(P, f);
}

static bool parse_name_list(parser_t *P, char ***names, size_t *n)
{
    for (;;) {
        if (!room(P, names, *n, sizeof **names, EDL_MAX_NAMES, "names"))
            return false;
        (*names)[(*n)++] = NULL;
        if (!take_name(P, &(*names)[*n - 1], NULL))
            return false;
        if (!tok_punct(&P->tok, ','))
            return true;
        if (!next(P))
            return false;
    }
}

static bool parse_ufunc(parser_t *P, edl_func_t *f)
{
    if (tok_punct(&P->tok, '[') && !parse_func_attrs(P, f))
        return false;
    if (!parse_func_def(P, f))
        return false;
    if (tok_is(&P->tok, "allow")) {
        if (!next(P) || !expect_punct(P, '('))
            return false;
        if (!tok_punct(&P->tok, ')') && !parse_name_list(P, &f->allow, &f->nallow))
            return false;
        if (!expect_punct(P, ')'))
            return false;
    }
    if (tok_is(&P->tok, "propagate_errno")) {
        f->propagate_errno = true;
        if (!next(P))
            return false;
        if (tok_is(&P->tok, "transition_using_threads")) {
            f->switchless = true;
            if (!next(P))
                return false;
        }
    } else if (tok_is(&P->tok, "transition_using_threads")) {
        f->switchless = true;
        if (!next(P))
            return false;
        if (tok_is(&P->tok, "propagate_errno")) {
            f->propagate_errno = true;
            if (!next(P))
                return false;
        }
    }
    return expect_punct(P, ';');
}

static bool parse_tfunc(parser_t *P, edl_func_t *f)
{
    f->trusted = true;
    if (tok_is(&P->tok, "public")) {
        f->is_public = true;
        if (!next(P))
            return false;
    }
    if (!parse_func_def(P, f))
        return false;
    if (tok_is(&P->tok, "transition_using_threads")) {
        f->switchless = true;
        if (!next(P))
            return false;
    }
    return expect_punct(P, ';');
}

static bool add_include(parser_t *P, edl_include_t **v, size_t *n)
{
    edl_pos_t pos = P->tok.pos;
    if (!next(P))
        return false;
    if (!room(P, v, *n, sizeof **v, EDL_MAX_ITEMS, "includes"))
        return false;
    edl_include_t *inc = &(*v)[(*n)++];
    memset(inc, 0, sizeof *inc);
    inc->pos = pos;
    return take_string(P, &inc->file);
}

/* trusted/untrusted '{' include* func* '}' ';' */
static bool parse_block(parser_t *P, bool trusted)
{
    edl_enclave_t *e = P->e;
    if (!next(P) || !expect_punct(P, '{'))
        return false;
    while (tok_is(&P->tok, "include"))
        if (!add_include(P, trusted ? &e->trusted_includes : &e->untrusted_includes,
                         trusted ? &e->ntrusted_includes : &e->nuntrusted_includes))
            return false;
    while (!tok_punct(&P->tok, '}')) {
        edl_func_t **v = trusted ? &e->trusted : &e->untrusted;
        size_t *n = trusted ? &e->ntrusted : &e->nuntrusted;
        if (e->ntrusted + e->nuntrusted >= EDL_MAX_ITEMS)
            return fail_at(P, P->tok.pos, "too many %s (more than %d)", "functions", EDL_MAX_ITEMS);
        if (!room(P, v, *n, sizeof **v, EDL_MAX_ITEMS, "functions"))
            return false;
        edl_func_t *f = &(*v)[(*n)++];
        memset(f, 0, sizeof *f);
        if (!(trusted ? parse_tfunc(P, f) : parse_ufunc(P, f)))
            return false;
        if (P->check_decls && !edl_check_func_decl(f, P->diag))
            return false;
    }
    return next(P) && expect_punct(P, ';');
}

/* struct/union NAME '{' (member ';')+ '}'; members of a struct may carry attributes. */
static bool parse_composite(parser_t *P, edl_typedef_t *t)
{
    bool is_struct = t->kind == EDL_DEF_STRUCT;
    if (!next(P) || !take_name(P, &t->name, &t->pos) || !expect_punct(P, '{'))
        return false;
    do {
        if (!room(P, &t->members, t->nmembers, sizeof *t->members, EDL_MAX_MEMBERS, "members"))
            return false;
        edl_param_t *m = &t->members[t->nmembers++];
        memset(m, 0, sizeof *m);
        if (is_struct && tok_punct(&P->tok, '[') && !parse_ptr_attrs(P, &m->attrs))
            return false;
        if (!parse_type_spec(P, &m->type) || !parse_pointers(P, &m->type) || !take_name(P, &m->name, &m->pos) ||
            !parse_dims(P, &m->dims, &m->ndims) || !expect_punct(P, ';'))
            return false;
    } while (!tok_punct(&P->tok, '}'));
    return next(P);
}

static bool parse_enum(parser_t *P, edl_typedef_t *t)
{
    t->pos = P->tok.pos;
    if (!next(P))
        return false;
    if (!tok_punct(&P->tok, '{') && !take_name(P, &t->name, &t->pos))
        return false;
    if (!expect_punct(P, '{'))
        return false;
    if (tok_punct(&P->tok, '}'))
        return next(P);
    for (;;) {
        if (!room(P, &t->values, t->nvalues, sizeof *t->values, EDL_MAX_ITEMS, "enumerators"))
            return false;
        edl_enumerator_t *v = &t->values[t->nvalues++];
        memset(v, 0, sizeof *v);
        if (!take_name(P, &v->name, &v->pos))
            return false;
        if (tok_punct(&P->tok, '=')) {
            if (!next(P))
                return false;
            if (P->tok.kind != EDL_TOK_NUMBER && !tok_name(&P->tok))
                return unexpected(P);
            if (!(v->value = tok_dup(&P->tok)))
                return oom(P);
            if (!next(P))
                return false;
        }
        if (tok_punct(&P->tok, '}'))
            return next(P);
        if (!expect_punct(P, ','))
            return false;
    }
}

static bool parse_import(parser_t *P)
{
    edl_enclave_t *e = P->e;
    if (!room(P, &e->imports, e->nimports, sizeof *e->imports, EDL_MAX_NAMES, "imports"))
        return false;
    edl_import_t *im = &e->imports[e->nimports++];
    memset(im, 0, sizeof *im);
    im->pos = P->tok.pos;
    if (!next(P) || !take_string(P, &im->file))
        return false;
    if (!tok_is(&P->tok, "import"))
        return unexpected(P);
    if (!next(P))
        return false;
    if (tok_punct(&P->tok, '*')) {
        im->all = true;
        if (!next(P))
            return false;
    } else if (!parse_name_list(P, &im->names, &im->nnames)) {
        return false;
    }
    return expect_punct(P, ';');
}

static bool parse_item(parser_t *P)
{
    edl_enclave_t *e = P->e;
    if (tok_is(&P->tok, "include"))
        return add_include(P, &e->includes, &e->nincludes);
    if (tok_is(&P->tok, "from"))
        return parse_import(P);
    if (tok_is(&P->tok, "trusted") || tok_is(&P->tok, "untrusted"))
        return parse_block(P, tok_is(&P->tok, "trusted"));
    edl_def_kind_t kind;
    if (tok_is(&P->tok, "struct"))
        kind = EDL_DEF_STRUCT;
    else if (tok_is(&P->tok, "union"))
        kind = EDL_DEF_UNION;
    else if (tok_is(&P->tok, "enum"))
        kind = EDL_DEF_ENUM;
    else
        return unexpected(P);
    if (!room(P, &e->types, e->ntypes, sizeof *e->types, EDL_MAX_ITEMS, "types"))
        return false;
    edl_typedef_t *t = &e->types[e->ntypes++];
    memset(t, 0, sizeof *t);
    t->kind = kind;
    if (!(kind == EDL_DEF_ENUM ? parse_enum(P, t) : parse_composite(P, t)))
        return false;
    if (P->check_decls && !edl_check_type_decl(t, P->diag))
        return false;
    return expect_punct(P, ';');
}

char *edl_short_name(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    return strndup(base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
}

static const char *intern_cb(void *ctx, const char *name, size_t len)
{
    (void)ctx;
    return edl_intern(name, len);
}

edl_enclave_t *edl_parse_buffer(const char *text, size_t len, const char *file, bool markers,
                                const char *cpp_name, bool check_decls, edl_diag_t *diag)
{
    parser_t P;
    memset(&P, 0, sizeof P);
    memset(diag, 0, sizeof *diag);
    P.diag = diag;
    P.check_decls = check_decls;
    if (!file)
        file = "<input>";
    P.e = calloc(1, sizeof *P.e);
    const char *fname = edl_intern(file, strlen(file));
    if (!fname)
        fname = "<edl>";            /* the name table is full: positions still need a name */
    if (!P.e || !(P.e->name = edl_short_name(file))) {
        edl_enclave_free(P.e);
        diag->error = true;
        diag->pos.file = fname;
        snprintf(diag->message, sizeof diag->message, "out of memory");
        return NULL;
    }
    edl_lexer_init(&P.lx, text ? text : "", text ? len : 0, fname, markers);
    P.lx.cpp_name = cpp_name;
    P.lx.intern = intern_cb;
    P.lx.intern_ctx = P.e;
    bool ok = next(&P);
    if (ok && !tok_is(&P.tok, "enclave"))
        ok = unexpected(&P);
    P.e->pos = P.tok.pos;
    ok = ok && next(&P) && expect_punct(&P, '{');
    while (ok && !tok_punct(&P.tok, '}'))
        ok = parse_item(&P);
    ok = ok && next(&P) && expect_punct(&P, ';');
    if (ok && P.tok.kind != EDL_TOK_EOF)
        ok = unexpected(&P);
    if (!ok) {
        edl_enclave_free(P.e);
        return NULL;
    }
    return P.e;
}

edl_enclave_t *edl_parse_text(const char *text, size_t len, const char *filename, edl_diag_t *diag)
{
    return edl_parse_buffer(text, len, filename, false, NULL, false, diag);
}
