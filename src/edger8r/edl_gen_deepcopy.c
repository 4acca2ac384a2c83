/* edl_gen_deepcopy.c — the trusted bridge's deep copy of an [in] or [in,out] `struct S*` whose
 * members carry [size]/[count]: each such member's buffer must lie wholly outside the enclave
 * (length overflow-checked) and is copied in; for [in,out] the buffers are copied back to the
 * original untrusted pointers (never longer than they came in) and those pointers restored in
 * the struct before it is copied back; every copy is freed on every path. The OCALL proxy's
 * counterpart: member buffers must lie inside the enclave, travel on the untrusted stack, and for
 * [in,out] come back (never longer than they went out) with the enclave's pointers kept. */
#include "edl_gen_bridge.h"

static bool is_deep(const edl_param_t *m)
{
    return m->attrs.size.kind != EDL_SIZE_NONE || m->attrs.count.kind != EDL_SIZE_NONE;
}

static size_t ndeep(const edl_typedef_t *t)
{
    size_t k = 0;
    for (size_t m = 0; m < t->nmembers; m++)
        k += is_deep(&t->members[m]);
    return k;
}

static void size_value(edl_buf_t *b, const edl_size_t *s, const char *acc)
{
    if (s->kind == EDL_SIZE_NUMBER)
        edl_buf_printf(b, "(size_t)%lluU", (unsigned long long)s->number);
    else
        edl_buf_printf(b, "(size_t)%s%s", acc, s->name);
}

/* Sets `size_t var` to member m's length in the struct accessed as `acc` ("_s->", "_e."), or
 * runs `fail`. */
static void member_len_in(edl_buf_t *b, const edl_param_t *m, const char *var, const char *acc,
                          const char *ind, const char *fail)
{
    edl_buf_printf(b, "%s%s = 0;\n%sif (vsgx_mul_overflow(", ind, var, ind);
    if (m->attrs.count.kind != EDL_SIZE_NONE)
        size_value(b, &m->attrs.count, acc);
    else
        edl_buf_puts(b, "1");
    edl_buf_puts(b, ", ");
    if (m->attrs.size.kind != EDL_SIZE_NONE)
        size_value(b, &m->attrs.size, acc);
    else
        edl_buf_printf(b, "sizeof(*%s%s)", acc, m->name);
    edl_buf_printf(b, ", &%s)) {\n%s\t%s\n%s}\n", var, ind, fail, ind);
}

static void member_len(edl_buf_t *b, const edl_param_t *m, const char *ind, const char *fail)
{
    member_len_in(b, m, "_mlen", "_s->", ind, fail);
}

static void struct_alias(edl_buf_t *b, const edl_param_t *p, const char *ind)
{
    edl_type_t t = p->type;
    t.is_const = false;
    edl_buf_puts(b, ind);
    edl_gen_type(b, &t);
    edl_buf_printf(b, " _s = (");
    edl_gen_type(b, &t);
    edl_buf_printf(b, ")(void*)&_in_%s[_i];\n", p->name);
}

void edl_gen_deep_decls(edl_buf_t *b, const edl_param_t *p)
{
    edl_buf_printf(b, "\tvsgx_deep_t* _deep_%s = NULL;\n\tsize_t _ndeep_%s = 0;\n", p->name, p->name);
}

