/* test_edl_errors.c — every error rule of the EDL frontend with Intel's message and our
 * position: each file of tests/edl/errors/ is one rule and names the first error it must give
 * on its first line (`// expect: LINE:COLUMN: message'); it is loaded with and without the C
 * preprocessor (the line markers keep the positions; `expect-raw' files only without, as gcc
 * itself rejects them). tests/edl/warnings/ holds the warnings the same way on files that load.
 * Then the import errors (cycles, missing files and functions, errors inside an imported file,
 * duplicates through imports), preprocessor failures, --header-only, and hostile input. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edl_check.h"
#include "edl_frontend.h"

typedef struct {
    char *names[256];
    size_t n;
} listing_t;

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list_edl(const char *dir, listing_t *l)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *de;
    l->n = 0;
    while ((de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        if (len > 4 && strcmp(de->d_name + len - 4, ".edl") == 0 && l->n < 256)
            l->names[l->n++] = strdup(de->d_name);
    }
    closedir(d);
    qsort(l->names, l->n, sizeof *l->names, cmp_str);
}

static void free_listing(listing_t *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->names[i]);
}

/* The first line's `// <tag>: L:C: message'. */
static bool read_expectation(const char *path, char *tag, int *line, int *col, char *msg, size_t cap)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    char buf[700];
    bool ok = fgets(buf, sizeof buf, f) != NULL;
    fclose(f);
    if (!ok)
        return false;
    buf[strcspn(buf, "\n")] = '\0';
    int consumed = 0;
    if (sscanf(buf, "// %31[a-z-]: %d:%d: %n", tag, line, col, &consumed) != 3 || consumed == 0)
        return false;
    snprintf(msg, cap, "%s", buf + consumed);
    return true;
}

static edl_enclave_t *load(const char *path, const char *const *sp, size_t nsp, bool pp, bool header_only,
                           edl_diag_t **d, size_t *nd)
{
    edl_load_options_t o = {sp, nsp, pp, header_only};
    *d = NULL;
    *nd = 0;
    return edl_load(path, &o, d, nd);
}

static const edl_diag_t *first(const edl_diag_t *d, size_t n, bool error)
{
    for (size_t i = 0; i < n; i++)
        if (d[i].error == error)
            return &d[i];
    return NULL;
}

static void test_error_files(void **state)
{
    (void)state;
    listing_t l;
    list_edl(VSGX_EDL_DIR "/errors", &l);
    assert_true(l.n >= 90);
    int bad = 0;
    for (size_t i = 0; i < l.n; i++) {
        char path[600], tag[32], msg[600];
        int line, col;
        snprintf(path, sizeof path, "%s/errors/%s", VSGX_EDL_DIR, l.names[i]);
        if (!read_expectation(path, tag, &line, &col, msg, sizeof msg)) {
            print_error("%s: no expectation line\n", l.names[i]);
            bad++;
            continue;
        }
        for (int pp = 0; pp < 2; pp++) {
            if (pp && strcmp(tag, "expect-raw") == 0)
                continue;
            edl_diag_t *d;
            size_t nd;
            edl_enclave_t *e = load(path, NULL, 0, pp, false, &d, &nd);
            const edl_diag_t *err = first(d, nd, true);
            if (e || !err || err->pos.line != line || err->pos.column != col || strcmp(err->message, msg) != 0 ||
                strcmp(err->pos.file, path) != 0) {
                print_error("%s (%s): expected %d:%d: %s\n   got %s:%d:%d: %s\n", l.names[i], pp ? "cpp" : "raw", line,
                            col, msg, err ? err->pos.file : "-", err ? err->pos.line : 0, err ? err->pos.column : 0,
                            err ? err->message : (e ? "(accepted)" : "(no error)"));
                bad++;
            }
            edl_enclave_free(e);
            free(d);
        }
    }
    free_listing(&l);
    assert_int_equal(bad, 0);
}

static void test_warning_files(void **state)
{
    (void)state;
    listing_t l;
    list_edl(VSGX_EDL_DIR "/warnings", &l);
    assert_true(l.n >= 4);
    int bad = 0;
    for (size_t i = 0; i < l.n; i++) {
        char path[600], tag[32], msg[600];
        int line, col;
        snprintf(path, sizeof path, "%s/warnings/%s", VSGX_EDL_DIR, l.names[i]);
        assert_true(read_expectation(path, tag, &line, &col, msg, sizeof msg));
        edl_diag_t *d;
        size_t nd;
        edl_enclave_t *e = load(path, NULL, 0, true, false, &d, &nd);
        const edl_diag_t *w = first(d, nd, false);
        if (!e || !w || w->pos.line != line || w->pos.column != col || strcmp(w->message, msg) != 0) {
            print_error("%s: expected warning %d:%d: %s\n   got %d:%d: %s\n", l.names[i], line, col, msg,
                        w ? w->pos.line : 0, w ? w->pos.column : 0, w ? w->message : (e ? "(none)" : d[0].message));
            bad++;
        }
        edl_enclave_free(e);
        free(d);
    }
    free_listing(&l);
    assert_int_equal(bad, 0);
}

