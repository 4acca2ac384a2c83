/* edl_ast.c — freeing EDL trees, and the small helpers the frontend shares: growing arrays,
 * owning file names for positions, appending diagnostics. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edl_check.h"
#include "edl_parser.h"

void edl_param_free(edl_param_t *p)
{
    free(p->type.name);
    free(p->name);
    free(p->dims);
    free(p->attrs.size.name);
    free(p->attrs.count.name);
    memset(p, 0, sizeof *p);
}

void edl_func_free(edl_func_t *f)
{
    free(f->name);
    free(f->ret.name);
    for (size_t i = 0; i < f->nparams; i++)
        edl_param_free(&f->params[i]);
    free(f->params);
    for (size_t i = 0; i < f->nallow; i++)
        free(f->allow[i]);
    free(f->allow);
    memset(f, 0, sizeof *f);
}

void edl_typedef_free(edl_typedef_t *t)
{
    free(t->name);
    for (size_t i = 0; i < t->nmembers; i++)
        edl_param_free(&t->members[i]);
    free(t->members);
    for (size_t i = 0; i < t->nvalues; i++) {
        free(t->values[i].name);
        free(t->values[i].value);
    }
    free(t->values);
    memset(t, 0, sizeof *t);
}

static void includes_free(edl_include_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].file);
    free(v);
}

void edl_enclave_free(edl_enclave_t *e)
{
    if (!e)
        return;
    free(e->name);
    includes_free(e->includes, e->nincludes);
    includes_free(e->trusted_includes, e->ntrusted_includes);
    includes_free(e->untrusted_includes, e->nuntrusted_includes);
    for (size_t i = 0; i < e->ntypes; i++)
        edl_typedef_free(&e->types[i]);
    free(e->types);
    for (size_t i = 0; i < e->ntrusted; i++)
        edl_func_free(&e->trusted[i]);
    free(e->trusted);
    for (size_t i = 0; i < e->nuntrusted; i++)
        edl_func_free(&e->untrusted[i]);
    free(e->untrusted);
    for (size_t i = 0; i < e->nimports; i++) {
        free(e->imports[i].file);
        for (size_t j = 0; j < e->imports[i].nnames; j++)
            free(e->imports[i].names[j]);
        free(e->imports[i].names);
    }
    free(e->imports);
    free(e);
}

bool edl_grow(void *arrp, size_t n, size_t elem)
{
    void **arr = arrp;
    /* capacity is kept implicit: grow at powers of two */
    if (n >= ((size_t)1 << 24))
        return false;
    if (n != 0 && (n & (n - 1)) != 0)
        return true;
    size_t cap = n ? n * 2 : 1;
    void *p = realloc(*arr, cap * elem);
    if (!p)
        return false;
    *arr = p;
    return true;
}

/* File names in positions live for the whole process (diagnostics outlive the trees), in
 * one table shared by every thread. */
static pthread_mutex_t g_names_lock = PTHREAD_MUTEX_INITIALIZER;
static struct name_entry {
    char *s;
    size_t len;
} *g_names;
static size_t g_nnames;

const char *edl_intern(const char *name, size_t len)
{
    const char *r = NULL;
    if (memchr(name, '\0', len))
        return NULL;                /* not a file name */
    pthread_mutex_lock(&g_names_lock);
    for (size_t i = 0; i < g_nnames && !r; i++)
        if (g_names[i].len == len && memcmp(g_names[i].s, name, len) == 0)
            r = g_names[i].s;
    if (!r && g_nnames < 1024 && len <= 4096 && edl_grow(&g_names, g_nnames, sizeof *g_names)) {
        char *s = strndup(name, len);
        if (s) {
            g_names[g_nnames++] = (struct name_entry){s, len};
            r = s;
        }
    }
    pthread_mutex_unlock(&g_names_lock);
    return r;
}

bool edl_diag_add(edl_diag_t **diags, size_t *ndiags, bool error, edl_pos_t pos, const char *fmt, ...)
{
    if (!edl_grow(diags, *ndiags, sizeof **diags))
        return false;
    edl_diag_t *d = &(*diags)[(*ndiags)++];
    memset(d, 0, sizeof *d);
    d->error = error;
    d->pos = pos;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->message, sizeof d->message, fmt, ap);
    va_end(ap);
    return true;
}
