/* enclave_config.c — the elements of Enclave.config.xml (one table: name, range, field), their
 * defaults, and the cross-field rules Intel's sgx_sign checks, which also apply to a
 * configuration built in code (see enclave_config.h). Reading the XML: enclave_config_xml.c. */
#include "enclave_config_private.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define CONFIG_PAGE 0x1000u


/* ---- the elements ---------------------------------------------------------------------- */

#define AT(f) offsetof(vsgx_enclave_config_t, f)

const element_t vsgx_config_elements[] = {
    { "ProdID", F_U16, AT(prod_id), 0, 0, 0xFFFF, 0 },
    { "ISVSVN", F_U16, AT(isv_svn), 0, 0, 0xFFFF, 0 },
    { "ReleaseType", F_BOOL, AT(release_type), 0, 0, 1, 0 },
    { "IntelSigned", F_BOOL, AT(intel_signed), 0, 0, 1, 0 },
    { "ProvisionKey", F_BOOL, AT(provision_key), 0, 0, 1, 0 },
    { "LaunchKey", F_BOOL, AT(launch_key), 0, 0, 1, 0 },
    { "DisableDebug", F_BOOL, AT(disable_debug), 0, 0, 1, 0 },
    { "HW", F_U32, AT(hw), 0, 0, 0x10, 0 },
    { "TCSNum", F_U32, AT(tcs_num), 0, 1, UINT32_MAX, 0 },
    { "TCSMaxNum", F_U32, AT(tcs_max_num), AT(tcs_max_num_set), 1, UINT32_MAX, 0 },
    { "TCSMinPool", F_U32, AT(tcs_min_pool), 0, 0, UINT32_MAX, 0 },
    { "TCSPolicy", F_U32, AT(tcs_policy), 0, VSGX_TCS_POLICY_BIND, VSGX_TCS_POLICY_UNBIND, 0 },
    { "StackMaxSize", F_U64, AT(stack_max_size), 0, 0x2000, SIZE_LIMIT, E_HEX },
    { "StackMinSize", F_U64, AT(stack_min_size), 0, 0x2000, SIZE_LIMIT, E_HEX },
    { "HeapMaxSize", F_U64, AT(heap_max_size), 0, 0, SIZE_LIMIT, E_HEX },
    { "HeapMinSize", F_U64, AT(heap_min_size), 0, 0, SIZE_LIMIT, E_HEX },
    { "HeapInitSize", F_U64, AT(heap_init_size), AT(heap_init_set), 0, SIZE_LIMIT, E_HEX },
    { "ReservedMemMaxSize", F_U64, AT(rsrv_max_size), 0, 0, SIZE_LIMIT, E_HEX },
    { "ReservedMemMinSize", F_U64, AT(rsrv_min_size), 0, 0, SIZE_LIMIT, E_HEX },
    { "ReservedMemInitSize", F_U64, AT(rsrv_init_size), AT(rsrv_init_set), 0, SIZE_LIMIT, E_HEX },
    { "ReservedMemExecutable", F_BOOL, AT(rsrv_executable), 0, 0, 1, 0 },
    { "MiscSelect", F_U32, AT(misc_select), 0, 0, UINT32_MAX, E_HEX },
    { "MiscMask", F_U32, AT(misc_mask), 0, 0, UINT32_MAX, E_HEX },
    { "EnableKSS", F_BOOL, AT(enable_kss), 0, 0, 1, 0 },
    { "EnableAEXNotify", F_BOOL, AT(enable_aex_notify), 0, 0, 1, 0 },
    { "EnableIPPFIPS", F_BOOL, AT(enable_ipp_fips), 0, 0, 1, 0 },
    { "EnableOSSLFIPS", F_BOOL, AT(enable_ossl_fips), 0, 0, 1, 0 },
    { "ISVFAMILYID_H", F_ID_HIGH, AT(isv_family_id), 0, 0, UINT64_MAX, E_HEX },
    { "ISVFAMILYID_L", F_ID_LOW, AT(isv_family_id), 0, 0, UINT64_MAX, E_HEX },
    { "ISVEXTPRODID_H", F_ID_HIGH, AT(isvext_prod_id), 0, 0, UINT64_MAX, E_HEX },
    { "ISVEXTPRODID_L", F_ID_LOW, AT(isvext_prod_id), 0, 0, UINT64_MAX, E_HEX },
    { "EnclaveImageAddress", F_U64, AT(enclave_image_address), 0, 0x1000, UINT64_MAX, E_HEX | E_ZERO_UNSET },
    { "ELRangeStartAddress", F_U64, AT(elrange_start_address), 0, 0, UINT64_MAX, E_HEX },
    { "ELRangeSize", F_U64, AT(elrange_size), 0, 0x1000, UINT64_MAX, E_HEX | E_ZERO_UNSET },
    { "PKRU", F_U32, AT(pkru), 0, VSGX_CONFIG_FEATURE_OFF, VSGX_CONFIG_FEATURE_LOADER_SELECTS, 0 },
    { "AMX", F_U32, AT(amx), 0, VSGX_CONFIG_FEATURE_OFF, VSGX_CONFIG_FEATURE_LOADER_SELECTS, 0 },
    { "UserRegionSize", F_U64, AT(user_region_size), 0, 0, SIZE_LIMIT, E_HEX },
};

