/* measure.c — the ECREATE/EADD/EEXTEND stream that gives MRENCLAVE (see measure.h). */
#include "measure.h"

#include "elf_dynamic.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#define PAGE_SIZE 4096u
#define CHUNK 256u
#define RECORD 64u
#define MAX_RANGES (1u << 20)
/* TCS fields that hold offsets from the enclave base: OSSA, OFSBASE, OGSBASE. */
static const size_t tcs_base_relative[] = { 16, 48, 56 };

typedef struct { uint64_t start, pages; } page_range_t;

typedef struct {
    EVP_MD_CTX *sha;            /* NULL when only walking the pages (vsgx_measure_pages) */
    vsgx_page_fn on_page;       /* the loader's callback, or NULL */
    void *on_page_ctx;
    uint8_t page[PAGE_SIZE];    /* the assembled page, contiguous, for on_page */
    uint64_t enclave_size;      /* the image's size */
    uint64_t secs_size;         /* ECREATE's SIZE: the ELRANGE size when there is one */
    uint64_t image_offset;      /* the image's offset in ELRANGE, added to every page offset */
    page_range_t *ranges;       /* every page range added, to refuse adding a page twice */
    uint64_t *reloc_pages;      /* with text relocations: pages a relocation writes (sorted) */
    size_t nreloc_pages;
    size_t nranges, cap;
    /* One page's stream: the EADD record, then 16 x (EEXTEND record, 256 page bytes). The page
     * is assembled in place, in the data slots (page_at). */
    uint8_t records[RECORD + (PAGE_SIZE / CHUNK) * (RECORD + CHUNK)];
} stream_t;

const char *vsgx_measure_status_text(vsgx_measure_status_t s)
{
    switch (s) {
    case VSGX_MEASURE_OK: return "the enclave was measured";
    case VSGX_MEASURE_BAD_ELF: return "the enclave is not a well-formed ELF64 shared object";
    case VSGX_MEASURE_NO_METADATA: return "the enclave has no usable .note.sgxmeta metadata note";
    case VSGX_MEASURE_BAD_METADATA: return "the enclave metadata is malformed";
    case VSGX_MEASURE_BAD_PATCH: return "a metadata patch writes outside the file";
    case VSGX_MEASURE_BAD_SEGMENT: return "a loadable segment has no access rights, overlaps another or lies outside the enclave";
    case VSGX_MEASURE_BAD_LAYOUT: return "a layout page lies outside the enclave or is added twice";
    case VSGX_MEASURE_TEXTREL: return "the enclave's relocation tables cannot be read";
    case VSGX_MEASURE_NO_MEMORY: return "out of memory";
    case VSGX_MEASURE_CRYPTO: return "SHA-256 failed";
    case VSGX_MEASURE_STOPPED: return "the loader stopped at a page it could not add";
    }
    return "unknown measurement status";
}

static void put64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static vsgx_measure_status_t hash(stream_t *s, const void *p, size_t n)
{
    return !s->sha || EVP_DigestUpdate(s->sha, p, n) == 1 ? VSGX_MEASURE_OK : VSGX_MEASURE_CRYPTO;
}



/* Records [start, start + pages·4K) as added; refuses pages outside the enclave or added twice. */
static vsgx_measure_status_t claim(stream_t *s, uint64_t start, uint64_t pages,
                                   vsgx_measure_status_t bad)
{
    if (start % PAGE_SIZE || pages > s->enclave_size / PAGE_SIZE ||
        start > s->enclave_size - pages * PAGE_SIZE)
        return bad;
    for (size_t i = 0; i < s->nranges; i++) {
        const page_range_t *r = &s->ranges[i];
        if (start < r->start + r->pages * PAGE_SIZE && r->start < start + pages * PAGE_SIZE)
            return bad;
    }
    if (s->nranges == s->cap) {
        if (s->cap >= MAX_RANGES)
            return bad;
        size_t cap = s->cap ? 2 * s->cap : 64;
        page_range_t *r = realloc(s->ranges, cap * sizeof *r);
        if (!r)
            return VSGX_MEASURE_NO_MEMORY;
        s->ranges = r;
        s->cap = cap;
    }
    s->ranges[s->nranges++] = (page_range_t){ start, pages };
    return VSGX_MEASURE_OK;
}

