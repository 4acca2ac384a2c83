/* sim_enclu.c — the enclave leaves of ENCLU that need the CPU's secrets: EREPORT and EGETKEY.
 * Enclave code executes the real ENCLU instruction (0F 01 D7); outside a hardware enclave it
 * faults (#UD without SGX, #GP with it), and the simulated CPU's fault handler (sim_aex.c)
 * carries the leaf out here with the
 * platform's keys (never in enclave memory) and the enclave's identity from EINIT, through the
 * key-derivation core (keys.c), then resumes the enclave after the instruction:
 *   EREPORT (RAX 0): RBX = TARGETINFO (512-byte aligned), RCX = REPORTDATA (128), RDX = REPORT
 *     (512): the report body of this enclave, the platform's KEYID, and the CMAC under the
 *     target's REPORT key.
 *   EGETKEY (RAX 1): RBX = KEYREQUEST (512), RCX = the 16-byte key (16): RAX = 0 or the SDM's
 *     error (SGX_INVALID_ATTRIBUTE 2, SGX_INVALID_CPUSVN 32, SGX_INVALID_ISVSVN 64,
 *     SGX_INVALID_KEYNAME 256), with the key zeroed on failure.
 * Operands outside the enclave or misaligned are a #GP: the handler then treats the fault as
 * an AEX (the enclave's exception handlers see it). */
#include "sim_enclave.h"

#include <string.h>
#include <ucontext.h>

#include <openssl/crypto.h>

#include "keys.h"
#include "platform.h"

#define LEAF_EREPORT 0
#define LEAF_EGETKEY 1

enum { SE_INVALID_ATTRIBUTE = 2, SE_INVALID_CPUSVN = 32, SE_INVALID_ISVSVN = 64, SE_INVALID_KEYNAME = 256 };

/* [addr, addr + len) inside the enclave and aligned to align. */
static bool operand(const vsgx_enclave_hw_t *e, uint64_t addr, uint64_t len, uint64_t align)
{
    uint64_t base = (uint64_t)(uintptr_t)e->base;
    return addr % align == 0 && addr >= base && addr - base <= e->size - len;
}

static void secs_identity(const vsgx_enclave_hw_t *e, vsgx_secs_identity_t *s)
{
    const vsgx_enclave_identity_t *id = &e->identity;
    memset(s, 0, sizeof *s);
    s->attributes = id->attributes;
    s->misc_select = id->misc_select;
    s->mr_enclave = id->mr_enclave;
    s->mr_signer = id->mr_signer;
    s->isv_prod_id = id->isv_prod_id;
    s->isv_svn = id->isv_svn;
    s->config_svn = id->config_svn;
    memcpy(s->config_id, id->config_id, sizeof s->config_id);
    memcpy(s->isv_family_id, id->isv_family_id, sizeof s->isv_family_id);
    memcpy(s->isv_ext_prod_id, id->isv_ext_prod_id, sizeof s->isv_ext_prod_id);
}

static bool ereport(vsgx_enclave_hw_t *e, uint64_t ti_addr, uint64_t data_addr, uint64_t out_addr)
{
    if (!operand(e, ti_addr, sizeof(sgx_target_info_t), 512) || !operand(e, data_addr, sizeof(sgx_report_data_t), 128) ||
        !operand(e, out_addr, sizeof(sgx_report_t), 512))
        return false;
    const vsgx_enclave_identity_t *id = &e->identity;
    sgx_target_info_t ti;
    memcpy(&ti, (const void *)(uintptr_t)ti_addr, sizeof ti);
    sgx_report_t r;
    memset(&r, 0, sizeof r);
    r.body.cpu_svn = e->platform->params.cpusvn;
    r.body.misc_select = id->misc_select;
    r.body.attributes = id->attributes;
    r.body.mr_enclave = id->mr_enclave;
    r.body.mr_signer = id->mr_signer;
    r.body.isv_prod_id = id->isv_prod_id;
    r.body.isv_svn = id->isv_svn;
    r.body.config_svn = id->config_svn;
    memcpy(r.body.config_id, id->config_id, sizeof r.body.config_id);
    memcpy(r.body.isv_family_id, id->isv_family_id, sizeof r.body.isv_family_id);
    memcpy(r.body.isv_ext_prod_id, id->isv_ext_prod_id, sizeof r.body.isv_ext_prod_id);
    memcpy(&r.body.report_data, (const void *)(uintptr_t)data_addr, sizeof r.body.report_data);
    r.key_id = e->platform->key_id;
    sgx_key_128bit_t key;
    bool ok = vsgx_report_key(e->platform, &ti, &r.key_id, key) == SGX_SUCCESS &&
              vsgx_cmac128(key, &r.body, sizeof r.body, r.mac) == 0;
    OPENSSL_cleanse(key, sizeof key);
    if (ok)
        memcpy((void *)(uintptr_t)out_addr, &r, sizeof r);
    return ok;
}

static uint64_t se_error(sgx_status_t st)
{
    switch (st) {
    case SGX_ERROR_INVALID_CPUSVN: return SE_INVALID_CPUSVN;
    case SGX_ERROR_INVALID_ISVSVN: return SE_INVALID_ISVSVN;
    case SGX_ERROR_INVALID_KEYNAME: return SE_INVALID_KEYNAME;
    default: return SE_INVALID_ATTRIBUTE;
    }
}

static bool egetkey(vsgx_enclave_hw_t *e, uint64_t req_addr, uint64_t out_addr, uint64_t *rax)
{
    if (!operand(e, req_addr, sizeof(sgx_key_request_t), 512) || !operand(e, out_addr, sizeof(sgx_key_128bit_t), 16))
        return false;
    sgx_key_request_t req;
    memcpy(&req, (const void *)(uintptr_t)req_addr, sizeof req);
    vsgx_secs_identity_t secs;
    secs_identity(e, &secs);
    sgx_key_128bit_t key;
    sgx_status_t st = vsgx_egetkey(e->platform, &secs, &req, key);
    if (st != SGX_SUCCESS)
        memset(key, 0, sizeof key);
    memcpy((void *)(uintptr_t)out_addr, key, sizeof key);
    OPENSSL_cleanse(key, sizeof key);
    *rax = st == SGX_SUCCESS ? 0 : se_error(st);
    return true;
}

bool vsgx_sim_enclu(vsgx_enclave_hw_t *e, void *ucontext)
{
    greg_t *g = ((ucontext_t *)ucontext)->uc_mcontext.gregs;
    const uint8_t *rip = (const uint8_t *)(uintptr_t)g[REG_RIP];
    if (!e->platform || !operand(e, (uint64_t)(uintptr_t)rip, 3, 1) || rip[0] != 0x0f || rip[1] != 0x01 || rip[2] != 0xd7)
        return false;
    uint64_t rax = 0;
    bool done;
    switch (g[REG_RAX]) {
    case LEAF_EREPORT:
        done = ereport(e, (uint64_t)g[REG_RBX], (uint64_t)g[REG_RCX], (uint64_t)g[REG_RDX]);
        break;
    case LEAF_EGETKEY:
        done = egetkey(e, (uint64_t)g[REG_RBX], (uint64_t)g[REG_RCX], &rax);
        break;
    default:
        done = false;
    }
    if (done) {
        g[REG_RAX] = (greg_t)rax;
        g[REG_RIP] += 3;
    }
    return done;
}
