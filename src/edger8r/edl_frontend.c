/* edl_frontend.c — edl_load: the whole frontend in one call (see edl_frontend.h). */
#include "edl_frontend.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "edl_check.h"
#include "edl_imports.h"
#include "edl_parser.h"

static bool is_c_identifier(const char *s)
{
    if (!*s || (*s >= '0' && *s <= '9'))
        return false;
    for (; *s; s++)
        if (!(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
            return false;
    return true;
}

edl_enclave_t *edl_load(const char *path, const edl_load_options_t *opt, edl_diag_t **diags, size_t *ndiags)
{
    static const edl_load_options_t defaults = {NULL, 0, true, false};
    if (!opt)
        opt = &defaults;
    edl_diag_t *local = NULL;
    size_t nlocal = 0;
    if (!diags || !ndiags) {        /* the caller does not want them */
        edl_enclave_t *e = edl_load(path, opt, &local, &nlocal);
        free(local);
        return e;
    }
    const char *pf = edl_intern(path ? path : "", path ? strlen(path) : 0);
    edl_pos_t where = {pf ? pf : "<edl>", 1, 1};
    if (!path || !*path) {
        edl_diag_add(diags, ndiags, true, where, "no input file");
        return NULL;
    }
    size_t norder = 0;
    char **order = edl_search_list(opt->search_paths, opt->nsearch_paths, &norder);
    if (!order) {
        edl_diag_add(diags, ndiags, true, where, "out of memory");
        return NULL;
    }
    edl_enclave_t *e = NULL;
    char *file = access(path, F_OK) == 0 ? strdup(path) : edl_find_on_paths(path, order, norder);
    if (!file) {
        edl_diag_add(diags, ndiags, true, where, "File not found within search paths: %s", path);
        goto done;
    }
    edl_import_env_t env = {order, norder, opt->preprocess, NULL, false, diags, ndiags, 0};
    e = edl_load_file(&env, file, where);
    if (!e)
        goto done;
    if (!e->name || !*e->name) {
        edl_diag_add(diags, ndiags, true, where, "file short name is empty");
        goto fail;
    }
    if (!is_c_identifier(e->name))
        edl_diag_add(diags, ndiags, false, where, "file short name `%s' is not a valid C identifier", e->name);
    if (!edl_resolve_imports(&env, e, file))
        goto fail;
    const char *root = edl_intern(file, strlen(file));
    if (edl_check_enclave(e, root ? root : where.file, opt->header_only, diags, ndiags) > 0)
        goto fail;
    goto done;
fail:
    edl_enclave_free(e);
    e = NULL;
done:
    free(file);
    edl_strv_free(order, norder);
    return e;
}
