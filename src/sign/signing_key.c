/* signing_key.c — RSA-3072/e=3 signing keys (see signing_key.h). */
#include "signing_key.h"

#include <stdio.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#define PEM_MAX (1u << 20)

/* Never prompt for a passphrase: an encrypted key simply fails to load. */
static int no_passphrase(char *buf, int size, int rwflag, void *u)
{
    (void)buf, (void)size, (void)rwflag, (void)u;
    return -1;
}

static EVP_PKEY *read_pem(const char *pem, size_t len, bool private_key)
{
    BIO *bio = BIO_new_mem_buf(pem, (int)len);
    EVP_PKEY *key = NULL;
    if (bio)
        key = private_key ? PEM_read_bio_PrivateKey(bio, NULL, no_passphrase, NULL)
                          : PEM_read_bio_PUBKEY(bio, NULL, no_passphrase, NULL);
    BIO_free(bio);
    return key;
}

/* RSA, 3072 bits, exponent 3; the modulus little-endian. */
static bool check_rsa3072_e3(const EVP_PKEY *key, uint8_t modulus[VSGX_RSA3072_BYTES], char *msg, size_t msg_len)
{
    bool ok = false;
    BIGNUM *n = NULL, *e = NULL;
    if (EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA || !EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_N, &n) ||
        !EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_E, &e))
        snprintf(msg, msg_len, "not an RSA key (enclaves are signed with RSA-3072, exponent 3)");
    else if (BN_num_bits(n) != 3072)
        snprintf(msg, msg_len, "a %d-bit RSA key; enclave signing keys are 3072 bits", BN_num_bits(n));
    else if (!BN_is_word(e, 3))
        snprintf(msg, msg_len, "RSA exponent is not 3, as enclave signing keys must have");
    else
        ok = BN_bn2lebinpad(n, modulus, VSGX_RSA3072_BYTES) == VSGX_RSA3072_BYTES;
    BN_free(n);
    BN_free(e);
    return ok;
}

EVP_PKEY *vsgx_signing_key_load(const char *pem, size_t len, vsgx_key_kind_t kind,
                                uint8_t modulus[VSGX_RSA3072_BYTES], char *msg, size_t msg_len)
{
    EVP_PKEY *key = NULL;
    if (len <= PEM_MAX) {
        key = read_pem(pem, len, true);
        if (!key && kind == VSGX_KEY_PUBLIC)
            key = read_pem(pem, len, false);
    }
    ERR_clear_error();
    if (!key) {
        snprintf(msg, msg_len, kind == VSGX_KEY_PRIVATE
                                   ? "not an unencrypted PEM private key"
                                   : "not a PEM public or unencrypted private key");
        return NULL;
    }
    if (!check_rsa3072_e3(key, modulus, msg, msg_len)) {
        EVP_PKEY_free(key);
        return NULL;
    }
    return key;
}

bool vsgx_signing_key_modulus(const char *pem, size_t len, uint8_t modulus[VSGX_RSA3072_BYTES], char *msg,
                              size_t msg_len)
{
    EVP_PKEY *key = vsgx_signing_key_load(pem, len, VSGX_KEY_PUBLIC, modulus, msg, msg_len);
    EVP_PKEY_free(key);
    return key != NULL;
}
