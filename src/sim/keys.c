/* keys.c — EGETKEY and the EREPORT key: request checks in the SDM's order, then
 * key = AES-128-CMAC(base key of the key name, derivation data), the derivation data laid out
 * as the SDK simulation's dd_* structures (natural x86-64 alignment, zero padding). */
#include "keys.h"

#include <pthread.h>
#include <stddef.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "platform.h"

typedef struct {
    uint16_t key_name;
    uint16_t key_policy;
    sgx_attributes_t tmp_attr;
    sgx_attributes_t attr_mask;
    sgx_misc_select_t tmp_misc;
    sgx_misc_select_t misc_mask; /* ~MISCMASK */
    uint8_t owner_epoch[16];
    sgx_cpu_svn_t cpu_svn;
    sgx_isv_svn_t isv_svn;
    sgx_prod_id_t isv_prod_id;
    sgx_config_svn_t config_svn;
    sgx_config_id_t config_id;
    sgx_isvfamily_id_t isv_family_id;
    sgx_isvext_prod_id_t isv_ext_prod_id;
    sgx_measurement_t mr_enclave;
    sgx_measurement_t mr_signer;
    sgx_key_id_t key_id;
} dd_seal_t;

typedef struct {
    uint16_t key_name;
    sgx_attributes_t attributes;
    sgx_misc_select_t misc_select;
    uint8_t owner_epoch[16];
    sgx_measurement_t mr_enclave;
    sgx_cpu_svn_t cpu_svn;
    sgx_config_svn_t config_svn;
    sgx_config_id_t config_id;
    sgx_key_id_t key_id;
} dd_report_t;

typedef struct {
    uint16_t key_name;
    sgx_attributes_t tmp_attr;
    sgx_misc_select_t tmp_misc;
    uint8_t owner_epoch[16];
    sgx_cpu_svn_t cpu_svn;
    sgx_isv_svn_t isv_svn;
    sgx_prod_id_t isv_prod_id;
    sgx_measurement_t mr_signer;
    sgx_key_id_t key_id;
} dd_einittoken_t;

typedef struct {
    uint16_t key_name;
    sgx_attributes_t tmp_attr;
    sgx_attributes_t attr_mask;
    sgx_misc_select_t tmp_misc;
    sgx_misc_select_t misc_mask; /* ~MISCMASK */
    sgx_cpu_svn_t cpu_svn;
    sgx_isv_svn_t isv_svn;
    sgx_prod_id_t isv_prod_id;
    sgx_measurement_t mr_signer;
} dd_provision_t;

typedef struct {
    uint16_t key_name;
    uint16_t key_policy;
    sgx_attributes_t tmp_attr;
    sgx_attributes_t attr_mask;
    sgx_misc_select_t tmp_misc;
    sgx_misc_select_t misc_mask; /* ~MISCMASK */
    sgx_cpu_svn_t cpu_svn;
    sgx_isv_svn_t isv_svn;
    sgx_prod_id_t isv_prod_id;
    sgx_config_svn_t config_svn;
    sgx_config_id_t config_id;
    sgx_isvfamily_id_t isv_family_id;
    sgx_isvext_prod_id_t isv_ext_prod_id;
    sgx_measurement_t mr_signer;
} dd_provision_seal_t;

