/* fuzz_trusted_platform.c — the trusted platform under the host-built trusted services in the
 * fuzz targets fuzz_unseal and fuzz_dh (see fuzz_trusted_platform.h). It stands in for the
 * trusted runtime (sgx_is_within_enclave, sgx_is_outside_enclave, sgx_read_rand,
 * vsgx_trts_cpuid) and for the CPU's EGETKEY and EREPORT (sgx_get_key, sgx_create_report,
 * sgx_self_report, sgx_self_target), so that the real sgx_verify_report (report_verify.c),
 * sealing and local attestation run unchanged:
 *   - inside the enclave are the buffers registered by fuzz_tp_alloc and the calling thread's
 *     live stack (locals of the services; ASan's fake frames too); a range is inside only when
 *     it lies wholly in one of them, outside only when it overlaps none. A read past a buffer is
 *     then ASan's to report rather than hidden by a generous range check.
 *   - random bytes: SHA-256(seed || counter), so every run of an input is the same.
 *   - the CPUID table: the host's CPUID for the same leaves as the untrusted runtime passes.
 *   - keys: the first 16 bytes of SHA-256 over a fixed platform secret, the key name and what
 *     EGETKEY derives from (for SEAL: the request's policy, masks, SVNs and KEYID, the enclave's
 *     fields the policy selects; CONFIGSVN only under the CONFIGID policy, as the SDM has it).
 *     A request for a CPUSVN, ISVSVN or CONFIGSVN above the current ones is refused.
 *   - REPORTs: the current enclave's fixed identity, KEYID fixed, MAC = AES-CMAC (OpenSSL's,
 *     independent of the services' own) of the body under the REPORT key of the target's
 *     identity (MRENCLAVE, ATTRIBUTES, MISCSELECT, CONFIGSVN, CONFIGID: reserved bytes of the
 *     TARGETINFO are ignored, as EREPORT does). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* pthread_getattr_np */
#endif
#include <bearssl.h>
#include <cpuid.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_trusted_platform.h"
#include "sgx_trts.h"
#include "vsgx/cpuid_table.h"
#include "sgx_utils.h"
#if defined(__SANITIZE_ADDRESS__)
#define FUZZ_TP_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FUZZ_TP_ASAN 1
#endif
#endif
#ifdef FUZZ_TP_ASAN
#include <sanitizer/asan_interface.h>
#endif

#define MAX_BUFFERS 32
#define KSS_POLICY (SGX_KEYPOLICY_CONFIGID | SGX_KEYPOLICY_ISVFAMILYID | SGX_KEYPOLICY_ISVEXTPRODID)
#define KNOWN_POLICY 0x3Fu

typedef struct {
    uintptr_t start;
    size_t size;
    int used;
} region_t;

static region_t g_regions[MAX_BUFFERS];
static uint64_t g_seed, g_counter;
static int g_kss, g_current;
static sgx_report_body_t g_identity[2];
static sgx_report_t g_self[2];
static int g_self_made[2];

static const uint8_t g_secret[32] = "vsgx fuzz platform root secret";
static const uint8_t g_report_key_id[SGX_KEYID_SIZE] = "vsgx fuzz platform report keyid";

static void broken(const char *what)
{
    fprintf(stderr, "fuzz_trusted_platform: %s\n", what);
    abort();
}

/* ---- the enclave's address range ---- */

/* [addr, addr + size) as its first and last byte (size 0 counts as one byte, as the trusted
 * runtime does); 0 when it wraps. */
static int span(const void *addr, size_t size, uintptr_t *first, uintptr_t *last)
{
    *first = (uintptr_t)addr;
    *last = *first + (size ? size - 1 : 0);
    return *last >= *first;
}

