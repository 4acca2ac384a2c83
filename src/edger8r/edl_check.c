/* edl_check.c — Intel's attribute and whole-enclave rules (see edl_check.h). The order of the
 * tests follows Intel's (sdk/edger8r/linux/Parser.mly get_param_ptr_attr, param_type,
 * check_ptr_attr; CodeGen.ml check_duplication, check_allow_list, check_structure,
 * check_priv_funcs), so that the first error reported is Intel's. */
#include "edl_check.h"

#include "edl_parser.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    edl_diag_t **diags;
    size_t *ndiags;
    size_t errors;
} sink_t;

#define ERR(s, pos, ...) ((s)->errors++, (void)edl_diag_add((s)->diags, (s)->ndiags, true, (pos), __VA_ARGS__))
#define WARN(s, pos, ...) ((void)edl_diag_add((s)->diags, (s)->ndiags, false, (pos), __VA_ARGS__))

/* Intel's spelling of a type: "int", "struct S*", "foo_t**". */
static const char *tystr(const edl_type_t *t, char *buf, size_t cap)
{
    const char *pre = t->kind == EDL_TYPE_STRUCT ? "struct " : t->kind == EDL_TYPE_UNION ? "union "
                    : t->kind == EDL_TYPE_ENUM ? "enum " : "";
    int n = snprintf(buf, cap, "%s%s", pre, t->name ? t->name : "");
    for (int i = 0; i < t->pointers && n > 0 && (size_t)n + 1 < cap; i++)
        buf[n++] = '*', buf[n] = '\0';
    return buf;
}

static bool has_str(const edl_attrs_t *a) { return a->string || a->wstring; }
static bool has_size(const edl_attrs_t *a) { return a->size.kind != EDL_SIZE_NONE || a->count.kind != EDL_SIZE_NONE; }
static bool has_dir(const edl_attrs_t *a) { return a->in || a->out; }

/* get_param_ptr_attr: the combination rules of one attribute list (empty when absent). */
static const char *ptr_attr_rule(const edl_attrs_t *a)
{
    if (a->isary) {
        if (has_size(a))
            return "Pointer size attributes cannot be used with foreign array";
        if (!a->isptr)
            return !a->user_check && !has_dir(a) ? "array must have direction attribute or `user_check'" : NULL;
        return has_str(a) ? "`isary' cannot be used with `string/wstring' together"
                          : "`isary' cannot be used with `isptr' together";
    }
    if (a->string && a->wstring)
        return "`string' and `wstring' are mutual exclusive";
    if (has_size(a) && has_str(a))
        return "size attributes are mutual exclusive with (w)string attribute";
    if ((has_size(a) || has_str(a)) && !has_dir(a))
        return "size/string attributes must be used with pointer direction";
    if (has_dir(a) && a->user_check)
        return "pointer direction and `user_check' are mutual exclusive";
    if (!has_dir(a) && !a->user_check)
        return "pointer/array should have direction attribute or `user_check'";
    if (a->out && !a->in && has_str(a))
        return "string/wstring should be used with an `in' attribute";
    return NULL;
}

static edl_pos_t attr_pos(const edl_param_t *p) { return p->attrs.present ? p->attrs.pos : p->pos; }

static bool param_named(const edl_param_t *ps, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (ps[i].name && strcmp(ps[i].name, name) == 0)
            return true;
    return false;
}

static void check_size_names(sink_t *s, const edl_param_t *p, const edl_param_t *all, size_t n)
{
    const edl_size_t *sz[2] = {&p->attrs.size, &p->attrs.count};
    for (int i = 0; i < 2; i++)
        if (sz[i]->kind == EDL_SIZE_NAME && !param_named(all, n, sz[i]->name))
            ERR(s, sz[i]->pos, "parameter `%s' not found.", sz[i]->name);
}

/* First stage (param_type, parameter_def): returns false when the parameter is in error; sets
 * *is_ptr when Intel treats it as a pointer (PTPtr). */