void edl_gen_deep_in(edl_buf_t *b, const edl_typedef_t *t, const edl_param_t *p)
{
    const char *n = p->name;
    size_t k = ndeep(t);
    edl_buf_printf(b, "\t\t_ndeep_%s = _len_%s / sizeof(*_in_%s);\n"
                      "\t\t_deep_%s = (vsgx_deep_t*)calloc(_ndeep_%s, %zu * sizeof(vsgx_deep_t));\n"
                      "\t\tif (_deep_%s == NULL) {\n\t\t\tstatus = SGX_ERROR_OUT_OF_MEMORY;\n"
                      "\t\t\tgoto err;\n\t\t}\n", n, n, n, n, n, k, n);
    /* first detach every untrusted member pointer, so that cleanup never frees one */
    edl_buf_printf(b, "\t\tfor (size_t _i = 0; _i < _ndeep_%s; _i++) {\n", n);
    struct_alias(b, p, "\t\t\t");
    size_t j = 0;
    for (size_t m = 0; m < t->nmembers; m++) {
        const edl_param_t *mb = &t->members[m];
        if (!is_deep(mb))
            continue;
        edl_buf_printf(b, "\t\t\t_deep_%s[_i * %zu + %zu].orig = (void*)_s->%s;\n"
                          "\t\t\t_s->%s = NULL;\n", n, k, j++, mb->name, mb->name);
    }
    edl_buf_puts(b, "\t\t}\n");
    edl_buf_printf(b, "\t\tfor (size_t _i = 0; _i < _ndeep_%s; _i++) {\n", n);
    struct_alias(b, p, "\t\t\t");
    edl_buf_puts(b, "\t\t\tsize_t _mlen;\n\t\t\tvsgx_deep_t* _d;\n");
    j = 0;
    for (size_t m = 0; m < t->nmembers; m++) {
        const edl_param_t *mb = &t->members[m];
        if (!is_deep(mb))
            continue;
        edl_buf_printf(b, "\t\t\t_d = &_deep_%s[_i * %zu + %zu];\n", n, k, j++);
        member_len(b, mb, "\t\t\t", "status = SGX_ERROR_INVALID_PARAMETER;\n\t\t\t\tgoto err;");
        edl_buf_printf(b, "\t\t\tif (_d->orig != NULL && _mlen != 0) {\n"
                          "\t\t\t\tif (!sgx_is_outside_enclave(_d->orig, _mlen)) {\n"
                          "\t\t\t\t\tstatus = SGX_ERROR_INVALID_PARAMETER;\n\t\t\t\t\tgoto err;\n\t\t\t\t}\n"
                          "\t\t\t\tsgx_lfence();\n"
                          "\t\t\t\tif ((_d->copy = malloc(_mlen)) == NULL) {\n"
                          "\t\t\t\t\tstatus = SGX_ERROR_OUT_OF_MEMORY;\n\t\t\t\t\tgoto err;\n\t\t\t\t}\n"
                          "\t\t\t\t_d->len = _mlen;\n"
                          "\t\t\t\tif (memcpy_s(_d->copy, _mlen, _d->orig, _mlen)) {\n"
                          "\t\t\t\t\tstatus = SGX_ERROR_UNEXPECTED;\n\t\t\t\t\tgoto err;\n\t\t\t\t}\n"
                          "\t\t\t\t_s->%s = _d->copy;\n\t\t\t}\n", mb->name);
    }
    edl_buf_puts(b, "\t\t}\n");
}

void edl_gen_deep_out(edl_buf_t *b, const edl_typedef_t *t, const edl_param_t *p)
{
    const char *n = p->name;
    size_t k = ndeep(t);
    edl_buf_printf(b, "\tfor (size_t _i = 0; _in_%s && _deep_%s && _i < _ndeep_%s; _i++) {\n", n, n, n);
    struct_alias(b, p, "\t\t");
    edl_buf_puts(b, "\t\tsize_t _mlen;\n\t\tvsgx_deep_t* _d;\n");
    size_t j = 0;
    for (size_t m = 0; m < t->nmembers; m++) {
        const edl_param_t *mb = &t->members[m];
        if (!is_deep(mb))
            continue;
        edl_buf_printf(b, "\t\t_d = &_deep_%s[_i * %zu + %zu];\n\t\tif (_d->copy != NULL) {\n", n, k, j++);
        member_len(b, mb, "\t\t\t", "status = SGX_ERROR_INVALID_PARAMETER;\n\t\t\t\tgoto err;");
        edl_buf_puts(b, "\t\t\tif (_mlen > _d->len) {\n\t\t\t\tstatus = SGX_ERROR_INVALID_PARAMETER;\n"
                        "\t\t\t\tgoto err;\n\t\t\t}\n"
                        "\t\t\tif (memcpy_verw_s(_d->orig, _d->len, _d->copy, _mlen)) {\n"
                        "\t\t\t\tstatus = SGX_ERROR_UNEXPECTED;\n\t\t\t\tgoto err;\n\t\t\t}\n\t\t}\n");
        edl_buf_printf(b, "\t\t_s->%s = _d->orig;\n", mb->name);
    }
    edl_buf_puts(b, "\t}\n");
}

