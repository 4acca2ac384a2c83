/* edl_gen_util.c — C spellings of EDL types and declarations, parameter classification, buffer
 * length code, and the parts shared by both halves (marshalling structs, user types). */
#include "edl_gen_util.h"

#include <ctype.h>
#include <string.h>

void edl_gen_type(edl_buf_t *b, const edl_type_t *t)
{
    if (t->is_const)
        edl_buf_puts(b, "const ");
    switch (t->kind) {
    case EDL_TYPE_STRUCT: edl_buf_printf(b, "struct %s", t->name); break;
    case EDL_TYPE_UNION: edl_buf_printf(b, "union %s", t->name); break;
    case EDL_TYPE_ENUM: edl_buf_printf(b, "enum %s", t->name); break;
    case EDL_TYPE_VOID: edl_buf_puts(b, "void"); break;
    default: edl_buf_puts(b, t->name); break;
    }
    for (int i = 0; i < t->pointers; i++)
        edl_buf_puts(b, "*");
}

void edl_gen_decl(edl_buf_t *b, const edl_param_t *p)
{
    edl_gen_type(b, &p->type);
    edl_buf_printf(b, " %s", p->name);
    for (size_t i = 0; i < p->ndims; i++)
        edl_buf_printf(b, "[%llu]", (unsigned long long)p->dims[i]);
}

void edl_gen_ms_type(edl_buf_t *b, const edl_param_t *p)
{
    edl_gen_type(b, &p->type);
    if (p->ndims > 0 || p->attrs.isary)
        edl_buf_puts(b, "*");
}

void edl_gen_params(edl_buf_t *b, const edl_func_t *f, const char *lead)
{
    edl_buf_puts(b, "(");
    bool first = true;
    if (lead) {
        edl_buf_puts(b, lead);
        first = false;
    }
    for (size_t i = 0; i < f->nparams; i++) {
        if (!first)
            edl_buf_puts(b, ", ");
        edl_gen_decl(b, &f->params[i]);
        first = false;
    }
    if (first)
        edl_buf_puts(b, "void");
    edl_buf_puts(b, ")");
}

bool edl_ret_void(const edl_func_t *f)
{
    return f->ret.kind == EDL_TYPE_VOID && f->ret.pointers == 0;
}

bool edl_has_ms(const edl_func_t *f)
{
    return !edl_ret_void(f) || f->nparams > 0 || (!f->trusted && f->propagate_errno);
}

bool edl_is_pointerish(const edl_param_t *p)
{
    return p->type.pointers > 0 || p->ndims > 0 || p->attrs.isptr || p->attrs.isary;
}

bool edl_is_user_check(const edl_param_t *p)
{
    return edl_is_pointerish(p) && (p->attrs.user_check || !(p->attrs.in || p->attrs.out));
}

bool edl_is_buffer(const edl_param_t *p)
{
    return edl_is_pointerish(p) && !p->attrs.user_check && (p->attrs.in || p->attrs.out);
}

bool edl_is_string(const edl_param_t *p)
{
    return edl_is_buffer(p) && (p->attrs.string || p->attrs.wstring);
}

bool edl_needs_void_cast(const edl_param_t *p)
{
    return p->ndims > 1 || p->attrs.isary;
}

bool edl_pointee_sized(const edl_param_t *p)
{
    if (p->ndims > 0 || p->attrs.isary || p->attrs.isptr)
        return false;
    return !(p->type.kind == EDL_TYPE_VOID && p->type.pointers == 1);
}

const edl_typedef_t *edl_deep_struct(const edl_enclave_t *e, const edl_param_t *p)
{
    if (p->type.kind != EDL_TYPE_STRUCT || p->type.pointers != 1 || !edl_is_buffer(p))
        return NULL;
    for (size_t i = 0; i < e->ntypes; i++) {
        const edl_typedef_t *t = &e->types[i];
        if (t->kind != EDL_DEF_STRUCT || !t->name || strcmp(t->name, p->type.name) != 0)
            continue;
        for (size_t m = 0; m < t->nmembers; m++)
            if (t->members[m].attrs.size.kind != EDL_SIZE_NONE ||
                t->members[m].attrs.count.kind != EDL_SIZE_NONE)
                return t;
        return NULL;
    }
    return NULL;
}

static void gen_size_value(edl_buf_t *b, const edl_size_t *s, const char *ref)
{
    if (s->kind == EDL_SIZE_NUMBER)
        edl_buf_printf(b, "(size_t)%lluU", (unsigned long long)s->number);
    else
        edl_buf_printf(b, "(size_t)%s%s", ref, s->name);
}

