/* test_seal.c — sealing on the simulated CPU, against Intel's behaviour: the blob's size (560 +
 * AAD + text) and fields at Intel's offsets; a round trip; the same signer's other build opens
 * it (MRSIGNER, the default) and another signer cannot; MRENCLAVE policy binds to one build; a
 * lower ISVSVN cannot open a higher one's data (the reverse works); another platform cannot
 * open it; an upgrade of the platform's CPUSVN keeps older blobs readable and a downgrade makes
 * newer ones unreadable; every flipped byte is refused; wrong buffer sizes are refused;
 * MAC-only blobs; and REPORTs verify only in the enclave they were made for, on that platform. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform.h"
#include "seal_u.h"
#include "sgx_tseal.h"
#include "sgx_urts.h"
#include "scratch_dir.h"

#define ENCLAVE(name) SEAL_DIR "/" name ".signed.so"
#define BLOB_MAX 4096

static char dir[] = "/tmp/vsgx-seal-XXXXXX";
static char plat[64], plat2[64];
static const uint8_t AAD[] = "aad mac text";
static const uint8_t TXT[] = "Data to encrypt";

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(dir))
        return -1;
    snprintf(plat, sizeof plat, "%s/plat", dir);
    snprintf(plat2, sizeof plat2, "%s/plat2", dir);
    setenv("VSGX_PLATFORM", plat, 1);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    vsgx_test_remove_tree(dir);
    return 0;
}

static sgx_enclave_id_t create(const char *path)
{
    sgx_enclave_id_t id = 0;
    assert_int_equal(sgx_create_enclave(path, 1, NULL, NULL, &id, NULL), SGX_SUCCESS);
    return id;
}

/* Seals TXT with AAD in enclave id (policy 0: the default request); returns the blob's size. */
static uint32_t seal(sgx_enclave_id_t id, uint16_t policy, uint8_t *blob)
{
    int r = -1;
    uint32_t size = 560 + (uint32_t)sizeof AAD + (uint32_t)sizeof TXT;
    assert_int_equal(ecall_seal(id, &r, policy, AAD, sizeof AAD, TXT, sizeof TXT, blob, size), SGX_SUCCESS);
    assert_int_equal(r, SGX_SUCCESS);
    return size;
}

/* Opens a blob in enclave id; on success checks it gave back AAD and TXT. */
static sgx_status_t unseal(sgx_enclave_id_t id, const uint8_t *blob, uint32_t size)
{
    int r = -1;
    uint8_t aad[64], txt[64];
    uint32_t lengths[2] = { 0, 0 };
    assert_int_equal(ecall_unseal(id, &r, blob, size, aad, sizeof aad, txt, sizeof txt, lengths), SGX_SUCCESS);
    if (r == SGX_SUCCESS) {
        assert_int_equal(lengths[0], sizeof AAD);
        assert_int_equal(lengths[1], sizeof TXT);
        assert_memory_equal(aad, AAD, sizeof AAD);
        assert_memory_equal(txt, TXT, sizeof TXT);
    }
    return (sgx_status_t)r;
}

static uint16_t u16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t u32(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }

