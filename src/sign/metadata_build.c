/* metadata_build.c — serialising the metadata chain (see metadata_build.h). */
#include "metadata_build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metadata.h"
#include "sigstruct_build.h"

#define ELRANGE_ENTRY 24
#define PATCH_ENTRY 32
#define LAYOUT_ENTRY 32
#define ZERO_BUFFER 8
#define ELF_E_SHOFF 0x28
#define ELF_E_SHNUM 0x3C
#define ELF_E_SHSTRNDX 0x3E

typedef struct {
    uint8_t *p;
    size_t cap, at;
    bool overflow;
} writer_t;

static void put(writer_t *w, size_t off, const void *src, size_t n)
{
    if (off > w->cap || n > w->cap - off) {
        w->overflow = true;
        return;
    }
    memcpy(w->p + off, src, n);
}

static void put_u32(writer_t *w, size_t off, uint32_t v)
{
    uint8_t b[4];
    for (int i = 0; i < 4; i++)
        b[i] = (uint8_t)(v >> (8 * i));
    put(w, off, b, 4);
}

static void put_u64(writer_t *w, size_t off, uint64_t v)
{
    put_u32(w, off, (uint32_t)v);
    put_u32(w, off + 4, (uint32_t)(v >> 32));
}

static void put_u16(writer_t *w, size_t off, uint16_t v)
{
    uint8_t b[2] = { (uint8_t)v, (uint8_t)(v >> 8) };
    put(w, off, b, 2);
}

void vsgx_metadata_forms(const vsgx_enclave_config_t *c, bool *sgx2, bool *sgx1)
{
    *sgx2 = false;
    *sgx1 = true;
    if (!vsgx_enclave_config_is_dynamic(c) || !(c->misc_select & 1))
        return;
    *sgx2 = true;
    *sgx1 = !(c->misc_mask & 1);
}

static void put_patch(writer_t *w, size_t off, uint64_t dst, uint32_t src, uint32_t size)
{
    put_u64(w, off, dst);
    put_u32(w, off + 8, src);
    put_u32(w, off + 12, size);
}

static void put_layout(writer_t *w, size_t off, const vsgx_layout_raw_t *e, uint32_t tcs_offset)
{
    bool tcs = e->id == VSGX_LAYOUT_TCS || e->id == VSGX_LAYOUT_TCS + VSGX_LAYOUT_DYN_OFFSET;
    put_u16(w, off, e->id);
    put_u16(w, off + 2, e->attributes);
    put_u32(w, off + 4, e->page_count);
    put_u64(w, off + 8, e->rva);
    put_u32(w, off + 16, e->content_size);
    put_u32(w, off + 20, tcs ? tcs_offset : e->content_offset);
    put_u64(w, off + 24, e->si_flags);
}

/* One metadata at w->at with the given version and layout table; advances w->at past it. */
static void write_form(writer_t *w, const vsgx_metadata_spec_t *s, uint64_t version,
                       const vsgx_layout_raw_t *table, size_t n)
{
    const vsgx_enclave_config_t *c = s->config;
    bool elrange = c->elrange_size != 0;
    size_t base = w->at, off = VSGX_METADATA_HEADER_SIZE_4DIRS;
    size_t elr = off;
    off += elrange ? ELRANGE_ENTRY : 0;
    size_t tcs = off, gd = tcs + VSGX_TCS_TEMPLATE_SIZE, zero = gd + sizeof *s->global_data;
    size_t patches = zero + ZERO_BUFFER, layout = patches + 4 * PATCH_ENTRY;
    size_t size = layout + n * LAYOUT_ENTRY;

    put_u64(w, base, VSGX_METADATA_MAGIC);
    put_u64(w, base + 8, version);
    put_u32(w, base + 16, (uint32_t)size);
    put_u32(w, base + 20, c->tcs_policy);
    put_u32(w, base + 24, s->layout->ssa_frame_size);
    put_u32(w, base + 28, s->xsave_size);
    put_u32(w, base + 32, s->css->misc_select);
    put_u32(w, base + 36, c->tcs_min_pool);
    put_u64(w, base + 40, s->layout->enclave_size);
    put_u64(w, base + 48, s->css->attributes.flags);
    put_u64(w, base + 56, vsgx_sigstruct_required_xfrm(s->css));
    put(w, base + 64, s->css, sizeof *s->css);
    put_u32(w, base + 1872, (uint32_t)patches);
    put_u32(w, base + 1876, 4 * PATCH_ENTRY);
    put_u32(w, base + 1880, (uint32_t)layout);
    put_u32(w, base + 1884, (uint32_t)(n * LAYOUT_ENTRY));
    put_u32(w, base + 1888, elrange ? (uint32_t)elr : 0);
    put_u32(w, base + 1892, elrange ? ELRANGE_ENTRY : 0);
    put_u32(w, base + 1896, (uint32_t)tcs);
    put_u32(w, base + 1900, 0);
    if (elrange) {
        put_u64(w, base + elr, c->enclave_image_address);
        put_u64(w, base + elr + 8, c->elrange_start_address);
        put_u64(w, base + elr + 16, c->elrange_size);
    }
    put(w, base + tcs, s->tcs_template, VSGX_TCS_TEMPLATE_SIZE);
    put(w, base + gd, s->global_data, sizeof *s->global_data);
    put_patch(w, base + patches, s->global_data_file_offset, (uint32_t)gd, sizeof *s->global_data);
    put_patch(w, base + patches + 32, ELF_E_SHNUM, (uint32_t)zero, 2);
    put_patch(w, base + patches + 64, ELF_E_SHOFF, (uint32_t)zero, 8);
    put_patch(w, base + patches + 96, ELF_E_SHSTRNDX, (uint32_t)zero, 2);
    for (size_t i = 0; i < n; i++)
        put_layout(w, base + layout + i * LAYOUT_ENTRY, &table[i], (uint32_t)tcs);
    w->at = base + size;
}

bool vsgx_metadata_write(const vsgx_metadata_spec_t *s, uint8_t *out, size_t cap, char *msg,
                         size_t msg_len)
{
    writer_t w = { out, cap, 0, false };
    uint32_t elr = s->config->elrange_size ? VSGX_METADATA_ELRANGE_MAJOR_GAP : 0;
    memset(out, 0, cap);
    if (s->sgx2)
        write_form(&w, s, VSGX_METADATA_SGX2 + ((uint64_t)elr << 32), s->layout->entries, s->layout->count);
    if (s->sgx1) {
        vsgx_layout_raw_t *table = NULL;
        size_t n = 0;
        if (vsgx_layout_sgx1(s->layout, s->config->tcs_num, &table, &n) != VSGX_LAYOUT_OK) {
            snprintf(msg, msg_len, "out of memory");
            return false;
        }
        write_form(&w, s, VSGX_METADATA_SGX1 + ((uint64_t)elr << 32), table, n);
        free(table);
    }
    if (w.overflow) {
        memset(out, 0, cap);
        snprintf(msg, msg_len, "the metadata does not fit the %zu-byte .note.sgxmeta descriptor", cap);
        return false;
    }
    return true;
}
