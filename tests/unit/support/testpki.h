/* testpki.h — a complete test PKI for the quote verifier, made with OpenSSL at test time: a
 * root CA ("Intel SGX Root CA" but O=vsgx Test), a PCK Processor or Platform CA, a PCK leaf
 * carrying a DER-encoded SGX extension, a TCB Signing certificate, the root and PCK CRLs,
 * TCB info and QE identity JSON signed over their exact bytes, and a v3 quote (cert type 5)
 * that chains to it all. Everything comes from one spec whose knobs each change one thing, so
 * a test can break exactly the check it is about. Test code only; nothing here is trusted by
 * the library unless a test names the root as the trust anchor. */
#ifndef VSGX_TESTPKI_H
#define VSGX_TESTPKI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#include "sgx_ql_lib_common.h"
#include "sgx_report.h"
#include "vsgx/qvl.h"

/* The verification time of the default spec (2025-06-15T15:06:40Z); everything is valid then. */
#define TPKI_T0 INT64_C(1750000000)
#define TPKI_DAY INT64_C(86400)

#define TPKI_MAX_LEVELS 8
#define TPKI_MAX_ADVISORIES 4

typedef struct {
    uint8_t svn[16];
    uint16_t pcesvn;
    const char *status;                              /* "UpToDate", ... */
    const char *advisories[TPKI_MAX_ADVISORIES];     /* NULL-terminated when shorter */
} tpki_tcb_level_t;

typedef struct {
    uint16_t isvsvn;
    const char *status;
    const char *advisories[TPKI_MAX_ADVISORIES];
} tpki_qe_level_t;

/* What may be wrong with a CRL. */
typedef enum {
    TPKI_CRL_OK,
    TPKI_CRL_NO_NUMBER,     /* without the CRL Number extension */
    TPKI_CRL_NO_AKI,        /* without the Authority Key Identifier extension */
    TPKI_CRL_OTHER_KEY,     /* the right issuer name, signed by another key */
    TPKI_CRL_OTHER_ISSUER,  /* issued and signed by another CA: the PCK CRL by the other PCK CA,
                               the root CRL by the PCK CA */
} tpki_crl_fault_t;

typedef struct {
    /* The PKI. */
    bool platform_ca;            /* "Intel SGX PCK Platform CA": the leaf gets PlatformInstanceID
                                    and Configuration, and sgx_type defaults to 1 */
    bool pck_chain_other_root;   /* the quote's chain ends at a second root (same names) */
    bool tcb_chain_other_root;   /* the TCB info issuer chain ends at the second root */
    bool qe_chain_other_root;    /* the QE identity issuer chain ends at the second root */
    int64_t leaf_not_after;      /* 0: T0 + 3 years */
    bool revoke_leaf;            /* the leaf's serial in the PCK CRL */
    bool revoke_intermediate;    /* the PCK CA's serial in the root CRL */
    bool revoke_tcb_signer;      /* the TCB Signing certificate's serial in the root CRL */
    tpki_crl_fault_t root_crl_fault, pck_crl_fault;
    bool pck_crl_from_other_ca;  /* the PCK CRL and its issuer chain are the other PCK CA's */

    /* The leaf's SGX extension. */
    uint8_t ppid[16];
    uint8_t comp_svn[16];
    uint16_t pcesvn;
    uint8_t cpusvn[16];
    uint8_t pce_id[2];
    uint8_t fmspc[6];
    uint8_t sgx_type;
    uint8_t platform_instance_id[16];

    /* TCB info (v3, id "SGX"), issued T0 - 1 day, next update T0 + 30 days. */
    uint8_t tcb_fmspc[6];
    uint8_t tcb_pce_id[2];
    uint32_t tcb_eval_num;
    size_t tcb_level_count;
    tpki_tcb_level_t tcb_levels[TPKI_MAX_LEVELS];

    /* QE identity (v2, id "QE"). */
    uint32_t qe_miscselect, qe_miscselect_mask;       /* as the JSON's bytes read little-endian */
    uint8_t qe_attributes[16], qe_attributes_mask[16];
    uint8_t qe_mrsigner[32];
    uint16_t qe_isvprodid;
    uint32_t qe_eval_num;
    size_t qe_level_count;
    tpki_qe_level_t qe_levels[TPKI_MAX_LEVELS];

    /* The quote. The QE report's report_data is computed (SHA-256(attestation key || auth
     * data) || 0^32) unless qe_report_data_as_given. */
    sgx_report_body_t app;
    sgx_report_body_t qe;
    bool qe_report_data_as_given;
    bool attest_key_off_curve;   /* the quote carries a point that is not on P-256 */
    uint16_t auth_data_len;
    int quote_version;           /* 0 or 3: v3; 4: v4, TEE type SGX; 5: v5 with an SGX body */
} tpki_spec_t;

