/* main.c — `vsgx`: one tool, a subcommand per component. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char USAGE[] =
    "usage: vsgx <command> [options]\n"
    "\n"
    "vsgx is an Intel SGX platform in software. Commands:\n"
    "  quote dump QUOTE [--json]            every field of an SGX/TDX quote and its PCK certificate\n"
    "  quote verify QUOTE --collateral DIR|FILE [--time T] [--trust-anchor CERT]\n"
    "               [--pck-chain PEM] [--reject-debug] [--json]\n"
    "                                       verify a DCAP quote as Intel's QVL does\n"
    "  enclave show ENCLAVE [--json]        its SIGSTRUCT and metadata (layout and patch tables)\n"
    "  enclave measure ENCLAVE [--json]     MRENCLAVE recomputed from the ELF and its metadata\n"
    "  enclave verify ENCLAVE [--key PUBKEY] [--json]\n"
    "                                       check the enclave's SIGSTRUCT and its measurement\n"
    "  platform create|show|set-tcb [--dir DIR]\n"
    "                                       a simulated platform: create it, show it, change its TCB\n"
    "\n"
    "Run `vsgx quote verify --help` for the details of a command.\n";

int main(int argc, char **argv)
{
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help"))) {
        fputs(USAGE, stdout);
        return EXIT_OK;
    }
    if (argc >= 2 && !strcmp(argv[1], "--version")) {
        puts("vsgx " VSGX_VERSION);
        return EXIT_OK;
    }
    if (argc >= 3 && !strcmp(argv[1], "enclave")) {
        if (!strcmp(argv[2], "show"))
            return cmd_enclave_show(argc - 2, argv + 2);
        if (!strcmp(argv[2], "measure"))
            return cmd_enclave_measure(argc - 2, argv + 2);
        if (!strcmp(argv[2], "verify"))
            return cmd_enclave_verify(argc - 2, argv + 2);
    }
    if (argc >= 2 && !strcmp(argv[1], "platform"))
        return cmd_platform(argc - 1, argv + 1);
    if (argc >= 2 && !strcmp(argv[1], "pcs"))
        return cmd_pcs(argc - 1, argv + 1);
    if (argc >= 3 && !strcmp(argv[1], "quote")) {
        if (!strcmp(argv[2], "dump"))
            return cmd_quote_dump(argc - 2, argv + 2);
        if (!strcmp(argv[2], "verify"))
            return cmd_quote_verify(argc - 2, argv + 2);
    }
    fputs(USAGE, stderr);
    return EXIT_INVALID;
}
