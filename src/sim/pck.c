/* pck.c — PCK and PPID derivation (the PCE's algorithm), for the PCE and the simulated PCS; both
 * reach the PROVISION key through vsgx_derive_key, the one key-derivation core. */
#include "pck.h"

#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>

#include "platform.h"

/* The PCE's key request (pce_helper.cpp get_provision_key): policy 0, all attribute flags but
 * MODE64BIT, no XFRM, all MISCSELECT bits. */
static void provision_request(const vsgx_tcbm_t *tcbm, sgx_key_request_t *req)
{
    memset(req, 0, sizeof(*req));
    req->key_name = SGX_KEYSELECT_PROVISION;
    if (tcbm) {
        req->cpu_svn = tcbm->cpusvn;
        req->isv_svn = tcbm->pce_svn;
    }
    req->attribute_mask.flags = ~SGX_FLAGS_MODE64BIT;
    req->attribute_mask.xfrm = 0;
    req->misc_mask = 0xFFFFFFFFu;
}

static void pce_secs(const vsgx_pce_identity_t *id, sgx_isv_svn_t isv_svn,
                     vsgx_secs_identity_t *secs)
{
    memset(secs, 0, sizeof(*secs));
    secs->attributes = id->attributes;
    secs->misc_select = id->misc_select;
    secs->mr_signer = id->mr_signer;
    secs->isv_prod_id = id->isv_prod_id;
    secs->isv_svn = isv_svn;
}

/* EVP_PKEY for the P-256 private scalar d (big-endian). */
static EVP_PKEY *pkey_from_scalar(const BIGNUM *d)
{
    EVP_PKEY *pkey = NULL;
    EC_GROUP *group = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
    EC_POINT *pub = group ? EC_POINT_new(group) : NULL;
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    OSSL_PARAM *params = NULL;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
    uint8_t pubbuf[65];
    char curve[] = "prime256v1";
    if (!pub || !bld || !ctx || !EC_POINT_mul(group, pub, d, NULL, NULL, NULL) ||
        EC_POINT_point2oct(group, pub, POINT_CONVERSION_UNCOMPRESSED, pubbuf, sizeof(pubbuf),
                           NULL) != sizeof(pubbuf))
        goto out;
    if (!OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, curve, 0) ||
        !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, d) ||
        !OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, pubbuf, sizeof(pubbuf)))
        goto out;
    params = OSSL_PARAM_BLD_to_param(bld);
    if (!params || EVP_PKEY_fromdata_init(ctx) <= 0 ||
        EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_KEYPAIR, params) <= 0)
        pkey = NULL;
out:
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    EVP_PKEY_CTX_free(ctx);
    EC_POINT_free(pub);
    EC_GROUP_free(group);
    return pkey;
}

sgx_status_t vsgx_pck_from_provision_key(const sgx_key_128bit_t key, vsgx_pck_keypair_t *out)
{
    uint8_t content[16] = {0};
    uint8_t blocks[48];
    sgx_status_t st = SGX_ERROR_UNEXPECTED;
    BIGNUM *seed = BN_secure_new(), *d = BN_secure_new(), *nm1 = BN_new();
    BN_CTX *bnctx = BN_CTX_secure_new();
    EC_GROUP *group = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
    memset(out, 0, sizeof(*out));
    if (!seed || !d || !nm1 || !bnctx || !group)
        goto out;
    memcpy(content + 1, "PAK_KEY_DER", 11);
    content[14] = 0x01;
    content[15] = 0x40;
    for (int i = 0; i < 3; i++) {
        content[0] = (uint8_t)(i + 1);
        if (vsgx_cmac128(key, content, sizeof(content), blocks + 16 * i) != 0)
            goto out;
    }
    /* seed = the most significant 320 bits of block1 ‖ block2 ‖ block3, big-endian. */
    if (!BN_bin2bn(blocks, 40, seed) || !BN_copy(nm1, EC_GROUP_get0_order(group)) ||
        !BN_sub_word(nm1, 1) || !BN_mod(d, seed, nm1, bnctx) || !BN_add_word(d, 1) ||
        BN_bn2binpad(d, out->d, 32) != 32)
        goto out;
    out->pkey = pkey_from_scalar(d);
    if (out->pkey)
        st = SGX_SUCCESS;
out:
    if (st != SGX_SUCCESS)
        OPENSSL_cleanse(out->d, sizeof(out->d));
    OPENSSL_cleanse(blocks, sizeof(blocks));
    BN_clear_free(seed);
    BN_clear_free(d);
    BN_free(nm1);
    BN_CTX_free(bnctx);
    EC_GROUP_free(group);
    return st;
}

