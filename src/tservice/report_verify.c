/* report_verify.c — sgx_verify_report: a REPORT is this enclave's to trust when its MAC is the
 * AES-CMAC of its body under this enclave's REPORT key for the report's KEYID (EGETKEY), as
 * EREPORT made it for this enclave on this platform. Compared in constant time. */
#include <string.h>

#include "sgx_tcrypto.h"
#include "sgx_trts.h"
#include "sgx_utils.h"

sgx_status_t sgx_verify_report(const sgx_report_t *report)
{
    if (!report || !sgx_is_within_enclave(report, sizeof *report))
        return SGX_ERROR_INVALID_PARAMETER;
    sgx_key_request_t req;
    memset(&req, 0, sizeof req);
    req.key_name = SGX_KEYSELECT_REPORT;
    req.key_id = report->key_id;
    sgx_key_128bit_t key;
    sgx_status_t st = sgx_get_key(&req, &key);
    if (st != SGX_SUCCESS)
        return st;
    sgx_cmac_128bit_tag_t mac;
    st = sgx_rijndael128_cmac_msg((const sgx_cmac_128bit_key_t *)&key, (const uint8_t *)&report->body,
                                  sizeof report->body, &mac);
    memset(key, 0, sizeof key);
    if (st != SGX_SUCCESS)
        return st;
    uint8_t diff = 0;
    for (size_t i = 0; i < sizeof mac; i++)
        diff |= mac[i] ^ report->mac[i];
    return diff ? SGX_ERROR_MAC_MISMATCH : SGX_SUCCESS;
}
