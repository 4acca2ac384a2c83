/* test_edl_parser.c — the EDL frontend on valid input: every construct of Intel's grammar parsed
 * into the exact tree (types and their C spelling, pointers, const, arrays, every parameter
 * attribute, struct deep-copy members, unions, enums, includes, imports, public and private
 * ECALLs, allow lists, propagate_errno, transition_using_threads, calling conventions, merged
 * blocks, positions), then edl_load: the search order, imports (`import *' recursion, named
 * imports found in nested files, each file merged once, includes and types merged, index
 * order) and preprocessing (#define/#if, line numbers kept, and the fallback without a
 * preprocessor). The error rules are in test_edl_errors.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edl_check.h"
#include "edl_frontend.h"
#include "edl_imports.h"

static edl_enclave_t *parse_ok(const char *text)
{
    edl_diag_t d;
    edl_enclave_t *e = edl_parse_text(text, strlen(text), "t.edl", &d);
    if (!e)
        fail_msg("parse failed: %d:%d: %s", d.pos.line, d.pos.column, d.message);
    return e;
}

static const edl_func_t *find_func(const edl_enclave_t *e, const char *name)
{
    for (size_t i = 0; i < e->ntrusted; i++)
        if (strcmp(e->trusted[i].name, name) == 0)
            return &e->trusted[i];
    for (size_t i = 0; i < e->nuntrusted; i++)
        if (strcmp(e->untrusted[i].name, name) == 0)
            return &e->untrusted[i];
    fail_msg("no function %s", name);
    return NULL;
}

static void test_minimal(void **state)
{
    (void)state;
    edl_enclave_t *e = parse_ok("enclave { };");
    assert_string_equal(e->name, "t");
    assert_int_equal(e->ntrusted + e->nuntrusted + e->ntypes + e->nimports + e->nincludes, 0);
    assert_int_equal(e->pos.line, 1);
    assert_int_equal(e->pos.column, 1);
    edl_enclave_free(e);
    edl_diag_t d;
    e = edl_parse_text("enclave{};", 10, "dir/My.Enclave.edl", &d);
    assert_non_null(e);
    assert_string_equal(e->name, "My.Enclave");
    assert_string_equal(e->pos.file, "dir/My.Enclave.edl");
    edl_enclave_free(e);
}

static void test_builtin_types(void **state)
{
    (void)state;
    static const struct {
        const char *decl, *spelling;
        edl_type_kind_t kind;
    } cases[] = {
        {"char", "char", EDL_TYPE_BUILTIN},
        {"unsigned char", "unsigned char", EDL_TYPE_BUILTIN},
        {"short", "short", EDL_TYPE_BUILTIN},
        {"short int", "short", EDL_TYPE_BUILTIN},
        {"unsigned short", "unsigned short", EDL_TYPE_BUILTIN},
        {"unsigned short int", "unsigned short", EDL_TYPE_BUILTIN},
        {"int", "int", EDL_TYPE_BUILTIN},
        {"unsigned", "unsigned int", EDL_TYPE_BUILTIN},
        {"unsigned int", "unsigned int", EDL_TYPE_BUILTIN},
        {"long", "long", EDL_TYPE_BUILTIN},
        {"long int", "long", EDL_TYPE_BUILTIN},
        {"unsigned long", "unsigned long", EDL_TYPE_BUILTIN},
        {"unsigned long int", "unsigned long", EDL_TYPE_BUILTIN},
        {"long long", "long long", EDL_TYPE_BUILTIN},
        {"unsigned long long", "unsigned long long", EDL_TYPE_BUILTIN},
        {"float", "float", EDL_TYPE_BUILTIN},
        {"double", "double", EDL_TYPE_BUILTIN},
        {"long double", "long double", EDL_TYPE_BUILTIN},
        {"int8_t", "int8_t", EDL_TYPE_BUILTIN},
        {"int16_t", "int16_t", EDL_TYPE_BUILTIN},
        {"int32_t", "int32_t", EDL_TYPE_BUILTIN},
        {"int64_t", "int64_t", EDL_TYPE_BUILTIN},
        {"uint8_t", "uint8_t", EDL_TYPE_BUILTIN},
        {"uint16_t", "uint16_t", EDL_TYPE_BUILTIN},
        {"uint32_t", "uint32_t", EDL_TYPE_BUILTIN},
        {"uint64_t", "uint64_t", EDL_TYPE_BUILTIN},
        {"size_t", "size_t", EDL_TYPE_BUILTIN},
        {"wchar_t", "wchar_t", EDL_TYPE_BUILTIN},
        {"struct S", "S", EDL_TYPE_STRUCT},
        {"union U", "U", EDL_TYPE_UNION},
        {"enum E", "E", EDL_TYPE_ENUM},
        {"sgx_status_t", "sgx_status_t", EDL_TYPE_FOREIGN},
        {"bool", "bool", EDL_TYPE_FOREIGN},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[256];
        snprintf(text, sizeof text, "enclave { trusted { public %s f(%s v); }; };", cases[i].decl, cases[i].decl);
        edl_enclave_t *e = parse_ok(text);
        const edl_func_t *f = &e->trusted[0];
        assert_int_equal(f->ret.kind, cases[i].kind);
        assert_string_equal(f->ret.name, cases[i].spelling);
        assert_int_equal(f->ret.pointers, 0);
        assert_int_equal(f->nparams, 1);
        assert_int_equal(f->params[0].type.kind, cases[i].kind);
        assert_string_equal(f->params[0].type.name, cases[i].spelling);
        assert_false(f->params[0].attrs.present);
        edl_enclave_free(e);
    }
    edl_enclave_t *e = parse_ok("enclave { trusted { public void f(); public void *g(void); }; };");
    assert_int_equal(e->trusted[0].ret.kind, EDL_TYPE_VOID);
    assert_string_equal(e->trusted[0].ret.name, "void");
    assert_int_equal(e->trusted[0].nparams, 0);
    assert_int_equal(e->trusted[1].nparams, 0);
    assert_int_equal(e->trusted[1].ret.pointers, 1);
    edl_enclave_free(e);
}

static void test_pointers_const_arrays(void **state)
{
    (void)state;
    edl_enclave_t *e = parse_ok(
        "enclave { trusted {\n"
        "  public char **f([in, string] const char *s, [user_check] int ***p,\n"
        "                  [in] int m[2][3][4], [out] const struct S *o);\n"
        "}; };");
    const edl_func_t *f = &e->trusted[0];
    assert_int_equal(f->ret.pointers, 2);
    assert_int_equal(f->nparams, 4);
    assert_true(f->params[0].type.is_const);
    assert_int_equal(f->params[0].type.pointers, 1);
    assert_string_equal(f->params[0].name, "s");
    assert_int_equal(f->params[1].type.pointers, 3);
    assert_false(f->params[1].type.is_const);
    assert_int_equal(f->params[2].ndims, 3);
    assert_int_equal(f->params[2].dims[0], 2);
    assert_int_equal(f->params[2].dims[1], 3);
    assert_int_equal(f->params[2].dims[2], 4);
    assert_int_equal(f->params[2].type.pointers, 0);
    assert_true(f->params[3].type.is_const);
    assert_int_equal(f->params[3].type.kind, EDL_TYPE_STRUCT);
    /* positions: the name of the function and of each parameter */
    assert_int_equal(f->pos.line, 2);
    assert_int_equal(f->pos.column, 17);
    assert_int_equal(f->params[1].pos.line, 2);
    assert_int_equal(f->params[1].pos.column, 67);
    assert_int_equal(f->params[2].pos.line, 3);
    assert_int_equal(f->params[2].pos.column, 28);
    assert_int_equal(f->params[0].attrs.pos.line, 2);
    assert_int_equal(f->params[0].attrs.pos.column, 19);
    edl_enclave_free(e);
}