static vsgx_measure_status_t ecreate(stream_t *s, uint32_t ssa_frame_size)
{
    uint8_t rec[RECORD] = "ECREATE";
    rec[8] = (uint8_t)ssa_frame_size;
    rec[9] = (uint8_t)(ssa_frame_size >> 8);
    rec[10] = (uint8_t)(ssa_frame_size >> 16);
    rec[11] = (uint8_t)(ssa_frame_size >> 24);
    put64(rec + 12, s->secs_size);
    return hash(s, rec, sizeof rec);
}

/* Where byte `at` of the page being assembled lives: in the stream buffer's data slots when
 * hashing, in the contiguous page when walking for a loader. */
static uint8_t *page_at(stream_t *s, uint32_t at)
{
    if (s->on_page)
        return s->page + at;
    return s->records + RECORD + (at / CHUNK) * (RECORD + CHUNK) + RECORD + at % CHUNK;
}

static void page_zero(stream_t *s)
{
    for (uint32_t off = 0; off < PAGE_SIZE; off += CHUNK)
        memset(page_at(s, off), 0, CHUNK);
}

/* Copies n bytes to the page at `at` (at + n <= 4096), across the 256-byte slots. */
static void page_put(stream_t *s, uint32_t at, const uint8_t *src, size_t n)
{
    while (n) {
        size_t m = CHUNK - at % CHUNK < n ? CHUNK - at % CHUNK : n;
        memcpy(page_at(s, at), src, m);
        at += (uint32_t)m;
        src += m;
        n -= m;
    }
}

/* Hands the page to the loader's callback (rva from the image's start): the assembled one, or
 * `direct`, a whole unpatched page of the file. */
static vsgx_measure_status_t deliver(stream_t *s, uint64_t rva, uint64_t flags, bool extend, const uint8_t *direct)
{
    return s->on_page(s->on_page_ctx, rva, flags, extend, direct ? direct : s->page) == 0 ? VSGX_MEASURE_OK
                                                                                           : VSGX_MEASURE_STOPPED;
}

/* EADD of the assembled page (or, for a loader, of `direct` when not NULL) at rva with
 * SECINFO.FLAGS, then its EEXTENDs if measured: the page's whole stream is hashed in one call
 * (5184 bytes, 81 SHA-256 blocks). */