static bool check_param_kind(sink_t *s, const edl_param_t *p, bool *is_ptr)
{
    const edl_attrs_t *a = &p->attrs;
    const edl_type_t *t = &p->type;
    bool ary = p->ndims > 0;
    char buf[300];
    *is_ptr = false;
    if (t->pointers > 0 || ary || a->present) {
        const char *m = ptr_attr_rule(a);
        if (m) {
            ERR(s, attr_pos(p), "%s", m);
            return false;
        }
    }
    if (a->present && !t->is_const) {
        bool bare_foreign = t->kind == EDL_TYPE_FOREIGN && t->pointers == 0;
        if (a->isptr && !bare_foreign)
            return ERR(s, a->pos, "'isptr', attributes are only for user defined type, not for `%s'.", tystr(t, buf, sizeof buf)), false;
        if (a->isary && !bare_foreign)
            return ERR(s, a->pos, "'isary', attributes are only for user defined type, not for `%s'.", tystr(t, buf, sizeof buf)), false;
        if (a->readonly && t->kind != EDL_TYPE_FOREIGN)
            return ERR(s, a->pos, "'readonly', attributes are only for user defined type, not for `%s'.", tystr(t, buf, sizeof buf)), false;
        if (a->readonly && !a->isptr)
            return ERR(s, a->pos, "'readonly' attribute is only used with 'isptr' attribute."), false;
        if (t->pointers == 0 && !ary) {
            if (t->kind == EDL_TYPE_FOREIGN && !a->isptr && !a->isary)
                return ERR(s, p->pos, "`%s' is considered plain type but decorated with pointer attributes", t->name), false;
            if (t->kind != EDL_TYPE_FOREIGN)
                return ERR(s, p->pos, "unexpected pointer attributes for `%s'", tystr(t, buf, sizeof buf)), false;
        }
    }
    if (!a->present && t->kind == EDL_TYPE_VOID && t->pointers == 0 && !ary)
        return ERR(s, p->pos, "parameter `%s' has `void' type.", p->name), false;
    *is_ptr = t->pointers > 0 || ary || a->present;
    return true;
}

/* Second stage (check_ptr_attr), on a pointer parameter of function f. */
static void check_ptr_param(sink_t *s, const edl_func_t *f, const edl_param_t *p)
{
    const edl_attrs_t *a = &p->attrs;
    const edl_type_t *t = &p->type;
    bool ary = p->ndims > 0;
    if (t->kind == EDL_TYPE_VOID && t->pointers == 1) {
        if (!a->user_check && a->size.kind == EDL_SIZE_NONE)
            ERR(s, p->pos, "`%s': void pointer `%s' - buffer size unknown", f->name, p->name);
        return;
    }
    if ((ary || a->isary) && (t->pointers > 0 || a->isptr)) {
        ERR(s, p->pos, "`%s': Pointer array not allowed - `%s' is a pointer array.", f->name, p->name);
        return;
    }
    if ((a->readonly || t->is_const) && a->out) {
        ERR(s, p->pos, "`%s': `%s' is readonly - cannot be used with `out'", f->name, p->name);
        return;
    }
    bool char_ptr = t->pointers == 1 && t->kind == EDL_TYPE_BUILTIN && t->name &&
                    (strcmp(t->name, "char") == 0 || strcmp(t->name, "unsigned char") == 0);
    bool wchar_ptr = t->pointers == 1 && t->kind == EDL_TYPE_BUILTIN && t->name && strcmp(t->name, "wchar_t") == 0;
    if (a->string && !char_ptr) {
        ERR(s, p->pos, "`%s': invalid 'string' attribute - `%s' is not char pointer.", f->name, p->name);
        return;
    }
    if (!a->string && a->wstring && !wchar_ptr) {
        ERR(s, p->pos, "`%s': invalid 'wstring' attribute - `%s' is not wchar_t pointer.", f->name, p->name);
        return;
    }
    if (ary) {
        const char *what = a->size.kind ? "size" : a->count.kind ? "count" : a->isary ? "isary" : NULL;
        if (what)
            ERR(s, p->pos, "`%s': invalid '%s' attribute - `%s' is explicitly declared array.", f->name, what, p->name);
    }
}

