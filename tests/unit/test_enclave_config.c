/* test_enclave_config.c — Enclave.config.xml as Intel's sgx_sign reads it: the defaults, a file
 * with every element, every way a file or a configuration is refused (status, element, line,
 * message), the range boundaries, hostile documents (entities, > 1 MiB), the ELRANGE checks
 * against an enclave size and the EDMM ("dynamic") test. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "enclave_config.h"

#define ROOT_OPEN "<EnclaveConfiguration>\n"
#define ROOT_CLOSE "</EnclaveConfiguration>\n"

static vsgx_config_status_t parse_str(const char *xml, vsgx_enclave_config_t *c, vsgx_config_error_t *err)
{
    return vsgx_enclave_config_parse(xml, strlen(xml), c, err);
}

/* The root around body: the body's first line is line 2. */
static char *wrap(const char *body)
{
    size_t n = strlen(ROOT_OPEN) + strlen(body) + strlen(ROOT_CLOSE) + 1;
    char *doc = malloc(n);
    assert_non_null(doc);
    snprintf(doc, n, "%s%s%s", ROOT_OPEN, body, ROOT_CLOSE);
    return doc;
}

static void parse_ok(const char *xml, vsgx_enclave_config_t *c)
{
    vsgx_config_error_t err;
    vsgx_config_status_t s = parse_str(xml, c, &err);
    if (s != VSGX_CONFIG_OK)
        fail_msg("refused (%d, <%s> line %d: %s):\n%s", s, err.element, err.line, err.message, xml);
    assert_int_equal(err.status, VSGX_CONFIG_OK);
}

static void body_ok(const char *body, vsgx_enclave_config_t *c)
{
    char *doc = wrap(body);
    parse_ok(doc, c);
    free(doc);
}

static void check_error(vsgx_config_status_t got, const vsgx_config_error_t *err, vsgx_config_status_t status,
                        const char *element, int line, const char *part, const char *what)
{
    if (got != status || err->status != status || strcmp(err->element, element) != 0 || err->line != line ||
        !strstr(err->message, part))
        fail_msg("expected (%d, <%s>, line %d, \"%s\"), got (%d, <%s>, line %d, \"%s\") for:\n%s", status, element,
                 line, part, got, err->element, err->line, err->message, what);
    assert_non_null(memchr(err->message, '\0', sizeof err->message));
}

static void doc_fails(const char *xml, vsgx_config_status_t status, const char *element, int line,
                      const char *part)
{
    vsgx_enclave_config_t c;
    vsgx_config_error_t err;
    check_error(parse_str(xml, &c, &err), &err, status, element, line, part, xml);
}

static void body_fails(const char *body, vsgx_config_status_t status, const char *element, int line,
                       const char *part)
{
    char *doc = wrap(body);
    doc_fails(doc, status, element, line, part);
    free(doc);
}

static void validate_fails(const vsgx_enclave_config_t *c, vsgx_config_status_t status, const char *element,
                           const char *part)
{
    vsgx_config_error_t err;
    check_error(vsgx_enclave_config_validate(c, &err), &err, status, element, 0, part, "(a configuration in code)");
}

static void elrange_fails(const vsgx_enclave_config_t *c, uint64_t size, const char *element, const char *part)
{
    vsgx_config_error_t err;
    check_error(vsgx_enclave_config_check_elrange(c, size, &err), &err, VSGX_CONFIG_RULE, element, 0, part,
                "(ELRANGE check)");
}

/* ---- defaults and a full file ----------------------------------------------------------- */

static void check_defaults(const vsgx_enclave_config_t *c)
{
    static const uint8_t zero[16];
    assert_int_equal(c->prod_id, 0);
    assert_int_equal(c->isv_svn, 0);
    assert_false(c->release_type || c->intel_signed || c->provision_key || c->launch_key || c->disable_debug);
    assert_int_equal(c->hw, 0);
    assert_int_equal(c->tcs_num, 1);
    assert_int_equal(c->tcs_max_num, 1);
    assert_int_equal(c->tcs_min_pool, 1);
    assert_int_equal(c->tcs_policy, VSGX_TCS_POLICY_UNBIND);
    assert_int_equal(c->stack_max_size, 0x40000);
    assert_int_equal(c->stack_min_size, 0x2000);
    assert_int_equal(c->heap_max_size, 0x1000000);
    assert_int_equal(c->heap_min_size, 0x1000);
    assert_int_equal(c->heap_init_size, 0x1000000);
    assert_int_equal(c->rsrv_max_size, 0);
    assert_int_equal(c->rsrv_min_size, 0);
    assert_int_equal(c->rsrv_init_size, 0);
    assert_false(c->rsrv_executable);
    assert_int_equal(c->misc_select, 0);
    assert_int_equal(c->misc_mask, 0xFFFFFFFF);
    assert_false(c->enable_kss || c->enable_aex_notify || c->enable_ipp_fips || c->enable_ossl_fips);
    assert_memory_equal(c->isv_family_id, zero, 16);
    assert_memory_equal(c->isvext_prod_id, zero, 16);
    assert_int_equal(c->enclave_image_address, 0);
    assert_int_equal(c->elrange_start_address, 0);
    assert_int_equal(c->elrange_size, 0);
    assert_int_equal(c->pkru, VSGX_CONFIG_FEATURE_OFF);
    assert_int_equal(c->amx, VSGX_CONFIG_FEATURE_OFF);
    assert_int_equal(c->user_region_size, 0);
    assert_false(c->tcs_max_num_set || c->heap_init_set || c->rsrv_init_set);
}

static void test_defaults(void **state)
{
    (void)state;
    vsgx_enclave_config_t c;
    memset(&c, 0xA5, sizeof c);
    vsgx_enclave_config_defaults(&c);
    check_defaults(&c);
    assert_int_equal(vsgx_enclave_config_validate(&c, NULL), VSGX_CONFIG_OK);
    /* The default heap starts at 4 KiB and may grow to 16 MiB: an EDMM layout. */
    assert_true(vsgx_enclave_config_is_dynamic(&c));

    /* An empty configuration, with or without an XML declaration and comments, is the defaults. */
    static const char *const empties[] = {
        "<EnclaveConfiguration/>",
        "<EnclaveConfiguration></EnclaveConfiguration>",
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- x -->\n<EnclaveConfiguration>\n  <!-- nothing -->\n"
         "  <?pi data?>\n</EnclaveConfiguration>\n<!-- after -->\n"),
        "<!DOCTYPE EnclaveConfiguration>\n<EnclaveConfiguration/>",
        "<!DOCTYPE EnclaveConfiguration SYSTEM \"http://127.0.0.1:1/never-fetched.dtd\">\n<EnclaveConfiguration/>",
        "<EnclaveConfiguration version=\"2\" xmlns=\"urn:whatever\"/>", /* root attributes: sgx_sign ignores them */
    };
    for (size_t i = 0; i < sizeof empties / sizeof empties[0]; i++) {
        memset(&c, 0x5A, sizeof c);
        parse_ok(empties[i], &c);
        check_defaults(&c);
    }
}

