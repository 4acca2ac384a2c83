/* edl_gen_untrusted.c — <name>_u.c: the untrusted bridges that unpack a marshalling struct and
 * call the host's OCALL implementations, the OCALL table handed to sgx_ecall, and the ECALL
 * proxies (sgx_status_t f(eid, RET* retval, ...)). */
#include "edl_gen.h"

#include <stdlib.h>
#include "edl_gen_util.h"

static void gen_call_args(edl_buf_t *b, const edl_func_t *f, const char *prefix)
{
    for (size_t i = 0; i < f->nparams; i++) {
        const edl_param_t *p = &f->params[i];
        edl_buf_printf(b, "%s%s%s%s", i ? ", " : "", edl_needs_void_cast(p) ? "(void*)" : "",
                       prefix, p->name);
    }
}

static void gen_ocall_bridge(edl_buf_t *b, const edl_enclave_t *e, const edl_func_t *f)
{
    edl_buf_printf(b, "static sgx_status_t SGX_CDECL %s_%s(void* pms)\n{\n", e->name, f->name);
    if (!edl_has_ms(f)) {
        edl_buf_puts(b, "\tif (pms != NULL) return SGX_ERROR_INVALID_PARAMETER;\n");
        edl_buf_printf(b, "\t%s();\n\treturn SGX_SUCCESS;\n}\n\n", f->name);
        return;
    }
    edl_buf_printf(b, "\tms_%s_t* ms = SGX_CAST(ms_%s_t*, pms);\n\t", f->name, f->name);
    if (!edl_ret_void(f))
        edl_buf_puts(b, "ms->ms_retval = ");
    edl_buf_printf(b, "%s(", f->name);
    gen_call_args(b, f, "ms->ms_");
    edl_buf_puts(b, ");\n");
    if (f->propagate_errno)
        edl_buf_puts(b, "\tms->ocall_errno = errno;\n");
    edl_buf_puts(b, "\n\treturn SGX_SUCCESS;\n}\n\n");
}

static void gen_ocall_table(edl_buf_t *b, const edl_enclave_t *e)
{
    size_t n = e->nuntrusted;
    edl_buf_printf(b, "static const struct {\n\tsize_t nr_ocall;\n\tvoid * table[%zu];\n} "
                      "ocall_table_%s = {\n\t%zu,\n\t{\n", n ? n : 1, e->name, n);
    for (size_t i = 0; i < n; i++)
        edl_buf_printf(b, "\t\t(void*)%s_%s,\n", e->name, e->untrusted[i].name);
    if (n == 0)
        edl_buf_puts(b, "\t\tNULL,\n");
    edl_buf_puts(b, "\t}\n};\n\n");
}

static void gen_ecall_proxy(edl_buf_t *b, const edl_enclave_t *e, const edl_func_t *f, size_t index,
                            bool use_prefix)
{
    edl_buf_t lead = {0};
    edl_buf_puts(&lead, "sgx_enclave_id_t eid");
    if (!edl_ret_void(f)) {
        edl_buf_puts(&lead, ", ");
        edl_gen_type(&lead, &f->ret);
        edl_buf_puts(&lead, "* retval");
    }
    edl_buf_puts(b, "sgx_status_t ");
    if (use_prefix)
        edl_buf_printf(b, "%s_", e->name);
    edl_buf_puts(b, f->name);
    edl_gen_params(b, f, lead.data);
    if (lead.failed)
        b->failed = true;
    edl_buf_free(&lead);
    edl_buf_puts(b, "\n{\n\tsgx_status_t status;\n");
    if (edl_has_ms(f))
        edl_buf_printf(b, "\tms_%s_t ms;\n\n", f->name);
    for (size_t i = 0; i < f->nparams; i++) {
        const edl_param_t *p = &f->params[i];
        edl_buf_printf(b, "\tms.ms_%s = %s%s;\n", p->name, edl_needs_void_cast(p) ? "(void*)" : "",
                       p->name);
        if (edl_is_string(p) && p->attrs.in) {
            if (p->attrs.wstring)
                edl_buf_printf(b, "\tms.ms_%s_len = %s ? wcslen(%s) + 1 : 0;\n", p->name, p->name,
                               p->name);
            else
                edl_buf_printf(b, "\tms.ms_%s_len = %s ? strlen(%s) + 1 : 0;\n", p->name, p->name,
                               p->name);
        }
    }
    edl_buf_printf(b, "\tstatus = %s(eid, %zu, &ocall_table_%s, %s);\n",
                   f->switchless ? "sgx_ecall_switchless" : "sgx_ecall", index, e->name,
                   edl_has_ms(f) ? "&ms" : "NULL");
    if (!edl_ret_void(f))
        edl_buf_puts(b, "\tif (status == SGX_SUCCESS && retval) *retval = ms.ms_retval;\n");
    edl_buf_puts(b, "\treturn status;\n}\n\n");
}

char *edl_gen_untrusted_source(const edl_enclave_t *in, bool use_prefix)
{
    edl_enclave_t named = *in, *e = &named;
    if (!(named.name = edl_gen_c_name(in->name)))
        return NULL;
    edl_buf_t b = {0};
    edl_gen_banner(&b, "untrusted bridges and ECALL proxies");
    edl_buf_printf(&b, "#include \"%s_u.h\"\n#include <errno.h>\n\n", in->name);
    edl_gen_ms_structs(&b, e);
    for (size_t i = 0; i < e->nuntrusted; i++)
        gen_ocall_bridge(&b, e, &e->untrusted[i]);
    gen_ocall_table(&b, e);
    for (size_t i = 0; i < e->ntrusted; i++)
        gen_ecall_proxy(&b, e, &e->trusted[i], i, use_prefix);
    free(named.name);
    return edl_buf_finish(&b);
}
