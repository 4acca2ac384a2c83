/* tcrypto_enclave_ext.c — the test enclave's ECALLs for the later parts of the API
 * (tcrypto.edl): SHA-1 (one-shot, or streamed with a hash taken midway), streaming AES-GCM
 * encryption in given chunk sizes (also in place; the tag after the first chunk is returned as
 * well), P-256 public keys from private ones, Intel's private key derivation, RSA key pairs,
 * RSA-OAEP through keys built inside the ECALL from the elements passed in, and
 * sgx_rsa3072_sign_ex. */
#include <string.h>

#include "sgx_tcrypto.h"
#include "tcrypto_t.h"

#define MIN(a, b) ((a) < (b) ? (a) : (b))

/* ecall_rsa_oaep's result when building the key failed: this bit and the key's status. */
#define KEY_FAILED 0x80000000u

static const uint8_t empty[1];

uint32_t ecall_sha1(const uint8_t *src, uint32_t len, uint32_t chunk, uint8_t *hash)
{
    if (src == NULL && len == 0)
        src = empty;
    if (chunk == 0)
        return sgx_sha1_msg(src, len, (sgx_sha1_hash_t *)hash);
    sgx_sha_state_handle_t h = NULL;
    sgx_sha1_hash_t mid;
    sgx_status_t st = sgx_sha1_init(&h);
    for (uint32_t off = 0; st == SGX_SUCCESS && off < len; off += chunk) {
        st = sgx_sha1_update(src + off, MIN(chunk, len - off), h);
        if (st == SGX_SUCCESS)
            st = sgx_sha1_get_hash(h, &mid);           /* must not disturb the stream */
    }
    if (st == SGX_SUCCESS && len == 0)
        st = sgx_sha1_update(src, 0, h);
    if (st == SGX_SUCCESS)
        st = sgx_sha1_get_hash(h, (sgx_sha1_hash_t *)hash);
    if (h != NULL) {
        sgx_status_t c = sgx_sha1_close(h);
        if (st == SGX_SUCCESS)
            st = c;
    }
    return st;
}

uint32_t ecall_gcm_stream(const uint8_t *key, const uint8_t *iv, const uint8_t *aad, uint32_t aad_len,
                          const uint8_t *src, uint32_t len, const uint32_t *splits, uint32_t splits_size,
                          int in_place, uint8_t *dst, uint8_t *tag, uint8_t *first_tag)
{
    sgx_aes_state_handle_t h = NULL;
    sgx_status_t st = sgx_aes_gcm128_enc_init(key, iv, SGX_AESGCM_IV_SIZE, aad, aad_len, &h);
    if (st != SGX_SUCCESS)
        return st;
    uint8_t *in = (uint8_t *)(uintptr_t)src;
    if (in_place && len > 0) {
        memcpy(dst, src, len);
        in = dst;
    }
    uint32_t nsplits = splits != NULL ? splits_size / 4 : 0, i = 0, off = 0;
    while (st == SGX_SUCCESS && off < len) {
        uint32_t n = nsplits > 0 ? splits[i++ % nsplits] : len;
        n = MIN(n == 0 ? 1 : n, len - off);
        st = sgx_aes_gcm128_enc_update(in + off, n, dst + off, h);
        if (st == SGX_SUCCESS && off == 0)
            st = sgx_aes_gcm128_enc_get_mac(first_tag, h);
        off += n;
    }
    if (st == SGX_SUCCESS)
        st = sgx_aes_gcm128_enc_get_mac(tag, h);
    if (st == SGX_SUCCESS && len == 0)
        memcpy(first_tag, tag, SGX_AESGCM_MAC_SIZE);
    sgx_status_t c = sgx_aes_gcm_close(h);
    return st == SGX_SUCCESS ? c : st;
}

uint32_t ecall_ec_pub_from_priv(const uint8_t *priv, uint8_t *pub)
{
    return sgx_ecc256_calculate_pub_from_priv((const sgx_ec256_private_t *)priv, (sgx_ec256_public_t *)pub);
}