static const char k_full[] =
    "<?xml version=\"1.0\"?>\n"                                 /* 1 */
    "<EnclaveConfiguration>\n"                                  /* 2 */
    "  <!-- every element, in every number form -->\n"          /* 3 */
    "  <ProdID>0x1234</ProdID>\n"                               /* 4 */
    "  <ISVSVN>017</ISVSVN>\n"                                  /* 5: octal */
    "  <ReleaseType>1</ReleaseType>\n"
    "  <IntelSigned>1</IntelSigned>\n"
    "  <ProvisionKey>1</ProvisionKey>\n"
    "  <LaunchKey>1</LaunchKey>\n"
    "  <DisableDebug>1</DisableDebug>\n"
    "  <HW>0X10</HW>\n"
    "  <TCSNum>4</TCSNum>\n"
    "  <TCSMaxNum>8</TCSMaxNum>\n"
    "  <TCSMinPool> +2</TCSMinPool>\n"                          /* leading space and '+' */
    "  <TCSPolicy>0</TCSPolicy>\n"
    "  <StackMaxSize>0x80000</StackMaxSize>\n"
    "  <StackMinSize>16384</StackMinSize>\n"
    "  <HeapMaxSize>0x2000000</HeapMaxSize>\n"
    "  <HeapMinSize>0x2000</HeapMinSize>\n"
    "  <HeapInitSize>\n\t0x100000</HeapInitSize>\n"             /* leading new line and tab */
    "  <ReservedMemMaxSize>0x400000</ReservedMemMaxSize>\n"
    "  <ReservedMemMinSize>0x1000</ReservedMemMinSize>\n"
    "  <ReservedMemInitSize>0x200000</ReservedMemInitSize>\n"
    "  <ReservedMemExecutable>1</ReservedMemExecutable>\n"
    "  <MiscSelect>1</MiscSelect>\n"
    "  <MiscMask>0xFFFFFFFF</MiscMask>\n"
    "  <EnableKSS>1</EnableKSS>\n"
    "  <EnableAEXNotify>1</EnableAEXNotify>\n"
    "  <EnableIPPFIPS>0</EnableIPPFIPS>\n"
    "  <EnableOSSLFIPS>1</EnableOSSLFIPS>\n"
    "  <ISVFAMILYID_H>0x0102030405060708</ISVFAMILYID_H>\n"
    "  <ISVFAMILYID_L>0x1112131415161718</ISVFAMILYID_L>\n"
    "  <ISVEXTPRODID_H>0x2122232425262728</ISVEXTPRODID_H>\n"
    "  <ISVEXTPRODID_L>18446744073709551615</ISVEXTPRODID_L>\n"
    "  <EnclaveImageAddress>0x7f0000001000</EnclaveImageAddress>\n"
    "  <ELRangeStartAddress><![CDATA[0x7f0000000000]]></ELRangeStartAddress>\n"
    "  <ELRangeSize>0x1&#x30;0000000</ELRangeSize>\n"           /* a character reference */
    "  <PKRU>2</PKRU>\n"
    "  <AMX>1</AMX>\n"
    "  <UserRegionSize>0x10000</UserRegionSize>\n"
    "</EnclaveConfiguration>\n";

static void test_full_file(void **state)
{
    (void)state;
    vsgx_enclave_config_t c;
    parse_ok(k_full, &c);
    assert_int_equal(c.prod_id, 0x1234);
    assert_int_equal(c.isv_svn, 15);
    assert_true(c.release_type && c.intel_signed && c.provision_key && c.launch_key && c.disable_debug);
    assert_int_equal(c.hw, 0x10);
    assert_int_equal(c.tcs_num, 4);
    assert_int_equal(c.tcs_max_num, 8);
    assert_true(c.tcs_max_num_set);
    assert_int_equal(c.tcs_min_pool, 2);
    assert_int_equal(c.tcs_policy, VSGX_TCS_POLICY_BIND);
    assert_int_equal(c.stack_max_size, 0x80000);
    assert_int_equal(c.stack_min_size, 0x4000);
    assert_int_equal(c.heap_max_size, 0x2000000);
    assert_int_equal(c.heap_min_size, 0x2000);
    assert_int_equal(c.heap_init_size, 0x100000);
    assert_true(c.heap_init_set);
    assert_int_equal(c.rsrv_max_size, 0x400000);
    assert_int_equal(c.rsrv_min_size, 0x1000);
    assert_int_equal(c.rsrv_init_size, 0x200000);
    assert_true(c.rsrv_init_set);
    assert_true(c.rsrv_executable);
    assert_int_equal(c.misc_select, 1);
    assert_int_equal(c.misc_mask, 0xFFFFFFFF);
    assert_true(c.enable_kss && c.enable_aex_notify && !c.enable_ipp_fips && c.enable_ossl_fips);
    static const uint8_t family[16] = { 0x18, 0x17, 0x16, 0x15, 0x14, 0x13, 0x12, 0x11,
                                        0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01 };
    static const uint8_t extprod[16] = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                         0x28, 0x27, 0x26, 0x25, 0x24, 0x23, 0x22, 0x21 };
    assert_memory_equal(c.isv_family_id, family, 16);
    assert_memory_equal(c.isvext_prod_id, extprod, 16);
    assert_int_equal(c.enclave_image_address, 0x7f0000001000);
    assert_int_equal(c.elrange_start_address, 0x7f0000000000);
    assert_int_equal(c.elrange_size, 0x100000000);
    assert_int_equal(c.pkru, VSGX_CONFIG_FEATURE_LOADER_SELECTS);
    assert_int_equal(c.amx, VSGX_CONFIG_FEATURE_ON);
    assert_int_equal(c.user_region_size, 0x10000);
    assert_int_equal(vsgx_enclave_config_validate(&c, NULL), VSGX_CONFIG_OK);
    assert_int_equal(vsgx_enclave_config_check_elrange(&c, 0x1000000, NULL), VSGX_CONFIG_OK);
    assert_true(vsgx_enclave_config_is_dynamic(&c));
}

/* Intel's SampleEnclave configuration, and the effective values of what it leaves out. */
static void test_sdk_sample(void **state)
{
    (void)state;
    vsgx_enclave_config_t c;
    parse_ok("<!-- Please refer to User's Guide for the explanation of each field -->\n"
             "<EnclaveConfiguration>\n"
             "  <ProdID>0</ProdID>\n"
             "  <ISVSVN>0</ISVSVN>\n"
             "  <StackMaxSize>0x40000</StackMaxSize>\n"
             "  <HeapMaxSize>0x100000</HeapMaxSize>\n"
             "  <TCSNum>10</TCSNum>\n"
             "  <TCSPolicy>1</TCSPolicy>\n"
             "  <!-- Recommend changing 'DisableDebug' to 1 to make the enclave undebuggable for release -->\n"
             "  <DisableDebug>0</DisableDebug>\n"
             "  <MiscSelect>0</MiscSelect>\n"
             "  <MiscMask>0xFFFFFFFF</MiscMask>\n"
             "</EnclaveConfiguration>\n",
             &c);
    assert_int_equal(c.tcs_num, 10);
    assert_int_equal(c.tcs_max_num, 10);
    assert_false(c.tcs_max_num_set);
    assert_int_equal(c.heap_max_size, 0x100000);
    assert_int_equal(c.heap_init_size, 0x100000);
    assert_false(c.heap_init_set);
    assert_int_equal(c.rsrv_init_size, 0);
    assert_false(c.rsrv_init_set);
    assert_int_equal(c.stack_min_size, 0x2000);
}

/* ---- documents that are not enclave configurations ------------------------------------- */