void edl_gen_len(edl_buf_t *b, const edl_param_t *p, const char *ref, const char *fail)
{
    if (p->ndims > 0) {
        unsigned long long n = 1;
        for (size_t i = 0; i < p->ndims; i++)
            n *= (unsigned long long)p->dims[i];
        edl_buf_printf(b, "\tsize_t _len_%s = %lluU * sizeof(", p->name, n);
        edl_gen_type(b, &p->type);
        edl_buf_puts(b, ");\n");
        return;
    }
    if (p->attrs.isary) {
        edl_buf_printf(b, "\tsize_t _len_%s = sizeof(", p->name);
        edl_gen_type(b, &p->type);
        edl_buf_puts(b, ");\n");
        return;
    }
    edl_buf_t elem = {0};
    if (p->attrs.size.kind != EDL_SIZE_NONE)
        gen_size_value(&elem, &p->attrs.size, ref);
    else
        edl_buf_printf(&elem, "sizeof(*%s%s)", ref, p->name);
    if (elem.failed) {
        b->failed = true;
    } else if (p->attrs.count.kind != EDL_SIZE_NONE) {
        edl_buf_printf(b, "\tsize_t _len_%s = 0;\n\tif (vsgx_mul_overflow(", p->name);
        gen_size_value(b, &p->attrs.count, ref);
        edl_buf_printf(b, ", %s, &_len_%s))\n\t\t%s\n", elem.data, p->name, fail);
    } else {
        edl_buf_printf(b, "\tsize_t _len_%s = %s;\n", p->name, elem.data);
    }
    edl_buf_free(&elem);
}

static void gen_ms_struct(edl_buf_t *b, const edl_func_t *f)
{
    if (!edl_has_ms(f))
        return;
    edl_buf_printf(b, "typedef struct ms_%s_t {\n", f->name);
    if (!edl_ret_void(f)) {
        edl_buf_puts(b, "\t");
        edl_gen_type(b, &f->ret);
        edl_buf_puts(b, " ms_retval;\n");
    }
    if (!f->trusted && f->propagate_errno)
        edl_buf_puts(b, "\tint ocall_errno;\n");
    for (size_t i = 0; i < f->nparams; i++) {
        const edl_param_t *p = &f->params[i];
        edl_buf_puts(b, "\t");
        edl_gen_ms_type(b, p);
        edl_buf_printf(b, " ms_%s;\n", p->name);
        if (f->trusted && edl_is_string(p) && p->attrs.in)
            edl_buf_printf(b, "\tsize_t ms_%s_len;\n", p->name);
    }
    edl_buf_printf(b, "} ms_%s_t;\n\n", f->name);
}

void edl_gen_ms_structs(edl_buf_t *b, const edl_enclave_t *e)
{
    for (size_t i = 0; i < e->ntrusted; i++)
        gen_ms_struct(b, &e->trusted[i]);
    for (size_t i = 0; i < e->nuntrusted; i++)
        gen_ms_struct(b, &e->untrusted[i]);
}

void edl_gen_user_types(edl_buf_t *b, const edl_enclave_t *e)
{
    for (size_t i = 0; i < e->ntypes; i++) {
        const edl_typedef_t *t = &e->types[i];
        if (t->kind == EDL_DEF_ENUM) {
            if (t->name)
                edl_buf_printf(b, "#ifndef _%s\n#define _%s\ntypedef enum %s {\n", t->name, t->name,
                               t->name);
            else
                edl_buf_puts(b, "enum {\n");
            for (size_t v = 0; v < t->nvalues; v++) {
                edl_buf_printf(b, "\t%s", t->values[v].name);
                if (t->values[v].value)
                    edl_buf_printf(b, " = %s", t->values[v].value);
                edl_buf_puts(b, v + 1 < t->nvalues ? ",\n" : "\n");
            }
            if (t->name)
                edl_buf_printf(b, "} %s;\n#endif\n\n", t->name);
            else
                edl_buf_puts(b, "};\n\n");
            continue;
        }
        const char *kw = t->kind == EDL_DEF_STRUCT ? "struct" : "union";
        edl_buf_printf(b, "#ifndef _%s\n#define _%s\ntypedef %s %s {\n", t->name, t->name, kw, t->name);
        for (size_t m = 0; m < t->nmembers; m++) {
            edl_buf_puts(b, "\t");
            edl_gen_decl(b, &t->members[m]);
            edl_buf_puts(b, ";\n");
        }
        edl_buf_printf(b, "} %s;\n#endif\n\n", t->name);
    }
}

void edl_gen_banner(edl_buf_t *b, const char *what)
{
    edl_buf_printf(b, "/* %s — generated by sgx_edger8r (vsgx). Do not edit. */\n", what);
}

void edl_gen_includes(edl_buf_t *b, const edl_include_t *inc, size_t n)
{
    for (size_t i = 0; i < n; i++)
        edl_buf_printf(b, "#include \"%s\"\n", inc[i].file);
}

char *edl_gen_c_name(const char *name)
{
    char *c = strdup(name);
    for (char *p = c; p && *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '_')
            *p = '_';
    return c;
}
