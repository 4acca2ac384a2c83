/* test_enclave_keys.c — EREPORT and EGETKEY inside enclaves on the simulated CPU: a REPORT
 * carries the enclave's identity, the platform's CPUSVN and KEYID, and the report data, and is
 * MACed with the target's REPORT key (checked on the host through the key-derivation core);
 * sgx_self_target agrees with sgx_get_target_info; EGETKEY gives what the core gives for the
 * enclave's identity, the same SEAL key (MRSIGNER policy) to two enclaves of one signer and
 * different ones with MRENCLAVE policy, another key on another platform, and Intel's errors
 * for a request above the enclave's ISVSVN or the platform's CPUSVN, a PROVISION key without
 * the attribute, an unknown key name or non-zero reserved bytes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "platform.h"
#include "rt_u.h"
#include "sgx_urts.h"
#include "scratch_dir.h"

/* This test makes none of rt.edl's OCALLs: reaching one is a failure. */
static _Noreturn void unexpected(void)
{
    fprintf(stderr, "test_enclave_keys: an unexpected OCALL\n");
    abort();
}

int ocall_twice(int x)
{
    (void)x;
    unexpected();
}

int ocall_plain(int x)
{
    (void)x;
    unexpected();
}

void ocall_empty(void)
{
    unexpected();
}

void ocall_hold(void)
{
    unexpected();
}

static char dir[] = "/tmp/vsgx-keys-XXXXXX";
static char plat[64], plat2[64];

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(dir))
        return -1;
    snprintf(plat, sizeof plat, "%s/plat", dir);
    snprintf(plat2, sizeof plat2, "%s/plat2", dir);
    setenv("VSGX_PLATFORM", plat, 1);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    vsgx_test_remove_tree(dir);
    return 0;
}

static sgx_enclave_id_t create(const char *path)
{
    sgx_enclave_id_t id = 0;
    assert_int_equal(sgx_create_enclave(path, 1, NULL, NULL, &id, NULL), SGX_SUCCESS);
    return id;
}

static vsgx_platform_t *load_platform(const char *d)
{
    vsgx_platform_t *p = NULL;
    assert_int_equal(vsgx_platform_load(d, &p, NULL, 0), VSGX_PLATFORM_OK);
    return p;
}

static void test_report(void **state)
{
    (void)state;
    sgx_enclave_id_t a = create(RT_ENCLAVE), b = create(RT_MT_ENCLAVE);
    vsgx_platform_t *p = load_platform(plat); /* made by the first sgx_create_enclave */
    sgx_target_info_t ta, tb, self;
    assert_int_equal(sgx_get_target_info(a, &ta), SGX_SUCCESS);
    assert_int_equal(sgx_get_target_info(b, &tb), SGX_SUCCESS);
    int r = -1;
    assert_int_equal(ecall_self_target(a, &r, &self), SGX_SUCCESS);
    assert_int_equal(r, SGX_SUCCESS);
    assert_memory_equal(&self, &ta, sizeof self);
    assert_memory_not_equal(ta.mr_enclave.m, tb.mr_enclave.m, 32);

    sgx_report_data_t data;
    for (int i = 0; i < 64; i++)
        data.d[i] = (uint8_t)(i * 5);
    sgx_report_t rep;
    assert_int_equal(ecall_report(a, &r, &tb, &data, &rep), SGX_SUCCESS);
    assert_int_equal(r, SGX_SUCCESS);
    assert_memory_equal(rep.body.mr_enclave.m, ta.mr_enclave.m, 32);
    assert_memory_equal(&rep.body.attributes, &ta.attributes, sizeof ta.attributes);
    assert_memory_equal(&rep.body.report_data, &data, sizeof data);
    assert_memory_equal(&rep.body.cpu_svn, &p->params.cpusvn, sizeof rep.body.cpu_svn);
    assert_int_equal(rep.body.isv_prod_id, 7); /* rt.config.xml */
    assert_int_equal(rep.body.isv_svn, 3);
    assert_memory_equal(&rep.key_id, &p->key_id, sizeof rep.key_id);
    /* MACed with B's REPORT key on this platform, and not A's. */
    sgx_key_128bit_t kb, ka;
    uint8_t mac[16];
    assert_int_equal(vsgx_report_key(p, &tb, &p->key_id, kb), SGX_SUCCESS);
    assert_int_equal(vsgx_cmac128(kb, &rep.body, sizeof rep.body, mac), 0);
    assert_memory_equal(mac, rep.mac, 16);
    assert_int_equal(vsgx_report_key(p, &ta, &p->key_id, ka), SGX_SUCCESS);
    assert_int_equal(vsgx_cmac128(ka, &rep.body, sizeof rep.body, mac), 0);
    assert_memory_not_equal(mac, rep.mac, 16);
    vsgx_platform_free(p);
    assert_int_equal(sgx_destroy_enclave(a), SGX_SUCCESS);
    assert_int_equal(sgx_destroy_enclave(b), SGX_SUCCESS);
}

