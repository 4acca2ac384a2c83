/* failure.c — reporting a failed check (see failure.h), and names for Intel's codes. */
#include "failure.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

quote3_error_t vsgx_fail(vsgx_qvl_failure_t *f, quote3_error_t code, const char *check,
                         const char *field, int64_t offset, const char *fmt, ...)
{
    if (!f)
        return code;
    f->code = code;
    f->check = check;
    f->field = field;
    f->offset = offset;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->message, sizeof f->message, fmt, ap);
    va_end(ap);
    return code;
}

void vsgx_failure_clear(vsgx_qvl_failure_t *f)
{
    if (!f)
        return;
    memset(f, 0, sizeof *f);
    f->check = "";
    f->field = "";
    f->offset = -1;
}

const char *vsgx_quote3_error_name(quote3_error_t e)
{
    switch (e) {
#define N(x) case x: return #x
    N(SGX_QL_SUCCESS); N(SGX_QL_ERROR_UNEXPECTED); N(SGX_QL_ERROR_INVALID_PARAMETER);
    N(SGX_QL_ERROR_OUT_OF_MEMORY); N(SGX_QL_QUOTE_CERTIFICATION_DATA_UNSUPPORTED);
    N(SGX_QL_QUOTE_FORMAT_UNSUPPORTED); N(SGX_QL_QE_REPORT_INVALID_SIGNATURE);
    N(SGX_QL_QE_REPORT_UNSUPPORTED_FORMAT); N(SGX_QL_PCK_CERT_UNSUPPORTED_FORMAT);
    N(SGX_QL_PCK_CERT_CHAIN_ERROR); N(SGX_QL_TCBINFO_UNSUPPORTED_FORMAT); N(SGX_QL_TCBINFO_MISMATCH);
    N(SGX_QL_QEIDENTITY_UNSUPPORTED_FORMAT); N(SGX_QL_QEIDENTITY_MISMATCH); N(SGX_QL_TCB_OUT_OF_DATE);
    N(SGX_QL_TCB_OUT_OF_DATE_CONFIGURATION_NEEDED); N(SGX_QL_SGX_ENCLAVE_IDENTITY_OUT_OF_DATE);
    N(SGX_QL_SGX_ENCLAVE_REPORT_ISVSVN_OUT_OF_DATE); N(SGX_QL_QE_IDENTITY_OUT_OF_DATE);
    N(SGX_QL_SGX_TCB_INFO_EXPIRED); N(SGX_QL_SGX_PCK_CERT_CHAIN_EXPIRED); N(SGX_QL_SGX_CRL_EXPIRED);
    N(SGX_QL_SGX_SIGNING_CERT_CHAIN_EXPIRED); N(SGX_QL_SGX_ENCLAVE_IDENTITY_EXPIRED);
    N(SGX_QL_PCK_REVOKED); N(SGX_QL_TCB_REVOKED); N(SGX_QL_TCB_CONFIGURATION_NEEDED);
    N(SGX_QL_UNABLE_TO_GET_COLLATERAL); N(SGX_QL_CRL_UNSUPPORTED_FORMAT);
    N(SGX_QL_QEIDENTITY_CHAIN_ERROR); N(SGX_QL_TCBINFO_CHAIN_ERROR); N(SGX_QL_TCB_SW_HARDENING_NEEDED);
    N(SGX_QL_TCB_CONFIGURATION_AND_SW_HARDENING_NEEDED); N(SGX_QL_UNSUPPORTED_MODE);
    N(SGX_QL_COLLATERAL_VERSION_NOT_SUPPORTED); N(SGX_QL_SUPPLEMENTAL_DATA_VERSION_NOT_SUPPORTED);
    N(SGX_QL_ROOT_CA_UNTRUSTED); N(SGX_QL_TCB_NOT_SUPPORTED); N(SGX_QL_RESULT_INVALID_SIGNATURE);
    N(SGX_QL_FILE_ACCESS_ERROR);
#undef N
    default:
        return "SGX_QL_ERROR (unnamed)";
    }
}

const char *vsgx_qv_result_name(sgx_ql_qv_result_t r)
{
    switch (r) {
#define N(x) case x: return #x
    N(SGX_QL_QV_RESULT_OK); N(SGX_QL_QV_RESULT_CONFIG_NEEDED); N(SGX_QL_QV_RESULT_OUT_OF_DATE);
    N(SGX_QL_QV_RESULT_OUT_OF_DATE_CONFIG_NEEDED); N(SGX_QL_QV_RESULT_INVALID_SIGNATURE);
    N(SGX_QL_QV_RESULT_REVOKED); N(SGX_QL_QV_RESULT_UNSPECIFIED); N(SGX_QL_QV_RESULT_SW_HARDENING_NEEDED);
    N(SGX_QL_QV_RESULT_CONFIG_AND_SW_HARDENING_NEEDED); N(SGX_QL_QV_RESULT_TD_RELAUNCH_ADVISED);
    N(SGX_QL_QV_RESULT_TD_RELAUNCH_ADVISED_CONFIG_NEEDED);
#undef N
    default:
        return "SGX_QL_QV_RESULT (unnamed)";
    }
}
