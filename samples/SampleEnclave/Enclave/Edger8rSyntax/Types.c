/* Types.c — the enclave side of the by-value type demos: each ECALL checks that it received
 * exactly the value the application sent (user_types.h) and returns a value derived from it. */
#include <wchar.h>

#include "../Enclave.h"
#include "Enclave_t.h"
#include "sgx_trts.h"

char ecall_type_char(char val)
{
    ENCLAVE_CHECK(val == SAMPLE_CHAR_VALUE, "ecall_type_char received %#x", (unsigned)(unsigned char)val);
    return (char)~val;
}

int ecall_type_int(int val)
{
    ENCLAVE_CHECK(val == SAMPLE_INT_VALUE, "ecall_type_int received %#x", (unsigned)val);
    return -val;
}

float ecall_type_float(float val)
{
    ENCLAVE_CHECK(val == SAMPLE_FLOAT_VALUE, "ecall_type_float received %g", (double)val);
    return val * 2.0f;
}

double ecall_type_double(double val)
{
    ENCLAVE_CHECK(val == SAMPLE_DOUBLE_VALUE, "ecall_type_double received %.17g", val);
    return val / 4.0;
}

size_t ecall_type_size_t(size_t val)
{
    ENCLAVE_CHECK(val == SAMPLE_SIZE_T_VALUE, "ecall_type_size_t received %#zx", val);
    return ~val;
}

wchar_t ecall_type_wchar_t(wchar_t val)
{
    ENCLAVE_CHECK(val == SAMPLE_WCHAR_VALUE, "ecall_type_wchar_t received %#x", (unsigned)val);
    return val + 1;
}

struct sample_pair_t ecall_type_struct(struct sample_pair_t val)
{
    ENCLAVE_CHECK(val.tag == SAMPLE_STRUCT_TAG && val.value == SAMPLE_STRUCT_VALUE,
                  "ecall_type_struct received {%u, %#llx}", val.tag, (unsigned long long)val.value);
    struct sample_pair_t reply = { val.tag + 1, ~val.value };
    return reply;
}

/* The union pointer is [user_check]: no copy is made, so the enclave must check that it points
 * outside before it touches it. */
int ecall_type_enum_union(enum sample_color_t color, union sample_word_t *word)
{
    ENCLAVE_CHECK(color == SAMPLE_GREEN, "ecall_type_enum_union received colour %d", (int)color);
    ENCLAVE_CHECK(word != NULL && sgx_is_outside_enclave(word, sizeof *word),
                  "ecall_type_enum_union: the union is not outside the enclave");
    ENCLAVE_CHECK(word->low == (uint32_t)SAMPLE_UNION_IN, "ecall_type_enum_union read %#x", word->low);
    word->whole = SAMPLE_UNION_OUT;
    return (int)SAMPLE_BLUE;
}
