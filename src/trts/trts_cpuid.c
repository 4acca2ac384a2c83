/* trts_cpuid.c — the enclave's copy of the CPUID table the untrusted runtime passes with the
 * initialisation ECALL (vsgx/cpuid_table.h), taken once, and the lookup trusted code uses in
 * place of the CPUID instruction, which faults inside a hardware enclave. */
#include "trts_internal.h"

#include "sgx_trts.h"
#include "vsgx/cpuid_table.h"

static vsgx_cpuid_table_t table;
static int taken;

void vsgx_trts_take_cpuid_table(const void *ms)
{
    if (__atomic_exchange_n(&taken, 1, __ATOMIC_ACQ_REL))
        return;
    const vsgx_cpuid_table_t *t = ms;
    if (!t || !sgx_is_outside_enclave(t, sizeof *t))
        return;
    vsgx_cpuid_table_t copy;
    __builtin_memcpy(&copy, t, sizeof copy);
    if (copy.magic != VSGX_CPUID_TABLE_MAGIC || copy.count > VSGX_CPUID_TABLE_MAX)
        return;
    table = copy;
}

bool vsgx_trts_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t r[4])
{
    for (uint32_t i = 0; i < table.count; i++) {
        const vsgx_cpuid_entry_t *e = &table.entry[i];
        if (e->leaf == leaf && e->subleaf == subleaf) {
            r[0] = e->eax;
            r[1] = e->ebx;
            r[2] = e->ecx;
            r[3] = e->edx;
            return true;
        }
    }
    r[0] = r[1] = r[2] = r[3] = 0;
    return false;
}
