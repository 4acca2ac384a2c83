/* signing_key.c — RSA-3072/e=3 signing keys (see signing_key.h). */
#include "signing_key.h"

#include <stdio.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

bool vsgx_signing_key_modulus(const char *pem, size_t len, uint8_t modulus[VSGX_RSA3072_BYTES], char *msg,
                              size_t msg_len)
{
    bool ok = false;
    BIGNUM *n = NULL, *e = NULL;
    EVP_PKEY *key = NULL;
    BIO *bio = len <= 1u << 20 ? BIO_new_mem_buf(pem, (int)len) : NULL;
    if (bio)
        key = PEM_read_bio_PUBKEY(bio, NULL, NULL, NULL);
    if (bio && !key) {
        BIO_free(bio);
        bio = BIO_new_mem_buf(pem, (int)len);
        key = bio ? PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL) : NULL;
    }
    if (!key) {
        snprintf(msg, msg_len, "not a PEM public or private key");
        goto out;
    }
    if (EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA || !EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_N, &n) ||
        !EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_E, &e)) {
        snprintf(msg, msg_len, "not an RSA key (enclaves are signed with RSA-3072, exponent 3)");
        goto out;
    }
    if (BN_num_bits(n) != 3072) {
        snprintf(msg, msg_len, "a %d-bit RSA key; enclave signing keys are 3072 bits", BN_num_bits(n));
        goto out;
    }
    if (!BN_is_word(e, 3)) {
        snprintf(msg, msg_len, "RSA exponent is not 3, as enclave signing keys must have");
        goto out;
    }
    ok = BN_bn2lebinpad(n, modulus, VSGX_RSA3072_BYTES) == VSGX_RSA3072_BYTES;
out:
    BN_free(n);
    BN_free(e);
    EVP_PKEY_free(key);
    BIO_free(bio);
    ERR_clear_error();
    return ok;
}
