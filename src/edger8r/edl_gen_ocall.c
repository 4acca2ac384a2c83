/* edl_gen_ocall.c — one trusted OCALL proxy `sgx_status_t o([RET* retval,] ...)`: check that
 * every buffer lies wholly inside the enclave, sum the sizes with overflow checks, build the
 * marshalling struct and the [in]/[out] buffers on the untrusted stack (sgx_ocalloc), call
 * sgx_ocall, copy the result, [out] buffers and errno back, and release the stack (sgx_ocfree).
 * Struct pointers with [size]/[count] members are deep-copied (edl_gen_deepcopy.c). */
#include "edl_gen_bridge.h"

#define FAIL_FREE "{\n\t\t\tsgx_ocfree();\n\t\t\treturn SGX_ERROR_UNEXPECTED;\n\t\t}\n"

static void gen_len(edl_buf_t *b, const edl_param_t *p)
{
    const char *n = p->name;
    if (p->attrs.wstring)
        edl_buf_printf(b, "\tsize_t _len_%s = %s ? (wcslen(%s) + 1) * sizeof(wchar_t) : 0;\n", n, n, n);
    else if (p->attrs.string)
        edl_buf_printf(b, "\tsize_t _len_%s = %s ? strlen(%s) + 1 : 0;\n", n, n, n);
    else
        edl_gen_len(b, p, "", "return SGX_ERROR_INVALID_PARAMETER;");
}

static void gen_marshal(edl_buf_t *b, const edl_enclave_t *e, const edl_param_t *p)
{
    const char *n = p->name;
    if (!edl_is_buffer(p)) {
        edl_buf_printf(b, "\tif (memcpy_verw_s(&ms->ms_%s, sizeof(ms->ms_%s), &%s, sizeof(ms->ms_%s))) "
                          "{\n\t\tsgx_ocfree();\n\t\treturn SGX_ERROR_UNEXPECTED;\n\t}\n", n, n, n, n);
        return;
    }
    const edl_typedef_t *deep = edl_deep_struct(e, p);
    edl_buf_printf(b, "\tif (%s != NULL) {\n", n);
    if (deep)
        edl_buf_printf(b, "\t\tvoid* _dbase_%s = __tmp;\n", n);
    edl_buf_printf(b, "\t\tif (memcpy_verw_s(&ms->ms_%s, sizeof(ms->ms_%s), &__tmp, sizeof(ms->ms_%s))) "
                      FAIL_FREE, n, n, n);
    if (p->attrs.out)
        edl_buf_printf(b, "\t\t__tmp_%s = __tmp;\n", n);
    if (edl_pointee_sized(p) && !p->attrs.wstring)
        edl_buf_printf(b, "\t\tif (_len_%s %% sizeof(*%s) != 0) {\n\t\t\tsgx_ocfree();\n"
                          "\t\t\treturn SGX_ERROR_INVALID_PARAMETER;\n\t\t}\n", n, n);
    if (p->attrs.in)
        edl_buf_printf(b, "\t\tif (memcpy_verw_s(__tmp, ocalloc_size, (const void*)%s, _len_%s)) "
                       FAIL_FREE, n, n);
    else
        edl_buf_printf(b, "\t\tmemset_verw(__tmp, 0, _len_%s);\n", n);
    edl_buf_printf(b, "\t\t__tmp = (void*)((char*)__tmp + _len_%s);\n\t\tocalloc_size -= _len_%s;\n", n, n);
    if (deep)
        edl_gen_deep_ocall_marshal(b, deep, p);
    edl_buf_printf(b, "\t} else {\n\t\tmemset_verw(&ms->ms_%s, 0, sizeof(ms->ms_%s));\n\t}\n", n, n);
}

static void gen_copy_back(edl_buf_t *b, const edl_param_t *p)
{
    const char *n = p->name;
    edl_buf_printf(b, "\t\tif (%s) {\n\t\t\tif (memcpy_s((void*)%s, _len_%s, __tmp_%s, _len_%s)) "
                      "{\n\t\t\t\tsgx_ocfree();\n\t\t\t\treturn SGX_ERROR_UNEXPECTED;\n\t\t\t}\n",
                   n, n, n, n, n);
    if (p->attrs.string)
        edl_buf_printf(b, "\t\t\t((char*)%s)[_len_%s - 1] = '\\0';\n", n, n);
    if (p->attrs.wstring)
        edl_buf_printf(b, "\t\t\t((wchar_t*)%s)[_len_%s / sizeof(wchar_t) - 1] = L'\\0';\n", n, n);
    edl_buf_puts(b, "\t\t}\n");
}

