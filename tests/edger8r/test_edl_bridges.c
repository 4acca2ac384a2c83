/* test_edl_bridges.c — the trusted bridges and OCALL proxies sgx_edger8r generates for
 * bridges.edl, run against a fake enclave boundary (fake_boundary.c): every rejection (NULL or
 * enclave-resident marshalling struct, straddling buffer, count overflow, bad strings), every
 * copy ([in] before the call, [out] zeroed and copied back, struct deep copy), the ECALL and
 * dynamic-entry tables, and the OCALL proxies' checks, ocalloc failure path and errno propagation. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <wchar.h>

#include <cmocka.h>

#include "fake_boundary.h"
/* The generated trusted half, included so that the static bridges and ms structs are visible. */
#include "bridges_t.c"

/* ---- the enclave's ECALL implementations ---- */
static int *outside_alias;      /* the untrusted buffer, for changing it during the call */
static const void *seen_ptr;
static int calls;

int ecall_in(const int *p, size_t n)
{
    calls++;
    seen_ptr = p;
    if (outside_alias)
        for (size_t i = 0; i < n; i++)
            outside_alias[i] = 1000;
    int sum = 0;
    for (size_t i = 0; p && i < n; i++)
        sum += p[i];
    return sum;
}

void ecall_out(uint8_t *buf, size_t len)
{
    calls++;
    seen_ptr = buf;
    for (size_t i = 0; buf && i < len; i++) {
        assert_int_equal(buf[i], 0);
        buf[i] = (uint8_t)(i + 1);
    }
}

void ecall_in_out(int *p, size_t n)
{
    calls++;
    for (size_t i = 0; p && i < n; i++)
        p[i] *= 2;
}

size_t ecall_str(const char *s)
{
    calls++;
    return s ? strlen(s) : 999;
}

size_t ecall_wstr(const wchar_t *s)
{
    calls++;
    return s ? wcslen(s) : 999;
}

void ecall_noargs(void) { calls++; }
void ecall_user_check(void *p) { calls++; seen_ptr = p; }
int ecall_private(int x) { calls++; return x + 1; }
void ecall_private_fast(void) { calls++; }

void ecall_sized(int *p, size_t len)
{
    calls++;
    seen_ptr = p;
    (void)len;
}

static const void *deep_outside_data;
static size_t deep_new_len;

void ecall_deep(struct blob_t *b)
{
    calls++;
    assert_non_null(b);
    assert_ptr_not_equal(b->data, deep_outside_data);
    assert_memory_equal(b->data, "abcd", 4);
    assert_int_equal(b->words[0], 1);
    b->data[0] = 'X';
    b->words[1] = 99;
    b->len = deep_new_len;
}

static int setup(void **state)
{
    (void)state;
    fake_boundary_reset();
    outside_alias = NULL;
    seen_ptr = NULL;
    calls = 0;
    errno = 0;
    return 0;
}

/* ---- the marshalling struct ---- */
static void test_null_ms(void **state)
{
    (void)state;
    assert_int_equal(sgx_ecall_in(NULL), SGX_ERROR_INVALID_PARAMETER);
    assert_int_equal(calls, 0);
}

static void test_ms_inside_enclave(void **state)
{
    (void)state;
    ms_ecall_in_t *ms = fake_enclave_alloc(sizeof *ms);
    assert_int_equal(sgx_ecall_in(ms), SGX_ERROR_INVALID_PARAMETER);
    /* straddling the end of the enclave */
    ms_ecall_in_t *edge = (ms_ecall_in_t *)(fake_enclave + FAKE_ENCLAVE_SIZE - 8);
    assert_int_equal(sgx_ecall_in(edge), SGX_ERROR_INVALID_PARAMETER);
    assert_int_equal(calls, 0);
}

/* ---- [in] ---- */
static void test_in_copied_before_call(void **state)
{
    (void)state;
    int outside[4] = {1, 2, 3, 4};
    ms_ecall_in_t ms = {.ms_p = outside, .ms_n = 4};
    outside_alias = outside;
    assert_int_equal(sgx_ecall_in(&ms), SGX_SUCCESS);
    assert_int_equal(ms.ms_retval, 10);         /* the change during the call was not seen */
    assert_ptr_not_equal(seen_ptr, outside);
    assert_int_equal(outside[0], 1000);
}

