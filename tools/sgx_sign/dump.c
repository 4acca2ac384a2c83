/* dump.c — the text dump of a metadata chain (see dump.h). */
#include "dump.h"

#include <inttypes.h>

static void element(FILE *f, const char *name, uint64_t v)
{
    fprintf(f, "metadata->%s: 0x%" PRIx64 "\n", name, v);
}

static void array(FILE *f, const char *name, const void *p, size_t n)
{
    const uint8_t *b = p;
    fprintf(f, "metadata->%s:", name);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%s0x%02x ", i % 16 ? "" : "\n", b[i]);
    fputc('\n', f);
}

static void sigstruct(FILE *f, const vsgx_sigstruct_t *s)
{
    array(f, "enclave_css.header.header", s->header, sizeof s->header);
    element(f, "enclave_css.header.type", s->type);
    element(f, "enclave_css.header.module_vendor", s->vendor);
    element(f, "enclave_css.header.date", s->date);
    array(f, "enclave_css.header.header2", s->header2, sizeof s->header2);
    element(f, "enclave_css.header.hw_version", s->hw_version);
    array(f, "enclave_css.key.modulus", s->modulus, sizeof s->modulus);
    array(f, "enclave_css.key.exponent", &s->exponent, sizeof s->exponent);
    array(f, "enclave_css.key.signature", s->signature, sizeof s->signature);
    element(f, "enclave_css.body.misc_select", s->misc_select);
    element(f, "enclave_css.body.misc_mask", s->misc_mask);
    array(f, "enclave_css.body.isv_family_id", s->isv_family_id, sizeof s->isv_family_id);
    element(f, "enclave_css.body.attributes.flags", s->attributes.flags);
    element(f, "enclave_css.body.attributes.xfrm", s->attributes.xfrm);
    element(f, "enclave_css.body.attribute_mask.flags", s->attribute_mask.flags);
    element(f, "enclave_css.body.attribute_mask.xfrm", s->attribute_mask.xfrm);
    array(f, "enclave_css.body.enclave_hash.m", s->enclave_hash, sizeof s->enclave_hash);
    array(f, "enclave_css.body.isvext_prod_id", s->isvext_prod_id, sizeof s->isvext_prod_id);
    element(f, "enclave_css.body.isv_prod_id", s->isv_prod_id);
    element(f, "enclave_css.body.isv_svn", s->isv_svn);
    array(f, "enclave_css.buffer.q1", s->q1, sizeof s->q1);
    array(f, "enclave_css.buffer.q2", s->q2, sizeof s->q2);
}

static void mrsigner(FILE *f, const vsgx_sigstruct_t *css)
{
    uint8_t value[32];
    vsgx_sigstruct_mrsigner(css, value);
    fprintf(f, "\nmrsigner->value:");
    for (size_t i = 0; i < sizeof value; i++)
        fprintf(f, "%s0x%02x ", i % 16 ? "" : "\n", value[i]);
    fputc('\n', f);
}

static void form(FILE *f, const vsgx_metadata_t *m)
{
    element(f, "magic_num", VSGX_METADATA_MAGIC);
    element(f, "version", m->version);
    element(f, "size", m->size);
    element(f, "tcs_policy", m->tcs_policy);
    element(f, "ssa_frame_size", m->ssa_frame_size);
    element(f, "max_save_buffer_size", m->max_save_buffer_size);
    element(f, "desired_misc_select", m->desired_misc_select);
    element(f, "tcs_min_pool", m->tcs_min_pool);
    element(f, "enclave_size", m->enclave_size);
    element(f, "attributes.flags", m->attributes.flags);
    element(f, "attributes.xfrm", m->attributes.xfrm);
    sigstruct(f, &m->css);
}

bool dump_metadata(FILE *f, const vsgx_metadata_t *chain)
{
    int n = 0;
    for (const vsgx_metadata_t *m = chain; m; m = m->next, n++) {
        fprintf(f, "%sMetadata %d (version %u.%u)%s:\n", n ? "\n\n" : "", n + 1,
                (unsigned)(m->version >> 32), (unsigned)m->version, n ? ", for older loaders" : "");
        fprintf(f, "========================================\n");
        form(f, m);
    }
    mrsigner(f, &chain->css);
    return !ferror(f);
}

bool dump_sigstruct(FILE *f, const vsgx_sigstruct_t *css)
{
    fprintf(f, "SIGSTRUCT:\n========================================\n");
    sigstruct(f, css);
    mrsigner(f, css);
    return !ferror(f);
}
