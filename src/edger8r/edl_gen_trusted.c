/* edl_gen_trusted.c — <name>_t.c: the boundary-check helpers, the marshalling structs, a bridge
 * per ECALL, g_ecall_table (address, private flag, switchless flag), g_dyn_entry_table (which
 * ECALLs each OCALL allows) and a proxy per OCALL. */
#include <stdlib.h>
#include <string.h>

#include "edl_gen.h"
#include "edl_gen_bridge.h"

static const char prologue[] =
    "#include \"sgx_trts.h\" /* sgx_is_outside_enclave, sgx_is_within_enclave */\n"
    "#include \"sgx_lfence.h\" /* sgx_lfence */\n\n"
    "#include <errno.h>\n#include <stdint.h>\n#include <stdlib.h> /* malloc, free */\n"
    "#include <string.h>\n#include <wchar.h>\n"
    "#include \"mbusafecrt.h\" /* memcpy_s, memcpy_verw_s, memset_verw */\n\n"
    "/* The marshalling struct: present and wholly outside the enclave. */\n"
    "#define CHECK_REF_POINTER(ptr, siz) do {\\\n"
    "\tif (!(ptr) || !sgx_is_outside_enclave((ptr), (siz)))\\\n"
    "\t\treturn SGX_ERROR_INVALID_PARAMETER;\\\n} while (0)\n\n"
    "/* An ECALL buffer: NULL, or wholly outside the enclave. */\n"
    "#define CHECK_UNIQUE_POINTER(ptr, siz) do {\\\n"
    "\tif ((ptr) && !sgx_is_outside_enclave((ptr), (siz)))\\\n"
    "\t\treturn SGX_ERROR_INVALID_PARAMETER;\\\n} while (0)\n\n"
    "/* An OCALL buffer: NULL, or wholly inside the enclave. */\n"
    "#define CHECK_ENCLAVE_POINTER(ptr, siz) do {\\\n"
    "\tif ((ptr) && !sgx_is_within_enclave((ptr), (siz)))\\\n"
    "\t\treturn SGX_ERROR_INVALID_PARAMETER;\\\n} while (0)\n\n";

/* Helpers emitted only when the generated code uses them (unused static functions warn). */
static const char mul_helper[] =
    "/* *r = a * b; nonzero if the product does not fit in size_t. */\n"
    "static int vsgx_mul_overflow(size_t a, size_t b, size_t *r)\n{\n"
    "\tif (b != 0 && a > SIZE_MAX / b)\n\t\treturn 1;\n\t*r = a * b;\n\treturn 0;\n}\n\n";
static const char add_helper[] =
    "/* *acc += n; nonzero if the sum wraps. */\n"
    "static int vsgx_add_overflow(size_t *acc, size_t n)\n{\n"
    "\tif (*acc + n < n)\n\t\treturn 1;\n\t*acc += n;\n\treturn 0;\n}\n\n";
static const char deep_helper[] =
    "/* A deep-copied struct member: the untrusted pointer, the enclave copy and its length. */\n"
    "typedef struct {\n\tvoid *orig, *copy;\n\tsize_t len;\n} vsgx_deep_t;\n\n";
static bool allows(const edl_func_t *o, const char *ecall)
{
    for (size_t i = 0; i < o->nallow; i++)
        if (strcmp(o->allow[i], ecall) == 0)
            return true;
    return false;
}

static void gen_tables(edl_buf_t *b, const edl_enclave_t *e)
{
    size_t ne = e->ntrusted, no = e->nuntrusted;
    edl_buf_printf(b, "SGX_EXTERNC const struct {\n\tsize_t nr_ecall;\n\tstruct {const void* ecall_addr; "
                      "uint8_t is_priv; uint8_t is_switchless;} ecall_table[%zu];\n} g_ecall_table = {\n"
                      "\t%zu,\n\t{\n", ne ? ne : 1, ne);
    for (size_t i = 0; i < ne; i++)
        edl_buf_printf(b, "\t\t{(const void*)(uintptr_t)sgx_%s, %d, %d},\n", e->trusted[i].name,
                       e->trusted[i].is_public ? 0 : 1, e->trusted[i].switchless ? 1 : 0);
    if (ne == 0)
        edl_buf_puts(b, "\t\t{NULL, 0, 0},\n");
    edl_buf_puts(b, "\t}\n};\n\n");

    edl_buf_puts(b, "SGX_EXTERNC const struct {\n\tsize_t nr_ocall;\n");
    if (no == 0) {
        edl_buf_puts(b, "} g_dyn_entry_table = {\n\t0,\n};\n\n");
        return;
    }
    edl_buf_printf(b, "\tuint8_t entry_table[%zu][%zu];\n} g_dyn_entry_table = {\n\t%zu,\n\t{\n", no,
                   ne ? ne : 1, no);
    for (size_t o = 0; o < no; o++) {
        edl_buf_puts(b, "\t\t{");
        for (size_t i = 0; i < ne; i++)
            edl_buf_printf(b, "%s%d", i ? ", " : "", allows(&e->untrusted[o], e->trusted[i].name));
        if (ne == 0)
            edl_buf_puts(b, "0");
        edl_buf_puts(b, "},\n");
    }
    edl_buf_puts(b, "\t}\n};\n\n");
}

char *edl_gen_trusted_source(const edl_enclave_t *e)
{
    edl_buf_t b = {0};
    edl_gen_banner(&b, "trusted bridges, tables and OCALL proxies");
    edl_buf_printf(&b, "#include \"%s_t.h\"\n\n", e->name);
    edl_buf_puts(&b, prologue);
    edl_buf_t body = {0};
    edl_gen_ms_structs(&body, e);
    for (size_t i = 0; i < e->ntrusted; i++)
        edl_gen_bridge(&body, e, &e->trusted[i]);
    gen_tables(&body, e);
    for (size_t i = 0; i < e->nuntrusted; i++)
        edl_gen_ocall_proxy(&body, e, &e->untrusted[i], i);
    char *text = edl_buf_finish(&body);
    if (!text) {
        edl_buf_free(&b);
        return NULL;
    }
    if (strstr(text, "vsgx_mul_overflow("))
        edl_buf_puts(&b, mul_helper);
    if (strstr(text, "vsgx_add_overflow("))
        edl_buf_puts(&b, add_helper);
    if (strstr(text, "vsgx_deep_t"))
        edl_buf_puts(&b, deep_helper);
    edl_buf_puts(&b, text);
    free(text);
    return edl_buf_finish(&b);
}
