/* edl_ast.h — the Enclave Definition Language as the compiler holds it after parsing: an
 * enclave's includes, user types (struct, union, enum) and functions (trusted ECALLs, untrusted
 * OCALLs) with their parameters and attributes, every node with its source position. The
 * frontend (parser, imports, checks) builds it; the code generators read it. Host code. */
#ifndef VSGX_EDGER8R_EDL_AST_H
#define VSGX_EDGER8R_EDL_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char *file;           /* as named on the command line or found on the search path */
    int line, column;           /* 1-based */
} edl_pos_t;

typedef enum {
    EDL_TYPE_VOID,
    EDL_TYPE_BUILTIN,           /* char, unsigned int, long double, int8_t..uint64_t, size_t, wchar_t, ... */
    EDL_TYPE_STRUCT,            /* struct NAME */
    EDL_TYPE_UNION,             /* union NAME */
    EDL_TYPE_ENUM,              /* enum NAME */
    EDL_TYPE_FOREIGN,           /* any other identifier: a typedef from an included header */
} edl_type_kind_t;

typedef struct {
    edl_type_kind_t kind;
    char *name;                 /* BUILTIN: its C spelling ("unsigned long long"); STRUCT/UNION/ENUM/
                                   FOREIGN: the tag or typedef name; VOID: "void" */
    bool is_const;
    int pointers;               /* number of '*' */
} edl_type_t;

typedef enum { EDL_SIZE_NONE, EDL_SIZE_NUMBER, EDL_SIZE_NAME } edl_size_kind_t;

typedef struct {
    edl_size_kind_t kind;
    uint64_t number;            /* EDL_SIZE_NUMBER */
    char *name;                 /* EDL_SIZE_NAME: a parameter (or, in a struct, a member) */
    edl_pos_t pos;
} edl_size_t;

typedef struct {
    bool present;               /* a [...] list was written (even if empty: an error) */
    bool in, out, user_check, string, wstring, isptr, isary, readonly;
    edl_size_t size, count;
    edl_pos_t pos;
} edl_attrs_t;

/* A parameter, or a member of a struct or union. */
typedef struct {
    edl_type_t type;
    char *name;
    uint64_t *dims;             /* array dimensions, outermost first */
    size_t ndims;
    edl_attrs_t attrs;
    edl_pos_t pos;
} edl_param_t;

typedef enum { EDL_CONV_NONE, EDL_CONV_CDECL, EDL_CONV_STDCALL, EDL_CONV_FASTCALL } edl_callconv_t;

typedef struct {
    char *name;
    edl_type_t ret;
    edl_param_t *params;
    size_t nparams;
    bool trusted;               /* an ECALL (trusted block) or an OCALL (untrusted block) */
    bool is_public;             /* ECALLs: public root ECALL */
    bool switchless;            /* transition_using_threads */
    bool propagate_errno;       /* OCALLs */
    char **allow;               /* OCALLs: the ECALLs allowed during this OCALL */
    size_t nallow;
    edl_callconv_t conv;        /* OCALLs: [cdecl] etc. (nothing on Linux) */
    bool dllimport;
    edl_pos_t pos;
} edl_func_t;

typedef struct {
    char *name;
    char *value;                /* NULL, digits, or an identifier (another enumerator or a macro) */
    edl_pos_t pos;
} edl_enumerator_t;

typedef enum { EDL_DEF_STRUCT, EDL_DEF_UNION, EDL_DEF_ENUM } edl_def_kind_t;

typedef struct {
    edl_def_kind_t kind;
    char *name;                 /* NULL for an anonymous enum */
    edl_param_t *members;       /* struct and union (members may carry [size]/[count]) */
    size_t nmembers;
    edl_enumerator_t *values;   /* enum */
    size_t nvalues;
    edl_pos_t pos;
} edl_typedef_t;

typedef struct {
    char *file;                 /* "x.edl" */
    char **names;               /* the functions imported; none with all */
    size_t nnames;
    bool all;                   /* import * */
    edl_pos_t pos;
} edl_import_t;

typedef struct {
    char *file;
    edl_pos_t pos;
} edl_include_t;

/* One EDL file as parsed, or, after edl_load, the enclave with its imports merged: the root's own
 * functions first, then the imported ones in import order, each once. */
typedef struct {
    char *name;                 /* the enclave name: the root file's basename without extension */
    edl_include_t *includes, *trusted_includes, *untrusted_includes;
    size_t nincludes, ntrusted_includes, nuntrusted_includes;
    edl_typedef_t *types;
    size_t ntypes;
    edl_func_t *trusted, *untrusted;    /* ECALLs and OCALLs, in index order */
    size_t ntrusted, nuntrusted;
    edl_import_t *imports;
    size_t nimports;
    edl_pos_t pos;              /* added by the frontend: the `enclave' keyword (of the root file) */
} edl_enclave_t;

void edl_enclave_free(edl_enclave_t *e);

/* A diagnostic "file:line:column: message" (or a warning). */
typedef struct {
    bool error;
    edl_pos_t pos;
    char message[512];
} edl_diag_t;

#endif
