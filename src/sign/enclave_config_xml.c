/* enclave_config_xml.c — reading Enclave.config.xml as Intel's sgx_sign reads it (see
 * enclave_config.h): a libxml2 reader that refuses what sgx_sign refuses (and a little more:
 * entity declarations, text in the root, nested elements, inputs over 1 MiB). Numbers are read
 * as sgx_sign reads them: strtoull base 0, no '-' anywhere, nothing after the digits (so leading
 * white space passes and trailing white space does not). The rules: enclave_config.c. */
#include "enclave_config_private.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#define CONFIG_MAX_INPUT (1u << 20)

#if LIBXML_VERSION >= 21200
typedef const xmlError *config_xml_error_t;
#else
typedef xmlError *config_xml_error_t;
#endif

/* ---- reading the document (libxml2) ----------------------------------------------------- */

typedef struct {
    bool entity;          /* an entity declaration was seen: parsing was stopped */
    int entity_line;
    bool fatal;           /* an error was kept: the first fatal one, else the first one */
    int fatal_level;
    int fatal_line;
    char fatal_message[160];
} reader_t;

static void on_entity(xmlParserCtxtPtr ctxt)
{
    reader_t *r = ctxt->_private;
    if (!r->entity) {
        r->entity = true;
        r->entity_line = ctxt->input ? ctxt->input->line : 0;
    }
    xmlStopParser(ctxt);
}

static void on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
                           const xmlChar *system_id, xmlChar *content)
{
    (void)name, (void)type, (void)public_id, (void)system_id, (void)content;
    on_entity(ctx);
}

static void on_unparsed_entity_decl(void *ctx, const xmlChar *name, const xmlChar *public_id,
                                    const xmlChar *system_id, const xmlChar *notation)
{
    (void)name, (void)public_id, (void)system_id, (void)notation;
    on_entity(ctx);
}

/* Keeps the first error for the message; whether the document is refused is the parser's
 * well-formedness verdict. Warnings and namespace errors are left out (sgx_sign's reader knows
 * nothing of namespaces). Nothing is printed. */
static void on_error(void *ctx, config_xml_error_t e)
{
    xmlParserCtxtPtr ctxt = ctx;
    reader_t *r = ctxt->_private;
    if (e->level < XML_ERR_ERROR || e->domain == XML_FROM_NAMESPACE)
        return;
    if (r->fatal && (r->fatal_level == XML_ERR_FATAL || e->level != XML_ERR_FATAL))
        return;
    r->fatal = true;
    r->fatal_level = e->level;
    r->fatal_line = e->line;
    snprintf(r->fatal_message, sizeof r->fatal_message, "%s", e->message ? e->message : "unknown error");
    size_t n = strlen(r->fatal_message);
    while (n && (r->fatal_message[n - 1] == '\n' || r->fatal_message[n - 1] == ' '))
        r->fatal_message[--n] = '\0';
}

/* Some libxml2 errors (input encoding conversion) have no parser context and would go to the
 * generic handler, which prints; it is silenced during a parse (the handler is per thread). */
static void silent(void *ctx, const char *msg, ...)
{
    (void)ctx, (void)msg;
}

static pthread_once_t g_xml_once = PTHREAD_ONCE_INIT;

static void init_xml(void)
{
    xmlInitParser();
}

/* No network, no DTD loading, no entity substitution; entity declarations stop the parse. */
static xmlDocPtr run_parser(xmlParserCtxtPtr ctxt, reader_t *r)
{
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
    ctxt->_private = r;
    ctxt->sax->entityDecl = on_entity_decl;
    ctxt->sax->unparsedEntityDecl = on_unparsed_entity_decl;
    ctxt->sax->externalSubset = NULL;
    ctxt->sax->serror = on_error;
    xmlParseDocument(ctxt);
    xmlDocPtr doc = ctxt->myDoc;
    ctxt->myDoc = NULL;
    if (doc && (!ctxt->wellFormed || r->entity)) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    return doc;
}

