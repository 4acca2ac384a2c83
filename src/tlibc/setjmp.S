/* setjmp.S — tlibc: setjmp and longjmp for x86-64. jmp_buf: rbx, rbp, r12, r13, r14, r15, the
 * caller's rsp (after the return) and the return address. longjmp(env, 0) makes setjmp
 * return 1. */
    .text
    .globl setjmp
    .hidden setjmp
    .type setjmp, @function
setjmp:
    .cfi_startproc
    movq %rbx, 0(%rdi)
    movq %rbp, 8(%rdi)
    movq %r12, 16(%rdi)
    movq %r13, 24(%rdi)
    movq %r14, 32(%rdi)
    movq %r15, 40(%rdi)
    leaq 8(%rsp), %rdx
    movq %rdx, 48(%rdi)
    movq (%rsp), %rdx
    movq %rdx, 56(%rdi)
    xorl %eax, %eax
    ret
    .cfi_endproc
    .size setjmp, .-setjmp

    .globl longjmp
    .hidden longjmp
    .type longjmp, @function
longjmp:
    .cfi_startproc
    movl %esi, %eax
    testl %eax, %eax
    jnz 1f
    incl %eax
1:
    movq 0(%rdi), %rbx
    movq 8(%rdi), %rbp
    movq 16(%rdi), %r12
    movq 24(%rdi), %r13
    movq 32(%rdi), %r14
    movq 40(%rdi), %r15
    movq 48(%rdi), %rsp
    jmpq *56(%rdi)
    .cfi_endproc
    .size longjmp, .-longjmp

    .section .note.GNU-stack, "", @progbits
