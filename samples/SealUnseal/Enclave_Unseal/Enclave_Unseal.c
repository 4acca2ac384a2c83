/* Enclave_Unseal.c — opens the blob the sealing enclave made (same signer, so the same SEAL key
 * under MRSIGNER policy) and checks both the secret and the MAC text. */
#include <stdlib.h>
#include <string.h>

#include "Enclave_Unseal_t.h"
#include "sgx_tseal.h"

static const char secret[] = "Data to encrypt";
static const char aad[] = "aad mac text";

sgx_status_t unseal_data(const uint8_t *sealed_blob, size_t data_size)
{
    const sgx_sealed_data_t *blob = (const sgx_sealed_data_t *)sealed_blob;
    if (data_size < sizeof *blob)
        return SGX_ERROR_INVALID_PARAMETER;
    uint32_t mac_len = sgx_get_add_mac_txt_len(blob), txt_len = sgx_get_encrypt_txt_len(blob);
    if (mac_len == UINT32_MAX || txt_len == UINT32_MAX || sgx_calc_sealed_data_size(mac_len, txt_len) != data_size)
        return SGX_ERROR_INVALID_PARAMETER;
    uint8_t *mac_text = malloc(mac_len + 1), *text = malloc(txt_len + 1);
    sgx_status_t st = SGX_ERROR_OUT_OF_MEMORY;
    if (mac_text && text) {
        st = sgx_unseal_data(blob, mac_text, &mac_len, text, &txt_len);
        if (st == SGX_SUCCESS && (mac_len != strlen(aad) || memcmp(mac_text, aad, mac_len) ||
                                  txt_len != strlen(secret) || memcmp(text, secret, txt_len)))
            st = SGX_ERROR_UNEXPECTED;
    }
    free(mac_text);
    free(text);
    return st;
}
