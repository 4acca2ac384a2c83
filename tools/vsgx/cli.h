/* cli.h — what the vsgx subcommands share: reading inputs, printing a JSON document or its
 * text rendering, and the exit codes. */
#ifndef VSGX_CLI_H
#define VSGX_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

enum { EXIT_OK = 0, EXIT_NONTERMINAL = 1, EXIT_INVALID = 2 };

/* Reads a whole file (at most max bytes); prints the reason and returns false on failure. */
bool cli_read_file(const char *path, size_t max, uint8_t **data, size_t *len);
/* Lower-case hex of bytes as a JSON string. */
json_t *cli_hex(const void *data, size_t len);
/* Prints doc as indented JSON, or as an indented "key: value" text tree. Takes ownership. */
void cli_print(json_t *doc, bool as_json);
/* "--name" or "--name=value" matching; *value is the next argument or the part after '='. */
bool cli_option(int argc, char **argv, int *i, const char *name, const char **value);

int cmd_quote_dump(int argc, char **argv);
int cmd_quote_verify(int argc, char **argv);
int cmd_enclave_measure(int argc, char **argv);
int cmd_enclave_verify(int argc, char **argv);
int cmd_enclave_show(int argc, char **argv);
int cmd_platform(int argc, char **argv);
int cmd_pcs(int argc, char **argv);
int cmd_pcs_serve(int argc, char **argv);

#endif