#define AT(t, f, o) _Static_assert(offsetof(t, f) == (o), #t "." #f)
_Static_assert(sizeof(dd_seal_t) == 280, "dd_seal_t");
AT(dd_seal_t, tmp_attr, 8); AT(dd_seal_t, attr_mask, 24); AT(dd_seal_t, tmp_misc, 40);
AT(dd_seal_t, misc_mask, 44); AT(dd_seal_t, owner_epoch, 48); AT(dd_seal_t, cpu_svn, 64);
AT(dd_seal_t, isv_svn, 80); AT(dd_seal_t, isv_prod_id, 82); AT(dd_seal_t, config_svn, 84);
AT(dd_seal_t, config_id, 86); AT(dd_seal_t, isv_family_id, 150);
AT(dd_seal_t, isv_ext_prod_id, 166); AT(dd_seal_t, mr_enclave, 182);
AT(dd_seal_t, mr_signer, 214); AT(dd_seal_t, key_id, 246);
_Static_assert(sizeof(dd_report_t) == 192, "dd_report_t");
AT(dd_report_t, attributes, 8); AT(dd_report_t, misc_select, 24);
AT(dd_report_t, owner_epoch, 28); AT(dd_report_t, mr_enclave, 44); AT(dd_report_t, cpu_svn, 76);
AT(dd_report_t, config_svn, 92); AT(dd_report_t, config_id, 94); AT(dd_report_t, key_id, 158);
_Static_assert(sizeof(dd_einittoken_t) == 128, "dd_einittoken_t");
AT(dd_einittoken_t, tmp_attr, 8); AT(dd_einittoken_t, tmp_misc, 24);
AT(dd_einittoken_t, owner_epoch, 28); AT(dd_einittoken_t, cpu_svn, 44);
AT(dd_einittoken_t, isv_svn, 60); AT(dd_einittoken_t, isv_prod_id, 62);
AT(dd_einittoken_t, mr_signer, 64); AT(dd_einittoken_t, key_id, 96);
_Static_assert(sizeof(dd_provision_t) == 104, "dd_provision_t");
AT(dd_provision_t, tmp_attr, 8); AT(dd_provision_t, attr_mask, 24);
AT(dd_provision_t, tmp_misc, 40); AT(dd_provision_t, misc_mask, 44);
AT(dd_provision_t, cpu_svn, 48); AT(dd_provision_t, isv_svn, 64);
AT(dd_provision_t, isv_prod_id, 66); AT(dd_provision_t, mr_signer, 68);
_Static_assert(sizeof(dd_provision_seal_t) == 200, "dd_provision_seal_t");
AT(dd_provision_seal_t, cpu_svn, 48); AT(dd_provision_seal_t, isv_svn, 64);
AT(dd_provision_seal_t, config_id, 70); AT(dd_provision_seal_t, isv_family_id, 134);
AT(dd_provision_seal_t, isv_ext_prod_id, 150); AT(dd_provision_seal_t, mr_signer, 166);
_Static_assert(sizeof(sgx_key_request_t) == 512, "KEYREQUEST");

#define KSS_POLICY (SGX_KEYPOLICY_CONFIGID | SGX_KEYPOLICY_ISVFAMILYID | SGX_KEYPOLICY_ISVEXTPRODID)
#define ALL_POLICY 0x3Fu

/* One CMAC context per thread, made on first use: fetching the MAC and its cipher costs more
 * than the MAC itself. It keeps the last key's schedule until the next MAC or the thread's end. */
static pthread_key_t cmac_key;
static pthread_once_t cmac_once = PTHREAD_ONCE_INIT;

static void cmac_free(void *ctx)
{
    EVP_MAC_CTX_free(ctx);
}

static void cmac_key_create(void)
{
    pthread_key_create(&cmac_key, cmac_free);
}

static EVP_MAC_CTX *thread_cmac(void)
{
    pthread_once(&cmac_once, cmac_key_create);
    EVP_MAC_CTX *ctx = pthread_getspecific(cmac_key);
    if (ctx)
        return ctx;
    EVP_MAC *mac = EVP_MAC_fetch(NULL, "CMAC", NULL);
    ctx = mac ? EVP_MAC_CTX_new(mac) : NULL;
    EVP_MAC_free(mac);
    char cipher[] = "AES-128-CBC";
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, cipher, 0),
        OSSL_PARAM_construct_end(),
    };
    if (ctx && (!EVP_MAC_CTX_set_params(ctx, params) || pthread_setspecific(cmac_key, ctx) != 0)) {
        EVP_MAC_CTX_free(ctx);
        ctx = NULL;
    }
    return ctx;
}