/* The live part of the calling thread's stack: from this frame to the stack's top. */
static void live_stack(uintptr_t *lo, uintptr_t *hi)
{
    static _Thread_local uintptr_t top;
    if (!top) {
        pthread_attr_t attr;
        void *base;
        size_t size;
        if (pthread_getattr_np(pthread_self(), &attr) != 0)
            broken("no stack attributes");
        if (pthread_attr_getstack(&attr, &base, &size) != 0)
            broken("no stack bounds");
        pthread_attr_destroy(&attr);
        top = (uintptr_t)base + size;
    }
    *lo = (uintptr_t)__builtin_frame_address(0);
    *hi = top;
}

/* Whether addr lies in one of ASan's fake stack frames (locals moved off the stack by
 * detect_stack_use_after_return), with that frame's end. */
static int in_fake_frame(uintptr_t addr, uintptr_t *end)
{
#ifdef FUZZ_TP_ASAN
    void *fake = __asan_get_current_fake_stack();
    void *b = NULL, *e = NULL;
    if (fake && __asan_addr_is_in_fake_stack(fake, (void *)addr, &b, &e)) {
        *end = (uintptr_t)e;
        return 1;
    }
#else
    (void)addr;
    (void)end;
#endif
    return 0;
}

int sgx_is_within_enclave(const void *addr, size_t size)
{
    uintptr_t first, last, lo, hi, end;
    if (!span(addr, size, &first, &last))
        return 0;
    for (size_t i = 0; i < MAX_BUFFERS; i++) {
        const region_t *r = &g_regions[i];
        if (r->used && r->size && first >= r->start && last - r->start < r->size)
            return 1;
    }
    live_stack(&lo, &hi);
    if (first >= lo && last < hi)
        return 1;
    return in_fake_frame(first, &end) && last < end;
}

int sgx_is_outside_enclave(const void *addr, size_t size)
{
    uintptr_t first, last, lo, hi, end;
    if (!span(addr, size, &first, &last))
        return 0;
    for (size_t i = 0; i < MAX_BUFFERS; i++) {
        const region_t *r = &g_regions[i];
        if (r->used && r->size && first < r->start + r->size && last >= r->start)
            return 0;
    }
    live_stack(&lo, &hi);
    if (first < hi && last >= lo)
        return 0;
    return !in_fake_frame(first, &end) && !in_fake_frame(last, &end);
}

void *fuzz_tp_alloc(size_t size, int inside)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        broken("out of memory");
    if (!inside)
        return p;
    for (size_t i = 0; i < MAX_BUFFERS; i++) {
        region_t *r = &g_regions[i];
        if (!r->used) {
            *r = (region_t){ (uintptr_t)p, size, 1 };
            return p;
        }
    }
    broken("too many buffers inside the enclave");
    return NULL;
}

void fuzz_tp_free(void *p)
{
    for (size_t i = 0; p && i < MAX_BUFFERS; i++)
        if (g_regions[i].used && g_regions[i].start == (uintptr_t)p)
            g_regions[i] = (region_t){ 0, 0, 0 };
    free(p);
}

/* ---- the CPUID table ---- */

bool vsgx_trts_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t r[4])
{
    unsigned int a, b, c, d;
    if (!__get_cpuid_count(leaf, subleaf, &a, &b, &c, &d)) {
        r[0] = r[1] = r[2] = r[3] = 0;
        return false;
    }
    r[0] = a;
    r[1] = b;
    r[2] = c;
    r[3] = d;
    return true;
}

/* ---- random bytes ---- */

sgx_status_t sgx_read_rand(unsigned char *rand, size_t length)
{
    if (!rand || !length || !sgx_is_within_enclave(rand, length))
        return SGX_ERROR_INVALID_PARAMETER;
    while (length) {
        br_sha256_context c;
        uint8_t block[32];
        br_sha256_init(&c);
        br_sha256_update(&c, &g_seed, sizeof g_seed);
        br_sha256_update(&c, &g_counter, sizeof g_counter);
        br_sha256_out(&c, block);
        g_counter++;
        size_t n = length < sizeof block ? length : sizeof block;
        memcpy(rand, block, n);
        rand += n;
        length -= n;
    }
    return SGX_SUCCESS;
}

/* ---- identities ---- */