static vsgx_config_status_t read_document(const char *xml, size_t len, xmlDocPtr *out, vsgx_config_error_t *err)
{
    *out = NULL;
    if (len > CONFIG_MAX_INPUT)
        return vsgx_config_fail(err, VSGX_CONFIG_SYNTAX, "", 0,
                    "the configuration is %zu bytes long, more than the limit of 1 MiB (1048576 bytes)", len);
    if (!xml || len == 0)
        return vsgx_config_fail(err, VSGX_CONFIG_SYNTAX, "", 0, "not well-formed XML: the document is empty");
    pthread_once(&g_xml_once, init_xml);
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(xml, (int)len);
    if (!ctxt)
        return vsgx_config_fail(err, VSGX_CONFIG_SYNTAX, "", 0, "cannot create an XML parser (out of memory)");
    reader_t r = { 0 };
    xmlGenericErrorFunc saved = xmlGenericError;
    void *saved_ctx = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, silent);
    *out = run_parser(ctxt, &r);
    xmlFreeParserCtxt(ctxt);
    xmlSetGenericErrorFunc(saved_ctx, saved);
    if (r.entity)
        return vsgx_config_fail(err, VSGX_CONFIG_SYNTAX, "", r.entity_line,
                    "entity declarations are not allowed in an enclave configuration");
    if (!*out)
        return vsgx_config_fail(err, VSGX_CONFIG_SYNTAX, "", r.fatal_line, "not well-formed XML: %s",
                    r.fatal ? r.fatal_message : "the parser gave up");
    return VSGX_CONFIG_OK;
}

/* ---- walking the tree ------------------------------------------------------------------- */

typedef struct {
    bool given[VSGX_CONFIG_ELEMENT_COUNT];
    int line[VSGX_CONFIG_ELEMENT_COUNT];
} walk_t;

static int line_of(xmlNodePtr n)
{
    long l = xmlGetLineNo(n);
    return l > 0 && l <= INT32_MAX ? (int)l : 0;
}

/* The name as sgx_sign's reader sees it: with its prefix, if any. */
static void qualified_name(xmlNodePtr n, char *buf, size_t size)
{
    if (n->ns && n->ns->prefix)
        snprintf(buf, size, "%s:%s", (const char *)n->ns->prefix, (const char *)n->name);
    else
        snprintf(buf, size, "%s", (const char *)n->name);
}

/* A prefixed name is another name to sgx_sign; a default namespace changes nothing. */
static bool name_is(xmlNodePtr n, const char *name)
{
    return !(n->ns && n->ns->prefix) && strcmp((const char *)n->name, name) == 0;
}

/* libxml2 dates a text node by where it ends: step back to its first non-blank character. */
static int text_line(xmlNodePtr n)
{
    int line = line_of(n);
    const char *p = (const char *)n->content;
    if (!p || line == 0)
        return line;
    p += strspn(p, " \t\r\n");
    for (; *p; p++)
        line -= *p == '\n';
    return line > 0 ? line : line_of(n);
}

static bool is_text(xmlNodePtr n)
{
    return n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE;
}

/* sgx_sign takes tinyxml2's GetText(): the first child when it is text (tinyxml2 drops runs of
 * white space between markup, so a blank text node does not count). A first child that is a
 * comment or processing instruction means no value. Stricter than sgx_sign: a second piece of
 * text (after a comment) is refused rather than ignored, and so are child elements. */
