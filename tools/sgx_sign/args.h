/* args.h — sgx_sign's command line as Intel's tool takes it: a command (sign, gendata, catsig,
 * dump), then `-option value` pairs and flags in any order, each option required, optional or
 * not allowed depending on the command. */
#ifndef SGX_SIGN_ARGS_H
#define SGX_SIGN_ARGS_H

#include <stdbool.h>

typedef enum { CMD_SIGN, CMD_GENDATA, CMD_CATSIG, CMD_DUMP, CMD_HELP, CMD_VERSION } command_t;

typedef enum {
    OPT_ENCLAVE, OPT_CONFIG, OPT_KEY, OPT_OUT, OPT_SIG, OPT_UNSIGNED, OPT_DUMPFILE, OPT_CSSFILE,
    OPT_COUNT
} option_t;

typedef struct {
    command_t command;
    const char *value[OPT_COUNT];
    bool resign, ignore_rel_error, ignore_init_sec_error;
} args_t;

extern const char *const SGX_SIGN_USAGE;

/* Parses argv; on failure prints why to stderr and returns false. */
bool parse_args(int argc, char **argv, args_t *a);

#endif
