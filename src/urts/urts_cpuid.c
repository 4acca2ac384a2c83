/* urts_cpuid.c — sgx_oc_cpuidex, the OCALL of sgx_tstdc.edl that runs CPUID for an enclave
 * (CPUID faults inside a real enclave): leaf and subleaf in, EAX..EDX out. Host code. */
#include <cpuid.h>

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
