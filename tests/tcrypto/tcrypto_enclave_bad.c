/* tcrypto_enclave_bad.c — misuse cases that cannot be passed across the boundary (negative
 * int lengths, NULL or wrong-kind handles, out-of-range keys, lengths over INT32_MAX):
 * ecall_bad_case(id) runs case id and returns its sgx_status_t, or UINT32_MAX past the last
 * case. The host test holds the expected result of each case. */
#include <stdint.h>
#include <string.h>

#include "sgx_tcrypto.h"
#include "tcrypto_t.h"

static const uint8_t p256_n_le[32] = {
    0x51, 0x25, 0x63, 0xfc, 0xc2, 0xca, 0xb9, 0xf3, 0x84, 0x9e, 0x17, 0xa7, 0xad, 0xfa, 0xe6, 0xbc,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff,
};

static sgx_status_t with_ecc(uint32_t id)
{
    sgx_ecc_state_handle_t h;
    sgx_ec256_private_t priv;
    sgx_ec256_public_t pub;
    sgx_ec256_signature_t sig;
    sgx_ec256_dh_shared_t shared;
    uint8_t data[8] = { 1 };
    sgx_status_t st = sgx_ecc256_open_context(&h);
    if (st != SGX_SUCCESS)
        return st;
    st = sgx_ecc256_create_key_pair(&priv, &pub, h);
    if (st == SGX_SUCCESS) {
        switch (id) {
        case 16: memset(&priv, 0, sizeof priv); st = sgx_ecdsa_sign(data, sizeof data, &priv, &sig, h); break;
        case 17: memcpy(&priv, p256_n_le, 32); st = sgx_ecdsa_sign(data, sizeof data, &priv, &sig, h); break;
        case 18:
            memset(&priv, 0, sizeof priv);
            st = sgx_ecc256_compute_shared_dhkey(&priv, &pub, &shared, h);
            break;
        case 19: memcpy(&priv, p256_n_le, 32); st = sgx_ecc256_compute_shared_dhkey(&priv, &pub, &shared, h); break;
        default: st = SGX_ERROR_UNEXPECTED;
        }
    }
    sgx_ecc256_close_context(h);
    return st;
}

uint32_t ecall_bad_case(uint32_t id)
{
    uint8_t buf[64] = { 0 }, out[64];
    const uint32_t huge = 0x80000000u;
    sgx_sha_state_handle_t sha = NULL;
    sgx_hmac_state_handle_t hm = NULL;
    sgx_cmac_state_handle_t cm = NULL;
    sgx_status_t st;
    uint8_t ctr[16] = { 0 };
    int valid;
    switch (id) {
    case 0: return sgx_sha256_update(buf, 10, NULL);
    case 1: return sgx_sha256_get_hash(NULL, (sgx_sha256_hash_t *)out);
    case 2: return sgx_sha256_close(NULL);
    case 3:                                          /* a SHA-256 handle given to SHA-384 */
        if ((st = sgx_sha256_init(&sha)) != SGX_SUCCESS)
            return st;
        st = sgx_sha384_update(buf, 10, sha);
        sgx_sha256_close(sha);
        return st;
    case 4: return sgx_sha256_init(NULL);
    case 5: return sgx_hmac_sha256_msg(buf, -1, buf, 16, out, 32);
    case 6: return sgx_hmac_sha256_msg(buf, 10, buf, 0, out, 32);
    case 7: return sgx_hmac_sha256_msg(buf, 10, buf, 16, out, 33);
    case 8:
        if ((st = sgx_hmac256_init(buf, 16, &hm)) != SGX_SUCCESS)
            return st;
        st = sgx_hmac256_update(buf, 0, hm);
        sgx_hmac256_close(hm);
        return st;
    case 9: return sgx_hmac256_final(out, 32, NULL);
    case 10: return sgx_hmac256_close(NULL);
    case 11: return sgx_cmac128_update(buf, 10, NULL);
    case 12: return sgx_cmac128_final(NULL, (sgx_cmac_128bit_tag_t *)out);
    case 13: return sgx_cmac128_close(NULL);
    case 14: return sgx_ecc256_close_context(NULL);
    case 15: return sgx_ecc256_create_key_pair((sgx_ec256_private_t *)out, (sgx_ec256_public_t *)buf, NULL);
    case 16: case 17: case 18: case 19: return with_ecc(id);
    case 20: return sgx_ecc256_open_context(NULL);
    case 21: return sgx_rijndael128GCM_encrypt((const sgx_aes_gcm_128bit_key_t *)buf, buf, huge, out, buf, 12,
                                               NULL, 0, (sgx_aes_gcm_128bit_tag_t *)out);
    case 22: return sgx_aes_ctr_encrypt((const sgx_aes_ctr_128bit_key_t *)buf, buf, huge, ctr, 128, out);
    case 23: return sgx_sha256_msg(buf, huge, (sgx_sha256_hash_t *)out);
    case 24: return sgx_rijndael128_cmac_msg((const sgx_cmac_128bit_key_t *)buf, buf, huge,
                                             (sgx_cmac_128bit_tag_t *)out);
    case 25: return sgx_ecc256_check_point((const sgx_ec256_public_t *)buf, NULL, &valid);
    case 26:                                         /* a CMAC handle given as an ECC context */
        if ((st = sgx_cmac128_init((const sgx_cmac_128bit_key_t *)buf, &cm)) != SGX_SUCCESS)
            return st;
        st = sgx_ecc256_check_point((const sgx_ec256_public_t *)buf, cm, &valid);
        sgx_cmac128_close(cm);
        return st;
    case 27: return sgx_hmac256_init(buf, -5, &hm);
    case 28: return sgx_sha384_msg(NULL, 0, (sgx_sha384_hash_t *)out);
    default: return UINT32_MAX;
    }
}
