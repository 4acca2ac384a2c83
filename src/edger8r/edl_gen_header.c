/* edl_gen_header.c — the two generated headers: <name>_t.h (the ECALLs the enclave implements,
 * the OCALL proxies it may call) and <name>_u.h (the OCALLs the host implements, the ECALL
 * proxies it may call). */
#include "edl_gen.h"
#include "edl_gen_util.h"

#include <ctype.h>
#include <stdlib.h>

static void gen_guard(edl_buf_t *b, const char *name, char half, bool open)
{
    edl_buf_puts(b, open ? "#ifndef " : "#endif /* ");
    for (const char *c = name; *c; c++)
        edl_buf_printf(b, "%c", isalnum((unsigned char)*c) ? toupper((unsigned char)*c) : '_');
    edl_buf_printf(b, "_%c_H__", half);
    if (!open) {
        edl_buf_puts(b, " */\n");
        return;
    }
    edl_buf_puts(b, "\n#define ");
    for (const char *c = name; *c; c++)
        edl_buf_printf(b, "%c", isalnum((unsigned char)*c) ? toupper((unsigned char)*c) : '_');
    edl_buf_printf(b, "_%c_H__\n\n", half);
}

static void gen_prologue(edl_buf_t *b, const edl_enclave_t *e, char half)
{
    edl_gen_banner(b, half == 'T' ? "trusted header" : "untrusted header");
    gen_guard(b, e->name, half, true);
    edl_buf_puts(b, "#include <stdint.h>\n#include <wchar.h>\n#include <stddef.h>\n");
    if (half == 'U')
        edl_buf_puts(b, "#include <string.h>\n");
    edl_buf_puts(b, "#include \"sgx_edger8r.h\" /* sgx_status_t, sgx_enclave_id_t, ... */\n\n");
    edl_gen_includes(b, e->includes, e->nincludes);
    if (half == 'T')
        edl_gen_includes(b, e->trusted_includes, e->ntrusted_includes);
    else
        edl_gen_includes(b, e->untrusted_includes, e->nuntrusted_includes);
    edl_buf_puts(b, "\n#include <stdlib.h> /* size_t */\n\n");
    edl_buf_puts(b, "#define SGX_CAST(type, item) ((type)(item))\n\n");
    edl_buf_puts(b, "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n");
    edl_gen_user_types(b, e);
}

static void gen_epilogue(edl_buf_t *b, const edl_enclave_t *e, char half)
{
    edl_buf_puts(b, "\n#ifdef __cplusplus\n}\n#endif /* __cplusplus */\n\n");
    gen_guard(b, e->name, half, false);
}

static const char *conv_macro(edl_callconv_t c)
{
    switch (c) {
    case EDL_CONV_CDECL: return "SGX_CDECL";
    case EDL_CONV_STDCALL: return "SGX_STDCALL";
    case EDL_CONV_FASTCALL: return "SGX_FASTCALL";
    default: return "SGX_NOCONVENTION";
    }
}

char *edl_gen_trusted_header(const edl_enclave_t *e)
{
    edl_buf_t b = {0};
    gen_prologue(&b, e, 'T');
    for (size_t i = 0; i < e->ntrusted; i++) {
        const edl_func_t *f = &e->trusted[i];
        edl_gen_type(&b, &f->ret);
        edl_buf_printf(&b, " %s", f->name);
        edl_gen_params(&b, f, NULL);
        edl_buf_puts(&b, ";\n");
    }
    if (e->ntrusted)
        edl_buf_puts(&b, "\n");
    for (size_t i = 0; i < e->nuntrusted; i++) {
        const edl_func_t *f = &e->untrusted[i];
        edl_buf_t lead = {0};
        if (!edl_ret_void(f)) {
            edl_gen_type(&lead, &f->ret);
            edl_buf_puts(&lead, "* retval");
        }
        edl_buf_printf(&b, "sgx_status_t SGX_CDECL %s", f->name);
        edl_gen_params(&b, f, lead.data);
        edl_buf_puts(&b, ";\n");
        if (lead.failed)
            b.failed = true;
        edl_buf_free(&lead);
    }
    gen_epilogue(&b, e, 'T');
    return edl_buf_finish(&b);
}

char *edl_gen_untrusted_header(const edl_enclave_t *in, bool use_prefix)
{
    edl_enclave_t named = *in, *e = &named;
    if (!(named.name = edl_gen_c_name(in->name)))
        return NULL;
    edl_buf_t b = {0};
    gen_prologue(&b, e, 'U');
    for (size_t i = 0; i < e->nuntrusted; i++) {
        const edl_func_t *f = &e->untrusted[i];
        edl_buf_printf(&b, "#ifndef ");
        for (const char *c = f->name; *c; c++)
            edl_buf_printf(&b, "%c", toupper((unsigned char)*c));
        edl_buf_puts(&b, "_DEFINED__\n#define ");
        for (const char *c = f->name; *c; c++)
            edl_buf_printf(&b, "%c", toupper((unsigned char)*c));
        edl_buf_puts(&b, "_DEFINED__\n");
        if (f->dllimport)
            edl_buf_puts(&b, "SGX_DLLIMPORT ");
        edl_gen_type(&b, &f->ret);
        edl_buf_printf(&b, " SGX_UBRIDGE(%s, %s, ", conv_macro(f->conv), f->name);
        edl_gen_params(&b, f, NULL);
        edl_buf_puts(&b, ");\n#endif\n");
    }
    if (e->nuntrusted)
        edl_buf_puts(&b, "\n");
    for (size_t i = 0; i < e->ntrusted; i++) {
        const edl_func_t *f = &e->trusted[i];
        edl_buf_t lead = {0};
        edl_buf_puts(&lead, "sgx_enclave_id_t eid");
        if (!edl_ret_void(f)) {
            edl_buf_puts(&lead, ", ");
            edl_gen_type(&lead, &f->ret);
            edl_buf_puts(&lead, "* retval");
        }
        edl_buf_puts(&b, "sgx_status_t ");
        if (use_prefix)
            edl_buf_printf(&b, "%s_", e->name);
        edl_buf_puts(&b, f->name);
        edl_gen_params(&b, f, lead.data);
        edl_buf_puts(&b, ";\n");
        if (lead.failed)
            b.failed = true;
        edl_buf_free(&lead);
    }
    gen_epilogue(&b, e, 'U');
    free(named.name);
    return edl_buf_finish(&b);
}