static void test_syntax(void **state)
{
    (void)state;
    doc_fails("", VSGX_CONFIG_SYNTAX, "", 0, "empty");
    vsgx_enclave_config_t c;
    vsgx_config_error_t err;
    assert_int_equal(vsgx_enclave_config_parse(NULL, 0, &c, &err), VSGX_CONFIG_SYNTAX);
    doc_fails("hello", VSGX_CONFIG_SYNTAX, "", 1, "not well-formed XML");
    doc_fails(ROOT_OPEN "  <ProdID>1</ProdID>\n", VSGX_CONFIG_SYNTAX, "", 3, "not well-formed XML");
    doc_fails(ROOT_OPEN "  <ProdID>1</ProdID>\n  <ISVSVN>1</ISVsvn>\n" ROOT_CLOSE, VSGX_CONFIG_SYNTAX, "", 3,
              "mismatch");
    doc_fails(ROOT_OPEN ROOT_CLOSE ROOT_OPEN ROOT_CLOSE, VSGX_CONFIG_SYNTAX, "", 3, "Extra content");
    doc_fails(ROOT_OPEN "  <ProdID a=1>1</ProdID>\n" ROOT_CLOSE, VSGX_CONFIG_SYNTAX, "", 2, "not well-formed");
    doc_fails(ROOT_OPEN "  <ProdID>1 & 2</ProdID>\n" ROOT_CLOSE, VSGX_CONFIG_SYNTAX, "", 2, "not well-formed");
    doc_fails(ROOT_OPEN "  <ProdID>&undeclared;</ProdID>\n" ROOT_CLOSE, VSGX_CONFIG_SYNTAX, "", 2, "undeclared");
    /* Not UTF-8. */
    doc_fails(ROOT_OPEN "  <ProdID>\xff\xfe</ProdID>\n" ROOT_CLOSE, VSGX_CONFIG_SYNTAX, "", 2, "not well-formed");
    /* A NUL byte inside the length given. */
    static const char nul[] = "<EnclaveConfiguration>\0</EnclaveConfiguration>";
    check_error(vsgx_enclave_config_parse(nul, sizeof nul - 1, &c, &err), &err, VSGX_CONFIG_SYNTAX, "", 1,
                "not well-formed", "(a NUL byte)");
    /* Only the bytes given are read: a valid prefix of a longer buffer is a valid document. */
    static const char prefix[] = "<EnclaveConfiguration><ProdID>7</ProdID></EnclaveConfiguration>garbage";
    assert_int_equal(vsgx_enclave_config_parse(prefix, strlen(prefix) - 7, &c, &err), VSGX_CONFIG_OK);
    assert_int_equal(c.prod_id, 7);
}

/* libxml2 reports some errors (input encoding conversion) without a parser context, through
 * its generic handler, which prints: nothing may reach stderr. */
static void test_silent(void **state)
{
    (void)state;
    static const char ucs4[4] = { '<', 0, 0, 0 }; /* detected as UCS-4, then fails to convert */
    vsgx_enclave_config_t c;
    vsgx_config_error_t err;
    FILE *capture = tmpfile();
    assert_non_null(capture);
    fflush(stderr);
    int saved = dup(2);
    assert_true(saved >= 0);
    assert_int_equal(dup2(fileno(capture), 2), 2);
    vsgx_config_status_t s = vsgx_enclave_config_parse(ucs4, sizeof ucs4, &c, &err);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    assert_int_equal(fseek(capture, 0, SEEK_END), 0);
    long printed = ftell(capture);
    fclose(capture);
    assert_int_equal(s, VSGX_CONFIG_SYNTAX);
    assert_int_equal(printed, 0);
}

/* An entity declaration of any kind stops the parse; nothing is expanded or fetched. */
static void test_entities(void **state)
{
    (void)state;
    doc_fails("<?xml version=\"1.0\"?>\n"
              "<!DOCTYPE EnclaveConfiguration [\n"
              "  <!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n"
              "  <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
              "  <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
              "  <!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
              "  <!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n"
              "]>\n"
              "<EnclaveConfiguration><ProdID>&e;</ProdID></EnclaveConfiguration>\n",
              VSGX_CONFIG_SYNTAX, "", 3, "entity declarations are not allowed");
    doc_fails("<!DOCTYPE EnclaveConfiguration [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
              "<EnclaveConfiguration><ProdID>&xxe;</ProdID></EnclaveConfiguration>\n",
              VSGX_CONFIG_SYNTAX, "", 1, "entity declarations");
    doc_fails("<!DOCTYPE EnclaveConfiguration [\n<!ENTITY % p SYSTEM \"http://127.0.0.1:1/x.dtd\">\n%p;\n]>\n"
              "<EnclaveConfiguration/>\n",
              VSGX_CONFIG_SYNTAX, "", 2, "entity declarations");
    doc_fails("<!DOCTYPE EnclaveConfiguration [\n<!NOTATION n SYSTEM \"n\">\n<!ENTITY u SYSTEM \"u\" NDATA n>\n]>\n"
              "<EnclaveConfiguration/>\n",
              VSGX_CONFIG_SYNTAX, "", 3, "entity declarations");
    /* A harmless internal subset is fine. */
    vsgx_enclave_config_t c;
    parse_ok("<!DOCTYPE EnclaveConfiguration [<!ELEMENT EnclaveConfiguration ANY>]>\n"
             "<EnclaveConfiguration><ProdID>3</ProdID></EnclaveConfiguration>",
             &c);
    assert_int_equal(c.prod_id, 3);
}

static char *big_document(size_t total)
{
    static const char head[] = "<EnclaveConfiguration><ProdID>9</ProdID><!--", tail[] = "--></EnclaveConfiguration>";
    char *doc = malloc(total);
    assert_non_null(doc);
    size_t pad = total - (sizeof head - 1) - (sizeof tail - 1);
    memcpy(doc, head, sizeof head - 1);
    memset(doc + sizeof head - 1, 'a', pad);
    memcpy(doc + sizeof head - 1 + pad, tail, sizeof tail - 1);
    return doc;
}

static void test_size_limit(void **state)
{
    (void)state;
    vsgx_enclave_config_t c;
    vsgx_config_error_t err;
    char *doc = big_document(1u << 20);
    assert_int_equal(vsgx_enclave_config_parse(doc, 1u << 20, &c, &err), VSGX_CONFIG_OK);
    assert_int_equal(c.prod_id, 9);
    free(doc);
    doc = big_document((1u << 20) + 1);
    check_error(vsgx_enclave_config_parse(doc, (1u << 20) + 1, &c, &err), &err, VSGX_CONFIG_SYNTAX, "", 0,
                "more than the limit of 1 MiB", "(1 MiB + 1 byte)");
    free(doc);
}

/* Line numbers past 65535 are kept. */
static void test_big_line_numbers(void **state)
{
    (void)state;
    size_t lines = 70000, n = strlen(ROOT_OPEN) + lines + 64;
    char *doc = malloc(n);
    assert_non_null(doc);
    strcpy(doc, ROOT_OPEN);
    memset(doc + strlen(ROOT_OPEN), '\n', lines);
    strcpy(doc + strlen(ROOT_OPEN) + lines, "<Nope>1</Nope>" ROOT_CLOSE);
    doc_fails(doc, VSGX_CONFIG_UNKNOWN_ELEMENT, "Nope", 70002, "not an enclave configuration element");
    free(doc);
}

static void test_root(void **state)
{
    (void)state;
    doc_fails("<Enclave>\n<ProdID>1</ProdID>\n</Enclave>", VSGX_CONFIG_BAD_ROOT, "Enclave", 1,
              "<EnclaveConfiguration>");
    doc_fails("<!-- x -->\n<enclaveconfiguration/>", VSGX_CONFIG_BAD_ROOT, "enclaveconfiguration", 2,
              "the root element is <enclaveconfiguration>");
    doc_fails("<x:EnclaveConfiguration xmlns:x=\"urn:x\"/>", VSGX_CONFIG_BAD_ROOT, "x:EnclaveConfiguration", 1,
              "root element");
    /* A default namespace changes no name. */
    vsgx_enclave_config_t c;
    parse_ok("<EnclaveConfiguration xmlns=\"urn:x\"><ProdID>5</ProdID></EnclaveConfiguration>", &c);
    assert_int_equal(c.prod_id, 5);
    /* Text directly in the root, before, between or after the elements. */
    body_fails("  stray\n  <ProdID>1</ProdID>\n", VSGX_CONFIG_BAD_ROOT, "EnclaveConfiguration", 2,
               "may hold only elements");
    body_fails("\n\n  two\n  lines\n\n  <ProdID>1</ProdID>\n", VSGX_CONFIG_BAD_ROOT, "EnclaveConfiguration", 4,
               "holds text");
    body_fails("  <ProdID>1</ProdID> x\n  <ISVSVN>1</ISVSVN>\n", VSGX_CONFIG_BAD_ROOT, "EnclaveConfiguration", 2,
               "holds text");
    body_fails("  <ProdID>1</ProdID>\n  tail", VSGX_CONFIG_BAD_ROOT, "EnclaveConfiguration", 3, "holds text");
    body_fails("  <![CDATA[ ]]>\n", VSGX_CONFIG_BAD_ROOT, "EnclaveConfiguration", 2, "holds text");
}

