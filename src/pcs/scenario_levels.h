/* scenario_levels.h — a scenario's levels made concrete for one platform, as the PCS publishes
 * them (store_publish.c): TCB levels (a TCBm each) relative to the platform's CPUSVN and PCE SVN,
 * and QE or QvE identity levels (an ISVSVN each) relative to that enclave's ISVSVN. Values stop
 * at their range (a negative DELTA at 0); levels are sorted best first as Intel orders them (TCB:
 * the 16 CPUSVN components then the PCE SVN compared as a tuple, descending; identity: ISVSVN
 * descending); two levels that come out the same are refused (INVALID, naming both), as is a
 * level count outside 1..16. */
#ifndef VSGX_PCS_SCENARIO_LEVELS_H
#define VSGX_PCS_SCENARIO_LEVELS_H

#include <stddef.h>
#include <stdint.h>

#include "pck.h"
#include "scenario.h"

typedef struct {
    size_t count;
    vsgx_tcbm_t tcbm[VSGX_PCS_SCENARIO_MAX_LEVELS];
    const vsgx_pcs_scenario_level_t *from[VSGX_PCS_SCENARIO_MAX_LEVELS]; /* the scenario level (status, ...) */
} vsgx_pcs_tcb_levels_t;

typedef struct {
    size_t count;
    uint16_t isvsvn[VSGX_PCS_SCENARIO_MAX_LEVELS];
    const vsgx_pcs_scenario_level_t *from[VSGX_PCS_SCENARIO_MAX_LEVELS];
} vsgx_pcs_identity_levels_t;

/* sc's tcb levels for a platform whose TCB is base: DELTA applied to every non-zero CPUSVN
 * component (to the first when all are zero) and to the PCE SVN. */
vsgx_pcs_result_t vsgx_pcs_scenario_tcb_levels(const vsgx_pcs_scenario_t *sc, const vsgx_tcbm_t *base,
                                               vsgx_pcs_tcb_levels_t *out, char *err, size_t err_len);
/* sc's qe levels for an enclave (what: "QE" or "QvE", for messages) at ISVSVN base. */
vsgx_pcs_result_t vsgx_pcs_scenario_identity_levels(const vsgx_pcs_scenario_t *sc, const char *what, uint16_t base,
                                                    vsgx_pcs_identity_levels_t *out, char *err, size_t err_len);

#endif
