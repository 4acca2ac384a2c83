/* Enclave_Seal.c — seals a secret with an additional MAC text under the default policy
 * (MRSIGNER): any enclave signed with the same key can open it, on this machine only. */
#include <stdlib.h>
#include <string.h>

#include "Enclave_Seal_t.h"
#include "sgx_tseal.h"

static const char secret[] = "Data to encrypt";
static const char aad[] = "aad mac text";

uint32_t get_sealed_data_size(void)
{
    return sgx_calc_sealed_data_size((uint32_t)strlen(aad), (uint32_t)strlen(secret));
}

sgx_status_t seal_data(uint8_t *sealed_blob, uint32_t data_size)
{
    uint32_t size = get_sealed_data_size();
    if (size == UINT32_MAX || size > data_size)
        return SGX_ERROR_INVALID_PARAMETER;
    /* Sealed into enclave memory, then copied out by the bridge. */
    uint8_t *blob = (uint8_t *)malloc(size);
    if (!blob)
        return SGX_ERROR_OUT_OF_MEMORY;
    sgx_status_t st = sgx_seal_data((uint32_t)strlen(aad), (const uint8_t *)aad, (uint32_t)strlen(secret),
                                    (const uint8_t *)secret, size, (sgx_sealed_data_t *)blob);
    if (st == SGX_SUCCESS)
        memcpy(sealed_blob, blob, size);
    free(blob);
    return st;
}