_Static_assert(sizeof vsgx_config_elements / sizeof vsgx_config_elements[0] == VSGX_CONFIG_ELEMENT_COUNT,
               "every element is in the table");

int vsgx_config_element_index(const char *name)
{
    for (size_t i = 0; i < VSGX_CONFIG_ELEMENT_COUNT; i++)
        if (strcmp(vsgx_config_elements[i].name, name) == 0)
            return (int)i;
    return -1;
}

static uint64_t id_half(const uint8_t *id)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | id[i];
    return v;
}

static uint64_t field_get(const vsgx_enclave_config_t *c, const element_t *e)
{
    const unsigned char *p = (const unsigned char *)c + e->offset;
    switch (e->kind) {
    case F_U16: return *(const uint16_t *)p;
    case F_U32: return *(const uint32_t *)p;
    case F_U64: return *(const uint64_t *)p;
    case F_BOOL: return *(const bool *)p ? 1 : 0;
    case F_ID_LOW: return id_half(p);
    case F_ID_HIGH: return id_half(p + 8);
    }
    return 0;
}

/* v is within the element's range, so the narrowing casts keep it whole. */
void vsgx_config_field_set(vsgx_enclave_config_t *c, const element_t *e, uint64_t v)
{
    unsigned char *p = (unsigned char *)c + e->offset;
    switch (e->kind) {
    case F_U16: *(uint16_t *)p = (uint16_t)v; break;
    case F_U32: *(uint32_t *)p = (uint32_t)v; break;
    case F_U64: *(uint64_t *)p = v; break;
    case F_BOOL: *(bool *)p = v != 0; break;
    case F_ID_HIGH: p += 8; /* fall through */
    case F_ID_LOW:
        for (int i = 0; i < 8; i++)
            p[i] = (uint8_t)(v >> (8 * i));
        break;
    }
    if (e->set_offset)
        *(bool *)((unsigned char *)c + e->set_offset) = true;
}

static bool element_present(const vsgx_enclave_config_t *c, const element_t *e)
{
    if (e->set_offset)
        return *(const bool *)((const unsigned char *)c + e->set_offset);
    return !(e->flags & E_ZERO_UNSET) || field_get(c, e) != 0;
}

/* ---- errors ---------------------------------------------------------------------------- */

void vsgx_config_clear_error(vsgx_config_error_t *err)
{
    memset(err, 0, sizeof *err);
}

vsgx_config_status_t vsgx_config_fail(vsgx_config_error_t *err, vsgx_config_status_t s, const char *element, int line,
                                 const char *fmt, ...)
{
    va_list ap;
    err->status = s;
    snprintf(err->element, sizeof err->element, "%s", element ? element : "");
    err->line = line;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return s;
}

