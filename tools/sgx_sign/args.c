/* args.c — sgx_sign's command line (see args.h). */
#include "args.h"

#include <stdio.h>
#include <string.h>

enum { REQ, OPT, NO };

static const char *const OPTION_NAMES[OPT_COUNT] = {
    "-enclave", "-config", "-key", "-out", "-sig", "-unsigned", "-dumpfile", "-cssfile",
};

/* Per command: which options it requires (REQ), accepts (OPT) or refuses (NO). */
static const int RULES[4][OPT_COUNT] = {
    /*            enclave config key  out  sig  unsigned dumpfile cssfile */
    [CMD_SIGN] = { REQ, OPT, REQ, REQ, NO, NO, OPT, OPT },
    [CMD_GENDATA] = { REQ, OPT, NO, REQ, NO, NO, NO, NO },
    [CMD_CATSIG] = { REQ, OPT, REQ, REQ, REQ, REQ, OPT, OPT },
    [CMD_DUMP] = { REQ, NO, NO, NO, NO, NO, REQ, OPT },
};

static const char *const COMMANDS[4] = { "sign", "gendata", "catsig", "dump" };

const char *const SGX_SIGN_USAGE =
    "usage: sgx_sign <command> [options] [flags]\n"
    "\n"
    "commands:\n"
    "  sign     sign an enclave with a private key in one step\n"
    "           -enclave FILE -key PRIVATE.pem -out FILE [-config XML] [-dumpfile FILE] [-cssfile FILE]\n"
    "  gendata  write the 256 bytes to be signed elsewhere (first step of two-step signing)\n"
    "           -enclave FILE -out FILE [-config XML]\n"
    "  catsig   attach an external signature and check it (second step)\n"
    "           -enclave FILE -key PUBLIC.pem -sig SIG -unsigned DATA -out FILE [-config XML]\n"
    "           [-dumpfile FILE] [-cssfile FILE]\n"
    "  dump     write the metadata and SIGSTRUCT of a signed enclave as text\n"
    "           -enclave FILE -dumpfile FILE [-cssfile FILE]\n"
    "\n"
    "options:\n"
    "  -enclave   the enclave (ELF shared object linked with the trusted runtime)\n"
    "  -config    Enclave.config.xml (the defaults apply without it)\n"
    "  -key       RSA-3072 key with exponent 3, PEM: private for sign, public for catsig\n"
    "  -out       the signed enclave (sign, catsig) or the signing data (gendata)\n"
    "  -sig       the signature of the gendata output: 384 bytes, big-endian\n"
    "  -unsigned  the gendata output the signature was made over\n"
    "  -dumpfile  a text dump of the metadata and SIGSTRUCT\n"
    "  -cssfile   the raw 1808-byte SIGSTRUCT\n"
    "flags:\n"
    "  -resign                 sign an enclave that is already signed (without -config its\n"
    "                          layout and SIGSTRUCT fields, date included, are kept)\n"
    "  -ignore-rel-error       accept text relocations\n"
    "  -ignore-init-sec-error  accept a .init section\n"
    "  -help, -version\n";

static bool flag(const char *arg, args_t *a)
{
    if (!strcmp(arg, "-resign"))
        a->resign = true;
    else if (!strcmp(arg, "-ignore-rel-error"))
        a->ignore_rel_error = true;
    else if (!strcmp(arg, "-ignore-init-sec-error"))
        a->ignore_init_sec_error = true;
    else
        return false;
    return true;
}

static int option_index(const char *arg)
{
    for (int i = 0; i < OPT_COUNT; i++)
        if (!strcmp(arg, OPTION_NAMES[i]))
            return i;
    return -1;
}

static bool check_rules(const args_t *a)
{
    const char *cmd = COMMANDS[a->command];
    for (int i = 0; i < OPT_COUNT; i++) {
        int rule = RULES[a->command][i];
        if (rule == REQ && !a->value[i]) {
            fprintf(stderr, "sgx_sign: %s requires %s\n", cmd, OPTION_NAMES[i]);
            return false;
        }
        if (rule == NO && a->value[i]) {
            fprintf(stderr, "sgx_sign: %s does not take %s\n", cmd, OPTION_NAMES[i]);
            return false;
        }
    }
    if (a->command == CMD_DUMP && (a->resign || a->ignore_rel_error || a->ignore_init_sec_error)) {
        fprintf(stderr, "sgx_sign: dump takes no flags\n");
        return false;
    }
    return true;
}

bool parse_args(int argc, char **argv, args_t *a)
{
    memset(a, 0, sizeof *a);
    if (argc == 2 && (!strcmp(argv[1], "-help") || !strcmp(argv[1], "--help"))) {
        a->command = CMD_HELP;
        return true;
    }
    if (argc == 2 && (!strcmp(argv[1], "-version") || !strcmp(argv[1], "--version"))) {
        a->command = CMD_VERSION;
        return true;
    }
    if (argc < 2) {
        fprintf(stderr, "sgx_sign: a command is required (sign, gendata, catsig, dump)\n");
        return false;
    }
    int cmd = -1;
    for (int i = 0; i < 4; i++)
        if (!strcmp(argv[1], COMMANDS[i]))
            cmd = i;
    if (cmd < 0) {
        fprintf(stderr, "sgx_sign: unknown command '%s' (sign, gendata, catsig, dump)\n", argv[1]);
        return false;
    }
    a->command = (command_t)cmd;
    for (int i = 2; i < argc; i++) {
        if (flag(argv[i], a))
            continue;
        int o = option_index(argv[i]);
        if (o < 0) {
            fprintf(stderr, "sgx_sign: unknown option '%s'\n", argv[i]);
            return false;
        }
        if (i + 1 >= argc || argv[i + 1][0] == '-' || !argv[i + 1][0]) {
            fprintf(stderr, "sgx_sign: %s needs a file name\n", argv[i]);
            return false;
        }
        if (a->value[o]) {
            fprintf(stderr, "sgx_sign: %s given twice\n", argv[i]);
            return false;
        }
        a->value[o] = argv[++i];
    }
    return check_rules(a);
}