static void test_layout_and_round_trip(void **state)
{
    (void)state;
    sgx_enclave_id_t a = create(ENCLAVE("seal_a"));
    uint32_t size = 0;
    assert_int_equal(ecall_sealed_size(a, &size, 13, 16), SGX_SUCCESS);
    assert_int_equal(size, 560 + 13 + 16);
    assert_int_equal(ecall_sealed_size(a, &size, UINT32_MAX, 1), SGX_SUCCESS);
    assert_int_equal(size, UINT32_MAX);
    uint8_t blob[BLOB_MAX];
    size = seal(a, 0, blob);
    assert_int_equal(size, 560 + sizeof AAD + sizeof TXT);
    assert_int_equal(sizeof(sgx_sealed_data_t), 560);
    assert_int_equal(u16(blob + 0), SGX_KEYSELECT_SEAL);       /* key_request.key_name */
    assert_int_equal(u16(blob + 2), SGX_KEYPOLICY_MRSIGNER);   /* the default policy */
    assert_int_equal(u16(blob + 4), 2);                        /* isv_svn */
    uint64_t flags;
    memcpy(&flags, blob + 24, 8);
    assert_int_equal(flags, 0xFF0000000000000BULL);             /* attribute_mask.flags */
    assert_int_equal(u32(blob + 72), 0xF0000000u);             /* misc_mask */
    assert_int_equal(u32(blob + 512), sizeof TXT);             /* plain_text_offset */
    assert_int_equal(u32(blob + 528), sizeof AAD + sizeof TXT); /* aes_data.payload_size */
    assert_memory_equal(blob + 560 + sizeof TXT, AAD, sizeof AAD); /* the MAC text in clear */
    assert_memory_not_equal(blob + 560, TXT, sizeof TXT);          /* the text is not */
    assert_int_equal(unseal(a, blob, size), SGX_SUCCESS);
    /* A second seal: a new KEYID, so another key and another ciphertext. */
    uint8_t again[BLOB_MAX];
    seal(a, 0, again);
    assert_memory_not_equal(blob + 40, again + 40, 32);
    assert_memory_not_equal(blob + 560, again + 560, sizeof TXT);
    assert_int_equal(sgx_destroy_enclave(a), SGX_SUCCESS);
}

static void test_identities(void **state)
{
    (void)state;
    sgx_enclave_id_t a = create(ENCLAVE("seal_a")), b = create(ENCLAVE("seal_b")), c = create(ENCLAVE("seal_c")),
                     o = create(ENCLAVE("seal_o"));
    uint8_t blob[BLOB_MAX];
    uint32_t size = seal(a, 0, blob); /* MRSIGNER */
    assert_int_equal(unseal(c, blob, size), SGX_SUCCESS);          /* another build, same signer */
    assert_int_equal(unseal(o, blob, size), SGX_ERROR_MAC_MISMATCH); /* another signer */
    size = seal(a, SGX_KEYPOLICY_MRENCLAVE, blob);
    assert_int_equal(unseal(a, blob, size), SGX_SUCCESS);
    assert_int_equal(unseal(c, blob, size), SGX_ERROR_MAC_MISMATCH); /* bound to A's build */
    /* SVNs: B (ISVSVN 3) opens A's (2); A cannot open B's. */
    size = seal(a, 0, blob);
    assert_int_equal(unseal(b, blob, size), SGX_SUCCESS);
    size = seal(b, 0, blob);
    assert_int_equal(unseal(a, blob, size), SGX_ERROR_INVALID_ISVSVN);
    /* Another platform cannot open it. */
    size = seal(a, 0, blob);
    setenv("VSGX_PLATFORM", plat2, 1);
    sgx_enclave_id_t a2 = create(ENCLAVE("seal_a"));
    assert_int_equal(unseal(a2, blob, size), SGX_ERROR_MAC_MISMATCH);
    setenv("VSGX_PLATFORM", plat, 1);
    for (sgx_enclave_id_t *e = (sgx_enclave_id_t[]){ a, b, c, o, a2 }, *end = e + 5; e < end; e++)
        assert_int_equal(sgx_destroy_enclave(*e), SGX_SUCCESS);
}

static void set_cpusvn(uint8_t first)
{
    vsgx_platform_t *p = NULL;
    assert_int_equal(vsgx_platform_load(plat, &p, NULL, 0), VSGX_PLATFORM_OK);
    sgx_cpu_svn_t s = p->params.cpusvn;
    s.svn[0] = first;
    assert_int_equal(vsgx_platform_set_tcb(p, &s, p->params.pce_svn, NULL, 0), VSGX_PLATFORM_OK);
    vsgx_platform_free(p);
}