int vsgx_cmac128(const uint8_t key[16], const void *data, size_t len, uint8_t out[16])
{
    EVP_MAC_CTX *ctx = thread_cmac();
    size_t outl = 0;
    return ctx && EVP_MAC_init(ctx, key, 16, NULL) && EVP_MAC_update(ctx, data, len) &&
                   EVP_MAC_final(ctx, out, &outl, 16) && outl == 16
               ? 0
               : -1;
}

int vsgx_cpusvn_le(const sgx_cpu_svn_t *a, const sgx_cpu_svn_t *b)
{
    for (size_t i = 0; i < SGX_CPUSVN_SIZE; i++)
        if (a->svn[i] > b->svn[i])
            return 0;
    return 1;
}

static int all_zero(const uint8_t *p, size_t n)
{
    uint8_t acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= p[i];
    return acc == 0;
}

static sgx_status_t check_request(const vsgx_key_root_t *root, const vsgx_secs_identity_t *secs,
                                  const sgx_key_request_t *req)
{
    uint16_t name = req->key_name;
    uint64_t flags = secs->attributes.flags;
    if (name > SGX_KEYSELECT_SEAL)
        return SGX_ERROR_INVALID_KEYNAME;
    if ((req->key_policy & ~ALL_POLICY) != 0 || req->reserved1 != 0 ||
        !all_zero(req->reserved2, sizeof(req->reserved2)))
        return SGX_ERROR_INVALID_ATTRIBUTE;
    if (!(flags & SGX_FLAGS_KSS) && ((req->key_policy & KSS_POLICY) || req->config_svn > 0))
        return SGX_ERROR_INVALID_ATTRIBUTE;
    if ((name == SGX_KEYSELECT_PROVISION || name == SGX_KEYSELECT_PROVISION_SEAL) &&
        !(flags & SGX_FLAGS_PROVISION_KEY))
        return SGX_ERROR_INVALID_ATTRIBUTE;
    if (name == SGX_KEYSELECT_EINITTOKEN && !(flags & SGX_FLAGS_EINITTOKEN_KEY))
        return SGX_ERROR_INVALID_ATTRIBUTE;
    if (name == SGX_KEYSELECT_REPORT)
        return SGX_SUCCESS; /* REPORT keys ignore the request's SVNs */
    if (!vsgx_cpusvn_le(&req->cpu_svn, &root->current_cpusvn))
        return SGX_ERROR_INVALID_CPUSVN;
    if (req->isv_svn > secs->isv_svn || req->config_svn > secs->config_svn)
        return SGX_ERROR_INVALID_ISVSVN;
    return SGX_SUCCESS;
}

static void masked_attributes(const vsgx_secs_identity_t *secs, const sgx_key_request_t *req,
                              sgx_attributes_t *out)
{
    out->flags = (req->attribute_mask.flags | SGX_FLAGS_INITTED | SGX_FLAGS_DEBUG) &
                 secs->attributes.flags;
    out->xfrm = req->attribute_mask.xfrm & secs->attributes.xfrm;
}

static void fill_seal(const vsgx_key_root_t *root, const vsgx_secs_identity_t *secs,
                      const sgx_key_request_t *req, dd_seal_t *dd)
{
    uint16_t pol = req->key_policy;
    dd->key_name = req->key_name;
    dd->key_policy = pol;
    masked_attributes(secs, req, &dd->tmp_attr);
    dd->attr_mask = req->attribute_mask;
    dd->tmp_misc = secs->misc_select & req->misc_mask;
    dd->misc_mask = ~req->misc_mask;
    memcpy(dd->owner_epoch, root->owner_epoch, 16);
    dd->cpu_svn = req->cpu_svn;
    dd->isv_svn = req->isv_svn;
    dd->isv_prod_id = (pol & SGX_KEYPOLICY_NOISVPRODID) ? 0 : secs->isv_prod_id;
    if (pol & SGX_KEYPOLICY_CONFIGID) {
        dd->config_svn = req->config_svn;
        memcpy(dd->config_id, secs->config_id, sizeof(dd->config_id));
    }
    if (pol & SGX_KEYPOLICY_ISVFAMILYID)
        memcpy(dd->isv_family_id, secs->isv_family_id, sizeof(dd->isv_family_id));
    if (pol & SGX_KEYPOLICY_ISVEXTPRODID)
        memcpy(dd->isv_ext_prod_id, secs->isv_ext_prod_id, sizeof(dd->isv_ext_prod_id));
    if (pol & SGX_KEYPOLICY_MRENCLAVE)
        dd->mr_enclave = secs->mr_enclave;
    if (pol & SGX_KEYPOLICY_MRSIGNER)
        dd->mr_signer = secs->mr_signer;
    dd->key_id = req->key_id;
}