static void make_identity(int id, sgx_report_body_t *b)
{
    memset(b, 0, sizeof *b);
    memset(b->cpu_svn.svn, FUZZ_TP_CPUSVN, sizeof b->cpu_svn.svn);
    b->attributes.flags = SGX_FLAGS_INITTED | SGX_FLAGS_DEBUG | SGX_FLAGS_MODE64BIT;
    b->attributes.xfrm = SGX_XFRM_LEGACY;
    memset(b->mr_enclave.m, id ? 0xb1 : 0xa1, sizeof b->mr_enclave.m);
    memset(b->mr_signer.m, 0x51, sizeof b->mr_signer.m);
    b->isv_prod_id = (sgx_prod_id_t)(id + 1);
    b->isv_svn = FUZZ_TP_ISVSVN;
    if (g_kss) {
        b->attributes.flags |= SGX_FLAGS_KSS;
        b->config_svn = FUZZ_TP_CONFIGSVN;
        memset(b->config_id, 0xc1 + id, sizeof b->config_id);
        memset(b->isv_family_id, 0xf1, sizeof b->isv_family_id);
        memset(b->isv_ext_prod_id, 0xe1 + id, sizeof b->isv_ext_prod_id);
    }
}

void fuzz_tp_reset(uint64_t seed, int kss)
{
    for (size_t i = 0; i < MAX_BUFFERS; i++)
        if (g_regions[i].used)
            broken("a buffer of the last input is still registered");
    g_seed = seed;
    g_counter = 0;
    g_kss = kss != 0;
    g_current = FUZZ_TP_ENCLAVE_A;
    for (int id = 0; id < 2; id++) {
        make_identity(id, &g_identity[id]);
        g_self_made[id] = 0;
    }
}

void fuzz_tp_enter(int id)
{
    if (id != FUZZ_TP_ENCLAVE_A && id != FUZZ_TP_ENCLAVE_B)
        broken("no such enclave");
    g_current = id;
}

const sgx_report_body_t *fuzz_tp_identity(int id)
{
    return &g_identity[id ? 1 : 0];
}

/* ---- key derivation ---- */

static void kdf_start(br_sha256_context *k, uint16_t key_name)
{
    br_sha256_init(k);
    br_sha256_update(k, g_secret, sizeof g_secret);
    br_sha256_update(k, &key_name, sizeof key_name);
}

/* A field, or as many zero bytes when take is 0 (a field the policy leaves out; n <= 64). */
static void kdf_add(br_sha256_context *k, int take, const void *p, size_t n)
{
    static const uint8_t zero[64];
    br_sha256_update(k, take ? p : zero, n);
}

static void kdf_out(br_sha256_context *k, sgx_key_128bit_t key)
{
    uint8_t h[32];
    br_sha256_out(k, h);
    memcpy(key, h, 16);
}

/* The REPORT key of the enclave with this identity (what a TARGETINFO names), for key_id. */
static void report_key(const sgx_measurement_t *mr_enclave, const sgx_attributes_t *attributes,
                       sgx_misc_select_t misc_select, sgx_config_svn_t config_svn, const uint8_t *config_id,
                       const sgx_key_id_t *key_id, sgx_key_128bit_t key)
{
    br_sha256_context k;
    sgx_cpu_svn_t cpu_svn;
    memset(cpu_svn.svn, FUZZ_TP_CPUSVN, sizeof cpu_svn.svn);
    kdf_start(&k, SGX_KEYSELECT_REPORT);
    kdf_add(&k, 1, mr_enclave, sizeof *mr_enclave);
    kdf_add(&k, 1, attributes, sizeof *attributes);
    kdf_add(&k, 1, &misc_select, sizeof misc_select);
    kdf_add(&k, 1, &config_svn, sizeof config_svn);
    kdf_add(&k, 1, config_id, SGX_CONFIGID_SIZE);
    kdf_add(&k, 1, &cpu_svn, sizeof cpu_svn);
    kdf_add(&k, 1, key_id, sizeof *key_id);
    kdf_out(&k, key);
}

