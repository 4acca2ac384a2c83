/* test_layouts.c — the Intel-compatible structures have Intel's sizes and offsets
 * (shared/reference/dcap-attestation.md): checked at compile time, and the program asserts the
 * same at run time so the figures appear in the test log. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "sgx_dcap_quoteverify.h"
#include "sgx_key.h"
#include "sgx_quote_3.h"
#include "sgx_quote_4.h"
#include "sgx_quote_5.h"
#include "sgx_report.h"

#define AT(type, field, off) _Static_assert(offsetof(type, field) == (off), #type "." #field " at " #off)
#define SIZE(type, n) _Static_assert(sizeof(type) == (n), #type " is " #n " bytes")

SIZE(sgx_attributes_t, 16);
SIZE(sgx_cpu_svn_t, 16);
SIZE(sgx_key_request_t, 512);
AT(sgx_key_request_t, key_policy, 2); AT(sgx_key_request_t, isv_svn, 4); AT(sgx_key_request_t, cpu_svn, 8);
AT(sgx_key_request_t, attribute_mask, 24); AT(sgx_key_request_t, key_id, 40); AT(sgx_key_request_t, misc_mask, 72);
AT(sgx_key_request_t, config_svn, 76);

/* Report body (384 bytes). */
SIZE(sgx_report_body_t, 384);
AT(sgx_report_body_t, cpu_svn, 0); AT(sgx_report_body_t, misc_select, 16); AT(sgx_report_body_t, reserved1, 20);
AT(sgx_report_body_t, isv_ext_prod_id, 32); AT(sgx_report_body_t, attributes, 48); AT(sgx_report_body_t, mr_enclave, 64);
AT(sgx_report_body_t, reserved2, 96); AT(sgx_report_body_t, mr_signer, 128); AT(sgx_report_body_t, reserved3, 160);
AT(sgx_report_body_t, config_id, 192); AT(sgx_report_body_t, isv_prod_id, 256); AT(sgx_report_body_t, isv_svn, 258);
AT(sgx_report_body_t, config_svn, 260); AT(sgx_report_body_t, reserved4, 262); AT(sgx_report_body_t, isv_family_id, 304);
AT(sgx_report_body_t, report_data, 320);
SIZE(sgx_report_t, 432);
AT(sgx_report_t, key_id, 384); AT(sgx_report_t, mac, 416);
SIZE(sgx_target_info_t, 512);
AT(sgx_target_info_t, attributes, 32); AT(sgx_target_info_t, config_svn, 50); AT(sgx_target_info_t, misc_select, 52);
AT(sgx_target_info_t, config_id, 64);

/* Quote v3. */
SIZE(sgx_quote_header_t, 48);
AT(sgx_quote_header_t, att_key_type, 2); AT(sgx_quote_header_t, att_key_data_0, 4); AT(sgx_quote_header_t, qe_svn, 8);
AT(sgx_quote_header_t, pce_svn, 10); AT(sgx_quote_header_t, vendor_id, 12); AT(sgx_quote_header_t, user_data, 28);
SIZE(sgx_quote3_t, 436);
AT(sgx_quote3_t, report_body, 48); AT(sgx_quote3_t, signature_data_len, 432); AT(sgx_quote3_t, signature_data, 436);
SIZE(sgx_ql_ecdsa_sig_data_t, 576);
AT(sgx_ql_ecdsa_sig_data_t, attest_pub_key, 64); AT(sgx_ql_ecdsa_sig_data_t, qe_report, 128);
AT(sgx_ql_ecdsa_sig_data_t, qe_report_sig, 512); AT(sgx_ql_ecdsa_sig_data_t, auth_certification_data, 576);
SIZE(sgx_ql_auth_data_t, 2);
SIZE(sgx_ql_certification_data_t, 6);
AT(sgx_ql_certification_data_t, size, 2); AT(sgx_ql_certification_data_t, certification_data, 6);
SIZE(sgx_ql_ppid_cleartext_cert_info_t, 36);
SIZE(sgx_ql_ppid_rsa3072_encrypted_cert_info_t, 404);

/* Quote v4 / v5 and the TD report. */
SIZE(sgx_quote4_header_t, 48);
AT(sgx_quote4_header_t, tee_type, 4); AT(sgx_quote4_header_t, reserved, 8); AT(sgx_quote4_header_t, vendor_id, 12);
SIZE(sgx_report2_body_t, 584);
AT(sgx_report2_body_t, mr_seam, 16); AT(sgx_report2_body_t, mrsigner_seam, 64); AT(sgx_report2_body_t, seam_attributes, 112);
AT(sgx_report2_body_t, td_attributes, 120); AT(sgx_report2_body_t, xfam, 128); AT(sgx_report2_body_t, mr_td, 136);
AT(sgx_report2_body_t, mr_config_id, 184); AT(sgx_report2_body_t, mr_owner, 232); AT(sgx_report2_body_t, mr_owner_config, 280);
AT(sgx_report2_body_t, rt_mr, 328); AT(sgx_report2_body_t, report_data, 520);
SIZE(sgx_report2_body_v1_5_t, 648);
AT(sgx_report2_body_v1_5_t, tee_tcb_svn2, 584); AT(sgx_report2_body_v1_5_t, mr_servicetd, 600);
AT(sgx_quote4_t, signature_data_len, 632);
AT(sgx_quote5_t, type, 48); AT(sgx_quote5_t, size, 50); AT(sgx_quote5_t, body, 54);
SIZE(sgx_qe_report_certification_data_t, 448);