void edl_gen_ocall_proxy(edl_buf_t *b, const edl_enclave_t *e, const edl_func_t *f, size_t index)
{
    const char *fn = f->name;
    const char *ocall = f->switchless ? "sgx_ocall_switchless" : "sgx_ocall";
    edl_buf_t lead = {0};
    if (!edl_ret_void(f)) {
        edl_gen_type(&lead, &f->ret);
        edl_buf_puts(&lead, "* retval");
    }
    edl_buf_printf(b, "sgx_status_t SGX_CDECL %s", fn);
    edl_gen_params(b, f, lead.data);
    if (lead.failed)
        b->failed = true;
    edl_buf_free(&lead);
    edl_buf_puts(b, "\n{\n\tsgx_status_t status = SGX_SUCCESS;\n");
    if (!edl_has_ms(f)) {
        edl_buf_printf(b, "\tstatus = %s(%zu, NULL);\n\n\treturn status;\n}\n\n", ocall, index);
        return;
    }
    for (size_t i = 0; i < f->nparams; i++)
        if (edl_is_buffer(&f->params[i]))
            gen_len(b, &f->params[i]);
    edl_buf_printf(b, "\n\tms_%s_t* ms = NULL;\n\tsize_t ocalloc_size = sizeof(ms_%s_t);\n"
                      "\tvoid *__tmp = NULL;\n", fn, fn);
    for (size_t i = 0; i < f->nparams; i++)
        if (edl_is_buffer(&f->params[i]) && f->params[i].attrs.out)
            edl_buf_printf(b, "\tvoid *__tmp_%s = NULL;\n", f->params[i].name);
    edl_buf_puts(b, "\n");
    for (size_t i = 0; i < f->nparams; i++)
        if (edl_is_buffer(&f->params[i]))
            edl_buf_printf(b, "\tCHECK_ENCLAVE_POINTER(%s, _len_%s);\n", f->params[i].name,
                           f->params[i].name);
    for (size_t i = 0; i < f->nparams; i++)
        if (edl_is_buffer(&f->params[i]))
            edl_buf_printf(b, "\tif (vsgx_add_overflow(&ocalloc_size, (%s != NULL) ? _len_%s : 0))\n"
                              "\t\treturn SGX_ERROR_INVALID_PARAMETER;\n",
                           f->params[i].name, f->params[i].name);
    for (size_t i = 0; i < f->nparams; i++) {
        const edl_typedef_t *deep = edl_deep_struct(e, &f->params[i]);
        if (deep)
            edl_gen_deep_ocall_size(b, deep, &f->params[i]);
    }
    edl_buf_printf(b, "\n\t__tmp = sgx_ocalloc(ocalloc_size);\n\tif (__tmp == NULL) {\n"
                      "\t\tsgx_ocfree();\n\t\treturn SGX_ERROR_UNEXPECTED;\n\t}\n"
                      "\tms = (ms_%s_t*)__tmp;\n\t__tmp = (void*)((char*)__tmp + sizeof(ms_%s_t));\n"
                      "\tocalloc_size -= sizeof(ms_%s_t);\n\n", fn, fn, fn);
    for (size_t i = 0; i < f->nparams; i++)
        gen_marshal(b, e, &f->params[i]);
    edl_buf_printf(b, "\n\tstatus = %s(%zu, ms);\n\n\tif (status == SGX_SUCCESS) {\n", ocall, index);
    if (!edl_ret_void(f))
        edl_buf_puts(b, "\t\tif (retval) {\n\t\t\tif (memcpy_s((void*)retval, sizeof(*retval), "
                        "&ms->ms_retval, sizeof(ms->ms_retval))) {\n\t\t\t\tsgx_ocfree();\n"
                        "\t\t\t\treturn SGX_ERROR_UNEXPECTED;\n\t\t\t}\n\t\t}\n");
    for (size_t i = 0; i < f->nparams; i++) {
        const edl_param_t *p = &f->params[i];
        if (!edl_is_buffer(p) || !p->attrs.out)
            continue;
        const edl_typedef_t *deep = edl_deep_struct(e, p);
        if (deep)
            edl_gen_deep_ocall_back(b, deep, p);
        else
            gen_copy_back(b, p);
    }
    if (f->propagate_errno)
        edl_buf_puts(b, "\t\terrno = ms->ocall_errno;\n");
    edl_buf_puts(b, "\t}\n\tsgx_ocfree();\n\treturn status;\n}\n\n");
}
