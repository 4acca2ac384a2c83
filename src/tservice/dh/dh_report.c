/* dh_report.c — what the local-attestation protocol takes from a peer's REPORT: the TARGETINFO
 * to answer it with a REPORT of one's own, and the identity handed to the caller. Enclave code,
 * tservice only. */
#include <string.h>

#include "dh_internal.h"

void dh_target_from_report(const sgx_report_t *report, sgx_target_info_t *target)
{
    memset(target, 0, sizeof *target);
    target->mr_enclave = report->body.mr_enclave;
    target->attributes = report->body.attributes;
    target->config_svn = report->body.config_svn;
    target->misc_select = report->body.misc_select;
    memcpy(target->config_id, report->body.config_id, sizeof target->config_id);
}

void dh_identity_from_report(const sgx_report_t *report, sgx_dh_session_enclave_identity_t *id)
{
    memset(id, 0, sizeof *id);
    id->cpu_svn = report->body.cpu_svn;
    id->misc_select = report->body.misc_select;
    id->attributes = report->body.attributes;
    id->mr_enclave = report->body.mr_enclave;
    id->mr_signer = report->body.mr_signer;
    id->isv_prod_id = report->body.isv_prod_id;
    id->isv_svn = report->body.isv_svn;
}