static void test_attributes(void **state)
{
    (void)state;
    edl_enclave_t *e = parse_ok(
        "enclave { trusted { public void f(\n"
        "  [in] int *a, [out] int *b, [in, out] int *c, [out, in] int *c2, [user_check] int *d,\n"
        "  [in, string] char *e, [in, wstring] wchar_t *w,\n"
        "  [in, size=len] void *g, [in, count=16] int *h, [out, size=4, count=n] int *i,\n"
        "  [in, isptr, readonly, size = len] buf_t j, [user_check, isary] arr_t k,\n"
        "  size_t len, size_t n);\n"
        "}; };");
    const edl_func_t *f = &e->trusted[0];
    assert_int_equal(f->nparams, 14);
    const edl_attrs_t *a = &f->params[0].attrs;
    assert_true(a->present && a->in && !a->out && !a->user_check);
    a = &f->params[1].attrs;
    assert_true(a->out && !a->in);
    assert_true(f->params[2].attrs.in && f->params[2].attrs.out);
    assert_true(f->params[3].attrs.in && f->params[3].attrs.out);
    assert_true(f->params[4].attrs.user_check && !f->params[4].attrs.in);
    assert_true(f->params[5].attrs.string && !f->params[5].attrs.wstring);
    assert_true(f->params[6].attrs.wstring);
    a = &f->params[7].attrs;
    assert_int_equal(a->size.kind, EDL_SIZE_NAME);
    assert_string_equal(a->size.name, "len");
    assert_int_equal(a->size.pos.line, 4);
    assert_int_equal(a->size.pos.column, 8);
    assert_int_equal(a->count.kind, EDL_SIZE_NONE);
    a = &f->params[8].attrs;
    assert_int_equal(a->count.kind, EDL_SIZE_NUMBER);
    assert_int_equal(a->count.number, 16);
    a = &f->params[9].attrs;
    assert_int_equal(a->size.kind, EDL_SIZE_NUMBER);
    assert_int_equal(a->size.number, 4);
    assert_int_equal(a->count.kind, EDL_SIZE_NAME);
    assert_string_equal(a->count.name, "n");
    a = &f->params[10].attrs;
    assert_true(a->in && a->isptr && a->readonly && !a->isary);
    assert_string_equal(a->size.name, "len");
    assert_int_equal(f->params[10].type.kind, EDL_TYPE_FOREIGN);
    a = &f->params[11].attrs;
    assert_true(a->user_check && a->isary && !a->isptr);
    assert_false(f->params[12].attrs.present);
    edl_diag_t *diags = NULL;
    size_t n = 0;
    assert_int_equal(edl_check_decls(e, &diags, &n), 0);
    assert_int_equal(n, 0);
    free(diags);
    edl_enclave_free(e);
}

