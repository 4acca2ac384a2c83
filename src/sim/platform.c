/* platform.c — the platform directory: creating it (fresh random secrets, atomic writes, mode
 * 0600 secrets), loading and validating it (secrets file: regular, no group/other bits, exact
 * size, magic, version; public JSON: every field, errors naming file, field and reason), and
 * changing its TCB. */
#include "platform.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "file.h"
#include "hex.h"

static const uint8_t SECRETS_MAGIC[8] = {'V', 'S', 'G', 'X', 'S', 'E', 'C', '1'};
#define SECRETS_VERSION 1u

static const char *const TYPE_NAMES[] = {"standard", "scalable", "scalable-with-integrity"};

const char *vsgx_platform_result_str(vsgx_platform_result_t r)
{
    switch (r) {
    case VSGX_PLATFORM_OK: return "success";
    case VSGX_PLATFORM_EXISTS: return "a platform already exists there";
    case VSGX_PLATFORM_NOT_FOUND: return "no platform there";
    case VSGX_PLATFORM_IO: return "input/output error";
    case VSGX_PLATFORM_INSECURE: return "secrets file readable by others";
    case VSGX_PLATFORM_INVALID: return "invalid platform file";
    case VSGX_PLATFORM_NOMEM: return "out of memory";
    }
    return "unknown result";
}

static vsgx_platform_result_t fail(vsgx_platform_result_t r, char *err, size_t err_len,
                                   const char *fmt, ...)
{
    if (err && err_len) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, err_len, fmt, ap);
        va_end(ap);
    }
    return r;
}

static char *join(const char *dir, const char *name)
{
    char *s = NULL;
    return asprintf(&s, "%s/%s", dir, name) < 0 ? NULL : s;
}

char *vsgx_platform_default_dir(void)
{
    const char *env = getenv("VSGX_PLATFORM");
    if (env && *env)
        return strdup(env);
    const char *home = getenv("HOME");
    if (!home || !*home)
        return NULL;
    return join(home, ".local/share/vsgx/platform");
}

int vsgx_platform_params_default(vsgx_platform_params_t *params)
{
    static const uint8_t cpusvn[16] = {0x0e, 0x0e, 0x02, 0x04, 0xff, 0x80, 0x06, 0x00,
                                       0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
    static const uint8_t fmspc[6] = {0x00, 0x90, 0x6e, 0xd5, 0x00, 0x00};
    memset(params, 0, sizeof(*params));
    memcpy(params->cpusvn.svn, cpusvn, 16);
    params->pce_svn = 13;
    memcpy(params->fmspc, fmspc, 6);
    params->pce_id = 0;
    params->sgx_type = VSGX_SGX_TYPE_STANDARD;
    return RAND_bytes(params->platform_instance_id, 16) == 1 ? 0 : -1;
}

/* mkdir -p with mode 0700 for new components. */
static int mkdirs(const char *dir)
{
    char *tmp = strdup(dir);
    if (!tmp)
        return -1;
    for (char *s = tmp + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(tmp, 0700) != 0 && errno != EEXIST) {
            free(tmp);
            return -1;
        }
        *s = '/';
    }
    int rc = (mkdir(tmp, 0700) != 0 && errno != EEXIST) ? -1 : 0;
    free(tmp);
    return rc;
}