/* Loads `file` under tests/edl/imports with that directory as the search path; expects one
 * error at file:line:col with `msg'. */
static void expect_import_error(const char *file, const char *at, int line, int col, const char *msg)
{
    const char *sp[] = {VSGX_EDL_DIR "/imports"};
    edl_diag_t *d;
    size_t nd;
    edl_enclave_t *e = load(file, sp, 1, true, false, &d, &nd);
    assert_null(e);
    const edl_diag_t *err = first(d, nd, true);
    assert_non_null(err);
    assert_string_equal(err->message, msg);
    assert_string_equal(err->pos.file, at);
    assert_int_equal(err->pos.line, line);
    assert_int_equal(err->pos.column, col);
    free(d);
}

#define IMP VSGX_EDL_DIR "/imports/"

static void test_import_cycle(void **state)
{
    (void)state;
    expect_import_error("cycle/a.edl", IMP "cycle/b.edl", 2, 5, "detected circled import for `" IMP "cycle/a.edl'");
    expect_import_error("cycle/self.edl", IMP "cycle/self.edl", 5, 5,
                        "detected circled import for `" IMP "cycle/self.edl'");
}

static void test_import_not_found(void **state)
{
    (void)state;
    expect_import_error("bad/missing_file.edl", IMP "bad/missing_file.edl", 2, 5,
                        "File not found within search paths: nowhere.edl");
    expect_import_error("bad/missing_func.edl", IMP "bad/missing_func.edl", 5, 5,
                        "import failed - functions `nope' not found");
    /* files are found via the search paths only, not relative to the importing file */
    edl_diag_t *d;
    size_t nd;
    edl_enclave_t *e = load(IMP "main.edl", NULL, 0, false, false, &d, &nd);
    assert_null(e);
    assert_string_equal(d[0].message, "File not found within search paths: lib/types.edl");
    free(d);
}

static void test_import_errors_inside(void **state)
{
    (void)state;
    expect_import_error("bad/bad_sub.edl", IMP "bad/broken.edl", 3, 39, "`broken': void pointer `p' - buffer size unknown");
    expect_import_error("bad/dup_import.edl", IMP "lib/deep.edl", 3, 21,
                        "Multiple definition of function \"deep_a\" detected.");
}

static void test_preprocessor_failure(void **state)
{
    (void)state;
    edl_diag_t *d;
    size_t nd;
    edl_enclave_t *e = load(VSGX_EDL_DIR "/pp/error.edl", NULL, 0, true, false, &d, &nd);
    assert_null(e);
    assert_int_equal(nd, 1);
    assert_true(d[0].error);
    assert_string_equal(d[0].message, "Preprocessor failed: error: #error stop here");
    assert_string_equal(d[0].pos.file, VSGX_EDL_DIR "/pp/error.edl");
    assert_int_equal(d[0].pos.line, 1);
    assert_int_equal(d[0].pos.column, 2);
    free(d);
    /* gcc's own message for an unterminated comment, at gcc's position */
    e = load(VSGX_EDL_DIR "/errors/lex_unterminated_comment.edl", NULL, 0, true, false, &d, &nd);
    assert_null(e);
    assert_string_equal(d[0].message, "Preprocessor failed: error: unterminated comment");
    assert_int_equal(d[0].pos.line, 4);
    assert_int_equal(d[0].pos.column, 1);
    free(d);
    e = load(VSGX_EDL_DIR "/pp/no-such-file.edl", NULL, 0, true, false, &d, &nd);
    assert_null(e);
    assert_string_equal(d[0].message, "File not found within search paths: " VSGX_EDL_DIR "/pp/no-such-file.edl");
    free(d);
}

static void test_header_only(void **state)
{
    (void)state;
    edl_diag_t *d;
    size_t nd;
    const char *path = VSGX_EDL_DIR "/errors/enclave_no_ecall.edl";
    edl_enclave_t *e = load(path, NULL, 0, true, true, &d, &nd);
    assert_non_null(e);
    assert_int_equal(nd, 0);
    edl_enclave_free(e);
    free(d);
}