static void test_types_definitions(void **state)
{
    (void)state;
    edl_enclave_t *e = parse_ok(
        "enclave {\n"
        "  struct deep { size_t len; [size=len] char *buf; [count=len] int *vals; int fixed[4][2]; struct deep *next; };\n"
        "  union u { int i; float f; char bytes[8]; };\n"
        "  enum e { A, B = 3, C = B, D };\n"
        "  enum { ANON = 1 };\n"
        "  enum empty { };\n"
        "};");
    assert_int_equal(e->ntypes, 5);
    const edl_typedef_t *s = &e->types[0];
    assert_int_equal(s->kind, EDL_DEF_STRUCT);
    assert_string_equal(s->name, "deep");
    assert_int_equal(s->pos.line, 2);
    assert_int_equal(s->pos.column, 10);
    assert_int_equal(s->nmembers, 5);
    assert_false(s->members[0].attrs.present);
    assert_true(s->members[1].attrs.present);
    assert_int_equal(s->members[1].attrs.size.kind, EDL_SIZE_NAME);
    assert_string_equal(s->members[1].attrs.size.name, "len");
    assert_string_equal(s->members[2].attrs.count.name, "len");
    assert_int_equal(s->members[3].ndims, 2);
    assert_int_equal(s->members[3].dims[1], 2);
    assert_int_equal(s->members[4].type.kind, EDL_TYPE_STRUCT);
    assert_int_equal(s->members[4].type.pointers, 1);
    const edl_typedef_t *u = &e->types[1];
    assert_int_equal(u->kind, EDL_DEF_UNION);
    assert_int_equal(u->nmembers, 3);
    assert_int_equal(u->members[2].dims[0], 8);
    const edl_typedef_t *en = &e->types[2];
    assert_int_equal(en->kind, EDL_DEF_ENUM);
    assert_int_equal(en->nvalues, 4);
    assert_null(en->values[0].value);
    assert_string_equal(en->values[1].value, "3");
    assert_string_equal(en->values[2].value, "B");
    assert_string_equal(en->values[3].name, "D");
    assert_null(e->types[3].name);
    assert_int_equal(e->types[3].pos.line, 5);
    assert_int_equal(e->types[3].pos.column, 3);
    assert_int_equal(e->types[4].nvalues, 0);
    edl_diag_t *diags = NULL;
    size_t n = 0;
    assert_int_equal(edl_check_decls(e, &diags, &n), 0);
    free(diags);
    edl_enclave_free(e);
}

