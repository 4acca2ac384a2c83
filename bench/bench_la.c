/* bench_la.c — a full local-attestation session on the simulated CPU: two enclaves (the dh test
 * enclaves A and B, tests/tservice_dh) run Intel's sgx_dh protocol, the host carrying the
 * messages: both sides initialise, the responder makes msg1, the initiator msg2, the responder
 * msg3, the initiator checks it. Each session uses new ephemeral P-256 keys and two EREPORTs and
 * three EGETKEYs. Every step's status is checked. Median of --reps rounds of --sessions.
 *
 *   bench_la --initiator ENCLAVE --responder ENCLAVE [--reps N] [--sessions N]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_clock.h"
#include "dh_u.h"
#include "sgx_urts.h"

#define MSG3_SIZE (sizeof(sgx_dh_msg3_t) + 8) /* the test enclave's msg3 carries 8 bytes of properties */

static void check(const char *what, sgx_status_t st, int r)
{
    if (st != SGX_SUCCESS || r != SGX_SUCCESS) {
        fprintf(stderr, "bench_la: %s (0x%04x, 0x%04x)\n", what, st, r);
        exit(1);
    }
}

static void session(sgx_enclave_id_t ini, sgx_enclave_id_t resp)
{
    static uint8_t msg3[MSG3_SIZE];
    sgx_dh_msg1_t msg1;
    sgx_dh_msg2_t msg2;
    sgx_dh_session_enclave_identity_t peer;
    int r = -1;
    sgx_status_t st = ecall_dh_init(resp, &r, 0, SGX_DH_SESSION_RESPONDER);
    check("init responder", st, r);
    st = ecall_dh_init(ini, &r, 0, SGX_DH_SESSION_INITIATOR);
    check("init initiator", st, r);
    st = ecall_dh_gen_msg1(resp, &r, 0, &msg1);
    check("msg1", st, r);
    st = ecall_dh_proc_msg1(ini, &r, 0, &msg1, &msg2);
    check("msg2", st, r);
    st = ecall_dh_proc_msg2(resp, &r, 0, &msg2, msg3, (uint32_t)sizeof msg3, &peer);
    check("msg3", st, r);
    st = ecall_dh_proc_msg3(ini, &r, 0, msg3, (uint32_t)sizeof msg3, &peer);
    check("check msg3", st, r);
}

int main(int argc, char **argv)
{
    const char *ini_path = NULL, *resp_path = NULL;
    int reps = 7, sessions = 200;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--initiator"))
            ini_path = argv[i + 1];
        else if (!strcmp(argv[i], "--responder"))
            resp_path = argv[i + 1];
        else if (!strcmp(argv[i], "--reps"))
            reps = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--sessions"))
            sessions = atoi(argv[i + 1]);
    }
    if (!ini_path || !resp_path || reps < 1 || reps > 99 || sessions < 1) {
        fprintf(stderr, "usage: bench_la --initiator ENCLAVE --responder ENCLAVE [--reps N] [--sessions N]\n");
        return 2;
    }
    sgx_enclave_id_t ini, resp;
    sgx_status_t st = sgx_create_enclave(ini_path, 1, NULL, NULL, &ini, NULL);
    check("create initiator", st, 0);
    st = sgx_create_enclave(resp_path, 1, NULL, NULL, &resp, NULL);
    check("create responder", st, 0);
    double *us = calloc((size_t)reps, sizeof *us);
    for (int r = 0; r < reps; r++) {
        double t0 = bench_now();
        for (int i = 0; i < sessions; i++)
            session(ini, resp);
        us[r] = (bench_now() - t0) / sessions * 1e6;
    }
    printf("local attestation: %d rounds of %d sessions, median %.1f us per full session\n", reps, sessions,
           bench_median(us, reps));
    printf("TSV\tla_session_us\t%.1f\n", bench_median(us, reps));
    free(us);
    sgx_destroy_enclave(ini);
    sgx_destroy_enclave(resp);
    return 0;
}
