/* hello_app.c — loads hello.signed.so (path in argv[1]) and calls it. */
#include <stdio.h>

#include "hello_u.h"
#include "sgx_urts.h"

void ocall_print(const char *text)
{
    printf("%s\n", text);
}

int main(int argc, char **argv)
{
    sgx_enclave_id_t eid;
    int n = 0;
    if (argc != 2 || sgx_create_enclave(argv[1], SGX_DEBUG_FLAG, NULL, NULL, &eid, NULL) != SGX_SUCCESS ||
        ecall_hello(eid, &n, "vsgx") != SGX_SUCCESS || sgx_destroy_enclave(eid) != SGX_SUCCESS)
        return 1;
    printf("length %d\n", n);
    return 0;
}
