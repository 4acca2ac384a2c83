/* Pointers.c — the application side of the pointer attribute demos: what each attribute copies
 * in and out, checked on both sides; and the OCALLs that ocall_pointer_attr makes, which check
 * what arrives here. */
#include <stdio.h>
#include <string.h>

#include "../App.h"
#include "Enclave_u.h"

#define USER_CHECK_REPLY "written by the enclave"
#define BYTES 64
#define COUNT 16

static void pointer_user_check(void)
{
    char buf[100];
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (char)('a' + i % 26);
    uint32_t expect = sample_checksum(buf, sizeof buf);
    size_t sum = 0;
    app_check_status(ecall_pointer_user_check(global_eid, &sum, buf, sizeof buf), "ecall_pointer_user_check");
    APP_CHECK(sum == expect, "ecall_pointer_user_check returned checksum %#zx, expected %#x", sum, expect);
    APP_CHECK(strcmp(buf, USER_CHECK_REPLY) == 0, "ecall_pointer_user_check left \"%.30s\"", buf);
}

static void pointer_directions(void)
{
    int val = 1;
    app_check_status(ecall_pointer_in(global_eid, &val), "ecall_pointer_in");
    APP_CHECK(val == 1, "ecall_pointer_in: the enclave's change came back (%d)", val);

    val = 1;
    app_check_status(ecall_pointer_out(global_eid, &val), "ecall_pointer_out");
    APP_CHECK(val == SAMPLE_REPLY_VALUE, "ecall_pointer_out returned %d", val);

    val = 1;
    app_check_status(ecall_pointer_in_out(global_eid, &val), "ecall_pointer_in_out");
    APP_CHECK(val == SAMPLE_REPLY_VALUE, "ecall_pointer_in_out returned %d", val);
}

static void pointer_strings(void)
{
    char str[] = "enclave string";
    app_check_status(ecall_pointer_string(global_eid, str), "ecall_pointer_string");
    APP_CHECK(strcmp(str, "ENCLAVE STRING") == 0, "ecall_pointer_string returned \"%s\"", str);

    size_t len = 0;
    app_check_status(ecall_pointer_string_const(global_eid, &len, "constant string"), "ecall_pointer_string_const");
    APP_CHECK(len == strlen("constant string"), "ecall_pointer_string_const returned %zu", len);
}

static void pointer_sizes(void)
{
    unsigned char bytes[BYTES];
    for (size_t i = 0; i < BYTES; i++)
        bytes[i] = (unsigned char)i;
    app_check_status(ecall_pointer_size(global_eid, bytes, sizeof bytes), "ecall_pointer_size");
    for (size_t i = 0; i < BYTES; i++)
        APP_CHECK(bytes[i] == BYTES - 1 - i, "ecall_pointer_size: byte %zu is %u", i, bytes[i]);

    int arr[COUNT];
    for (int i = 0; i < COUNT; i++)
        arr[i] = i;
    app_check_status(ecall_pointer_count(global_eid, arr, COUNT), "ecall_pointer_count");
    for (int i = 0; i < COUNT; i++)
        APP_CHECK(arr[i] == i * i, "ecall_pointer_count: element %d is %d", i, arr[i]);

    char text[] = "read only: the enclave's changes stay inside";
    uint32_t expect = sample_checksum(text, sizeof text), sum = 0;
    app_check_status(ecall_pointer_isptr_readonly(global_eid, &sum, (buffer_t)text, sizeof text),
                     "ecall_pointer_isptr_readonly");
    APP_CHECK(sum == expect, "ecall_pointer_isptr_readonly returned checksum %#x, expected %#x", sum, expect);
    APP_CHECK(sample_checksum(text, sizeof text) == expect, "ecall_pointer_isptr_readonly changed the buffer");
}

void edger8r_pointer_attributes(void)
{
    pointer_user_check();
    pointer_directions();
    pointer_strings();
    pointer_sizes();
    app_check_status(ocall_pointer_attr(global_eid), "ocall_pointer_attr");
    printf("Info: pointers: user_check, in, out, in/out, string, size, count, isptr/readonly, "
           "and OCALL pointers behaved as declared.\n");
}

/* OCALLs made by ocall_pointer_attr. The [user_check] pointer points into the enclave: the
 * application gets the address but must not use it. */
void ocall_pointer_user_check(int *val)
{
    APP_CHECK(val != NULL, "ocall_pointer_user_check received NULL");
}

void ocall_pointer_in(int *val)
{
    APP_CHECK(val != NULL && *val == 1, "ocall_pointer_in received %d", val ? *val : -1);
    *val = SAMPLE_REPLY_VALUE; /* changes only the untrusted copy */
}

void ocall_pointer_out(int *val)
{
    APP_CHECK(val != NULL && *val == 0, "ocall_pointer_out: [out] buffer not zeroed (%d)", val ? *val : -1);
    *val = SAMPLE_REPLY_VALUE;
}

void ocall_pointer_in_out(int *val)
{
    APP_CHECK(val != NULL && *val == 1, "ocall_pointer_in_out received %d", val ? *val : -1);
    *val = SAMPLE_REPLY_VALUE;
}
