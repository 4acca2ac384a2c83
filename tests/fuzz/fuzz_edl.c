/* fuzz_edl.c — libFuzzer target for the EDL frontend: edl_parse_text on the input, then, when it
 * parses, the per-declaration rules and the whole-enclave rules (the checks that need no
 * imports), and the same text as preprocessor output (line markers honoured, declarations checked as read). The promises
 * checked:
 *   - a rejected input has an error diagnostic with a NUL-terminated message and a position;
 *   - parsing is deterministic: a second parse gives the same verdict and the same counts;
 *   - the checks answer without fault, and every diagnostic they add is NUL-terminated.
 * Silent on the normal path; aborts with a message when a promise is broken. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edl_check.h"
#include "edl_frontend.h"
#include "edl_parser.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what)
{
    fprintf(stderr, "fuzz_edl: %s\n", what);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    edl_diag_t d1, d2, d3;
    edl_enclave_free(edl_parse_buffer((const char *)data, size, "fuzz.edl", true, "fuzz.edl", true, &d3));
    if (!memchr(d3.message, '\0', sizeof d3.message))
        broken("an unterminated message (markers)");
    edl_enclave_t *e1 = edl_parse_text((const char *)data, size, "fuzz.edl", &d1);
    edl_enclave_t *e2 = edl_parse_text((const char *)data, size, "fuzz.edl", &d2);
    if ((e1 == NULL) != (e2 == NULL))
        broken("parse is not deterministic");
    if (!e1) {
        if (!d1.error || !memchr(d1.message, '\0', sizeof d1.message) || d1.message[0] == '\0')
            broken("a rejection without an error message");
        if (d1.pos.line < 1 || d1.pos.column < 1 || !d1.pos.file)
            broken("a rejection without a position");
        if (strcmp(d1.message, d2.message) != 0 || d1.pos.line != d2.pos.line || d1.pos.column != d2.pos.column)
            broken("different diagnostics for the same input");
        return 0;
    }
    if (e1->ntrusted != e2->ntrusted || e1->nuntrusted != e2->nuntrusted || e1->ntypes != e2->ntypes ||
        e1->nimports != e2->nimports)
        broken("different trees for the same input");
    edl_diag_t *diags = NULL;
    size_t n = 0;
    size_t errors = edl_check_decls(e1, &diags, &n);
    if (errors == 0)
        errors += edl_check_enclave(e1, "fuzz.edl", size & 1, &diags, &n);
    if (errors > n)
        broken("more errors than diagnostics");
    for (size_t i = 0; i < n; i++)
        if (!memchr(diags[i].message, '\0', sizeof diags[i].message) || !diags[i].pos.file)
            broken("a malformed diagnostic");
    free(diags);
    edl_enclave_free(e1);
    edl_enclave_free(e2);
    return 0;
}
