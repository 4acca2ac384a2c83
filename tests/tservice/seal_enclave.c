/* seal_enclave.c — the sealing tests' enclave (seal.edl). policy 0 means sgx_seal_data's
 * default request; anything else goes to sgx_seal_data_ex with Intel's default masks. */
#include <string.h>

#include "seal_t.h"
#include "sgx_tseal.h"
#include "sgx_utils.h"

int ecall_seal(uint16_t policy, const uint8_t *aad, uint32_t aad_len, const uint8_t *txt, uint32_t txt_len,
               uint8_t *blob, uint32_t blob_size)
{
    sgx_sealed_data_t *b = (sgx_sealed_data_t *)blob;
    if (!policy)
        return (int)sgx_seal_data(aad_len, aad_len ? aad : NULL, txt_len, txt, blob_size, b);
    sgx_attributes_t mask = { .flags = 0xFF0000000000000BULL, .xfrm = 0 };
    return (int)sgx_seal_data_ex(policy, mask, 0xF0000000u, aad_len, aad_len ? aad : NULL, txt_len, txt, blob_size, b);
}

int ecall_unseal(const uint8_t *blob, uint32_t blob_size, uint8_t *aad, uint32_t aad_cap, uint8_t *txt,
                 uint32_t txt_cap, uint32_t lengths[2])
{
    (void)blob_size;
    lengths[0] = aad_cap;
    lengths[1] = txt_cap;
    return (int)sgx_unseal_data((const sgx_sealed_data_t *)blob, aad, &lengths[0], txt, &lengths[1]);
}

int ecall_mac(const uint8_t *aad, uint32_t aad_len, uint8_t *blob, uint32_t blob_size)
{
    return (int)sgx_mac_aadata(aad_len, aad, blob_size, (sgx_sealed_data_t *)blob);
}

int ecall_unmac(const uint8_t *blob, uint32_t blob_size, uint8_t *aad, uint32_t aad_cap, uint32_t *aad_len)
{
    (void)blob_size;
    *aad_len = aad_cap;
    return (int)sgx_unmac_aadata((const sgx_sealed_data_t *)blob, aad, aad_len);
}

int ecall_report(const sgx_target_info_t *ti, sgx_report_t *report)
{
    return (int)sgx_create_report(ti, NULL, report);
}

int ecall_verify_report(const sgx_report_t *report)
{
    return (int)sgx_verify_report(report);
}

uint32_t ecall_sealed_size(uint32_t aad_len, uint32_t txt_len)
{
    return sgx_calc_sealed_data_size(aad_len, txt_len);
}
