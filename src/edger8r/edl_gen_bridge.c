/* edl_gen_bridge.c — one trusted bridge `static sgx_status_t sgx_<f>(void* pms)`: check and copy
 * the marshalling struct into the enclave, check every [in]/[out] buffer lies wholly outside the
 * enclave (sizes overflow-checked), copy [in] buffers in and zero [out] ones, call the ECALL,
 * write the result and the [out] buffers back, and free the copies on every path. */
#include "edl_gen_bridge.h"

static void gen_string_len(edl_buf_t *b, const edl_param_t *p)
{
    if (p->attrs.wstring)
        edl_buf_printf(b, "\tsize_t _len_%s = 0;\n\tif (vsgx_mul_overflow(__in_ms.ms_%s_len, "
                          "sizeof(wchar_t), &_len_%s))\n\t\treturn SGX_ERROR_INVALID_PARAMETER;\n",
                       p->name, p->name, p->name);
    else
        edl_buf_printf(b, "\tsize_t _len_%s = __in_ms.ms_%s_len;\n", p->name, p->name);
}

/* The type of the enclave's copy of a buffer: the parameter's, without its `const` (the copy is
 * written, then passed on as const), so no cast discards a qualifier. */
static void gen_copy_type(edl_buf_t *b, const edl_param_t *p)
{
    edl_param_t writable = *p;
    writable.type.is_const = false;
    edl_gen_ms_type(b, &writable);
}

/* A readonly foreign pointer type keeps its const through the typedef: cast it away through an
 * integer, which -Wcast-qual accepts. */
static const char *writable_cast(const edl_param_t *p)
{
    return p->attrs.readonly ? "(void*)(uintptr_t)" : "(void*)";
}

static void gen_copy_in(edl_buf_t *b, const edl_enclave_t *e, const edl_param_t *p)
{
    const char *n = p->name;
    edl_buf_printf(b, "\tif (_tmp_%s != NULL && _len_%s != 0) {\n", n, n);
    if (edl_pointee_sized(p) && !edl_is_string(p))
        edl_buf_printf(b, "\t\tif (_len_%s %% sizeof(*_tmp_%s) != 0) {\n\t\t\tstatus = "
                          "SGX_ERROR_INVALID_PARAMETER;\n\t\t\tgoto err;\n\t\t}\n", n, n);
    edl_buf_printf(b, "\t\t_in_%s = (", n);
    gen_copy_type(b, p);
    edl_buf_printf(b, ")malloc(_len_%s);\n\t\tif (_in_%s == NULL) {\n\t\t\tstatus = "
                      "SGX_ERROR_OUT_OF_MEMORY;\n\t\t\tgoto err;\n\t\t}\n", n, n);
    if (p->attrs.in) {
        edl_buf_printf(b, "\t\tif (memcpy_s(%s_in_%s, _len_%s, (const void*)_tmp_%s, _len_%s)) {"
                          "\n\t\t\tstatus = SGX_ERROR_UNEXPECTED;\n\t\t\tgoto err;\n\t\t}\n", writable_cast(p), n, n, n, n);
        if (p->attrs.string)
            edl_buf_printf(b, "\t\tif (((const char*)_in_%s)[_len_%s - 1] != '\\0' ||\n"
                              "\t\t    strlen((const char*)_in_%s) + 1 != _len_%s) {\n"
                              "\t\t\tstatus = SGX_ERROR_UNEXPECTED;\n\t\t\tgoto err;\n\t\t}\n",
                           n, n, n, n);
        if (p->attrs.wstring)
            edl_buf_printf(b, "\t\tif (((const wchar_t*)_in_%s)[_len_%s / sizeof(wchar_t) - 1] != L'\\0' ||\n"
                              "\t\t    (wcslen((const wchar_t*)_in_%s) + 1) * sizeof(wchar_t) != _len_%s) {\n"
                              "\t\t\tstatus = SGX_ERROR_UNEXPECTED;\n\t\t\tgoto err;\n\t\t}\n",
                           n, n, n, n);
        const edl_typedef_t *deep = edl_deep_struct(e, p);
        if (deep)
            edl_gen_deep_in(b, deep, p);
    } else {
        edl_buf_printf(b, "\t\tmemset((void*)_in_%s, 0, _len_%s);\n", n, n);
    }
    edl_buf_puts(b, "\t}\n");
}

