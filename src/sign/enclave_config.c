/* enclave_config.c — Enclave.config.xml read and checked the way Intel's sgx_sign does it (see
 * enclave_config.h): one table of elements (range, field), a libxml2 reader that refuses what
 * sgx_sign refuses (and a little more: entity declarations, text in the root, nested elements,
 * inputs over 1 MiB), and the cross-field rules, which also apply to a configuration built in
 * code. Numbers are read as sgx_sign reads them: strtoull base 0, no '-' anywhere, nothing after
 * the digits (so leading white space passes and trailing white space does not). */
#include "enclave_config.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#define CONFIG_MAX_INPUT (1u << 20)
#define CONFIG_PAGE 0x1000u
#define SIZE_LIMIT (UINT64_MAX / 2)

#if LIBXML_VERSION >= 21200
typedef const xmlError *config_xml_error_t;
#else
typedef xmlError *config_xml_error_t;
#endif

/* ---- the elements ---------------------------------------------------------------------- */

typedef enum { F_U16, F_U32, F_U64, F_BOOL, F_ID_LOW, F_ID_HIGH } field_kind_t;

enum {
    E_HEX = 1,        /* shown in hexadecimal in messages */
    E_ZERO_UNSET = 2, /* 0 means "not given": the minimum applies to given values only */
};

typedef struct {
    const char *name;
    field_kind_t kind;
    size_t offset;     /* of the field in vsgx_enclave_config_t */
    size_t set_offset; /* of its *_set flag, 0 when the element has none */
    uint64_t min, max;
    unsigned flags;
} element_t;

#define AT(f) offsetof(vsgx_enclave_config_t, f)