static void test_in_straddling_or_inside(void **state)
{
    (void)state;
    ms_ecall_in_t ms = {.ms_p = (const int *)((uintptr_t)fake_enclave - 8), .ms_n = 4};
    assert_int_equal(sgx_ecall_in(&ms), SGX_ERROR_INVALID_PARAMETER);
    ms.ms_p = (const int *)(fake_enclave + FAKE_ENCLAVE_SIZE - 8);
    assert_int_equal(sgx_ecall_in(&ms), SGX_ERROR_INVALID_PARAMETER);
    ms.ms_p = (const int *)fake_enclave_alloc(16);
    assert_int_equal(sgx_ecall_in(&ms), SGX_ERROR_INVALID_PARAMETER);
    assert_int_equal(calls, 0);
}

static void test_count_overflow(void **state)
{
    (void)state;
    int outside[4] = {0};
    ms_ecall_in_t ms = {.ms_p = outside, .ms_n = SIZE_MAX / 2 + 1};    /* * sizeof(int) wraps */
    assert_int_equal(sgx_ecall_in(&ms), SGX_ERROR_INVALID_PARAMETER);
    ms.ms_n = SIZE_MAX / sizeof(int) + 1;
    assert_int_equal(sgx_ecall_in(&ms), SGX_ERROR_INVALID_PARAMETER);
    assert_int_equal(calls, 0);
}

static void test_zero_length_gives_null(void **state)
{
    (void)state;
    int outside[4] = {1, 2, 3, 4};
    ms_ecall_in_t ms = {.ms_p = outside, .ms_n = 0};
    seen_ptr = outside;
    assert_int_equal(sgx_ecall_in(&ms), SGX_SUCCESS);
    assert_null(seen_ptr);
    ms.ms_p = NULL;
    ms.ms_n = 4;
    seen_ptr = outside;
    assert_int_equal(sgx_ecall_in(&ms), SGX_SUCCESS);
    assert_null(seen_ptr);
    assert_int_equal(calls, 2);
}

static void test_size_not_multiple_of_element(void **state)
{
    (void)state;
    int outside[2] = {1, 2};
    ms_ecall_sized_t ms = {.ms_p = outside, .ms_len = 6};      /* 1.5 ints */
    assert_int_equal(sgx_ecall_sized(&ms), SGX_ERROR_INVALID_PARAMETER);
    assert_int_equal(calls, 0);
    ms.ms_len = 8;
    assert_int_equal(sgx_ecall_sized(&ms), SGX_SUCCESS);
    assert_int_equal(calls, 1);
}

/* ---- [out], [in,out] ---- */
static void test_out_zeroed_then_copied_back(void **state)
{
    (void)state;
    uint8_t outside[8];
    memset(outside, 0xAA, sizeof outside);
    ms_ecall_out_t ms = {.ms_buf = outside, .ms_len = sizeof outside};
    assert_int_equal(sgx_ecall_out(&ms), SGX_SUCCESS);
    assert_ptr_not_equal(seen_ptr, outside);
    for (size_t i = 0; i < sizeof outside; i++)
        assert_int_equal(outside[i], i + 1);
}

static void test_in_out(void **state)
{
    (void)state;
    int outside[3] = {1, 2, 3};
    ms_ecall_in_out_t ms = {.ms_p = outside, .ms_n = 3};
    assert_int_equal(sgx_ecall_in_out(&ms), SGX_SUCCESS);
    assert_int_equal(outside[0], 2);
    assert_int_equal(outside[2], 6);
}

/* ---- strings ---- */
static void test_string(void **state)
{
    (void)state;
    char good[] = "hello";
    ms_ecall_str_t ms = {.ms_s = good, .ms_s_len = sizeof good};
    assert_int_equal(sgx_ecall_str(&ms), SGX_SUCCESS);
    assert_int_equal(ms.ms_retval, 5);

    char unterminated[3] = {'a', 'b', 'c'};
    ms = (ms_ecall_str_t){.ms_s = unterminated, .ms_s_len = sizeof unterminated};
    assert_int_equal(sgx_ecall_str(&ms), SGX_ERROR_UNEXPECTED);

    ms = (ms_ecall_str_t){.ms_s = good, .ms_s_len = 4};            /* too short: no NUL */
    assert_int_equal(sgx_ecall_str(&ms), SGX_ERROR_UNEXPECTED);

    char embedded[] = "hi\0abc";                                   /* 7 bytes, strlen 2 */
    ms = (ms_ecall_str_t){.ms_s = embedded, .ms_s_len = sizeof embedded};
    assert_int_equal(sgx_ecall_str(&ms), SGX_ERROR_UNEXPECTED);
    assert_int_equal(calls, 1);
}

