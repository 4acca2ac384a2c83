/* rules_textrel.S — a test fixture for the ELF rules: a pointer stored in .text. Linked with
 * -z notext it becomes an R_X86_64_RELATIVE relocation inside the executable segment and the
 * linker sets DT_TEXTREL: a text relocation, refused unless ignore_rel_error is given. */
    .text
    .globl textrel_pointer
    .p2align 3
textrel_pointer:
    .quad g_global_data
    .section .note.GNU-stack, "", @progbits
