/* dh_host.c — the local-attestation host tests' helpers (dh_host.h): platform directories,
 * enclaves, and the protocol's steps carried between two enclaves' session slots. */
#include "dh_host.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char dir[] = "/tmp/vsgx-dh-XXXXXX";
static char plat[64], plat2[64];

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

int dh_setup(void **state)
{
    (void)state;
    if (!mkdtemp(dir))
        return -1;
    snprintf(plat, sizeof plat, "%s/plat", dir);
    snprintf(plat2, sizeof plat2, "%s/plat2", dir);
    setenv("VSGX_PLATFORM", plat, 1);
    return 0;
}

int dh_teardown(void **state)
{
    (void)state;
    nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    return 0;
}

void dh_platform(int second)
{
    setenv("VSGX_PLATFORM", second ? plat2 : plat, 1);
}

sgx_enclave_id_t dh_create(const char *path)
{
    sgx_enclave_id_t id = 0;
    assert_int_equal(sgx_create_enclave(path, 1, NULL, NULL, &id, NULL), SGX_SUCCESS);
    return id;
}

void dh_destroy(sgx_enclave_id_t id)
{
    assert_int_equal(sgx_destroy_enclave(id), SGX_SUCCESS);
}

int dh_init(sgx_enclave_id_t id, uint32_t slot, sgx_dh_session_role_t role)
{
    int r = -1;
    assert_int_equal(ecall_dh_init(id, &r, slot, (int)role), SGX_SUCCESS);
    return r;
}

int dh_gen_msg1(sgx_enclave_id_t id, uint32_t slot, sgx_dh_msg1_t *msg1)
{
    int r = -1;
    assert_int_equal(ecall_dh_gen_msg1(id, &r, slot, msg1), SGX_SUCCESS);
    return r;
}

int dh_proc_msg1(sgx_enclave_id_t id, uint32_t slot, const sgx_dh_msg1_t *msg1, sgx_dh_msg2_t *msg2)
{
    int r = -1;
    assert_int_equal(ecall_dh_proc_msg1(id, &r, slot, msg1, msg2), SGX_SUCCESS);
    return r;
}

int dh_proc_msg2(sgx_enclave_id_t id, uint32_t slot, const sgx_dh_msg2_t *msg2, uint8_t *msg3,
                 sgx_dh_session_enclave_identity_t *peer)
{
    int r = -1;
    assert_int_equal(ecall_dh_proc_msg2(id, &r, slot, msg2, msg3, DH_MSG3_SIZE, peer), SGX_SUCCESS);
    return r;
}

int dh_proc_msg3(sgx_enclave_id_t id, uint32_t slot, const uint8_t *msg3, sgx_dh_session_enclave_identity_t *peer)
{
    int r = -1;
    assert_int_equal(ecall_dh_proc_msg3(id, &r, slot, msg3, DH_MSG3_SIZE, peer), SGX_SUCCESS);
    return r;
}

void dh_start(sgx_enclave_id_t ini, uint32_t islot, sgx_enclave_id_t resp, uint32_t rslot, dh_run_t *run)
{
    memset(run, 0, sizeof *run);
    assert_int_equal(dh_init(resp, rslot, SGX_DH_SESSION_RESPONDER), SGX_SUCCESS);
    assert_int_equal(dh_init(ini, islot, SGX_DH_SESSION_INITIATOR), SGX_SUCCESS);
    assert_int_equal(dh_gen_msg1(resp, rslot, &run->msg1), SGX_SUCCESS);
    assert_int_equal(dh_proc_msg1(ini, islot, &run->msg1, &run->msg2), SGX_SUCCESS);
}

void dh_session(sgx_enclave_id_t ini, uint32_t islot, sgx_enclave_id_t resp, uint32_t rslot, dh_run_t *run)
{
    dh_start(ini, islot, resp, rslot, run);
    assert_int_equal(dh_proc_msg2(resp, rslot, &run->msg2, run->msg3, &run->initiator_seen), SGX_SUCCESS);
    assert_int_equal(dh_proc_msg3(ini, islot, run->msg3, &run->responder_seen), SGX_SUCCESS);
}

void dh_prove(sgx_enclave_id_t id, uint32_t slot, const uint8_t nonce[16], uint8_t mac[16])
{
    int r = -1;
    assert_int_equal(ecall_dh_prove(id, &r, slot, nonce, mac), SGX_SUCCESS);
    assert_int_equal(r, SGX_SUCCESS);
}

void dh_self(sgx_enclave_id_t id, sgx_dh_session_enclave_identity_t *self)
{
    assert_int_equal(ecall_dh_self(id, self), SGX_SUCCESS);
}

void dh_expect_signer(sgx_enclave_id_t id, const sgx_measurement_t *mr_signer)
{
    static const sgx_measurement_t any;
    assert_int_equal(ecall_dh_expect_signer(id, mr_signer ? mr_signer : &any), SGX_SUCCESS);
}
