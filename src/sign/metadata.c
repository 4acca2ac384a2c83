/* metadata.c — reading Intel's enclave metadata (see metadata.h). */
#include "metadata.h"

#include <stdlib.h>
#include <string.h>

#include "cursor.h"

#define ENTRY_SIZE 32
#define PAGE_SIZE 4096

const char *vsgx_metadata_status_text(vsgx_metadata_status_t s)
{
    switch (s) {
    case VSGX_METADATA_OK: return "the metadata is well formed";
    case VSGX_METADATA_TRUNCATED: return "the metadata is truncated";
    case VSGX_METADATA_BAD_MAGIC: return "the metadata magic number is wrong";
    case VSGX_METADATA_BAD_VERSION: return "the metadata version is not one this reader knows (1.3-1.x, 2.x, 3.x, 11.x, 13.x)";
    case VSGX_METADATA_BAD_SIZE: return "the metadata size is below its header or beyond its note";
    case VSGX_METADATA_BAD_ENCLAVE: return "the enclave size or SSA frame size is invalid";
    case VSGX_METADATA_BAD_DIRECTORY: return "a metadata data directory lies outside the metadata";
    case VSGX_METADATA_BAD_LAYOUT: return "a layout entry's content lies outside the metadata";
    case VSGX_METADATA_BAD_GROUP: return "a layout group repeats an impossible range of entries";
    case VSGX_METADATA_BAD_PATCH: return "a patch entry's source lies outside the metadata";
    case VSGX_METADATA_BAD_ELRANGE: return "the ELRANGE entry is missing or does not describe a valid range";
    case VSGX_METADATA_NO_MEMORY: return "out of memory";
    }
    return "unknown metadata status";
}

static bool inside(uint32_t off, uint32_t n, uint32_t size)
{
    return off <= size && n <= size - off;
}

uint32_t vsgx_metadata_header_size(uint64_t version)
{
    uint32_t major = (uint32_t)(version >> 32), minor = (uint32_t)version;
    switch (major) {
    case 1: return minor >= 5 ? VSGX_METADATA_HEADER_SIZE_4DIRS
                 : minor >= 3 ? VSGX_METADATA_HEADER_SIZE_2DIRS : 0;
    case 2: return VSGX_METADATA_HEADER_SIZE_2DIRS;
    case 3: case 11: case 13: return VSGX_METADATA_HEADER_SIZE_4DIRS;
    default: return 0;
    }
}

/* A directory {offset, size} of whole 32-byte entries inside the metadata: a cursor over it. */
static bool directory(vsgx_cursor_t *hdr, const vsgx_metadata_t *md, vsgx_cursor_t *table,
                      size_t *count)
{
    uint32_t off, n;
    if (!vsgx_cursor_u32le(hdr, &off) || !vsgx_cursor_u32le(hdr, &n))
        return false;
    if (n % ENTRY_SIZE || !inside(off, n, md->size) ||
        (n && off < vsgx_metadata_header_size(md->version)))
        return false;
    *table = vsgx_cursor(md->bytes + off, n);
    table->offset = md->file_offset + off;
    *count = n / ENTRY_SIZE;
    return true;
}

static vsgx_metadata_status_t read_patches(vsgx_cursor_t c, vsgx_metadata_t *md, size_t *where)
{
    for (size_t i = 0; i < md->patch_count; i++) {
        vsgx_patch_t *p = &md->patches[i];
        *where = c.offset;
        if (!vsgx_cursor_u64le(&c, &p->dst) || !vsgx_cursor_u32le(&c, &p->src) ||
            !vsgx_cursor_u32le(&c, &p->size) || !vsgx_cursor_skip(&c, 16))
            return VSGX_METADATA_TRUNCATED;
        if (!inside(p->src, p->size, md->size))
            return VSGX_METADATA_BAD_PATCH;
    }
    return VSGX_METADATA_OK;
}

