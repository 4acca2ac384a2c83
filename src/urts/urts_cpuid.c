/* urts_cpuid.c — CPUID for enclaves (it faults inside a real enclave): sgx_oc_cpuidex, the
 * OCALL of sgx_tstdc.edl (leaf and subleaf in, EAX..EDX out), and the table of leaves passed to
 * every enclave at its initialisation (vsgx/cpuid_table.h). Host code. */
#include <cpuid.h>
#include <pthread.h>

#include "urts_enclave.h"

void sgx_oc_cpuidex(int cpuinfo[4], int leaf, int subleaf);

void sgx_oc_cpuidex(int cpuinfo[4], int leaf, int subleaf)
{
    unsigned int a, b, c, d;
    if (!cpuinfo)
        return;
    __cpuid_count((unsigned int)leaf, (unsigned int)subleaf, a, b, c, d);
    cpuinfo[0] = (int)a;
    cpuinfo[1] = (int)b;
    cpuinfo[2] = (int)c;
    cpuinfo[3] = (int)d;
}

static vsgx_cpuid_table_t host_table;
static pthread_once_t host_table_once = PTHREAD_ONCE_INIT;

/* Run once: CPUID faults on a thread that has entered an enclave, and its answers do not change. */
static void fill_host_table(void)
{
    vsgx_cpuid_table_t *t = &host_table;
    static const uint32_t leaves[][2] = VSGX_CPUID_TABLE_LEAVES;
    unsigned int max = __get_cpuid_max(0, NULL), ext_max = __get_cpuid_max(0x80000000u, NULL);
    *t = (vsgx_cpuid_table_t){ .magic = VSGX_CPUID_TABLE_MAGIC };
    for (size_t i = 0; i < sizeof leaves / sizeof leaves[0] && t->count < VSGX_CPUID_TABLE_MAX; i++) {
        uint32_t leaf = leaves[i][0], sub = leaves[i][1];
        if (leaf > (leaf >= 0x80000000u ? ext_max : max))
            continue;
        vsgx_cpuid_entry_t *e = &t->entry[t->count++];
        e->leaf = leaf;
        e->subleaf = sub;
        __cpuid_count(leaf, sub, e->eax, e->ebx, e->ecx, e->edx);
    }
}

void vsgx_urts_cpuid_table(vsgx_cpuid_table_t *t)
{
    pthread_once(&host_table_once, fill_host_table);
    *t = host_table;
}