/* A value as the element's messages show it. */
static const char *show(char buf[24], const element_t *e, uint64_t v)
{
    snprintf(buf, 24, (e->flags & E_HEX) ? "0x%llx" : "%llu", (unsigned long long)v);
    return buf;
}

vsgx_config_status_t vsgx_config_out_of_range(vsgx_config_error_t *err, const element_t *e, uint64_t v, int line)
{
    char a[24], b[24], c[24];
    return vsgx_config_fail(err, VSGX_CONFIG_OUT_OF_RANGE, e->name, line, "%s = %s is out of range: allowed %s to %s", e->name,
                show(a, e, v), show(b, e, e->min), show(c, e, e->max));
}

const char *vsgx_config_status_text(vsgx_config_status_t s)
{
    switch (s) {
    case VSGX_CONFIG_OK: return "the enclave configuration is valid";
    case VSGX_CONFIG_SYNTAX: return "the enclave configuration is not well-formed XML (or is bigger than 1 MiB)";
    case VSGX_CONFIG_BAD_ROOT: return "the root element is not <EnclaveConfiguration> holding only elements";
    case VSGX_CONFIG_ATTRIBUTE: return "a configuration element carries an XML attribute";
    case VSGX_CONFIG_UNKNOWN_ELEMENT: return "an element is not one of the enclave configuration's";
    case VSGX_CONFIG_DUPLICATE: return "a configuration element is given twice";
    case VSGX_CONFIG_BAD_NUMBER: return "a configuration value is missing or is not an unsigned number";
    case VSGX_CONFIG_OUT_OF_RANGE: return "a configuration value is outside its element's range";
    case VSGX_CONFIG_RULE: return "the configuration breaks a rule between elements";
    }
    return "unknown enclave configuration status";
}

/* ---- defaults and the effective values of the optional elements -------------------------- */

void vsgx_enclave_config_defaults(vsgx_enclave_config_t *c)
{
    memset(c, 0, sizeof *c);
    c->tcs_num = 1;
    c->tcs_max_num = 1; /* unset: = TCSNum */
    c->tcs_min_pool = 1;
    c->tcs_policy = VSGX_TCS_POLICY_UNBIND;
    c->stack_max_size = 0x40000;
    c->stack_min_size = 0x2000;
    c->heap_max_size = 0x1000000;
    c->heap_min_size = 0x1000;
    c->heap_init_size = c->heap_max_size; /* unset: = HeapMaxSize */
    c->misc_mask = 0xFFFFFFFF;
}

static uint64_t heap_init(const vsgx_enclave_config_t *c)
{
    return c->heap_init_set ? c->heap_init_size : c->heap_max_size;
}

static uint64_t rsrv_init(const vsgx_enclave_config_t *c)
{
    return c->rsrv_init_set ? c->rsrv_init_size : c->rsrv_max_size;
}

static uint32_t tcs_max(const vsgx_enclave_config_t *c)
{
    return c->tcs_max_num_set ? c->tcs_max_num : c->tcs_num;
}

/* ---- validation ------------------------------------------------------------------------ */

static vsgx_config_status_t check_ranges(const vsgx_enclave_config_t *c, vsgx_config_error_t *err)
{
    for (size_t i = 0; i < VSGX_CONFIG_ELEMENT_COUNT; i++) {
        const element_t *e = &vsgx_config_elements[i];
        if (!element_present(c, e))
            continue;
        uint64_t v = field_get(c, e);
        if (v < e->min || v > e->max)
            return vsgx_config_out_of_range(err, e, v, 0);
    }
    return VSGX_CONFIG_OK;
}

static vsgx_config_status_t page_multiple(vsgx_config_error_t *err, const char *name, uint64_t v)
{
    if (v % CONFIG_PAGE == 0)
        return VSGX_CONFIG_OK;
    return vsgx_config_fail(err, VSGX_CONFIG_RULE, name, 0, "%s (0x%llx) must be a multiple of the page size 0x1000", name,
                (unsigned long long)v);
}

