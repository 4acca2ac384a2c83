/* cli.c — helpers shared by the vsgx subcommands (see cli.h). */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "file.h"
#include "hex.h"

bool cli_read_file(const char *path, size_t max, uint8_t **data, size_t *len)
{
    int err = vsgx_read_file(path, max, data, len);
    if (err) {
        fprintf(stderr, "vsgx: %s: %s\n", path, err == EFBIG ? "file too large" : strerror(err));
        return false;
    }
    return true;
}

json_t *cli_hex(const void *data, size_t len)
{
    char *s = malloc(2 * len + 1);
    if (!s)
        return json_null();
    vsgx_hex_encode(data, len, s);
    json_t *j = json_string(s);
    free(s);
    return j;
}

static void print_text(const char *key, json_t *v, int depth)
{
    const char *k;
    json_t *item;
    size_t i;
    if (json_is_object(v)) {
        if (key)
            printf("%*s%s:\n", depth * 2, "", key);
        json_object_foreach(v, k, item)
            print_text(k, item, depth + (key != NULL));
        return;
    }
    if (json_is_array(v) && json_array_size(v) > 0 && json_is_object(json_array_get(v, 0))) {
        printf("%*s%s:\n", depth * 2, "", key);
        json_array_foreach(v, i, item) {
            char label[32];
            snprintf(label, sizeof label, "[%zu]", i);
            print_text(label, item, depth + 1);
        }
        return;
    }
    char *s = json_is_string(v) ? strdup(json_string_value(v)) : json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
    printf("%*s%s: %s\n", depth * 2, "", key ? key : "", s ? s : "");
    free(s);
}

void cli_print(json_t *doc, bool as_json)
{
    if (as_json) {
        char *s = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        if (s)
            puts(s);
        free(s);
    } else {
        print_text(NULL, doc, 0);
    }
    json_decref(doc);
}

bool cli_option(int argc, char **argv, int *i, const char *name, const char **value)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0)
        return false;
    if (argv[*i][n] == '=') {
        *value = argv[*i] + n + 1;
        return true;
    }
    if (argv[*i][n] != '\0')
        return false;
    if (*i + 1 >= argc) {
        fprintf(stderr, "vsgx: %s needs a value\n", name);
        *value = NULL;
        return true;
    }
    *value = argv[++*i];
    return true;
}
