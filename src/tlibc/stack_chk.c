/* stack_chk.c — tlibc: the stack protector's failure path. The canary itself lives at %fs:0x28
 * in the thread data the trusted runtime sets up; a smashed canary ends in abort(). */
#include <stdlib.h>

#include "internal.h"

_Noreturn void __stack_chk_fail(void);

_Noreturn void __stack_chk_fail(void)
{
    tlibc_report("stack smashing detected");
    abort();
}
