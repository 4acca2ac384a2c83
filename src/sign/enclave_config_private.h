/* enclave_config_private.h — what the two halves of the Enclave.config.xml code share: the
 * table of elements (enclave_config.c) and the error helpers, used by the XML reader
 * (enclave_config_xml.c). Not part of the signer's interface. */
#ifndef VSGX_SIGN_ENCLAVE_CONFIG_PRIVATE_H
#define VSGX_SIGN_ENCLAVE_CONFIG_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "enclave_config.h"

#define SIZE_LIMIT (UINT64_MAX / 2)

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


#define VSGX_CONFIG_ELEMENT_COUNT 37
extern const element_t vsgx_config_elements[VSGX_CONFIG_ELEMENT_COUNT];

/* The index of the element called name, or -1. */
int vsgx_config_element_index(const char *name);
/* Stores v (within the element's range) in its field, and sets its *_set flag. */
void vsgx_config_field_set(vsgx_enclave_config_t *c, const element_t *e, uint64_t v);

void vsgx_config_clear_error(vsgx_config_error_t *err);
vsgx_config_status_t vsgx_config_fail(vsgx_config_error_t *err, vsgx_config_status_t s, const char *element,
                                      int line, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* "NAME is given without ELRangeSize" */
vsgx_config_status_t vsgx_config_needs_elrange(vsgx_config_error_t *err, const char *name);
vsgx_config_status_t vsgx_config_out_of_range(vsgx_config_error_t *err, const element_t *e, uint64_t v, int line);

#endif