uint32_t ecall_ecdsa_priv_key(const uint8_t *drg, uint32_t drg_len, const uint8_t *m, uint32_t m_len, uint8_t *out,
                              uint32_t out_len)
{
    return sgx_calculate_ecdsa_priv_key(drg, (int)drg_len, m, (int)m_len, out, (int)out_len);
}

/* blob: n and d (n_bytes each), then p, q, dmp1, dmq1, iqmp (n_bytes / 2 each); NULL passes
 * NULL for all of them. */
uint32_t ecall_rsa_keypair(uint32_t n_bytes, uint32_t e_bytes, uint8_t *e, uint8_t *blob, uint32_t blob_len)
{
    uint32_t half = n_bytes / 2;
    uint8_t *p = blob;
    if (blob != NULL && blob_len < 2 * n_bytes + 5 * half)
        return SGX_ERROR_INVALID_PARAMETER;
#define NEXT(size) (p != NULL ? (p += (size)) - (size) : NULL)
    uint8_t *n = NEXT(n_bytes), *d = NEXT(n_bytes), *fp = NEXT(half), *fq = NEXT(half), *dp = NEXT(half),
            *dq = NEXT(half), *iq = NEXT(half);
#undef NEXT
    return sgx_create_rsa_key_pair((int)n_bytes, (int)e_bytes, n, d, e, fp, fq, dp, dq, iq);
}

/* kind 0: a public key from key = n || e; 1: a private key of type 1 from n || e || d (d of
 * mod_size bytes); 2: of type 2 from e || p || q || dmp1 || dmq1 || iqmp (mod_size / 2 bytes
 * each); 3: no key (NULL). out_len NULL passes NULL. */
uint32_t ecall_rsa_oaep(int decrypt, int kind, uint32_t mod_size, uint32_t exp_size, const uint8_t *key,
                        uint32_t key_len, const uint8_t *in, uint32_t in_len, uint8_t *out, uint32_t out_cap,
                        uint64_t *out_len)
{
    (void)out_cap;
    void *h = NULL;
    sgx_status_t st = SGX_SUCCESS;
    uint32_t half = mod_size / 2;
    if ((kind == 0 && key_len < mod_size + exp_size) || (kind == 1 && key_len < 2 * mod_size + exp_size)
        || (kind == 2 && key_len < exp_size + 5 * half))
        return KEY_FAILED | SGX_ERROR_INVALID_PARAMETER;
    if (kind == 0)
        st = sgx_create_rsa_pub1_key((int)mod_size, (int)exp_size, key, key + mod_size, &h);
    else if (kind == 1)
        st = sgx_create_rsa_priv1_key((int)mod_size, (int)exp_size, (int)mod_size, key, key + mod_size,
                                      key + mod_size + exp_size, &h);
    else if (kind == 2)
        st = sgx_create_rsa_priv2_key((int)mod_size, (int)exp_size, key, key + exp_size, key + exp_size + half,
                                      key + exp_size + 2 * half, key + exp_size + 3 * half,
                                      key + exp_size + 4 * half, &h);
    if (st != SGX_SUCCESS)
        return KEY_FAILED | st;
    size_t len = out_len != NULL ? (size_t)*out_len : 0;
    st = decrypt ? sgx_rsa_priv_decrypt_sha256(h, out, out_len != NULL ? &len : NULL, in, in_len)
                 : sgx_rsa_pub_encrypt_sha256(h, out, out_len != NULL ? &len : NULL, in, in_len);
    if (out_len != NULL)
        *out_len = len;
    sgx_status_t f = sgx_free_rsa_key(h, kind == 0 ? SGX_RSA_PUBLIC_KEY : SGX_RSA_PRIVATE_KEY, (int)mod_size,
                                      (int)exp_size);
    return st == SGX_SUCCESS ? f : st;
}

uint32_t ecall_rsa_sign_ex(const uint8_t *data, uint32_t len, const uint8_t *key, const uint8_t *pub, uint8_t *sig)
{
    return sgx_rsa3072_sign_ex(data, len, (const sgx_rsa3072_key_t *)key, (const sgx_rsa3072_public_key_t *)pub,
                               (sgx_rsa3072_signature_t *)sig);
}
