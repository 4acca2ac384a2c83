/* setjmp.h — tlibc: non-local jumps. A jmp_buf holds the callee-saved registers of x86-64
 * (rbx, rbp, r12-r15), the stack pointer and the return address; there is no signal mask. */
#ifndef _TLIBC_SETJMP_H
#define _TLIBC_SETJMP_H

#ifdef __cplusplus
extern "C" {
#endif

typedef long jmp_buf[8];

int setjmp(jmp_buf env) __attribute__((__returns_twice__));
_Noreturn void longjmp(jmp_buf env, int value);

#ifdef __cplusplus
}
#endif

#endif
