/* layout.c — Intel's enclave layout after the image (see layout.h). */
#include "layout.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "metadata.h"

#define PAGE 4096u
#define SI_RW 0x203u
#define SI_RWX 0x207u
#define SI_TCS 0x100u
#define ATTR_ADD_EXTEND (VSGX_PAGE_ATTR_EADD | VSGX_PAGE_ATTR_EEXTEND)

typedef struct {
    vsgx_layout_raw_t *e;
    size_t n, cap;
    bool failed;        /* out of memory */
    bool too_big;       /* a page count does not fit 32 bits */
} list_t;

const char *vsgx_layout_status_text(vsgx_layout_status_t s)
{
    switch (s) {
    case VSGX_LAYOUT_OK: return "the enclave was laid out";
    case VSGX_LAYOUT_TOO_BIG: return "the enclave would exceed 64 GiB, the largest vsgx lays out";
    case VSGX_LAYOUT_NO_MEMORY: return "out of memory";
    }
    return "unknown layout status";
}

static void push(list_t *l, vsgx_layout_raw_t e)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 32;
        vsgx_layout_raw_t *p = realloc(l->e, cap * sizeof *p);
        if (!p) {
            l->failed = true;
            return;
        }
        l->e = p;
        l->cap = cap;
    }
    l->e[l->n++] = e;
}

static vsgx_layout_raw_t entry(list_t *l, uint16_t id, uint16_t attributes, uint64_t bytes,
                               uint32_t content_size, uint64_t si_flags)
{
    if (bytes / PAGE > UINT32_MAX)
        l->too_big = true;
    return (vsgx_layout_raw_t){ .id = id, .attributes = attributes,
                                .page_count = (uint32_t)(bytes / PAGE),
                                .content_size = content_size, .si_flags = si_flags };
}

static vsgx_layout_raw_t group(uint16_t id, size_t entry_count, uint32_t load_times)
{
    return (vsgx_layout_raw_t){ .id = id, .attributes = (uint16_t)entry_count,
                                .page_count = load_times };
}

/* A region that starts with `min` bytes added, grows to `init` (added, removable later by EDMM)
 * and may grow to `max` (added later by EDMM): the heap and the reserved memory. */
static void push_region(list_t *l, const uint16_t ids[3], uint64_t min, uint64_t init, uint64_t max,
                        uint64_t si)
{
    if (min)
        push(l, entry(l, ids[0], VSGX_PAGE_ATTR_EADD, min, 0, si));
    if (init > min)
        push(l, entry(l, ids[1], VSGX_PAGE_ATTR_EADD | VSGX_PAGE_ATTR_POST_ADD | VSGX_PAGE_ATTR_POST_REMOVE,
                      init - min, 0, si));
    if (max > init)
        push(l, entry(l, ids[2], VSGX_PAGE_ATTR_POST_ADD, max - init, 0, si));
}

static void push_heap(list_t *l, const vsgx_enclave_config_t *c)
{
    static const uint16_t ids[3] = { VSGX_LAYOUT_HEAP_MIN, VSGX_LAYOUT_HEAP_INIT, VSGX_LAYOUT_HEAP_MAX };
    push_region(l, ids, c->heap_min_size, c->heap_init_size, c->heap_max_size, SI_RW);
}

static void push_rsrv(list_t *l, const vsgx_enclave_config_t *c)
{
    static const uint16_t ids[3] = { VSGX_LAYOUT_RSRV_MIN, VSGX_LAYOUT_RSRV_INIT, VSGX_LAYOUT_RSRV_MAX };
    push_region(l, ids, c->rsrv_min_size, c->rsrv_init_size, c->rsrv_max_size,
                c->rsrv_executable ? SI_RWX : SI_RW);
}

