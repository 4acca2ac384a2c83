/* test_collateral_json_identity.c — the strict enclave identity parser on good bodies:
 * Intel-served QE identity of both real quotes (fields, levels, signed span, inner form) and
 * Intel's QVL sample QE, QvE and TD QE identities; plus the sample TDX TCB info's refused
 * SVNs, and TCB info and identity bodies refused by each other's parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "collateral_json.h"
#include "collateral_json_helpers.h"
#include "hex.h"
#include "timefmt.h"

static const uint8_t QE_MRSIGNER[32] = {
    0x8C, 0x4F, 0x57, 0x75, 0xD7, 0x96, 0x50, 0x3E, 0x96, 0x13, 0x7F, 0x77, 0xC6, 0x8A, 0x82, 0x9A,
    0x00, 0x56, 0xAC, 0x8D, 0xED, 0x70, 0x14, 0x0B, 0x08, 0x1B, 0x09, 0x44, 0x90, 0xC5, 0x7B, 0xFF,
};

static void check_real_qe(const char *dir, int64_t issue, int64_t next)
{
    char path[512];
    size_t len;
    snprintf(path, sizeof path, "%s/collateral/qe_identity.json", dir);
    char *body = cj_load(path, &len);
    vsgx_enclave_identity_t e;
    vsgx_json_error_t err;

    int rc = vsgx_enclave_identity_parse(body, len, &e, &err);
    if (rc)
        fprintf(stderr, "%s: %s\n", err.path, err.message);
    assert_int_equal(rc, 0);
    assert_int_equal(e.version, 2);
    assert_int_equal(e.id, VSGX_IDENTITY_QE);
    assert_int_equal(e.issue_date, issue);
    assert_int_equal(e.next_update, next);
    assert_int_equal(e.tcb_evaluation_data_number, 17);
    assert_int_equal(e.miscselect, 0);
    assert_int_equal(e.miscselect_mask, 0xFFFFFFFFu);
    static const uint8_t attr[16] = { 0x11 };
    static const uint8_t mask[16] = { 0xFB, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
    assert_memory_equal(e.attributes, attr, 16);
    assert_memory_equal(e.attributes_mask, mask, 16);
    assert_memory_equal(e.mrsigner, QE_MRSIGNER, 32);
    assert_int_equal(e.isvprodid, 1);
    assert_int_equal(e.level_count, 6);
    static const uint16_t isvsvn[6] = { 8, 6, 5, 4, 2, 1 };
    static const size_t adv[6] = { 0, 1, 2, 3, 5, 6 };
    for (size_t i = 0; i < 6; i++) {
        assert_int_equal(e.levels[i].isvsvn, isvsvn[i]);
        assert_int_equal(e.levels[i].status, i ? VSGX_TCB_OUT_OF_DATE : VSGX_TCB_UP_TO_DATE);
        assert_int_equal(e.levels[i].advisory_count, adv[i]);
    }
    assert_int_equal(e.levels[0].tcb_date, 1710288000);
    assert_string_equal(e.levels[1].advisories[0].id, "INTEL-SA-00615");
    assert_string_equal(e.levels[5].advisories[0].id, "INTEL-SA-00202");
    assert_string_equal(e.levels[5].advisories[5].id, "INTEL-SA-00615");
    assert_int_equal(e.levels[5].tcb_date, vsgx_time_from_fields(2018, 8, 15, 0, 0, 0));

    assert_int_equal(e.signed_body - body, 19); /* {"enclaveIdentity": */
    assert_memory_equal(e.signed_body, "{\"id\":\"QE\"", 10);
    assert_int_equal(e.signed_body[e.signed_len - 1], '}');
    snprintf(path, sizeof path, "%s/collateral.json", dir);
    char *inner = cj_collateral_field(path, "qe_identity");
    char *sig = cj_collateral_field(path, "qe_identity_signature");
    assert_int_equal(e.signed_len, strlen(inner));
    assert_memory_equal(e.signed_body, inner, e.signed_len);
    uint8_t sig_bytes[64];
    assert_true(vsgx_hex_decode(sig, strlen(sig), sig_bytes, 64));
    assert_memory_equal(e.signature, sig_bytes, 64);

    vsgx_enclave_identity_t u;
    rc = vsgx_enclave_identity_parse_inner(inner, strlen(inner), sig, strlen(sig), &u, &err);
    assert_int_equal(rc, 0);
    assert_true(u.signed_body == inner);
    assert_int_equal(u.level_count, 6);
    assert_memory_equal(u.levels, e.levels, 6 * sizeof *e.levels);
    assert_memory_equal(u.mrsigner, e.mrsigner, 32);
    vsgx_enclave_identity_free(&u);
    assert_null(u.levels);

    size_t nlen;
    char *with_nul = cj_append(body, len, "", 1, &nlen);
    assert_int_equal(vsgx_enclave_identity_parse(with_nul, nlen, &u, &err), 0);
    assert_int_equal(u.signed_len, e.signed_len);
    vsgx_enclave_identity_free(&u);
    free(with_nul);

    free(inner);
    free(sig);
    vsgx_enclave_identity_free(&e);
    free(body);
}