static vsgx_measure_status_t add_page(stream_t *s, uint64_t rva, uint64_t flags, bool extend, const uint8_t *direct)
{
    if (s->on_page)
        return deliver(s, rva, flags, extend, direct);
    uint8_t *r = s->records;
    rva += s->image_offset;
    memset(r, 0, RECORD);
    memcpy(r, "EADD", 4);
    put64(r + 8, rva);
    put64(r + 16, flags);
    if (!extend)
        return hash(s, r, RECORD);
    r += RECORD;
    for (uint32_t off = 0; off < PAGE_SIZE; off += CHUNK, r += RECORD + CHUNK) {
        memset(r, 0, RECORD);
        memcpy(r, "EEXTEND", 7);
        put64(r + 8, rva + off);
    }
    return hash(s, s->records, sizeof s->records);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* With DT_TEXTREL the loader makes every page a relocation writes (8 bytes at r_offset, which
 * may cross into the next page) writable, and the SECINFO it measures says so. */
static vsgx_measure_status_t find_relocated_pages(stream_t *s, const vsgx_elf_image_t *elf)
{
    vsgx_elf_rela_t *rela = NULL;
    size_t n = 0;
    if (vsgx_elf_relocations(elf, &rela, &n) != VSGX_ELF_OK)
        return VSGX_MEASURE_TEXTREL;
    s->reloc_pages = malloc((2 * n + 1) * sizeof *s->reloc_pages);
    if (!s->reloc_pages) {
        vsgx_elf_relocations_free(rela);
        return VSGX_MEASURE_NO_MEMORY;
    }
    for (size_t i = 0; i < n; i++) {
        uint64_t first = rela[i].offset & ~(uint64_t)(PAGE_SIZE - 1);
        uint64_t last = (rela[i].offset + 7) & ~(uint64_t)(PAGE_SIZE - 1);
        s->reloc_pages[s->nreloc_pages++] = first;
        if (last != first && rela[i].offset + 7 > rela[i].offset)
            s->reloc_pages[s->nreloc_pages++] = last;
    }
    vsgx_elf_relocations_free(rela);
    qsort(s->reloc_pages, s->nreloc_pages, sizeof *s->reloc_pages, cmp_u64);
    return VSGX_MEASURE_OK;
}

static bool written_by_relocation(const stream_t *s, uint64_t page)
{
    return s->nreloc_pages &&
           bsearch(&page, s->reloc_pages, s->nreloc_pages, sizeof page, cmp_u64) != NULL;
}

/* The loader patches its copy of the file before adding pages: the page at `at` holds the file bytes
 * [lo, lo + n); the patches that fall there are applied to it. */
static void apply_patches(stream_t *s, const vsgx_metadata_t *md, uint64_t lo, uint64_t n, uint64_t at)
{
    for (size_t i = 0; i < md->patch_count; i++) {
        const vsgx_patch_t *p = &md->patches[i];
        uint64_t a = p->dst > lo ? p->dst : lo;
        uint64_t b = p->dst + p->size < lo + n ? p->dst + p->size : lo + n;
        if (a < b)
            page_put(s, (uint32_t)(at + (a - lo)), md->bytes + p->src + (a - p->dst), b - a);
    }
}

/* Whether a metadata patch writes into the file bytes [lo, lo + n). */
static bool patched(const vsgx_metadata_t *md, uint64_t lo, uint64_t n)
{
    for (size_t i = 0; i < md->patch_count; i++)
        if (md->patches[i].dst < lo + n && lo < md->patches[i].dst + md->patches[i].size)
            return true;
    return false;
}

/* Every page of every PT_LOAD segment, from the patched file, in program-header order. A
 * loader gets a whole unpatched file page where it lies in the file, without a copy. */
static vsgx_measure_status_t add_segments(stream_t *s, const vsgx_elf_image_t *elf,
                                          const vsgx_metadata_t *md, size_t *where)
{
    uint64_t prev_end = 0;
    vsgx_measure_status_t st;
    for (size_t i = 0; i < elf->phnum; i++) {
        const vsgx_elf_phdr_t *p = &elf->phdrs[i];
        if (p->type != VSGX_ELF_PT_LOAD)
            continue;
        *where = (size_t)elf->phoff + i * 56;
        uint64_t start = p->vaddr & ~(uint64_t)(PAGE_SIZE - 1);
        uint64_t end = p->vaddr + p->memsz;     /* no overflow: checked by elf_image */
        if (!(p->flags & (VSGX_ELF_PF_R | VSGX_ELF_PF_W | VSGX_ELF_PF_X)) || start < prev_end ||
            end > s->enclave_size)
            return VSGX_MEASURE_BAD_SEGMENT;
        end = (end + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
        if ((st = claim(s, start, (end - start) / PAGE_SIZE, VSGX_MEASURE_BAD_SEGMENT)) != VSGX_MEASURE_OK)
            return st;
        prev_end = end;
        uint64_t flags = VSGX_SECINFO_PT_REG | ((p->flags & VSGX_ELF_PF_R) ? VSGX_SECINFO_R : 0) |
                         ((p->flags & VSGX_ELF_PF_W) ? VSGX_SECINFO_W : 0) |
                         ((p->flags & VSGX_ELF_PF_X) ? VSGX_SECINFO_X : 0);
        for (uint64_t page = start; page < end; page += PAGE_SIZE) {
            /* The file bytes [vaddr, vaddr + filesz) that fall in this page; zeros elsewhere. */
            uint64_t lo = page > p->vaddr ? page : p->vaddr;
            uint64_t hi = page + PAGE_SIZE < p->vaddr + p->filesz ? page + PAGE_SIZE
                                                                 : p->vaddr + p->filesz;
            uint64_t file_lo = p->offset + (lo - p->vaddr);
            const uint8_t *direct = NULL;
            if (s->on_page && lo == page && hi == page + PAGE_SIZE && !patched(md, file_lo, PAGE_SIZE)) {
                direct = elf->data + file_lo;
            } else {
                if (lo != page || hi != page + PAGE_SIZE)
                    page_zero(s);
                if (lo < hi) {
                    page_put(s, (uint32_t)(lo - page), elf->data + file_lo, hi - lo);
                    apply_patches(s, md, file_lo, hi - lo, lo - page);
                }
            }
            uint64_t page_flags = flags | (written_by_relocation(s, page) ? VSGX_SECINFO_W : 0);
            if ((st = add_page(s, page, page_flags, true, direct)) != VSGX_MEASURE_OK)
                return st;
        }
    }
    return VSGX_MEASURE_OK;
}

/* Assembles a layout page: the entry's content (the TCS template, with its base-relative
 * offsets made relative to the TCS page), or its 32-bit fill value, or zeros. */
static void layout_page(stream_t *s, const vsgx_metadata_t *md, const vsgx_layout_t *e, bool tcs,
                        uint64_t rva)
{
    if (e->content_offset) {
        page_zero(s);
        page_put(s, 0, md->bytes + e->content_offset, e->content_size);
        for (size_t f = 0; tcs && f < sizeof tcs_base_relative / sizeof *tcs_base_relative; f++)
            if (tcs_base_relative[f] + 8 <= e->content_size)
                put64(page_at(s, (uint32_t)tcs_base_relative[f]),   /* all in the first slot */
                      get64(page_at(s, (uint32_t)tcs_base_relative[f])) + rva + s->image_offset);
    } else if (e->content_size) {
        uint8_t fill[CHUNK];
        for (size_t i = 0; i < CHUNK; i += 4)
            memcpy(fill + i, &e->content_size, 4);               /* x86-64: little-endian */
        for (uint32_t off = 0; off < PAGE_SIZE; off += CHUNK)
            memcpy(page_at(s, off), fill, CHUNK);
    } else {
        page_zero(s);
    }
}

/* One layout entry's pages at e->rva + delta. */
static vsgx_measure_status_t add_entry(stream_t *s, const vsgx_metadata_t *md,
                                       const vsgx_layout_t *e, uint64_t delta)
{
    vsgx_measure_status_t st;
    if (!(e->attributes & VSGX_PAGE_ATTR_EADD) || e->si_flags == 0)
        return VSGX_MEASURE_OK;
    uint64_t rva = e->rva + delta;
    if (rva < e->rva)
        return VSGX_MEASURE_BAD_LAYOUT;
    if ((st = claim(s, rva, e->page_count, VSGX_MEASURE_BAD_LAYOUT)) != VSGX_MEASURE_OK)
        return st;
    bool extend = (e->attributes & VSGX_PAGE_ATTR_EEXTEND) != 0;
    bool tcs = (e->si_flags & 0xff00) == VSGX_SECINFO_PT_TCS;
    for (uint64_t k = 0; k < e->page_count; k++, rva += PAGE_SIZE) {
        if (extend || s->on_page) /* the contents of a page added without EEXTEND are not measured */
            layout_page(s, md, e, tcs, rva);
        if ((st = add_page(s, rva, e->si_flags, extend, NULL)) != VSGX_MEASURE_OK)
            return st;
    }
    return VSGX_MEASURE_OK;
}

static vsgx_measure_status_t add_layout(stream_t *s, const vsgx_metadata_t *md)
{
    vsgx_measure_status_t st;
    for (size_t i = 0; i < md->layout_count; i++) {
        const vsgx_layout_t *e = &md->layout[i];
        if (!e->group) {
            if ((st = add_entry(s, md, e, 0)) != VSGX_MEASURE_OK)
                return st;
            continue;
        }
        /* metadata.c checked that the group repeats 1..i earlier plain entries. */
        for (uint64_t j = 1; j <= e->load_times; j++) {
            if (e->load_step && j > UINT64_MAX / e->load_step)
                return VSGX_MEASURE_BAD_LAYOUT;
            for (size_t k = i - e->entry_count; k < i; k++)
                if ((st = add_entry(s, md, &md->layout[k], j * e->load_step)) != VSGX_MEASURE_OK)
                    return st;
        }
    }
    return VSGX_MEASURE_OK;
}

/* The whole stream: ECREATE, the segments' pages, the layout's pages; hashed into mrenclave
 * when sha, handed to on_page when set. */
static vsgx_measure_status_t walk(const vsgx_elf_image_t *elf, const vsgx_metadata_t *md, bool sha,
                                  vsgx_page_fn on_page, void *ctx, uint8_t mrenclave[32], size_t *where)
{
    vsgx_measure_status_t st = VSGX_MEASURE_OK;
    size_t at = 0;
    bool textrel = false;
    unsigned int n = 0;
    stream_t *s = calloc(1, sizeof *s);
    if (!s || (sha && !(s->sha = EVP_MD_CTX_new()))) {
        st = VSGX_MEASURE_NO_MEMORY;
        goto out;
    }
    s->on_page = on_page;
    s->on_page_ctx = ctx;
    if (vsgx_elf_has_textrel(elf, &textrel) != VSGX_ELF_OK) {
        st = VSGX_MEASURE_BAD_ELF;
        goto out;
    }
    if (textrel && (st = find_relocated_pages(s, elf)) != VSGX_MEASURE_OK)
        goto out;
    for (size_t i = 0; i < md->patch_count; i++) {
        const vsgx_patch_t *p = &md->patches[i];
        if (p->dst > elf->len || p->size > elf->len - p->dst) {
            at = md->file_offset;
            st = VSGX_MEASURE_BAD_PATCH;
            goto out;
        }
    }
    s->enclave_size = s->secs_size = md->enclave_size;
    if (md->has_elrange) {
        s->secs_size = md->elrange_size;
        s->image_offset = md->enclave_image_address - md->elrange_start_address;
    }
    if (sha && EVP_DigestInit_ex(s->sha, EVP_sha256(), NULL) != 1) {
        st = VSGX_MEASURE_CRYPTO;
        goto out;
    }
    if ((st = ecreate(s, md->ssa_frame_size)) != VSGX_MEASURE_OK ||
        (st = add_segments(s, elf, md, &at)) != VSGX_MEASURE_OK)
        goto out;
    at = md->file_offset;
    if ((st = add_layout(s, md)) != VSGX_MEASURE_OK)
        goto out;
    if (sha && (EVP_DigestFinal_ex(s->sha, mrenclave, &n) != 1 || n != 32))
        st = VSGX_MEASURE_CRYPTO;
out:
    if (st != VSGX_MEASURE_OK && where)
        *where = at;
    if (s) {
        EVP_MD_CTX_free(s->sha);
        free(s->ranges);
        free(s->reloc_pages);
    }
    free(s);
    return st;
}

vsgx_measure_status_t vsgx_measure(const vsgx_elf_image_t *elf, const vsgx_metadata_t *md,
                                   uint8_t mrenclave[32], size_t *where)
{
    return walk(elf, md, true, NULL, NULL, mrenclave, where);
}

vsgx_measure_status_t vsgx_measure_pages(const vsgx_elf_image_t *elf, const vsgx_metadata_t *md, vsgx_page_fn on_page,
                                         void *ctx, size_t *where)
{
    return walk(elf, md, false, on_page, ctx, NULL, where);
}

vsgx_measure_status_t vsgx_measure_load_metadata(const vsgx_elf_image_t *elf,
                                                 vsgx_metadata_t **out,
                                                 vsgx_measure_detail_t *detail)
{
    size_t off = 0, len = 0, where = 0;
    vsgx_elf_status_t es = vsgx_elf_find_note(elf, VSGX_METADATA_NOTE_SECTION,
                                              VSGX_METADATA_NOTE_NAME, VSGX_METADATA_NOTE_TYPE,
                                              &off, &len);
    *out = NULL;
    if (detail)
        detail->elf = es;
    if (es != VSGX_ELF_OK)
        return VSGX_MEASURE_NO_METADATA;
    vsgx_metadata_status_t ms = vsgx_metadata_parse(elf->data, off, len, out, &where);
    if (detail) {
        detail->metadata = ms;
        detail->offset = where;
    }
    if (ms == VSGX_METADATA_NO_MEMORY)
        return VSGX_MEASURE_NO_MEMORY;
    return ms == VSGX_METADATA_OK ? VSGX_MEASURE_OK : VSGX_MEASURE_BAD_METADATA;
}

vsgx_measure_status_t vsgx_measure_file(const uint8_t *file, size_t len, uint8_t mrenclave[32],
                                        vsgx_measure_detail_t *detail)
{
    vsgx_elf_image_t *elf = NULL;
    vsgx_metadata_t *md = NULL;
    vsgx_measure_detail_t d = { VSGX_ELF_OK, VSGX_METADATA_OK, 0 };
    vsgx_measure_status_t st;
    d.elf = vsgx_elf_parse(file, len, &elf, &d.offset);
    if (d.elf != VSGX_ELF_OK) {
        st = d.elf == VSGX_ELF_NO_MEMORY ? VSGX_MEASURE_NO_MEMORY : VSGX_MEASURE_BAD_ELF;
        goto out;
    }
    if ((st = vsgx_measure_load_metadata(elf, &md, &d)) != VSGX_MEASURE_OK)
        goto out;
    st = vsgx_measure(elf, md, mrenclave, &d.offset);
out:
    if (detail)
        *detail = d;
    vsgx_metadata_free(md);
    vsgx_elf_free(elf);
    return st;
}