static void test_parse_text_errors(void **state)
{
    (void)state;
    static const struct {
        const char *text, *msg;
        int line, col;
    } cases[] = {
        {"", "unexpected end of file", 1, 1},
        {"enclave", "unexpected end of file", 1, 8},
        {"enclave {\n  trusted {\n    public void f(void)\n  };\n};", "unexpected token: }", 4, 3},
        {"enclave { struct 5 {int a;}; };", "unexpected token: 5", 1, 18},
        {"enclave { include x.h };", "unexpected token: x", 1, 19},
        {"enclave { from \"a.edl\" import; };", "unexpected token: ;", 1, 30},
        {"enclave { from \"a.edl\" include *; };", "unexpected token: include", 1, 24},
        {"enclave { trusted { public void f() allow(g); }; };", "unexpected token: allow", 1, 37},
        {"enclave { untrusted { void f() propagate_errno propagate_errno; }; };", "unexpected token: propagate_errno", 1, 48},
        {"enclave { trusted { public void f([in] int a[n]); }; };", "unexpected token: n", 1, 46},
        {"enclave { trusted { public void f(int a[4]; }; };", "unexpected token: ;", 1, 43},
        {"enclave { \"str\" };", "unexpected token: \"str\"", 1, 11},
        {"enclave { . };", "unexpected token: .", 1, 11},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        edl_diag_t d;
        edl_enclave_t *e = edl_parse_text(cases[i].text, strlen(cases[i].text), "m.edl", &d);
        if (e || strcmp(d.message, cases[i].msg) != 0 || d.pos.line != cases[i].line || d.pos.column != cases[i].col)
            fail_msg("case %zu: got %d:%d: %s", i, d.pos.line, d.pos.column, d.message);
        assert_true(d.error);
        assert_string_equal(d.pos.file, "m.edl");
    }
}

static void test_hostile_input(void **state)
{
    (void)state;
    edl_diag_t d;
    /* NUL and bytes outside ASCII */
    static const char nul[] = "enclave {\0};";
    assert_null(edl_parse_text(nul, sizeof nul - 1, "h.edl", &d));
    assert_string_equal(d.message, "Invalid token: \\x00");
    assert_int_equal(d.pos.column, 10);
    assert_null(edl_parse_text("enclave { \xff };", 14, "h.edl", &d));
    assert_string_equal(d.message, "Invalid token: \\xff");
    /* very many pointer levels and dimensions */
    size_t cap = 8192;
    char *buf = malloc(cap);
    assert_non_null(buf);
    int n = snprintf(buf, cap, "enclave { trusted { public void f([user_check] int ");
    for (int i = 0; i < 2000; i++)
        buf[n++] = '*';
    n += snprintf(buf + n, cap - (size_t)n, "p); }; };");
    assert_null(edl_parse_text(buf, (size_t)n, "h.edl", &d));
    assert_string_equal(d.message, "too many pointer levels");
    n = snprintf(buf, cap, "enclave { trusted { public void f([in] int p");
    for (int i = 0; i < 100; i++)
        n += snprintf(buf + n, cap - (size_t)n, "[2]");
    n += snprintf(buf + n, cap - (size_t)n, "); }; };");
    assert_null(edl_parse_text(buf, (size_t)n, "h.edl", &d));
    assert_string_equal(d.message, "too many array dimensions");
    n = snprintf(buf, cap, "enclave { trusted { public void f(int a0");
    for (int i = 1; i < 300; i++)
        n += snprintf(buf + n, cap - (size_t)n, ", int a%d", i);
    n += snprintf(buf + n, cap - (size_t)n, "); }; };");
    assert_null(edl_parse_text(buf, (size_t)n, "h.edl", &d));
    assert_string_equal(d.message, "too many parameters (more than 256)");
    free(buf);
    /* a large valid file: many functions */
    cap = 1 << 20;
    buf = malloc(cap);
    assert_non_null(buf);
    n = snprintf(buf, cap, "enclave { trusted {");
    for (int i = 0; i < 5000; i++)
        n += snprintf(buf + n, cap - (size_t)n, " public int f%d([in, size=l] void *p, size_t l);", i);
    n += snprintf(buf + n, cap - (size_t)n, " }; };");
    edl_enclave_t *e = edl_parse_text(buf, (size_t)n, "h.edl", &d);
    assert_non_null(e);
    assert_int_equal(e->ntrusted, 5000);
    edl_diag_t *diags = NULL;
    size_t nd = 0;
    assert_int_equal(edl_check_decls(e, &diags, &nd), 0);
    assert_int_equal(edl_check_enclave(e, "h.edl", false, &diags, &nd), 0);
    free(diags);
    edl_enclave_free(e);
    n = snprintf(buf, cap, "enclave { untrusted {");
    for (int i = 0; i < 16385; i++)
        n += snprintf(buf + n, cap - (size_t)n, " void o%d();", i);
    n += snprintf(buf + n, cap - (size_t)n, " }; };");
    assert_null(edl_parse_text(buf, (size_t)n, "h.edl", &d));
    assert_string_equal(d.message, "too many functions (more than 16384)");
    free(buf);
    /* NULL text is an empty file */
    assert_null(edl_parse_text(NULL, 0, NULL, &d));
    assert_string_equal(d.message, "unexpected end of file");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_error_files),
        cmocka_unit_test(test_warning_files),
        cmocka_unit_test(test_import_cycle),
        cmocka_unit_test(test_import_not_found),
        cmocka_unit_test(test_import_errors_inside),
        cmocka_unit_test(test_preprocessor_failure),
        cmocka_unit_test(test_header_only),
        cmocka_unit_test(test_parse_text_errors),
        cmocka_unit_test(test_hostile_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