static void fill_provision_seal(const vsgx_secs_identity_t *secs, const sgx_key_request_t *req,
                                dd_provision_seal_t *dd)
{
    uint16_t pol = req->key_policy;
    dd->key_name = req->key_name;
    dd->key_policy = pol;
    masked_attributes(secs, req, &dd->tmp_attr);
    dd->attr_mask = req->attribute_mask;
    dd->tmp_misc = secs->misc_select & req->misc_mask;
    dd->misc_mask = ~req->misc_mask;
    dd->cpu_svn = req->cpu_svn;
    dd->isv_svn = req->isv_svn;
    dd->isv_prod_id = secs->isv_prod_id;
    if (pol & SGX_KEYPOLICY_CONFIGID) {
        dd->config_svn = req->config_svn;
        memcpy(dd->config_id, secs->config_id, sizeof(dd->config_id));
    }
    if (pol & SGX_KEYPOLICY_ISVFAMILYID)
        memcpy(dd->isv_family_id, secs->isv_family_id, sizeof(dd->isv_family_id));
    if (pol & SGX_KEYPOLICY_ISVEXTPRODID)
        memcpy(dd->isv_ext_prod_id, secs->isv_ext_prod_id, sizeof(dd->isv_ext_prod_id));
    dd->mr_signer = secs->mr_signer;
}

/* The REPORT key's derivation data, from the target's identity. */
static void fill_report(const vsgx_key_root_t *root, const sgx_attributes_t *attr,
                        sgx_misc_select_t misc, const sgx_measurement_t *mre,
                        sgx_config_svn_t config_svn, const uint8_t *config_id,
                        const sgx_key_id_t *key_id, dd_report_t *dd)
{
    dd->key_name = SGX_KEYSELECT_REPORT;
    dd->attributes = *attr;
    dd->misc_select = misc;
    memcpy(dd->owner_epoch, root->owner_epoch, 16);
    dd->mr_enclave = *mre;
    dd->cpu_svn = root->current_cpusvn;
    dd->config_svn = config_svn;
    memcpy(dd->config_id, config_id, SGX_CONFIGID_SIZE);
    dd->key_id = *key_id;
}

/* Everything the derivation data can be, zeroed then filled. */
typedef union {
    dd_seal_t seal;
    dd_report_t report;
    dd_einittoken_t einit;
    dd_provision_t prov;
    dd_provision_seal_t pseal;
} dd_any_t;

static sgx_status_t finish(const uint8_t base[16], const void *dd, size_t len, uint8_t out[16])
{
    return vsgx_cmac128(base, dd, len, out) == 0 ? SGX_SUCCESS : SGX_ERROR_UNEXPECTED;
}