/* Everything built from a spec. Text is NUL-terminated; lengths exclude the NUL. */
typedef struct {
    char *root_pem;              /* the trust anchor */
    char *other_root_pem;        /* the second root */
    char *pck_chain_pem;         /* leaf, CA, root: the quote's certification data */
    char *pck_crl_issuer_chain;
    char *tcb_info_issuer_chain;
    char *qe_identity_issuer_chain;
    uint8_t *root_crl, *pck_crl; /* DER */
    size_t root_crl_len, pck_crl_len;
    char *tcb_info_inner, *qe_identity_inner;  /* the signed bytes */
    char tcb_info_sig[129], qe_identity_sig[129];
    char *tcb_info, *qe_identity;              /* the PCS response bodies */
    uint8_t *quote;
    size_t quote_len;
    uint8_t attest_pub[64];
} tpki_t;

/* The default spec: everything consistent, verifies as UpToDate at TPKI_T0. Its TCB levels:
 * [0] the PCK's own TCB {5,5,3,3,1,1,7,0...} PCESVN 13, UpToDate; [1] {4,4,3,3,1,1,0...} 11,
 * SWHardeningNeeded (INTEL-SA-00615); [2] {2,2,2,2,1,1,0...} 5, OutOfDate (INTEL-SA-00289,
 * INTEL-SA-00615). QE levels: isvsvn 8 UpToDate, 6 OutOfDate (INTEL-SA-00615); the QE is at
 * ISVSVN 8. */
void tpki_spec_default(tpki_spec_t *s);
/* platform_ca with its defaults (sgx_type 1, a platform instance ID). */
void tpki_spec_platform(tpki_spec_t *s);

/* Builds everything; aborts on an OpenSSL failure (a broken test environment). */
tpki_t *tpki_build(const tpki_spec_t *s);
void tpki_free(tpki_t *t);

/* Intel's structure (version 3.1: DER CRLs, text with its NUL counted), pointing into t. */
void tpki_intel_collateral(const tpki_t *t, sgx_ql_qve_collateral_t *out);
/* dcap-qvl's collateral JSON (malloc'd, NUL-terminated). */
char *tpki_qvl_json(const tpki_t *t, size_t *len);

typedef enum { TPKI_FORM_INTEL, TPKI_FORM_QVL_JSON } tpki_form_t;

/* Loads t's collateral in the given form. */
quote3_error_t tpki_collateral(const tpki_t *t, tpki_form_t form, vsgx_collateral_t **out, vsgx_qvl_failure_t *why);

/* Verifies t's quote with t's collateral in the given form, at `time` (0: TPKI_T0), with t's
 * root as the trust anchor. A collateral load failure is reported in the verdict (error and
 * failure), as if verification had failed. Returns v->error. */
quote3_error_t tpki_verify(const tpki_t *t, tpki_form_t form, int64_t time, bool reject_debug,
                           vsgx_qvl_verdict_t *v);

/* Internal to testpki.c (certificates, CRLs) and testpki_data.c (JSON, quote, loaders). */
void tpki_die(const char *what) __attribute__((noreturn));
void tpki_sign_raw(EVP_PKEY *key, const void *msg, size_t len, uint8_t sig[64]);
void tpki_build_json(const tpki_spec_t *s, EVP_PKEY *tcb_key, tpki_t *t);
void tpki_build_quote(const tpki_spec_t *s, EVP_PKEY *leaf_key, EVP_PKEY *attest_key, tpki_t *t);

#endif