/* The SEAL key of enclave id for the request. */
static void seal_key(const sgx_key_request_t *req, const sgx_report_body_t *id, sgx_key_128bit_t key)
{
    uint16_t pol = req->key_policy;
    sgx_attributes_t attributes = {
        .flags = (req->attribute_mask.flags | SGX_FLAGS_INITTED | SGX_FLAGS_DEBUG) & id->attributes.flags,
        .xfrm = req->attribute_mask.xfrm & id->attributes.xfrm,
    };
    sgx_misc_select_t misc = id->misc_select & req->misc_mask;
    br_sha256_context k;
    kdf_start(&k, req->key_name);
    kdf_add(&k, 1, &pol, sizeof pol);
    kdf_add(&k, 1, &attributes, sizeof attributes);
    kdf_add(&k, 1, &req->attribute_mask, sizeof req->attribute_mask);
    kdf_add(&k, 1, &misc, sizeof misc);
    kdf_add(&k, 1, &req->misc_mask, sizeof req->misc_mask);
    kdf_add(&k, 1, &req->cpu_svn, sizeof req->cpu_svn);
    kdf_add(&k, 1, &req->isv_svn, sizeof req->isv_svn);
    kdf_add(&k, !(pol & SGX_KEYPOLICY_NOISVPRODID), &id->isv_prod_id, sizeof id->isv_prod_id);
    kdf_add(&k, pol & SGX_KEYPOLICY_CONFIGID, &req->config_svn, sizeof req->config_svn);
    kdf_add(&k, pol & SGX_KEYPOLICY_CONFIGID, id->config_id, sizeof id->config_id);
    kdf_add(&k, pol & SGX_KEYPOLICY_ISVFAMILYID, id->isv_family_id, sizeof id->isv_family_id);
    kdf_add(&k, pol & SGX_KEYPOLICY_ISVEXTPRODID, id->isv_ext_prod_id, sizeof id->isv_ext_prod_id);
    kdf_add(&k, pol & SGX_KEYPOLICY_MRENCLAVE, &id->mr_enclave, sizeof id->mr_enclave);
    kdf_add(&k, pol & SGX_KEYPOLICY_MRSIGNER, &id->mr_signer, sizeof id->mr_signer);
    kdf_add(&k, 1, &req->key_id, sizeof req->key_id);
    kdf_out(&k, key);
}

/* EGETKEY's refusals, in the SDM's order (no enclave here has the PROVISION or EINITTOKEN
 * attribute). */
static sgx_status_t request_refused(const sgx_key_request_t *req, const sgx_report_body_t *id)
{
    int kss = (id->attributes.flags & SGX_FLAGS_KSS) != 0;
    if (req->key_name > SGX_KEYSELECT_SEAL)
        return SGX_ERROR_INVALID_KEYNAME;
    if ((req->key_policy & ~KNOWN_POLICY) || (!kss && ((req->key_policy & KSS_POLICY) || req->config_svn)))
        return SGX_ERROR_INVALID_ATTRIBUTE;
    if (req->key_name != SGX_KEYSELECT_REPORT && req->key_name != SGX_KEYSELECT_SEAL)
        return SGX_ERROR_INVALID_ATTRIBUTE;
    if (req->key_name == SGX_KEYSELECT_REPORT)
        return SGX_SUCCESS;
    for (size_t i = 0; i < sizeof req->cpu_svn.svn; i++)
        if (req->cpu_svn.svn[i] > FUZZ_TP_CPUSVN)
            return SGX_ERROR_INVALID_CPUSVN;
    if (req->isv_svn > id->isv_svn || req->config_svn > id->config_svn)
        return SGX_ERROR_INVALID_ISVSVN;
    return SGX_SUCCESS;
}

