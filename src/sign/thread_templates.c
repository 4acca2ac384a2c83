/* thread_templates.c — the TCS template and g_global_data (see thread_templates.h). */
#include "thread_templates.h"

#include <stddef.h>
#include <string.h>

#define PAGE 4096u

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static void put64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t rva_of(const vsgx_enclave_layout_t *l, uint16_t id)
{
    const vsgx_layout_raw_t *e = vsgx_layout_find(l->entries + l->thread_first, l->thread_count, id);
    return e ? e->rva : 0;
}

/* The thread data sits at the start of the last thread-data page. */
static uint64_t td_offset(const vsgx_enclave_layout_t *l)
{
    const vsgx_layout_raw_t *td =
        vsgx_layout_find(l->entries + l->thread_first, l->thread_count, VSGX_LAYOUT_TD);
    return td->rva + (uint64_t)(td->page_count - 1) * PAGE - rva_of(l, VSGX_LAYOUT_TCS);
}

void vsgx_tcs_template(const vsgx_enclave_layout_t *l, uint64_t entry_rva, bool aex_notify,
                       uint8_t out[VSGX_TCS_TEMPLATE_SIZE])
{
    uint64_t tcs = rva_of(l, VSGX_LAYOUT_TCS);
    memset(out, 0, VSGX_TCS_TEMPLATE_SIZE);
    put64(out + VSGX_TCS_FLAGS, aex_notify ? VSGX_TCS_FLAG_AEXNOTIFY : 0);
    put64(out + VSGX_TCS_OSSA, rva_of(l, VSGX_LAYOUT_SSA) - tcs);
    put32(out + VSGX_TCS_CSSA, 0);
    put32(out + VSGX_TCS_NSSA, VSGX_SSA_NUM);
    put64(out + VSGX_TCS_OENTRY, entry_rva);
    put64(out + VSGX_TCS_OFSBASE, td_offset(l));
    put64(out + VSGX_TCS_OGSBASE, td_offset(l));
    put32(out + VSGX_TCS_FSLIMIT, 0xFFFFFFFF);
    put32(out + VSGX_TCS_GSLIMIT, 0xFFFFFFFF);
}

/* Offsets relative to the thread's TCS, which the runtime turns into addresses. */
static void thread_data_template(const vsgx_enclave_layout_t *l, const vsgx_enclave_config_t *c,
                                 uint64_t tls_size, uint32_t xsave_size, vsgx_thread_data_t *td)
{
    uint64_t tcs = rva_of(l, VSGX_LAYOUT_TCS), ssa = rva_of(l, VSGX_LAYOUT_SSA) - tcs;
    uint64_t stack_base = rva_of(l, VSGX_LAYOUT_STACK_MIN) + c->stack_min_size - tcs;
    memset(td, 0, sizeof *td);
    td->self_addr = td_offset(l);
    td->last_sp = stack_base;
    td->stack_base_addr = stack_base;
    td->stack_limit_addr = stack_base - c->stack_max_size;
    td->stack_commit_addr = stack_base - c->stack_min_size;
    td->first_ssa_gpr = ssa + (uint64_t)l->ssa_frame_size * PAGE - VSGX_SSA_GPR_SIZE;
    td->first_ssa_xsave = ssa;
    td->xsave_size = xsave_size;
    td->tls_addr = td->self_addr - tls_size;
    td->tls_array = td->self_addr + offsetof(vsgx_thread_data_t, tls_addr);
}

bool vsgx_global_data_build(const vsgx_enclave_layout_t *l, const vsgx_enclave_config_t *c,
                            const uint8_t tcs[VSGX_TCS_TEMPLATE_SIZE], uint64_t tls_size,
                            uint32_t xsave_size, vsgx_global_data_t *gd)
{
    /* the table the runtime walks: every entry but the padding guard */
    size_t n = l->count - (l->padded ? 1 : 0);
    if (n > VSGX_GLOBAL_DATA_LAYOUT_MAX)
        return false;
    memset(gd, 0, sizeof *gd);
    gd->enclave_size = l->enclave_size;
    const vsgx_layout_raw_t *heap = l->heap_count ? &l->entries[0] : NULL;
    gd->heap_offset = heap ? heap->rva : l->image_end;
    gd->heap_size = c->heap_init_size;
    gd->heap_min_size = c->heap_min_size;
    if (l->rsrv_count) {
        gd->rsrv_offset = l->entries[l->rsrv_first].rva;
        gd->rsrv_size = c->rsrv_init_size;
    }
    gd->rsrv_executable = c->rsrv_executable;
    gd->thread_policy = c->tcs_policy;
    gd->tcs_max_num = c->tcs_max_num;
    gd->tcs_num = c->tcs_num;
    thread_data_template(l, c, tls_size, xsave_size, &gd->td_template);
    memcpy(gd->tcs_template, tcs, VSGX_TCS_TEMPLATE_SIZE);
    gd->layout_entry_num = (uint32_t)n;
    memcpy(gd->layout_table, l->entries, n * sizeof *l->entries);
    gd->enclave_image_address = c->enclave_image_address;
    gd->elrange_start_address = c->elrange_start_address;
    gd->elrange_size = c->elrange_size;
    gd->fips_on = c->enable_ipp_fips || c->enable_ossl_fips;
    gd->stack_min_size = c->stack_min_size;
    gd->stack_max_size = c->stack_max_size;
    return true;
}
