/* pcs_cli.h — what the `vsgx pcs` subcommands share (pcs.c, pcs_quote.c): their options, and
 * opening the PCS state and the platform they name. */
#ifndef VSGX_PCS_CLI_H
#define VSGX_PCS_CLI_H

#include <stdbool.h>

#include "platform.h"
#include "scenario.h"
#include "store.h"

typedef struct {
    const char *pcs, *platform, *scenario, *ca, *fmspc, *cpusvn, *pcesvn, *out, *report_body;
    bool json;
} pcs_args_t;

/* Parses argv[1..] (argv[0] is the subcommand) accepting the options named in `allowed`
 * (e.g. "pcs platform scenario"). Returns -1 to go on, else the exit code (help, error). */
int pcs_parse(int argc, char **argv, const char *allowed, const char *help, pcs_args_t *a);

/* Opens the PCS state (--pcs or the default), creating it when create. NULL after printing why. */
vsgx_pcs_store_t *pcs_open_store(const pcs_args_t *a, bool create, const char *cmd);
/* Loads the platform (--platform or the default). NULL after printing why. */
vsgx_platform_t *pcs_load_platform(const pcs_args_t *a, const char *cmd);
/* The scenario (--scenario, default up-to-date) with --ca applied. false after printing why. */
bool pcs_scenario(const pcs_args_t *a, vsgx_pcs_scenario_t *sc, const char *cmd);
/* Registers p and publishes sc for it. false after printing why. */
bool pcs_publish(vsgx_pcs_store_t *s, const vsgx_platform_t *p, const vsgx_pcs_scenario_t *sc, vsgx_pcs_platform_t *pl,
                 const char *cmd);

int cmd_pcs_quote(int argc, char **argv);

#endif
