/* test_edl_gen.c — the code generators on an enclave built in code (no frontend): Intel's names
 * and signatures in each of the four files, --use-prefix, and edl_generate's choice of files
 * (trusted/untrusted/header-only) and its error for an unwritable directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "edl_gen.h"

static edl_param_t ecall_params[2];
static edl_param_t ocall_params[1];
static char *allow_list[] = {"f_private"};
static edl_func_t ecalls[2], ocalls[1];
static edl_enclave_t enclave;

static void build(void)
{
    ecall_params[0] = (edl_param_t){
        .type = {.kind = EDL_TYPE_VOID, .name = "void", .is_const = true, .pointers = 1},
        .name = "p",
        .attrs = {.present = true, .in = true, .size = {.kind = EDL_SIZE_NAME, .name = "len"}},
    };
    ecall_params[1] = (edl_param_t){.type = {.kind = EDL_TYPE_BUILTIN, .name = "size_t"}, .name = "len"};
    ecalls[0] = (edl_func_t){.name = "f", .ret = {.kind = EDL_TYPE_BUILTIN, .name = "int"},
                             .params = ecall_params, .nparams = 2, .trusted = true, .is_public = true};
    ecalls[1] = (edl_func_t){.name = "f_private", .ret = {.kind = EDL_TYPE_VOID, .name = "void"},
                             .trusted = true, .switchless = true};
    ocall_params[0] = (edl_param_t){.type = {.kind = EDL_TYPE_BUILTIN, .name = "int"}, .name = "x"};
    ocalls[0] = (edl_func_t){.name = "o", .ret = {.kind = EDL_TYPE_BUILTIN, .name = "long"},
                             .params = ocall_params, .nparams = 1, .propagate_errno = true,
                             .allow = allow_list, .nallow = 1, .conv = EDL_CONV_CDECL};
    enclave = (edl_enclave_t){.name = "Demo", .trusted = ecalls, .ntrusted = 2,
                              .untrusted = ocalls, .nuntrusted = 1};
}

static void contains(const char *text, const char *want)
{
    if (!strstr(text, want))
        fail_msg("missing: %s", want);
}

static void test_untrusted(void **state)
{
    (void)state;
    build();
    char *h = edl_gen_untrusted_header(&enclave, false);
    assert_non_null(h);
    contains(h, "#ifndef DEMO_U_H__");
    contains(h, "#include \"sgx_edger8r.h\"");
    contains(h, "#ifndef O_DEFINED__");
    contains(h, "long SGX_UBRIDGE(SGX_CDECL, o, (int x));");
    contains(h, "sgx_status_t f(sgx_enclave_id_t eid, int* retval, const void* p, size_t len);");
    contains(h, "sgx_status_t f_private(sgx_enclave_id_t eid);");
    free(h);
    char *c = edl_gen_untrusted_source(&enclave, true);
    assert_non_null(c);
    contains(c, "typedef struct ms_f_t {\n\tint ms_retval;\n\tconst void* ms_p;\n\tsize_t ms_len;\n} ms_f_t;");
    contains(c, "typedef struct ms_o_t {\n\tlong ms_retval;\n\tint ocall_errno;\n\tint ms_x;\n} ms_o_t;");
    contains(c, "static sgx_status_t SGX_CDECL Demo_o(void* pms)");
    contains(c, "ms->ocall_errno = errno;");
    contains(c, "ocall_table_Demo = {\n\t1,\n\t{\n\t\t(void*)Demo_o,\n\t}\n};");
    contains(c, "sgx_status_t Demo_f(sgx_enclave_id_t eid, int* retval, const void* p, size_t len)");
    contains(c, "status = sgx_ecall(eid, 0, &ocall_table_Demo, &ms);");
    contains(c, "status = sgx_ecall_switchless(eid, 1, &ocall_table_Demo, NULL);");
    free(c);
}

static void test_trusted(void **state)
{
    (void)state;
    build();
    char *h = edl_gen_trusted_header(&enclave);
    assert_non_null(h);
    contains(h, "#ifndef DEMO_T_H__");
    contains(h, "int f(const void* p, size_t len);");
    contains(h, "sgx_status_t SGX_CDECL o(long* retval, int x);");
    free(h);
    char *c = edl_gen_trusted_source(&enclave);
    assert_non_null(c);
    contains(c, "static sgx_status_t SGX_CDECL sgx_f(void* pms)");
    contains(c, "CHECK_REF_POINTER(pms, sizeof(ms_f_t));");
    contains(c, "CHECK_UNIQUE_POINTER(_tmp_p, _len_p);");
    contains(c, "{(const void*)(uintptr_t)sgx_f, 0, 0},");
    contains(c, "{(const void*)(uintptr_t)sgx_f_private, 1, 1},");
    contains(c, "uint8_t entry_table[1][2];");
    contains(c, "{0, 1},");
    contains(c, "errno = ms->ocall_errno;");
    free(c);
}

static size_t count_files(const char *dir)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "ls -1 %s | wc -l", dir);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    unsigned long n = 0;
    assert_int_equal(fscanf(p, "%lu", &n), 1);
    pclose(p);
    return n;
}

static void test_generate_files(void **state)
{
    (void)state;
    build();
    char dir[] = "/tmp/edl_gen_XXXXXX";
    assert_non_null(mkdtemp(dir));
    edl_diag_t d;
    edl_gen_options_t o = {.untrusted = true, .header_only = true, .untrusted_dir = dir};
    assert_true(edl_generate(&enclave, &o, &d));
    assert_int_equal(count_files(dir), 1);
    o = (edl_gen_options_t){.trusted_dir = dir, .untrusted_dir = dir};
    assert_true(edl_generate(&enclave, &o, &d));
    assert_int_equal(count_files(dir), 4);
    /* a missing output directory is created with its parents; a file in the way fails */
    char sub[300];
    snprintf(sub, sizeof sub, "%s/new/t", dir);
    o = (edl_gen_options_t){.trusted = true, .trusted_dir = sub};
    assert_true(edl_generate(&enclave, &o, &d));
    snprintf(sub, sizeof sub, "%s/Demo_t.h/sub", dir);
    o = (edl_gen_options_t){.trusted = true, .trusted_dir = sub};
    assert_false(edl_generate(&enclave, &o, &d));
    assert_true(d.error);
    assert_non_null(strstr(d.message, "cannot create"));
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_untrusted),
        cmocka_unit_test(test_trusted),
        cmocka_unit_test(test_generate_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