static vsgx_config_status_t element_text(xmlNodePtr el, const char *name, const char **text,
                                         vsgx_config_error_t *err)
{
    xmlNodePtr first = NULL;
    *text = NULL;
    for (xmlNodePtr ch = el->children; ch; ch = ch->next) {
        char child[64];
        if (ch->type == XML_ELEMENT_NODE) {
            qualified_name(ch, child, sizeof child);
            return vsgx_config_fail(err, VSGX_CONFIG_UNKNOWN_ELEMENT, child, line_of(ch),
                        "<%s> inside <%s>: configuration elements hold a number, not elements", child, name);
        }
        if (ch->type == XML_TEXT_NODE && xmlIsBlankNode(ch))
            continue;
        if (!first)
            first = ch;
        else if (is_text(ch) && is_text(first))
            return vsgx_config_fail(err, VSGX_CONFIG_BAD_NUMBER, name, line_of(el),
                        "%s: the value is split in pieces (by a comment, a processing instruction or a "
                        "CDATA section)", name);
    }
    if (!first || first->type == XML_COMMENT_NODE || first->type == XML_PI_NODE)
        return vsgx_config_fail(err, VSGX_CONFIG_BAD_NUMBER, name, line_of(el), "%s: the value is missing", name);
    if (!is_text(first) || !first->content)
        return vsgx_config_fail(err, VSGX_CONFIG_BAD_NUMBER, name, line_of(el), "%s: the value is not a number", name);
    *text = (const char *)first->content;
    return VSGX_CONFIG_OK;
}

/* strtoull base 0 (decimal, 0x hex, 0 octal; leading white space and '+' allowed), no '-' at
 * all, nothing after the digits, and no overflow: sgx_sign's rule. */
static vsgx_config_status_t parse_number(const char *text, const char *name, int line, uint64_t *v,
                                         vsgx_config_error_t *err)
{
    if (strchr(text, '-'))
        return vsgx_config_fail(err, VSGX_CONFIG_BAD_NUMBER, name, line,
                    "%s: \"%.40s\" holds a '-': values are unsigned numbers", name, text);
    char *end = NULL;
    errno = 0;
    unsigned long long n = strtoull(text, &end, 0);
    if (errno == ERANGE)
        return vsgx_config_fail(err, VSGX_CONFIG_BAD_NUMBER, name, line, "%s: \"%.40s\" does not fit in 64 bits", name, text);
    if (errno != 0 || *end != '\0')
        return vsgx_config_fail(err, VSGX_CONFIG_BAD_NUMBER, name, line,
                    "%s: \"%.40s\" is not an unsigned number (decimal, 0x hexadecimal or 0 octal, with nothing "
                    "after it)", name, text);
    *v = n;
    return VSGX_CONFIG_OK;
}

/* One child of the root, in sgx_sign's order: attributes, the value, the name, repetition,
 * the range. */
static vsgx_config_status_t read_element(xmlNodePtr el, vsgx_enclave_config_t *c, walk_t *w,
                                         vsgx_config_error_t *err)
{
    char name[64];
    int line = line_of(el);
    qualified_name(el, name, sizeof name);
    if (el->properties || el->nsDef)
        return vsgx_config_fail(err, VSGX_CONFIG_ATTRIBUTE, name, line, "<%s> carries an XML attribute: none are allowed", name);
    const char *text;
    uint64_t v = 0;
    vsgx_config_status_t s = element_text(el, name, &text, err);
    if (s || (s = parse_number(text, name, line, &v, err)))
        return s;
    int i = (el->ns && el->ns->prefix) ? -1 : vsgx_config_element_index((const char *)el->name);
    if (i < 0)
        return vsgx_config_fail(err, VSGX_CONFIG_UNKNOWN_ELEMENT, name, line, "<%s> is not an enclave configuration element",
                    name);
    if (w->given[i])
        return vsgx_config_fail(err, VSGX_CONFIG_DUPLICATE, name, line, "<%s> is given twice (first on line %d)", name,
                    w->line[i]);
    w->given[i] = true;
    w->line[i] = line;
    if (v < vsgx_config_elements[i].min || v > vsgx_config_elements[i].max)
        return vsgx_config_out_of_range(err, &vsgx_config_elements[i], v, line);
    vsgx_config_field_set(c, &vsgx_config_elements[i], v);
    return VSGX_CONFIG_OK;
}

