/* trts_entry.S — the enclave's entry and exits. enclave_entry is where EENTER lands (RAX = CSSA,
 * RBX = the TCS, RCX = the address EEXIT must jump to; RDI = the command or ECALL index, RSI =
 * the marshalling structure or an OCALL's status, RDX = the untrusted OCALL arena). It moves to
 * the thread's enclave stack, calls vsgx_trts_ecall, and leaves by EEXIT with RDI = -1 (ECALL
 * returned) and RSI = its status. vsgx_trts_ocall_exit leaves for an OCALL (RDI = its index,
 * RSI = its data) keeping its frame on the enclave stack; the EENTER with RDI = -2 (ORET)
 * resumes it. EEXIT restores the host's RSP/RBP from the SSA (URSP, URBP) and clears the
 * registers that could carry enclave data. Thread data (FS and GS base): vsgx/global_data.h. */

#define TD_SELF 0
#define TD_LAST_SP 8
#define TD_STACK_BASE 16
#define TD_STACK_LIMIT 24
#define TD_FIRST_SSA_GPR 32
#define TD_CSSA 96                      /* exception_flag: the CSSA of the current entry */
#define TD_EXIT_ADDRESS 104
#define SSA_RSP 32
#define RED_ZONE 128
#define EXCEPTION_STACK_MIN 8192        /* what the handlers need, at least, above the limit */
#define GD_TD_TEMPLATE_STACK_BASE 96   /* g_global_data.td_template.stack_base_addr */
#define SSA_URSP 144
#define SSA_URBP 152
#define ECMD_ORET -2
#define ECMD_EXCEPT -3
#define OCMD_ERET -1

    .text
    .globl enclave_entry
    .type enclave_entry, @function
enclave_entry:
    .cfi_startproc
    .cfi_undefined rip
    cld                                 /* the C ABI's DF = 0, whatever the host left */
    cmp $0, %rax                        /* CSSA > 0: only to handle the exception of frame CSSA - 1 */
    jne .Lexception
    mov %rax, %gs:TD_CSSA
    cmp $ECMD_ORET, %rdi
    je .Loret
    mov %gs:TD_SELF, %r9
    test %r9, %r9
    jnz 1f
    /* This thread's first entry: its stack top comes from the template, relative to the TCS. */
    mov g_global_data+GD_TD_TEMPLATE_STACK_BASE(%rip), %r9
    add %rbx, %r9
    jmp 2f
1:  mov %gs:TD_LAST_SP, %r9             /* the stack base, or below an OCALL's frame (nested ECALL) */
2:  mov %r9, %rsp
    and $-16, %rsp
    xor %ebp, %ebp
    mov %rcx, %r8                       /* vsgx_trts_ecall(cmd, ms, arena, tcs, exit_address) */
    mov %rbx, %rcx
    call vsgx_trts_ecall
    mov $OCMD_ERET, %rdi
    mov %rax, %rsi
    jmp vsgx_trts_eexit

.Loret:                                 /* an OCALL returns: RSI is its status */
    mov %rcx, %gs:TD_EXIT_ADDRESS
    mov %gs:TD_LAST_SP, %rsp
    mov %rsi, %rax
    pop %gs:TD_LAST_SP                  /* the previous frame, for a later nested ECALL */
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %rbx
    pop %rbp
    ret                                 /* into sgx_ocall, with the status */

.Lexception:
    cmp $ECMD_EXCEPT, %rdi
    jne .Lcrashed
    mov %rax, %gs:TD_CSSA
    mov %rcx, %gs:TD_EXIT_ADDRESS
    lea -1(%rax), %r8                   /* the interrupted frame's GPRSGX */
    imul vsgx_trts_ssa_frame_bytes(%rip), %r8
    add %gs:TD_FIRST_SSA_GPR, %r8
    mov SSA_RSP(%r8), %r9               /* the handlers run below its stack and red zone */
    sub $RED_ZONE, %r9
    and $-16, %r9
    cmp %gs:TD_STACK_BASE, %r9
    ja .Lexception_crash
    mov %gs:TD_STACK_LIMIT, %r10
    add $EXCEPTION_STACK_MIN, %r10
    add vsgx_trts_ssa_frame_bytes(%rip), %r10 /* and the info with a copy of the XSAVE area */
    cmp %r10, %r9                       /* an overflowed stack cannot run them: the enclave crashes */
    jb .Lexception_crash
    mov %r9, %rsp
    xor %ebp, %ebp
    mov %r8, %rdi
    call vsgx_trts_handle_exception
    mov %rax, %rsi
    jmp .Lexception_exit
.Lexception_crash:
    movl $1, vsgx_trts_crashed(%rip)
    mov $0x1006, %rsi                   /* SGX_ERROR_ENCLAVE_CRASHED */
.Lexception_exit:
    mov $OCMD_ERET, %rdi
    mov %gs:TD_CSSA, %r8                /* leave by this entry's frame; the resumed code is in the one below */
    decq %gs:TD_CSSA
    jmp .Leexit_frame

.Lcrashed:
    mov $OCMD_ERET, %rdi
    mov $0x1006, %rsi                   /* SGX_ERROR_ENCLAVE_CRASHED */
    mov %rcx, %rbx
    jmp *%rbx
    .cfi_endproc
    .size enclave_entry, .-enclave_entry

/* uint64_t vsgx_trts_ocall_exit(uint64_t index, void *ms): EEXIT for an OCALL; returns the
 * OCALL's status when the host comes back with ORET. */
    .globl vsgx_trts_ocall_exit
    .type vsgx_trts_ocall_exit, @function
vsgx_trts_ocall_exit:
    .cfi_startproc
    push %rbp
    push %rbx
    push %r12
    push %r13
    push %r14
    push %r15
    push %gs:TD_LAST_SP
    mov %rsp, %gs:TD_LAST_SP
    jmp vsgx_trts_eexit
    .cfi_endproc
    .size vsgx_trts_ocall_exit, .-vsgx_trts_ocall_exit

/* EEXIT with RDI/RSI as set: to the host's stack (URSP/URBP of the current entry's SSA frame)
 * and exit address. .Leexit_frame takes the frame's index in R8. */
    .globl vsgx_trts_eexit
    .type vsgx_trts_eexit, @function
vsgx_trts_eexit:
    mov %gs:TD_CSSA, %r8
.Leexit_frame:
    imul vsgx_trts_ssa_frame_bytes(%rip), %r8
    add %gs:TD_FIRST_SSA_GPR, %r8
    mov SSA_URSP(%r8), %r9
    mov SSA_URBP(%r8), %rbp
    mov %gs:TD_EXIT_ADDRESS, %rbx
    xor %eax, %eax
    xor %ecx, %ecx
    xor %edx, %edx
    xor %r8d, %r8d
    xor %r10d, %r10d
    xor %r11d, %r11d
    xor %r12d, %r12d
    xor %r13d, %r13d
    xor %r14d, %r14d
    xor %r15d, %r15d
    mov %r9, %rsp
    xor %r9d, %r9d
    jmp *%rbx
    .size vsgx_trts_eexit, .-vsgx_trts_eexit
    .section .note.GNU-stack, "", @progbits