static void test_attributes(void **state)
{
    (void)state;
    body_fails("  <ProdID>1</ProdID>\n  <ISVSVN base=\"10\">1</ISVSVN>\n", VSGX_CONFIG_ATTRIBUTE, "ISVSVN", 3,
               "carries an XML attribute");
    body_fails("  <ProdID xmlns=\"urn:x\">1</ProdID>\n", VSGX_CONFIG_ATTRIBUTE, "ProdID", 2, "XML attribute");
    body_fails("  <ProdID xmlns:p=\"urn:x\">1</ProdID>\n", VSGX_CONFIG_ATTRIBUTE, "ProdID", 2, "XML attribute");
    /* Attributes are looked at first, as sgx_sign does: even on an unknown or empty element. */
    body_fails("  <Foo a=\"1\"/>\n", VSGX_CONFIG_ATTRIBUTE, "Foo", 2, "XML attribute");
}

static void test_unknown_and_nested(void **state)
{
    (void)state;
    body_fails("  <ProdID>1</ProdID>\n  <Foo>1</Foo>\n", VSGX_CONFIG_UNKNOWN_ELEMENT, "Foo", 3,
               "<Foo> is not an enclave configuration element");
    body_fails("  <prodid>1</prodid>\n", VSGX_CONFIG_UNKNOWN_ELEMENT, "prodid", 2, "not an enclave configuration");
    body_fails("  <StackMaxSize >0x2000</StackMaxSize >\n  <HeapSize>0x1000</HeapSize>\n",
               VSGX_CONFIG_UNKNOWN_ELEMENT, "HeapSize", 3, "not an enclave configuration");
    doc_fails("<EnclaveConfiguration xmlns:p=\"urn:x\">\n  <p:ProdID>1</p:ProdID>\n" ROOT_CLOSE,
              VSGX_CONFIG_UNKNOWN_ELEMENT, "p:ProdID", 2, "<p:ProdID> is not");
    body_fails("  <ProdID>\n    <Value>1</Value>\n  </ProdID>\n", VSGX_CONFIG_UNKNOWN_ELEMENT, "Value", 3,
               "<Value> inside <ProdID>");
    body_fails("  <ProdID>1<X/></ProdID>\n", VSGX_CONFIG_UNKNOWN_ELEMENT, "X", 2, "inside <ProdID>");
    /* sgx_sign reads the value before it looks the name up. */
    body_fails("  <Foo>abc</Foo>\n", VSGX_CONFIG_BAD_NUMBER, "Foo", 2, "not an unsigned number");
    body_fails("  <Foo/>\n", VSGX_CONFIG_BAD_NUMBER, "Foo", 2, "the value is missing");
}

static void test_duplicate(void **state)
{
    (void)state;
    body_fails("  <ProdID>1</ProdID>\n  <ISVSVN>1</ISVSVN>\n  <ProdID>1</ProdID>\n", VSGX_CONFIG_DUPLICATE, "ProdID",
               4, "given twice (first on line 2)");
    /* Even when the second one is out of range. */
    body_fails("  <HeapInitSize>0x1000</HeapInitSize>\n  <HeapInitSize>0x1000000000000000000</HeapInitSize>\n",
               VSGX_CONFIG_BAD_NUMBER, "HeapInitSize", 3, "does not fit in 64 bits");
    body_fails("  <TCSNum>2</TCSNum>\n  <TCSNum>0</TCSNum>\n", VSGX_CONFIG_DUPLICATE, "TCSNum", 3, "twice");
}

static void test_numbers(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *part;
    } bad[] = {
        { "-1", "holds a '-'" },
        { "1-", "holds a '-'" },
        { "0x-1", "holds a '-'" },
        { " - 1", "holds a '-'" },
        { "&#45;1", "holds a '-'" },
        { "12abc", "not an unsigned number" },
        { "0x", "not an unsigned number" },
        { "08", "not an unsigned number" },
        { "1.0", "not an unsigned number" },
        { "1 ", "not an unsigned number" },  /* trailing white space is left by strtoull */
        { "1\n", "not an unsigned number" },
        { "one", "not an unsigned number" },
        { "++1", "not an unsigned number" },
        { "0b1", "not an unsigned number" },
        { "18446744073709551616", "does not fit in 64 bits" },
        { "0x10000000000000000", "does not fit in 64 bits" },
        { "<![CDATA[ ]]>", "not an unsigned number" },
        { "", "the value is missing" },
        { "   ", "the value is missing" },
        { "\n\t\n", "the value is missing" },
        { "<!-- c -->", "the value is missing" },
        { "<!-- c -->1", "the value is missing" }, /* tinyxml2's GetText: the first child must be text */
        { "<?pi?>1", "the value is missing" },
        { " <!-- c -->7", "the value is missing" }, /* tinyxml2 drops the blank before markup */
        { "1<!-- c -->2", "split in pieces" },
        { "1<![CDATA[2]]>", "split in pieces" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char body[128];
        snprintf(body, sizeof body, "  <ISVSVN>1</ISVSVN>\n  <ProdID>%s</ProdID>\n", bad[i].text);
        body_fails(body, VSGX_CONFIG_BAD_NUMBER, "ProdID", 3, bad[i].part);
    }
    body_fails("  <ProdID/>\n", VSGX_CONFIG_BAD_NUMBER, "ProdID", 2, "the value is missing");

    static const struct {
        const char *text;
        uint16_t value;
    } good[] = {
        { "0", 0 },           { "00", 0 },        { "0x0", 0 },         { "010", 8 },
        { "0x1F", 31 },       { "0X1f", 31 },     { "+12", 12 },        { " 12", 12 },
        { "\n\t 0x10", 16 },  { "&#x31;&#x30;", 10 }, { "<![CDATA[077]]>", 63 },
        { "1<!-- trailing comment -->", 1 }, /* as GetText(): the first child is the value */
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        char body[128];
        vsgx_enclave_config_t c;
        snprintf(body, sizeof body, "  <ProdID>%s</ProdID>\n", good[i].text);
        body_ok(body, &c);
        if (c.prod_id != good[i].value)
            fail_msg("\"%s\" read as %u, expected %u", good[i].text, c.prod_id, good[i].value);
    }
}

/* ---- ranges ----------------------------------------------------------------------------- */

typedef struct {
    const char *element;
    const char *extra;    /* other elements the value needs to pass the rules */
    const char *max_ok;   /* the highest value allowed */
    const char *over;     /* the lowest refused above it */
    const char *under;    /* a refused value below the minimum, or NULL */
    const char *message;  /* the range as the message gives it */
} range_case_t;

