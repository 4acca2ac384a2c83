/* dcap_api.c — Intel's quote verification API (sgx_dcap_quoteverify.h) over the vsgx engine,
 * with Intel's parameter rules and result semantics: the expiration check date is "now",
 * non-terminal results return SGX_QL_SUCCESS with the result code set, and only the real Intel
 * SGX Root CA is trusted. vsgx verifies in-process: a QvE report cannot be requested, and the
 * collateral must be given (fetching it through a QPL is the QCNL's job). */
#include <stdlib.h>
#include <string.h>

#include "sgx_dcap_quoteverify.h"

#include "collateral.h"
#include "quote.h"
#include "verify.h"

#define QUOTE_MIN_SIZE 1020

quote3_error_t sgx_qv_get_quote_supplemental_data_size(uint32_t *p_data_size)
{
    if (!p_data_size)
        return SGX_QL_ERROR_INVALID_PARAMETER;
    *p_data_size = sizeof(sgx_ql_qv_supplemental_t);
    return SGX_QL_SUCCESS;
}

quote3_error_t tee_get_supplemental_data_version_and_size(const uint8_t *p_quote, uint32_t quote_size,
                                                          uint32_t *p_version, uint32_t *p_data_size)
{
    if (!p_quote || quote_size < 48 || (!p_version && !p_data_size))
        return SGX_QL_ERROR_INVALID_PARAMETER;
    uint16_t version = (uint16_t)(p_quote[0] | p_quote[1] << 8);
    if (version < 3 || version > 5)
        return SGX_QL_QUOTE_FORMAT_UNSUPPORTED;
    if (p_version)
        *p_version = SUPPLEMENTAL_DATA_VERSION | (uint32_t)SUPPLEMENTAL_V3_LATEST_MINOR_VERSION << 16;
    if (p_data_size)
        *p_data_size = sizeof(sgx_ql_qv_supplemental_t);
    return SGX_QL_SUCCESS;
}

/* The common path: collateral from Intel's structure, the Intel root, Intel's outputs. */
static quote3_error_t verify_intel(const uint8_t *quote, uint32_t quote_size, const sgx_ql_qve_collateral_t *coll,
                                   time_t date, uint32_t *p_exp, sgx_ql_qv_result_t *p_result,
                                   sgx_ql_qe_report_info_t *p_qve_report_info, sgx_ql_qv_supplemental_t *supp,
                                   uint16_t minor_version)
{
    if (!quote || quote_size < QUOTE_MIN_SIZE || !p_exp || !p_result || date <= 0)
        return SGX_QL_ERROR_INVALID_PARAMETER;
    if (p_qve_report_info)
        return SGX_QL_UNSUPPORTED_MODE; /* no QvE: verification is in-process only */
    if (!coll)
        return SGX_QL_PLATFORM_LIB_UNAVAILABLE; /* no QPL to fetch collateral with */

    vsgx_collateral_t *c = NULL;
    quote3_error_t rc = vsgx_collateral_from_intel(coll, &c, NULL);
    if (rc)
        return rc;
    vsgx_qvl_verdict_t *v = malloc(sizeof *v);
    if (!v) {
        vsgx_collateral_free(c);
        return SGX_QL_ERROR_OUT_OF_MEMORY;
    }
    vsgx_qvl_options_t opts = { .time = (int64_t)date, .trust_anchor = NULL, .reject_debug = false };
    rc = vsgx_qvl_verify(quote, quote_size, c, &opts, v);
    *p_exp = (v->collateral_expired || v->collateral_not_yet_valid) ? 1 : 0;
    *p_result = v->result;
    if (rc == SGX_QL_SUCCESS && supp) {
        *supp = v->supplemental;
        supp->minor_version = minor_version;
        if (minor_version < SUPPLEMENTAL_V3_LATEST_MINOR_VERSION)
            memset(supp->sa_list, 0, sizeof supp->sa_list);
    }
    free(v);
    vsgx_collateral_free(c);
    return rc;
}