static void check_func(sink_t *s, const edl_func_t *f)
{
    size_t before = s->errors;
    for (size_t i = 0; i < f->nparams; i++) {
        bool is_ptr;
        if (!check_param_kind(s, &f->params[i], &is_ptr))
            return;                 /* Intel stops at the first error of a function */
    }
    for (size_t i = 0; i < f->nparams && s->errors == before; i++) {
        const edl_param_t *p = &f->params[i];
        if (p->type.pointers > 0 || p->ndims > 0 || p->attrs.present)
            check_ptr_param(s, f, p);
    }
    for (size_t i = 0; i < f->nparams && s->errors == before; i++)
        check_size_names(s, &f->params[i], f->params, f->nparams);
}

static void check_member(sink_t *s, const edl_typedef_t *st, const edl_param_t *m)
{
    const edl_attrs_t *a = &m->attrs;
    const edl_type_t *t = &m->type;
    char buf[300];
    if (st->kind == EDL_DEF_UNION) {
        if (t->kind == EDL_TYPE_VOID && t->pointers == 0 && m->ndims == 0)
            ERR(s, m->pos, "union member `%s' has `void' type.", m->name);
        return;
    }
    if (a->present) {
        const char *msg = !has_size(a) ? "size/count attributes must be used"
                        : has_dir(a) ? "direction attribute is not allowed for structure member."
                        : a->isptr ? "'isptr', attribute is not allowed for structure member."
                        : a->isary ? "'isary', attribute is not allowed for structure member."
                        : a->readonly ? "'readonly'attribute is not allowed for structure member."
                        : a->string ? "'string'attribute is not allowed for structure member."
                        : a->wstring ? "'wstring' attribute is not allowed for structure member." : NULL;
        if (msg) {
            ERR(s, a->pos, "%s", msg);
            return;
        }
        if (t->pointers == 0 && m->ndims == 0) {
            if (t->kind == EDL_TYPE_FOREIGN)
                ERR(s, m->pos, "`%s' is considered plain type but decorated with pointer attributes", t->name);
            else
                ERR(s, m->pos, "unexpected pointer attributes for `%s'", tystr(t, buf, sizeof buf));
            return;
        }
        check_size_names(s, m, st->members, st->nmembers);
        return;
    }
    if (t->kind == EDL_TYPE_VOID && t->pointers == 0 && m->ndims == 0)
        ERR(s, m->pos, "parameter `%s' has `void' type.", m->name);
}

size_t edl_check_decls(const edl_enclave_t *e, edl_diag_t **diags, size_t *ndiags)
{
    sink_t s = {diags, ndiags, 0};
    for (size_t i = 0; i < e->ntypes; i++)
        for (size_t j = 0; j < e->types[i].nmembers; j++)
            check_member(&s, &e->types[i], &e->types[i].members[j]);
    for (size_t i = 0; i < e->ntrusted; i++)
        check_func(&s, &e->trusted[i]);
    for (size_t i = 0; i < e->nuntrusted; i++)
        check_func(&s, &e->untrusted[i]);
    return s.errors;
}

static bool first_error(sink_t *s, edl_diag_t *first)
{
    bool ok = s->errors == 0;
    if (!ok && first) {
        for (size_t i = 0; i < *s->ndiags; i++)
            if ((*s->diags)[i].error) {
                *first = (*s->diags)[i];
                break;
            }
    }
    free(*s->diags);
    return ok;
}

bool edl_check_func_decl(const edl_func_t *f, edl_diag_t *first)
{
    edl_diag_t *diags = NULL;
    size_t n = 0;
    sink_t s = {&diags, &n, 0};
    check_func(&s, f);
    return first_error(&s, first);
}

bool edl_check_type_decl(const edl_typedef_t *t, edl_diag_t *first)
{
    edl_diag_t *diags = NULL;
    size_t n = 0;
    sink_t s = {&diags, &n, 0};
    for (size_t j = 0; j < t->nmembers && s.errors == 0; j++)
        check_member(&s, t, &t->members[j]);
    return first_error(&s, first);
}