/* One thread: guard | stack max | stack min | guard | TCS | SSA | guard | thread data + TLS. */
static size_t thread_template(list_t *l, const vsgx_enclave_config_t *c, uint64_t tls_size,
                              uint32_t ssa_frame_size, vsgx_layout_raw_t t[8])
{
    size_t n = 0;
    vsgx_layout_raw_t guard = entry(l, VSGX_LAYOUT_GUARD, 0, VSGX_GUARD_PAGES * PAGE, 0, 0);
    t[n++] = guard;
    if (c->stack_max_size > c->stack_min_size)
        t[n++] = entry(l, VSGX_LAYOUT_STACK_MAX, ATTR_ADD_EXTEND | VSGX_PAGE_ATTR_GROW_DOWN,
                       c->stack_max_size - c->stack_min_size, VSGX_STACK_FILL, SI_RW);
    t[n++] = entry(l, VSGX_LAYOUT_STACK_MIN, ATTR_ADD_EXTEND, c->stack_min_size, VSGX_STACK_FILL, SI_RW);
    t[n++] = guard;
    t[n++] = entry(l, VSGX_LAYOUT_TCS, ATTR_ADD_EXTEND, PAGE, VSGX_TCS_TEMPLATE_SIZE, SI_TCS);
    t[n++] = entry(l, VSGX_LAYOUT_SSA, ATTR_ADD_EXTEND, (uint64_t)ssa_frame_size * VSGX_SSA_NUM * PAGE, 0, SI_RW);
    t[n++] = guard;
    uint64_t tls_pages = (tls_size + PAGE - 1) / PAGE;
    t[n++] = entry(l, VSGX_LAYOUT_TD, ATTR_ADD_EXTEND, (1 + tls_pages) * PAGE, 0, SI_RW);
    return n;
}

/* Copies of the thread template, the first made by `edit`, repeated `copies` times in all. */
static void push_threads(list_t *l, const vsgx_layout_raw_t *t, size_t n, uint32_t copies,
                         uint16_t group_id, void (*edit)(vsgx_layout_raw_t *))
{
    if (copies == 0)
        return;
    for (size_t i = 0; i < n; i++) {
        vsgx_layout_raw_t e = t[i];
        if (edit)
            edit(&e);
        push(l, e);
    }
    if (copies > 1 || group_id == VSGX_LAYOUT_THREAD_GROUP_DYN)
        push(l, group(group_id, n, copies - 1));
}

static void utility_thread(vsgx_layout_raw_t *e)
{
    if (e->id == VSGX_LAYOUT_STACK_MAX)
        e->attributes |= VSGX_PAGE_ATTR_POST_ADD | VSGX_PAGE_ATTR_POST_REMOVE;
}

static void removed_thread(vsgx_layout_raw_t *e)
{
    if (e->id != VSGX_LAYOUT_GUARD)
        e->attributes |= VSGX_PAGE_ATTR_EREMOVE;
}

static void dynamic_thread(vsgx_layout_raw_t *e)
{
    if (e->id == VSGX_LAYOUT_GUARD)
        return;
    e->attributes = e->id == VSGX_LAYOUT_STACK_MAX
                        ? VSGX_PAGE_ATTR_POST_ADD | VSGX_PAGE_ATTR_GROW_DOWN
                        : VSGX_PAGE_ATTR_POST_ADD | VSGX_PAGE_ATTR_DYN_THREAD;
    e->id = (uint16_t)(e->id + VSGX_LAYOUT_DYN_OFFSET);
}

/* Gives every entry its rva and every group its load step; returns the end, or 0 if too big. */
static uint64_t assign_rvas(vsgx_layout_raw_t *e, size_t n, uint64_t rva)
{
    for (size_t i = 0; i < n; i++) {
        if (!(e[i].id & VSGX_LAYOUT_GROUP_BIT)) {
            e[i].rva = rva;
            rva += (uint64_t)e[i].page_count * PAGE;
        } else {
            uint64_t step = 0;
            for (size_t k = i - e[i].attributes; k < i; k++)
                step += (uint64_t)e[k].page_count * PAGE;
            e[i].rva = step;
            if (step && e[i].page_count > VSGX_ENCLAVE_SIZE_MAX / step)
                return 0;
            rva += (uint64_t)e[i].page_count * step;
        }
        if (rva > VSGX_ENCLAVE_SIZE_MAX)
            return 0;
    }
    return rva;
}