static void test_includes_imports_blocks(void **state)
{
    (void)state;
    edl_enclave_t *e = parse_ok(
        "enclave {\n"
        "  include \"a.h\"\n"
        "  from \"x.edl\" import *;\n"
        "  from \"sub/y.edl\" import f1, f2;\n"
        "  trusted { include \"t1.h\" include \"t2.h\" public void e1(void); };\n"
        "  untrusted { include \"u.h\" void o1(void); };\n"
        "  include \"b.h\"\n"
        "  trusted { void e2(void) transition_using_threads; };\n"
        "  untrusted { void o2(void); };\n"
        "};");
    assert_int_equal(e->nincludes, 2);
    assert_string_equal(e->includes[0].file, "a.h");
    assert_string_equal(e->includes[1].file, "b.h");
    assert_int_equal(e->includes[1].pos.line, 7);
    assert_int_equal(e->ntrusted_includes, 2);
    assert_string_equal(e->trusted_includes[1].file, "t2.h");
    assert_int_equal(e->nuntrusted_includes, 1);
    assert_string_equal(e->untrusted_includes[0].file, "u.h");
    assert_int_equal(e->nimports, 2);
    assert_true(e->imports[0].all);
    assert_string_equal(e->imports[0].file, "x.edl");
    assert_int_equal(e->imports[0].nnames, 0);
    assert_false(e->imports[1].all);
    assert_int_equal(e->imports[1].nnames, 2);
    assert_string_equal(e->imports[1].names[1], "f2");
    assert_int_equal(e->imports[1].pos.line, 4);
    assert_int_equal(e->imports[1].pos.column, 3);
    assert_int_equal(e->ntrusted, 2);
    assert_string_equal(e->trusted[1].name, "e2");
    assert_true(e->trusted[0].is_public && e->trusted[0].trusted);
    assert_false(e->trusted[1].is_public);
    assert_true(e->trusted[1].switchless);
    assert_int_equal(e->nuntrusted, 2);
    assert_false(e->untrusted[0].trusted);
    edl_enclave_free(e);
}

static void test_ocall_attributes(void **state)
{
    (void)state;
    edl_enclave_t *e = parse_ok(
        "enclave { trusted { public void e(void); void p(void); void q(void); };\n"
        "untrusted {\n"
        "  [cdecl] void o1(void) allow(p, q);\n"
        "  [stdcall, dllimport] void o2(void) propagate_errno;\n"
        "  [fastcall] void o3(void) transition_using_threads;\n"
        "  void o4(void) allow() propagate_errno transition_using_threads;\n"
        "  void o5(void) allow(p) transition_using_threads propagate_errno;\n"
        "  [dllimport] int o6(int x);\n"
        "}; };");
    const edl_func_t *o = find_func(e, "o1");
    assert_int_equal(o->conv, EDL_CONV_CDECL);
    assert_int_equal(o->nallow, 2);
    assert_string_equal(o->allow[0], "p");
    assert_string_equal(o->allow[1], "q");
    assert_false(o->propagate_errno || o->switchless || o->dllimport);
    o = find_func(e, "o2");
    assert_int_equal(o->conv, EDL_CONV_STDCALL);
    assert_true(o->dllimport && o->propagate_errno && !o->switchless);
    o = find_func(e, "o3");
    assert_int_equal(o->conv, EDL_CONV_FASTCALL);
    assert_true(o->switchless && !o->propagate_errno);
    o = find_func(e, "o4");
    assert_int_equal(o->nallow, 0);
    assert_true(o->switchless && o->propagate_errno);
    o = find_func(e, "o5");
    assert_int_equal(o->nallow, 1);
    assert_true(o->switchless && o->propagate_errno);
    o = find_func(e, "o6");
    assert_int_equal(o->conv, EDL_CONV_NONE);
    assert_true(o->dllimport);
    edl_diag_t *diags = NULL;
    size_t n = 0;
    assert_int_equal(edl_check_decls(e, &diags, &n), 0);
    assert_int_equal(edl_check_enclave(e, "t.edl", false, &diags, &n), 0);
    assert_int_equal(n, 0);             /* p and q are allowed by o1: no warning */
    free(diags);
    edl_enclave_free(e);
}