static const range_case_t k_ranges[] = {
    { "ProdID", "", "65535", "65536", NULL, "ProdID = 65536 is out of range: allowed 0 to 65535" },
    { "ISVSVN", "", "0xffff", "0x10000", NULL, "allowed 0 to 65535" },
    { "ReleaseType", "", "1", "2", NULL, "ReleaseType = 2 is out of range: allowed 0 to 1" },
    { "IntelSigned", "", "1", "2", NULL, "allowed 0 to 1" },
    { "ProvisionKey", "", "1", "2", NULL, "allowed 0 to 1" },
    { "LaunchKey", "<HW>1</HW>", "1", "2", NULL, "allowed 0 to 1" },
    { "DisableDebug", "", "1", "2", NULL, "allowed 0 to 1" },
    { "HW", "<LaunchKey>1</LaunchKey>", "16", "17", NULL, "HW = 17 is out of range: allowed 0 to 16" },
    { "TCSNum", "", "4294967295", "4294967296", "0", "allowed 1 to 4294967295" },
    { "TCSMaxNum", "", "0xFFFFFFFF", "0x100000000", "0", "allowed 1 to 4294967295" },
    { "TCSMinPool", "<TCSNum>0xFFFFFFFF</TCSNum>", "0xFFFFFFFF", "0x100000000", NULL, "allowed 0 to 4294967295" },
    { "TCSPolicy", "", "1", "2", NULL, "TCSPolicy = 2 is out of range: allowed 0 to 1" },
    { "StackMaxSize", "", "0x7ffffffffffff000", "0x8000000000000000", "0x1000",
      "allowed 0x2000 to 0x7fffffffffffffff" },
    { "StackMinSize", "<StackMaxSize>0x7ffffffffffff000</StackMaxSize>", "0x7ffffffffffff000",
      "0x8000000000000000", "0x1000", "allowed 0x2000 to 0x7fffffffffffffff" },
    { "HeapMaxSize", "", "0x7ffffffffffff000", "0x8000000000000000", NULL,
      "HeapMaxSize = 0x8000000000000000 is out of range: allowed 0x0 to 0x7fffffffffffffff" },
    { "HeapMinSize", "<HeapMaxSize>0x7ffffffffffff000</HeapMaxSize>", "0x7ffffffffffff000", "0x8000000000000000",
      NULL, "allowed 0x0 to 0x7fffffffffffffff" },
    { "HeapInitSize", "<HeapMaxSize>0x7ffffffffffff000</HeapMaxSize>", "0x7ffffffffffff000",
      "0x8000000000000000", NULL, "allowed 0x0 to 0x7fffffffffffffff" },
    { "ReservedMemMaxSize", "", "0x7ffffffffffff000", "0x8000000000000000", NULL, "allowed 0x0 to 0x7fff" },
    { "ReservedMemMinSize", "<ReservedMemMaxSize>0x7ffffffffffff000</ReservedMemMaxSize>", "0x7ffffffffffff000",
      "0x8000000000000000", NULL, "allowed 0x0 to 0x7fff" },
    { "ReservedMemInitSize", "<ReservedMemMaxSize>0x7ffffffffffff000</ReservedMemMaxSize>", "0x7ffffffffffff000",
      "0x8000000000000000", NULL, "allowed 0x0 to 0x7fff" },
    { "ReservedMemExecutable", "", "1", "2", NULL, "allowed 0 to 1" },
    { "MiscSelect", "", "4294967295", "4294967296", NULL, "MiscSelect = 0x100000000 is out of range: allowed 0x0 to 0xffffffff" },
    { "MiscMask", "", "0xffffffff", "0x100000000", NULL, "allowed 0x0 to 0xffffffff" },
    { "EnableKSS", "", "1", "2", NULL, "allowed 0 to 1" },
    { "EnableAEXNotify", "", "1", "2", NULL, "allowed 0 to 1" },
    { "EnableIPPFIPS", "", "1", "2", NULL, "allowed 0 to 1" },
    { "EnableOSSLFIPS", "", "1", "2", NULL, "allowed 0 to 1" },
    { "EnclaveImageAddress", "<ELRangeSize>0x1000</ELRangeSize>", "0xffffffffffffffff", NULL, "0xfff",
      "EnclaveImageAddress = 0xfff is out of range: allowed 0x1000 to 0xffffffffffffffff" },
    { "ELRangeStartAddress", "<ELRangeSize>0x1000</ELRangeSize>", "0xffffffffffffffff", NULL, NULL, "" },
    { "ELRangeSize", "", "0xffffffffffffffff", NULL, "0xfff", "allowed 0x1000 to 0xffffffffffffffff" },
    { "PKRU", "", "2", "3", NULL, "PKRU = 3 is out of range: allowed 0 to 2" },
    { "AMX", "", "2", "3", NULL, "allowed 0 to 2" },
    { "UserRegionSize", "", "0x7ffffffffffff000", "0x8000000000000000", NULL, "allowed 0x0 to 0x7fff" },
    { "ISVFAMILYID_H", "<EnableKSS>1</EnableKSS>", "0xffffffffffffffff", NULL, NULL, "" },
    { "ISVFAMILYID_L", "<EnableKSS>1</EnableKSS>", "0xffffffffffffffff", NULL, NULL, "" },
    { "ISVEXTPRODID_H", "<EnableKSS>1</EnableKSS>", "0xffffffffffffffff", NULL, NULL, "" },
    { "ISVEXTPRODID_L", "<EnableKSS>1</EnableKSS>", "0xffffffffffffffff", NULL, NULL, "" },
};

static void test_ranges(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof k_ranges / sizeof k_ranges[0]; i++) {
        const range_case_t *r = &k_ranges[i];
        char body[256];
        vsgx_enclave_config_t c;
        snprintf(body, sizeof body, "  %s\n  <%s>%s</%s>\n", r->extra, r->element, r->max_ok, r->element);
        body_ok(body, &c);
        if (r->over) {
            snprintf(body, sizeof body, "  %s\n  <%s>%s</%s>\n", r->extra, r->element, r->over, r->element);
            body_fails(body, VSGX_CONFIG_OUT_OF_RANGE, r->element, 3, r->message);
        }
        if (r->under) {
            snprintf(body, sizeof body, "  %s\n  <%s>%s</%s>\n", r->extra, r->element, r->under, r->element);
            body_fails(body, VSGX_CONFIG_OUT_OF_RANGE, r->element, 3, "out of range");
        }
    }
    /* The lowest values. */
    vsgx_enclave_config_t c;
    body_ok("<TCSNum>1</TCSNum><TCSMaxNum>1</TCSMaxNum><TCSMinPool>0</TCSMinPool><StackMaxSize>0x2000</StackMaxSize>"
            "<StackMinSize>0x2000</StackMinSize><HeapMaxSize>0</HeapMaxSize><HeapMinSize>0</HeapMinSize>"
            "<HeapInitSize>0</HeapInitSize><EnclaveImageAddress>0x1000</EnclaveImageAddress>"
            "<ELRangeStartAddress>0</ELRangeStartAddress><ELRangeSize>0x1000</ELRangeSize>\n",
            &c);
    assert_int_equal(c.tcs_min_pool, 0);
    assert_int_equal(c.heap_max_size, 0);
    assert_int_equal(c.elrange_size, 0x1000);
    /* Given as 0, the address and the ELRANGE size are out of range (unset, they are 0). */
    body_fails("<ELRangeSize>0x1000</ELRangeSize>\n<EnclaveImageAddress>0</EnclaveImageAddress>\n",
               VSGX_CONFIG_OUT_OF_RANGE, "EnclaveImageAddress", 3, "EnclaveImageAddress = 0x0 is out of range");
    body_fails("<ELRangeSize>0</ELRangeSize>\n", VSGX_CONFIG_OUT_OF_RANGE, "ELRangeSize", 2, "allowed 0x1000");
}

/* ---- the rules between elements ------------------------------------------------------------ */

