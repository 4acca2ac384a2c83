/* Types.c — passes each basic type by value into the enclave and checks the derived value it
 * returns (the enclave checks what it received; see Enclave/Edger8rSyntax/Types.c). */
#include <stdio.h>

#include "../App.h"
#include "Enclave_u.h"

void edger8r_type_attributes(void)
{
    char c = 0;
    app_check_status(ecall_type_char(global_eid, &c, SAMPLE_CHAR_VALUE), "ecall_type_char");
    APP_CHECK(c == (char)~SAMPLE_CHAR_VALUE, "ecall_type_char returned %#x", (unsigned)(unsigned char)c);

    int i = 0;
    app_check_status(ecall_type_int(global_eid, &i, SAMPLE_INT_VALUE), "ecall_type_int");
    APP_CHECK(i == -SAMPLE_INT_VALUE, "ecall_type_int returned %d", i);

    float f = 0;
    app_check_status(ecall_type_float(global_eid, &f, SAMPLE_FLOAT_VALUE), "ecall_type_float");
    APP_CHECK(f == SAMPLE_FLOAT_VALUE * 2.0f, "ecall_type_float returned %g", (double)f);

    double d = 0;
    app_check_status(ecall_type_double(global_eid, &d, SAMPLE_DOUBLE_VALUE), "ecall_type_double");
    APP_CHECK(d == SAMPLE_DOUBLE_VALUE / 4.0, "ecall_type_double returned %.17g", d);

    size_t z = 0;
    app_check_status(ecall_type_size_t(global_eid, &z, SAMPLE_SIZE_T_VALUE), "ecall_type_size_t");
    APP_CHECK(z == ~SAMPLE_SIZE_T_VALUE, "ecall_type_size_t returned %#zx", z);

    wchar_t w = 0;
    app_check_status(ecall_type_wchar_t(global_eid, &w, SAMPLE_WCHAR_VALUE), "ecall_type_wchar_t");
    APP_CHECK(w == SAMPLE_WCHAR_VALUE + 1, "ecall_type_wchar_t returned %#x", (unsigned)w);

    struct sample_pair_t in = { SAMPLE_STRUCT_TAG, SAMPLE_STRUCT_VALUE }, out = { 0, 0 };
    app_check_status(ecall_type_struct(global_eid, &out, in), "ecall_type_struct");
    APP_CHECK(out.tag == SAMPLE_STRUCT_TAG + 1 && out.value == ~SAMPLE_STRUCT_VALUE,
              "ecall_type_struct returned {%u, %#llx}", out.tag, (unsigned long long)out.value);

    union sample_word_t word;
    word.whole = SAMPLE_UNION_IN;
    int colour = -1;
    app_check_status(ecall_type_enum_union(global_eid, &colour, SAMPLE_GREEN, &word), "ecall_type_enum_union");
    APP_CHECK(colour == SAMPLE_BLUE, "ecall_type_enum_union returned colour %d", colour);
    APP_CHECK(word.whole == SAMPLE_UNION_OUT, "ecall_type_enum_union left %#llx in the union",
              (unsigned long long)word.whole);

    printf("Info: types: char, int, float, double, size_t, wchar_t, struct, enum and union crossed intact.\n");
}