sgx_status_t sgx_get_key(const sgx_key_request_t *key_request, sgx_key_128bit_t *key)
{
    static const uint8_t zero[SGX_KEY_REQUEST_RESERVED2_BYTES];
    if (!key_request || !key || !sgx_is_within_enclave(key_request, sizeof *key_request) ||
        !sgx_is_within_enclave(key, sizeof *key) || key_request->reserved1 ||
        memcmp(key_request->reserved2, zero, sizeof zero))
        return SGX_ERROR_INVALID_PARAMETER;
    const sgx_report_body_t *id = &g_identity[g_current];
    sgx_status_t st = request_refused(key_request, id);
    if (st != SGX_SUCCESS)
        return st;
    if (key_request->key_name == SGX_KEYSELECT_REPORT)
        report_key(&id->mr_enclave, &id->attributes, id->misc_select, id->config_svn, id->config_id,
                   &key_request->key_id, *key);
    else
        seal_key(key_request, id, *key);
    return SGX_SUCCESS;
}

/* ---- REPORTs ---- */

static void cmac(const sgx_key_128bit_t key, const void *data, size_t len, uint8_t out[16])
{
    static EVP_MAC *mac;
    if (!mac && !(mac = EVP_MAC_fetch(NULL, "CMAC", NULL)))
        broken("no CMAC in OpenSSL");
    EVP_MAC_CTX *ctx = EVP_MAC_CTX_new(mac);
    char cipher[] = "AES-128-CBC";
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, cipher, 0),
        OSSL_PARAM_construct_end(),
    };
    size_t n = 0;
    if (!ctx || !EVP_MAC_init(ctx, key, 16, params) || !EVP_MAC_update(ctx, data, len) ||
        !EVP_MAC_final(ctx, out, &n, 16) || n != 16)
        broken("CMAC failed");
    EVP_MAC_CTX_free(ctx);
}

/* EREPORT of the current enclave for ti (NULL: none) with rd (NULL: zeros). */
static void make_report(const sgx_target_info_t *ti, const sgx_report_data_t *rd, sgx_report_t *out)
{
    static const sgx_target_info_t no_target;
    sgx_key_128bit_t key;
    if (!ti)
        ti = &no_target;
    memset(out, 0, sizeof *out);
    out->body = g_identity[g_current];
    if (rd)
        out->body.report_data = *rd;
    memcpy(out->key_id.id, g_report_key_id, sizeof out->key_id.id);
    report_key(&ti->mr_enclave, &ti->attributes, ti->misc_select, ti->config_svn, ti->config_id, &out->key_id,
               key);
    cmac(key, &out->body, sizeof out->body, out->mac);
}

sgx_status_t sgx_create_report(const sgx_target_info_t *target_info, const sgx_report_data_t *report_data,
                               sgx_report_t *report)
{
    if (!report || !sgx_is_within_enclave(report, sizeof *report) ||
        (target_info && !sgx_is_within_enclave(target_info, sizeof *target_info)) ||
        (report_data && !sgx_is_within_enclave(report_data, sizeof *report_data)))
        return SGX_ERROR_INVALID_PARAMETER;
    sgx_report_t r;
    make_report(target_info, report_data, &r);
    *report = r;
    return SGX_SUCCESS;
}

const sgx_report_t *sgx_self_report(void)
{
    if (!g_self_made[g_current]) {
        make_report(NULL, NULL, &g_self[g_current]);
        g_self_made[g_current] = 1;
    }
    return &g_self[g_current];
}

sgx_status_t sgx_self_target(sgx_target_info_t *target_info)
{
    if (!target_info || !sgx_is_within_enclave(target_info, sizeof *target_info))
        return SGX_ERROR_INVALID_PARAMETER;
    const sgx_report_body_t *id = &g_identity[g_current];
    memset(target_info, 0, sizeof *target_info);
    target_info->mr_enclave = id->mr_enclave;
    target_info->attributes = id->attributes;
    target_info->config_svn = id->config_svn;
    target_info->misc_select = id->misc_select;
    memcpy(target_info->config_id, id->config_id, sizeof target_info->config_id);
    return SGX_SUCCESS;
}
