/* sim_eenter.S — the simulated EENTER and EEXIT. vsgx_sim_eenter_asm(ctx) saves the host's
 * callee-saved registers and its RSP/RBP (into the SSA frame's URSP/URBP, as the CPU does),
 * switches FS and GS to the thread's bases in the enclave, and jumps to the enclave's entry with
 * RAX = CSSA, RBX = the TCS and RCX = the address EEXIT must jump to. The enclave's EEXIT is a
 * jump to that address with RSP/RBP restored from URSP/URBP: the host's FS and GS come back, the
 * enclave's RDI/RSI/RDX are stored in ctx, and the call returns. Context offsets: sim_enter.c. */
/* Saves the host's state (callee-saved registers, ctx, URSP/URBP into the SSA frame ctx->gpr)
 * and switches FS and GS to the enclave's. r12 = ctx afterwards. */
.macro SAVE_HOST_AND_SWITCH
    push %rbp
    .cfi_adjust_cfa_offset 8
    push %rbx
    .cfi_adjust_cfa_offset 8
    push %r12
    .cfi_adjust_cfa_offset 8
    push %r13
    .cfi_adjust_cfa_offset 8
    push %r14
    .cfi_adjust_cfa_offset 8
    push %r15
    .cfi_adjust_cfa_offset 8
    push %rdi                       /* ctx: at 0(%rsp) when the enclave comes back */
    .cfi_adjust_cfa_offset 8
    mov %rdi, %r12
    mov 40(%r12), %rax              /* the current SSA frame's GPRSGX */
    mov %rsp, 144(%rax)             /* URSP */
    mov %rbp, 152(%rax)             /* URBP */
    cmpq $0, 88(%r12)
    je 1f
    mov 8(%r12), %rax
    wrfsbase %rax
    mov 16(%r12), %rax
    wrgsbase %rax
    jmp 2f
1:  mov $158, %eax                  /* arch_prctl(ARCH_SET_FS / ARCH_SET_GS) */
    mov $0x1002, %edi
    mov 8(%r12), %rsi
    syscall
    mov $158, %eax
    mov $0x1001, %edi
    mov 16(%r12), %rsi
    syscall
2:
.endm

    .text
    .globl vsgx_sim_eenter_asm
    .type vsgx_sim_eenter_asm, @function
vsgx_sim_eenter_asm:
    .cfi_startproc
    SAVE_HOST_AND_SWITCH
    mov 48(%r12), %rdi
    mov 56(%r12), %rsi
    mov 64(%r12), %rdx
    mov 24(%r12), %rbx              /* RBX: the TCS */
    mov 32(%r12), %rax              /* RAX: CSSA */
    lea vsgx_sim_eexit_target(%rip), %rcx
    jmp *0(%r12)

    .globl vsgx_sim_eexit_target
    .hidden vsgx_sim_eexit_target
vsgx_sim_eexit_target:
    mov 0(%rsp), %r12               /* EEXIT: RSP/RBP are the host's again */
    mov %rdi, 48(%r12)
    mov %rsi, 56(%r12)
    mov %rdx, 64(%r12)
    cmpq $0, 88(%r12)
    je 3f
    mov 72(%r12), %rax
    wrfsbase %rax
    mov 80(%r12), %rax
    wrgsbase %rax
    jmp 4f
3:  mov $158, %eax
    mov $0x1002, %edi
    mov 72(%r12), %rsi
    syscall
    mov $158, %eax
    mov $0x1001, %edi
    mov 80(%r12), %rsi
    syscall
4:  add $8, %rsp
    .cfi_adjust_cfa_offset -8
    pop %r15
    .cfi_adjust_cfa_offset -8
    pop %r14
    .cfi_adjust_cfa_offset -8
    pop %r13
    .cfi_adjust_cfa_offset -8
    pop %r12
    .cfi_adjust_cfa_offset -8
    pop %rbx
    .cfi_adjust_cfa_offset -8
    pop %rbp
    .cfi_adjust_cfa_offset -8
    ret
    .cfi_endproc
    .size vsgx_sim_eenter_asm, .-vsgx_sim_eenter_asm

/* vsgx_sim_eresume_asm(ctx): ERESUME. As EENTER for the host's side; then the extended state
 * comes back from the frame's XSAVE area (when ctx->xsave), and every register, RFLAGS and RIP
 * from the SSA frame ctx->gpr. RFLAGS and RIP are staged just below the red
 * zone of the resumed stack (RSP - 144), then popfq and `ret $128` leave RSP as saved. Returns
 * through vsgx_sim_eexit_target like EENTER. */
    .globl vsgx_sim_eresume_asm
    .type vsgx_sim_eresume_asm, @function
vsgx_sim_eresume_asm:
    .cfi_startproc
    SAVE_HOST_AND_SWITCH
    mov 96(%r12), %rcx              /* the frame's XSAVE image, if the AEX saved one */
    test %rcx, %rcx
    jz 5f
    mov $-1, %eax                   /* every component the image has (the enclave runs with the */
    mov $-1, %edx                   /* host's XCR0, not limited to its XFRM) */
    xrstor64 (%rcx)
5:  mov 40(%r12), %r11              /* the SSA frame's GPRSGX */
    mov 32(%r11), %rax              /* the saved RSP */
    lea -144(%rax), %rax
    mov 128(%r11), %rcx             /* RFLAGS */
    mov %rcx, 0(%rax)
    mov 136(%r11), %rcx             /* RIP */
    mov %rcx, 8(%rax)
    mov %rax, %rsp
    mov 0(%r11), %rax
    mov 8(%r11), %rcx
    mov 16(%r11), %rdx
    mov 24(%r11), %rbx
    mov 40(%r11), %rbp
    mov 48(%r11), %rsi
    mov 56(%r11), %rdi
    mov 64(%r11), %r8
    mov 72(%r11), %r9
    mov 80(%r11), %r10
    mov 96(%r11), %r12
    mov 104(%r11), %r13
    mov 112(%r11), %r14
    mov 120(%r11), %r15
    mov 88(%r11), %r11
    popfq
    ret $128
    .cfi_endproc
    .size vsgx_sim_eresume_asm, .-vsgx_sim_eresume_asm
    .section .note.GNU-stack, "", @progbits