/* Writes path atomically: a new temporary file (mode), fsync, rename. */
static int write_atomic(const char *path, const void *data, size_t len, mode_t mode)
{
    char *tmp = NULL;
    if (asprintf(&tmp, "%s.tmp.%ld", path, (long)getpid()) < 0)
        return -1;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
    int ok = fd >= 0;
    if (ok && fchmod(fd, mode) != 0)
        ok = 0;
    for (size_t off = 0; ok && off < len;) {
        ssize_t n = write(fd, (const uint8_t *)data + off, len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            ok = 0;
        else
            off += (size_t)n;
    }
    if (ok && fsync(fd) != 0)
        ok = 0;
    if (fd >= 0 && close(fd) != 0)
        ok = 0;
    if (ok && rename(tmp, path) != 0)
        ok = 0;
    if (!ok && fd >= 0)
        unlink(tmp);
    free(tmp);
    return ok ? 0 : -1;
}

static void put_u32le(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static int add_hex(json_t *o, const char *key, const void *data, size_t len)
{
    char buf[2 * 64 + 1];
    vsgx_hex_encode(data, len, buf);
    return json_object_set_new(o, key, json_string(buf));
}

static vsgx_platform_result_t write_public(const char *dir, const vsgx_platform_params_t *pp,
                                           const sgx_key_id_t *key_id, char *err, size_t err_len)
{
    json_t *o = json_object();
    char *text = NULL, *path = join(dir, VSGX_PLATFORM_PUBLIC_FILE);
    vsgx_platform_result_t r = VSGX_PLATFORM_NOMEM;
    if (!o || !path)
        goto out;
    if (json_object_set_new(o, "version", json_integer(1)) ||
        add_hex(o, "cpusvn", pp->cpusvn.svn, 16) ||
        json_object_set_new(o, "pce_svn", json_integer(pp->pce_svn)) ||
        add_hex(o, "fmspc", pp->fmspc, 6) ||
        json_object_set_new(o, "pce_id", json_integer(pp->pce_id)) ||
        json_object_set_new(o, "sgx_type", json_string(TYPE_NAMES[pp->sgx_type])) ||
        add_hex(o, "platform_instance_id", pp->platform_instance_id, 16) ||
        add_hex(o, "key_id", key_id->id, SGX_KEYID_SIZE))
        goto out;
    char *body = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    if (!body || asprintf(&text, "%s\n", body) < 0) {
        free(body);
        text = NULL;
        goto out;
    }
    free(body);
    r = write_atomic(path, text, strlen(text), 0644) == 0
            ? VSGX_PLATFORM_OK
            : fail(VSGX_PLATFORM_IO, err, err_len, "%s: cannot write: %s", path, strerror(errno));
out:
    free(text);
    free(path);
    json_decref(o);
    return r;
}

vsgx_platform_result_t vsgx_platform_create(const char *dir, const vsgx_platform_params_t *params,
                                            char *err, size_t err_len)
{
    vsgx_platform_params_t pp;
    vsgx_platform_secrets_t sec;
    sgx_key_id_t key_id;
    uint8_t blob[VSGX_PLATFORM_SECRETS_SIZE];
    char *spath = NULL, *jpath = NULL;
    vsgx_platform_result_t r = VSGX_PLATFORM_NOMEM;
    struct stat st;

    if (!dir || !*dir)
        return fail(VSGX_PLATFORM_INVALID, err, err_len, "no platform directory given");
    if (params) {
        if ((unsigned)params->sgx_type > VSGX_SGX_TYPE_SCALABLE_WITH_INTEGRITY)
            return fail(VSGX_PLATFORM_INVALID, err, err_len, "sgx_type: out of range");
        pp = *params;
    } else if (vsgx_platform_params_default(&pp) != 0) {
        return fail(VSGX_PLATFORM_IO, err, err_len, "random number generator failed");
    }
    spath = join(dir, VSGX_PLATFORM_SECRETS_FILE);
    jpath = join(dir, VSGX_PLATFORM_PUBLIC_FILE);
    if (!spath || !jpath)
        goto out;
    if (lstat(spath, &st) == 0 || lstat(jpath, &st) == 0) {
        r = fail(VSGX_PLATFORM_EXISTS, err, err_len, "%s: a platform already exists there", dir);
        goto out;
    }
    if (mkdirs(dir) != 0) {
        r = fail(VSGX_PLATFORM_IO, err, err_len, "%s: cannot create: %s", dir, strerror(errno));
        goto out;
    }
    if (RAND_bytes((uint8_t *)&sec, sizeof(sec)) != 1 ||
        RAND_bytes(key_id.id, SGX_KEYID_SIZE) != 1) {
        r = fail(VSGX_PLATFORM_IO, err, err_len, "random number generator failed");
        goto out;
    }
    memcpy(blob, SECRETS_MAGIC, 8);
    put_u32le(blob + 8, SECRETS_VERSION);
    put_u32le(blob + 12, 0);
    memcpy(blob + 16, &sec, sizeof(sec));
    /* Secrets first: a platform.json never exists without its secrets. */
    if (write_atomic(spath, blob, sizeof(blob), 0600) != 0) {
        r = fail(VSGX_PLATFORM_IO, err, err_len, "%s: cannot write: %s", spath, strerror(errno));
        goto out;
    }
    r = write_public(dir, &pp, &key_id, err, err_len);
    if (r != VSGX_PLATFORM_OK)
        unlink(spath);
out:
    OPENSSL_cleanse(&sec, sizeof(sec));
    OPENSSL_cleanse(blob, sizeof(blob));
    free(spath);
    free(jpath);
    return r;
}

static vsgx_platform_result_t load_secrets(const char *path, vsgx_platform_secrets_t *out,
                                           char *err, size_t err_len)
{
    uint8_t blob[VSGX_PLATFORM_SECRETS_SIZE + 1];
    struct stat st;
    vsgx_platform_result_t r = VSGX_PLATFORM_OK;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return fail(errno == ENOENT ? VSGX_PLATFORM_NOT_FOUND : VSGX_PLATFORM_IO, err, err_len,
                    "%s: cannot open: %s", path, strerror(errno));
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        r = fail(VSGX_PLATFORM_INVALID, err, err_len, "%s: not a regular file", path);
        goto out;
    }
    if (st.st_mode & 077) {
        r = fail(VSGX_PLATFORM_INSECURE, err, err_len,
                 "%s: mode %04o lets group or others read the platform secrets; it must be 0600",
                 path, (unsigned)(st.st_mode & 07777));
        goto out;
    }
    size_t got = 0;
    while (got < sizeof(blob)) {
        ssize_t n = read(fd, blob + got, sizeof(blob) - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            r = fail(VSGX_PLATFORM_IO, err, err_len, "%s: cannot read: %s", path, strerror(errno));
            goto out;
        }
        if (n == 0)
            break;
        got += (size_t)n;
    }
    if (got != VSGX_PLATFORM_SECRETS_SIZE) {
        r = fail(VSGX_PLATFORM_INVALID, err, err_len, "%s: size %zu%s, expected %d bytes", path,
                 got, got > VSGX_PLATFORM_SECRETS_SIZE ? " or more" : "", VSGX_PLATFORM_SECRETS_SIZE);
        goto out;
    }
    if (memcmp(blob, SECRETS_MAGIC, 8) != 0) {
        r = fail(VSGX_PLATFORM_INVALID, err, err_len, "%s: magic: not a vsgx secrets file", path);
        goto out;
    }
    uint32_t ver = (uint32_t)blob[8] | (uint32_t)blob[9] << 8 | (uint32_t)blob[10] << 16 |
                   (uint32_t)blob[11] << 24;
    if (ver != SECRETS_VERSION || blob[12] | blob[13] | blob[14] | blob[15]) {
        r = fail(VSGX_PLATFORM_INVALID, err, err_len, "%s: version: %u is not supported", path, ver);
        goto out;
    }
    memcpy(out, blob + 16, sizeof(*out));
out:
    OPENSSL_cleanse(blob, sizeof(blob));
    close(fd);
    return r;
}

static vsgx_platform_result_t get_hex(json_t *o, const char *path, const char *key, uint8_t *out,
                                      size_t len, char *err, size_t err_len)
{
    json_t *v = json_object_get(o, key);
    if (!v)
        return fail(VSGX_PLATFORM_INVALID, err, err_len, "%s: %s: missing", path, key);
    if (!json_is_string(v))
        return fail(VSGX_PLATFORM_INVALID, err, err_len, "%s: %s: not a string", path, key);
    if (!vsgx_hex_decode(json_string_value(v), json_string_length(v), out, len))
        return fail(VSGX_PLATFORM_INVALID, err, err_len, "%s: %s: expected %zu hex digits", path,
                    key, 2 * len);
    return VSGX_PLATFORM_OK;
}

static vsgx_platform_result_t get_u16(json_t *o, const char *path, const char *key, uint16_t *out,
                                      char *err, size_t err_len)
{
    json_t *v = json_object_get(o, key);
    if (!v)
        return fail(VSGX_PLATFORM_INVALID, err, err_len, "%s: %s: missing", path, key);
    if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 0xFFFF)
        return fail(VSGX_PLATFORM_INVALID, err, err_len,
                    "%s: %s: expected an integer from 0 to 65535", path, key);
    *out = (uint16_t)json_integer_value(v);
    return VSGX_PLATFORM_OK;
}

