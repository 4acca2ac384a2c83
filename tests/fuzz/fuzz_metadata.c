/* fuzz_metadata.c — libFuzzer target for enclave metadata (Intel's metadata_t, the descriptor of
 * the `.note.sgxmeta` note): vsgx_metadata_parse on the input taken as a whole note descriptor at
 * file offset 0. When it parses, the promises of metadata.h are checked: the metadata lies inside
 * the input, every patch source and every layout entry's content lies inside the metadata's own
 * size. Aborts when one is broken; silent on the normal path. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "metadata.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what)
{
    fprintf(stderr, "fuzz_metadata: %s\n", what);
    abort();
}

static void check(const vsgx_metadata_t *md, const uint8_t *data, size_t size)
{
    if (md->bytes != data || md->file_offset != 0 || md->size > size)
        broken("the metadata does not lie inside the input");
    for (size_t i = 0; i < md->patch_count; i++) {
        const vsgx_patch_t *p = &md->patches[i];
        if (p->src > md->size || p->size > md->size - p->src)
            broken("a patch source lies outside the metadata");
    }
    for (size_t i = 0; i < md->layout_count; i++) {
        const vsgx_layout_t *l = &md->layout[i];
        if (!l->group && l->content_offset &&
            (l->content_offset > md->size || l->content_size > md->size - l->content_offset))
            broken("a layout entry's content lies outside the metadata");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    vsgx_metadata_t *md = NULL;
    size_t where = 0;
    vsgx_metadata_status_t st = vsgx_metadata_parse(data, 0, size, &md, &where);
    if (!vsgx_metadata_status_text(st))
        broken("a status without a text");
    if (st == VSGX_METADATA_OK)
        check(md, data, size);
    else if (md)
        broken("a failed parse handed out metadata");
    vsgx_metadata_free(md);
    return 0;
}
