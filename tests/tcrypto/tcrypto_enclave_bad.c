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

/* The later parts of the API: SHA-1, streaming GCM, key derivation and RSA-OAEP keys. A result
 * of UINT32_MAX - 1 means an output that should have been cleared was not. */
static sgx_status_t later_case(uint32_t id)
{
    uint8_t buf[64] = { 1 }, out[64], key[16] = { 0 }, iv[12] = { 0 };
    const uint32_t huge = 0x80000000u;
    sgx_sha_state_handle_t sha = NULL;
    sgx_cmac_state_handle_t cm = NULL;
    sgx_aes_state_handle_t gcm = NULL;
    sgx_ecc_state_handle_t ecc = NULL;
    void *rsa = NULL;
    sgx_status_t st;
    static const uint8_t zero[64];
    uint8_t m[32];
    memcpy(m, p256_n_le, 32);
    m[0]--;                                          /* n - 1, little-endian */
    switch (id) {
    case 29: return sgx_sha1_update(buf, 10, NULL);
    case 30:                                         /* a SHA-256 handle given to SHA-1 */
        if ((st = sgx_sha256_init(&sha)) != SGX_SUCCESS)
            return st;
        st = sgx_sha1_update(buf, 10, sha);
        sgx_sha256_close(sha);
        return st;
    case 31: return sgx_sha1_get_hash(NULL, (sgx_sha1_hash_t *)out);
    case 32: return sgx_sha1_close(NULL);
    case 33: return sgx_sha1_init(NULL);
    case 34:
        if ((st = sgx_sha1_init(&sha)) != SGX_SUCCESS)
            return st;
        st = sgx_sha1_update(buf, (size_t)huge, sha);
        sgx_sha1_close(sha);
        return st;
    case 35: return sgx_sha1_msg(buf, huge, (sgx_sha1_hash_t *)out);
    case 36: return sgx_aes_gcm128_enc_init(key, iv, 12, NULL, 0, NULL);
    case 37: return sgx_aes_gcm128_enc_init(key, iv, 12, buf, 0x7fffffffu, &gcm);
    case 38: return sgx_aes_gcm128_enc_update(buf, 16, out, NULL);
    case 39:
    case 45:
        if ((st = sgx_aes_gcm128_enc_init(key, iv, 12, NULL, 0, &gcm)) != SGX_SUCCESS)
            return st;
        st = sgx_aes_gcm128_enc_update(buf, id == 39 ? 0 : 0x7fffffffu, out, gcm);
        sgx_aes_gcm_close(gcm);
        return st;
    case 40:                                         /* a CMAC handle as GCM state */
        if ((st = sgx_cmac128_init((const sgx_cmac_128bit_key_t *)key, &cm)) != SGX_SUCCESS)
            return st;
        st = sgx_aes_gcm128_enc_update(buf, 16, out, cm);
        sgx_cmac128_close(cm);
        return st;
    case 41:                                         /* a SHA-256 handle to get_mac: MAC cleared */
        if ((st = sgx_sha256_init(&sha)) != SGX_SUCCESS)
            return st;
        memset(out, 0xaa, sizeof out);
        st = sgx_aes_gcm128_enc_get_mac(out, sha);
        sgx_sha256_close(sha);
        return memcmp(out, zero, 16) == 0 ? st : UINT32_MAX - 1;
    case 42: return sgx_aes_gcm128_enc_get_mac(out, NULL);
    case 43: return sgx_aes_gcm_close(NULL);
    case 44:
        if ((st = sgx_sha256_init(&sha)) != SGX_SUCCESS)
            return st;
        st = sgx_aes_gcm_close(sha);
        sgx_sha256_close(sha);
        return st;
    case 46:
    case 47:                                         /* private keys 0 and n: public key cleared */
        memset(buf, 0, 32);
        if (id == 47)
            memcpy(buf, p256_n_le, 32);
        memset(out, 0xaa, sizeof out);
        st = sgx_ecc256_calculate_pub_from_priv((const sgx_ec256_private_t *)buf, (sgx_ec256_public_t *)out);
        return memcmp(out, zero, 64) == 0 ? st : UINT32_MAX - 1;
    case 48: return sgx_ecc256_calculate_pub_from_priv(NULL, (sgx_ec256_public_t *)out);
    case 49: return sgx_calculate_ecdsa_priv_key(buf, -4, m, 32, out, 32);
    case 50:
    case 51:
    case 52:
    case 53:                                         /* failures clear out_key */
        memset(out, 0xaa, sizeof out);
        if (id == 52)
            memset(m, 0, sizeof m);
        st = sgx_calculate_ecdsa_priv_key(buf, id == 50 ? 39 : 40, m, id == 51 ? 28 : 32, out, id == 53 ? 16 : 32);
        return memcmp(out, zero, id == 53 ? 16 : 32) == 0 ? st : UINT32_MAX - 1;
    case 54: return sgx_calculate_ecdsa_priv_key(buf, 40, m, 32, out, 0);
    case 55: return sgx_rsa_pub_encrypt_sha256(NULL, out, &(size_t){ 64 }, buf, 8);
    case 56:                                         /* an ECC context as RSA key */
        if ((st = sgx_ecc256_open_context(&ecc)) != SGX_SUCCESS)
            return st;
        st = sgx_rsa_pub_encrypt_sha256(ecc, out, &(size_t){ 64 }, buf, 8);
        sgx_ecc256_close_context(ecc);
        return st;
    case 57:
    case 64:                                         /* pin_len 0 and INT_MAX */
        if ((st = sgx_create_rsa_pub1_key(64, 4, buf, buf, &rsa)) != SGX_SUCCESS)
            return st;
        st = sgx_rsa_pub_encrypt_sha256(rsa, out, &(size_t){ 64 }, buf, id == 57 ? 0 : 0x7fffffffu);
        sgx_free_rsa_key(rsa, SGX_RSA_PUBLIC_KEY, 64, 4);
        return st;
    case 58: return sgx_free_rsa_key(NULL, SGX_RSA_PRIVATE_KEY, 384, 4);
    case 59:
        if ((st = sgx_cmac128_init((const sgx_cmac_128bit_key_t *)key, &cm)) != SGX_SUCCESS)
            return st;
        st = sgx_free_rsa_key(cm, SGX_RSA_PUBLIC_KEY, 384, 4);
        sgx_cmac128_close(cm);
        return st;
    case 60: return sgx_create_rsa_pub1_key(-1, 4, buf, buf, &rsa);
    case 61: return sgx_create_rsa_priv1_key(64, 4, 0, buf, buf, buf, &rsa);
    case 62: return sgx_create_rsa_priv2_key(0, 4, buf, buf, buf, buf, buf, buf, &rsa);
    case 63: return sgx_create_rsa_key_pair(-8, 4, out, out, buf, out, out, out, out, out);
    case 65: return sgx_create_rsa_key_pair(100, 4, out, out, buf, out, out, out, out, out);
    case 66: {
        uint8_t big[1024], e[4] = { 0x00, 0x00, 0x01, 0x00 };   /* 65536: even */
        return sgx_create_rsa_key_pair(128, 4, big, big + 128, e, big + 256, big + 320, big + 384, big + 448,
                                       big + 512);
    }
    case 67: return sgx_create_rsa_pub1_key(64, 4, buf, buf, NULL);
    case 68: return sgx_aes_gcm128_enc_init(key, iv, 16, NULL, 0, &gcm);
    case 69: return sgx_aes_gcm128_enc_init(NULL, iv, 12, NULL, 0, &gcm);
    case 70: return sgx_aes_gcm128_enc_init(key, iv, 12, NULL, 5, &gcm);
    case 71: return sgx_aes_gcm128_enc_init(key, NULL, 12, NULL, 0, &gcm);
    default: return UINT32_MAX;
    }
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
    default: return later_case(id);
    }
}
