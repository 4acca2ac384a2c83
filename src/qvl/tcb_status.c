/* tcb_status.c — TCB status names, parsing and result mapping (see tcb_status.h). */
#include "tcb_status.h"

#include <string.h>

static const char *const names[] = {
    [VSGX_TCB_UP_TO_DATE] = "UpToDate",
    [VSGX_TCB_SW_HARDENING_NEEDED] = "SWHardeningNeeded",
    [VSGX_TCB_CONFIGURATION_NEEDED] = "ConfigurationNeeded",
    [VSGX_TCB_CONFIGURATION_AND_SW_HARDENING_NEEDED] = "ConfigurationAndSWHardeningNeeded",
    [VSGX_TCB_OUT_OF_DATE] = "OutOfDate",
    [VSGX_TCB_OUT_OF_DATE_CONFIGURATION_NEEDED] = "OutOfDateConfigurationNeeded",
    [VSGX_TCB_REVOKED] = "Revoked",
};

bool vsgx_tcb_status_parse(const char *text, size_t len, vsgx_tcb_status_t *out)
{
    if (!text)
        return false;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strlen(names[i]) == len && memcmp(names[i], text, len) == 0) {
            *out = (vsgx_tcb_status_t)i;
            return true;
        }
    }
    return false;
}

const char *vsgx_tcb_status_name(vsgx_tcb_status_t s)
{
    if ((unsigned)s < sizeof names / sizeof names[0])
        return names[s];
    return "Unknown";
}

sgx_ql_qv_result_t vsgx_tcb_status_result(vsgx_tcb_status_t s)
{
    switch (s) {
    case VSGX_TCB_UP_TO_DATE:
        return SGX_QL_QV_RESULT_OK;
    case VSGX_TCB_SW_HARDENING_NEEDED:
        return SGX_QL_QV_RESULT_SW_HARDENING_NEEDED;
    case VSGX_TCB_CONFIGURATION_NEEDED:
        return SGX_QL_QV_RESULT_CONFIG_NEEDED;
    case VSGX_TCB_CONFIGURATION_AND_SW_HARDENING_NEEDED:
        return SGX_QL_QV_RESULT_CONFIG_AND_SW_HARDENING_NEEDED;
    case VSGX_TCB_OUT_OF_DATE:
        return SGX_QL_QV_RESULT_OUT_OF_DATE;
    case VSGX_TCB_OUT_OF_DATE_CONFIGURATION_NEEDED:
        return SGX_QL_QV_RESULT_OUT_OF_DATE_CONFIG_NEEDED;
    case VSGX_TCB_REVOKED:
        return SGX_QL_QV_RESULT_REVOKED;
    default:
        return SGX_QL_QV_RESULT_UNSPECIFIED;
    }
}
