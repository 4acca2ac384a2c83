/* trts_report.c — an enclave's REPORTs and keys (sgx_utils.h): sgx_create_report, sgx_self_report,
 * sgx_self_target and sgx_get_key execute ENCLU's EREPORT and EGETKEY on copies of the operands
 * aligned as the instruction requires (TARGETINFO, KEYREQUEST and REPORT 512 bytes, REPORTDATA
 * 128, the key 16), after checking that the caller's buffers lie inside the enclave. */
#include <string.h>

#include "sgx_trts.h"
#include "sgx_utils.h"
#include "trts_internal.h"

#define LEAF_EREPORT 0
#define LEAF_EGETKEY 1

/* EGETKEY's errors (the SDM's), and what the API reports for them. */
enum { SE_INVALID_ATTRIBUTE = 2, SE_INVALID_CPUSVN = 32, SE_INVALID_ISVSVN = 64, SE_INVALID_KEYNAME = 256 };

static uint64_t enclu(uint64_t leaf, const void *rbx, const void *rcx, void *rdx)
{
    uint64_t rax = leaf;
    __asm__ volatile(".byte 0x0f, 0x01, 0xd7" /* ENCLU */
                     : "+a"(rax)
                     : "b"(rbx), "c"(rcx), "d"(rdx)
                     : "memory", "cc");
    return rax;
}

sgx_status_t sgx_create_report(const sgx_target_info_t *target_info, const sgx_report_data_t *report_data,
                               sgx_report_t *report)
{
    if (!report || !sgx_is_within_enclave(report, sizeof *report) ||
        (target_info && !sgx_is_within_enclave(target_info, sizeof *target_info)) ||
        (report_data && !sgx_is_within_enclave(report_data, sizeof *report_data)))
        return SGX_ERROR_INVALID_PARAMETER;
    static _Alignas(512) const sgx_target_info_t no_target;
    _Alignas(512) sgx_target_info_t ti;
    _Alignas(128) sgx_report_data_t rd;
    _Alignas(512) sgx_report_t out;
    if (target_info)
        memcpy(&ti, target_info, sizeof ti);
    else
        ti = no_target;
    if (report_data)
        memcpy(&rd, report_data, sizeof rd);
    else
        memset(&rd, 0, sizeof rd);
    enclu(LEAF_EREPORT, &ti, &rd, &out);
    memcpy(report, &out, sizeof out);
    memset(&out, 0, sizeof out);
    return SGX_SUCCESS;
}

const sgx_report_t *sgx_self_report(void)
{
    static sgx_report_t self;
    static volatile int made;
    if (!__atomic_load_n(&made, __ATOMIC_ACQUIRE)) {
        sgx_report_t r;
        if (sgx_create_report(NULL, NULL, &r) != SGX_SUCCESS)
            return NULL;
        static volatile int lock;
        while (__atomic_exchange_n(&lock, 1, __ATOMIC_ACQUIRE))
            __builtin_ia32_pause();
        if (!made) {
            self = r;
            __atomic_store_n(&made, 1, __ATOMIC_RELEASE);
        }
        __atomic_store_n(&lock, 0, __ATOMIC_RELEASE);
    }
    return &self;
}

sgx_status_t sgx_self_target(sgx_target_info_t *target_info)
{
    if (!target_info || !sgx_is_within_enclave(target_info, sizeof *target_info))
        return SGX_ERROR_INVALID_PARAMETER;
    const sgx_report_t *self = sgx_self_report();
    if (!self)
        return SGX_ERROR_UNEXPECTED;
    memset(target_info, 0, sizeof *target_info);
    target_info->mr_enclave = self->body.mr_enclave;
    target_info->attributes = self->body.attributes;
    target_info->misc_select = self->body.misc_select;
    target_info->config_svn = self->body.config_svn;
    memcpy(target_info->config_id, self->body.config_id, sizeof target_info->config_id);
    return SGX_SUCCESS;
}

sgx_status_t sgx_get_key(const sgx_key_request_t *key_request, sgx_key_128bit_t *key)
{
    static const uint8_t zero[SGX_KEY_REQUEST_RESERVED2_BYTES];
    if (!key_request || !key || !sgx_is_within_enclave(key_request, sizeof *key_request) ||
        !sgx_is_within_enclave(key, sizeof *key) || key_request->reserved1 ||
        memcmp(key_request->reserved2, zero, sizeof zero))
        return SGX_ERROR_INVALID_PARAMETER;
    _Alignas(512) sgx_key_request_t req;
    _Alignas(16) sgx_key_128bit_t out;
    memcpy(&req, key_request, sizeof req);
    uint64_t rax = enclu(LEAF_EGETKEY, &req, &out, NULL);
    sgx_status_t st = SGX_SUCCESS;
    switch (rax) {
    case 0: break;
    case SE_INVALID_CPUSVN: st = SGX_ERROR_INVALID_CPUSVN; break;
    case SE_INVALID_ISVSVN: st = SGX_ERROR_INVALID_ISVSVN; break;
    case SE_INVALID_KEYNAME: st = SGX_ERROR_INVALID_KEYNAME; break;
    case SE_INVALID_ATTRIBUTE: st = SGX_ERROR_INVALID_ATTRIBUTE; break;
    default: st = SGX_ERROR_UNEXPECTED;
    }
    if (st == SGX_SUCCESS)
        memcpy(key, out, sizeof out);
    memset(out, 0, sizeof out);
    return st;
}