vsgx_layout_status_t vsgx_layout_build(const vsgx_enclave_config_t *c, uint64_t image_end,
                                       uint64_t tls_size, uint32_t ssa_frame_size,
                                       vsgx_enclave_layout_t *out)
{
    list_t l = { 0 };
    vsgx_layout_raw_t t[8];
    memset(out, 0, sizeof *out);
    if (image_end > VSGX_ENCLAVE_SIZE_MAX || tls_size > VSGX_ENCLAVE_SIZE_MAX)
        return VSGX_LAYOUT_TOO_BIG;
    push_heap(&l, c);
    out->heap_count = l.n;
    size_t tn = thread_template(&l, c, tls_size, ssa_frame_size, t);
    out->thread_first = l.n;
    out->thread_count = tn;
    push_threads(&l, t, tn, 1, 0, utility_thread);
    uint32_t spare = c->tcs_num - 1;
    uint32_t min_pool = c->tcs_min_pool < spare ? c->tcs_min_pool : spare;
    push_threads(&l, t, tn, min_pool, VSGX_LAYOUT_THREAD_GROUP, NULL);
    push_threads(&l, t, tn, spare - min_pool, VSGX_LAYOUT_THREAD_GROUP, removed_thread);
    if (c->tcs_max_num > min_pool + 1)
        push_threads(&l, t, tn, c->tcs_max_num - min_pool, VSGX_LAYOUT_THREAD_GROUP_DYN, dynamic_thread);
    out->rsrv_first = l.n;
    push_rsrv(&l, c);
    out->rsrv_count = l.n - out->rsrv_first;
    if (l.failed || l.too_big) {
        free(l.e);
        return l.failed ? VSGX_LAYOUT_NO_MEMORY : VSGX_LAYOUT_TOO_BIG;
    }
    uint64_t end = assign_rvas(l.e, l.n, image_end);
    uint64_t size = 2 * PAGE;
    while (end && size < end)
        size <<= 1;
    if (!end || size > VSGX_ENCLAVE_SIZE_MAX) {
        free(l.e);
        return VSGX_LAYOUT_TOO_BIG;
    }
    if (size > end) {
        vsgx_layout_raw_t pad = entry(&l, VSGX_LAYOUT_GUARD, 0, size - end, 0, 0);
        pad.rva = end;
        push(&l, pad);
        out->padded = true;
    }
    if (l.failed) {
        free(l.e);
        return VSGX_LAYOUT_NO_MEMORY;
    }
    out->entries = l.e;
    out->count = l.n;
    out->image_end = image_end;
    out->enclave_size = size;
    out->ssa_frame_size = ssa_frame_size;
    out->thread_size = 0;
    for (size_t i = 0; i < tn; i++)
        out->thread_size += (uint64_t)t[i].page_count * PAGE;
    return VSGX_LAYOUT_OK;
}

void vsgx_layout_free(vsgx_enclave_layout_t *l)
{
    free(l->entries);
    l->entries = NULL;
    l->count = 0;
}

/* The SGX1 form of one entry: nothing is added or removed after initialisation. */
static vsgx_layout_raw_t sgx1_entry(vsgx_layout_raw_t e)
{
    if (e.id == VSGX_LAYOUT_HEAP_MAX || e.id == VSGX_LAYOUT_RSRV_MAX)
        e.si_flags = 0;
    e.attributes &= (uint16_t)~VSGX_PAGE_ATTR_POST_ADD;
    return e;
}

vsgx_layout_status_t vsgx_layout_sgx1(const vsgx_enclave_layout_t *l, uint32_t tcs_num,
                                      vsgx_layout_raw_t **out, size_t *count)
{
    size_t n = l->heap_count + l->thread_count + 1 + l->rsrv_count, k = 0;
    vsgx_layout_raw_t *e = calloc(n, sizeof *e);
    *out = NULL;
    *count = 0;
    if (!e)
        return VSGX_LAYOUT_NO_MEMORY;
    for (size_t i = 0; i < l->heap_count; i++)
        e[k++] = sgx1_entry(l->entries[i]);
    for (size_t i = 0; i < l->thread_count; i++)
        e[k++] = sgx1_entry(l->entries[l->thread_first + i]);
    /* Intel's SDK writes the group even for a single thread (load_times 0). */
    e[k] = group(VSGX_LAYOUT_THREAD_GROUP, l->thread_count, tcs_num - 1);
    e[k++].rva = l->thread_size;
    for (size_t i = 0; i < l->rsrv_count; i++)
        e[k++] = sgx1_entry(l->entries[l->rsrv_first + i]);
    *out = e;
    *count = k;
    return VSGX_LAYOUT_OK;
}

const vsgx_layout_raw_t *vsgx_layout_find(const vsgx_layout_raw_t *e, size_t n, uint16_t id)
{
    for (size_t i = 0; i < n; i++)
        if (e[i].id == id)
            return &e[i];
    return NULL;
}