/* Sizes are shown in hexadecimal, counts in decimal. */
static vsgx_config_status_t not_above(vsgx_config_error_t *err, const char *low, uint64_t lv, const char *high,
                                      uint64_t hv, bool hex, const char *why)
{
    if (lv <= hv)
        return VSGX_CONFIG_OK;
    if (hex)
        return vsgx_config_fail(err, VSGX_CONFIG_RULE, low, 0, "%s (0x%llx) must not exceed %s (0x%llx)%s", low,
                    (unsigned long long)lv, high, (unsigned long long)hv, why);
    return vsgx_config_fail(err, VSGX_CONFIG_RULE, low, 0, "%s (%llu) must not exceed %s (%llu)%s", low, (unsigned long long)lv,
                high, (unsigned long long)hv, why);
}

static vsgx_config_status_t check_stack(const vsgx_enclave_config_t *c, vsgx_config_error_t *err)
{
    vsgx_config_status_t s;
    if ((s = page_multiple(err, "StackMaxSize", c->stack_max_size)) ||
        (s = page_multiple(err, "StackMinSize", c->stack_min_size)))
        return s;
    return not_above(err, "StackMinSize", c->stack_min_size, "StackMaxSize", c->stack_max_size, true, "");
}

/* Heap and reserved memory: page multiples, then min <= init <= max (min <= max without init). */
static vsgx_config_status_t check_region(vsgx_config_error_t *err, const char *prefix, uint64_t min, uint64_t init,
                                         uint64_t max, bool init_set)
{
    char nmin[32], ninit[32], nmax[32];
    snprintf(nmin, sizeof nmin, "%sMinSize", prefix);
    snprintf(ninit, sizeof ninit, "%sInitSize", prefix);
    snprintf(nmax, sizeof nmax, "%sMaxSize", prefix);
    vsgx_config_status_t s;
    if ((s = page_multiple(err, nmax, max)) || (s = page_multiple(err, nmin, min)) ||
        (init_set && (s = page_multiple(err, ninit, init))))
        return s;
    if (!init_set)
        return not_above(err, nmin, min, nmax, max, true, "");
    if ((s = not_above(err, ninit, init, nmax, max, true, "")))
        return s;
    return not_above(err, nmin, min, ninit, init, true, "");
}

static vsgx_config_status_t check_launch(const vsgx_enclave_config_t *c, vsgx_config_error_t *err)
{
    if ((c->hw != 0) == c->launch_key)
        return VSGX_CONFIG_OK;
    if (c->hw != 0)
        return vsgx_config_fail(err, VSGX_CONFIG_RULE, "HW", 0,
                    "HW (%u) is for a launch enclave only: HW must be non-zero exactly when LaunchKey is 1, and "
                    "LaunchKey is 0", c->hw);
    return vsgx_config_fail(err, VSGX_CONFIG_RULE, "LaunchKey", 0,
                "LaunchKey 1 needs a non-zero HW: HW must be non-zero exactly when LaunchKey is 1, and HW is 0");
}

static vsgx_config_status_t check_tcs(const vsgx_enclave_config_t *c, vsgx_config_error_t *err)
{
    if (c->tcs_max_num_set) {
        if (c->tcs_max_num < c->tcs_num)
            return vsgx_config_fail(err, VSGX_CONFIG_RULE, "TCSMaxNum", 0, "TCSMaxNum (%u) must not be less than TCSNum (%u)",
                        c->tcs_max_num, c->tcs_num);
        return not_above(err, "TCSMinPool", c->tcs_min_pool, "TCSMaxNum", c->tcs_max_num, false, "");
    }
    return not_above(err, "TCSMinPool", c->tcs_min_pool, "TCSNum", c->tcs_num, false,
                     " when TCSMaxNum is not given");
}

