/* scenario.h — a PCS scenario: what the simulated PCS publishes about a platform's TCB, read
 * from a small text file. TCB levels are given relative to the platform's own TCB (delta +1:
 * every CPUSVN component and the PCE SVN one higher, capped; 0: the platform's TCB exactly),
 * QE identity levels relative to the QE's ISVSVN, dates relative to the time of publication,
 * and which certificates are revoked. The named scenarios (up-to-date, out-of-date, ...) are
 * built in (scenarios/NAME.scenario, embedded at build time); any other name is a file path.
 *
 * The file, one directive per line, '#' starts a comment:
 *   description TEXT...                 what the scenario shows
 *   ca processor|platform               which PCK CA certifies the platform (processor)
 *   tcb DELTA STATUS [ADVISORY...]      a TCB info level (at least one; any order: the PCS
 *                                       publishes them best first)
 *   qe DELTA STATUS [ADVISORY...]       a QE identity level (default: "qe 0 UpToDate")
 *   qe-svn N                            the QE's ISVSVN in quotes (8)
 *   issued DAYS                         issueDate / CRL thisUpdate = now + DAYS (-1)
 *   next-update DAYS                    nextUpdate = now + DAYS (+30)
 *   revoke pck|intermediate             the platform's PCK certificates in the PCK CRL, or the
 *                                       PCK CA in the root CA CRL
 * STATUS is one of Intel's TCB statuses; DELTA is -16..16 with an optional sign, each DELTA at
 * most once among the tcb levels and once among the qe levels. A description ends at a '#'. */
#ifndef VSGX_PCS_SCENARIO_H
#define VSGX_PCS_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ca.h"
#include "tcb_info.h"

#define VSGX_PCS_SCENARIO_MAX_LEVELS 16
#define VSGX_PCS_SCENARIO_MAX_ADVISORIES 8

typedef struct {
    int delta;
    char status[48];
    size_t advisory_count;
    char advisories[VSGX_PCS_SCENARIO_MAX_ADVISORIES][32];
} vsgx_pcs_scenario_level_t;

typedef struct {
    char name[64];
    char description[256];
    vsgx_pcs_ca_role_t ca;      /* VSGX_PCS_PROCESSOR_CA or VSGX_PCS_PLATFORM_CA */
    size_t tcb_count, qe_count;
    vsgx_pcs_scenario_level_t tcb[VSGX_PCS_SCENARIO_MAX_LEVELS];
    vsgx_pcs_scenario_level_t qe[VSGX_PCS_SCENARIO_MAX_LEVELS];
    uint16_t qe_svn;
    int issued_days, next_update_days;
    bool revoke_pck, revoke_intermediate;
} vsgx_pcs_scenario_t;

/* The built-in scenarios' names, NULL-terminated (thread-safe). */
const char *const *vsgx_pcs_scenario_names(void);

/* Parses a scenario file's text; source names it in errors ("FILE:LINE: what"). */
vsgx_pcs_result_t vsgx_pcs_scenario_parse(const char *text, size_t len, const char *source,
                                          vsgx_pcs_scenario_t *out, char *err, size_t err_len);
/* A built-in scenario by name, else the file at that path (at most 64 KiB). NOT_FOUND when it
 * is neither. */
vsgx_pcs_result_t vsgx_pcs_scenario_load(const char *name_or_path, vsgx_pcs_scenario_t *out, char *err,
                                         size_t err_len);

#endif
