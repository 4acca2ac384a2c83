/* sim_enclave.c — the simulated CPU's ECREATE, EADD, EEXTEND and EINIT (see cpu.h): the enclave's
 * range is reserved in the process aligned to its size, pages are copied in with the SECINFO's
 * permissions, the measurement is the SHA-256 of the same 64-byte records the hardware hashes,
 * and EINIT refuses an enclave whose SIGSTRUCT does not verify, whose MRENCLAVE is not the
 * signed one, or whose attributes or MISCSELECT differ from the signed ones under their masks. */
#include "sim_enclave.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "sigstruct.h"

static bool hash(vsgx_enclave_hw_t *e, const void *p, size_t n)
{
    return EVP_DigestUpdate(e->measurement, p, n) == 1;
}

static void sim_destroy(vsgx_enclave_hw_t *e)
{
    if (!e)
        return;
    vsgx_sim_unregister(e);
    if (e->base)
        munmap(e->base, e->size);
    EVP_MD_CTX_free(e->measurement);
    free(e->page);
    free(e->tcs);
    free(e);
}

static sgx_status_t sim_create(const vsgx_secs_params_t *secs, vsgx_enclave_hw_t **out, uint64_t *base)
{
    *out = NULL;
    uint64_t size = secs->size;
    if (size < 2 * VSGX_PAGE_SIZE || (size & (size - 1)) || !secs->ssa_frame_size || size > (UINT64_C(1) << 46))
        return SGX_ERROR_INVALID_PARAMETER;
    vsgx_enclave_hw_t *e = calloc(1, sizeof *e);
    if (!e || !(e->page = calloc(size / VSGX_PAGE_SIZE, sizeof *e->page)) || !(e->measurement = EVP_MD_CTX_new())) {
        sim_destroy(e);
        return SGX_ERROR_OUT_OF_MEMORY;
    }
    /* Reserve twice the size and keep the part aligned to the size, as ECREATE's base must be.
     * Writable until EINIT, which gives every page its SECINFO's permissions (none for pages
     * never added and for TCSs). */
    uint8_t *p = mmap(NULL, 2 * size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        sim_destroy(e);
        return SGX_ERROR_OUT_OF_EPC;
    }
    uint8_t *aligned = (uint8_t *)(((uintptr_t)p + size - 1) & ~(uintptr_t)(size - 1));
    if (aligned > p)
        munmap(p, (size_t)(aligned - p));
    if (aligned + size < p + 2 * size)
        munmap(aligned + size, (size_t)(p + 2 * size - (aligned + size)));
    /* A sanitizer's marks from memory this range held before (a thread's stack) do not apply. */
    ASAN_UNPOISON_MEMORY_REGION(aligned, size);
    /* Huge pages where the kernel gives them: a fault per 2 MiB rather than per page. */
    madvise(aligned, size, MADV_HUGEPAGE);
    e->base = aligned;
    e->size = size;
    e->secs = *secs;
    e->platform = secs->platform;
    if (!vsgx_sim_register(e)) {
        sim_destroy(e);
        return SGX_ERROR_OUT_OF_EPC;
    }
    /* The ECREATE record: "ECREATE\0" ‖ SSAFRAMESIZE u32 ‖ SIZE u64 ‖ 0^44. */
    uint8_t r[64] = { 0 };
    memcpy(r, "ECREATE\0", 8);
    memcpy(r + 8, &secs->ssa_frame_size, 4);
    memcpy(r + 12, &size, 8);
    if (EVP_DigestInit_ex(e->measurement, EVP_sha256(), NULL) != 1 || !hash(e, r, sizeof r)) {
        sim_destroy(e);
        return SGX_ERROR_UNEXPECTED;
    }
    *out = e;
    *base = (uint64_t)(uintptr_t)aligned;
    return SGX_SUCCESS;
}

static int prot_of(uint64_t flags)
{
    return ((flags & VSGX_SI_R) ? PROT_READ : 0) | ((flags & VSGX_SI_W) ? PROT_WRITE : 0) |
           ((flags & VSGX_SI_X) ? PROT_EXEC : 0);
}