static void test_comments_and_whitespace(void **state)
{
    (void)state;
    edl_enclave_t *e = parse_ok(
        "// line comment\n"
        "enclave /* inline */ {\r\n"
        "\ttrusted {\n"
        "\t\t/* a\n   multi-line\n   comment */ public void f(int/**/x); // trailing\n"
        "\t};\n"
        "};\n// end");
    assert_int_equal(e->trusted[0].pos.line, 6);
    assert_int_equal(e->trusted[0].pos.column, 27);
    assert_string_equal(e->trusted[0].params[0].name, "x");
    edl_enclave_free(e);
}

static void test_search_order(void **state)
{
    (void)state;
    size_t n;
    char **v = edl_search_order(NULL, 0, &n);
    assert_int_equal(n, 1);
    assert_string_equal(v[0], ".");
    edl_strv_free(v, n);
    const char *occ[] = {"a:b", "c", "::d::"};
    v = edl_search_order(occ, 3, &n);
    assert_int_equal(n, 5);
    assert_string_equal(v[0], "d");
    assert_string_equal(v[1], "c");
    assert_string_equal(v[2], "a");
    assert_string_equal(v[3], "b");
    assert_string_equal(v[4], ".");
    edl_strv_free(v, n);
}

static edl_enclave_t *load(const char *path, const char *const *sp, size_t nsp, bool pp, edl_diag_t **d, size_t *nd)
{
    edl_load_options_t o = {sp, nsp, pp, false};
    *d = NULL;
    *nd = 0;
    return edl_load(path, &o, d, nd);
}

static void test_search_path_order(void **state)
{
    (void)state;
    edl_diag_t *d;
    size_t nd;
    /* the options hold the search order: first entry searched first */
    const char *two_first[] = {VSGX_EDL_DIR "/search/two", VSGX_EDL_DIR "/search/one"};
    edl_enclave_t *e = load(VSGX_EDL_DIR "/search/root.edl", two_first, 2, false, &d, &nd);
    assert_non_null(e);
    assert_int_equal(e->ntrusted, 1);
    assert_string_equal(e->trusted[0].name, "from_two");
    assert_string_equal(e->trusted[0].pos.file, VSGX_EDL_DIR "/search/two/pick.edl");
    edl_enclave_free(e);
    free(d);
    /* `--search-path one --search-path two': the later occurrence is prepended, searched first */
    const char *occ[] = {VSGX_EDL_DIR "/search/one", VSGX_EDL_DIR "/search/two"};
    size_t norder;
    char **order = edl_search_order(occ, 2, &norder);
    assert_int_equal(norder, 3);
    e = load(VSGX_EDL_DIR "/search/root.edl", (const char *const *)order, norder, false, &d, &nd);
    assert_non_null(e);
    assert_string_equal(e->trusted[0].name, "from_two");
    edl_enclave_free(e);
    free(d);
    edl_strv_free(order, norder);
    /* within one ':'-separated entry, in order */
    const char *one[] = {VSGX_EDL_DIR "/search/one:" VSGX_EDL_DIR "/search/two"};
    e = load(VSGX_EDL_DIR "/search/root.edl", one, 1, false, &d, &nd);
    assert_non_null(e);
    assert_string_equal(e->trusted[0].name, "from_one");
    edl_enclave_free(e);
    free(d);
    size_t n;
    char **v = edl_search_list(one, 1, &n);
    assert_int_equal(n, 3);
    assert_string_equal(v[0], VSGX_EDL_DIR "/search/one");
    assert_string_equal(v[2], ".");
    edl_strv_free(v, n);
    /* the root itself is found on the search path when it is not an existing path */
    const char *dir[] = {VSGX_EDL_DIR "/search"};
    e = load("root.edl.missing", dir, 1, false, &d, &nd);
    assert_null(e);
    assert_int_equal(nd, 1);
    assert_string_equal(d[0].message, "File not found within search paths: root.edl.missing");
    free(d);
    const char *dirs[] = {VSGX_EDL_DIR "/search/one", VSGX_EDL_DIR "/search"};
    e = load("root.edl", dirs, 2, false, &d, &nd);
    assert_non_null(e);
    assert_string_equal(e->name, "root");
    assert_string_equal(e->trusted[0].name, "from_one");
    edl_enclave_free(e);
    free(d);
}

