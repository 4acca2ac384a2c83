/* rsa_sign_ex.c — sgx_rsa3072_sign_ex: sgx_rsa3072_sign, then, when a public key is given, a
 * check that the signature verifies under it before it is released. As in Intel's library, a
 * signature that does not verify is overwritten with random bytes (zeros if sgx_read_rand
 * fails) and the result is SGX_ERROR_INVALID_PARAMETER; without a public key this is
 * sgx_rsa3072_sign. */
#include <string.h>

#include "sgx_trts.h"
#include "tcrypto_internal.h"

sgx_status_t sgx_rsa3072_sign_ex(const uint8_t *p_data, uint32_t data_size, const sgx_rsa3072_key_t *p_key,
                                 const sgx_rsa3072_public_key_t *p_public, sgx_rsa3072_signature_t *p_signature)
{
    sgx_status_t ret = sgx_rsa3072_sign(p_data, data_size, p_key, p_signature);
    if (ret != SGX_SUCCESS || p_public == NULL)
        return ret;
    sgx_rsa_result_t result = SGX_RSA_INVALID_SIGNATURE;
    ret = sgx_rsa3072_verify(p_data, data_size, p_public, (const sgx_rsa3072_signature_t *)p_signature, &result);
    if (ret != SGX_SUCCESS || result != SGX_RSA_VALID) {
        if (sgx_read_rand(*p_signature, sizeof *p_signature) != SGX_SUCCESS)
            memset(*p_signature, 0, sizeof *p_signature);
        return ret == SGX_ERROR_OUT_OF_MEMORY ? SGX_ERROR_OUT_OF_MEMORY : SGX_ERROR_INVALID_PARAMETER;
    }
    return SGX_SUCCESS;
}