static vsgx_config_status_t check_kss(const vsgx_enclave_config_t *c, vsgx_config_error_t *err)
{
    static const char *const ids[] = { "ISVFAMILYID_H", "ISVFAMILYID_L", "ISVEXTPRODID_H", "ISVEXTPRODID_L" };
    if (c->enable_kss)
        return VSGX_CONFIG_OK;
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        const element_t *e = &vsgx_config_elements[vsgx_config_element_index(ids[i])];
        if (field_get(c, e) != 0)
            return vsgx_config_fail(err, VSGX_CONFIG_RULE, e->name, 0,
                        "%s (0x%llx) is not zero: the ISV family and extended product IDs need EnableKSS 1",
                        e->name, (unsigned long long)field_get(c, e));
    }
    return VSGX_CONFIG_OK;
}

vsgx_config_status_t vsgx_config_needs_elrange(vsgx_config_error_t *err, const char *name)
{
    return vsgx_config_fail(err, VSGX_CONFIG_RULE, name, 0, "%s is given without ELRangeSize: it needs ELRangeSize", name);
}

static vsgx_config_status_t check_elrange_given(const vsgx_enclave_config_t *c, vsgx_config_error_t *err)
{
    if (c->elrange_size != 0)
        return VSGX_CONFIG_OK;
    if (c->enclave_image_address != 0)
        return vsgx_config_needs_elrange(err, "EnclaveImageAddress");
    if (c->elrange_start_address != 0)
        return vsgx_config_needs_elrange(err, "ELRangeStartAddress");
    return VSGX_CONFIG_OK;
}

static vsgx_config_status_t check_fips(const vsgx_enclave_config_t *c, vsgx_config_error_t *err)
{
    if (!(c->enable_ipp_fips && c->enable_ossl_fips))
        return VSGX_CONFIG_OK;
    return vsgx_config_fail(err, VSGX_CONFIG_RULE, "EnableOSSLFIPS", 0,
                "EnableIPPFIPS and EnableOSSLFIPS are mutually exclusive: set at most one of them to 1");
}

/* In sgx_sign's order: element ranges, stack, heap, reserved memory (then the user region),
 * HW/LaunchKey, TCS counts, KSS IDs, ELRANGE presence, FIPS. */
vsgx_config_status_t vsgx_enclave_config_validate(const vsgx_enclave_config_t *c, vsgx_config_error_t *err)
{
    vsgx_config_error_t scratch;
    if (!err)
        err = &scratch;
    vsgx_config_clear_error(err);
    vsgx_config_status_t s;
    if ((s = check_ranges(c, err)) || (s = check_stack(c, err)) ||
        (s = check_region(err, "Heap", c->heap_min_size, heap_init(c), c->heap_max_size, c->heap_init_set)) ||
        (s = check_region(err, "ReservedMem", c->rsrv_min_size, rsrv_init(c), c->rsrv_max_size,
                          c->rsrv_init_set)) ||
        (s = page_multiple(err, "UserRegionSize", c->user_region_size)) || (s = check_launch(c, err)) ||
        (s = check_tcs(c, err)) || (s = check_kss(c, err)) || (s = check_elrange_given(c, err)) ||
        (s = check_fips(c, err)))
        return s;
    return VSGX_CONFIG_OK;
}

/* ---- ELRANGE against the enclave size, and EDMM use -------------------------------------- */

static bool power_of_two(uint64_t v)
{
    return v != 0 && (v & (v - 1)) == 0;
}

static vsgx_config_status_t elrange_rule(vsgx_config_error_t *err, const char *name, const char *fmt, uint64_t a,
                                         uint64_t b)
{
    return vsgx_config_fail(err, VSGX_CONFIG_RULE, name, 0, fmt, (unsigned long long)a, (unsigned long long)b);
}

