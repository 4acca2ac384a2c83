/* test_verify_regressions.c — tests that guard fixed bugs of the verifier, on the real
 * quotes: non-PEM bytes around the certificates of the PCK chain, and a chain root that is
 * not byte for byte the trust anchor. The vectors: support/verify_vectors.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "verify_vectors.h"

/* ---- regressions ---------------------------------------------------------------------- */

/* Bytes that are not PEM before, between or after the certificates make the chain malformed:
 * only trailing NULs and whitespace are tolerated. (An earlier parser over OpenSSL's PEM reader
 * skipped non-PEM lines.) */
static void test_pem_junk_refused(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    for (int i = 0; i < 2; i++) {
        const vec_t *t = &g_vec[i];
        size_t cert_len = t->quote_len - OFF_CERT;
        /* The trailing NUL made 0x01, the last newline made 0x0B. */
        verify_flip(t, OFF_CERT + cert_len - 1, 0x01, &v);
        EXPECT(&v, SGX_QL_PCK_CERT_CHAIN_ERROR, UNSPEC, "pck_chain.format", OFF_CERT);
        verify_flip(t, OFF_CERT + cert_len - 2, 0x01, &v);
        EXPECT(&v, SGX_QL_PCK_CERT_CHAIN_ERROR, UNSPEC, "pck_chain.format", OFF_CERT);
        /* A line of text between the leaf and the CA (the sizes adjusted). */
        static const char junk[] = "junk\n";
        size_t jl = sizeof junk - 1;
        const char *pem = (const char *)t->quote + OFF_CERT;
        const char *end = find(pem, cert_len, "-----END CERTIFICATE-----\n", 0);
        assert_non_null(end);
        size_t at = OFF_CERT + (size_t)(end - pem) + 26;
        uint8_t *q = malloc(t->quote_len + jl);
        assert_non_null(q);
        memcpy(q, t->quote, at);
        memcpy(q + at, junk, jl);
        memcpy(q + at + jl, t->quote + at, t->quote_len - at);
        put32(q + OFF_SIG_LEN, (uint32_t)(t->quote_len + jl - OFF_QUOTE_SIG));
        put32(q + OFF_CERT_LEN, (uint32_t)(cert_len + jl));
        snprintf(g_what, sizeof g_what, "%s: a text line between the leaf and the CA", t->dir);
        verify(t, q, t->quote_len + jl, &v);
        free(q);
        EXPECT(&v, SGX_QL_PCK_CERT_CHAIN_ERROR, UNSPEC, "pck_chain.format", OFF_CERT);
    }
}

/* A chain root with the anchor's key and signature bytes but another to-be-signed part (here
 * its serial number) is not the anchor: Intel checks the root's self-signature, vsgx compares
 * the whole certificate with the anchor. (An earlier version compared key and signature only.) */
static void test_root_must_be_the_anchor(void **state)
{
    (void)state;
    vsgx_qvl_verdict_t v;
    vsgx_qvl_failure_t why;
    for (int i = 0; i < 2; i++) {
        const vec_t *t = &g_vec[i];
        verify_pem_change(t, 2, 24, &v);
        EXPECT(&v, SGX_QL_PCK_CERT_CHAIN_ERROR, UNSPEC, "pck_chain.untrusted_root", -1);
    }
    /* The same root in the TCB info signing chain. */
    const vec_t *t = &g_vec[0];
    char *dir = tampered_dir(t, NULL, NULL, NULL);
    char path[1024];
    size_t len;
    snprintf(path, sizeof path, "%s/tcb_info_issuer_chain.pem", dir);
    char *pem = (char *)load(path, &len);
    const char *root = find(pem, len, "-----BEGIN CERTIFICATE-----\n", 5);
    assert_non_null(root);
    char *ch = pem + (root - pem) + 28 + 24;
    *ch = *ch == 'A' ? 'B' : 'A';
    write_file(dir, "tcb_info_issuer_chain.pem", pem, len);
    free(pem);
    snprintf(g_what, sizeof g_what, "TCB signing chain root with a changed serial");
    assert_int_equal(verify_dir(t, dir, &v, &why), SGX_QL_SUCCESS);
    EXPECT(&v, SGX_QL_TCBINFO_CHAIN_ERROR, UNSPEC, "collateral.untrusted_root", -1);
    remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pem_junk_refused),
        cmocka_unit_test(test_root_must_be_the_anchor),
    };
    return cmocka_run_group_tests(tests, vectors_setup, vectors_teardown);
}