static void test_wstring(void **state)
{
    (void)state;
    wchar_t good[] = L"wide";
    ms_ecall_wstr_t ms = {.ms_s = good, .ms_s_len = 5};
    assert_int_equal(sgx_ecall_wstr(&ms), SGX_SUCCESS);
    assert_int_equal(ms.ms_retval, 4);
    ms = (ms_ecall_wstr_t){.ms_s = good, .ms_s_len = 3};
    assert_int_equal(sgx_ecall_wstr(&ms), SGX_ERROR_UNEXPECTED);
    ms = (ms_ecall_wstr_t){.ms_s = good, .ms_s_len = SIZE_MAX / 2};  /* * sizeof(wchar_t) wraps */
    assert_int_equal(sgx_ecall_wstr(&ms), SGX_ERROR_INVALID_PARAMETER);
    assert_int_equal(calls, 1);
}

/* ---- no marshalling struct, user_check ---- */
static void test_noargs_and_user_check(void **state)
{
    (void)state;
    int dummy;
    assert_int_equal(sgx_ecall_noargs(&dummy), SGX_ERROR_INVALID_PARAMETER);
    assert_int_equal(sgx_ecall_noargs(NULL), SGX_SUCCESS);
    void *inside = fake_enclave_alloc(8);
    ms_ecall_user_check_t ms = {.ms_p = inside};
    assert_int_equal(sgx_ecall_user_check(&ms), SGX_SUCCESS);
    assert_ptr_equal(seen_ptr, inside);       /* passed through unchecked */
}

/* ---- tables ---- */
static void test_ecall_table(void **state)
{
    (void)state;
    assert_int_equal(g_ecall_table.nr_ecall, 11);
    assert_ptr_equal(g_ecall_table.ecall_table[0].ecall_addr, (const void *)(uintptr_t)sgx_ecall_in);
    for (size_t i = 0; i < 7; i++)
        assert_int_equal(g_ecall_table.ecall_table[i].is_priv, 0);
    assert_int_equal(g_ecall_table.ecall_table[7].is_priv, 1);
    assert_int_equal(g_ecall_table.ecall_table[8].is_priv, 1);
    assert_int_equal(g_ecall_table.ecall_table[7].is_switchless, 0);
    assert_int_equal(g_ecall_table.ecall_table[8].is_switchless, 1);
    assert_int_equal(g_ecall_table.ecall_table[9].is_priv, 0);
}

static void test_dyn_entry_table(void **state)
{
    (void)state;
    assert_int_equal(g_dyn_entry_table.nr_ocall, 6);
    static const uint8_t want[6][11] = {
        {0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0},
        {0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0},
        {0}, {0}, {0}, {0},
    };
    assert_memory_equal(g_dyn_entry_table.entry_table, want, sizeof want);
}

/* ---- deep copy ---- */
static void test_deep_copy(void **state)
{
    (void)state;
    uint8_t data[4] = {'a', 'b', 'c', 'd'};
    uint32_t words[2] = {1, 2};
    struct blob_t blob = {.len = 4, .data = data, .n = 2, .words = words};
    ms_ecall_deep_t ms = {.ms_b = &blob};
    deep_outside_data = data;
    deep_new_len = 2;                           /* shrinking is allowed */
    assert_int_equal(sgx_ecall_deep(&ms), SGX_SUCCESS);
    assert_int_equal(calls, 1);
    assert_ptr_equal(blob.data, data);          /* the untrusted pointers are restored */
    assert_ptr_equal(blob.words, words);
    assert_int_equal(blob.len, 2);
    assert_int_equal(data[0], 'X');
    assert_int_equal(words[1], 99);
}

static void test_deep_copy_rejections(void **state)
{
    (void)state;
    uint32_t words[2] = {1, 2};
    struct blob_t blob = {.len = 4, .data = fake_enclave_alloc(4), .n = 2, .words = words};
    ms_ecall_deep_t ms = {.ms_b = &blob};
    assert_int_equal(sgx_ecall_deep(&ms), SGX_ERROR_INVALID_PARAMETER);     /* member inside */
    uint8_t data[4] = {'a', 'b', 'c', 'd'};
    blob = (struct blob_t){.len = 4, .data = data, .n = SIZE_MAX / 2 + 1, .words = words};
    assert_int_equal(sgx_ecall_deep(&ms), SGX_ERROR_INVALID_PARAMETER);     /* count wraps */
    assert_int_equal(calls, 0);
    blob = (struct blob_t){.len = 4, .data = data, .n = 2, .words = words};
    deep_outside_data = data;
    deep_new_len = 100;                         /* growing is not */
    assert_int_equal(sgx_ecall_deep(&ms), SGX_ERROR_INVALID_PARAMETER);
    assert_int_equal(blob.len, 4);              /* the struct was not copied back */
}

