/* edl_imports.c — search paths and import resolution (see edl_imports.h). */
#include "edl_imports.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "edl_check.h"
#include "edl_parser.h"
#include "edl_preprocess.h"

#define EDL_MAX_FILE (16u << 20)
#define EDL_MAX_DEPTH 64
#define EDL_MAX_LOADS 4096

void edl_strv_free(char **v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

char **edl_search_order(const char *const *occurrences, size_t n, size_t *count)
{
    char **v = NULL;
    size_t cnt = 0;
    *count = 0;
    if (!occurrences)
        n = 0;
    if (!edl_grow(&v, cnt, sizeof *v) || !(v[cnt] = strdup(".")))
        goto fail;
    cnt++;
    for (size_t i = 0; i < n; i++) {
        /* prepend this occurrence's elements, keeping their order */
        const char *s = occurrences[i] ? occurrences[i] : "";
        size_t added = 0;
        while (*s) {
            const char *colon = strchr(s, ':');
            size_t len = colon ? (size_t)(colon - s) : strlen(s);
            if (len > 0) {
                if (!edl_grow(&v, cnt, sizeof *v))
                    goto fail;
                memmove(v + added + 1, v + added, (cnt - added) * sizeof *v);
                if (!(v[added] = strndup(s, len))) {
                    memmove(v + added, v + added + 1, (cnt - added) * sizeof *v);
                    goto fail;
                }
                cnt++;
                added++;
            }
            s += len;
            if (*s == ':')
                s++;
        }
    }
    *count = cnt;
    return v;
fail:
    edl_strv_free(v, cnt);
    return NULL;
}

char **edl_search_list(const char *const *paths, size_t n, size_t *count)
{
    char **v = NULL;
    size_t cnt = 0;
    *count = 0;
    if (!paths)
        n = 0;
    for (size_t i = 0; i <= n; i++) {
        const char *s = i < n ? (paths[i] ? paths[i] : "") : ".";
        while (*s) {
            const char *colon = strchr(s, ':');
            size_t len = colon ? (size_t)(colon - s) : strlen(s);
            if (len > 0) {
                if (!edl_grow(&v, cnt, sizeof *v) || !(v[cnt] = strndup(s, len))) {
                    edl_strv_free(v, cnt);
                    return NULL;
                }
                cnt++;
            }
            s += len;
            if (*s == ':')
                s++;
        }
    }
    *count = cnt;
    return v;
}

char *edl_find_on_paths(const char *name, char *const *order, size_t n)
{
    if (name[0] == '/')
        return access(name, F_OK) == 0 ? strdup(name) : NULL;
    for (size_t i = 0; i < n; i++) {
        char *cand = NULL;
        if (asprintf(&cand, "%s/%s", order[i], name) < 0)
            return NULL;
        if (access(cand, F_OK) == 0)
            return cand;
        free(cand);
    }
    return NULL;
}

static bool read_file(const char *path, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    char *buf = NULL;
    size_t n = 0, cap = 0;
    bool ok = true;
    for (;;) {
        if (n + 4096 + 1 > cap) {
            size_t ncap = cap ? cap * 2 : 8192;
            char *p = ncap <= EDL_MAX_FILE + 8192 ? realloc(buf, ncap) : NULL;
            if (!p) {
                ok = false;
                errno = ENOMEM;
                break;
            }
            buf = p;
            cap = ncap;
        }
        size_t r = fread(buf + n, 1, 4096, f);
        n += r;
        if (r < 4096) {
            ok = !ferror(f);
            break;
        }
        if (n > EDL_MAX_FILE) {
            ok = false;
            errno = EFBIG;
            break;
        }
    }
    fclose(f);
    if (!ok) {
        free(buf);
        return false;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return true;
}

static edl_pos_t file_pos(const char *path)
{
    const char *f = edl_intern(path, strlen(path));
    return (edl_pos_t){f ? f : "<edl>", 1, 1};
}

/* "Preprocessor failed: <path>:L:C: error: ..." positions the error at L:C and drops the prefix. */
static edl_pos_t pp_error_pos(const char *path, char *err)
{
    edl_pos_t pos = file_pos(path);
    static const char prefix[] = "Preprocessor failed: ";
    size_t plen = strlen(path);
    if (strncmp(err, prefix, sizeof prefix - 1) != 0)
        return pos;
    char *p = err + sizeof prefix - 1;
    if (strncmp(p, path, plen) != 0 || p[plen] != ':')
        return pos;
    char *end;
    long line = strtol(p + plen + 1, &end, 10);
    if (*end != ':' || line <= 0 || line > 0x3fffffff)
        return pos;
    long col = strtol(end + 1, &end, 10);
    if (*end != ':' || end[1] != ' ' || col <= 0 || col > 0x3fffffff)
        return pos;
    pos.line = (int)line;
    pos.column = (int)col;
    memmove(p, end + 2, strlen(end + 2) + 1);
    return pos;
}

edl_enclave_t *edl_load_file(edl_import_env_t *env, const char *path, edl_pos_t where)
{
    char *text = NULL;
    size_t len = 0;
    bool markers = false;
    if (++env->loads > EDL_MAX_LOADS) {
        edl_diag_add(env->diags, env->ndiags, true, where, "too many imported files");
        return NULL;
    }
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        int err = errno;
        edl_diag_add(env->diags, env->ndiags, true, where, "%s: %s", path,
                     stat(path, &st) != 0 ? strerror(err) : "not a regular file");
        return NULL;
    }
    if (env->preprocess) {
        char err[400];
        edl_pp_status_t s = edl_preprocess(path, env->preprocessors, &text, &len, err, sizeof err);
        if (s == EDL_PP_FAILED) {
            edl_pos_t pos = pp_error_pos(path, err);
            edl_diag_add(env->diags, env->ndiags, true, pos, "%s", err);
            return NULL;
        }
        if (s == EDL_PP_NOT_FOUND && !env->warned_no_preprocessor) {
            env->warned_no_preprocessor = true;
            edl_diag_add(env->diags, env->ndiags, false, file_pos(path), "preprocessor is not found");
        }
        markers = s == EDL_PP_OK;
    }
    if (!text && !read_file(path, &text, &len)) {
        edl_diag_add(env->diags, env->ndiags, true, where, "%s: %s", path, strerror(errno));
        return NULL;
    }
    edl_diag_t d;
    edl_enclave_t *e = edl_parse_buffer(text, len, path, markers, path, true, &d);
    free(text);
    if (!e) {
        edl_diag_add(env->diags, env->ndiags, true, d.pos, "%s", d.message);
        return NULL;
    }
    return e;                       /* the declarations were checked as they were read */
}

/* ---- merging ---- */

typedef struct {
    edl_import_env_t *env;
    char *stack[EDL_MAX_DEPTH];         /* real paths of the files being imported */
    size_t depth;
} ictx_t;

static bool err_at(ictx_t *c, edl_pos_t pos, const char *msg, const char *arg)
{
    edl_diag_add(c->env->diags, c->env->ndiags, true, pos, msg, arg);
    return false;
}

static bool same_origin(edl_pos_t a, edl_pos_t b)
{
    return a.line == b.line && a.column == b.column && a.file && b.file && strcmp(a.file, b.file) == 0;
}

static bool take_func(edl_enclave_t *dst, edl_func_t *f)
{
    edl_func_t **v = f->trusted ? &dst->trusted : &dst->untrusted;
    size_t *n = f->trusted ? &dst->ntrusted : &dst->nuntrusted;
    if (dst->ntrusted + dst->nuntrusted >= EDL_MAX_ITEMS)
        return false;
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*v)[i].name, f->name) == 0 && same_origin((*v)[i].pos, f->pos)) {
            edl_func_free(f);
            return true;            /* already imported */
        }
    if (!edl_grow(v, *n, sizeof **v))
        return false;
    (*v)[(*n)++] = *f;
    memset(f, 0, sizeof *f);
    return true;
}

