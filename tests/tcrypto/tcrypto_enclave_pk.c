/* tcrypto_enclave_pk.c — the test enclave's public-key ECALLs (tcrypto.edl): P-256 key pairs,
 * point checks, ECDH, ECDSA and RSA-3072, each through a fresh ECC context where Intel's API
 * needs one. Keys and signatures cross the boundary in Intel's byte layouts. */
#include <string.h>

#include "sgx_tcrypto.h"
#include "tcrypto_t.h"

uint32_t ecall_ec_keypair(uint8_t *priv, uint8_t *pub)
{
    sgx_ecc_state_handle_t h;
    sgx_status_t st = sgx_ecc256_open_context(&h);
    if (st != SGX_SUCCESS)
        return st;
    st = sgx_ecc256_create_key_pair((sgx_ec256_private_t *)priv, (sgx_ec256_public_t *)pub, h);
    sgx_ecc256_close_context(h);
    return st;
}

uint32_t ecall_ec_check_point(const uint8_t *pub, int *valid)
{
    sgx_ecc_state_handle_t h;
    sgx_status_t st = sgx_ecc256_open_context(&h);
    if (st != SGX_SUCCESS)
        return st;
    st = sgx_ecc256_check_point((const sgx_ec256_public_t *)pub, h, valid);
    sgx_ecc256_close_context(h);
    return st;
}

uint32_t ecall_ecdh(const uint8_t *priv, const uint8_t *pub, uint8_t *shared)
{
    sgx_ecc_state_handle_t h;
    sgx_status_t st = sgx_ecc256_open_context(&h);
    if (st != SGX_SUCCESS)
        return st;
    st = sgx_ecc256_compute_shared_dhkey((sgx_ec256_private_t *)(uintptr_t)priv, (sgx_ec256_public_t *)(uintptr_t)pub,
                                         (sgx_ec256_dh_shared_t *)shared, h);
    sgx_ecc256_close_context(h);
    return st;
}

uint32_t ecall_ecdsa_sign(const uint8_t *data, uint32_t len, const uint8_t *priv, uint8_t *sig)
{
    sgx_ecc_state_handle_t h;
    sgx_status_t st = sgx_ecc256_open_context(&h);
    if (st != SGX_SUCCESS)
        return st;
    st = sgx_ecdsa_sign(data, len, (sgx_ec256_private_t *)(uintptr_t)priv, (sgx_ec256_signature_t *)sig, h);
    sgx_ecc256_close_context(h);
    return st;
}

uint32_t ecall_ecdsa_verify(const uint8_t *data, uint32_t len, const uint8_t *pub, const uint8_t *sig, uint8_t *result)
{
    sgx_ecc_state_handle_t h;
    sgx_status_t st = sgx_ecc256_open_context(&h);
    if (st != SGX_SUCCESS)
        return st;
    st = sgx_ecdsa_verify(data, len, (const sgx_ec256_public_t *)pub, (sgx_ec256_signature_t *)(uintptr_t)sig,
                          result, h);
    sgx_ecc256_close_context(h);
    return st;
}

uint32_t ecall_ecdsa_verify_hash(const uint8_t *hash, const uint8_t *pub, const uint8_t *sig, uint8_t *result)
{
    sgx_ecc_state_handle_t h;
    sgx_status_t st = sgx_ecc256_open_context(&h);
    if (st != SGX_SUCCESS)
        return st;
    st = sgx_ecdsa_verify_hash(hash, (const sgx_ec256_public_t *)pub, (sgx_ec256_signature_t *)(uintptr_t)sig,
                               result, h);
    sgx_ecc256_close_context(h);
    return st;
}

uint32_t ecall_rsa_sign(const uint8_t *data, uint32_t len, const uint8_t *key, uint8_t *sig)
{
    return sgx_rsa3072_sign(data, len, (const sgx_rsa3072_key_t *)key, (sgx_rsa3072_signature_t *)sig);
}

uint32_t ecall_rsa_verify(const uint8_t *data, uint32_t len, const uint8_t *pub, const uint8_t *sig, int *result)
{
    sgx_rsa_result_t r = SGX_RSA_INVALID_SIGNATURE;
    sgx_status_t st = sgx_rsa3072_verify(data, len, (const sgx_rsa3072_public_key_t *)pub,
                                         (const sgx_rsa3072_signature_t *)sig, result != NULL ? &r : NULL);
    if (result != NULL)
        *result = (int)r;
    return st;
}