static vsgx_metadata_status_t read_layout(vsgx_cursor_t c, vsgx_metadata_t *md, size_t *where)
{
    for (size_t i = 0; i < md->layout_count; i++) {
        vsgx_layout_t *e = &md->layout[i];
        *where = c.offset;
        if (!vsgx_cursor_u16le(&c, &e->id))
            return VSGX_METADATA_TRUNCATED;
        e->group = (e->id & VSGX_LAYOUT_GROUP_BIT) != 0;
        if (e->group) {
            if (!vsgx_cursor_u16le(&c, &e->entry_count) || !vsgx_cursor_u32le(&c, &e->load_times) ||
                !vsgx_cursor_u64le(&c, &e->load_step) || !vsgx_cursor_skip(&c, 16))
                return VSGX_METADATA_TRUNCATED;
            /* It repeats earlier plain entries only (Intel's layouts never nest groups). */
            if (e->entry_count == 0 || e->entry_count > i)
                return VSGX_METADATA_BAD_GROUP;
            for (size_t k = i - e->entry_count; k < i; k++)
                if (md->layout[k].group)
                    return VSGX_METADATA_BAD_GROUP;
            continue;
        }
        if (!vsgx_cursor_u16le(&c, &e->attributes) || !vsgx_cursor_u32le(&c, &e->page_count) ||
            !vsgx_cursor_u64le(&c, &e->rva) || !vsgx_cursor_u32le(&c, &e->content_size) ||
            !vsgx_cursor_u32le(&c, &e->content_offset) || !vsgx_cursor_u64le(&c, &e->si_flags))
            return VSGX_METADATA_TRUNCATED;
        if (e->content_offset &&
            (e->content_size > PAGE_SIZE || !inside(e->content_offset, e->content_size, md->size)))
            return VSGX_METADATA_BAD_LAYOUT;
    }
    return VSGX_METADATA_OK;
}

/* The ELRANGE and EXTEND directories of a 4-directory metadata. ELRANGE versions (major 11, 13)
 * must carry the 24-byte entry {image address, range start, range size}. */
static vsgx_metadata_status_t read_elrange(vsgx_cursor_t *hdr, vsgx_metadata_t *md, size_t *where)
{
    uint32_t off, n, ext_off, ext_n;
    *where = hdr->offset;
    if (!vsgx_cursor_u32le(hdr, &off) || !vsgx_cursor_u32le(hdr, &n) ||
        !vsgx_cursor_u32le(hdr, &ext_off) || !vsgx_cursor_u32le(hdr, &ext_n))
        return VSGX_METADATA_TRUNCATED;
    if (!inside(off, n, md->size) || !inside(ext_off, ext_n, md->size))
        return VSGX_METADATA_BAD_DIRECTORY;
    if ((md->version >> 32) < VSGX_METADATA_ELRANGE_MAJOR_GAP)
        return VSGX_METADATA_OK;
    if (n < 24)
        return VSGX_METADATA_BAD_ELRANGE;
    vsgx_cursor_t e = vsgx_cursor(md->bytes + off, n);
    vsgx_cursor_u64le(&e, &md->enclave_image_address);
    vsgx_cursor_u64le(&e, &md->elrange_start_address);
    vsgx_cursor_u64le(&e, &md->elrange_size);
    uint64_t sz = md->elrange_size, start = md->elrange_start_address, img = md->enclave_image_address;
    if (sz < 2 * PAGE_SIZE || (sz & (sz - 1)) || start % sz || img % PAGE_SIZE || img < start ||
        img - start > sz || md->enclave_size > sz - (img - start))
        return VSGX_METADATA_BAD_ELRANGE;
    md->has_elrange = true;
    return VSGX_METADATA_OK;
}