static void test_imports_merge(void **state)
{
    (void)state;
    edl_diag_t *d;
    size_t nd;
    const char *sp[] = {VSGX_EDL_DIR "/imports"};
    for (int pp = 0; pp < 2; pp++) {
        edl_enclave_t *e = load("main.edl", sp, 1, pp, &d, &nd);
        if (!e)
            fail_msg("%s:%d:%d: %s", d[0].pos.file, d[0].pos.line, d[0].pos.column, d[0].message);
        assert_int_equal(nd, 0);
        assert_string_equal(e->name, "main");
        static const char *const ecalls[] = {"main_ecall", "types_ecall", "lib_pub", "deep_b", "da", "common_fn"};
        assert_int_equal(e->ntrusted, 6);
        for (size_t i = 0; i < 6; i++)
            assert_string_equal(e->trusted[i].name, ecalls[i]);
        assert_false(e->trusted[3].is_public);
        static const char *const ocalls[] = {"main_ocall", "types_ocall", "db"};
        assert_int_equal(e->nuntrusted, 3);
        for (size_t i = 0; i < 3; i++)
            assert_string_equal(e->untrusted[i].name, ocalls[i]);
        /* includes and types of `import *' files only, each once */
        assert_int_equal(e->nincludes, 2);
        assert_string_equal(e->includes[0].file, "main.h");
        assert_string_equal(e->includes[1].file, "types.h");
        assert_int_equal(e->ntrusted_includes, 1);
        assert_string_equal(e->trusted_includes[0].file, "types_t.h");
        assert_int_equal(e->nuntrusted_includes, 1);
        assert_string_equal(e->untrusted_includes[0].file, "types_u.h");
        assert_int_equal(e->ntypes, 3);
        assert_string_equal(e->types[0].name, "point");
        assert_string_equal(e->types[1].name, "color");
        assert_string_equal(e->types[2].name, "shared_s");
        /* positions name the file each node came from */
        assert_string_equal(e->trusted[3].pos.file, VSGX_EDL_DIR "/imports/lib/deep.edl");
        assert_int_equal(e->trusted[3].pos.line, 4);
        assert_int_equal(e->trusted[3].pos.column, 14);
        assert_string_equal(e->trusted[0].pos.file, VSGX_EDL_DIR "/imports/main.edl");
        edl_enclave_free(e);
        free(d);
    }
}

static void test_imports_once(void **state)
{
    (void)state;
    edl_diag_t *d;
    size_t nd;
    const char *sp[] = {VSGX_EDL_DIR "/imports"};
    /* a name listed twice, and a file imported twice by name: each function once */
    edl_enclave_t *e = load("repeat.edl", sp, 1, true, &d, &nd);
    if (!e)
        fail_msg("%d:%d: %s", d[0].pos.line, d[0].pos.column, d[0].message);
    assert_int_equal(nd, 0);
    assert_int_equal(e->ntrusted, 2);
    assert_string_equal(e->trusted[0].name, "deep_a");
    assert_string_equal(e->trusted[1].name, "deep_b");
    assert_int_equal(e->nuntrusted, 1);
    edl_enclave_free(e);
    free(d);
}

