/* App.c — SealUnseal: the sealing enclave seals a secret into a file; the unsealing enclave, a
 * different enclave signed with the same key, reads the file and opens it. Both enclaves and the
 * file sit beside the app (the file in the current directory, as Intel's sample). */
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "Enclave_Seal_u.h"
#include "Enclave_Unseal_u.h"
#include "sgx_urts.h"

#define SEALED_DATA_FILE "sealed_data_blob.txt"

/* path of `name` in the directory of this program. */
static void beside_app(const char *name, char *path, size_t size)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = '\0';
    snprintf(path, size, "%s/%s", n > 0 ? dirname(exe) : ".", name);
}

static int load(const char *name, sgx_enclave_id_t *eid)
{
    char path[PATH_MAX + 64];
    beside_app(name, path, sizeof path);
    sgx_status_t st = sgx_create_enclave(path, SGX_DEBUG_FLAG, NULL, NULL, eid, NULL);
    if (st != SGX_SUCCESS)
        fprintf(stderr, "Error: loading %s failed (0x%04x).\n", name, st);
    return st == SGX_SUCCESS;
}

static int seal_to_file(void)
{
    sgx_enclave_id_t eid;
    if (!load("enclave_seal.signed.so", &eid))
        return 0;
    uint32_t size = 0;
    sgx_status_t st = get_sealed_data_size(eid, &size), ret = SGX_ERROR_UNEXPECTED;
    uint8_t *blob = st == SGX_SUCCESS && size != UINT32_MAX ? malloc(size) : NULL;
    if (blob)
        st = seal_data(eid, &ret, blob, size);
    int ok = blob && st == SGX_SUCCESS && ret == SGX_SUCCESS;
    FILE *f = ok ? fopen(SEALED_DATA_FILE, "wb") : NULL;
    ok = f && fwrite(blob, 1, size, f) == size;
    if (f && fclose(f) != 0)
        ok = 0;
    if (ok)
        printf("Sealing data succeeded.\n");
    else
        fprintf(stderr, "Error: sealing failed (ECALL 0x%04x, seal 0x%04x).\n", st, ret);
    free(blob);
    sgx_destroy_enclave(eid);
    return ok;
}

static int unseal_from_file(void)
{
    FILE *f = fopen(SEALED_DATA_FILE, "rb");
    if (!f) {
        fprintf(stderr, "Error: cannot open %s.\n", SEALED_DATA_FILE);
        return 0;
    }
    uint8_t blob[4096];
    size_t size = fread(blob, 1, sizeof blob, f);
    fclose(f);
    sgx_enclave_id_t eid;
    if (!load("enclave_unseal.signed.so", &eid))
        return 0;
    sgx_status_t ret = SGX_ERROR_UNEXPECTED, st = unseal_data(eid, &ret, blob, size);
    int ok = st == SGX_SUCCESS && ret == SGX_SUCCESS;
    if (ok)
        printf("Unseal succeeded.\n");
    else
        fprintf(stderr, "Error: unsealing failed (ECALL 0x%04x, unseal 0x%04x).\n", st, ret);
    sgx_destroy_enclave(eid);
    return ok;
}

int main(void)
{
    return seal_to_file() && unseal_from_file() ? 0 : 1;
}
