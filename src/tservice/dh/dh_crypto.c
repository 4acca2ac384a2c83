/* dh_crypto.c — the cryptography of the local-attestation protocol: ephemeral P-256 keys and
 * their ECDH secret, Intel's AES-CMAC key derivation of SMK and AEK, the hash of the two
 * public keys that a REPORT binds, and constant-time CMAC checks. Enclave code, tservice only. */
#include <string.h>

#include "dh_internal.h"

void dh_wipe(void *p, size_t n)
{
    explicit_bzero(p, n);
}

sgx_status_t dh_public_error(sgx_status_t st)
{
    return st == SGX_ERROR_OUT_OF_MEMORY ? st : SGX_ERROR_UNEXPECTED;
}

sgx_status_t dh_derive_key(const sgx_ec256_dh_shared_t *shared, const char *label, sgx_key_128bit_t *key)
{
    size_t n = strlen(label);
    uint8_t buf[16];
    if (n + 4 > sizeof buf)
        return SGX_ERROR_INVALID_PARAMETER;
    static const sgx_cmac_128bit_key_t zero_key;
    sgx_cmac_128bit_key_t kdk;
    sgx_status_t st = sgx_rijndael128_cmac_msg(&zero_key, shared->s, sizeof shared->s, &kdk);
    if (st == SGX_SUCCESS) {
        buf[0] = 0x01;                       /* counter */
        memcpy(buf + 1, label, n);
        buf[1 + n] = 0x00;
        buf[2 + n] = 0x80;                   /* output length in bits, 128, little-endian */
        buf[3 + n] = 0x00;
        st = sgx_rijndael128_cmac_msg(&kdk, buf, (uint32_t)(n + 4), (sgx_cmac_128bit_tag_t *)key);
    }
    dh_wipe(kdk, sizeof kdk);
    return st;
}

sgx_status_t dh_make_key_pair(sgx_ec256_private_t *prv, sgx_ec256_public_t *pub)
{
    sgx_ecc_state_handle_t ecc = NULL;
    sgx_status_t st = sgx_ecc256_open_context(&ecc);
    if (st != SGX_SUCCESS)
        return st;
    st = sgx_ecc256_create_key_pair(prv, pub, ecc);
    sgx_ecc256_close_context(ecc);
    return st;
}

sgx_status_t dh_shared_secret(sgx_ec256_private_t *prv, const sgx_ec256_public_t *peer, sgx_ec256_dh_shared_t *shared)
{
    sgx_ecc_state_handle_t ecc = NULL;
    sgx_status_t st = sgx_ecc256_open_context(&ecc);
    if (st != SGX_SUCCESS)
        return st;
    sgx_ec256_public_t point = *peer;
    int valid = 0;
    st = sgx_ecc256_check_point(&point, ecc, &valid);
    if (st == SGX_SUCCESS && !valid)
        st = SGX_ERROR_INVALID_PARAMETER;
    if (st == SGX_SUCCESS)
        st = sgx_ecc256_compute_shared_dhkey(prv, &point, shared, ecc);
    sgx_ecc256_close_context(ecc);
    return st;
}

sgx_status_t dh_hash_keys(const sgx_ec256_public_t *first, const sgx_ec256_public_t *second, uint8_t hash[32])
{
    uint8_t buf[2 * sizeof(sgx_ec256_public_t)];
    memcpy(buf, first, sizeof *first);
    memcpy(buf + sizeof *first, second, sizeof *second);
    return sgx_sha256_msg(buf, sizeof buf, (sgx_sha256_hash_t *)hash);
}

sgx_status_t dh_check_cmac(const sgx_key_128bit_t *key, const void *data, uint32_t size, const uint8_t mac[16])
{
    sgx_cmac_128bit_tag_t tag;
    sgx_status_t st = sgx_rijndael128_cmac_msg((const sgx_cmac_128bit_key_t *)key, data, size, &tag);
    if (st != SGX_SUCCESS)
        return st;
    uint8_t diff = 0;
    for (size_t i = 0; i < sizeof tag; i++)
        diff |= (uint8_t)(tag[i] ^ mac[i]);
    return diff ? SGX_ERROR_MAC_MISMATCH : SGX_SUCCESS;
}