static vsgx_metadata_status_t parse(vsgx_cursor_t c, vsgx_metadata_t *md, size_t len,
                                    size_t *where)
{
    uint64_t magic;
    size_t at_size;
    vsgx_metadata_status_t st;
    *where = c.offset;
    if (!vsgx_cursor_u64le(&c, &magic))
        return VSGX_METADATA_TRUNCATED;
    if (magic != VSGX_METADATA_MAGIC)
        return VSGX_METADATA_BAD_MAGIC;
    *where = c.offset;
    if (!vsgx_cursor_u64le(&c, &md->version))
        return VSGX_METADATA_TRUNCATED;
    uint32_t header_size = vsgx_metadata_header_size(md->version);
    if (!header_size)
        return VSGX_METADATA_BAD_VERSION;
    at_size = *where = c.offset;
    if (!vsgx_cursor_u32le(&c, &md->size))
        return VSGX_METADATA_TRUNCATED;
    if (md->size < header_size || md->size > len)
        return VSGX_METADATA_BAD_SIZE;
    *where = c.offset;
    if (!vsgx_cursor_u32le(&c, &md->tcs_policy) || !vsgx_cursor_u32le(&c, &md->ssa_frame_size) ||
        !vsgx_cursor_u32le(&c, &md->max_save_buffer_size) ||
        !vsgx_cursor_u32le(&c, &md->desired_misc_select) ||
        !vsgx_cursor_u32le(&c, &md->tcs_min_pool) || !vsgx_cursor_u64le(&c, &md->enclave_size) ||
        !vsgx_cursor_u64le(&c, &md->attributes.flags) || !vsgx_cursor_u64le(&c, &md->attributes.xfrm) ||
        !vsgx_cursor_copy(&c, &md->css, sizeof md->css))
        return VSGX_METADATA_TRUNCATED;
    *where = at_size + 8;
    if (md->ssa_frame_size < 1 || md->ssa_frame_size > 4)
        return VSGX_METADATA_BAD_ENCLAVE;
    *where = at_size + 24;
    if (md->enclave_size < 2 * PAGE_SIZE || (md->enclave_size & (md->enclave_size - 1)))
        return VSGX_METADATA_BAD_ENCLAVE;

    vsgx_cursor_t patch, layout;
    *where = c.offset;
    if (!directory(&c, md, &patch, &md->patch_count))
        return VSGX_METADATA_BAD_DIRECTORY;
    *where = c.offset;
    if (!directory(&c, md, &layout, &md->layout_count))
        return VSGX_METADATA_BAD_DIRECTORY;
    if (header_size == VSGX_METADATA_HEADER_SIZE_4DIRS &&
        (st = read_elrange(&c, md, where)) != VSGX_METADATA_OK)
        return st;
    md->patches = calloc(md->patch_count ? md->patch_count : 1, sizeof *md->patches);
    md->layout = calloc(md->layout_count ? md->layout_count : 1, sizeof *md->layout);
    if (!md->patches || !md->layout)
        return VSGX_METADATA_NO_MEMORY;
    if ((st = read_patches(patch, md, where)) != VSGX_METADATA_OK)
        return st;
    return read_layout(layout, md, where);
}

/* One metadata at file[offset, offset + len). */
static vsgx_metadata_status_t parse_one(const uint8_t *file, size_t offset, size_t len,
                                        vsgx_metadata_t **out, size_t *at)
{
    vsgx_metadata_t *md = calloc(1, sizeof *md);
    *out = md;
    if (!md)
        return VSGX_METADATA_NO_MEMORY;
    md->bytes = file + offset;
    md->file_offset = offset;
    vsgx_cursor_t c = vsgx_cursor(file + offset, len);
    c.offset = offset;
    return parse(c, md, len, at);
}

static bool magic_at(const uint8_t *p)
{
    uint64_t magic = 0;
    for (int i = 7; i >= 0; i--)
        magic = magic << 8 | p[i];
    return magic == VSGX_METADATA_MAGIC;
}

vsgx_metadata_status_t vsgx_metadata_parse(const uint8_t *file, size_t offset, size_t len,
                                           vsgx_metadata_t **out, size_t *where)
{
    size_t at = offset, used = 0;
    vsgx_metadata_status_t st = VSGX_METADATA_OK;
    vsgx_metadata_t *first = NULL, **link = &first;
    /* The first form, then further ones while there is room for a magic number that matches. */
    for (int n = 0; n < VSGX_METADATA_CHAIN_MAX; n++) {
        if (n > 0 && (len - used < 8 || !magic_at(file + offset + used)))
            break;
        st = parse_one(file, offset + used, len - used, link, &at);
        if (st != VSGX_METADATA_OK)
            break;
        used += (*link)->size;
        link = &(*link)->next;
    }
    if (st != VSGX_METADATA_OK) {
        if (where)
            *where = at;
        vsgx_metadata_free(first);
        first = NULL;
    }
    *out = first;
    return st;
}

void vsgx_metadata_free(vsgx_metadata_t *md)
{
    while (md) {
        vsgx_metadata_t *next = md->next;
        free(md->patches);
        free(md->layout);
        free(md);
        md = next;
    }
}
