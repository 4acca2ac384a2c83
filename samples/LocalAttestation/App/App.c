/* App.c — LocalAttestation in one process: it loads the initiator and the responder enclaves,
 * has the initiator establish a session with the responder (its OCALLs reach the responder's
 * ECALLs), exchange a secret over it and close it, printing Intel's line for each step that
 * succeeded. Exits 1 at the first failure, naming it. The enclaves are loaded from the app's
 * own directory, so it runs from anywhere. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "EnclaveInitiator_u.h"
#include "EnclaveResponder_u.h"
#include "UntrustedEnclaveMessageExchange.h"
#include "sgx_urts.h"

#define INITIATOR_FILE "libenclave_initiator.signed.so"
#define RESPONDER_FILE "libenclave_responder.signed.so"

static sgx_enclave_id_t initiator_enclave_id;

/* Runs one of the initiator's tests: 0 when the ECALL ran and returned LA_SUCCESS; otherwise
 * prints why. */
static int step(const char *what, sgx_status_t (*test)(sgx_enclave_id_t, uint32_t *))
{
    uint32_t ret = LA_ATTESTATION_ERROR;
    sgx_status_t st = test(initiator_enclave_id, &ret);
    if (st != SGX_SUCCESS) {
        printf("%s: ECALL failed: 0x%x\n", what, (unsigned)st);
        return -1;
    }
    if (ret != LA_SUCCESS) {
        printf("%s failed: 0x%x\n", what, (unsigned)ret);
        return -1;
    }
    return 0;
}

/* name in the directory of this program (or as given, when that cannot be found). */
static void beside_app(const char *name, char *path, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", path, size - 1);
    char *slash = n > 0 ? memrchr(path, '/', (size_t)n) : NULL;
    if (!slash || (size_t)(slash + 1 - path) + strlen(name) >= size) {
        snprintf(path, size, "%s", name);
        return;
    }
    snprintf(slash + 1, size - (size_t)(slash + 1 - path), "%s", name);
}

static int load(const char *name, sgx_enclave_id_t *id)
{
    char path[4096];
    beside_app(name, path, sizeof path);
    sgx_status_t st = sgx_create_enclave(path, SGX_DEBUG_FLAG, NULL, NULL, id, NULL);
    if (st != SGX_SUCCESS) {
        printf("failed to load enclave \"%s\": 0x%x\n", path, (unsigned)st);
        return -1;
    }
    return 0;
}

static int load_enclaves(void)
{
    if (load(INITIATOR_FILE, &initiator_enclave_id) != 0)
        return -1;
    if (load(RESPONDER_FILE, &responder_enclave_id) != 0) {
        sgx_destroy_enclave(initiator_enclave_id);
        return -1;
    }
    return 0;
}

int main(void)
{
    int status = 1;
    if (load_enclaves() != 0)
        return 1;
    printf("succeed to load enclaves.\n");
    if (step("create session", test_create_session) != 0)
        goto out;
    printf("succeed to establish secure channel.\n");
    if (step("message exchange", test_message_exchange) != 0)
        goto out;
    printf("Succeed to exchange secure message...\n");
    if (step("close session", test_close_session) != 0)
        goto out;
    printf("Succeed to close Session...\n");
    status = 0;
out:
    sgx_destroy_enclave(initiator_enclave_id);
    sgx_destroy_enclave(responder_enclave_id);
    return status;
}