/* ---- whole enclave ---- */

/* Names sorted for lookup (hostile files may hold many thousands of functions). An entry's
 * index is its position in the enclave's own order; among equal names the first comes first. */
typedef struct {
    const char *name;
    size_t idx;
} entry_t;

typedef struct {
    entry_t *v;
    size_t n;
} name_index_t;

static int cmp_entry(const void *a, const void *b)
{
    const entry_t *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

static bool index_add(name_index_t *ix, const char *name, size_t idx)
{
    if (!name)
        return true;
    if (!edl_grow(&ix->v, ix->n, sizeof *ix->v))
        return false;
    ix->v[ix->n++] = (entry_t){name, idx};
    return true;
}

static void index_sort(name_index_t *ix)
{
    if (ix->n > 1)
        qsort(ix->v, ix->n, sizeof *ix->v, cmp_entry);
}

/* The first entry named `name', or NULL. */
static const entry_t *index_find(const name_index_t *ix, const char *name)
{
    size_t lo = 0, hi = ix->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(ix->v[mid].name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ix->n && strcmp(ix->v[lo].name, name) == 0 ? &ix->v[lo] : NULL;
}

typedef struct {
    name_index_t funcs;     /* every function: trusted first, then untrusted */
    name_index_t ecalls;
    name_index_t allowed;   /* every name in an allow list */
    name_index_t structs;   /* struct definitions, by their index in e->types */
} indexes_t;

static const edl_func_t *func_at(const edl_enclave_t *e, size_t i)
{
    return i < e->ntrusted ? &e->trusted[i] : &e->untrusted[i - e->ntrusted];
}

static bool build_indexes(const edl_enclave_t *e, indexes_t *x)
{
    memset(x, 0, sizeof *x);
    bool ok = true;
    for (size_t i = 0; ok && i < e->ntrusted + e->nuntrusted; i++)
        ok = index_add(&x->funcs, func_at(e, i)->name, i) && (i >= e->ntrusted || index_add(&x->ecalls, func_at(e, i)->name, i));
    for (size_t i = 0; ok && i < e->nuntrusted; i++)
        for (size_t j = 0; ok && j < e->untrusted[i].nallow; j++)
            ok = index_add(&x->allowed, e->untrusted[i].allow[j], i);
    for (size_t i = 0; ok && i < e->ntypes; i++)
        if (e->types[i].kind == EDL_DEF_STRUCT)
            ok = index_add(&x->structs, e->types[i].name, i);
    index_sort(&x->funcs);
    index_sort(&x->ecalls);
    index_sort(&x->allowed);
    index_sort(&x->structs);
    return ok;
}

static void free_indexes(indexes_t *x)
{
    free(x->funcs.v);
    free(x->ecalls.v);
    free(x->allowed.v);
    free(x->structs.v);
}

static void check_duplication(sink_t *s, const edl_enclave_t *e, const indexes_t *x)
{
    for (size_t i = 0; i < e->ntrusted + e->nuntrusted; i++) {
        const edl_func_t *f = func_at(e, i);
        const entry_t *first = f->name ? index_find(&x->funcs, f->name) : NULL;
        if (first && first->idx != i)
            ERR(s, f->pos, "Multiple definition of function \"%s\" detected.", f->name);
    }
}

static void check_allow_list(sink_t *s, const edl_enclave_t *e, const indexes_t *x)
{
    for (size_t i = 0; i < e->nuntrusted; i++)
        for (size_t j = 0; j < e->untrusted[i].nallow; j++)
            if (!index_find(&x->ecalls, e->untrusted[i].allow[j]))
                ERR(s, e->untrusted[i].pos, "\"%s\" declared to allow unknown function \"%s\".", e->untrusted[i].name,
                    e->untrusted[i].allow[j]);
}

static const edl_typedef_t *find_struct(const edl_enclave_t *e, const indexes_t *x, const char *name)
{
    const entry_t *first = index_find(&x->structs, name);
    return first ? &e->types[first->idx] : NULL;
}

static bool deep_copy(const edl_typedef_t *st)
{
    for (size_t i = 0; i < st->nmembers; i++)
        if (has_size(&st->members[i].attrs))
            return true;
    return false;
}

static void check_struct_use(sink_t *s, const edl_enclave_t *e, const indexes_t *x, const edl_func_t *f,
                             const edl_param_t *p)
{
    const edl_type_t *t = &p->type;
    const edl_typedef_t *st = t->name ? find_struct(e, x, t->name) : NULL;
    if (!st)
        return;
    if (t->kind == EDL_TYPE_STRUCT && t->pointers == 0 && p->ndims == 0 && !p->attrs.present) {
        if (deep_copy(st)) {
            ERR(s, p->pos, "the structure declaration \"%s\" specifies a deep copy is expected. Referenced by value in function \"%s\" detected.", t->name, f->name);
            return;
        }
        for (size_t i = 0; i < st->nmembers; i++)
            if (st->members[i].type.pointers > 0 || st->members[i].ndims > 0) {
                WARN(s, p->pos, "the structure \"%s\" is referenced by value in function \"%s\". Part of the data may not be copied.", t->name, f->name);
                break;
            }
    } else if (t->kind == EDL_TYPE_STRUCT && t->pointers == 1) {
        if (deep_copy(st) && p->attrs.out && !p->attrs.in)
            ERR(s, p->pos, "the structure declaration \"%s\" specifies a deep copy, should not be used with an `out' attribute in function \"%s\".", t->name, f->name);
    } else if (t->kind == EDL_TYPE_FOREIGN) {
        if (deep_copy(st))
            ERR(s, p->pos, "`%s' in function `%s' is a structure and it specifies a deep copy. Use `struct %s' instead.", t->name, f->name, t->name);
        else
            WARN(s, p->pos, "`%s' in function `%s' is a structure. Use `struct %s' instead.", t->name, f->name, t->name);
    }
}

static void check_structure(sink_t *s, const edl_enclave_t *e, const indexes_t *x)
{
    for (size_t i = 1; i < e->ntypes; i++) {
        const edl_typedef_t *t = &e->types[i];
        if (t->kind == EDL_DEF_STRUCT && t->name && find_struct(e, x, t->name) != t)
            ERR(s, t->pos, "duplicated structure definition `%s'", t->name);
    }
    for (size_t i = 0; i < e->ntrusted + e->nuntrusted; i++)
        for (size_t j = 0; j < func_at(e, i)->nparams; j++)
            check_struct_use(s, e, x, func_at(e, i), &func_at(e, i)->params[j]);
}

static void check_priv_funcs(sink_t *s, const edl_enclave_t *e, const indexes_t *x, const char *root)
{
    bool any_public = false;
    for (size_t i = 0; i < e->ntrusted; i++)
        any_public |= e->trusted[i].is_public;
    if (!any_public) {
        ERR(s, e->pos.file ? e->pos : ((edl_pos_t){root, 1, 1}), "the enclave `%s' contains no public root ECALL.",
            e->name ? e->name : "");
        return;
    }
    for (size_t i = 0; i < e->ntrusted; i++)
        if (!e->trusted[i].is_public && e->trusted[i].name && !index_find(&x->allowed, e->trusted[i].name))
            WARN(s, e->trusted[i].pos, "private ECALL `%s' is not used by any OCALL", e->trusted[i].name);
}

size_t edl_check_enclave(const edl_enclave_t *e, const char *root, bool header_only, edl_diag_t **diags,
                         size_t *ndiags)
{
    sink_t s = {diags, ndiags, 0};
    indexes_t x;
    if (!build_indexes(e, &x)) {
        ERR(&s, ((edl_pos_t){root, 1, 1}), "out of memory");
        free_indexes(&x);
        return s.errors;
    }
    check_duplication(&s, e, &x);
    check_allow_list(&s, e, &x);
    check_structure(&s, e, &x);
    if (!header_only && s.errors == 0)
        check_priv_funcs(&s, e, &x, root);
    free_indexes(&x);
    return s.errors;
}