static bool take_includes(edl_include_t **dv, size_t *dn, edl_include_t *sv, size_t sn)
{
    for (size_t i = 0; i < sn; i++) {
        bool dup = false;
        for (size_t j = 0; j < *dn && !dup; j++)
            dup = strcmp((*dv)[j].file, sv[i].file) == 0;
        if (dup)
            continue;
        if (*dn >= EDL_MAX_ITEMS || !edl_grow(dv, *dn, sizeof **dv))
            return false;
        (*dv)[(*dn)++] = sv[i];
        memset(&sv[i], 0, sizeof sv[i]);
    }
    return true;
}

static bool take_all(edl_enclave_t *dst, edl_enclave_t *src)
{
    if (!take_includes(&dst->includes, &dst->nincludes, src->includes, src->nincludes) ||
        !take_includes(&dst->trusted_includes, &dst->ntrusted_includes, src->trusted_includes, src->ntrusted_includes) ||
        !take_includes(&dst->untrusted_includes, &dst->nuntrusted_includes, src->untrusted_includes, src->nuntrusted_includes))
        return false;
    for (size_t i = 0; i < src->ntypes; i++) {
        edl_typedef_t *t = &src->types[i];
        bool dup = false;
        for (size_t j = 0; j < dst->ntypes && !dup; j++)
            dup = dst->types[j].kind == t->kind && same_origin(dst->types[j].pos, t->pos);
        if (dup)
            continue;
        if (dst->ntypes >= EDL_MAX_ITEMS || !edl_grow(&dst->types, dst->ntypes, sizeof *dst->types))
            return false;
        dst->types[dst->ntypes++] = *t;
        memset(t, 0, sizeof *t);
    }
    for (size_t i = 0; i < src->ntrusted; i++)
        if (!take_func(dst, &src->trusted[i]))
            return false;
    for (size_t i = 0; i < src->nuntrusted; i++)
        if (!take_func(dst, &src->untrusted[i]))
            return false;
    return true;
}