void vsgx_pck_clear(vsgx_pck_keypair_t *pck)
{
    if (!pck)
        return;
    OPENSSL_cleanse(pck->d, sizeof(pck->d));
    EVP_PKEY_free(pck->pkey);
    pck->pkey = NULL;
}

/* PCK from a root, secs and TCBm: EGETKEY(PROVISION) then the PAK derivation. */
static sgx_status_t pck_from_root(const vsgx_key_root_t *root, const vsgx_secs_identity_t *secs,
                                  const vsgx_tcbm_t *tcbm, vsgx_pck_keypair_t *out)
{
    sgx_key_request_t req;
    sgx_key_128bit_t key;
    provision_request(tcbm, &req);
    sgx_status_t st = vsgx_derive_key(root, secs, &req, key);
    if (st == SGX_SUCCESS)
        st = vsgx_pck_from_provision_key(key, out);
    OPENSSL_cleanse(key, sizeof(key));
    return st;
}

static sgx_status_t ppid_from_root(const vsgx_key_root_t *root, const vsgx_secs_identity_t *secs,
                                   uint8_t ppid[16])
{
    sgx_key_request_t req;
    sgx_key_128bit_t key;
    static const uint8_t zero[16];
    provision_request(NULL, &req);
    sgx_status_t st = vsgx_derive_key(root, secs, &req, key);
    if (st == SGX_SUCCESS && vsgx_cmac128(key, zero, sizeof(zero), ppid) != 0)
        st = SGX_ERROR_UNEXPECTED;
    OPENSSL_cleanse(key, sizeof(key));
    return st;
}

sgx_status_t vsgx_pce_pck(const vsgx_platform_t *p, const vsgx_pce_identity_t *id,
                          const vsgx_tcbm_t *tcbm, vsgx_pck_keypair_t *out)
{
    if (!p || !id || !tcbm || !out)
        return SGX_ERROR_INVALID_PARAMETER;
    vsgx_key_root_t root;
    vsgx_secs_identity_t secs;
    vsgx_platform_key_root(p, &root);
    pce_secs(id, p->params.pce_svn, &secs);
    return pck_from_root(&root, &secs, tcbm, out);
}

sgx_status_t vsgx_pce_ppid(const vsgx_platform_t *p, const vsgx_pce_identity_t *id, uint8_t ppid[16])
{
    if (!p || !id || !ppid)
        return SGX_ERROR_INVALID_PARAMETER;
    vsgx_key_root_t root;
    vsgx_secs_identity_t secs;
    vsgx_platform_key_root(p, &root);
    pce_secs(id, p->params.pce_svn, &secs);
    return ppid_from_root(&root, &secs, ppid);
}

/* The PCS knows only the RPK; the TCBm it certifies is, for it, the current TCB. */
sgx_status_t vsgx_pcs_pck(const uint8_t rpk[16], const vsgx_pce_identity_t *id,
                          const vsgx_tcbm_t *tcbm, vsgx_pck_keypair_t *out)
{
    if (!rpk || !id || !tcbm || !out)
        return SGX_ERROR_INVALID_PARAMETER;
    vsgx_key_root_t root = {.rpk = rpk, .rsk = NULL, .owner_epoch = NULL,
                            .current_cpusvn = tcbm->cpusvn};
    vsgx_secs_identity_t secs;
    pce_secs(id, tcbm->pce_svn, &secs);
    return pck_from_root(&root, &secs, tcbm, out);
}

sgx_status_t vsgx_pcs_ppid(const uint8_t rpk[16], const vsgx_pce_identity_t *id, uint8_t ppid[16])
{
    if (!rpk || !id || !ppid)
        return SGX_ERROR_INVALID_PARAMETER;
    vsgx_key_root_t root = {.rpk = rpk, .rsk = NULL, .owner_epoch = NULL, .current_cpusvn = {{0}}};
    vsgx_secs_identity_t secs;
    pce_secs(id, 0, &secs);
    return ppid_from_root(&root, &secs, ppid);
}