void edl_gen_deep_free(edl_buf_t *b, const edl_typedef_t *t, const edl_param_t *p)
{
    const char *n = p->name;
    edl_buf_printf(b, "\tif (_deep_%s) {\n\t\tfor (size_t _i = 0; _i < _ndeep_%s * %zu; _i++)\n"
                      "\t\t\tfree(_deep_%s[_i].copy);\n\t\tfree(_deep_%s);\n\t}\n",
                   n, n, ndeep(t), n, n);
}

/* ---- OCALL proxies: the member buffers (inside the enclave) travel on the untrusted stack ---- */

static void elem_alias(edl_buf_t *b, const edl_param_t *p, const char *ind)
{
    edl_type_t t = p->type;
    t.is_const = true;
    edl_buf_puts(b, ind);
    edl_gen_type(b, &t);
    edl_buf_printf(b, " _s = &%s[_i];\n", p->name);
}

void edl_gen_deep_ocall_size(edl_buf_t *b, const edl_typedef_t *t, const edl_param_t *p)
{
    edl_buf_printf(b, "\tfor (size_t _i = 0; %s != NULL && _i < _len_%s / sizeof(*%s); _i++) {\n",
                   p->name, p->name, p->name);
    elem_alias(b, p, "\t\t");
    edl_buf_puts(b, "\t\tsize_t _mlen;\n");
    for (size_t m = 0; m < t->nmembers; m++) {
        const edl_param_t *mb = &t->members[m];
        if (!is_deep(mb))
            continue;
        member_len(b, mb, "\t\t", "return SGX_ERROR_INVALID_PARAMETER;");
        edl_buf_printf(b, "\t\tCHECK_ENCLAVE_POINTER(_s->%s, _mlen);\n"
                          "\t\tif (vsgx_add_overflow(&ocalloc_size, _s->%s != NULL ? _mlen : 0))\n"
                          "\t\t\treturn SGX_ERROR_INVALID_PARAMETER;\n", mb->name, mb->name);
    }
    edl_buf_puts(b, "\t}\n");
}

void edl_gen_deep_ocall_marshal(edl_buf_t *b, const edl_typedef_t *t, const edl_param_t *p)
{
    edl_type_t st = p->type;
    st.is_const = false;
    edl_buf_printf(b, "\t\tfor (size_t _i = 0; _i < _len_%s / sizeof(*%s); _i++) {\n", p->name, p->name);
    elem_alias(b, p, "\t\t\t");
    edl_buf_puts(b, "\t\t\t");
    edl_gen_type(b, &st);
    edl_buf_printf(b, " _u = (");
    edl_gen_type(b, &st);
    edl_buf_printf(b, ")(void*)((char*)_dbase_%s + _i * sizeof(*%s));\n\t\t\tsize_t _mlen;\n",
                   p->name, p->name);
    for (size_t m = 0; m < t->nmembers; m++) {
        const edl_param_t *mb = &t->members[m];
        if (!is_deep(mb))
            continue;
        member_len(b, mb, "\t\t\t", "sgx_ocfree();\n\t\t\t\treturn SGX_ERROR_INVALID_PARAMETER;");
        edl_buf_printf(b, "\t\t\tif (_s->%s != NULL && _mlen != 0) {\n"
                          "\t\t\t\tif (memcpy_verw_s(&_u->%s, sizeof(_u->%s), &__tmp, sizeof(_u->%s)) ||\n"
                          "\t\t\t\t    memcpy_verw_s(__tmp, ocalloc_size, (const void*)_s->%s, _mlen)) {\n"
                          "\t\t\t\t\tsgx_ocfree();\n\t\t\t\t\treturn SGX_ERROR_UNEXPECTED;\n\t\t\t\t}\n"
                          "\t\t\t\t__tmp = (void*)((char*)__tmp + _mlen);\n"
                          "\t\t\t\tocalloc_size -= _mlen;\n"
                          "\t\t\t} else {\n\t\t\t\tmemset_verw(&_u->%s, 0, sizeof(_u->%s));\n\t\t\t}\n",
                       mb->name, mb->name, mb->name, mb->name, mb->name, mb->name, mb->name);
    }
    edl_buf_puts(b, "\t\t}\n");
}