static void test_preprocess_defines(void **state)
{
    (void)state;
    edl_diag_t *d;
    size_t nd;
    edl_enclave_t *e = load(VSGX_EDL_DIR "/pp/defines.edl", NULL, 0, true, &d, &nd);
    if (!e)
        fail_msg("%d:%d: %s", d[0].pos.line, d[0].pos.column, d[0].message);
    assert_int_equal(e->ntrusted, 2);
    assert_string_equal(e->trusted[0].name, "pp_fixed");
    assert_int_equal(e->trusted[0].params[0].dims[0], 64);
    assert_string_equal(e->trusted[1].name, "pp_extra");
    assert_int_equal(e->trusted[1].pos.line, 9);              /* line markers keep the lines */
    assert_int_equal(e->trusted[1].pos.column, 21);
    assert_string_equal(e->trusted[1].pos.file, VSGX_EDL_DIR "/pp/defines.edl");
    edl_enclave_free(e);
    free(d);
    /* without preprocessing, a directive is an invalid token, as in Intel's lexer */
    e = load(VSGX_EDL_DIR "/pp/defines.edl", NULL, 0, false, &d, &nd);
    assert_null(e);
    assert_int_equal(nd, 1);
    assert_string_equal(d[0].message, "Invalid token: #");
    assert_int_equal(d[0].pos.line, 3);
    assert_int_equal(d[0].pos.column, 1);
    free(d);
}

static void test_preprocess_lines(void **state)
{
    (void)state;
    edl_diag_t *d;
    size_t nd;
    edl_enclave_t *e = load(VSGX_EDL_DIR "/pp/lines.edl", NULL, 0, true, &d, &nd);
    assert_null(e);
    assert_int_equal(nd, 1);
    assert_string_equal(d[0].message, "pointer/array should have direction attribute or `user_check'");
    assert_string_equal(d[0].pos.file, VSGX_EDL_DIR "/pp/lines.edl");
    assert_int_equal(d[0].pos.line, 9);
    assert_int_equal(d[0].pos.column, 28);
    free(d);
}

static void test_preprocess_include(void **state)
{
    (void)state;
    edl_diag_t *d;
    size_t nd;
    edl_enclave_t *e = load(VSGX_EDL_DIR "/pp/with_include.edl", NULL, 0, true, &d, &nd);
    assert_null(e);
    assert_int_equal(nd, 1);
    assert_string_equal(d[0].message, "`inner': void pointer `buf' - buffer size unknown");
    assert_string_equal(d[0].pos.file, VSGX_EDL_DIR "/pp/fragment.inc");
    assert_int_equal(d[0].pos.line, 3);
    assert_int_equal(d[0].pos.column, 38);
    free(d);
}

static void test_preprocess_fallback(void **state)
{
    (void)state;
    char *saved = getenv("PATH") ? strdup(getenv("PATH")) : NULL;
    setenv("PATH", "/nonexistent-vsgx-path", 1);
    edl_diag_t *d;
    size_t nd;
    edl_enclave_t *e = load(VSGX_EDL_DIR "/pp/plain.edl", NULL, 0, true, &d, &nd);
    assert_non_null(e);
    assert_int_equal(nd, 1);
    assert_false(d[0].error);
    assert_string_equal(d[0].message, "preprocessor is not found");
    assert_string_equal(e->trusted[0].name, "plain");
    edl_enclave_free(e);
    free(d);
    e = load(VSGX_EDL_DIR "/pp/defines.edl", NULL, 0, true, &d, &nd);
    assert_null(e);
    assert_int_equal(nd, 2);
    assert_string_equal(d[1].message, "Invalid token: #");
    free(d);
    if (saved)
        setenv("PATH", saved, 1);
    else
        unsetenv("PATH");
    free(saved);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_minimal),
        cmocka_unit_test(test_builtin_types),
        cmocka_unit_test(test_pointers_const_arrays),
        cmocka_unit_test(test_attributes),
        cmocka_unit_test(test_types_definitions),
        cmocka_unit_test(test_includes_imports_blocks),
        cmocka_unit_test(test_ocall_attributes),
        cmocka_unit_test(test_comments_and_whitespace),
        cmocka_unit_test(test_search_order),
        cmocka_unit_test(test_search_path_order),
        cmocka_unit_test(test_imports_merge),
        cmocka_unit_test(test_imports_once),
        cmocka_unit_test(test_preprocess_defines),
        cmocka_unit_test(test_preprocess_lines),
        cmocka_unit_test(test_preprocess_include),
        cmocka_unit_test(test_preprocess_fallback),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