sgx_status_t vsgx_derive_key(const vsgx_key_root_t *root, const vsgx_secs_identity_t *secs,
                             const sgx_key_request_t *req, sgx_key_128bit_t out)
{
    if (!root || !root->rpk || !secs || !req || !out)
        return SGX_ERROR_INVALID_PARAMETER;
    sgx_status_t st = check_request(root, secs, req);
    if (st != SGX_SUCCESS)
        return st;
    uint16_t name = req->key_name;
    if (name != SGX_KEYSELECT_PROVISION && (!root->rsk || !root->owner_epoch))
        return SGX_ERROR_UNEXPECTED; /* only the platform itself knows these */
    dd_any_t dd;
    uint8_t base[16];
    memset(&dd, 0, sizeof(dd));
    switch (name) {
    case SGX_KEYSELECT_SEAL:
        fill_seal(root, secs, req, &dd.seal);
        st = finish(root->rsk, &dd, sizeof(dd.seal), out);
        break;
    case SGX_KEYSELECT_REPORT:
        fill_report(root, &secs->attributes, secs->misc_select, &secs->mr_enclave,
                    secs->config_svn, secs->config_id, &req->key_id, &dd.report);
        st = finish(root->rsk, &dd, sizeof(dd.report), out);
        break;
    case SGX_KEYSELECT_EINITTOKEN:
        dd.einit.key_name = name;
        masked_attributes(secs, req, &dd.einit.tmp_attr);
        dd.einit.tmp_misc = secs->misc_select & req->misc_mask;
        memcpy(dd.einit.owner_epoch, root->owner_epoch, 16);
        dd.einit.cpu_svn = req->cpu_svn;
        dd.einit.isv_svn = req->isv_svn;
        dd.einit.isv_prod_id = secs->isv_prod_id;
        dd.einit.mr_signer = secs->mr_signer;
        dd.einit.key_id = req->key_id;
        st = finish(root->rsk, &dd, sizeof(dd.einit), out);
        break;
    case SGX_KEYSELECT_PROVISION:
        dd.prov.key_name = name;
        masked_attributes(secs, req, &dd.prov.tmp_attr);
        dd.prov.attr_mask = req->attribute_mask;
        dd.prov.tmp_misc = secs->misc_select & req->misc_mask;
        dd.prov.misc_mask = ~req->misc_mask;
        dd.prov.cpu_svn = req->cpu_svn;
        dd.prov.isv_svn = req->isv_svn;
        dd.prov.isv_prod_id = secs->isv_prod_id;
        dd.prov.mr_signer = secs->mr_signer;
        st = finish(root->rpk, &dd, sizeof(dd.prov), out);
        break;
    default: /* SGX_KEYSELECT_PROVISION_SEAL: base = CMAC(RSK, RPK) */
        fill_provision_seal(secs, req, &dd.pseal);
        st = vsgx_cmac128(root->rsk, root->rpk, 16, base) == 0 ? SGX_SUCCESS : SGX_ERROR_UNEXPECTED;
        if (st == SGX_SUCCESS)
            st = finish(base, &dd, sizeof(dd.pseal), out);
        break;
    }
    OPENSSL_cleanse(&dd, sizeof(dd));
    OPENSSL_cleanse(base, sizeof(base));
    if (st != SGX_SUCCESS)
        OPENSSL_cleanse(out, 16);
    return st;
}

void vsgx_platform_key_root(const vsgx_platform_t *p, vsgx_key_root_t *root)
{
    root->rpk = p->secrets.rpk;
    root->rsk = p->secrets.rsk;
    root->owner_epoch = p->secrets.owner_epoch;
    root->current_cpusvn = p->params.cpusvn;
}

sgx_status_t vsgx_egetkey(const vsgx_platform_t *p, const vsgx_secs_identity_t *secs,
                          const sgx_key_request_t *req, sgx_key_128bit_t out)
{
    if (!p)
        return SGX_ERROR_INVALID_PARAMETER;
    vsgx_key_root_t root;
    vsgx_platform_key_root(p, &root);
    return vsgx_derive_key(&root, secs, req, out);
}

sgx_status_t vsgx_report_key(const vsgx_platform_t *p, const sgx_target_info_t *ti,
                             const sgx_key_id_t *key_id, sgx_key_128bit_t out)
{
    if (!p || !ti || !key_id || !out)
        return SGX_ERROR_INVALID_PARAMETER;
    vsgx_key_root_t root;
    dd_report_t dd;
    vsgx_platform_key_root(p, &root);
    memset(&dd, 0, sizeof(dd));
    fill_report(&root, &ti->attributes, ti->misc_select, &ti->mr_enclave, ti->config_svn,
                ti->config_id, key_id, &dd);
    sgx_status_t st = finish(root.rsk, &dd, sizeof(dd), out);
    OPENSSL_cleanse(&dd, sizeof(dd));
    return st;
}