static void test_rules_sizes(void **state)
{
    (void)state;
    body_fails("<StackMaxSize>0x2800</StackMaxSize>\n", VSGX_CONFIG_RULE, "StackMaxSize", 2,
               "StackMaxSize (0x2800) must be a multiple of the page size 0x1000");
    body_fails("<StackMaxSize>0x4000</StackMaxSize>\n<StackMinSize>0x2001</StackMinSize>\n", VSGX_CONFIG_RULE,
               "StackMinSize", 3, "StackMinSize (0x2001) must be a multiple of the page size");
    body_fails("<StackMaxSize>0x2000</StackMaxSize>\n<StackMinSize>0x3000</StackMinSize>\n", VSGX_CONFIG_RULE,
               "StackMinSize", 3, "StackMinSize (0x3000) must not exceed StackMaxSize (0x2000)");
    /* Defaults count: StackMaxSize 0x40000 is below a given StackMinSize 0x41000. */
    body_fails("<StackMinSize>0x41000</StackMinSize>\n", VSGX_CONFIG_RULE, "StackMinSize", 2,
               "must not exceed StackMaxSize (0x40000)");

    body_fails("<HeapMaxSize>0x1800</HeapMaxSize>\n", VSGX_CONFIG_RULE, "HeapMaxSize", 2, "multiple of the page size");
    body_fails("<HeapMinSize>0x1001</HeapMinSize>\n", VSGX_CONFIG_RULE, "HeapMinSize", 2, "multiple of the page size");
    body_fails("<HeapInitSize>0x1800</HeapInitSize>\n", VSGX_CONFIG_RULE, "HeapInitSize", 2,
               "HeapInitSize (0x1800) must be a multiple of the page size");
    body_fails("<HeapMaxSize>0x4000</HeapMaxSize>\n<HeapMinSize>0x3000</HeapMinSize>\n"
               "<HeapInitSize>0x2000</HeapInitSize>\n",
               VSGX_CONFIG_RULE, "HeapMinSize", 3, "HeapMinSize (0x3000) must not exceed HeapInitSize (0x2000)");
    body_fails("<HeapMaxSize>0x2000</HeapMaxSize>\n<HeapInitSize>0x3000</HeapInitSize>\n", VSGX_CONFIG_RULE,
               "HeapInitSize", 3, "HeapInitSize (0x3000) must not exceed HeapMaxSize (0x2000)");
    body_fails("<HeapMaxSize>0x2000</HeapMaxSize>\n<HeapMinSize>0x3000</HeapMinSize>\n", VSGX_CONFIG_RULE,
               "HeapMinSize", 3, "HeapMinSize (0x3000) must not exceed HeapMaxSize (0x2000)");
    /* A default broken by a given value: the line is the given element's. */
    body_fails("<ProdID>1</ProdID>\n<HeapMaxSize>0</HeapMaxSize>\n", VSGX_CONFIG_RULE, "HeapMinSize", 3,
               "HeapMinSize (0x1000) must not exceed HeapMaxSize (0x0)");
    body_fails("<StackMaxSize>0x80000</StackMaxSize>\n<TCSMaxNum>1</TCSMaxNum>\n<TCSNum>2</TCSNum>\n",
               VSGX_CONFIG_RULE, "TCSMaxNum", 3, "TCSMaxNum (1) must not be less than TCSNum (2)");
    vsgx_enclave_config_t c;
    body_ok("<HeapMaxSize>0x3000</HeapMaxSize><HeapMinSize>0x3000</HeapMinSize><HeapInitSize>0x3000</HeapInitSize>",
            &c);
    body_ok("<HeapMaxSize>0x3000</HeapMaxSize><HeapMinSize>0x1000</HeapMinSize><HeapInitSize>0x2000</HeapInitSize>",
            &c);
    assert_int_equal(c.heap_init_size, 0x2000);

    body_fails("<ReservedMemMaxSize>0x800</ReservedMemMaxSize>\n", VSGX_CONFIG_RULE, "ReservedMemMaxSize", 2,
               "ReservedMemMaxSize (0x800) must be a multiple of the page size");
    body_fails("<ReservedMemMaxSize>0x2000</ReservedMemMaxSize>\n<ReservedMemMinSize>0x10</ReservedMemMinSize>\n",
               VSGX_CONFIG_RULE, "ReservedMemMinSize", 3, "multiple of the page size");
    body_fails("<ReservedMemMaxSize>0x2000</ReservedMemMaxSize>\n<ReservedMemInitSize>0x10</ReservedMemInitSize>\n",
               VSGX_CONFIG_RULE, "ReservedMemInitSize", 3, "multiple of the page size");
    body_fails("<ReservedMemMaxSize>0x4000</ReservedMemMaxSize>\n<ReservedMemMinSize>0x3000</ReservedMemMinSize>\n"
               "<ReservedMemInitSize>0x2000</ReservedMemInitSize>\n",
               VSGX_CONFIG_RULE, "ReservedMemMinSize", 3,
               "ReservedMemMinSize (0x3000) must not exceed ReservedMemInitSize (0x2000)");
    body_fails("<ReservedMemInitSize>0x1000</ReservedMemInitSize>\n", VSGX_CONFIG_RULE, "ReservedMemInitSize", 2,
               "ReservedMemInitSize (0x1000) must not exceed ReservedMemMaxSize (0x0)");
    body_fails("<ReservedMemMinSize>0x1000</ReservedMemMinSize>\n", VSGX_CONFIG_RULE, "ReservedMemMinSize", 2,
               "ReservedMemMinSize (0x1000) must not exceed ReservedMemMaxSize (0x0)");
    body_ok("<ReservedMemMaxSize>0x3000</ReservedMemMaxSize><ReservedMemMinSize>0x1000</ReservedMemMinSize>", &c);
    assert_int_equal(c.rsrv_init_size, 0x3000);
    assert_false(c.rsrv_init_set);

    body_fails("<UserRegionSize>0x1800</UserRegionSize>\n", VSGX_CONFIG_RULE, "UserRegionSize", 2,
               "UserRegionSize (0x1800) must be a multiple of the page size");
}

static void test_rules_other(void **state)
{
    (void)state;
    vsgx_enclave_config_t c;
    body_fails("<HW>1</HW>\n", VSGX_CONFIG_RULE, "HW", 2, "HW must be non-zero exactly when LaunchKey is 1");
    body_fails("<HW>0</HW>\n<LaunchKey>1</LaunchKey>\n", VSGX_CONFIG_RULE, "LaunchKey", 3,
               "LaunchKey 1 needs a non-zero HW");
    body_ok("<HW>3</HW><LaunchKey>1</LaunchKey>", &c);

    body_fails("<TCSNum>4</TCSNum>\n<TCSMaxNum>3</TCSMaxNum>\n", VSGX_CONFIG_RULE, "TCSMaxNum", 3,
               "TCSMaxNum (3) must not be less than TCSNum (4)");
    body_fails("<TCSNum>2</TCSNum>\n<TCSMaxNum>4</TCSMaxNum>\n<TCSMinPool>5</TCSMinPool>\n", VSGX_CONFIG_RULE,
               "TCSMinPool", 4, "TCSMinPool (5) must not exceed TCSMaxNum (4)");
    body_fails("<TCSNum>2</TCSNum>\n<TCSMinPool>3</TCSMinPool>\n", VSGX_CONFIG_RULE, "TCSMinPool", 3,
               "TCSMinPool (3) must not exceed TCSNum (2) when TCSMaxNum is not given");
    body_ok("<TCSNum>2</TCSNum><TCSMaxNum>4</TCSMaxNum><TCSMinPool>4</TCSMinPool>", &c);
    body_ok("<TCSNum>2</TCSNum><TCSMinPool>2</TCSMinPool>", &c);
    assert_int_equal(c.tcs_max_num, 2);
    assert_false(c.tcs_max_num_set);

    static const char *const ids[] = { "ISVFAMILYID_H", "ISVFAMILYID_L", "ISVEXTPRODID_H", "ISVEXTPRODID_L" };
    for (size_t i = 0; i < 4; i++) {
        char body[160];
        snprintf(body, sizeof body, "<EnableKSS>0</EnableKSS>\n<%s>0x10</%s>\n", ids[i], ids[i]);
        body_fails(body, VSGX_CONFIG_RULE, ids[i], 3, "is not zero: the ISV family and extended product IDs need "
                                                      "EnableKSS 1");
        snprintf(body, sizeof body, "<EnableKSS>1</EnableKSS>\n<%s>0x10</%s>\n", ids[i], ids[i]);
        body_ok(body, &c);
        snprintf(body, sizeof body, "<%s>0</%s>\n", ids[i], ids[i]);
        body_ok(body, &c);
    }

    body_fails("<EnclaveImageAddress>0x1000</EnclaveImageAddress>\n", VSGX_CONFIG_RULE, "EnclaveImageAddress", 2,
               "EnclaveImageAddress is given without ELRangeSize");
    body_fails("<ProdID>1</ProdID>\n<ELRangeStartAddress>0x10000</ELRangeStartAddress>\n", VSGX_CONFIG_RULE,
               "ELRangeStartAddress", 3, "ELRangeStartAddress is given without ELRangeSize");
    /* sgx_sign goes by presence: 0 given still needs ELRangeSize. */
    body_fails("<ELRangeStartAddress>0</ELRangeStartAddress>\n", VSGX_CONFIG_RULE, "ELRangeStartAddress", 2,
               "needs ELRangeSize");
    body_ok("<ELRangeSize>0x10000</ELRangeSize>", &c);

    body_fails("<EnableIPPFIPS>1</EnableIPPFIPS>\n<EnableOSSLFIPS>1</EnableOSSLFIPS>\n", VSGX_CONFIG_RULE,
               "EnableOSSLFIPS", 3, "EnableIPPFIPS and EnableOSSLFIPS are mutually exclusive");
    body_ok("<EnableIPPFIPS>1</EnableIPPFIPS><EnableOSSLFIPS>0</EnableOSSLFIPS>", &c);
}

