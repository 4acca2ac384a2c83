/* enclave_show.c — `vsgx enclave show`: an enclave's SIGSTRUCT (vendor, date, attributes and
 * masks, MISCSELECT and mask, ISVPRODID, ISVSVN, KSS ids, MRENCLAVE, MRSIGNER) and its metadata
 * (version, the forms of its chain, sizes, TCS policy, ELRANGE, layout and patch tables), as
 * text or JSON. The metadata shown is the first form of the chain. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "elf_image.h"
#include "measure.h"

static const char HELP[] =
    "usage: vsgx enclave show ENCLAVE|SIGSTRUCT [--json]\n"
    "\n"
    "Prints the SIGSTRUCT of a signed enclave (or of a bare 1808-byte SIGSTRUCT file) (vendor, date, attributes and masks, MISCSELECT and\n"
    "mask, ISVPRODID, ISVSVN, KSS ids, MRENCLAVE, MRSIGNER) and its metadata (version, enclave\n"
    "size, TCS policy, SSA frame size, layout table, patch table). Exit status: 0 printed, 2 the\n"
    "file is not a signed enclave (the failing field and its offset are named).\n";

static json_t *hex64(uint64_t v)
{
    char s[19];
    snprintf(s, sizeof s, "0x%016llx", (unsigned long long)v);
    return json_string(s);
}

static json_t *sigstruct_json(const vsgx_sigstruct_t *s)
{
    uint8_t mrsigner[32];
    char date[11];
    vsgx_sigstruct_mrsigner(s, mrsigner);
    snprintf(date, sizeof date, "%04x-%02x-%02x", s->date >> 16, (s->date >> 8) & 0xFF, s->date & 0xFF);
    json_t *o = json_object();
    json_object_set_new(o, "vendor", json_integer(s->vendor));
    json_object_set_new(o, "date", json_string(date));
    json_object_set_new(o, "release", json_boolean(s->type & 0x80000000u));
    json_object_set_new(o, "hw_version", json_integer(s->hw_version));
    json_object_set_new(o, "attributes_flags", hex64(s->attributes.flags));
    json_object_set_new(o, "attributes_xfrm", hex64(s->attributes.xfrm));
    json_object_set_new(o, "attribute_mask_flags", hex64(s->attribute_mask.flags));
    json_object_set_new(o, "attribute_mask_xfrm", hex64(s->attribute_mask.xfrm));
    json_object_set_new(o, "misc_select", json_integer(s->misc_select));
    json_object_set_new(o, "misc_mask", json_integer(s->misc_mask));
    json_object_set_new(o, "isv_prod_id", json_integer(s->isv_prod_id));
    json_object_set_new(o, "isv_svn", json_integer(s->isv_svn));
    json_object_set_new(o, "isv_family_id", cli_hex(s->isv_family_id, 16));
    json_object_set_new(o, "isvext_prod_id", cli_hex(s->isvext_prod_id, 16));
    json_object_set_new(o, "mrenclave", cli_hex(s->enclave_hash, 32));
    json_object_set_new(o, "mrsigner", cli_hex(mrsigner, 32));
    return o;
}

static json_t *metadata_json(const vsgx_metadata_t *md)
{
    json_t *o = json_object();
    char version[24];
    snprintf(version, sizeof version, "%u.%u", (unsigned)(md->version >> 32), (unsigned)md->version);
    json_object_set_new(o, "version", json_string(version));
    /* the chain: this form, then the forms for older loaders that follow it */
    json_t *forms = json_array();
    for (const vsgx_metadata_t *m = md; m; m = m->next) {
        snprintf(version, sizeof version, "%u.%u", (unsigned)(m->version >> 32), (unsigned)m->version);
        json_array_append_new(forms, json_string(version));
    }
    json_object_set_new(o, "forms", forms);
    if (md->has_elrange)
        json_object_set_new(o, "elrange", json_pack("{s:o,s:o,s:o}", "image_address", hex64(md->enclave_image_address),
                                                     "start", hex64(md->elrange_start_address), "size",
                                                     hex64(md->elrange_size)));
    json_object_set_new(o, "size", json_integer(md->size));
    json_object_set_new(o, "enclave_size", hex64(md->enclave_size));
    json_object_set_new(o, "tcs_policy", json_string(md->tcs_policy == 0 ? "bound" : "unbound"));
    json_object_set_new(o, "ssa_frame_size", json_integer(md->ssa_frame_size));
    json_object_set_new(o, "max_save_buffer_size", json_integer(md->max_save_buffer_size));
    json_object_set_new(o, "desired_misc_select", json_integer(md->desired_misc_select));
    json_object_set_new(o, "tcs_min_pool", json_integer(md->tcs_min_pool));
    json_object_set_new(o, "attributes_flags", hex64(md->attributes.flags));
    json_object_set_new(o, "attributes_xfrm", hex64(md->attributes.xfrm));
    json_t *layout = json_array();
    for (size_t i = 0; i < md->layout_count; i++) {
        const vsgx_layout_t *l = &md->layout[i];
        json_t *e = l->group ? json_pack("{s:i,s:b,s:i,s:I,s:o}", "id", l->id, "group", 1, "entry_count",
                                         l->entry_count, "load_times", (json_int_t)l->load_times, "load_step",
                                         hex64(l->load_step))
                             : json_pack("{s:i,s:b,s:i,s:I,s:o,s:I,s:I,s:o}", "id", l->id, "group", 0,
                                         "attributes", l->attributes, "page_count", (json_int_t)l->page_count,
                                         "rva", hex64(l->rva), "content_size", (json_int_t)l->content_size,
                                         "content_offset", (json_int_t)l->content_offset, "si_flags",
                                         hex64(l->si_flags));
        json_array_append_new(layout, e);
    }
    json_object_set_new(o, "layout", layout);
    json_t *patches = json_array();
    for (size_t i = 0; i < md->patch_count; i++)
        json_array_append_new(patches, json_pack("{s:o,s:I,s:I}", "dst", hex64(md->patches[i].dst), "src",
                                                 (json_int_t)md->patches[i].src, "size",
                                                 (json_int_t)md->patches[i].size));
    json_object_set_new(o, "patches", patches);
    return o;
}

