/* scenario.c — reads PCS scenario files (see scenario.h), built-in or from a path. */
#include "scenario.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "scenario_builtin.h"

#define MAX_FILE (64 * 1024)
#define MAX_TOKENS 16

static const char *g_names[64];
static pthread_once_t g_names_once = PTHREAD_ONCE_INIT;

static void fill_names(void)
{
    size_t n = 0;
    for (const vsgx_pcs_builtin_scenario_t *b = vsgx_pcs_builtin_scenarios; b->name && n + 1 < 64; b++)
        g_names[n++] = b->name;
}

const char *const *vsgx_pcs_scenario_names(void)
{
    pthread_once(&g_names_once, fill_names);
    return g_names;
}

/* A whole decimal integer in [lo, hi], with an optional sign. */
static bool parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi || (s[0] != '+' && s[0] != '-' && (s[0] < '0' || s[0] > '9')))
        return false;
    *out = v;
    return true;
}

/* "tcb|qe DELTA STATUS [ADVISORY...]" into lv; returns an error message or NULL. */
static const char *parse_level(char **tok, size_t n, vsgx_pcs_scenario_level_t *lv)
{
    long delta;
    if (n < 3)
        return "expected DELTA STATUS [ADVISORY...]";
    if (!parse_int(tok[1], -16, 16, &delta))
        return "DELTA is not an integer in -16..16";
    if (!vsgx_pcs_tcb_status_valid(tok[2]) || strlen(tok[2]) >= sizeof lv->status)
        return "STATUS is not one of Intel's TCB statuses";
    if (n - 3 > VSGX_PCS_SCENARIO_MAX_ADVISORIES)
        return "too many advisory IDs (at most 8)";
    memset(lv, 0, sizeof *lv);
    lv->delta = (int)delta;
    strcpy(lv->status, tok[2]);
    for (size_t i = 3; i < n; i++) {
        const char *a = tok[i];
        size_t len = strlen(a);
        if (len >= sizeof lv->advisories[0] || strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != len)
            return "an advisory ID must be upper-case letters, digits and '-' (e.g. INTEL-SA-00615)";
        strcpy(lv->advisories[lv->advisory_count++], a);
    }
    return NULL;
}

/* One directive; returns an error message or NULL. */
static const char *parse_directive(char **tok, size_t n, char *rest, vsgx_pcs_scenario_t *sc)
{
    const char *d = tok[0];
    long v;
    if (!strcmp(d, "description")) {
        if (n < 2 || strlen(rest) >= sizeof sc->description)
            return "description needs a text of at most 255 characters";
        strcpy(sc->description, rest);
    } else if (!strcmp(d, "ca")) {
        if (n != 2 || (strcmp(tok[1], "processor") && strcmp(tok[1], "platform")))
            return "ca is processor or platform";
        sc->ca = strcmp(tok[1], "platform") ? VSGX_PCS_PROCESSOR_CA : VSGX_PCS_PLATFORM_CA;
    } else if (!strcmp(d, "tcb") || !strcmp(d, "qe")) {
        bool tcb = d[0] == 't';
        size_t *count = tcb ? &sc->tcb_count : &sc->qe_count;
        if (*count == VSGX_PCS_SCENARIO_MAX_LEVELS)
            return "too many levels (at most 16)";
        vsgx_pcs_scenario_level_t *levels = tcb ? sc->tcb : sc->qe;
        const char *e = parse_level(tok, n, &levels[*count]);
        if (e)
            return e;
        for (size_t i = 0; i < *count; i++)
            if (levels[i].delta == levels[*count].delta)
                return "a level with this DELTA is already given";
        ++*count;
    } else if (!strcmp(d, "qe-svn")) {
        if (n != 2 || !parse_int(tok[1], 0, 65535, &v))
            return "qe-svn is an integer in 0..65535";
        sc->qe_svn = (uint16_t)v;
    } else if (!strcmp(d, "issued") || !strcmp(d, "next-update")) {
        if (n != 2 || !parse_int(tok[1], -3650, 3650, &v))
            return "a date is a number of days from now in -3650..3650";
        *(d[0] == 'i' ? &sc->issued_days : &sc->next_update_days) = (int)v;
    } else if (!strcmp(d, "revoke")) {
        if (n != 2 || (strcmp(tok[1], "pck") && strcmp(tok[1], "intermediate")))
            return "revoke is pck or intermediate";
        *(tok[1][0] == 'p' ? &sc->revoke_pck : &sc->revoke_intermediate) = true;
    } else {
        return "unknown directive (description, ca, tcb, qe, qe-svn, issued, next-update, revoke)";
    }
    return NULL;
}

