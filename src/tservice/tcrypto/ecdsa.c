/* ecdsa.c — ECDSA over P-256 with SHA-256 (sgx_ecdsa_sign/verify/verify_hash) on BearSSL's
 * br_ecdsa_i31_sign_raw / vrfy_raw with the constant-time br_ec_p256_m31. Signing is
 * deterministic (RFC 6979 nonces, BearSSL's). Signatures are Intel's: r and s as
 * little-endian uint32 words. A wrong signature, or a public key off the curve, is
 * SGX_SUCCESS with *p_result = SGX_EC_INVALID_SIGNATURE. */
#include <string.h>

#include "ec_util.h"

static int ecc_ok(const void *h)
{
    const struct tc_ecc *c = h;
    return c != NULL && c->tag == TC_TAG_ECC;
}

sgx_status_t sgx_ecdsa_sign(const uint8_t *p_data, uint32_t data_size, sgx_ec256_private_t *p_private,
                            sgx_ec256_signature_t *p_signature, sgx_ecc_state_handle_t ecc_handle)
{
    if (!ecc_ok(ecc_handle) || p_private == NULL || p_signature == NULL || p_data == NULL
        || data_size < 1 || data_size > TC_MAX_LEN)
        return SGX_ERROR_INVALID_PARAMETER;
    sgx_status_t ret = SGX_ERROR_INVALID_PARAMETER;
    uint8_t k[32], hash[32], raw[64];
    br_ec_private_key sk = { BR_EC_secp256r1, k, sizeof k };
    if (!tc_ec_priv_be(k, p_private))
        goto out;
    br_sha256_context h;
    br_sha256_init(&h);
    br_sha256_update(&h, p_data, data_size);
    br_sha256_out(&h, hash);
    ret = SGX_ERROR_UNEXPECTED;
    if (br_ecdsa_i31_sign_raw(tc_ec(), &br_sha256_vtable, hash, &sk, raw) != sizeof raw)
        goto out;
    tc_ec_sig_le(p_signature, raw);
    ret = SGX_SUCCESS;
out:
    tc_wipe(k, sizeof k);
    return ret;
}

sgx_status_t sgx_ecdsa_verify_hash(const uint8_t *hash, const sgx_ec256_public_t *p_public,
                                   sgx_ec256_signature_t *p_signature, uint8_t *p_result,
                                   sgx_ecc_state_handle_t ecc_handle)
{
    if (!ecc_ok(ecc_handle) || p_public == NULL || p_signature == NULL || hash == NULL || p_result == NULL)
        return SGX_ERROR_INVALID_PARAMETER;
    uint8_t point[65], raw[64];
    *p_result = SGX_EC_INVALID_SIGNATURE;
    if (!tc_ec_pub_be(point, p_public))
        return SGX_SUCCESS;
    tc_ec_sig_be(raw, p_signature);
    br_ec_public_key pk = { BR_EC_secp256r1, point, sizeof point };
    if (br_ecdsa_i31_vrfy_raw(tc_ec(), hash, SGX_SHA256_HASH_SIZE, &pk, raw, sizeof raw) == 1)
        *p_result = SGX_EC_VALID;
    return SGX_SUCCESS;
}

sgx_status_t sgx_ecdsa_verify(const uint8_t *p_data, uint32_t data_size, const sgx_ec256_public_t *p_public,
                              sgx_ec256_signature_t *p_signature, uint8_t *p_result,
                              sgx_ecc_state_handle_t ecc_handle)
{
    if (!ecc_ok(ecc_handle) || p_public == NULL || p_signature == NULL || p_data == NULL
        || data_size < 1 || data_size > TC_MAX_LEN || p_result == NULL)
        return SGX_ERROR_INVALID_PARAMETER;
    uint8_t hash[32];
    br_sha256_context h;
    br_sha256_init(&h);
    br_sha256_update(&h, p_data, data_size);
    br_sha256_out(&h, hash);
    return sgx_ecdsa_verify_hash(hash, p_public, p_signature, p_result, ecc_handle);
}
