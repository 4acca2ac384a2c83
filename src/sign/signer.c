/* signer.c — sign, gendata and catsig over an enclave file (see signer.h). */
#include "signer.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf_dynamic.h"
#include "elf_image.h"
#include "elf_rules.h"
#include "elf_symbols.h"
#include "layout.h"
#include "measure.h"
#include "metadata.h"
#include "metadata_build.h"
#include "thread_templates.h"

#define PAGE 4096u

typedef struct {
    const vsgx_sign_request_t *req;
    vsgx_signer_error_t *err;
    const uint8_t *file;                /* the input */
    uint8_t *note;                      /* the new .note.sgxmeta descriptor (note_len bytes) */
    vsgx_elf_image_t *elf;              /* over `file` */
    size_t note_off, note_len;
    vsgx_sigstruct_t css;
    bool kept;
} job_t;

const char *vsgx_signer_status_text(vsgx_signer_status_t s)
{
    switch (s) {
    case VSGX_SIGNER_OK: return "signed";
    case VSGX_SIGNER_BAD_ELF: return "not a valid enclave ELF file";
    case VSGX_SIGNER_ELF_RULE: return "the ELF file breaks an enclave rule";
    case VSGX_SIGNER_NO_NOTE: return "no .note.sgxmeta note for the metadata";
    case VSGX_SIGNER_ALREADY_SIGNED: return "the enclave is already signed";
    case VSGX_SIGNER_RUNTIME: return "the enclave was not built against the vsgx trusted runtime";
    case VSGX_SIGNER_CONFIG: return "the configuration does not hold for this enclave";
    case VSGX_SIGNER_LAYOUT: return "the enclave cannot be laid out";
    case VSGX_SIGNER_METADATA: return "the enclave's existing metadata is unusable";
    case VSGX_SIGNER_MEASURE: return "the enclave could not be measured";
    case VSGX_SIGNER_UNSIGNED_DATA: return "the signing data does not match this enclave";
    case VSGX_SIGNER_SIGNATURE: return "the signature could not be made or does not verify";
    case VSGX_SIGNER_NO_MEMORY: return "out of memory";
    }
    return "unknown signer status";
}

__attribute__((format(printf, 4, 5)))
static vsgx_signer_status_t fail(job_t *j, vsgx_signer_status_t st, size_t offset, const char *fmt, ...)
{
    va_list ap;
    j->err->status = st;
    j->err->offset = offset;
    va_start(ap, fmt);
    vsnprintf(j->err->message, sizeof j->err->message, fmt, ap);
    va_end(ap);
    return st;
}

static uint64_t get64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static vsgx_signer_status_t open_elf(job_t *j)
{
    size_t where = 0;
    vsgx_elf_status_t es = vsgx_elf_parse(j->file, j->req->enclave_len, &j->elf, &where);
    if (es == VSGX_ELF_NO_MEMORY)
        return fail(j, VSGX_SIGNER_NO_MEMORY, 0, "out of memory");
    if (es != VSGX_ELF_OK)
        return fail(j, VSGX_SIGNER_BAD_ELF, where, "%s (at file offset 0x%zx)", vsgx_elf_status_text(es), where);
    vsgx_elf_rules_options_t opt = { .ignore_rel_error = j->req->ignore_rel_error,
                                     .ignore_init_sec_error = j->req->ignore_init_sec_error };
    vsgx_elf_rule_failure_t rf;
    if (vsgx_elf_check_enclave(j->elf, &opt, &rf) != VSGX_ELF_RULE_OK)
        return fail(j, VSGX_SIGNER_ELF_RULE, rf.offset, "%s", rf.message);
    es = vsgx_elf_find_note(j->elf, VSGX_METADATA_NOTE_SECTION, VSGX_METADATA_NOTE_NAME,
                            VSGX_METADATA_NOTE_TYPE, &j->note_off, &j->note_len);
    if (es != VSGX_ELF_OK)
        return fail(j, VSGX_SIGNER_NO_NOTE, 0,
                    "no usable .note.sgxmeta note (name \"sgx_metadata\", type 1): %s; an enclave must be linked with the runtime's metadata section",
                    vsgx_elf_status_text(es));
    return VSGX_SIGNER_OK;
}