/* ---- OCALL proxies ---- */
static sgx_status_t handle_in(unsigned index, void *pms)
{
    assert_int_equal(index, 0);
    ms_ocall_in_t *ms = pms;
    assert_true(sgx_is_outside_enclave(ms, sizeof *ms));
    assert_true(sgx_is_outside_enclave(ms->ms_buf, ms->ms_len));
    assert_memory_equal(ms->ms_buf, "0123456789abcdef", 16);
    ms->ms_retval = 77;
    return SGX_SUCCESS;
}

static void test_ocall_in(void **state)
{
    (void)state;
    char *buf = fake_enclave_alloc(16);
    memcpy(buf, "0123456789abcdef", 16);
    fake_ocall_handler = handle_in;
    int ret = 0;
    assert_int_equal(ocall_in(&ret, buf, 16), SGX_SUCCESS);
    assert_int_equal(ret, 77);
    assert_int_equal(fake_ocall_count, 1);
    assert_int_equal(fake_ocfree_count, 1);
}

static void test_ocall_rejects_outside_buffer(void **state)
{
    (void)state;
    char outside[16] = {0};
    int ret = 0;
    assert_int_equal(ocall_in(&ret, outside, 16), SGX_ERROR_INVALID_PARAMETER);
    assert_int_equal(ocall_in(&ret, fake_enclave + FAKE_ENCLAVE_SIZE - 8, 16),
                     SGX_ERROR_INVALID_PARAMETER);
    assert_int_equal(ocall_in(&ret, fake_enclave, SIZE_MAX), SGX_ERROR_INVALID_PARAMETER);
    assert_int_equal(fake_ocall_count, 0);
}

static sgx_status_t handle_out(unsigned index, void *pms)
{
    assert_int_equal(index, 1);
    ms_ocall_out_t *ms = pms;
    for (size_t i = 0; i < ms->ms_n; i++) {
        assert_int_equal(ms->ms_v[i], 0);      /* zeroed before the call */
        ms->ms_v[i] = (int)(i * 10);
    }
    ms->ms_v = NULL;                            /* the proxy must not re-read the pointer */
    return SGX_SUCCESS;
}

static void test_ocall_out(void **state)
{
    (void)state;
    int *v = fake_enclave_alloc(4 * sizeof(int));
    v[0] = v[1] = v[2] = v[3] = -1;
    fake_ocall_handler = handle_out;
    assert_int_equal(ocall_out(v, 4), SGX_SUCCESS);
    assert_int_equal(v[0], 0);
    assert_int_equal(v[3], 30);
    /* count * sizeof(int) wraps */
    assert_int_equal(ocall_out(v, SIZE_MAX / 2 + 1), SGX_ERROR_INVALID_PARAMETER);
}

static void test_ocalloc_failure(void **state)
{
    (void)state;
    int *v = fake_enclave_alloc(4 * sizeof(int));
    fake_ocalloc_fail = 1;
    assert_int_equal(ocall_out(v, 4), SGX_ERROR_UNEXPECTED);
    assert_int_equal(fake_ocfree_count, 1);
    assert_int_equal(fake_ocall_count, 0);
}

static sgx_status_t handle_str(unsigned index, void *pms)
{
    assert_int_equal(index, 2);
    ms_ocall_str_t *ms = pms;
    assert_string_equal(ms->ms_s, "abc");
    memset(ms->ms_s, 'x', 4);                   /* overwrite the terminator too */
    return SGX_SUCCESS;
}

static void test_ocall_string_terminated(void **state)
{
    (void)state;
    char *s = fake_enclave_alloc(4);
    memcpy(s, "abc", 4);
    fake_ocall_handler = handle_str;
    assert_int_equal(ocall_str(s), SGX_SUCCESS);
    assert_string_equal(s, "xxx");
}

static sgx_status_t handle_errno(unsigned index, void *pms)
{
    assert_int_equal(index, 3);
    ms_ocall_errno_t *ms = pms;
    ms->ms_retval = -1;
    ms->ocall_errno = ms->ms_x;
    return SGX_SUCCESS;
}

static void test_propagate_errno(void **state)
{
    (void)state;
    fake_ocall_handler = handle_errno;
    int ret = 0;
    errno = 0;
    assert_int_equal(ocall_errno(&ret, EPIPE), SGX_SUCCESS);
    assert_int_equal(ret, -1);
    assert_int_equal(errno, EPIPE);
}

static sgx_status_t handle_fail(unsigned index, void *pms)
{
    (void)index;
    (void)pms;
    return SGX_ERROR_OCALL_NOT_ALLOWED;
}

