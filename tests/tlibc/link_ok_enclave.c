/* link_ok_enclave.c — a tiny enclave that uses tlibc broadly, for check_link.sh: it must link
 * as an enclave (no undefined symbols) given only an abort() from the trusted runtime, which is
 * stubbed here. */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vsgx/tlibc.h>

_Noreturn void abort(void)
{
    for (;;)
        __asm__ volatile("ud2");
}

static char heap[1 << 16] __attribute__((aligned(16)));
static jmp_buf env;

__attribute__((visibility("default"))) long enclave_entry(long index)
{
    char buf[128];
    vsgx_tlibc_heap_init(heap, sizeof heap, sizeof heap);
    char *p = strdup("3.25");
    double d = strtod(p, NULL);
    int n = snprintf(buf, sizeof buf, "%s %.3e %" PRId64 " %d", p, d, (int64_t)index, errno);
    free(p);
    assert(n > 0);
    if (setjmp(env) == 0)
        longjmp(env, 2);
    return n + toupper(buf[0]) + (long)strlen(buf);
}