/* Reads a TCS page's fields and checks them as EADD does: SSA frames and entry inside the enclave. */
static sgx_status_t add_tcs(vsgx_enclave_hw_t *e, uint64_t rva, const uint8_t *page)
{
    vsgx_sim_tcs_t t = { .addr = (uint64_t)(uintptr_t)(e->base + rva) };
    memcpy(&t.ossa, page + VSGX_TCS_OFF_OSSA, 8);
    memcpy(&t.nssa, page + VSGX_TCS_OFF_NSSA, 4);
    memcpy(&t.oentry, page + VSGX_TCS_OFF_OENTRY, 8);
    memcpy(&t.ofsbase, page + VSGX_TCS_OFF_OFSBASE, 8);
    memcpy(&t.ogsbase, page + VSGX_TCS_OFF_OGSBASE, 8);
    uint64_t ssa_bytes = (uint64_t)t.nssa * e->secs.ssa_frame_size * VSGX_PAGE_SIZE;
    if (t.ossa % VSGX_PAGE_SIZE || !t.nssa || t.ossa >= e->size || ssa_bytes > e->size - t.ossa ||
        t.oentry >= e->size || t.ofsbase >= e->size || t.ogsbase >= e->size)
        return SGX_ERROR_INVALID_ENCLAVE;
    if (e->tcs_count == e->tcs_cap) {
        size_t cap = e->tcs_cap ? 2 * e->tcs_cap : 8;
        vsgx_sim_tcs_t *n = realloc(e->tcs, cap * sizeof *n);
        if (!n)
            return SGX_ERROR_OUT_OF_MEMORY;
        e->tcs = n;
        e->tcs_cap = cap;
    }
    e->tcs[e->tcs_count++] = t;
    return SGX_SUCCESS;
}

static sgx_status_t sim_add_page(vsgx_enclave_hw_t *e, uint64_t rva, const void *src, uint64_t flags, bool measure)
{
    uint64_t type = flags & VSGX_SI_PT_MASK;
    if (e->initted || rva % VSGX_PAGE_SIZE || rva >= e->size || e->page[rva / VSGX_PAGE_SIZE] ||
        (type != VSGX_SI_PT_REG && type != VSGX_SI_PT_TCS) || (type == VSGX_SI_PT_TCS && (flags & 7)) ||
        (flags & ~(VSGX_SI_PT_MASK | 7)))
        return SGX_ERROR_INVALID_PARAMETER;
    uint8_t *page = e->base + rva;
    static const uint8_t zero[VSGX_PAGE_SIZE];
    const uint8_t *content = src ? src : zero;
    sgx_status_t st = type == VSGX_SI_PT_TCS ? add_tcs(e, rva, content) : SGX_SUCCESS;
    if (st)
        return st;
    memcpy(page, content, VSGX_PAGE_SIZE);
    /* The page's records, hashed in one update: EADD, then 16 x (EEXTEND, 256 bytes) if measured. */
    uint8_t *r = e->stream;
    memset(r, 0, 64);
    memcpy(r, "EADD\0\0\0\0", 8);
    memcpy(r + 8, &rva, 8);
    memcpy(r + 16, &flags, 8);
    size_t n = 64;
    for (uint64_t at = 0; measure && at < VSGX_PAGE_SIZE; at += 256, n += 64 + 256) {
        uint8_t *x = r + n;
        memset(x, 0, 64);
        memcpy(x, "EEXTEND\0", 8);
        uint64_t off = rva + at;
        memcpy(x + 8, &off, 8);
        memcpy(x + 64, content + at, 256);
    }
    if (!hash(e, r, n))
        return SGX_ERROR_UNEXPECTED;
    e->page[rva / VSGX_PAGE_SIZE] = (uint16_t)(flags | VSGX_SIM_PAGE_ADDED);
    return SGX_SUCCESS;
}

static int final_prot(uint16_t f)
{
    bool regular = (f & VSGX_SIM_PAGE_ADDED) && (f & VSGX_SI_PT_MASK & ~VSGX_SIM_PAGE_ADDED) == VSGX_SI_PT_REG;
    return regular ? prot_of(f) : PROT_NONE;
}

/* Every page's final permissions, in runs of equal ones: SECINFO's R/W/X for added regular
 * pages, none for TCS pages and pages never added. */
