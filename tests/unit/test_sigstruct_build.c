/* test_sigstruct_build.c — the SIGSTRUCT fields sgx_sign derives from Enclave.config.xml, one
 * element at a time, with the exact values Intel's signer gives (attributes and masks, XFRM and
 * its mask for PKRU and AMX on, off and loader-selects, MISCSELECT & MiscMask, vendor, type, HW
 * version, KSS ids); the XSAVE size and SSA frame size of an XFRM; the date, from the clock or
 * SOURCE_DATE_EPOCH, and what makes a date valid. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "enclave_config.h"
#include "sigstruct_build.h"

static vsgx_sigstruct_t from(const vsgx_enclave_config_t *c)
{
    vsgx_sigstruct_t s;
    vsgx_sigstruct_from_config(c, 0x20261127, &s);
    return s;
}

static void test_defaults(void **state)
{
    (void)state;
    vsgx_enclave_config_t c;
    vsgx_enclave_config_defaults(&c);
    vsgx_sigstruct_t s = from(&c);
    static const uint8_t header[12] = { 6, 0, 0, 0, 0xE1, 0, 0, 0, 0, 0, 1, 0 };
    static const uint8_t header2[16] = { 1, 1, 0, 0, 0x60, 0, 0, 0, 0x60, 0, 0, 0, 1, 0, 0, 0 };
    assert_memory_equal(s.header, header, 12);
    assert_memory_equal(s.header2, header2, 16);
    assert_int_equal(s.type, 0);
    assert_int_equal(s.vendor, 0);
    assert_int_equal(s.date, 0x20261127);
    assert_int_equal(s.hw_version, 0);
    assert_int_equal(s.misc_select, 0);
    assert_int_equal(s.misc_mask, 0xFFFFFFFF);
    assert_int_equal(s.attributes.flags, 0x4);
    assert_int_equal(s.attribute_mask.flags, 0xFF00FFFFFFFFFFFDULL);
    assert_int_equal(s.attributes.xfrm, 0x3);
    assert_int_equal(s.attribute_mask.xfrm, 0xFFFFFFFFFFFFFF1BULL);
    assert_int_equal(vsgx_sigstruct_required_xfrm(&s), 0xE7);
    assert_int_equal(s.isv_prod_id, 0);
    assert_int_equal(s.isv_svn, 0);
    uint8_t zero[16] = { 0 };
    assert_memory_equal(s.isv_family_id, zero, 16);
    assert_memory_equal(s.isvext_prod_id, zero, 16);
    assert_memory_equal(s.enclave_hash, (uint8_t[32]){ 0 }, 32);
}

static void test_each_element(void **state)
{
    (void)state;
    vsgx_enclave_config_t c;
    vsgx_enclave_config_defaults(&c);
    c.release_type = true;
    c.intel_signed = true;
    c.prod_id = 0x1234;
    c.isv_svn = 0xFFFF;
    c.misc_select = 0x3;
    c.misc_mask = 0xFFFFFFFE;
    vsgx_sigstruct_t s = from(&c);
    assert_int_equal(s.type, 0x80000000u);
    assert_int_equal(s.vendor, 0x8086);
    assert_int_equal(s.isv_prod_id, 0x1234);
    assert_int_equal(s.isv_svn, 0xFFFF);
    assert_int_equal(s.misc_select, 0x2);            /* MiscSelect & MiscMask */
    assert_int_equal(s.misc_mask, 0xFFFFFFFE);

    vsgx_enclave_config_defaults(&c);
    c.disable_debug = true;
    c.provision_key = true;
    c.launch_key = true;
    c.hw = 0x10;
    c.enable_kss = true;
    c.enable_aex_notify = true;
    c.isv_family_id[0] = 0x11;
    c.isvext_prod_id[15] = 0x22;
    s = from(&c);
    assert_int_equal(s.attributes.flags, 0x4 | 0x10 | 0x20 | 0x80 | 0x400);
    assert_int_equal(s.attribute_mask.flags, 0xFF00FFFFFFFFFFFFULL);   /* DEBUG now checked */
    assert_int_equal(s.hw_version, 0x10);
    assert_int_equal(s.isv_family_id[0], 0x11);
    assert_int_equal(s.isvext_prod_id[15], 0x22);
}