static void test_ocall_failure_status(void **state)
{
    (void)state;
    fake_ocall_handler = handle_fail;
    int ret = 5;
    errno = 0;
    assert_int_equal(ocall_errno(&ret, EPIPE), SGX_ERROR_OCALL_NOT_ALLOWED);
    assert_int_equal(ret, 5);                   /* untouched on failure */
    assert_int_equal(errno, 0);
    assert_int_equal(fake_ocfree_count, 1);
    assert_int_equal(ocall_noargs(), SGX_ERROR_OCALL_NOT_ALLOWED);
    assert_int_equal(fake_last_ocall, 4);
}

static size_t ocall_deep_new_len;

static sgx_status_t handle_deep(unsigned index, void *pms)
{
    assert_int_equal(index, 5);
    ms_ocall_deep_t *ms = pms;
    struct blob_t *b = ms->ms_b;
    assert_true(sgx_is_outside_enclave(b, sizeof *b));
    assert_true(sgx_is_outside_enclave(b->data, b->len));
    assert_true(sgx_is_outside_enclave(b->words, b->n * sizeof(uint32_t)));
    assert_memory_equal(b->data, "abcd", 4);
    assert_int_equal(b->words[1], 2);
    b->data[0] = 'Y';
    b->words[0] = 7;
    b->len = ocall_deep_new_len;
    b->data = (uint8_t *)(uintptr_t)0x10;      /* must not reach the enclave's struct */
    return SGX_SUCCESS;
}

static void test_ocall_deep_copy(void **state)
{
    (void)state;
    struct blob_t *blob = fake_enclave_alloc(sizeof *blob);
    uint8_t *data = fake_enclave_alloc(4);
    uint32_t *words = fake_enclave_alloc(2 * sizeof(uint32_t));
    memcpy(data, "abcd", 4);
    words[0] = 1;
    words[1] = 2;
    *blob = (struct blob_t){.len = 4, .data = data, .n = 2, .words = words};
    fake_ocall_handler = handle_deep;
    ocall_deep_new_len = 3;
    assert_int_equal(ocall_deep(blob), SGX_SUCCESS);
    assert_ptr_equal(blob->data, data);
    assert_ptr_equal(blob->words, words);
    assert_int_equal(blob->len, 3);
    assert_memory_equal(data, "Ybcd", 4);
    assert_int_equal(words[0], 7);

    ocall_deep_new_len = 5;                     /* longer than it went out */
    blob->len = 4;
    memcpy(data, "abcd", 4);
    assert_int_equal(ocall_deep(blob), SGX_ERROR_INVALID_PARAMETER);
    assert_int_equal(blob->len, 4);

    uint8_t outside[4] = {0};
    blob->data = outside;                       /* a member buffer outside the enclave */
    int before = fake_ocall_count;
    assert_int_equal(ocall_deep(blob), SGX_ERROR_INVALID_PARAMETER);
    assert_int_equal(fake_ocall_count, before);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_null_ms, setup),
        cmocka_unit_test_setup(test_ms_inside_enclave, setup),
        cmocka_unit_test_setup(test_in_copied_before_call, setup),
        cmocka_unit_test_setup(test_in_straddling_or_inside, setup),
        cmocka_unit_test_setup(test_count_overflow, setup),
        cmocka_unit_test_setup(test_zero_length_gives_null, setup),
        cmocka_unit_test_setup(test_size_not_multiple_of_element, setup),
        cmocka_unit_test_setup(test_out_zeroed_then_copied_back, setup),
        cmocka_unit_test_setup(test_in_out, setup),
        cmocka_unit_test_setup(test_string, setup),
        cmocka_unit_test_setup(test_wstring, setup),
        cmocka_unit_test_setup(test_noargs_and_user_check, setup),
        cmocka_unit_test_setup(test_ecall_table, setup),
        cmocka_unit_test_setup(test_dyn_entry_table, setup),
        cmocka_unit_test_setup(test_deep_copy, setup),
        cmocka_unit_test_setup(test_deep_copy_rejections, setup),
        cmocka_unit_test_setup(test_ocall_in, setup),
        cmocka_unit_test_setup(test_ocall_rejects_outside_buffer, setup),
        cmocka_unit_test_setup(test_ocall_out, setup),
        cmocka_unit_test_setup(test_ocalloc_failure, setup),
        cmocka_unit_test_setup(test_ocall_string_terminated, setup),
        cmocka_unit_test_setup(test_propagate_errno, setup),
        cmocka_unit_test_setup(test_ocall_failure_status, setup),
        cmocka_unit_test_setup(test_ocall_deep_copy, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