static vsgx_platform_result_t load_public(const char *path, vsgx_platform_t *p, char *err,
                                          size_t err_len)
{
    uint8_t *text = NULL;
    size_t len = 0;
    json_error_t jerr;
    vsgx_platform_result_t r;
    int e = vsgx_read_file(path, (64 * 1024), &text, &len);
    if (e)
        return fail(e == ENOENT ? VSGX_PLATFORM_NOT_FOUND : VSGX_PLATFORM_IO, err, err_len,
                    "%s: cannot read: %s", path, strerror(e));
    json_t *o = json_loadb((const char *)text, len, JSON_REJECT_DUPLICATES, &jerr);
    free(text);
    if (!o || !json_is_object(o)) {
        json_decref(o);
        return fail(VSGX_PLATFORM_INVALID, err, err_len, "%s: not a JSON object: %s", path,
                    o ? "" : jerr.text);
    }
    uint16_t ver = 0;
    vsgx_platform_params_t *pp = &p->params;
    if ((r = get_u16(o, path, "version", &ver, err, err_len)))
        goto out;
    if (ver != 1) {
        r = fail(VSGX_PLATFORM_INVALID, err, err_len, "%s: version: %u is not supported", path, ver);
        goto out;
    }
    if ((r = get_hex(o, path, "cpusvn", pp->cpusvn.svn, 16, err, err_len)) ||
        (r = get_u16(o, path, "pce_svn", &pp->pce_svn, err, err_len)) ||
        (r = get_hex(o, path, "fmspc", pp->fmspc, 6, err, err_len)) ||
        (r = get_u16(o, path, "pce_id", &pp->pce_id, err, err_len)) ||
        (r = get_hex(o, path, "platform_instance_id", pp->platform_instance_id, 16, err, err_len)) ||
        (r = get_hex(o, path, "key_id", p->key_id.id, SGX_KEYID_SIZE, err, err_len)))
        goto out;
    const char *type = json_string_value(json_object_get(o, "sgx_type"));
    r = fail(VSGX_PLATFORM_INVALID, err, err_len,
             "%s: sgx_type: expected standard, scalable or scalable-with-integrity", path);
    for (unsigned i = 0; type && i < 3; i++) {
        if (strcmp(type, TYPE_NAMES[i]) == 0) {
            pp->sgx_type = (vsgx_sgx_type_t)i;
            r = VSGX_PLATFORM_OK;
        }
    }
    if (r == VSGX_PLATFORM_OK && err && err_len)
        err[0] = '\0';
out:
    json_decref(o);
    return r;
}