static vsgx_config_status_t elrange_alignment(const vsgx_enclave_config_t *c, vsgx_config_error_t *err)
{
    uint64_t image = c->enclave_image_address, start = c->elrange_start_address, size = c->elrange_size;
    vsgx_config_status_t s;
    if ((s = page_multiple(err, "EnclaveImageAddress", image)) ||
        (s = page_multiple(err, "ELRangeStartAddress", start)) || (s = page_multiple(err, "ELRangeSize", size)))
        return s;
    if (!power_of_two(size))
        return vsgx_config_fail(err, VSGX_CONFIG_RULE, "ELRangeSize", 0, "ELRangeSize (0x%llx) must be a power of two",
                    (unsigned long long)size);
    if (start & (size - 1))
        return elrange_rule(err, "ELRangeStartAddress",
                            "ELRangeStartAddress (0x%llx) must be a multiple of ELRangeSize (0x%llx)", start, size);
    return VSGX_CONFIG_OK;
}

vsgx_config_status_t vsgx_enclave_config_check_elrange(const vsgx_enclave_config_t *c, uint64_t enclave_size,
                                                       vsgx_config_error_t *err)
{
    vsgx_config_error_t scratch;
    if (!err)
        err = &scratch;
    vsgx_config_clear_error(err);
    if (c->elrange_size == 0)
        return VSGX_CONFIG_OK;
    uint64_t image = c->enclave_image_address, start = c->elrange_start_address, size = c->elrange_size;
    vsgx_config_status_t s = elrange_alignment(c, err);
    if (s)
        return s;
    if (start > image)
        return elrange_rule(err, "ELRangeStartAddress",
                            "ELRangeStartAddress (0x%llx) must not be above EnclaveImageAddress (0x%llx)", start,
                            image);
    if (enclave_size > UINT64_MAX - image)
        return elrange_rule(err, "EnclaveImageAddress",
                            "EnclaveImageAddress (0x%llx) plus the enclave size (0x%llx) overflows", image,
                            enclave_size);
    if (size > UINT64_MAX - start)
        return elrange_rule(err, "ELRangeSize", "ELRangeStartAddress (0x%llx) plus ELRangeSize (0x%llx) overflows",
                            start, size);
    if (image + enclave_size > start + size)
        return vsgx_config_fail(err, VSGX_CONFIG_RULE, "ELRangeSize", 0,
                    "the enclave [0x%llx, 0x%llx) does not fit in ELRANGE [0x%llx, 0x%llx)",
                    (unsigned long long)image, (unsigned long long)(image + enclave_size),
                    (unsigned long long)start, (unsigned long long)(start + size));
    return VSGX_CONFIG_OK;
}

/* Dynamic means that the SGX2 layout differs from the SGX1 one, i.e. that EDMM is needed to
 * honour the configuration exactly:
 *   - heap: pages between HeapMinSize and HeapInitSize are trimmed after EINIT, pages between
 *     HeapInitSize and HeapMaxSize are added later (effective init: HeapMaxSize when unset);
 *   - stack: StackMaxSize != StackMinSize grows stacks on demand;
 *   - reserved memory: the same as the heap;
 *   - threads: the signer lays out min(TCSMinPool, TCSNum - 1) static threads besides the
 *     utility thread, then TCSNum - 1 - that many threads that are removed after EINIT, then
 *     TCSMaxNum - that - 1 dynamic threads. Only when TCSMaxNum == that + 1 are there neither
 *     removed nor dynamic threads (TCSMaxNum >= TCSNum makes both counts zero together). */
bool vsgx_enclave_config_is_dynamic(const vsgx_enclave_config_t *c)
{
    uint64_t hinit = heap_init(c), rinit = rsrv_init(c);
    uint32_t min_pool = c->tcs_num == 0 ? 0 : c->tcs_num - 1;
    if (c->tcs_min_pool < min_pool)
        min_pool = c->tcs_min_pool;
    return hinit != c->heap_min_size || hinit != c->heap_max_size || c->stack_max_size != c->stack_min_size ||
           rinit != c->rsrv_min_size || rinit != c->rsrv_max_size || (uint64_t)tcs_max(c) != (uint64_t)min_pool + 1;
}
