/* pcs_api_pck.c — the PCS API's PCK certificate endpoints (pcs_api.h): pckcert (the certificate
 * Intel's PCS selects for a platform's raw TCB, with SGX-TCBm, SGX-FMSPC and the CA type; a
 * qeid, as Intel's QCNL sends it to a PCCS, is accepted when it is 1 to 260 hex digits and
 * otherwise ignored) and pckcerts (one per TCB level of the platform's FMSPC), both for a
 * platform named by its encrypted PPID and PCE-ID. */
#include <stdlib.h>
#include <string.h>

#include "hex.h"
#include "pcs_api_internal.h"

/* SGX-FMSPC and SGX-PCK-Certificate-CA-Type of pl. */
static bool platform_headers(pcs_req_t *q, const vsgx_pcs_platform_t *pl)
{
    char fmspc[13];
    vsgx_hex_encode_upper(pl->params.fmspc, sizeof pl->params.fmspc, fmspc);
    return pcs_resp_header(q->r, "SGX-FMSPC", fmspc) &&
           pcs_resp_header(q->r, "SGX-PCK-Certificate-CA-Type",
                           pl->ca_role == VSGX_PCS_PLATFORM_CA ? "PLATFORM" : "PROCESSOR");
}

static uint16_t le16(const uint8_t b[2])
{
    return (uint16_t)(b[0] | b[1] << 8);
}

/* Decodes the hex encrypted_ppid and pceid and finds the platform. */
static unsigned find_platform(pcs_req_t *q, const char *enc_hex, const char *pceid_hex, vsgx_pcs_platform_t *pl)
{
    uint8_t enc[VSGX_PPID_ENC_SIZE], pceid[2];
    char err[PCS_REASON_MAX] = "";
    vsgx_hex_decode(enc_hex, strlen(enc_hex), enc, sizeof enc);
    vsgx_hex_decode(pceid_hex, strlen(pceid_hex), pceid, sizeof pceid);
    vsgx_pcs_result_t rc = vsgx_pcs_store_find_encrypted(q->store, enc, le16(pceid), pl, err, sizeof err);
    return rc == VSGX_PCS_OK ? 200 : pcs_req_store_error(q, rc, err, true);
}

unsigned pcs_api_pckcert(pcs_req_t *q)
{
    static const pcs_param_spec_t SPEC[] = {
        { "encrypted_ppid", true, 2 * VSGX_PPID_ENC_SIZE, NULL, false },
        { "cpusvn", true, 32, NULL, false },
        { "pcesvn", true, 4, NULL, false },
        { "pceid", true, 4, NULL, false },
        { "qeid", false, 260, NULL, true }, /* as a PCCS's QCNL sends it; checked, not used */
    };
    const char *v[5];
    vsgx_pcs_platform_t pl;
    if (!pcs_req_params(q, SPEC, 5, v) || find_platform(q, v[0], v[3], &pl) != 200)
        return q->r->status;
    vsgx_tcbm_t raw, tcbm;
    uint8_t pcesvn[2];
    vsgx_hex_decode(v[1], 32, raw.cpusvn.svn, sizeof raw.cpusvn.svn);
    vsgx_hex_decode(v[2], 4, pcesvn, sizeof pcesvn);
    raw.pce_svn = le16(pcesvn);
    char err[PCS_REASON_MAX] = "", *pem = NULL;
    vsgx_pcs_result_t rc = vsgx_pcs_store_pck_cert(q->store, &pl, &raw, &pem, &tcbm, err, sizeof err);
    if (rc != VSGX_PCS_OK)
        return pcs_req_store_error(q, rc, err, false);
    uint8_t tcbm_bytes[sizeof tcbm.cpusvn.svn + 2];
    char tcbm_hex[2 * sizeof tcbm_bytes + 1];
    memcpy(tcbm_bytes, tcbm.cpusvn.svn, sizeof tcbm.cpusvn.svn);
    tcbm_bytes[16] = (uint8_t)(tcbm.pce_svn & 0xff);
    tcbm_bytes[17] = (uint8_t)(tcbm.pce_svn >> 8);
    vsgx_hex_encode_upper(tcbm_bytes, sizeof tcbm_bytes, tcbm_hex);
    pcs_resp_body_take(q->r, 200, PCS_PEM_TYPE, pem, strlen(pem));
    if (!pcs_req_chain_header(q, "SGX-PCK-Certificate-Issuer-Chain", pl.ca_role) ||
        !pcs_resp_header(q->r, "SGX-TCBm", tcbm_hex) || !platform_headers(q, &pl))
        return pcs_req_out_of_memory(q);
    return 200;
}

unsigned pcs_api_pckcerts(pcs_req_t *q)
{
    static const pcs_param_spec_t SPEC[] = {
        { "encrypted_ppid", true, 2 * VSGX_PPID_ENC_SIZE, NULL, false },
        { "pceid", true, 4, NULL, false },
    };
    const char *v[2];
    vsgx_pcs_platform_t pl;
    if (!pcs_req_params(q, SPEC, 2, v) || find_platform(q, v[0], v[1], &pl) != 200)
        return q->r->status;
    char err[PCS_REASON_MAX] = "", *json = NULL;
    vsgx_pcs_result_t rc = vsgx_pcs_store_pck_certs(q->store, &pl, q->version, &json, err, sizeof err);
    if (rc != VSGX_PCS_OK)
        return pcs_req_store_error(q, rc, err, false);
    pcs_resp_body_take(q->r, 200, PCS_JSON_TYPE, json, strlen(json));
    if (!pcs_req_chain_header(q, "SGX-PCK-Certificate-Issuer-Chain", pl.ca_role) || !platform_headers(q, &pl))
        return pcs_req_out_of_memory(q);
    return 200;
}