static sgx_key_request_t request(uint16_t name, uint16_t policy)
{
    sgx_key_request_t req;
    memset(&req, 0, sizeof req);
    req.key_name = name;
    req.key_policy = policy;
    req.attribute_mask.flags = SGX_FLAGS_INITTED | SGX_FLAGS_DEBUG;
    req.misc_mask = 0xffffffff;
    return req;
}

static sgx_status_t get_key(sgx_enclave_id_t id, const sgx_key_request_t *req, sgx_key_128bit_t key)
{
    int r = -1;
    sgx_status_t st = ecall_get_key(id, &r, req, (sgx_key_128bit_t *)key);
    return st != SGX_SUCCESS ? st : (sgx_status_t)r;
}

static void test_keys(void **state)
{
    (void)state;
    sgx_enclave_id_t a = create(RT_ENCLAVE), b = create(RT_MT_ENCLAVE);
    vsgx_platform_t *p = load_platform(plat);
    sgx_key_request_t signer = request(SGX_KEYSELECT_SEAL, SGX_KEYPOLICY_MRSIGNER);
    sgx_key_request_t enclave = request(SGX_KEYSELECT_SEAL, SGX_KEYPOLICY_MRENCLAVE);
    sgx_key_128bit_t k1, k2, k3, k4, host;
    assert_int_equal(get_key(a, &signer, k1), SGX_SUCCESS);
    assert_int_equal(get_key(b, &signer, k2), SGX_SUCCESS);
    assert_memory_equal(k1, k2, 16); /* one signer */
    assert_int_equal(get_key(a, &enclave, k3), SGX_SUCCESS);
    assert_int_equal(get_key(b, &enclave, k4), SGX_SUCCESS);
    assert_memory_not_equal(k3, k4, 16); /* two builds */
    /* What the key-derivation core gives for A's identity. */
    sgx_report_t rep;
    int r;
    assert_int_equal(ecall_report(a, &r, NULL, NULL, &rep), SGX_SUCCESS);
    vsgx_secs_identity_t id = { .attributes = rep.body.attributes, .misc_select = rep.body.misc_select,
                                .mr_enclave = rep.body.mr_enclave, .mr_signer = rep.body.mr_signer,
                                .isv_prod_id = rep.body.isv_prod_id, .isv_svn = rep.body.isv_svn };
    assert_int_equal(vsgx_egetkey(p, &id, &signer, host), SGX_SUCCESS);
    assert_memory_equal(host, k1, 16);

    /* The SVN rules and the other refusals. */
    sgx_key_request_t bad = signer;
    bad.isv_svn = 4; /* the enclave's is 3 */
    assert_int_equal(get_key(a, &bad, k4), SGX_ERROR_INVALID_ISVSVN);
    bad = signer;
    memset(&bad.cpu_svn, 0xff, sizeof bad.cpu_svn);
    assert_int_equal(get_key(a, &bad, k4), SGX_ERROR_INVALID_CPUSVN);
    bad = request(SGX_KEYSELECT_PROVISION, SGX_KEYPOLICY_MRSIGNER);
    assert_int_equal(get_key(a, &bad, k4), SGX_ERROR_INVALID_ATTRIBUTE);
    bad = request(9, SGX_KEYPOLICY_MRSIGNER);
    assert_int_equal(get_key(a, &bad, k4), SGX_ERROR_INVALID_KEYNAME);
    bad = signer;
    bad.reserved2[0] = 1;
    assert_int_equal(get_key(a, &bad, k4), SGX_ERROR_INVALID_PARAMETER);
    /* An older ISVSVN stays derivable. */
    bad = signer;
    bad.isv_svn = 2;
    assert_int_equal(get_key(a, &bad, k4), SGX_SUCCESS);
    assert_memory_not_equal(k4, k1, 16);
    vsgx_platform_free(p);
    assert_int_equal(sgx_destroy_enclave(a), SGX_SUCCESS);
    assert_int_equal(sgx_destroy_enclave(b), SGX_SUCCESS);

    /* Another machine: another key for the same enclave and request. */
    setenv("VSGX_PLATFORM", plat2, 1);
    a = create(RT_ENCLAVE);
    assert_int_equal(get_key(a, &signer, k2), SGX_SUCCESS);
    assert_memory_not_equal(k1, k2, 16);
    assert_int_equal(sgx_destroy_enclave(a), SGX_SUCCESS);
    setenv("VSGX_PLATFORM", plat, 1);
}

