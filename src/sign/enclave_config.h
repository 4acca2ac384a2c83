/* enclave_config.h — Enclave.config.xml as Intel's sgx_sign reads it: every element, its range
 * and default, and the cross-field rules. Parsing (libxml2) and validation are separate, so a
 * configuration can also be built in code and then checked. An error names the element (when
 * there is one), the line, and the rule. Host code; used by the signer. */
#ifndef VSGX_SIGN_ENCLAVE_CONFIG_H
#define VSGX_SIGN_ENCLAVE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    VSGX_CONFIG_OK = 0,
    VSGX_CONFIG_SYNTAX,          /* not well-formed XML, or bigger than the limit (also: any entity
                                    declaration, which stops the parse) */
    VSGX_CONFIG_BAD_ROOT,        /* the root element is not <EnclaveConfiguration> (also: text
                                    directly inside it, which may hold only elements and comments) */
    VSGX_CONFIG_ATTRIBUTE,       /* an element carries an XML attribute */
    VSGX_CONFIG_UNKNOWN_ELEMENT, /* an element Intel does not define (or nested elements) */
    VSGX_CONFIG_DUPLICATE,       /* an element given twice */
    VSGX_CONFIG_BAD_NUMBER,      /* not an unsigned number (strtoull base 0), or negative */
    VSGX_CONFIG_OUT_OF_RANGE,    /* a number outside the element's range */
    VSGX_CONFIG_RULE,            /* a cross-field rule does not hold (see the message) */
} vsgx_config_status_t;

typedef struct {
    vsgx_config_status_t status;
    char element[40];            /* the element concerned, "" when none */
    int line;                    /* its line in the file, 0 when unknown */
    char message[256];           /* a sentence naming the rule */
} vsgx_config_error_t;

#define VSGX_TCS_POLICY_BIND 0
#define VSGX_TCS_POLICY_UNBIND 1
#define VSGX_CONFIG_FEATURE_OFF 0
#define VSGX_CONFIG_FEATURE_ON 1
#define VSGX_CONFIG_FEATURE_LOADER_SELECTS 2

typedef struct {
    uint16_t prod_id, isv_svn;
    bool release_type, intel_signed, provision_key, launch_key, disable_debug;
    uint32_t hw;
    uint32_t tcs_num, tcs_max_num, tcs_min_pool, tcs_policy;
    uint64_t stack_max_size, stack_min_size;
    uint64_t heap_max_size, heap_min_size, heap_init_size;
    uint64_t rsrv_max_size, rsrv_min_size, rsrv_init_size;
    bool rsrv_executable;
    uint32_t misc_select, misc_mask;
    bool enable_kss, enable_aex_notify, enable_ipp_fips, enable_ossl_fips;
    uint8_t isv_family_id[16];   /* _L gives bytes 0-7 (little-endian), _H bytes 8-15 */
    uint8_t isvext_prod_id[16];
    uint64_t enclave_image_address, elrange_start_address, elrange_size;
    uint32_t pkru, amx;          /* VSGX_CONFIG_FEATURE_* */
    uint64_t user_region_size;
    /* which optional elements were given (their defaults depend on others). After
     * vsgx_enclave_config_defaults or a successful parse, the fields of the unset ones hold their
     * effective values: heap_init_size = heap_max_size, rsrv_init_size = rsrv_max_size,
     * tcs_max_num = tcs_num. Validation and is_dynamic use those effective values whenever the
     * flag is false, whatever the field holds. */
    bool tcs_max_num_set, heap_init_set, rsrv_init_set;
} vsgx_enclave_config_t;

/* The configuration sgx_sign uses when no file is given. */
void vsgx_enclave_config_defaults(vsgx_enclave_config_t *c);

/* Parses an Enclave.config.xml document (at most 1 MiB) over the defaults and then validates it.
 * On failure *c is unspecified and err says what, where and why. Elements are checked in
 * document order as sgx_sign does: attributes, the value (missing, '-', not a number), the name,
 * repetition, the range; the first fault is reported with the element's line. A rule between
 * elements is reported after the whole file was read, with the line of the element it names (or,
 * when that one was left to its default, of the first given element the message mentions).
 * err may be NULL. */
vsgx_config_status_t vsgx_enclave_config_parse(const char *xml, size_t len, vsgx_enclave_config_t *c,
                                               vsgx_config_error_t *err);

/* Gives the optional elements that were not set (their *_set flag is false) their effective
 * values: HeapInitSize and ReservedMemInitSize their maximum, TCSMaxNum TCSNum. Parsing does
 * this; a configuration built in code gets it from the signer before it is laid out. */
void vsgx_enclave_config_resolve(vsgx_enclave_config_t *c);

/* The element ranges and cross-field rules of Intel's signer, for a configuration however built
 * (err->line is 0). EnclaveImageAddress and ELRangeSize of 0 count as not given. err may be NULL. */
vsgx_config_status_t vsgx_enclave_config_validate(const vsgx_enclave_config_t *c, vsgx_config_error_t *err);

/* The ELRANGE rules, which need the enclave size the layout gives: page-aligned, size a power of
 * two, start aligned to size, start <= image address, image address + enclave_size <= end.
 * Holds trivially when ELRangeSize is 0. */
vsgx_config_status_t vsgx_enclave_config_check_elrange(const vsgx_enclave_config_t *c, uint64_t enclave_size,
                                                       vsgx_config_error_t *err);

/* Whether the configuration uses a dynamic (EDMM) feature: heap init != min or max, stack max !=
 * min, reserved memory init != min or max, or TCSMaxNum != min pool + 1, where the min pool is
 * min(TCSMinPool, TCSNum - 1) (threads beyond it are removed after EINIT or added later). */
bool vsgx_enclave_config_is_dynamic(const vsgx_enclave_config_t *c);

/* A sentence for people. */
const char *vsgx_config_status_text(vsgx_config_status_t s);

#endif
