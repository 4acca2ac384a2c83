/* scenario_builtin.h — the scenarios built into vsgx (src/pcs/scenarios/NAME.scenario, embedded
 * by embed_scenarios.cmake). For scenario.c only. */
#ifndef VSGX_PCS_SCENARIO_BUILTIN_H
#define VSGX_PCS_SCENARIO_BUILTIN_H

#include <stddef.h>

typedef struct {
    const char *name;
    const char *text;
    size_t len;
} vsgx_pcs_builtin_scenario_t;

/* Terminated by an entry whose name is NULL. */
extern const vsgx_pcs_builtin_scenario_t vsgx_pcs_builtin_scenarios[];

#endif