static const element_t k_elements[] = {
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

#define ELEMENT_COUNT (sizeof k_elements / sizeof k_elements[0])

static int element_index(const char *name)
{
    for (size_t i = 0; i < ELEMENT_COUNT; i++)
        if (strcmp(k_elements[i].name, name) == 0)
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
static void field_set(vsgx_enclave_config_t *c, const element_t *e, uint64_t v)
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

static void clear_error(vsgx_config_error_t *err)
{
    memset(err, 0, sizeof *err);
}

static vsgx_config_status_t fail(vsgx_config_error_t *err, vsgx_config_status_t s, const char *element, int line,
                                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static vsgx_config_status_t fail(vsgx_config_error_t *err, vsgx_config_status_t s, const char *element, int line,
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

static vsgx_config_status_t out_of_range(vsgx_config_error_t *err, const element_t *e, uint64_t v, int line)
{
    char a[24], b[24], c[24];
    return fail(err, VSGX_CONFIG_OUT_OF_RANGE, e->name, line, "%s = %s is out of range: allowed %s to %s", e->name,
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
    for (size_t i = 0; i < ELEMENT_COUNT; i++) {
        const element_t *e = &k_elements[i];
        if (!element_present(c, e))
            continue;
        uint64_t v = field_get(c, e);
        if (v < e->min || v > e->max)
            return out_of_range(err, e, v, 0);
    }
    return VSGX_CONFIG_OK;
}

static vsgx_config_status_t page_multiple(vsgx_config_error_t *err, const char *name, uint64_t v)
{
    if (v % CONFIG_PAGE == 0)
        return VSGX_CONFIG_OK;
    return fail(err, VSGX_CONFIG_RULE, name, 0, "%s (0x%llx) must be a multiple of the page size 0x1000", name,
                (unsigned long long)v);
}

/* Sizes are shown in hexadecimal, counts in decimal. */
static vsgx_config_status_t not_above(vsgx_config_error_t *err, const char *low, uint64_t lv, const char *high,
                                      uint64_t hv, bool hex, const char *why)
{
    if (lv <= hv)
        return VSGX_CONFIG_OK;
    if (hex)
        return fail(err, VSGX_CONFIG_RULE, low, 0, "%s (0x%llx) must not exceed %s (0x%llx)%s", low,
                    (unsigned long long)lv, high, (unsigned long long)hv, why);
    return fail(err, VSGX_CONFIG_RULE, low, 0, "%s (%llu) must not exceed %s (%llu)%s", low, (unsigned long long)lv,
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
        return fail(err, VSGX_CONFIG_RULE, "HW", 0,
                    "HW (%u) is for a launch enclave only: HW must be non-zero exactly when LaunchKey is 1, and "
                    "LaunchKey is 0", c->hw);
    return fail(err, VSGX_CONFIG_RULE, "LaunchKey", 0,
                "LaunchKey 1 needs a non-zero HW: HW must be non-zero exactly when LaunchKey is 1, and HW is 0");
}

static vsgx_config_status_t check_tcs(const vsgx_enclave_config_t *c, vsgx_config_error_t *err)
{
    if (c->tcs_max_num_set) {
        if (c->tcs_max_num < c->tcs_num)
            return fail(err, VSGX_CONFIG_RULE, "TCSMaxNum", 0, "TCSMaxNum (%u) must not be less than TCSNum (%u)",
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
        const element_t *e = &k_elements[element_index(ids[i])];
        if (field_get(c, e) != 0)
            return fail(err, VSGX_CONFIG_RULE, e->name, 0,
                        "%s (0x%llx) is not zero: the ISV family and extended product IDs need EnableKSS 1",
                        e->name, (unsigned long long)field_get(c, e));
    }
    return VSGX_CONFIG_OK;
}

static vsgx_config_status_t needs_elrange(vsgx_config_error_t *err, const char *name)
{
    return fail(err, VSGX_CONFIG_RULE, name, 0, "%s is given without ELRangeSize: it needs ELRangeSize", name);
}

static vsgx_config_status_t check_elrange_given(const vsgx_enclave_config_t *c, vsgx_config_error_t *err)
{
    if (c->elrange_size != 0)
        return VSGX_CONFIG_OK;
    if (c->enclave_image_address != 0)
        return needs_elrange(err, "EnclaveImageAddress");
    if (c->elrange_start_address != 0)
        return needs_elrange(err, "ELRangeStartAddress");
    return VSGX_CONFIG_OK;
}

static vsgx_config_status_t check_fips(const vsgx_enclave_config_t *c, vsgx_config_error_t *err)
{
    if (!(c->enable_ipp_fips && c->enable_ossl_fips))
        return VSGX_CONFIG_OK;
    return fail(err, VSGX_CONFIG_RULE, "EnableOSSLFIPS", 0,
                "EnableIPPFIPS and EnableOSSLFIPS are mutually exclusive: set at most one of them to 1");
}

/* In sgx_sign's order: element ranges, stack, heap, reserved memory (then the user region),
 * HW/LaunchKey, TCS counts, KSS IDs, ELRANGE presence, FIPS. */
vsgx_config_status_t vsgx_enclave_config_validate(const vsgx_enclave_config_t *c, vsgx_config_error_t *err)
{
    vsgx_config_error_t scratch;
    if (!err)
        err = &scratch;
    clear_error(err);
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
    return fail(err, VSGX_CONFIG_RULE, name, 0, fmt, (unsigned long long)a, (unsigned long long)b);
}

static vsgx_config_status_t elrange_alignment(const vsgx_enclave_config_t *c, vsgx_config_error_t *err)
{
    uint64_t image = c->enclave_image_address, start = c->elrange_start_address, size = c->elrange_size;
    vsgx_config_status_t s;
    if ((s = page_multiple(err, "EnclaveImageAddress", image)) ||
        (s = page_multiple(err, "ELRangeStartAddress", start)) || (s = page_multiple(err, "ELRangeSize", size)))
        return s;
    if (!power_of_two(size))
        return fail(err, VSGX_CONFIG_RULE, "ELRangeSize", 0, "ELRangeSize (0x%llx) must be a power of two",
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
    clear_error(err);
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
        return fail(err, VSGX_CONFIG_RULE, "ELRangeSize", 0,
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

/* ---- reading the document (libxml2) ----------------------------------------------------- */

typedef struct {
    bool entity;          /* an entity declaration was seen: parsing was stopped */
    int entity_line;
    bool fatal;           /* an error was kept: the first fatal one, else the first one */
    int fatal_level;
    int fatal_line;
    char fatal_message[160];
} reader_t;

static void on_entity(xmlParserCtxtPtr ctxt)
{
    reader_t *r = ctxt->_private;
    if (!r->entity) {
        r->entity = true;
        r->entity_line = ctxt->input ? ctxt->input->line : 0;
    }
    xmlStopParser(ctxt);
}

static void on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
                           const xmlChar *system_id, xmlChar *content)
{
    (void)name, (void)type, (void)public_id, (void)system_id, (void)content;
    on_entity(ctx);
}

static void on_unparsed_entity_decl(void *ctx, const xmlChar *name, const xmlChar *public_id,
                                    const xmlChar *system_id, const xmlChar *notation)
{
    (void)name, (void)public_id, (void)system_id, (void)notation;
    on_entity(ctx);
}

/* Keeps the first error for the message; whether the document is refused is the parser's
 * well-formedness verdict. Warnings and namespace errors are left out (sgx_sign's reader knows
 * nothing of namespaces). Nothing is printed. */
static void on_error(void *ctx, config_xml_error_t e)
{
    xmlParserCtxtPtr ctxt = ctx;
    reader_t *r = ctxt->_private;
    if (e->level < XML_ERR_ERROR || e->domain == XML_FROM_NAMESPACE)
        return;
    if (r->fatal && (r->fatal_level == XML_ERR_FATAL || e->level != XML_ERR_FATAL))
        return;
    r->fatal = true;
    r->fatal_level = e->level;
    r->fatal_line = e->line;
    snprintf(r->fatal_message, sizeof r->fatal_message, "%s", e->message ? e->message : "unknown error");
    size_t n = strlen(r->fatal_message);
    while (n && (r->fatal_message[n - 1] == '\n' || r->fatal_message[n - 1] == ' '))
        r->fatal_message[--n] = '\0';
}

/* Some libxml2 errors (input encoding conversion) have no parser context and would go to the
 * generic handler, which prints; it is silenced during a parse (the handler is per thread). */
static void silent(void *ctx, const char *msg, ...)
{
    (void)ctx, (void)msg;
}

static pthread_once_t g_xml_once = PTHREAD_ONCE_INIT;

static void init_xml(void)
{
    xmlInitParser();
}

/* No network, no DTD loading, no entity substitution; entity declarations stop the parse. */
static xmlDocPtr run_parser(xmlParserCtxtPtr ctxt, reader_t *r)
{
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
    ctxt->_private = r;
    ctxt->sax->entityDecl = on_entity_decl;
    ctxt->sax->unparsedEntityDecl = on_unparsed_entity_decl;
    ctxt->sax->externalSubset = NULL;
    ctxt->sax->serror = on_error;
    xmlParseDocument(ctxt);
    xmlDocPtr doc = ctxt->myDoc;
    ctxt->myDoc = NULL;
    if (doc && (!ctxt->wellFormed || r->entity)) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    return doc;
}

static vsgx_config_status_t read_document(const char *xml, size_t len, xmlDocPtr *out, vsgx_config_error_t *err)
{
    *out = NULL;
    if (len > CONFIG_MAX_INPUT)
        return fail(err, VSGX_CONFIG_SYNTAX, "", 0,
                    "the configuration is %zu bytes long, more than the limit of 1 MiB (1048576 bytes)", len);
    if (!xml || len == 0)
        return fail(err, VSGX_CONFIG_SYNTAX, "", 0, "not well-formed XML: the document is empty");
    pthread_once(&g_xml_once, init_xml);
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(xml, (int)len);
    if (!ctxt)
        return fail(err, VSGX_CONFIG_SYNTAX, "", 0, "cannot create an XML parser (out of memory)");
    reader_t r = { 0 };
    xmlGenericErrorFunc saved = xmlGenericError;
    void *saved_ctx = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, silent);
    *out = run_parser(ctxt, &r);
    xmlFreeParserCtxt(ctxt);
    xmlSetGenericErrorFunc(saved_ctx, saved);
    if (r.entity)
        return fail(err, VSGX_CONFIG_SYNTAX, "", r.entity_line,
                    "entity declarations are not allowed in an enclave configuration");
    if (!*out)
        return fail(err, VSGX_CONFIG_SYNTAX, "", r.fatal_line, "not well-formed XML: %s",
                    r.fatal ? r.fatal_message : "the parser gave up");
    return VSGX_CONFIG_OK;
}

/* ---- walking the tree ------------------------------------------------------------------- */

typedef struct {
    bool given[ELEMENT_COUNT];
    int line[ELEMENT_COUNT];
} walk_t;

static int line_of(xmlNodePtr n)
{
    long l = xmlGetLineNo(n);
    return l > 0 && l <= INT32_MAX ? (int)l : 0;
}

/* The name as sgx_sign's reader sees it: with its prefix, if any. */
static void qualified_name(xmlNodePtr n, char *buf, size_t size)
{
    if (n->ns && n->ns->prefix)
        snprintf(buf, size, "%s:%s", (const char *)n->ns->prefix, (const char *)n->name);
    else
        snprintf(buf, size, "%s", (const char *)n->name);
}

/* A prefixed name is another name to sgx_sign; a default namespace changes nothing. */
static bool name_is(xmlNodePtr n, const char *name)
{
    return !(n->ns && n->ns->prefix) && strcmp((const char *)n->name, name) == 0;
}

/* libxml2 dates a text node by where it ends: step back to its first non-blank character. */
static int text_line(xmlNodePtr n)
{
    int line = line_of(n);
    const char *p = (const char *)n->content;
    if (!p || line == 0)
        return line;
    p += strspn(p, " \t\r\n");
    for (; *p; p++)
        line -= *p == '\n';
    return line > 0 ? line : line_of(n);
}

static bool is_text(xmlNodePtr n)
{
    return n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE;
}

/* sgx_sign takes tinyxml2's GetText(): the first child when it is text (tinyxml2 drops runs of
 * white space between markup, so a blank text node does not count). A first child that is a
 * comment or processing instruction means no value. Stricter than sgx_sign: a second piece of
 * text (after a comment) is refused rather than ignored, and so are child elements. */
static vsgx_config_status_t element_text(xmlNodePtr el, const char *name, const char **text,
                                         vsgx_config_error_t *err)
{
    xmlNodePtr first = NULL;
    *text = NULL;
    for (xmlNodePtr ch = el->children; ch; ch = ch->next) {
        char child[64];
        if (ch->type == XML_ELEMENT_NODE) {
            qualified_name(ch, child, sizeof child);
            return fail(err, VSGX_CONFIG_UNKNOWN_ELEMENT, child, line_of(ch),
                        "<%s> inside <%s>: configuration elements hold a number, not elements", child, name);
        }
        if (ch->type == XML_TEXT_NODE && xmlIsBlankNode(ch))
            continue;
        if (!first)
            first = ch;
        else if (is_text(ch) && is_text(first))
            return fail(err, VSGX_CONFIG_BAD_NUMBER, name, line_of(el),
                        "%s: the value is split in pieces (by a comment, a processing instruction or a "
                        "CDATA section)", name);
    }
    if (!first || first->type == XML_COMMENT_NODE || first->type == XML_PI_NODE)
        return fail(err, VSGX_CONFIG_BAD_NUMBER, name, line_of(el), "%s: the value is missing", name);
    if (!is_text(first) || !first->content)
        return fail(err, VSGX_CONFIG_BAD_NUMBER, name, line_of(el), "%s: the value is not a number", name);
    *text = (const char *)first->content;
    return VSGX_CONFIG_OK;
}

/* strtoull base 0 (decimal, 0x hex, 0 octal; leading white space and '+' allowed), no '-' at
 * all, nothing after the digits, and no overflow: sgx_sign's rule. */
static vsgx_config_status_t parse_number(const char *text, const char *name, int line, uint64_t *v,
                                         vsgx_config_error_t *err)
{
    if (strchr(text, '-'))
        return fail(err, VSGX_CONFIG_BAD_NUMBER, name, line,
                    "%s: \"%.40s\" holds a '-': values are unsigned numbers", name, text);
    char *end = NULL;
    errno = 0;
    unsigned long long n = strtoull(text, &end, 0);
    if (errno == ERANGE)
        return fail(err, VSGX_CONFIG_BAD_NUMBER, name, line, "%s: \"%.40s\" does not fit in 64 bits", name, text);
    if (errno != 0 || *end != '\0')
        return fail(err, VSGX_CONFIG_BAD_NUMBER, name, line,
                    "%s: \"%.40s\" is not an unsigned number (decimal, 0x hexadecimal or 0 octal, with nothing "
                    "after it)", name, text);
    *v = n;
    return VSGX_CONFIG_OK;
}

/* One child of the root, in sgx_sign's order: attributes, the value, the name, repetition,
 * the range. */
static vsgx_config_status_t read_element(xmlNodePtr el, vsgx_enclave_config_t *c, walk_t *w,
                                         vsgx_config_error_t *err)
{
    char name[64];
    int line = line_of(el);
    qualified_name(el, name, sizeof name);
    if (el->properties || el->nsDef)
        return fail(err, VSGX_CONFIG_ATTRIBUTE, name, line, "<%s> carries an XML attribute: none are allowed", name);
    const char *text;
    uint64_t v = 0;
    vsgx_config_status_t s = element_text(el, name, &text, err);
    if (s || (s = parse_number(text, name, line, &v, err)))
        return s;
    int i = (el->ns && el->ns->prefix) ? -1 : element_index((const char *)el->name);
    if (i < 0)
        return fail(err, VSGX_CONFIG_UNKNOWN_ELEMENT, name, line, "<%s> is not an enclave configuration element",
                    name);
    if (w->given[i])
        return fail(err, VSGX_CONFIG_DUPLICATE, name, line, "<%s> is given twice (first on line %d)", name,
                    w->line[i]);
    w->given[i] = true;
    w->line[i] = line;
    if (v < k_elements[i].min || v > k_elements[i].max)
        return out_of_range(err, &k_elements[i], v, line);
    field_set(c, &k_elements[i], v);
    return VSGX_CONFIG_OK;
}

static vsgx_config_status_t read_root(xmlDocPtr doc, vsgx_enclave_config_t *c, walk_t *w, vsgx_config_error_t *err)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    char name[64];
    if (!root)
        return fail(err, VSGX_CONFIG_SYNTAX, "", 0, "not well-formed XML: no root element");
    qualified_name(root, name, sizeof name);
    if (!name_is(root, "EnclaveConfiguration"))
        return fail(err, VSGX_CONFIG_BAD_ROOT, name, line_of(root),
                    "the root element is <%s>; an enclave configuration is <EnclaveConfiguration>", name);
    for (xmlNodePtr n = root->children; n; n = n->next) {
        vsgx_config_status_t s = VSGX_CONFIG_OK;
        if (n->type == XML_ELEMENT_NODE)
            s = read_element(n, c, w, err);
        else if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE ||
                 (n->type == XML_TEXT_NODE && xmlIsBlankNode(n)))
            continue;
        else
            s = fail(err, VSGX_CONFIG_BAD_ROOT, "EnclaveConfiguration", text_line(n),
                     "<EnclaveConfiguration> holds text: it may hold only elements (and comments)");
        if (s)
            return s;
    }
    return VSGX_CONFIG_OK;
}

/* The optional elements' effective values: HeapInitSize and ReservedMemInitSize default to
 * their maximum, TCSMaxNum to TCSNum; the *_set flags say whether they were given. */
static void fill_effective(vsgx_enclave_config_t *c)
{
    if (!c->heap_init_set)
        c->heap_init_size = c->heap_max_size;
    if (!c->rsrv_init_set)
        c->rsrv_init_size = c->rsrv_max_size;
    if (!c->tcs_max_num_set)
        c->tcs_max_num = c->tcs_num;
}

/* sgx_sign checks by presence, not value: ELRangeStartAddress given as 0 still needs ELRangeSize. */
static vsgx_config_status_t check_given(const walk_t *w, vsgx_config_error_t *err)
{
    if (w->given[element_index("ELRangeSize")])
        return VSGX_CONFIG_OK;
    if (w->given[element_index("EnclaveImageAddress")])
        return needs_elrange(err, "EnclaveImageAddress");
    if (w->given[element_index("ELRangeStartAddress")])
        return needs_elrange(err, "ELRangeStartAddress");
    return VSGX_CONFIG_OK;
}

vsgx_config_status_t vsgx_enclave_config_parse(const char *xml, size_t len, vsgx_enclave_config_t *c,
                                               vsgx_config_error_t *err)
{
    vsgx_config_error_t scratch;
    if (!err)
        err = &scratch;
    clear_error(err);
    vsgx_enclave_config_defaults(c);
    xmlDocPtr doc;
    vsgx_config_status_t s = read_document(xml, len, &doc, err);
    if (s)
        return s;
    walk_t w;
    memset(&w, 0, sizeof w);
    s = read_root(doc, c, &w, err);
    xmlFreeDoc(doc);
    if (s)
        return s;
    fill_effective(c);
    if ((s = vsgx_enclave_config_validate(c, err)) == VSGX_CONFIG_OK)
        s = check_given(&w, err);
    if (s) {
        int i = element_index(err->element);
        if (i >= 0 && w.given[i])
            err->line = w.line[i];
    }
    return s;
}