static void test_qe_real(void **state)
{
    (void)state;
    check_real_qe(PROC, 1750327278, 1752919278);
    check_real_qe(PLAT, 1755232606, 1757824606);
}

static void test_qe_synthetic(void **state)
{
    (void)state;
    size_t len;
    char *body = cj_load(SYNTH "/qeIdentity.json", &len);
    vsgx_enclave_identity_t e;
    vsgx_json_error_t err;
    int rc = vsgx_enclave_identity_parse(body, len, &e, &err);
    if (rc)
        fprintf(stderr, "%s: %s\n", err.path, err.message);
    assert_int_equal(rc, 0);
    assert_int_equal(e.id, VSGX_IDENTITY_QE);
    assert_int_equal(e.miscselect, 0x8CB182D1u); /* "D182B18C" read little-endian */
    assert_int_equal(e.miscselect_mask, 0xFFFFFFFFu);
    static const uint8_t attr[16] = { 0x70, 0xC8, 0xCB, 0xF4, 0x8B, 0xD7, 0x6E, 0xAB,
                                      0x9C, 0x81, 0x26, 0xCE, 0x95, 0xE9, 0x6C, 0x90 };
    assert_memory_equal(e.attributes, attr, 16);
    uint8_t ff[16];
    memset(ff, 0xFF, 16);
    assert_memory_equal(e.attributes_mask, ff, 16);
    assert_memory_equal(e.mrsigner, QE_MRSIGNER, 32);
    assert_int_equal(e.tcb_evaluation_data_number, 0);
    assert_int_equal(e.issue_date, 1567669628);
    assert_int_equal(e.next_update, 1883288828);
    assert_int_equal(e.level_count, 1);
    assert_int_equal(e.levels[0].isvsvn, 1);
    assert_int_equal(e.levels[0].status, VSGX_TCB_UP_TO_DATE);
    assert_int_equal(e.levels[0].tcb_date, 1567296000);
    assert_int_equal(e.signature[0], 0x33);
    vsgx_enclave_identity_free(&e);
    free(body);

    body = cj_load(SYNTH "/qveIdentity.json", &len);
    assert_int_equal(vsgx_enclave_identity_parse(body, len, &e, &err), 0);
    assert_int_equal(e.id, VSGX_IDENTITY_QVE);
    assert_int_equal(e.isvprodid, 2);
    assert_int_equal(e.miscselect, 0x1FCE8999u);
    vsgx_enclave_identity_free(&e);
    free(body);

    body = cj_load(SYNTH "/tdx/qeIdentity.json", &len);
    assert_int_equal(vsgx_enclave_identity_parse(body, len, &e, &err), 0);
    assert_int_equal(e.id, VSGX_IDENTITY_TD_QE);
    assert_int_equal(e.isvprodid, 29854);
    assert_int_equal(e.levels[0].isvsvn, 12677);
    assert_int_equal(e.levels[0].advisory_count, 2);
    assert_string_equal(e.levels[0].advisories[1].id, "INTEL-SA-00076");
    assert_int_equal(e.attributes[0], 0x0c); /* lower-case hex */
    vsgx_enclave_identity_free(&e);
    free(body);

    /* Intel's synthetic TDX TCB info has component SVNs above 255 (Intel's QVL truncates them
     * to 8 bits); here they are refused rather than silently wrapped. */
    body = cj_load(SYNTH "/tdx/tcbInfo.json", &len);
    cj_tcb_fails(body, len, "tcbInfo.tcbLevels[0].tcb.sgxtcbcomponents[1].svn",
                 "value 65473 out of range 0..255");
    size_t mlen;
    char *m = cj_replace1(body, len, "\"version\":3", "\"version\":2", &mlen);
    cj_tcb_fails(m, mlen, "tcbInfo.tcbLevels[0].tcb.sgxtcbcomp01svn", "missing field");
    free(m);
    free(body);

    /* A TCB info body is not an identity, and the reverse. */
    body = cj_load(SYNTH "/tcbInfo.json", &len);
    cj_qe_fails(body, len, "", "unexpected member \"tcbInfo\"");
    free(body);
    body = cj_load(SYNTH "/qeIdentity.json", &len);
    cj_tcb_fails(body, len, "", "unexpected member \"enclaveIdentity\"");
    free(body);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_qe_real),
        cmocka_unit_test(test_qe_synthetic),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]); /* e.g. "test_qe_real" */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