/* KSS: the family and extended product IDs from the SIGSTRUCT, CONFIGID and CONFIGSVN given at
 * creation, in REPORTs and in the keys that ask for them. */
static sgx_enclave_id_t create_kss(uint8_t config_byte, uint16_t config_svn)
{
    sgx_kss_config_t kss;
    memset(&kss, 0, sizeof kss);
    kss.config_id[0] = config_byte;
    kss.config_svn = config_svn;
    const void *features[_SGX_EX_FEATURES_] = { 0 };
    features[SGX_CREATE_ENCLAVE_EX_KSS_BIT_IDX] = &kss;
    sgx_enclave_id_t id = 0;
    assert_int_equal(sgx_create_enclave_ex(RT_KSS_ENCLAVE, 1, NULL, NULL, &id, NULL, SGX_CREATE_ENCLAVE_EX_KSS, features),
                     SGX_SUCCESS);
    return id;
}

static void test_kss(void **state)
{
    (void)state;
    sgx_enclave_id_t a = create_kss(0x42, 5), b = create_kss(0x43, 5);
    sgx_report_t rep;
    int r = -1;
    assert_int_equal(ecall_report(a, &r, NULL, NULL, &rep), SGX_SUCCESS);
    assert_int_equal(r, SGX_SUCCESS);
    assert_int_equal(rep.body.attributes.flags & SGX_FLAGS_KSS, SGX_FLAGS_KSS);
    assert_int_equal(rep.body.config_id[0], 0x42);
    assert_int_equal(rep.body.config_svn, 5);
    static const uint8_t family[16] = { 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11 };
    assert_memory_equal(rep.body.isv_family_id, family, 16);
    assert_int_equal(rep.body.isv_ext_prod_id[8], 0x99);
    /* CONFIGID policy: two configurations, two keys; without it, one key. */
    sgx_key_request_t cfg = request(SGX_KEYSELECT_SEAL, SGX_KEYPOLICY_MRSIGNER | SGX_KEYPOLICY_CONFIGID);
    sgx_key_request_t plain = request(SGX_KEYSELECT_SEAL, SGX_KEYPOLICY_MRSIGNER);
    sgx_key_128bit_t ka, kb;
    assert_int_equal(get_key(a, &cfg, ka), SGX_SUCCESS);
    assert_int_equal(get_key(b, &cfg, kb), SGX_SUCCESS);
    assert_memory_not_equal(ka, kb, 16);
    assert_int_equal(get_key(a, &plain, ka), SGX_SUCCESS);
    assert_int_equal(get_key(b, &plain, kb), SGX_SUCCESS);
    assert_memory_equal(ka, kb, 16);
    /* A CONFIGSVN above the enclave's is refused; an older one is derivable. */
    cfg.config_svn = 6;
    assert_int_equal(get_key(a, &cfg, ka), SGX_ERROR_INVALID_ISVSVN);
    cfg.config_svn = 4;
    assert_int_equal(get_key(a, &cfg, ka), SGX_SUCCESS);
    /* KSS policy bits on an enclave without KSS: refused. */
    sgx_enclave_id_t plain_enclave = create(RT_ENCLAVE);
    cfg.config_svn = 0;
    assert_int_equal(get_key(plain_enclave, &cfg, ka), SGX_ERROR_INVALID_ATTRIBUTE);
    for (sgx_enclave_id_t *e = (sgx_enclave_id_t[]){ a, b, plain_enclave }, *end = e + 3; e < end; e++)
        assert_int_equal(sgx_destroy_enclave(*e), SGX_SUCCESS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report),
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_kss),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