/* A configuration built in code goes through the same ranges and rules (no line numbers). */
static void test_validate_in_code(void **state)
{
    (void)state;
    vsgx_enclave_config_t c;
#define CASE(assignment, status, element, part)                                                                       \
    do {                                                                                                              \
        vsgx_enclave_config_defaults(&c);                                                                             \
        assignment;                                                                                                   \
        validate_fails(&c, status, element, part);                                                                    \
    } while (0)
    CASE(c.tcs_num = 0, VSGX_CONFIG_OUT_OF_RANGE, "TCSNum", "TCSNum = 0 is out of range: allowed 1 to 4294967295");
    CASE(c.tcs_policy = 2, VSGX_CONFIG_OUT_OF_RANGE, "TCSPolicy", "allowed 0 to 1");
    CASE(c.hw = 0x11; c.launch_key = true, VSGX_CONFIG_OUT_OF_RANGE, "HW", "HW = 17");
    CASE(c.prod_id = 0xFFFF; c.stack_min_size = 0x1000, VSGX_CONFIG_OUT_OF_RANGE, "StackMinSize", "allowed 0x2000");
    CASE(c.heap_max_size = 0x8000000000000000ull, VSGX_CONFIG_OUT_OF_RANGE, "HeapMaxSize", "0x7fffffffffffffff");
    CASE(c.enclave_image_address = 0x800; c.elrange_size = 0x1000, VSGX_CONFIG_OUT_OF_RANGE, "EnclaveImageAddress",
         "EnclaveImageAddress = 0x800");
    CASE(c.elrange_size = 0xfff, VSGX_CONFIG_OUT_OF_RANGE, "ELRangeSize", "ELRangeSize = 0xfff");
    CASE(c.pkru = 3, VSGX_CONFIG_OUT_OF_RANGE, "PKRU", "PKRU = 3");
    CASE(c.amx = 7, VSGX_CONFIG_OUT_OF_RANGE, "AMX", "AMX = 7");
    CASE(c.tcs_max_num = 0; c.tcs_max_num_set = true, VSGX_CONFIG_OUT_OF_RANGE, "TCSMaxNum", "TCSMaxNum = 0");
    CASE(c.heap_init_size = 0x8000000000000000ull; c.heap_init_set = true, VSGX_CONFIG_OUT_OF_RANGE, "HeapInitSize",
         "out of range");
    CASE(c.rsrv_init_size = 0x1000; c.rsrv_init_set = true, VSGX_CONFIG_RULE, "ReservedMemInitSize",
         "must not exceed ReservedMemMaxSize");
    CASE(c.tcs_num = 8; c.tcs_max_num = 4; c.tcs_max_num_set = true, VSGX_CONFIG_RULE, "TCSMaxNum",
         "TCSMaxNum (4) must not be less than TCSNum (8)");
    CASE(c.tcs_min_pool = 2, VSGX_CONFIG_RULE, "TCSMinPool", "when TCSMaxNum is not given");
    CASE(c.isvext_prod_id[15] = 1, VSGX_CONFIG_RULE, "ISVEXTPRODID_H", "need EnableKSS 1");
    CASE(c.isv_family_id[0] = 1, VSGX_CONFIG_RULE, "ISVFAMILYID_L", "need EnableKSS 1");
    CASE(c.elrange_start_address = 0x1000, VSGX_CONFIG_RULE, "ELRangeStartAddress", "without ELRangeSize");
    CASE(c.enclave_image_address = 0x1000, VSGX_CONFIG_RULE, "EnclaveImageAddress", "without ELRangeSize");
    CASE(c.enable_ipp_fips = c.enable_ossl_fips = true, VSGX_CONFIG_RULE, "EnableOSSLFIPS", "mutually exclusive");
    CASE(c.user_region_size = 1, VSGX_CONFIG_RULE, "UserRegionSize", "multiple of the page size");
#undef CASE

    /* Unset optional elements take their effective value, whatever the field holds. */
    vsgx_enclave_config_defaults(&c);
    c.heap_max_size = 0x2000;
    c.heap_init_size = 0x1801; /* stale */
    c.tcs_num = 8;
    c.tcs_max_num = 1; /* stale */
    c.tcs_min_pool = 8;
    c.rsrv_max_size = 0x3000;
    c.rsrv_init_size = 0x123; /* stale */
    assert_int_equal(vsgx_enclave_config_validate(&c, NULL), VSGX_CONFIG_OK);
    c.heap_init_set = true;
    validate_fails(&c, VSGX_CONFIG_RULE, "HeapInitSize", "HeapInitSize (0x1801) must be a multiple");
}

/* ---- ELRANGE against the enclave size -------------------------------------------------- */

static vsgx_enclave_config_t elrange(uint64_t start, uint64_t size, uint64_t image)
{
    vsgx_enclave_config_t c;
    vsgx_enclave_config_defaults(&c);
    c.elrange_start_address = start;
    c.elrange_size = size;
    c.enclave_image_address = image;
    return c;
}