void edl_gen_bridge(edl_buf_t *b, const edl_enclave_t *e, const edl_func_t *f)
{
    const char *fn = f->name;
    edl_buf_printf(b, "static sgx_status_t SGX_CDECL sgx_%s(void* pms)\n{\n", fn);
    if (!edl_has_ms(f)) {
        edl_buf_printf(b, "\tsgx_status_t status = SGX_SUCCESS;\n"
                          "\tif (pms != NULL) return SGX_ERROR_INVALID_PARAMETER;\n"
                          "\t%s();\n\treturn status;\n}\n\n", fn);
        return;
    }
    bool has_err = !edl_ret_void(f);
    edl_buf_printf(b, "\tCHECK_REF_POINTER(pms, sizeof(ms_%s_t));\n\tsgx_lfence();\n", fn);
    edl_buf_printf(b, "\tms_%s_t* ms = SGX_CAST(ms_%s_t*, pms);\n\tms_%s_t __in_ms;\n", fn, fn, fn);
    edl_buf_printf(b, "\tif (memcpy_s(&__in_ms, sizeof(ms_%s_t), ms, sizeof(ms_%s_t))) {\n"
                      "\t\treturn SGX_ERROR_UNEXPECTED;\n\t}\n\tsgx_status_t status = SGX_SUCCESS;\n",
                   fn, fn);
    for (size_t i = 0; i < f->nparams; i++) {
        const edl_param_t *p = &f->params[i];
        edl_buf_puts(b, "\t");
        edl_gen_ms_type(b, p);
        edl_buf_printf(b, " _tmp_%s = __in_ms.ms_%s;\n", p->name, p->name);
    }
    for (size_t i = 0; i < f->nparams; i++) {
        const edl_param_t *p = &f->params[i];
        if (!edl_is_buffer(p))
            continue;
        has_err = true;
        if (edl_is_string(p))
            gen_string_len(b, p);
        else
            edl_gen_len(b, p, "_tmp_", "return SGX_ERROR_INVALID_PARAMETER;");
        edl_buf_puts(b, "\t");
        gen_copy_type(b, p);
        edl_buf_printf(b, " _in_%s = NULL;\n", p->name);
        if (edl_deep_struct(e, p))
            edl_gen_deep_decls(b, p);
    }
    edl_buf_puts(b, "\n");
    bool any = false;
    for (size_t i = 0; i < f->nparams; i++)
        if (edl_is_buffer(&f->params[i])) {
            edl_buf_printf(b, "\tCHECK_UNIQUE_POINTER(_tmp_%s, _len_%s);\n", f->params[i].name,
                           f->params[i].name);
            any = true;
        }
    if (any) {
        edl_buf_puts(b, "\n\t/* no speculative use of a pointer before its check is complete */\n"
                        "\tsgx_lfence();\n\n");
        for (size_t i = 0; i < f->nparams; i++)
            if (edl_is_buffer(&f->params[i]))
                gen_copy_in(b, e, &f->params[i]);
    }
    /* the result lives in a block of its own: no jump to err: crosses its initialisation */
    edl_buf_puts(b, edl_ret_void(f) ? "\n\t" : "\n\t{\n\t");
    if (!edl_ret_void(f)) {
        edl_gen_type(b, &f->ret);
        edl_buf_puts(b, " _in_retval = ");
    }
    edl_buf_printf(b, "%s(", fn);
    for (size_t i = 0; i < f->nparams; i++) {
        const edl_param_t *p = &f->params[i];
        edl_buf_printf(b, "%s%s%s%s", i ? ", " : "", edl_needs_void_cast(p) ? "(void*)" : "",
                       edl_is_buffer(p) ? "_in_" : "_tmp_", p->name);
    }
    edl_buf_puts(b, ");\n");
    if (!edl_ret_void(f))
        edl_buf_puts(b, "\tif (memcpy_verw_s(&ms->ms_retval, sizeof(ms->ms_retval), &_in_retval, "
                        "sizeof(_in_retval))) {\n\t\tstatus = SGX_ERROR_UNEXPECTED;\n\t\tgoto err;\n\t}\n"
                        "\t}\n");
    for (size_t i = 0; i < f->nparams; i++) {
        const edl_param_t *p = &f->params[i];
        if (!edl_is_buffer(p) || !p->attrs.out)
            continue;
        const edl_typedef_t *deep = edl_deep_struct(e, p);
        if (deep && p->attrs.in)
            edl_gen_deep_out(b, deep, p);
        edl_buf_printf(b, "\tif (_in_%s) {\n\t\tif (memcpy_verw_s((void*)_tmp_%s, _len_%s, "
                          "(const void*)_in_%s, _len_%s)) {\n\t\t\tstatus = SGX_ERROR_UNEXPECTED;\n"
                          "\t\t\tgoto err;\n\t\t}\n\t}\n",
                       p->name, p->name, p->name, p->name, p->name);
    }
    if (has_err) {
        edl_buf_puts(b, "\nerr:\n");
        for (size_t i = 0; i < f->nparams; i++) {
            const edl_param_t *p = &f->params[i];
            if (!edl_is_buffer(p))
                continue;
            const edl_typedef_t *deep = edl_deep_struct(e, p);
            if (deep)
                edl_gen_deep_free(b, deep, p);
            edl_buf_printf(b, "\tif (_in_%s) free(%s_in_%s);\n", p->name, writable_cast(p), p->name);
        }
    }
    edl_buf_puts(b, "\treturn status;\n}\n\n");
}