void edl_gen_deep_ocall_back(edl_buf_t *b, const edl_typedef_t *t, const edl_param_t *p)
{
    const char *n = p->name;
    edl_type_t st = p->type;
    st.is_const = false;
    st.pointers = 0;
    edl_buf_printf(b, "\t\tif (%s) {\n\t\t\tconst char* _area = (const char*)__tmp_%s + _len_%s;\n"
                      "\t\t\tfor (size_t _i = 0; _i < _len_%s / sizeof(*%s); _i++) {\n", n, n, n, n, n);
    elem_alias(b, p, "\t\t\t\t");
    edl_buf_puts(b, "\t\t\t\t");
    edl_gen_type(b, &st);
    edl_buf_printf(b, " _e;\n\t\t\t\tsize_t _mlen, _nlen;\n"
                      "\t\t\t\tif (memcpy_s(&_e, sizeof(_e), (const char*)__tmp_%s + _i * sizeof(_e), "
                      "sizeof(_e))) {\n\t\t\t\t\tsgx_ocfree();\n\t\t\t\t\treturn SGX_ERROR_UNEXPECTED;\n"
                      "\t\t\t\t}\n", n);
    const char *inval = "sgx_ocfree();\n\t\t\t\t\treturn SGX_ERROR_INVALID_PARAMETER;";
    for (size_t m = 0; m < t->nmembers; m++) {
        const edl_param_t *mb = &t->members[m];
        if (!is_deep(mb))
            continue;
        member_len_in(b, mb, "_mlen", "_s->", "\t\t\t\t", inval);
        member_len_in(b, mb, "_nlen", "_e.", "\t\t\t\t", inval);
        edl_buf_printf(b, "\t\t\t\tif (_nlen > _mlen) {\n\t\t\t\t\t%s\n\t\t\t\t}\n"
                          "\t\t\t\tif (_s->%s != NULL && _mlen != 0) {\n"
                          "\t\t\t\t\tif (memcpy_s((void*)_s->%s, _mlen, _area, _nlen)) {\n"
                          "\t\t\t\t\t\tsgx_ocfree();\n\t\t\t\t\t\treturn SGX_ERROR_UNEXPECTED;\n"
                          "\t\t\t\t\t}\n\t\t\t\t\t_area += _mlen;\n\t\t\t\t}\n"
                          "\t\t\t\t_e.%s = _s->%s;\n", inval, mb->name, mb->name, mb->name, mb->name);
    }
    edl_buf_printf(b, "\t\t\t\tif (memcpy_s((void*)&%s[_i], sizeof(_e), &_e, sizeof(_e))) {\n"
                      "\t\t\t\t\tsgx_ocfree();\n\t\t\t\t\treturn SGX_ERROR_UNEXPECTED;\n"
                      "\t\t\t\t}\n\t\t\t}\n\t\t}\n", n);
}