static vsgx_config_status_t read_root(xmlDocPtr doc, vsgx_enclave_config_t *c, walk_t *w, vsgx_config_error_t *err)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    char name[64];
    if (!root)
        return vsgx_config_fail(err, VSGX_CONFIG_SYNTAX, "", 0, "not well-formed XML: no root element");
    qualified_name(root, name, sizeof name);
    if (!name_is(root, "EnclaveConfiguration"))
        return vsgx_config_fail(err, VSGX_CONFIG_BAD_ROOT, name, line_of(root),
                    "the root element is <%s>; an enclave configuration is <EnclaveConfiguration>", name);
    for (xmlNodePtr n = root->children; n; n = n->next) {
        vsgx_config_status_t s = VSGX_CONFIG_OK;
        if (n->type == XML_ELEMENT_NODE)
            s = read_element(n, c, w, err);
        else if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE ||
                 (n->type == XML_TEXT_NODE && xmlIsBlankNode(n)))
            continue;
        else
            s = vsgx_config_fail(err, VSGX_CONFIG_BAD_ROOT, "EnclaveConfiguration", text_line(n),
                     "<EnclaveConfiguration> holds text: it may hold only elements (and comments)");
        if (s)
            return s;
    }
    return VSGX_CONFIG_OK;
}

void vsgx_enclave_config_resolve(vsgx_enclave_config_t *c)
{
    if (!c->heap_init_set)
        c->heap_init_size = c->heap_max_size;
    if (!c->rsrv_init_set)
        c->rsrv_init_size = c->rsrv_max_size;
    if (!c->tcs_max_num_set)
        c->tcs_max_num = c->tcs_num;
}

/* sgx_sign checks by presence, not value: ELRangeStartAddress given as 0 still needs ELRangeSize. */
static vsgx_config_status_t check_given(const walk_t *w, vsgx_config_error_t *err)
{
    if (w->given[vsgx_config_element_index("ELRangeSize")])
        return VSGX_CONFIG_OK;
    if (w->given[vsgx_config_element_index("EnclaveImageAddress")])
        return vsgx_config_needs_elrange(err, "EnclaveImageAddress");
    if (w->given[vsgx_config_element_index("ELRangeStartAddress")])
        return vsgx_config_needs_elrange(err, "ELRangeStartAddress");
    return VSGX_CONFIG_OK;
}

/* The line for a rule: the named element's, or when that one took its default, the line of the
 * first element of the file that the message mentions (HeapMaxSize for "HeapMinSize (0x1000)
 * must not exceed HeapMaxSize (0x0)" when only HeapMaxSize was given). */
static int rule_line(const walk_t *w, const vsgx_config_error_t *err)
{
    int i = vsgx_config_element_index(err->element);
    if (i >= 0 && w->given[i])
        return w->line[i];
    int best = 0;
    for (size_t j = 0; j < VSGX_CONFIG_ELEMENT_COUNT; j++)
        if (w->given[j] && strstr(err->message, vsgx_config_elements[j].name) && (best == 0 || w->line[j] < best))
            best = w->line[j];
    return best;
}

vsgx_config_status_t vsgx_enclave_config_parse(const char *xml, size_t len, vsgx_enclave_config_t *c,
                                               vsgx_config_error_t *err)
{
    vsgx_config_error_t scratch;
    if (!err)
        err = &scratch;
    vsgx_config_clear_error(err);
    vsgx_enclave_config_defaults(c);
    xmlDocPtr doc;
    vsgx_config_status_t s = read_document(xml, len, &doc, err);
    if (s)
        return s;
    walk_t w;
    memset(&w, 0, sizeof w);
    s = read_root(doc, c, &w, err);
    xmlFreeDoc(doc);
    if (s)
        return s;
    vsgx_enclave_config_resolve(c);
    if ((s = vsgx_enclave_config_validate(c, err)) == VSGX_CONFIG_OK)
        s = check_given(&w, err);
    if (s)
        err->line = rule_line(&w, err);
    return s;
}