/* PKRU (bit 9) and AMX (bits 17-18): on, off, or left to the loader (dropped from the mask). */
static void test_xfrm_features(void **state)
{
    (void)state;
    vsgx_enclave_config_t c;
    vsgx_enclave_config_defaults(&c);
    c.pkru = VSGX_CONFIG_FEATURE_ON;
    vsgx_sigstruct_t s = from(&c);
    assert_int_equal(s.attributes.xfrm, 0x203);
    assert_int_equal(s.attribute_mask.xfrm, 0xFFFFFFFFFFFFFF1BULL);
    assert_int_equal(vsgx_sigstruct_required_xfrm(&s), 0x2E7);
    assert_int_equal(vsgx_ssa_frame_pages(vsgx_sigstruct_required_xfrm(&s)), 1);
    c.pkru = VSGX_CONFIG_FEATURE_LOADER_SELECTS;
    s = from(&c);
    assert_int_equal(s.attributes.xfrm, 0x3);
    assert_int_equal(s.attribute_mask.xfrm, 0xFFFFFFFFFFFFFD1BULL);
    c.pkru = VSGX_CONFIG_FEATURE_OFF;
    c.amx = VSGX_CONFIG_FEATURE_ON;
    s = from(&c);
    assert_int_equal(s.attributes.xfrm, 0x60003);
    assert_int_equal(vsgx_sigstruct_required_xfrm(&s), 0x600E7);
    assert_int_equal(vsgx_ssa_frame_pages(vsgx_sigstruct_required_xfrm(&s)), 3);
    c.amx = VSGX_CONFIG_FEATURE_LOADER_SELECTS;
    s = from(&c);
    assert_int_equal(s.attribute_mask.xfrm, 0xFFFFFFFFFFF9FF1BULL);
}

static void test_xsave_sizes(void **state)
{
    (void)state;
    assert_int_equal(vsgx_xsave_size(0x3), 576);
    assert_int_equal(vsgx_xsave_size(0x7), 832);
    assert_int_equal(vsgx_xsave_size(0xE7), 2688);
    assert_int_equal(vsgx_xsave_size(0x2E7), 2752);
    assert_int_equal(vsgx_xsave_size(0x600E7), 11008);
    assert_int_equal(vsgx_ssa_frame_pages(0x3), 1);          /* 576 + 184 */
    assert_int_equal(vsgx_ssa_frame_pages(0xE7), 1);         /* 2688 + 184 */
    assert_int_equal(vsgx_ssa_frame_pages(0x600E7), 3);      /* 11008 + 184 */
}

static void test_dates(void **state)
{
    (void)state;
    setenv("SOURCE_DATE_EPOCH", "1795737600", 1);          /* 2026-11-27T00:00:00Z */
    assert_int_equal(vsgx_sigstruct_date_now(), 0x20261127);
    setenv("SOURCE_DATE_EPOCH", "951782400", 1);           /* 2000-02-29 */
    assert_int_equal(vsgx_sigstruct_date_now(), 0x20000229);
    setenv("SOURCE_DATE_EPOCH", "not a number", 1);        /* ignored: the clock */
    uint32_t today = vsgx_sigstruct_date_now();
    assert_true(vsgx_sigstruct_date_valid(today));
    assert_true(today >= 0x20261127);
    unsetenv("SOURCE_DATE_EPOCH");
    assert_true(vsgx_sigstruct_date_valid(0x20240811));
    assert_false(vsgx_sigstruct_date_valid(0x2024081A));
    assert_false(vsgx_sigstruct_date_valid(0x20241301));
    assert_false(vsgx_sigstruct_date_valid(0x20240800));
    assert_false(vsgx_sigstruct_date_valid(0x20240832));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_each_element),
        cmocka_unit_test(test_xfrm_features),
        cmocka_unit_test(test_xsave_sizes),
        cmocka_unit_test(test_dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
