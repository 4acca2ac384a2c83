/* cpuid.c — sgx_cpuid and sgx_cpuidex (sgx_cpuid.h): CPUID run by the host through the
 * sgx_oc_cpuidex OCALL of sgx_tstdc.edl, whose trusted bridge the enclave's EDL generates. An
 * enclave that calls them without importing that EDL fails to link, naming sgx_oc_cpuidex. */
#include "sgx_cpuid.h"
#include "sgx_trts.h"

sgx_status_t sgx_oc_cpuidex(int cpuinfo[4], int leaf, int subleaf);

sgx_status_t sgx_cpuidex(int cpuinfo[4], int leaf, int subleaf)
{
    if (!cpuinfo || !sgx_is_within_enclave(cpuinfo, 4 * sizeof *cpuinfo))
        return SGX_ERROR_INVALID_PARAMETER;
    return sgx_oc_cpuidex(cpuinfo, leaf, subleaf);
}

sgx_status_t sgx_cpuid(int cpuinfo[4], int leaf)
{
    return sgx_cpuidex(cpuinfo, leaf, 0);
}
