/* urts_target.c — sgx_get_target_info: what another enclave needs to make a REPORT this
 * enclave can verify (its MRENCLAVE, attributes with INIT, MISCSELECT, CONFIGSVN, CONFIGID), as
 * EINIT established them. */
#include <string.h>

#include "sgx_urts.h"
#include "urts_enclave.h"

sgx_status_t sgx_get_target_info(const sgx_enclave_id_t enclave_id, sgx_target_info_t *target_info)
{
    if (!target_info)
        return SGX_ERROR_INVALID_PARAMETER;
    vsgx_urts_enclave_t *e = vsgx_urts_get(enclave_id);
    if (!e)
        return SGX_ERROR_INVALID_ENCLAVE_ID;
    const vsgx_enclave_identity_t *id = e->backend->identity(e->hw);
    memset(target_info, 0, sizeof *target_info);
    target_info->mr_enclave = id->mr_enclave;
    target_info->attributes = id->attributes;
    target_info->misc_select = id->misc_select;
    target_info->config_svn = id->config_svn;
    memcpy(target_info->config_id, id->config_id, sizeof target_info->config_id);
    vsgx_urts_put(e);
    return SGX_SUCCESS;
}
