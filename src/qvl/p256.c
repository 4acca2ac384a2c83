/* p256.c — raw-format ECDSA P-256 verification (see p256.h). OpenSSL's EC_KEY interface is
 * used directly: it reaches the same constant-time assembly as EVP without the per-call
 * provider look-ups, which cost more than the verification itself at this size. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include "p256.h"

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/obj_mac.h>
#include <openssl/err.h>
#include <openssl/sha.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct vsgx_p256_key {
    EC_KEY *key;
};

static EC_GROUP *p256_group;
static pthread_once_t p256_once = PTHREAD_ONCE_INIT;

/* The curve is built once: building it per key costs more than a verification. */
static void p256_group_init(void)
{
    p256_group = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
}

vsgx_p256_key_t *vsgx_p256_key_new(const uint8_t xy[64])
{
    pthread_once(&p256_once, p256_group_init);
    if (!p256_group)
        return NULL;
    vsgx_p256_key_t *k = calloc(1, sizeof *k);
    uint8_t point[65];
    point[0] = 0x04;
    memcpy(point + 1, xy, 64);
    const unsigned char *p = point;
    if (k)
        k->key = EC_KEY_new();
    if (!k || !k->key || EC_KEY_set_group(k->key, p256_group) != 1 || !o2i_ECPublicKey(&k->key, &p, sizeof point)) {
        ERR_clear_error();
        vsgx_p256_key_free(k);
        return NULL;
    }
    return k;
}

void vsgx_p256_key_free(vsgx_p256_key_t *k)
{
    if (!k)
        return;
    EC_KEY_free(k->key);
    free(k);
}

bool vsgx_p256_verify(const vsgx_p256_key_t *k, const void *msg, size_t len, const uint8_t sig[64])
{
    uint8_t digest[32];
    SHA256(msg, len, digest);
    ECDSA_SIG *s = ECDSA_SIG_new();
    BIGNUM *r = BN_bin2bn(sig, 32, NULL), *sv = BN_bin2bn(sig + 32, 32, NULL);
    bool ok = false;
    if (s && r && sv && ECDSA_SIG_set0(s, r, sv)) {
        r = sv = NULL; /* owned by s */
        ok = ECDSA_do_verify(digest, sizeof digest, s, k->key) == 1;
    }
    BN_free(r);
    BN_free(sv);
    ECDSA_SIG_free(s);
    ERR_clear_error();
    return ok;
}
