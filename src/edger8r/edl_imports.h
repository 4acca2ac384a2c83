/* edl_imports.h — finding EDL files on the search paths and resolving `from "x.edl" import
 * ...;` the way Intel's sgx_edger8r does (Util.ml get_file_path, CodeGen.ml reduce_import):
 *   - the search order starts as "." and each --search-path occurrence (a ':'-separated list)
 *     is prepended to it; files are found via the search paths, never relative to the
 *     importing file; an absolute name is used as it is;
 *   - `import *` takes the imported file's includes, types and functions, and follows its own
 *     imports recursively; `import f, g` takes only those functions, looking for any not
 *     defined there in the files it imports (recursively);
 *   - each function, type and include is merged once; a file that imports itself, directly or
 *     through others, is "detected circled import"; a name found nowhere is "import failed -
 *     functions `f' not found".
 * Deviations from Intel (documented choices): a file imported along two paths (a diamond) is
 * merged once instead of failing with a duplicate; functions asked for from one file may come
 * from different files it imports. Used by edl_load. */
#ifndef VSGX_EDGER8R_EDL_IMPORTS_H
#define VSGX_EDGER8R_EDL_IMPORTS_H

#include <stdbool.h>
#include <stddef.h>

#include "edl_ast.h"

/* The search order for the --search-path arguments given in command-line order (each is
 * prepended, as Intel's Util.ml does). Returns a malloc'd array of *count malloc'd strings
 * (free with edl_strv_free), or NULL. */
char **edl_search_order(const char *const *occurrences, size_t n, size_t *count);
void edl_strv_free(char **v, size_t n);

/* The search order edl_load uses for its search_paths: the entries in the order given (each
 * may be a ':'-separated list, kept in order), then "." (Intel's list always ends with it). */
char **edl_search_list(const char *const *paths, size_t n, size_t *count);

/* The first existing <dir>/<name> on the order (name itself when absolute), malloc'd; NULL. */
char *edl_find_on_paths(const char *name, char *const *order, size_t n);

typedef struct {
    char *const *order;
    size_t norder;
    bool preprocess;
    const char *const *preprocessors;   /* NULL: gcc, then cpp */
    bool warned_no_preprocessor;
    edl_diag_t **diags;
    size_t *ndiags;
    size_t loads;                       /* files loaded so far (bounded) */
} edl_import_env_t;

/* Reads, preprocesses (when asked), parses and checks the declarations of one file. `where`
 * positions a read error. NULL on error, with diagnostics added. */
edl_enclave_t *edl_load_file(edl_import_env_t *env, const char *path, edl_pos_t where);

/* Merges the imports of `root` (loaded from `root_path`) into it, recursively. False on error. */
bool edl_resolve_imports(edl_import_env_t *env, edl_enclave_t *root, const char *root_path);

#endif