static void test_tcb_changes(void **state)
{
    (void)state;
    set_cpusvn(0x10);
    sgx_enclave_id_t a = create(ENCLAVE("seal_a"));
    uint8_t old[BLOB_MAX], newer[BLOB_MAX];
    uint32_t size = seal(a, 0, old);
    assert_int_equal(sgx_destroy_enclave(a), SGX_SUCCESS);
    set_cpusvn(0x11); /* a microcode update */
    a = create(ENCLAVE("seal_a"));
    assert_int_equal(unseal(a, old, size), SGX_SUCCESS);
    seal(a, 0, newer);
    assert_int_equal(sgx_destroy_enclave(a), SGX_SUCCESS);
    set_cpusvn(0x10); /* a rollback */
    a = create(ENCLAVE("seal_a"));
    assert_int_equal(unseal(a, newer, size), SGX_ERROR_INVALID_CPUSVN);
    assert_int_equal(unseal(a, old, size), SGX_SUCCESS);
    assert_int_equal(sgx_destroy_enclave(a), SGX_SUCCESS);
}

static void test_every_flip_refused(void **state)
{
    (void)state;
    sgx_enclave_id_t a = create(ENCLAVE("seal_a"));
    uint8_t blob[BLOB_MAX];
    uint32_t size = seal(a, 0, blob);
    for (uint32_t i = 0; i < size; i++) {
        blob[i] ^= 0x01;
        sgx_status_t st = unseal(a, blob, size);
        blob[i] ^= 0x01;
        /* A CPUSVN or ISVSVN above the enclave's is reported as such, as Intel's unseal does. */
        bool svn = (i >= 4 && i < 6) || (i >= 8 && i < 24);
        if (st != SGX_ERROR_MAC_MISMATCH &&
            !(svn && (st == SGX_ERROR_INVALID_CPUSVN || st == SGX_ERROR_INVALID_ISVSVN)))
            fail_msg("byte %u flipped: status 0x%04x", i, st);
    }
    assert_int_equal(unseal(a, blob, size), SGX_SUCCESS);
    assert_int_equal(sgx_destroy_enclave(a), SGX_SUCCESS);
}

static void test_bad_sizes(void **state)
{
    (void)state;
    sgx_enclave_id_t a = create(ENCLAVE("seal_a"));
    uint8_t blob[BLOB_MAX];
    int r = -1;
    uint32_t size = 560 + sizeof AAD + sizeof TXT;
    assert_int_equal(ecall_seal(a, &r, 0, AAD, sizeof AAD, TXT, sizeof TXT, blob, size + 1), SGX_SUCCESS);
    assert_int_equal(r, SGX_ERROR_INVALID_PARAMETER);
    assert_int_equal(ecall_seal(a, &r, 0, AAD, sizeof AAD, TXT, sizeof TXT, blob, size - 1), SGX_SUCCESS);
    assert_int_equal(r, SGX_ERROR_INVALID_PARAMETER);
    assert_int_equal(ecall_seal(a, &r, 0, AAD, 0, TXT, 0, blob, 560), SGX_SUCCESS);
    assert_int_equal(r, SGX_ERROR_INVALID_PARAMETER); /* nothing to encrypt */
    assert_int_equal(ecall_seal(a, &r, SGX_KEYPOLICY_NOISVPRODID, AAD, sizeof AAD, TXT, sizeof TXT, blob, size),
                     SGX_SUCCESS);
    assert_int_equal(r, SGX_ERROR_INVALID_PARAMETER); /* neither MRENCLAVE nor MRSIGNER */
    seal(a, 0, blob);
    uint8_t aad[64], txt[64];
    uint32_t lengths[2];
    assert_int_equal(ecall_unseal(a, &r, blob, size, aad, sizeof AAD - 1, txt, sizeof txt, lengths), SGX_SUCCESS);
    assert_int_equal(r, SGX_ERROR_INVALID_PARAMETER); /* AAD buffer too small */
    assert_int_equal(ecall_unseal(a, &r, blob, size, aad, sizeof aad, txt, sizeof TXT - 1, lengths), SGX_SUCCESS);
    assert_int_equal(r, SGX_ERROR_INVALID_PARAMETER); /* text buffer too small */
    /* A blob whose lengths point past it. */
    uint32_t huge = 0x7fffffff;
    memcpy(blob + 528, &huge, 4);
    assert_int_equal(unseal(a, blob, size), SGX_ERROR_MAC_MISMATCH);
    assert_int_equal(sgx_destroy_enclave(a), SGX_SUCCESS);
}

