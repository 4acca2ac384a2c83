/* seal_size.c — the sizes of sealed blobs: what a blob for given lengths takes, and the lengths
 * a blob says it holds (UINT32_MAX when inconsistent). */
#include "tseal_internal.h"

uint32_t sgx_calc_sealed_data_size(const uint32_t add_mac_txt_size, const uint32_t txt_encrypt_size)
{
    if (add_mac_txt_size > UINT32_MAX - txt_encrypt_size)
        return UINT32_MAX;
    uint32_t payload = add_mac_txt_size + txt_encrypt_size;
    if (payload > UINT32_MAX - sizeof(sgx_sealed_data_t))
        return UINT32_MAX;
    return (uint32_t)sizeof(sgx_sealed_data_t) + payload;
}

uint32_t sgx_get_add_mac_txt_len(const sgx_sealed_data_t *p_sealed_data)
{
    if (!p_sealed_data || p_sealed_data->plain_text_offset > p_sealed_data->aes_data.payload_size)
        return UINT32_MAX;
    return p_sealed_data->aes_data.payload_size - p_sealed_data->plain_text_offset;
}

uint32_t sgx_get_encrypt_txt_len(const sgx_sealed_data_t *p_sealed_data)
{
    if (!p_sealed_data || p_sealed_data->plain_text_offset > p_sealed_data->aes_data.payload_size)
        return UINT32_MAX;
    return p_sealed_data->plain_text_offset;
}
