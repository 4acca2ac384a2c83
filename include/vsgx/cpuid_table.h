/* cpuid_table.h — the CPU's identification as an enclave sees it. CPUID faults inside a hardware
 * enclave, so the untrusted runtime runs it for the leaves below and passes the results with the
 * enclave's initialisation ECALL (its marshalling pointer); the trusted runtime keeps a copy,
 * and trusted code (sgx_tcrypto's engine choice) asks vsgx_trts_cpuid instead of executing
 * CPUID. The values come from the host: at worst they make the enclave pick code the CPU lacks
 * (#UD, a denial of service), never a weaker result. */
#ifndef VSGX_CPUID_TABLE_H
#define VSGX_CPUID_TABLE_H

#include <stdbool.h>
#include <stdint.h>

#define VSGX_CPUID_TABLE_MAGIC 0x44495043u /* "CPID" */
#define VSGX_CPUID_TABLE_MAX 8

typedef struct {
    uint32_t leaf, subleaf;
    uint32_t eax, ebx, ecx, edx;
} vsgx_cpuid_entry_t;

typedef struct {
    uint32_t magic;
    uint32_t count;                                  /* entries used */
    vsgx_cpuid_entry_t entry[VSGX_CPUID_TABLE_MAX];
} vsgx_cpuid_table_t;

/* The leaves and subleaves the untrusted runtime fills in: vendor and maximum leaf, features,
 * structured extended features (0 and 1), XSAVE (0 and 1), extended maximum and features. */
#define VSGX_CPUID_TABLE_LEAVES \
    { { 0, 0 }, { 1, 0 }, { 7, 0 }, { 7, 1 }, { 0xd, 0 }, { 0xd, 1 }, { 0x80000000u, 0 }, { 0x80000001u, 0 } }

/* Trusted side (src/trts): the result of CPUID leaf/subleaf from the table into r (EAX, EBX, ECX,
 * EDX); false, with r zeroed, when the table has no such entry. */
bool vsgx_trts_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t r[4]);

#endif