/* Verification results and collateral (LP64). */
SIZE(sgx_ql_qv_supplemental_t, 536);
AT(sgx_ql_qv_supplemental_t, earliest_issue_date, 8); AT(sgx_ql_qv_supplemental_t, latest_issue_date, 16);
AT(sgx_ql_qv_supplemental_t, earliest_expiration_date, 24); AT(sgx_ql_qv_supplemental_t, tcb_level_date_tag, 32);
AT(sgx_ql_qv_supplemental_t, pck_crl_num, 40); AT(sgx_ql_qv_supplemental_t, root_ca_crl_num, 44);
AT(sgx_ql_qv_supplemental_t, tcb_eval_ref_num, 48); AT(sgx_ql_qv_supplemental_t, root_key_id, 52);
AT(sgx_ql_qv_supplemental_t, pck_ppid, 100); AT(sgx_ql_qv_supplemental_t, tcb_cpusvn, 116);
AT(sgx_ql_qv_supplemental_t, tcb_pce_isvsvn, 132); AT(sgx_ql_qv_supplemental_t, pce_id, 134);
AT(sgx_ql_qv_supplemental_t, tee_type, 136); AT(sgx_ql_qv_supplemental_t, sgx_type, 140);
AT(sgx_ql_qv_supplemental_t, platform_instance_id, 141); AT(sgx_ql_qv_supplemental_t, dynamic_platform, 160);
AT(sgx_ql_qv_supplemental_t, cached_keys, 164); AT(sgx_ql_qv_supplemental_t, smt_enabled, 168);
AT(sgx_ql_qv_supplemental_t, sa_list, 172); AT(sgx_ql_qv_supplemental_t, qe_iden_earliest_issue_date, 496);
AT(sgx_ql_qv_supplemental_t, qe_iden_latest_issue_date, 504);
AT(sgx_ql_qv_supplemental_t, qe_iden_earliest_expiration_date, 512);
AT(sgx_ql_qv_supplemental_t, qe_iden_tcb_level_date_tag, 520); AT(sgx_ql_qv_supplemental_t, qe_iden_tcb_eval_ref_num, 528);
AT(sgx_ql_qv_supplemental_t, qe_iden_status, 532);
SIZE(sgx_ql_qve_collateral_t, 120);
AT(sgx_ql_qve_collateral_t, tee_type, 4); AT(sgx_ql_qve_collateral_t, pck_crl_issuer_chain, 8);
AT(sgx_ql_qve_collateral_t, pck_crl_issuer_chain_size, 16); AT(sgx_ql_qve_collateral_t, root_ca_crl, 24);
AT(sgx_ql_qve_collateral_t, root_ca_crl_size, 32); AT(sgx_ql_qve_collateral_t, pck_crl, 40);
AT(sgx_ql_qve_collateral_t, pck_crl_size, 48); AT(sgx_ql_qve_collateral_t, tcb_info_issuer_chain, 56);
AT(sgx_ql_qve_collateral_t, tcb_info_issuer_chain_size, 64); AT(sgx_ql_qve_collateral_t, tcb_info, 72);
AT(sgx_ql_qve_collateral_t, tcb_info_size, 80); AT(sgx_ql_qve_collateral_t, qe_identity_issuer_chain, 88);
AT(sgx_ql_qve_collateral_t, qe_identity_issuer_chain_size, 96); AT(sgx_ql_qve_collateral_t, qe_identity, 104);
AT(sgx_ql_qve_collateral_t, qe_identity_size, 112);
SIZE(sgx_ql_qe_report_info_t, 960);

static void test_sizes_at_run_time(void **state)
{
    (void)state;
    assert_int_equal(sizeof(sgx_report_body_t), 384);
    assert_int_equal(sizeof(sgx_quote3_t), 436);
    assert_int_equal(sizeof(sgx_ql_qv_supplemental_t), 536);
    assert_int_equal(sizeof(sgx_ql_qve_collateral_t), 120);
    assert_int_equal(offsetof(sgx_ql_qv_supplemental_t, qe_iden_status), 532);
}

static void test_result_and_error_values(void **state)
{
    (void)state;
    assert_int_equal(SGX_QL_QV_RESULT_CONFIG_AND_SW_HARDENING_NEEDED, 0xA008);
    assert_int_equal(SGX_QL_QV_RESULT_TD_RELAUNCH_ADVISED_CONFIG_NEEDED, 0xA00A);
    assert_int_equal(SGX_QL_TCB_REVOKED, 0xE032);
    assert_int_equal(SGX_QL_CRL_UNSUPPORTED_FORMAT, 0xE038);
    assert_int_equal(SGX_QL_TCB_CONFIGURATION_AND_SW_HARDENING_NEEDED, 0xE03D);
    assert_int_equal(SGX_QL_COLLATERAL_VERSION_NOT_SUPPORTED, 0xE053);
    assert_int_equal(SGX_QL_RESULT_INVALID_SIGNATURE, 0xE068);
    assert_int_equal(QVE_COLLATERAL_VERSION31, 0x00010003);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sizes_at_run_time),
        cmocka_unit_test(test_result_and_error_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