/* The text from rest to end (before any comment) as one string: strtok's cuts undone, trailing
 * blanks trimmed. */
static void rejoin(char *rest, char *end)
{
    for (char *p = rest; p < end; p++)
        if (!*p)
            *p = ' ';
    while (end > rest && strchr(" \t\r", end[-1]))
        end--;
    *end = 0;
}

vsgx_pcs_result_t vsgx_pcs_scenario_parse(const char *text, size_t len, const char *source,
                                          vsgx_pcs_scenario_t *out, char *err, size_t err_len)
{
    vsgx_pcs_scenario_t sc = { .ca = VSGX_PCS_PROCESSOR_CA, .qe_svn = 8, .issued_days = -1, .next_update_days = 30 };
    if (memchr(text, '\0', len))
        return vsgx_pcs_fail(VSGX_PCS_INVALID, err, err_len, "%s: a NUL byte in the file", source);
    size_t line_no = 0;
    for (size_t at = 0; at < len;) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t line_len = nl ? (size_t)(nl - (text + at)) : len - at;
        line_no++;
        char line[512];
        if (line_len >= sizeof line)
            return vsgx_pcs_fail(VSGX_PCS_INVALID, err, err_len, "%s:%zu: line longer than 511 characters", source,
                                 line_no);
        memcpy(line, text + at, line_len);
        line[line_len] = 0;
        at += line_len + 1;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = 0;
        char *tok[MAX_TOKENS], *save = NULL, *rest = NULL;
        size_t n = 0;
        for (char *t = strtok_r(line, " \t\r", &save); t; t = strtok_r(NULL, " \t\r", &save)) {
            if (n == MAX_TOKENS)
                return vsgx_pcs_fail(VSGX_PCS_INVALID, err, err_len, "%s:%zu: too many words", source, line_no);
            if (n == 1)
                rest = t;
            tok[n++] = t;
        }
        if (!n)
            continue;
        if (rest && !strcmp(tok[0], "description"))
            rejoin(rest, hash ? hash : line + line_len);
        const char *e = parse_directive(tok, n, rest ? rest : "", &sc);
        if (e)
            return vsgx_pcs_fail(VSGX_PCS_INVALID, err, err_len, "%s:%zu: %s: %s", source, line_no, tok[0], e);
    }
    if (!sc.tcb_count)
        return vsgx_pcs_fail(VSGX_PCS_INVALID, err, err_len, "%s: no tcb level (at least one is needed)", source);
    if (!sc.qe_count) {
        sc.qe_count = 1;
        strcpy(sc.qe[0].status, "UpToDate");
    }
    if (sc.next_update_days <= sc.issued_days)
        return vsgx_pcs_fail(VSGX_PCS_INVALID, err, err_len, "%s: next-update (%d) is not after issued (%d)", source,
                             sc.next_update_days, sc.issued_days);
    *out = sc;
    return VSGX_PCS_OK;
}

vsgx_pcs_result_t vsgx_pcs_scenario_load(const char *name_or_path, vsgx_pcs_scenario_t *out, char *err,
                                         size_t err_len)
{
    for (const vsgx_pcs_builtin_scenario_t *b = vsgx_pcs_builtin_scenarios; b->name; b++)
        if (!strcmp(b->name, name_or_path)) {
            vsgx_pcs_result_t r = vsgx_pcs_scenario_parse(b->text, b->len, b->name, out, err, err_len);
            if (!r)
                snprintf(out->name, sizeof out->name, "%s", b->name);
            return r;
        }
    if (!strchr(name_or_path, '/') && !strstr(name_or_path, ".scenario"))
        return vsgx_pcs_fail(VSGX_PCS_NOT_FOUND, err, err_len,
                             "no scenario named '%s' (run `vsgx pcs scenarios` for the list, or give a file path)",
                             name_or_path);
    uint8_t *data = NULL;
    size_t len = 0;
    int e = vsgx_read_file(name_or_path, MAX_FILE, &data, &len);
    if (e)
        return vsgx_pcs_fail(e == ENOENT ? VSGX_PCS_NOT_FOUND : VSGX_PCS_IO, err, err_len, "scenario %s: %s",
                             name_or_path, e == EFBIG ? "larger than 64 KiB" : strerror(e));
    vsgx_pcs_result_t r = vsgx_pcs_scenario_parse((const char *)data, len, name_or_path, out, err, err_len);
    free(data);
    if (!r) {
        const char *base = strrchr(name_or_path, '/');
        base = base ? base + 1 : name_or_path;
        size_t n = strcspn(base, ".");
        snprintf(out->name, sizeof out->name, "%.*s", (int)(n < sizeof out->name ? n : sizeof out->name - 1), base);
    }
    return r;
}