/* Finds, checks for a cycle and loads the file of `im`; pushes it on the stack. */
static edl_enclave_t *enter(ictx_t *c, const edl_import_t *im)
{
    edl_import_env_t *env = c->env;
    char *path = edl_find_on_paths(im->file, env->order, env->norder);
    if (!path) {
        err_at(c, im->pos, "File not found within search paths: %s", im->file);
        return NULL;
    }
    char *real = realpath(path, NULL);
    if (!real) {
        edl_diag_add(env->diags, env->ndiags, true, im->pos, "%s: %s", path, strerror(errno));
        free(path);
        return NULL;
    }
    for (size_t i = 0; i < c->depth; i++)
        if (strcmp(c->stack[i], real) == 0) {
            err_at(c, im->pos, "detected circled import for `%s'", path);
            free(real);
            free(path);
            return NULL;
        }
    if (c->depth >= EDL_MAX_DEPTH) {
        err_at(c, im->pos, "imports nested too deeply at `%s'", path);
        free(real);
        free(path);
        return NULL;
    }
    edl_enclave_t *src = edl_load_file(env, path, im->pos);
    free(path);
    if (!src) {
        free(real);
        return NULL;
    }
    c->stack[c->depth++] = real;
    return src;
}

static void leave(ictx_t *c, edl_enclave_t *src)
{
    free(c->stack[--c->depth]);
    edl_enclave_free(src);
}

static bool import_all(ictx_t *c, edl_enclave_t *dst, const edl_import_t *im);

/* Looks for the names not yet found in `src`, then in the files it imports. */
static bool find_names(ictx_t *c, edl_enclave_t *dst, edl_enclave_t *src, char *const *names, bool *found, size_t n)
{
    size_t missing = 0;
    for (size_t k = 0; k < n; k++) {
        if (found[k])
            continue;
        edl_func_t *lists[2] = {src->trusted, src->untrusted};
        size_t counts[2] = {src->ntrusted, src->nuntrusted};
        for (int l = 0; l < 2 && !found[k]; l++)
            for (size_t i = 0; i < counts[l] && !found[k]; i++)
                if (lists[l][i].name && strcmp(lists[l][i].name, names[k]) == 0) {
                    found[k] = true;
                    if (!take_func(dst, &lists[l][i]))
                        return err_at(c, src->pos, "%s", "out of memory or too many functions");
                }
        missing += !found[k];
    }
    for (size_t i = 0; i < src->nimports && missing > 0; i++) {
        edl_enclave_t *sub = enter(c, &src->imports[i]);
        if (!sub)
            return false;
        bool ok = find_names(c, dst, sub, names, found, n);
        leave(c, sub);
        if (!ok)
            return false;
        missing = 0;
        for (size_t k = 0; k < n; k++)
            missing += !found[k];
    }
    return true;
}

static bool import_one(ictx_t *c, edl_enclave_t *dst, const edl_import_t *im)
{
    if (im->all)
        return import_all(c, dst, im);
    edl_enclave_t *src = enter(c, im);
    if (!src)
        return false;
    bool *found = calloc(im->nnames ? im->nnames : 1, sizeof *found);
    for (size_t k = 1; found && k < im->nnames; k++)      /* `import f, f' takes f once */
        for (size_t j = 0; j < k && !found[k]; j++)
            found[k] = strcmp(im->names[j], im->names[k]) == 0;
    bool ok = found && find_names(c, dst, src, im->names, found, im->nnames);
    if (!found)
        err_at(c, im->pos, "%s", "out of memory");
    for (size_t k = 0; ok && k < im->nnames; k++)
        if (!found[k])
            ok = err_at(c, im->pos, "import failed - functions `%s' not found", im->names[k]);
    free(found);
    leave(c, src);
    return ok;
}

static bool import_all(ictx_t *c, edl_enclave_t *dst, const edl_import_t *im)
{
    edl_enclave_t *src = enter(c, im);
    if (!src)
        return false;
    bool ok = take_all(dst, src);
    if (!ok)
        err_at(c, im->pos, "%s", "out of memory or too many functions, types or includes");
    for (size_t i = 0; ok && i < src->nimports; i++)
        ok = import_one(c, dst, &src->imports[i]);
    leave(c, src);
    return ok;
}

bool edl_resolve_imports(edl_import_env_t *env, edl_enclave_t *root, const char *root_path)
{
    ictx_t c;
    memset(&c, 0, sizeof c);
    c.env = env;
    if (!(c.stack[0] = realpath(root_path, NULL))) {
        edl_diag_add(env->diags, env->ndiags, true, file_pos(root_path), "%s: %s", root_path, strerror(errno));
        return false;
    }
    c.depth = 1;
    bool ok = true;
    for (size_t i = 0; ok && i < root->nimports; i++)
        ok = import_one(&c, root, &root->imports[i]);
    while (c.depth > 0)
        free(c.stack[--c.depth]);
    return ok;
}
