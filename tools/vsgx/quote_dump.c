/* quote_dump.c — `vsgx quote dump`: every field of a quote (header, report body, signature
 * data, QE report, authentication data, certification data) and the PCK certificate's SGX
 * extension, as text or JSON. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "pck_ext.h"
#include "quote.h"
#include "sgx_quote_5.h"
#include "timefmt.h"
#include "cert.h"

static const char HELP[] =
    "usage: vsgx quote dump QUOTE [--json]\n"
    "\n"
    "Prints every field of an ECDSA quote (v3; v4/v5 SGX or TDX): header, report body, signature\n"
    "data, QE report, QE authentication data, certification data, and for a PCK certificate chain\n"
    "the certificates and the PCK certificate's SGX extension (PPID, TCB components, PCESVN,\n"
    "CPUSVN, PCE-ID, FMSPC, SGX type, platform instance ID, configuration).\n"
    "Exit status: 0 printed, 2 the quote does not parse (the field and offset are named).\n";

static json_t *sgx_body(const uint8_t *p)
{
    sgx_report_body_t b;
    memcpy(&b, p, sizeof b);
    json_t *o = json_object();
    json_object_set_new(o, "cpu_svn", cli_hex(b.cpu_svn.svn, 16));
    json_object_set_new(o, "misc_select", json_integer(b.misc_select));
    json_object_set_new(o, "isv_ext_prod_id", cli_hex(b.isv_ext_prod_id, 16));
    json_object_set_new(o, "attributes", cli_hex(&b.attributes, 16));
    json_object_set_new(o, "debug", json_boolean(b.attributes.flags & SGX_FLAGS_DEBUG));
    json_object_set_new(o, "mr_enclave", cli_hex(b.mr_enclave.m, 32));
    json_object_set_new(o, "mr_signer", cli_hex(b.mr_signer.m, 32));
    json_object_set_new(o, "config_id", cli_hex(b.config_id, 64));
    json_object_set_new(o, "isv_prod_id", json_integer(b.isv_prod_id));
    json_object_set_new(o, "isv_svn", json_integer(b.isv_svn));
    json_object_set_new(o, "config_svn", json_integer(b.config_svn));
    json_object_set_new(o, "isv_family_id", cli_hex(b.isv_family_id, 16));
    json_object_set_new(o, "report_data", cli_hex(b.report_data.d, 64));
    return o;
}

static json_t *td_body(const uint8_t *p, bool v15)
{
    sgx_report2_body_v1_5_t b;
    memcpy(&b, p, v15 ? sizeof b : sizeof(sgx_report2_body_t));
    json_t *o = json_object();
    json_object_set_new(o, "tee_tcb_svn", cli_hex(b.tee_tcb_svn.tcb_svn, 16));
    json_object_set_new(o, "mr_seam", cli_hex(b.mr_seam.m, 48));
    json_object_set_new(o, "mrsigner_seam", cli_hex(b.mrsigner_seam.m, 48));
    json_object_set_new(o, "seam_attributes", cli_hex(&b.seam_attributes, 8));
    json_object_set_new(o, "td_attributes", cli_hex(&b.td_attributes, 8));
    json_object_set_new(o, "xfam", cli_hex(&b.xfam, 8));
    json_object_set_new(o, "mr_td", cli_hex(b.mr_td.m, 48));
    json_object_set_new(o, "mr_config_id", cli_hex(b.mr_config_id.m, 48));
    json_object_set_new(o, "mr_owner", cli_hex(b.mr_owner.m, 48));
    json_object_set_new(o, "mr_owner_config", cli_hex(b.mr_owner_config.m, 48));
    json_t *rt = json_array();
    for (int i = 0; i < 4; i++)
        json_array_append_new(rt, cli_hex(b.rt_mr[i].m, 48));
    json_object_set_new(o, "rt_mr", rt);
    json_object_set_new(o, "report_data", cli_hex(b.report_data.d, 64));
    if (v15) {
        json_object_set_new(o, "tee_tcb_svn2", cli_hex(b.tee_tcb_svn2.tcb_svn, 16));
        json_object_set_new(o, "mr_servicetd", cli_hex(b.mr_servicetd.m, 48));
    }
    return o;
}

static json_t *header(const vsgx_quote_t *q)
{
    json_t *o = json_object();
    json_object_set_new(o, "version", json_integer(q->version));
    json_object_set_new(o, "att_key_type", json_integer(q->att_key_type));
    json_object_set_new(o, q->version == 3 ? "att_key_data_0" : "tee_type", json_integer(q->tee_type));
    json_object_set_new(o, "tee", json_string(q->tee_type == VSGX_TEE_TDX ? "TDX" : "SGX"));
    if (q->version == 3) {
        json_object_set_new(o, "qe_svn", json_integer(q->qe_svn));
        json_object_set_new(o, "pce_svn", json_integer(q->pce_svn));
    } else {
        json_object_set_new(o, "reserved", cli_hex(q->header.p + 8, 4));
    }
    json_object_set_new(o, "vendor_id", cli_hex(q->header.p + 12, 16));
    json_object_set_new(o, "user_data", cli_hex(q->header.p + 28, 20));
    json_object_set_new(o, "qe_id", cli_hex(q->header.p + 28, 16));
    return o;
}

static json_t *time_json(int64_t t)
{
    char s[21];
    vsgx_time_format(t, s);
    return json_string(s);
}

static json_t *name_json(vsgx_bytes_t name)
{
    char buf[512];
    vsgx_name_format(name, buf, sizeof buf);
    return json_string(buf);
}

static json_t *flag_json(pck_cert_flag_enum_t f)
{
    return f == PCK_FLAG_UNDEFINED ? json_null() : json_boolean(f == PCK_FLAG_TRUE);
}

static json_t *sgx_extension(const vsgx_cert_t *leaf)
{
    vsgx_pck_ext_t e;
    char msg[160];
    if (!vsgx_pck_ext_from_cert(leaf, &e, msg, sizeof msg))
        return json_pack("{s:s}", "error", msg);
    json_t *o = json_object();
    json_object_set_new(o, "ppid", cli_hex(e.ppid, 16));
    json_t *comps = json_array();
    for (int i = 0; i < 16; i++)
        json_array_append_new(comps, json_integer(e.comp_svn[i]));
    json_object_set_new(o, "tcb_components", comps);
    json_object_set_new(o, "pcesvn", json_integer(e.pcesvn));
    json_object_set_new(o, "cpusvn", cli_hex(e.cpusvn, 16));
    json_object_set_new(o, "pce_id", cli_hex(e.pce_id, 2));
    json_object_set_new(o, "fmspc", cli_hex(e.fmspc, 6));
    json_object_set_new(o, "sgx_type", json_string(vsgx_sgx_type_name(e.sgx_type)));
    json_object_set_new(o, "platform_instance_id",
                        e.has_platform_instance_id ? cli_hex(e.platform_instance_id, 16) : json_null());
    if (e.has_configuration)
        json_object_set_new(o, "configuration",
                            json_pack("{s:o,s:o,s:o}", "dynamic_platform", flag_json(e.dynamic_platform),
                                      "cached_keys", flag_json(e.cached_keys), "smt_enabled",
                                      flag_json(e.smt_enabled)));
    else
        json_object_set_new(o, "configuration", json_null());
    return o;
}

static json_t *cert_data(const vsgx_quote_t *q)
{
    json_t *o = json_object();
    json_object_set_new(o, "type", json_integer(q->cert_type));
    json_object_set_new(o, "size", json_integer((json_int_t)q->cert_data.len));
    if (q->cert_type != PCK_CERT_CHAIN) {
        json_object_set_new(o, "data", cli_hex(q->cert_data.p, q->cert_data.len));
        return o;
    }
    vsgx_cert_t *certs[VSGX_MAX_CHAIN];
    int n = vsgx_pem_chain_parse((const char *)q->cert_data.p, q->cert_data.len, certs, VSGX_MAX_CHAIN);
    if (n <= 0) {
        json_object_set_new(o, "error", json_string("not a PEM certificate chain"));
        return o;
    }
    json_t *chain = json_array();
    for (int i = 0; i < n; i++) {
        json_t *c = json_object();
        json_object_set_new(c, "subject", name_json(certs[i]->subject));
        json_object_set_new(c, "issuer", name_json(certs[i]->issuer));
        json_object_set_new(c, "serial", cli_hex(certs[i]->serial.p, certs[i]->serial.len));
        json_object_set_new(c, "not_before", time_json(certs[i]->not_before));
        json_object_set_new(c, "not_after", time_json(certs[i]->not_after));
        json_array_append_new(chain, c);
    }
    json_object_set_new(o, "pck_chain", chain);
    json_object_set_new(o, "pck_sgx_extension", sgx_extension(certs[0]));
    vsgx_chain_free(certs, n);
    return o;
}

static json_t *dump(const vsgx_quote_t *q)
{
    json_t *doc = json_object();
    json_object_set_new(doc, "size", json_integer((json_int_t)q->len));
    json_object_set_new(doc, "header", header(q));
    if (q->version == 5)
        json_object_set_new(doc, "body_type", json_integer(q->body_type));
    json_object_set_new(doc, "report_body", q->body_type == VSGX_BODY_SGX ? sgx_body(q->body.p)
                                                : td_body(q->body.p, q->body_type == VSGX_BODY_TD15));
    json_t *sig = json_object();
    json_object_set_new(sig, "signature_data_len", json_integer(q->sig_data_len));
    json_object_set_new(sig, "signature", cli_hex(q->quote_sig.p, 64));
    json_object_set_new(sig, "attest_pub_key", cli_hex(q->attest_key.p, 64));
    if (q->version != 3)
        json_object_set_new(sig, "outer_cert_type", json_integer(q->outer_cert_type));
    json_object_set_new(sig, "qe_report", sgx_body(q->qe_report.p));
    json_object_set_new(sig, "qe_report_signature", cli_hex(q->qe_report_sig.p, 64));
    json_object_set_new(sig, "qe_auth_data", cli_hex(q->auth_data.p, q->auth_data.len));
    json_object_set_new(sig, "certification_data", cert_data(q));
    json_object_set_new(doc, "signature_data", sig);
    return doc;
}

int cmd_quote_dump(int argc, char **argv)
{
    const char *path = NULL;
    bool as_json = false;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(HELP, stdout);
            return EXIT_OK;
        } else if (!strcmp(argv[i], "--json")) {
            as_json = true;
        } else if (argv[i][0] == '-' || path) {
            fprintf(stderr, "vsgx quote dump: unexpected argument %s\n%s", argv[i], HELP);
            return EXIT_INVALID;
        } else {
            path = argv[i];
        }
    }
    if (!path) {
        fputs(HELP, stderr);
        return EXIT_INVALID;
    }
    uint8_t *data;
    size_t len;
    if (!cli_read_file(path, 1u << 20, &data, &len))
        return EXIT_INVALID;
    vsgx_quote_t q;
    vsgx_qvl_failure_t why;
    quote3_error_t rc = vsgx_quote_parse(data, len, &q, &why);
    if (rc) {
        fprintf(stderr, "vsgx quote dump: %s: %s (%s, field %s at offset %lld)\n", path, why.message,
                vsgx_quote3_error_name(rc), why.field, (long long)why.offset);
        free(data);
        return EXIT_INVALID;
    }
    cli_print(dump(&q), as_json);
    free(data);
    return EXIT_OK;
}