static void test_check_elrange(void **state)
{
    (void)state;
    vsgx_enclave_config_t c;
    vsgx_enclave_config_defaults(&c);
    assert_int_equal(vsgx_enclave_config_check_elrange(&c, UINT64_MAX, NULL), VSGX_CONFIG_OK); /* no ELRANGE */

    c = elrange(0x10000000, 0x10000000, 0x10000000);
    assert_int_equal(vsgx_enclave_config_check_elrange(&c, 0x10000000, NULL), VSGX_CONFIG_OK); /* exactly fits */
    elrange_fails(&c, 0x10001000, "ELRangeSize", "the enclave [0x10000000, 0x20001000) does not fit in ELRANGE "
                                                 "[0x10000000, 0x20000000)");
    c = elrange(0x10000000, 0x10000000, 0x10001000);
    assert_int_equal(vsgx_enclave_config_check_elrange(&c, 0xFFFF000, NULL), VSGX_CONFIG_OK);
    elrange_fails(&c, 0x10000000, "ELRangeSize", "does not fit in ELRANGE");
    c = elrange(0, 0x1000, 0);
    assert_int_equal(vsgx_enclave_config_check_elrange(&c, 0x1000, NULL), VSGX_CONFIG_OK);

    c = elrange(0x10000000, 0x10000000, 0x10000800);
    elrange_fails(&c, 0x1000, "EnclaveImageAddress", "EnclaveImageAddress (0x10000800) must be a multiple of the "
                                                     "page size");
    c = elrange(0x10000010, 0x10000000, 0x10001000);
    elrange_fails(&c, 0x1000, "ELRangeStartAddress", "must be a multiple of the page size");
    c = elrange(0x10000000, 0x10000800, 0x10001000);
    elrange_fails(&c, 0x1000, "ELRangeSize", "ELRangeSize (0x10000800) must be a multiple of the page size");
    c = elrange(0, 0x3000, 0x1000);
    elrange_fails(&c, 0x1000, "ELRangeSize", "ELRangeSize (0x3000) must be a power of two");
    c = elrange(0x1000, 0x10000000, 0x1000);
    elrange_fails(&c, 0x1000, "ELRangeStartAddress",
                  "ELRangeStartAddress (0x1000) must be a multiple of ELRangeSize (0x10000000)");
    c = elrange(0x20000000, 0x10000000, 0x10000000);
    elrange_fails(&c, 0x1000, "ELRangeStartAddress",
                  "ELRangeStartAddress (0x20000000) must not be above EnclaveImageAddress (0x10000000)");
    /* Without an image address the image is at 0: the range must start there. */
    c = elrange(0x10000000, 0x10000000, 0);
    elrange_fails(&c, 0x1000, "ELRangeStartAddress", "must not be above EnclaveImageAddress (0x0)");
    c = elrange(0x8000000000000000ull, 0x8000000000000000ull, 0xFFFFFFFFFFFFF000ull);
    elrange_fails(&c, 0x2000, "EnclaveImageAddress", "plus the enclave size (0x2000) overflows");
    c = elrange(0x8000000000000000ull, 0x8000000000000000ull, 0x8000000000001000ull);
    elrange_fails(&c, 0x1000, "ELRangeSize", "ELRangeStartAddress (0x8000000000000000) plus ELRangeSize "
                                             "(0x8000000000000000) overflows");
    c = elrange(0x4000000000000000ull, 0x4000000000000000ull, 0x4000000000000000ull);
    assert_int_equal(vsgx_enclave_config_check_elrange(&c, 0x4000000000000000ull, NULL), VSGX_CONFIG_OK);
}

/* ---- EDMM use ---------------------------------------------------------------------------- */

static bool dynamic_body(const char *body)
{
    vsgx_enclave_config_t c;
    body_ok(body, &c);
    return vsgx_enclave_config_is_dynamic(&c);
}

#define STATIC_MEM                                                                                                    \
    "<HeapMaxSize>0x100000</HeapMaxSize><HeapMinSize>0x100000</HeapMinSize>"                                          \
    "<StackMaxSize>0x40000</StackMaxSize><StackMinSize>0x40000</StackMinSize>"

#define STACK_FIXED "<StackMaxSize>0x40000</StackMaxSize><StackMinSize>0x40000</StackMinSize>"

static void test_is_dynamic(void **state)
{
    (void)state;
    assert_false(dynamic_body(STATIC_MEM));
    assert_false(dynamic_body(STATIC_MEM "<HeapInitSize>0x100000</HeapInitSize>"));
    /* Heap: growing (init = max by default), or trimmed after EINIT (min < init = max). */
    assert_true(dynamic_body(STACK_FIXED "<HeapMaxSize>0x200000</HeapMaxSize><HeapMinSize>0x100000</HeapMinSize>"));
    assert_true(dynamic_body(STACK_FIXED "<HeapMaxSize>0x200000</HeapMaxSize><HeapMinSize>0x100000</HeapMinSize>"
                                         "<HeapInitSize>0x100000</HeapInitSize>"));
    assert_true(dynamic_body(STACK_FIXED "<HeapMaxSize>0x200000</HeapMaxSize><HeapMinSize>0x100000</HeapMinSize>"
                                         "<HeapInitSize>0x200000</HeapInitSize>"));
    /* Stack. */
    assert_true(dynamic_body("<HeapMaxSize>0x100000</HeapMaxSize><HeapMinSize>0x100000</HeapMinSize>"
                             "<StackMaxSize>0x80000</StackMaxSize><StackMinSize>0x40000</StackMinSize>"));
    /* Reserved memory: growing, or fixed. */
    assert_true(dynamic_body(STATIC_MEM "<ReservedMemMaxSize>0x2000</ReservedMemMaxSize>"));
    assert_true(dynamic_body(STATIC_MEM "<ReservedMemMaxSize>0x2000</ReservedMemMaxSize>"
                                        "<ReservedMemMinSize>0x1000</ReservedMemMinSize>"
                                        "<ReservedMemInitSize>0x2000</ReservedMemInitSize>"));
    assert_false(dynamic_body(STATIC_MEM "<ReservedMemMaxSize>0x2000</ReservedMemMaxSize>"
                                         "<ReservedMemMinSize>0x2000</ReservedMemMinSize>"));
    /* Threads: static only when every TCS is in the minimum pool (plus the utility thread). */
    assert_false(dynamic_body(STATIC_MEM "<TCSNum>4</TCSNum><TCSMinPool>3</TCSMinPool>"));
    assert_false(dynamic_body(STATIC_MEM "<TCSNum>4</TCSNum><TCSMinPool>4</TCSMinPool><TCSMaxNum>4</TCSMaxNum>"));
    assert_true(dynamic_body(STATIC_MEM "<TCSNum>4</TCSNum><TCSMinPool>2</TCSMinPool>")); /* removed after EINIT */
    assert_true(dynamic_body(STATIC_MEM "<TCSNum>4</TCSNum><TCSMinPool>3</TCSMinPool><TCSMaxNum>5</TCSMaxNum>"));
    assert_true(dynamic_body(STATIC_MEM "<TCSNum>1</TCSNum><TCSMinPool>0</TCSMinPool><TCSMaxNum>2</TCSMaxNum>"));
    assert_false(dynamic_body(STATIC_MEM "<TCSNum>1</TCSNum><TCSMinPool>0</TCSMinPool>"));
    /* In code: an unset TCSMaxNum is TCSNum, whatever the field holds. */
    vsgx_enclave_config_t c;
    body_ok(STATIC_MEM "<TCSNum>4</TCSNum><TCSMinPool>3</TCSMinPool>", &c);
    c.tcs_max_num = 99;
    assert_false(vsgx_enclave_config_is_dynamic(&c));
    c.tcs_max_num_set = true;
    assert_true(vsgx_enclave_config_is_dynamic(&c));
}

static void test_status_text(void **state)
{
    (void)state;
    for (int s = VSGX_CONFIG_OK; s <= VSGX_CONFIG_RULE; s++) {
        const char *t = vsgx_config_status_text((vsgx_config_status_t)s);
        assert_non_null(t);
        assert_null(strstr(t, "unknown"));
    }
    assert_non_null(strstr(vsgx_config_status_text((vsgx_config_status_t)99), "unknown"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_full_file),
        cmocka_unit_test(test_sdk_sample),
        cmocka_unit_test(test_syntax),
        cmocka_unit_test(test_silent),
        cmocka_unit_test(test_entities),
        cmocka_unit_test(test_size_limit),
        cmocka_unit_test(test_big_line_numbers),
        cmocka_unit_test(test_root),
        cmocka_unit_test(test_attributes),
        cmocka_unit_test(test_unknown_and_nested),
        cmocka_unit_test(test_duplicate),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_ranges),
        cmocka_unit_test(test_rules_sizes),
        cmocka_unit_test(test_rules_other),
        cmocka_unit_test(test_validate_in_code),
        cmocka_unit_test(test_check_elrange),
        cmocka_unit_test(test_is_dynamic),
        cmocka_unit_test(test_status_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
