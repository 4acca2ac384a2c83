/* Arrays.c — the enclave side of the array demos. The application fills arr[i] = i; the
 * enclave checks that and writes arr[i] = N - 1 - i back, which the application sees only
 * where the attribute copies it out ([user_check], [out], [in, out]; not [in]). */
#include "../Enclave.h"
#include "Enclave_t.h"
#include "sgx_trts.h"

static void check_and_reverse(const char *what, int *arr, int n, int expect_zero)
{
    for (int i = 0; i < n; i++) {
        int want = expect_zero ? 0 : i;
        ENCLAVE_CHECK(arr[i] == want, "%s: element %d is %d, expected %d", what, i, arr[i], want);
        arr[i] = n - 1 - i;
    }
}

void ecall_array_user_check(int arr[4])
{
    ENCLAVE_CHECK(sgx_is_outside_enclave(arr, 4 * sizeof(int)), "ecall_array_user_check: array not outside");
    check_and_reverse("ecall_array_user_check", arr, 4, 0);
}

void ecall_array_in(int arr[4])
{
    ENCLAVE_CHECK(sgx_is_within_enclave(arr, 4 * sizeof(int)), "ecall_array_in: array not copied in");
    check_and_reverse("ecall_array_in", arr, 4, 0);
}

void ecall_array_out(int arr[4])
{
    ENCLAVE_CHECK(sgx_is_within_enclave(arr, 4 * sizeof(int)), "ecall_array_out: array not in the enclave");
    check_and_reverse("ecall_array_out", arr, 4, 1);
}

void ecall_array_in_out(int arr[4])
{
    ENCLAVE_CHECK(sgx_is_within_enclave(arr, 4 * sizeof(int)), "ecall_array_in_out: array not copied in");
    check_and_reverse("ecall_array_in_out", arr, 4, 0);
}

/* array_t is int[10], a foreign type: [isary] tells edger8r it is an array. */
void ecall_array_isary(array_t arr)
{
    ENCLAVE_CHECK(sgx_is_outside_enclave(arr, sizeof(array_t)), "ecall_array_isary: array not outside");
    check_and_reverse("ecall_array_isary", arr, (int)(sizeof(array_t) / sizeof(int)), 0);
}
