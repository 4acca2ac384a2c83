/* App.c — SampleEnclave's application: loads enclave.signed.so from the directory the app
 * itself is in, runs every demo (each aborts the program with a message on a wrong result),
 * destroys the enclave and reports success. Also the table that explains SGX errors. */
#define _POSIX_C_SOURCE 200809L

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "App.h"
#include "Enclave_u.h"
#include "sgx_urts.h"

sgx_enclave_id_t global_eid = 0;

typedef struct {
    sgx_status_t status;
    const char *meaning;
    const char *hint; /* NULL: nothing to suggest */
} sgx_errlist_t;

static const sgx_errlist_t sgx_errlist[] = {
    { SGX_ERROR_UNEXPECTED, "An unexpected error occurred.", NULL },
    { SGX_ERROR_INVALID_PARAMETER, "A parameter is not valid.", NULL },
    { SGX_ERROR_OUT_OF_MEMORY, "There is not enough memory.", NULL },
    { SGX_ERROR_ENCLAVE_LOST, "The enclave was lost (power transition or destroyed while in use).",
      "Destroy and create the enclave again." },
    { SGX_ERROR_INVALID_STATE, "The call is not valid in the enclave's current state.", NULL },
    { SGX_ERROR_FEATURE_NOT_SUPPORTED, "The feature is not supported here.", NULL },
    { SGX_ERROR_INVALID_FUNCTION, "The ECALL or OCALL index is out of range.", NULL },
    { SGX_ERROR_OUT_OF_TCS, "Every thread control structure of the enclave is in use.",
      "Raise TCSNum in Enclave.config.xml." },
    { SGX_ERROR_ENCLAVE_CRASHED, "The enclave crashed.", "Look for an error printed by the enclave above." },
    { SGX_ERROR_ECALL_NOT_ALLOWED, "This ECALL may not be called here.", NULL },
    { SGX_ERROR_OCALL_NOT_ALLOWED, "This OCALL may not be called here.", NULL },
    { SGX_ERROR_STACK_OVERRUN, "The enclave's stack overran.", "Raise StackMaxSize in Enclave.config.xml." },
    { SGX_ERROR_UNDEFINED_SYMBOL, "The enclave has an undefined symbol.", NULL },
    { SGX_ERROR_INVALID_ENCLAVE, "The enclave image is not valid.", "Rebuild and sign the enclave again." },
    { SGX_ERROR_INVALID_ENCLAVE_ID, "The enclave id is not valid.", NULL },
    { SGX_ERROR_INVALID_SIGNATURE, "The enclave's signature does not verify.", "Sign the enclave again." },
    { SGX_ERROR_NDEBUG_ENCLAVE, "The enclave is signed as a release enclave and cannot be debugged.", NULL },
    { SGX_ERROR_OUT_OF_EPC, "There is not enough enclave memory.", NULL },
    { SGX_ERROR_NO_DEVICE, "No SGX device is available.", NULL },
    { SGX_ERROR_MEMORY_MAP_CONFLICT, "The enclave's memory range is already mapped.", NULL },
    { SGX_ERROR_INVALID_METADATA, "The enclave's metadata is not valid.", "Sign the enclave again." },
    { SGX_ERROR_DEVICE_BUSY, "The SGX device is busy.", "Try again later." },
    { SGX_ERROR_INVALID_VERSION, "The enclave's metadata version is not supported.", NULL },
    { SGX_ERROR_MODE_INCOMPATIBLE, "The enclave was built for another mode.", NULL },
    { SGX_ERROR_ENCLAVE_FILE_ACCESS, "The enclave file cannot be opened.",
      "Build the sample: enclave.signed.so belongs beside the app." },
    { SGX_ERROR_INVALID_MISC, "The enclave's MiscSelect is not valid.", NULL },
    { SGX_ERROR_INVALID_LAUNCH_TOKEN, "The launch token is not valid.", NULL },
    { SGX_ERROR_INVALID_ATTRIBUTE, "The enclave's attributes are not valid.", NULL },
};

void print_error_message(sgx_status_t ret)
{
    for (size_t i = 0; i < sizeof sgx_errlist / sizeof sgx_errlist[0]; i++) {
        if (sgx_errlist[i].status == ret) {
            fprintf(stderr, "Error: %s (0x%04x)\n", sgx_errlist[i].meaning, (unsigned)ret);
            if (sgx_errlist[i].hint)
                fprintf(stderr, "Info: %s\n", sgx_errlist[i].hint);
            return;
        }
    }
    fprintf(stderr, "Error: unexpected SGX status 0x%04x; see sgx_error.h.\n", (unsigned)ret);
}

void app_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("Error: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(EXIT_FAILURE);
}

void app_check_status(sgx_status_t ret, const char *call)
{
    if (ret == SGX_SUCCESS)
        return;
    fprintf(stderr, "Error: %s failed\n", call);
    print_error_message(ret);
    exit(EXIT_FAILURE);
}

/* The enclave sits beside the app: <directory of /proc/self/exe>/enclave.signed.so, so the app
 * runs from any working directory. */
static int enclave_path(char *out, size_t out_len)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return -1;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return -1;
    *slash = '\0';
    int w = snprintf(out, out_len, "%s/%s", exe, ENCLAVE_FILENAME);
    return w < 0 || (size_t)w >= out_len ? -1 : 0;
}

static int initialize_enclave(void)
{
    char path[PATH_MAX];
    if (enclave_path(path, sizeof path) != 0) {
        fprintf(stderr, "Error: cannot find the app's own directory\n");
        return -1;
    }
    /* The launch token arguments are legacy (flexible launch control): pass NULL. */
    sgx_status_t ret = sgx_create_enclave(path, SGX_DEBUG_FLAG, NULL, NULL, &global_eid, NULL);
    if (ret != SGX_SUCCESS) {
        fprintf(stderr, "Error: cannot load %s\n", path);
        print_error_message(ret);
        return -1;
    }
    return 0;
}

/* The enclave's printf ends here. */
void ocall_print_string(const char *str)
{
    fputs(str, stdout);
    fflush(stdout);
}

int main(int argc, char *argv[])
{
    (void)argc;
    (void)argv;

    if (initialize_enclave() != 0)
        return EXIT_FAILURE;

    edger8r_type_attributes();
    edger8r_pointer_attributes();
    edger8r_array_attributes();
    edger8r_function_attributes();

    trusted_libc_functions();
    trusted_thread_functions();

    sgx_status_t ret = sgx_destroy_enclave(global_eid);
    app_check_status(ret, "sgx_destroy_enclave");

    printf("Info: SampleEnclave successfully returned.\n");
    return EXIT_SUCCESS;
}