static bool protect_pages(vsgx_enclave_hw_t *e)
{
    uint64_t pages = e->size / VSGX_PAGE_SIZE;
    for (uint64_t i = 0; i < pages;) {
        int prot = final_prot(e->page[i]);
        uint64_t j = i + 1;
        while (j < pages && final_prot(e->page[j]) == prot)
            j++;
        if (mprotect(e->base + i * VSGX_PAGE_SIZE, (j - i) * VSGX_PAGE_SIZE, prot) != 0)
            return false;
        i = j;
    }
    return true;
}

static sgx_status_t sim_init(vsgx_enclave_hw_t *e, const void *sigstruct, size_t len)
{
    if (e->initted)
        return SGX_ERROR_INVALID_STATE;
    if (len != VSGX_SIGSTRUCT_SIZE || vsgx_sigstruct_verify(sigstruct, len) != VSGX_SIGSTRUCT_OK)
        return SGX_ERROR_INVALID_SIGNATURE;
    const vsgx_sigstruct_t *css = sigstruct;
    uint8_t mr[32];
    if (EVP_DigestFinal_ex(e->measurement, mr, NULL) != 1)
        return SGX_ERROR_UNEXPECTED;
    if (memcmp(mr, css->enclave_hash, 32) != 0)
        return SGX_ERROR_INVALID_ENCLAVE;
    const sgx_attributes_t *a = &e->secs.attributes, *ca = &css->attributes, *m = &css->attribute_mask;
    if ((a->flags & m->flags) != (ca->flags & m->flags) || (a->xfrm & m->xfrm) != (ca->xfrm & m->xfrm))
        return (m->flags & SGX_FLAGS_DEBUG) && (a->flags & SGX_FLAGS_DEBUG) && !(ca->flags & SGX_FLAGS_DEBUG)
                   ? SGX_ERROR_NDEBUG_ENCLAVE
                   : SGX_ERROR_INVALID_ATTRIBUTE;
    if ((e->secs.misc_select & css->misc_mask) != (css->misc_select & css->misc_mask))
        return SGX_ERROR_INVALID_MISC;
    bool kss = a->flags & SGX_FLAGS_KSS;
    static const uint8_t zero16[16];
    if (!kss && (memcmp(css->isv_family_id, zero16, 16) || memcmp(css->isvext_prod_id, zero16, 16)))
        return SGX_ERROR_INVALID_ATTRIBUTE;
    vsgx_enclave_identity_t *id = &e->identity;
    memcpy(id->mr_enclave.m, mr, 32);
    if (EVP_Digest(css->modulus, sizeof css->modulus, id->mr_signer.m, NULL, EVP_sha256(), NULL) != 1)
        return SGX_ERROR_UNEXPECTED;
    id->attributes = *a;
    id->attributes.flags |= SGX_FLAGS_INITTED;
    id->misc_select = e->secs.misc_select;
    id->isv_prod_id = css->isv_prod_id;
    id->isv_svn = css->isv_svn;
    if (kss) {
        memcpy(id->isv_family_id, css->isv_family_id, 16);
        memcpy(id->isv_ext_prod_id, css->isvext_prod_id, 16);
        memcpy(id->config_id, e->secs.config_id, sizeof id->config_id);
        id->config_svn = e->secs.config_svn;
    }
    if (!protect_pages(e))
        return SGX_ERROR_MEMORY_MAP_FAILURE;
    e->initted = true;
    return SGX_SUCCESS;
}

static const vsgx_enclave_identity_t *sim_identity(const vsgx_enclave_hw_t *e)
{
    return e->initted ? &e->identity : NULL;
}

vsgx_sim_tcs_t *vsgx_sim_find_tcs(vsgx_enclave_hw_t *e, uint64_t addr)
{
    for (size_t i = 0; i < e->tcs_count; i++)
        if (e->tcs[i].addr == addr)
            return &e->tcs[i];
    return NULL;
}

const vsgx_backend_t vsgx_sim_backend = {
    .name = "simulation",
    .create = sim_create,
    .add_page = sim_add_page,
    .init = sim_init,
    .enter = vsgx_sim_enter,
    .resume = vsgx_sim_resume,
    .identity = sim_identity,
    .destroy = sim_destroy,
};