vsgx_platform_result_t vsgx_platform_load(const char *dir, vsgx_platform_t **out, char *err,
                                          size_t err_len)
{
    vsgx_platform_result_t r = VSGX_PLATFORM_NOMEM;
    char *spath = NULL, *jpath = NULL;
    if (!dir || !out)
        return fail(VSGX_PLATFORM_INVALID, err, err_len, "no platform directory given");
    *out = NULL;
    vsgx_platform_t *p = calloc(1, sizeof(*p));
    if (!p || !(p->dir = strdup(dir)) || asprintf(&spath, "%s/%s", dir, VSGX_PLATFORM_SECRETS_FILE) < 0)
        goto out;
    if (asprintf(&jpath, "%s/%s", dir, VSGX_PLATFORM_PUBLIC_FILE) < 0) {
        jpath = NULL;
        goto out;
    }
    r = load_secrets(spath, &p->secrets, err, err_len);
    if (r == VSGX_PLATFORM_OK)
        r = load_public(jpath, p, err, err_len);
out:
    if (r == VSGX_PLATFORM_OK)
        *out = p;
    else
        vsgx_platform_free(p);
    free(spath);
    free(jpath);
    return r;
}

vsgx_platform_result_t vsgx_platform_set_tcb(vsgx_platform_t *p, const sgx_cpu_svn_t *cpusvn,
                                             uint16_t pce_svn, char *err, size_t err_len)
{
    if (!p || !cpusvn)
        return fail(VSGX_PLATFORM_INVALID, err, err_len, "no platform given");
    vsgx_platform_params_t pp = p->params;
    pp.cpusvn = *cpusvn;
    pp.pce_svn = pce_svn;
    vsgx_platform_result_t r = write_public(p->dir, &pp, &p->key_id, err, err_len);
    if (r == VSGX_PLATFORM_OK)
        p->params = pp;
    return r;
}

void vsgx_platform_free(vsgx_platform_t *p)
{
    if (!p)
        return;
    free(p->dir);
    OPENSSL_cleanse(p, sizeof(*p));
    free(p);
}