/* g_global_data must be the vsgx runtime's: its size and its version field. */
static vsgx_signer_status_t find_global_data(job_t *j, size_t *file_offset)
{
    uint64_t value = 0, size = 0;
    if (vsgx_elf_find_symbol(j->elf, "g_global_data", &value, &size) != VSGX_ELF_OK)
        return fail(j, VSGX_SIGNER_RUNTIME, 0, "the enclave defines no g_global_data symbol: it was not linked with the vsgx trusted runtime");
    if (size != sizeof(vsgx_global_data_t) ||
        !vsgx_elf_vaddr_to_offset(j->elf, value, size, file_offset, NULL))
        return fail(j, VSGX_SIGNER_RUNTIME, 0,
                    "g_global_data is %llu bytes where the vsgx runtime's is %zu (or it is not initialised data): the enclave was built against another runtime; an enclave signed by Intel's SDK can only be re-signed with -resign and no -config",
                    (unsigned long long)size, sizeof(vsgx_global_data_t));
    uint64_t version = get64(j->file + *file_offset);
    if (version != VSGX_GLOBAL_DATA_VERSION)
        return fail(j, VSGX_SIGNER_RUNTIME, *file_offset,
                    "g_global_data.sdk_version is 0x%016llx, not the vsgx runtime's 0x%016llx: rebuild the enclave against this runtime",
                    (unsigned long long)version, (unsigned long long)VSGX_GLOBAL_DATA_VERSION);
    return VSGX_SIGNER_OK;
}

static uint64_t image_end(const vsgx_elf_image_t *elf)
{
    uint64_t end = 0;
    for (size_t i = 0; i < elf->phnum; i++)
        if (elf->phdrs[i].type == VSGX_ELF_PT_LOAD && elf->phdrs[i].vaddr + elf->phdrs[i].memsz > end)
            end = elf->phdrs[i].vaddr + elf->phdrs[i].memsz;
    return (end + PAGE - 1) & ~(uint64_t)(PAGE - 1);
}

static vsgx_signer_status_t tls_size(job_t *j, uint64_t *size)
{
    uint64_t memsz = 0, align = 0;
    if (vsgx_elf_tls(j->elf, &memsz, &align) != VSGX_ELF_OK)
        return fail(j, VSGX_SIGNER_BAD_ELF, 0, "the PT_TLS segment is malformed");
    if (align > 1)
        memsz = (memsz + align - 1) & ~(align - 1);
    *size = memsz;
    return VSGX_SIGNER_OK;
}

/* Lays out the enclave from its configuration and writes the metadata into the note. */
static vsgx_signer_status_t build_metadata(job_t *j, const vsgx_enclave_config_t *given)
{
    vsgx_enclave_config_t resolved = *given, *c = &resolved;
    vsgx_enclave_config_resolve(c);
    vsgx_signer_status_t st;
    vsgx_config_error_t ce;
    size_t gd_off = 0;
    uint64_t tls = 0, entry = 0;
    char msg[256];
    if (vsgx_enclave_config_validate(c, &ce) != VSGX_CONFIG_OK)
        return fail(j, VSGX_SIGNER_CONFIG, 0, "%s", ce.message);
    if (c->user_region_size)
        return fail(j, VSGX_SIGNER_CONFIG, 0, "UserRegionSize: EDMM user regions are not laid out by vsgx's signer yet");
    if ((st = find_global_data(j, &gd_off)) != VSGX_SIGNER_OK || (st = tls_size(j, &tls)) != VSGX_SIGNER_OK)
        return st;
    if (vsgx_elf_find_symbol(j->elf, "enclave_entry", &entry, NULL) != VSGX_ELF_OK)
        entry = j->elf->entry;
    vsgx_sigstruct_from_config(c, j->req->date ? j->req->date : vsgx_sigstruct_date_now(), &j->css);
    uint64_t xfrm = vsgx_sigstruct_required_xfrm(&j->css);
    vsgx_enclave_layout_t l;
    vsgx_layout_status_t ls = vsgx_layout_build(c, image_end(j->elf), tls, vsgx_ssa_frame_pages(xfrm), &l);
    if (ls != VSGX_LAYOUT_OK)
        return fail(j, ls == VSGX_LAYOUT_NO_MEMORY ? VSGX_SIGNER_NO_MEMORY : VSGX_SIGNER_LAYOUT, 0, "%s",
                    vsgx_layout_status_text(ls));
    uint8_t tcs[VSGX_TCS_TEMPLATE_SIZE];
    vsgx_global_data_t gd;
    vsgx_metadata_spec_t spec = { .config = c, .layout = &l, .css = &j->css, .tcs_template = tcs,
                                  .global_data = &gd, .global_data_file_offset = gd_off,
                                  .xsave_size = vsgx_xsave_size(xfrm) };
    vsgx_metadata_forms(c, &spec.sgx2, &spec.sgx1);
    vsgx_tcs_template(&l, entry, c->enable_aex_notify, tcs);
    if (vsgx_enclave_config_check_elrange(c, l.enclave_size, &ce) != VSGX_CONFIG_OK)
        st = fail(j, VSGX_SIGNER_CONFIG, 0, "%s", ce.message);
    else if (!vsgx_global_data_build(&l, c, tcs, tls, spec.xsave_size, &gd))
        st = fail(j, VSGX_SIGNER_LAYOUT, 0, "the layout has more than %d entries, more than g_global_data holds",
                  VSGX_GLOBAL_DATA_LAYOUT_MAX);
    else if (!vsgx_metadata_write(&spec, j->note, j->note_len, msg, sizeof msg))
        st = fail(j, VSGX_SIGNER_LAYOUT, j->note_off, "%s", msg);
    vsgx_layout_free(&l);
    return st;
}