int cmd_enclave_show(int argc, char **argv)
{
    const char *path = NULL;
    bool as_json = false;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(HELP, stdout);
            return EXIT_OK;
        } else if (!strcmp(argv[i], "--json")) {
            as_json = true;
        } else if (argv[i][0] != '-' && !path) {
            path = argv[i];
        } else {
            fprintf(stderr, "vsgx enclave show: unexpected argument %s\n%s", argv[i], HELP);
            return EXIT_INVALID;
        }
    }
    if (!path) {
        fputs(HELP, stderr);
        return EXIT_INVALID;
    }
    uint8_t *data;
    size_t len;
    if (!cli_read_file(path, 512u << 20, &data, &len))
        return EXIT_INVALID;
    int rc = EXIT_INVALID;
    vsgx_elf_image_t *elf = NULL;
    vsgx_metadata_t *md = NULL;
    vsgx_measure_detail_t d = { 0 };
    if (len == VSGX_SIGSTRUCT_SIZE && data[0] == 0x06 && data[4] == 0xE1) { /* a bare SIGSTRUCT */
        vsgx_sigstruct_t css;
        memcpy(&css, data, sizeof css);
        json_t *doc = json_object();
        json_object_set_new(doc, "sigstruct", sigstruct_json(&css));
        cli_print(doc, as_json);
        free(data);
        return EXIT_OK;
    }
    vsgx_elf_status_t est = vsgx_elf_parse(data, len, &elf, &d.offset);
    if (est != VSGX_ELF_OK)
        fprintf(stderr, "vsgx enclave show: %s: %s (at file offset %zu)\n", path, vsgx_elf_status_text(est), d.offset);
    else if (vsgx_measure_load_metadata(elf, &md, &d) != VSGX_MEASURE_OK)
        fprintf(stderr, "vsgx enclave show: %s: metadata: %s (at file offset %zu)\n", path,
                vsgx_metadata_status_text(d.metadata), d.offset);
    else {
        json_t *doc = json_object();
        json_object_set_new(doc, "sigstruct", sigstruct_json(&md->css));
        json_object_set_new(doc, "metadata", metadata_json(md));
        cli_print(doc, as_json);
        rc = EXIT_OK;
    }
    vsgx_metadata_free(md);
    vsgx_elf_free(elf);
    free(data);
    return rc;
}
