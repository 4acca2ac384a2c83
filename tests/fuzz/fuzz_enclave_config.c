/* fuzz_enclave_config.c — libFuzzer target for Enclave.config.xml: vsgx_enclave_config_parse on
 * the input, then the promises around it:
 *   - the error is consistent: the status returned is err.status, element and message are
 *     NUL-terminated, a failure has a message and an accepted file has none;
 *   - parsing is deterministic: a second parse gives the same error and, when accepted, the
 *     same configuration;
 *   - an accepted configuration passes vsgx_enclave_config_validate on its own, its optional
 *     elements hold their effective values (HeapInitSize, ReservedMemInitSize, TCSMaxNum), and
 *     vsgx_enclave_config_is_dynamic and vsgx_enclave_config_check_elrange (with a few enclave
 *     sizes, down to 0 and up to 2^64 - 1) answer without fault.
 * Silent on the normal path; aborts with a message when a promise is broken. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enclave_config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what, const vsgx_config_error_t *err)
{
    fprintf(stderr, "fuzz_enclave_config: %s (status %d, <%.40s> line %d: %.256s)\n", what, (int)err->status,
            err->element, err->line, err->message);
    abort();
}

static void check_error(vsgx_config_status_t s, const vsgx_config_error_t *err)
{
    if (!memchr(err->element, '\0', sizeof err->element) || !memchr(err->message, '\0', sizeof err->message))
        broken("unterminated error strings", err);
    if (s != err->status || s > VSGX_CONFIG_RULE || err->line < 0)
        broken("inconsistent status or line", err);
    if ((s == VSGX_CONFIG_OK) != (err->message[0] == '\0'))
        broken("a message on success, or none on failure", err);
}

static void check_accepted(const vsgx_enclave_config_t *c, const vsgx_config_error_t *perr)
{
    vsgx_config_error_t err;
    if (vsgx_enclave_config_validate(c, &err) != VSGX_CONFIG_OK)
        broken("an accepted configuration fails validation", &err);
    if ((!c->heap_init_set && c->heap_init_size != c->heap_max_size) ||
        (!c->rsrv_init_set && c->rsrv_init_size != c->rsrv_max_size) ||
        (!c->tcs_max_num_set && c->tcs_max_num != c->tcs_num))
        broken("an unset optional element does not hold its effective value", perr);
    (void)vsgx_enclave_config_is_dynamic(c);
    static const uint64_t sizes[] = { 0, 0x1000, 0x10000000, UINT64_MAX / 2, UINT64_MAX };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        vsgx_config_status_t s = vsgx_enclave_config_check_elrange(c, sizes[i], &err);
        check_error(s, &err);
        if (c->elrange_size == 0 && s != VSGX_CONFIG_OK)
            broken("the ELRANGE check fails without an ELRANGE", &err);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static vsgx_enclave_config_t c1, c2;
    vsgx_config_error_t e1, e2;
    vsgx_config_status_t s1 = vsgx_enclave_config_parse((const char *)data, size, &c1, &e1);
    check_error(s1, &e1);
    vsgx_config_status_t s2 = vsgx_enclave_config_parse((const char *)data, size, &c2, &e2);
    if (s1 != s2 || memcmp(&e1, &e2, sizeof e1) != 0)
        broken("a second parse gives another error", &e2);
    if (s1 != VSGX_CONFIG_OK)
        return 0;
    if (memcmp(&c1, &c2, sizeof c1) != 0)
        broken("a second parse gives another configuration", &e1);
    check_accepted(&c1, &e1);
    return 0;
}