/* The metadata chain as it now stands in the note (offsets relative to the note). */
static vsgx_signer_status_t read_note(job_t *j, vsgx_metadata_t **md)
{
    size_t where = 0;
    vsgx_metadata_status_t ms = vsgx_metadata_parse(j->note, 0, j->note_len, md, &where);
    if (ms == VSGX_METADATA_NO_MEMORY)
        return fail(j, VSGX_SIGNER_NO_MEMORY, 0, "out of memory");
    if (ms != VSGX_METADATA_OK)
        return fail(j, VSGX_SIGNER_METADATA, j->note_off + where, "the metadata cannot be read: %s (at file offset 0x%zx)",
                    vsgx_metadata_status_text(ms), j->note_off + where);
    return VSGX_SIGNER_OK;
}

/* Re-signing without a configuration: the metadata stays; the SIGSTRUCT body (date included) too. */
static vsgx_signer_status_t keep_metadata(job_t *j)
{
    vsgx_metadata_t *md = NULL;
    vsgx_signer_status_t st = read_note(j, &md);
    if (st != VSGX_SIGNER_OK)
        return st;
    j->css = md->css;
    j->kept = true;
    vsgx_metadata_free(md);
    return VSGX_SIGNER_OK;
}

static vsgx_signer_status_t measure(job_t *j, uint8_t mrenclave[32])
{
    vsgx_metadata_t *md = NULL;
    size_t where = 0;
    vsgx_signer_status_t st = read_note(j, &md);
    if (st != VSGX_SIGNER_OK)
        return st;
    vsgx_measure_status_t ms = vsgx_measure(j->elf, md, mrenclave, &where);
    vsgx_metadata_free(md);
    if (ms == VSGX_MEASURE_NO_MEMORY)
        return fail(j, VSGX_SIGNER_NO_MEMORY, 0, "out of memory");
    if (ms != VSGX_MEASURE_OK)
        return fail(j, VSGX_SIGNER_MEASURE, where, "%s (at file offset 0x%zx)", vsgx_measure_status_text(ms), where);
    return VSGX_SIGNER_OK;
}

/* catsig: the signing data must be this enclave's, dated when gendata ran. */
static vsgx_signer_status_t check_signing_data(job_t *j)
{
    uint8_t mine[VSGX_SIGNING_DATA_SIZE];
    const uint8_t *theirs = j->req->signing_data;
    memcpy(&j->css.date, theirs + offsetof(vsgx_sigstruct_t, date), sizeof j->css.date);
    vsgx_sigstruct_signing_data(&j->css, mine);
    for (size_t i = 0; i < sizeof mine; i++)
        if (mine[i] != theirs[i])
            return fail(j, VSGX_SIGNER_UNSIGNED_DATA, i,
                        "the signing data differs from this enclave's at byte %zu (%s): it was made from another enclave or configuration",
                        i, i < 128 ? "header" : i >= 128 + 32 && i < 128 + 64 ? "ENCLAVEHASH" : "body");
    return VSGX_SIGNER_OK;
}

