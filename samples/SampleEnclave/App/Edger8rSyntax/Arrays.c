/* Arrays.c — the application side of the array demos: it sends arr[i] = i and checks which
 * attributes bring the enclave's reply (arr[i] = N - 1 - i) back. */
#include <stdio.h>

#include "../App.h"
#include "Enclave_u.h"

static void fill(int *arr, int n, int base)
{
    for (int i = 0; i < n; i++)
        arr[i] = base < 0 ? i : base;
}

static void expect(const char *what, const int *arr, int n, int reversed)
{
    for (int i = 0; i < n; i++) {
        int want = reversed ? n - 1 - i : i;
        APP_CHECK(arr[i] == want, "%s: element %d is %d, expected %d", what, i, arr[i], want);
    }
}

void edger8r_array_attributes(void)
{
    int arr[SAMPLE_ARRAY_LEN];

    fill(arr, SAMPLE_ARRAY_LEN, -1);
    app_check_status(ecall_array_user_check(global_eid, arr), "ecall_array_user_check");
    expect("ecall_array_user_check", arr, SAMPLE_ARRAY_LEN, 1);

    fill(arr, SAMPLE_ARRAY_LEN, -1);
    app_check_status(ecall_array_in(global_eid, arr), "ecall_array_in");
    expect("ecall_array_in", arr, SAMPLE_ARRAY_LEN, 0);

    fill(arr, SAMPLE_ARRAY_LEN, 99); /* [out]: the enclave sees zeros, not these */
    app_check_status(ecall_array_out(global_eid, arr), "ecall_array_out");
    expect("ecall_array_out", arr, SAMPLE_ARRAY_LEN, 1);

    fill(arr, SAMPLE_ARRAY_LEN, -1);
    app_check_status(ecall_array_in_out(global_eid, arr), "ecall_array_in_out");
    expect("ecall_array_in_out", arr, SAMPLE_ARRAY_LEN, 1);

    array_t big;
    int n = (int)(sizeof big / sizeof big[0]);
    fill(big, n, -1);
    app_check_status(ecall_array_isary(global_eid, big), "ecall_array_isary");
    expect("ecall_array_isary", big, n, 1);

    printf("Info: arrays: user_check, in, out, in/out and isary behaved as declared.\n");
}
