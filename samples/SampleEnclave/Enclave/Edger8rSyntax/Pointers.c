/* Pointers.c — the enclave side of the pointer attribute demos. Each [in]/[out] buffer must
 * arrive as the bridge's copy inside the enclave; a [user_check] pointer arrives as it is and
 * the enclave checks it itself. ocall_pointer_attr runs the attributes the other way. */
#include <ctype.h>
#include <string.h>

#include "../Enclave.h"
#include "Enclave_t.h"
#include "sgx_trts.h"

#define USER_CHECK_REPLY "written by the enclave"

size_t ecall_pointer_user_check(void *val, size_t sz)
{
    char local[100];
    ENCLAVE_CHECK(val != NULL && sz <= sizeof local && sz > sizeof USER_CHECK_REPLY,
                  "ecall_pointer_user_check: unexpected buffer (%zu bytes)", sz);
    /* No bridge checked this pointer: make sure it cannot make the enclave read or write
     * its own memory, then copy before use, so the host cannot change it mid-way. */
    ENCLAVE_CHECK(sgx_is_outside_enclave(val, sz), "ecall_pointer_user_check: buffer not outside the enclave");
    memcpy(local, val, sz);
    uint32_t sum = sample_checksum(local, sz);
    printf("Checksum(%p, %zu) = %#x\n", val, sz, sum);
    memcpy(val, USER_CHECK_REPLY, sizeof USER_CHECK_REPLY);
    return sum;
}

void ecall_pointer_in(int *val)
{
    ENCLAVE_CHECK(sgx_is_within_enclave(val, sizeof *val), "ecall_pointer_in: [in] data not copied in");
    ENCLAVE_CHECK(*val == 1, "ecall_pointer_in received %d", *val);
    *val = SAMPLE_REPLY_VALUE; /* changes only the enclave's copy */
}

void ecall_pointer_out(int *val)
{
    ENCLAVE_CHECK(sgx_is_within_enclave(val, sizeof *val), "ecall_pointer_out: [out] buffer not in the enclave");
    ENCLAVE_CHECK(*val == 0, "ecall_pointer_out: [out] buffer not zeroed (%d)", *val);
    *val = SAMPLE_REPLY_VALUE;
}

void ecall_pointer_in_out(int *val)
{
    ENCLAVE_CHECK(sgx_is_within_enclave(val, sizeof *val), "ecall_pointer_in_out: data not copied in");
    ENCLAVE_CHECK(*val == 1, "ecall_pointer_in_out received %d", *val);
    *val = SAMPLE_REPLY_VALUE;
}

void ecall_pointer_string(char *str)
{
    ENCLAVE_CHECK(str != NULL && sgx_is_within_enclave(str, strlen(str) + 1),
                  "ecall_pointer_string: string not copied in");
    ENCLAVE_CHECK(strcmp(str, "enclave string") == 0, "ecall_pointer_string received \"%s\"", str);
    for (char *p = str; *p; p++)
        *p = (char)toupper((unsigned char)*p);
}

size_t ecall_pointer_string_const(const char *str)
{
    ENCLAVE_CHECK(str != NULL && sgx_is_within_enclave(str, strlen(str) + 1),
                  "ecall_pointer_string_const: string not copied in");
    ENCLAVE_CHECK(strcmp(str, "constant string") == 0, "ecall_pointer_string_const received \"%s\"", str);
    return strlen(str);
}

/* Reverses the bytes in place; the bridge copies them back. */
void ecall_pointer_size(void *ptr, size_t len)
{
    unsigned char *b = ptr;
    ENCLAVE_CHECK(b != NULL && sgx_is_within_enclave(b, len), "ecall_pointer_size: buffer not copied in");
    for (size_t i = 0; i < len; i++)
        ENCLAVE_CHECK(b[i] == (unsigned char)i, "ecall_pointer_size: byte %zu is %u", i, b[i]);
    for (size_t i = 0; i < len / 2; i++) {
        unsigned char t = b[i];
        b[i] = b[len - 1 - i];
        b[len - 1 - i] = t;
    }
}

/* count is in elements: the bridge copied cnt * sizeof(int) bytes. */
void ecall_pointer_count(int *arr, size_t cnt)
{
    ENCLAVE_CHECK(arr != NULL && sgx_is_within_enclave(arr, cnt * sizeof *arr),
                  "ecall_pointer_count: array not copied in");
    for (size_t i = 0; i < cnt; i++) {
        ENCLAVE_CHECK(arr[i] == (int)i, "ecall_pointer_count: element %zu is %d", i, arr[i]);
        arr[i] = (int)(i * i);
    }
}

/* buffer_t is a foreign pointer type ([isptr]); [readonly] means the copy is never copied back,
 * so what the enclave writes into it stays inside. */
uint32_t ecall_pointer_isptr_readonly(buffer_t buf, size_t len)
{
    ENCLAVE_CHECK(buf != NULL && sgx_is_within_enclave(buf, len), "ecall_pointer_isptr_readonly: buffer not copied in");
    uint32_t sum = sample_checksum(buf, len);
    memset(buf, 0, len);
    return sum;
}

/* The same attributes on OCALLs: data goes out to the application and, for [out], comes back. */
void ocall_pointer_attr(void)
{
    int val = 1;
    ENCLAVE_CHECK(ocall_pointer_user_check(&val) == SGX_SUCCESS, "ocall_pointer_user_check failed");
    ENCLAVE_CHECK(val == 1, "ocall_pointer_user_check changed the value to %d", val);

    val = 1;
    ENCLAVE_CHECK(ocall_pointer_in(&val) == SGX_SUCCESS, "ocall_pointer_in failed");
    ENCLAVE_CHECK(val == 1, "ocall_pointer_in: the host's change came back (%d)", val);

    val = 1;
    ENCLAVE_CHECK(ocall_pointer_out(&val) == SGX_SUCCESS, "ocall_pointer_out failed");
    ENCLAVE_CHECK(val == SAMPLE_REPLY_VALUE, "ocall_pointer_out returned %d", val);

    val = 1;
    ENCLAVE_CHECK(ocall_pointer_in_out(&val) == SGX_SUCCESS, "ocall_pointer_in_out failed");
    ENCLAVE_CHECK(val == SAMPLE_REPLY_VALUE, "ocall_pointer_in_out returned %d", val);
}
