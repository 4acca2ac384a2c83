/* svc_enclave.c — the services benchmark's enclave (svc.edl): each loop works on enclave memory
 * only, so that the host's timing is the service's, not the boundary's. */
#include <stdlib.h>
#include <string.h>

#include "sgx_tseal.h"
#include "sgx_utils.h"
#include "svc_t.h"

int ecall_seal_loop(uint32_t size, int n)
{
    uint32_t blob_size = sgx_calc_sealed_data_size(0, size);
    uint8_t *txt = malloc(size), *blob = malloc(blob_size);
    int done = 0;
    if (txt && blob) {
        memset(txt, 0x5a, size);
        while (done < n && sgx_seal_data(0, NULL, size, txt, blob_size, (sgx_sealed_data_t *)blob) == SGX_SUCCESS)
            done++;
    }
    free(txt);
    free(blob);
    return done;
}

int ecall_unseal_loop(uint32_t size, int n)
{
    uint32_t blob_size = sgx_calc_sealed_data_size(0, size);
    uint8_t *txt = malloc(size), *blob = malloc(blob_size);
    int done = 0;
    if (txt && blob) {
        memset(txt, 0x5a, size);
        if (sgx_seal_data(0, NULL, size, txt, blob_size, (sgx_sealed_data_t *)blob) == SGX_SUCCESS) {
            uint32_t len = size;
            while (done < n && (len = size, sgx_unseal_data((sgx_sealed_data_t *)blob, NULL, NULL, txt, &len)) == SGX_SUCCESS)
                done++;
        }
    }
    free(txt);
    free(blob);
    return done;
}

int ecall_getkey_loop(int n)
{
    sgx_key_request_t req;
    memset(&req, 0, sizeof req);
    req.key_name = SGX_KEYSELECT_SEAL;
    req.key_policy = SGX_KEYPOLICY_MRSIGNER;
    req.attribute_mask.flags = 0xFF0000000000000BULL;
    sgx_key_128bit_t key;
    int done = 0;
    while (done < n && sgx_get_key(&req, &key) == SGX_SUCCESS)
        done++;
    return done;
}

int ecall_report_loop(int n)
{
    sgx_report_t report;
    int done = 0;
    while (done < n && sgx_create_report(NULL, NULL, &report) == SGX_SUCCESS)
        done++;
    return done;
}