quote3_error_t sgx_qv_verify_quote(const uint8_t *p_quote, uint32_t quote_size,
                                   const sgx_ql_qve_collateral_t *p_quote_collateral,
                                   const time_t expiration_check_date, uint32_t *p_collateral_expiration_status,
                                   sgx_ql_qv_result_t *p_quote_verification_result,
                                   sgx_ql_qe_report_info_t *p_qve_report_info, uint32_t supplemental_data_size,
                                   uint8_t *p_supplemental_data)
{
    if ((supplemental_data_size == 0) != (p_supplemental_data == NULL))
        return SGX_QL_ERROR_INVALID_PARAMETER;
    if (p_supplemental_data && supplemental_data_size != sizeof(sgx_ql_qv_supplemental_t))
        return SGX_QL_ERROR_INVALID_PARAMETER;
    sgx_ql_qv_supplemental_t supp;
    quote3_error_t rc = verify_intel(p_quote, quote_size, p_quote_collateral, expiration_check_date,
                                     p_collateral_expiration_status, p_quote_verification_result, p_qve_report_info,
                                     p_supplemental_data ? &supp : NULL, 0);
    if (rc == SGX_QL_SUCCESS && p_supplemental_data)
        memcpy(p_supplemental_data, &supp, sizeof supp);
    return rc;
}

quote3_error_t tee_verify_quote(const uint8_t *p_quote, uint32_t quote_size, const uint8_t *p_quote_collateral,
                                const time_t expiration_check_date, uint32_t *p_collateral_expiration_status,
                                sgx_ql_qv_result_t *p_quote_verification_result,
                                sgx_ql_qe_report_info_t *p_qve_report_info,
                                tee_supp_data_descriptor_t *p_supp_data_descriptor)
{
    tee_supp_data_descriptor_t *d = p_supp_data_descriptor;
    if (d) {
        if (d->major_version != 0 && d->major_version != SUPPLEMENTAL_DATA_VERSION)
            return SGX_QL_SUPPLEMENTAL_DATA_VERSION_NOT_SUPPORTED;
        if (!d->p_data || d->data_size != sizeof(sgx_ql_qv_supplemental_t))
            return SGX_QL_ERROR_INVALID_PARAMETER;
    }
    sgx_ql_qv_supplemental_t supp;
    quote3_error_t rc = verify_intel(p_quote, quote_size, (const sgx_ql_qve_collateral_t *)p_quote_collateral,
                                     expiration_check_date, p_collateral_expiration_status,
                                     p_quote_verification_result, p_qve_report_info, d ? &supp : NULL,
                                     SUPPLEMENTAL_V3_LATEST_MINOR_VERSION);
    if (rc == SGX_QL_SUCCESS && d)
        memcpy(d->p_data, &supp, sizeof supp);
    return rc;
}

quote3_error_t tee_get_fmspc_from_quote(const uint8_t *p_quote, uint32_t quote_size, uint8_t *p_fmspc_from_quote,
                                        uint32_t fmspc_from_quote_size)
{
    if (!p_quote || !p_fmspc_from_quote || fmspc_from_quote_size < 6)
        return SGX_QL_ERROR_INVALID_PARAMETER;
    vsgx_quote_t q;
    quote3_error_t rc = vsgx_quote_parse(p_quote, quote_size, &q, NULL);
    if (rc)
        return rc;
    if (q.cert_type != PCK_CERT_CHAIN)
        return SGX_QL_QUOTE_CERTIFICATION_DATA_UNSUPPORTED;
    vsgx_collateral_t none;
    memset(&none, 0, sizeof none);
    vsgx_pck_t pck;
    if ((rc = vsgx_pck_load(&q, &none, &pck, NULL)))
        return rc;
    memcpy(p_fmspc_from_quote, pck.ext.fmspc, 6);
    vsgx_pck_free(&pck);
    return SGX_QL_SUCCESS;
}