static vsgx_signer_status_t finish(job_t *j, vsgx_sign_result_t *out)
{
    char msg[256];
    const vsgx_sign_request_t *r = j->req;
    if (r->mode == VSGX_SIGN_MODE_GENDATA) {
        vsgx_sigstruct_signing_data(&j->css, out->signing_data);
        return VSGX_SIGNER_OK;
    }
    if (r->mode == VSGX_SIGN_MODE_CATSIG) {
        vsgx_signer_status_t st = check_signing_data(j);
        if (st != VSGX_SIGNER_OK)
            return st;
        if (!vsgx_sigstruct_attach(&j->css, r->public_modulus, r->signature, msg, sizeof msg))
            return fail(j, VSGX_SIGNER_SIGNATURE, 0, "%s", msg);
    } else if (!vsgx_sigstruct_sign(&j->css, r->private_key, msg, sizeof msg)) {
        return fail(j, VSGX_SIGNER_SIGNATURE, 0, "%s", msg);
    }
    /* Every metadata of the chain carries the SIGSTRUCT. */
    vsgx_metadata_t *md = NULL;
    vsgx_signer_status_t st = read_note(j, &md);
    if (st != VSGX_SIGNER_OK)
        return st;
    for (vsgx_metadata_t *m = md; m; m = m->next)
        memcpy(j->note + m->file_offset + 64, &j->css, sizeof j->css);
    vsgx_metadata_free(md);
    return VSGX_SIGNER_OK;
}

/* The whole signed file: the input with the new note. */
static vsgx_signer_status_t assemble(job_t *j, vsgx_sign_result_t *out)
{
    size_t len = j->req->enclave_len;
    if (!(out->file = malloc(len)))
        return fail(j, VSGX_SIGNER_NO_MEMORY, 0, "out of memory");
    memcpy(out->file, j->file, j->note_off);
    memcpy(out->file + j->note_off, j->note, j->note_len);
    memcpy(out->file + j->note_off + j->note_len, j->file + j->note_off + j->note_len,
           len - j->note_off - j->note_len);
    out->len = len;
    return VSGX_SIGNER_OK;
}

vsgx_signer_status_t vsgx_sign_enclave(const vsgx_sign_request_t *req, vsgx_sign_result_t *out,
                                       vsgx_signer_error_t *err)
{
    job_t j = { .req = req, .err = err, .file = req->enclave };
    vsgx_signer_status_t st;
    memset(out, 0, sizeof *out);
    memset(err, 0, sizeof *err);
    if ((st = open_elf(&j)) != VSGX_SIGNER_OK)
        goto out;
    if (!(j.note = malloc(j.note_len ? j.note_len : 1))) {
        st = fail(&j, VSGX_SIGNER_NO_MEMORY, 0, "out of memory");
        goto out;
    }
    memcpy(j.note, j.file + j.note_off, j.note_len);
    bool is_signed = j.note_len >= 8 && get64(j.note) == VSGX_METADATA_MAGIC;
    if (is_signed && !req->resign) {
        st = fail(&j, VSGX_SIGNER_ALREADY_SIGNED, j.note_off,
                  "the enclave is already signed (its .note.sgxmeta holds metadata); use -resign to sign it again");
        goto out;
    }
    vsgx_enclave_config_t defaults;
    vsgx_enclave_config_defaults(&defaults);
    st = is_signed && !req->config ? keep_metadata(&j) : build_metadata(&j, req->config ? req->config : &defaults);
    if (st != VSGX_SIGNER_OK || (st = measure(&j, out->mrenclave)) != VSGX_SIGNER_OK)
        goto out;
    memcpy(j.css.enclave_hash, out->mrenclave, 32);
    if ((st = finish(&j, out)) != VSGX_SIGNER_OK)
        goto out;
    out->css = j.css;
    out->kept_metadata = j.kept;
    out->metadata_offset = j.note_off;
    if (req->mode != VSGX_SIGN_MODE_GENDATA) {
        if (!req->note_only && (st = assemble(&j, out)) != VSGX_SIGNER_OK)
            goto out;
        out->note = j.note;
        out->note_len = j.note_len;
        j.note = NULL;
    }
out:
    vsgx_elf_free(j.elf);
    free(j.note);
    return st;
}

void vsgx_sign_result_free(vsgx_sign_result_t *r)
{
    free(r->file);
    free(r->note);
    r->file = NULL;
    r->note = NULL;
}