static void test_mac_only(void **state)
{
    (void)state;
    sgx_enclave_id_t a = create(ENCLAVE("seal_a")), c = create(ENCLAVE("seal_c"));
    uint8_t blob[BLOB_MAX], aad[64];
    int r = -1;
    uint32_t size = 560 + sizeof AAD, len = 0;
    assert_int_equal(ecall_mac(a, &r, AAD, sizeof AAD, blob, size), SGX_SUCCESS);
    assert_int_equal(r, SGX_SUCCESS);
    assert_int_equal(u32(blob + 512), 0);
    assert_memory_equal(blob + 560, AAD, sizeof AAD);
    assert_int_equal(ecall_unmac(c, &r, blob, size, aad, sizeof aad, &len), SGX_SUCCESS);
    assert_int_equal(r, SGX_SUCCESS);
    assert_int_equal(len, sizeof AAD);
    assert_memory_equal(aad, AAD, sizeof AAD);
    blob[560] ^= 0x20;
    assert_int_equal(ecall_unmac(a, &r, blob, size, aad, sizeof aad, &len), SGX_SUCCESS);
    assert_int_equal(r, SGX_ERROR_MAC_MISMATCH);
    assert_int_equal(sgx_destroy_enclave(a), SGX_SUCCESS);
    assert_int_equal(sgx_destroy_enclave(c), SGX_SUCCESS);
}

static void test_report_verification(void **state)
{
    (void)state;
    sgx_enclave_id_t a = create(ENCLAVE("seal_a")), c = create(ENCLAVE("seal_c"));
    sgx_target_info_t tc;
    assert_int_equal(sgx_get_target_info(c, &tc), SGX_SUCCESS);
    sgx_report_t rep;
    int r = -1;
    assert_int_equal(ecall_report(a, &r, &tc, &rep), SGX_SUCCESS);
    assert_int_equal(r, SGX_SUCCESS);
    assert_int_equal(ecall_verify_report(c, &r, &rep), SGX_SUCCESS);
    assert_int_equal(r, SGX_SUCCESS);                  /* the target verifies it */
    assert_int_equal(ecall_verify_report(a, &r, &rep), SGX_SUCCESS);
    assert_int_equal(r, SGX_ERROR_MAC_MISMATCH);        /* no one else */
    rep.body.report_data.d[0] ^= 1;
    assert_int_equal(ecall_verify_report(c, &r, &rep), SGX_SUCCESS);
    assert_int_equal(r, SGX_ERROR_MAC_MISMATCH);        /* a changed body */
    rep.body.report_data.d[0] ^= 1;
    /* The same target on another platform. */
    setenv("VSGX_PLATFORM", plat2, 1);
    sgx_enclave_id_t c2 = create(ENCLAVE("seal_c"));
    assert_int_equal(ecall_verify_report(c2, &r, &rep), SGX_SUCCESS);
    assert_int_equal(r, SGX_ERROR_MAC_MISMATCH);
    setenv("VSGX_PLATFORM", plat, 1);
    for (sgx_enclave_id_t *e = (sgx_enclave_id_t[]){ a, c, c2 }, *end = e + 3; e < end; e++)
        assert_int_equal(sgx_destroy_enclave(*e), SGX_SUCCESS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_and_round_trip), cmocka_unit_test(test_identities),
        cmocka_unit_test(test_tcb_changes),          cmocka_unit_test(test_every_flip_refused),
        cmocka_unit_test(test_bad_sizes),            cmocka_unit_test(test_mac_only),
        cmocka_unit_test(test_report_verification),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
