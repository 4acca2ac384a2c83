/* test_platform.c — the platform directory (src/sim/platform*.c): create/load round trip,
 * default parameters and directory, set-tcb, and the refusals: an existing platform, a secrets
 * file readable by others, truncated or foreign secrets, and every malformed public field, each
 * with a message naming the file and the field. Two created platforms never share a key. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "keys.h"
#include "platform.h"
#include "scratch_dir.h"

static int setup(void **state)
{
    char *dir = strdup("/tmp/vsgx-platform-test-XXXXXX");
    if (!dir || !mkdtemp(dir))
        return -1;
    *state = dir;
    return 0;
}

static int teardown(void **state)
{
    vsgx_test_remove_tree(*state);
    free(*state);
    return 0;
}

static char *path_in(const char *dir, const char *name)
{
    char *s = NULL;
    assert_true(asprintf(&s, "%s/%s", dir, name) > 0);
    return s;
}

static void sample_params(vsgx_platform_params_t *pp)
{
    assert_int_equal(vsgx_platform_params_default(pp), 0);
    for (int i = 0; i < 16; i++)
        pp->cpusvn.svn[i] = (uint8_t)(i * 3);
    pp->pce_svn = 17;
    pp->pce_id = 0x1234;
    pp->sgx_type = VSGX_SGX_TYPE_SCALABLE_WITH_INTEGRITY;
    memcpy(pp->fmspc, "\x00\x60\x6a\x00\x00\x00", 6);
}

static void test_round_trip(void **state)
{
    const char *dir = *state;
    vsgx_platform_params_t pp;
    vsgx_platform_t *p = NULL;
    char err[512];
    sample_params(&pp);
    mode_t old_umask = umask(0); /* the secrets are 0600 whatever the umask */
    assert_int_equal(vsgx_platform_create(dir, &pp, err, sizeof(err)), VSGX_PLATFORM_OK);
    umask(old_umask);
    assert_int_equal(vsgx_platform_load(dir, &p, err, sizeof(err)), VSGX_PLATFORM_OK);
    assert_memory_equal(&p->params.cpusvn, &pp.cpusvn, 16);
    assert_int_equal(p->params.pce_svn, 17);
    assert_int_equal(p->params.pce_id, 0x1234);
    assert_int_equal(p->params.sgx_type, VSGX_SGX_TYPE_SCALABLE_WITH_INTEGRITY);
    assert_memory_equal(p->params.fmspc, pp.fmspc, 6);
    assert_memory_equal(p->params.platform_instance_id, pp.platform_instance_id, 16);
    static const uint8_t zero[32];
    assert_memory_not_equal(p->secrets.rpk, zero, 16);
    assert_memory_not_equal(p->secrets.rsk, zero, 16);
    assert_memory_not_equal(p->secrets.rpk, p->secrets.rsk, 16);
    assert_memory_not_equal(p->key_id.id, zero, 32);
    assert_string_equal(p->dir, dir);

    char *sp = path_in(dir, VSGX_PLATFORM_SECRETS_FILE);
    struct stat st;
    assert_int_equal(stat(sp, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(st.st_size, VSGX_PLATFORM_SECRETS_SIZE);
    free(sp);

    /* set-tcb persists. */
    sgx_cpu_svn_t up;
    memset(up.svn, 0x42, 16);
    assert_int_equal(vsgx_platform_set_tcb(p, &up, 21, err, sizeof(err)), VSGX_PLATFORM_OK);
    vsgx_platform_t *q = NULL;
    assert_int_equal(vsgx_platform_load(dir, &q, err, sizeof(err)), VSGX_PLATFORM_OK);
    assert_memory_equal(q->params.cpusvn.svn, up.svn, 16);
    assert_int_equal(q->params.pce_svn, 21);
    assert_memory_equal(&q->secrets, &p->secrets, sizeof(p->secrets));
    assert_memory_equal(q->key_id.id, p->key_id.id, 32);
    /* After a downgrade, keys for the newer CPUSVN are no longer derivable. */
    vsgx_secs_identity_t s;
    sgx_key_request_t r;
    uint8_t k[16];
    memset(&s, 0, sizeof(s));
    memset(&r, 0, sizeof(r));
    r.key_name = SGX_KEYSELECT_SEAL;
    r.cpu_svn = up;
    assert_int_equal(vsgx_egetkey(q, &s, &r, k), SGX_SUCCESS);
    sgx_cpu_svn_t down = up;
    down.svn[9] = 0x41;
    assert_int_equal(vsgx_platform_set_tcb(q, &down, 21, err, sizeof(err)), VSGX_PLATFORM_OK);
    assert_int_equal(vsgx_egetkey(q, &s, &r, k), SGX_ERROR_INVALID_CPUSVN);
    r.cpu_svn = down;
    assert_int_equal(vsgx_egetkey(q, &s, &r, k), SGX_SUCCESS);
    vsgx_platform_free(p);
    vsgx_platform_free(q);
    vsgx_platform_free(NULL);
}

static void test_refuses_existing(void **state)
{
    const char *dir = *state;
    char err[512];
    assert_int_equal(vsgx_platform_create(dir, NULL, err, sizeof(err)), VSGX_PLATFORM_OK);
    assert_int_equal(vsgx_platform_create(dir, NULL, err, sizeof(err)), VSGX_PLATFORM_EXISTS);
    assert_non_null(strstr(err, dir));
    /* Only the public file left: still refused. */
    char *sp = path_in(dir, VSGX_PLATFORM_SECRETS_FILE);
    assert_int_equal(unlink(sp), 0);
    free(sp);
    assert_int_equal(vsgx_platform_create(dir, NULL, err, sizeof(err)), VSGX_PLATFORM_EXISTS);
}

static void test_not_found_and_nested(void **state)
{
    const char *dir = *state;
    char err[512];
    vsgx_platform_t *p = (vsgx_platform_t *)1;
    assert_int_equal(vsgx_platform_load(dir, &p, err, sizeof(err)), VSGX_PLATFORM_NOT_FOUND);
    assert_null(p);
    char *nested = path_in(dir, "a/b/c");
    assert_int_equal(vsgx_platform_create(nested, NULL, err, sizeof(err)), VSGX_PLATFORM_OK);
    assert_int_equal(vsgx_platform_load(nested, &p, err, sizeof(err)), VSGX_PLATFORM_OK);
    vsgx_platform_free(p);
    free(nested);
    assert_int_equal(vsgx_platform_create("", NULL, err, sizeof(err)), VSGX_PLATFORM_INVALID);
    vsgx_platform_params_t pp;
    sample_params(&pp);
    pp.sgx_type = (vsgx_sgx_type_t)7;
    char *other = path_in(dir, "other");
    assert_int_equal(vsgx_platform_create(other, &pp, err, sizeof(err)), VSGX_PLATFORM_INVALID);
    free(other);
}

static void write_secrets(const char *dir, const void *data, size_t len, mode_t mode)
{
    char *sp = path_in(dir, VSGX_PLATFORM_SECRETS_FILE);
    unlink(sp);
    int fd = open(sp, O_WRONLY | O_CREAT | O_EXCL, mode);
    assert_true(fd >= 0);
    assert_int_equal(fchmod(fd, mode), 0);
    assert_int_equal(write(fd, data, len), (ssize_t)len);
    close(fd);
    free(sp);
}

static void read_secrets(const char *dir, uint8_t *blob)
{
    char *sp = path_in(dir, VSGX_PLATFORM_SECRETS_FILE);
    FILE *f = fopen(sp, "rb");
    assert_non_null(f);
    assert_int_equal(fread(blob, 1, VSGX_PLATFORM_SECRETS_SIZE, f), VSGX_PLATFORM_SECRETS_SIZE);
    fclose(f);
    free(sp);
}

static void expect_load(const char *dir, vsgx_platform_result_t want, const char *needle1,
                        const char *needle2)
{
    char err[512] = "";
    vsgx_platform_t *p = NULL;
    assert_int_equal(vsgx_platform_load(dir, &p, err, sizeof(err)), want);
    if (want == VSGX_PLATFORM_OK)
        assert_non_null(p);
    else
        assert_null(p);
    vsgx_platform_free(p);
    if (needle1)
        assert_non_null(strstr(err, needle1));
    if (needle2)
        assert_non_null(strstr(err, needle2));
}

static void test_secrets_refusals(void **state)
{
    const char *dir = *state;
    uint8_t blob[VSGX_PLATFORM_SECRETS_SIZE + 1];
    assert_int_equal(vsgx_platform_create(dir, NULL, NULL, 0), VSGX_PLATFORM_OK);
    read_secrets(dir, blob);
    write_secrets(dir, blob, VSGX_PLATFORM_SECRETS_SIZE, 0640);
    expect_load(dir, VSGX_PLATFORM_INSECURE, VSGX_PLATFORM_SECRETS_FILE, "0600");
    write_secrets(dir, blob, VSGX_PLATFORM_SECRETS_SIZE, 0604);
    expect_load(dir, VSGX_PLATFORM_INSECURE, VSGX_PLATFORM_SECRETS_FILE, "0604");
    write_secrets(dir, blob, VSGX_PLATFORM_SECRETS_SIZE - 1, 0600);
    expect_load(dir, VSGX_PLATFORM_INVALID, VSGX_PLATFORM_SECRETS_FILE, "size 63");
    blob[VSGX_PLATFORM_SECRETS_SIZE] = 0;
    write_secrets(dir, blob, VSGX_PLATFORM_SECRETS_SIZE + 1, 0600);
    expect_load(dir, VSGX_PLATFORM_INVALID, VSGX_PLATFORM_SECRETS_FILE, "size");
    write_secrets(dir, blob, 0, 0600);
    expect_load(dir, VSGX_PLATFORM_INVALID, VSGX_PLATFORM_SECRETS_FILE, "size 0");
    blob[0] ^= 1;
    write_secrets(dir, blob, VSGX_PLATFORM_SECRETS_SIZE, 0600);
    expect_load(dir, VSGX_PLATFORM_INVALID, VSGX_PLATFORM_SECRETS_FILE, "magic");
    blob[0] ^= 1;
    blob[8] = 2;
    write_secrets(dir, blob, VSGX_PLATFORM_SECRETS_SIZE, 0600);
    expect_load(dir, VSGX_PLATFORM_INVALID, VSGX_PLATFORM_SECRETS_FILE, "version");
    blob[8] = 1;
    write_secrets(dir, blob, VSGX_PLATFORM_SECRETS_SIZE, 0600);
    expect_load(dir, VSGX_PLATFORM_OK, NULL, NULL);
    /* A symlink in place of the secrets file is not followed. */
    char *sp = path_in(dir, VSGX_PLATFORM_SECRETS_FILE);
    char *other = path_in(dir, "elsewhere");
    assert_int_equal(rename(sp, other), 0);
    assert_int_equal(symlink(other, sp), 0);
    expect_load(dir, VSGX_PLATFORM_IO, VSGX_PLATFORM_SECRETS_FILE, NULL);
    free(sp);
    free(other);
}

/* Replaces (or, value NULL, removes) one field of platform.json. */
static void set_field(const char *dir, const char *key, json_t *value)
{
    char *jp = path_in(dir, VSGX_PLATFORM_PUBLIC_FILE);
    json_t *o = json_load_file(jp, 0, NULL);
    assert_non_null(o);
    if (value)
        json_object_set_new(o, key, value);
    else
        json_object_del(o, key);
    assert_int_equal(json_dump_file(o, jp, 0), 0);
    json_decref(o);
    free(jp);
}

static void test_public_refusals(void **state)
{
    const char *dir = *state;
    char *jp = path_in(dir, VSGX_PLATFORM_PUBLIC_FILE);
    assert_int_equal(vsgx_platform_create(dir, NULL, NULL, 0), VSGX_PLATFORM_OK);
    json_t *orig = json_load_file(jp, 0, NULL);
    assert_non_null(orig);
    static const char *const hex_fields[] = {"cpusvn", "fmspc", "platform_instance_id", "key_id"};
    for (int i = 0; i < 4; i++) {
        const char *k = hex_fields[i];
        const char *good = json_string_value(json_object_get(orig, k));
        assert_non_null(good);
        char *shorter = strndup(good, strlen(good) - 2);
        set_field(dir, k, json_string(shorter));
        expect_load(dir, VSGX_PLATFORM_INVALID, VSGX_PLATFORM_PUBLIC_FILE, k);
        shorter[0] = 'g';
        set_field(dir, k, json_string(shorter));
        expect_load(dir, VSGX_PLATFORM_INVALID, k, "hex digits");
        set_field(dir, k, json_integer(5));
        expect_load(dir, VSGX_PLATFORM_INVALID, k, "not a string");
        set_field(dir, k, NULL);
        expect_load(dir, VSGX_PLATFORM_INVALID, k, "missing");
        set_field(dir, k, json_string(good));
        expect_load(dir, VSGX_PLATFORM_OK, NULL, NULL);
        free(shorter);
    }
    static const char *const int_fields[] = {"pce_svn", "pce_id", "version"};
    for (int i = 0; i < 3; i++) {
        const char *k = int_fields[i];
        json_int_t good = json_integer_value(json_object_get(orig, k));
        set_field(dir, k, json_integer(-1));
        expect_load(dir, VSGX_PLATFORM_INVALID, VSGX_PLATFORM_PUBLIC_FILE, k);
        set_field(dir, k, json_integer(65536));
        expect_load(dir, VSGX_PLATFORM_INVALID, k, "65535");
        set_field(dir, k, json_string("1"));
        expect_load(dir, VSGX_PLATFORM_INVALID, k, NULL);
        set_field(dir, k, json_integer(good));
        expect_load(dir, VSGX_PLATFORM_OK, NULL, NULL);
    }
    set_field(dir, "version", json_integer(2));
    expect_load(dir, VSGX_PLATFORM_INVALID, "version", "not supported");
    set_field(dir, "version", json_integer(1));
    set_field(dir, "sgx_type", json_string("bogus"));
    expect_load(dir, VSGX_PLATFORM_INVALID, VSGX_PLATFORM_PUBLIC_FILE, "sgx_type");
    set_field(dir, "sgx_type", NULL);
    expect_load(dir, VSGX_PLATFORM_INVALID, "sgx_type", NULL);
    static const char *const types[] = {"standard", "scalable", "scalable-with-integrity"};
    for (int i = 0; i < 3; i++) {
        char err[256];
        vsgx_platform_t *p = NULL;
        set_field(dir, "sgx_type", json_string(types[i]));
        assert_int_equal(vsgx_platform_load(dir, &p, err, sizeof(err)), VSGX_PLATFORM_OK);
        assert_int_equal(p->params.sgx_type, i);
        vsgx_platform_free(p);
    }
    FILE *f = fopen(jp, "w");
    assert_non_null(f);
    fputs("{\"cpusvn\": ", f);
    fclose(f);
    expect_load(dir, VSGX_PLATFORM_INVALID, VSGX_PLATFORM_PUBLIC_FILE, "JSON");
    f = fopen(jp, "w");
    fputs("[1, 2]", f);
    fclose(f);
    expect_load(dir, VSGX_PLATFORM_INVALID, VSGX_PLATFORM_PUBLIC_FILE, "JSON object");
    json_decref(orig);
    free(jp);
}

static void test_two_created_platforms_differ(void **state)
{
    const char *dir = *state;
    char *a = path_in(dir, "a"), *b = path_in(dir, "b");
    vsgx_platform_t *pa = NULL, *pb = NULL;
    assert_int_equal(vsgx_platform_create(a, NULL, NULL, 0), VSGX_PLATFORM_OK);
    assert_int_equal(vsgx_platform_create(b, NULL, NULL, 0), VSGX_PLATFORM_OK);
    assert_int_equal(vsgx_platform_load(a, &pa, NULL, 0), VSGX_PLATFORM_OK);
    assert_int_equal(vsgx_platform_load(b, &pb, NULL, 0), VSGX_PLATFORM_OK);
    assert_memory_not_equal(pa->params.platform_instance_id, pb->params.platform_instance_id, 16);
    assert_memory_not_equal(pa->key_id.id, pb->key_id.id, 32);
    vsgx_secs_identity_t s;
    memset(&s, 0, sizeof(s));
    s.attributes.flags = SGX_FLAGS_INITTED | SGX_FLAGS_PROVISION_KEY | SGX_FLAGS_EINITTOKEN_KEY;
    for (uint16_t n = 0; n <= SGX_KEYSELECT_SEAL; n++) {
        sgx_key_request_t r;
        uint8_t ka[16], kb[16];
        memset(&r, 0, sizeof(r));
        r.key_name = n;
        assert_int_equal(vsgx_egetkey(pa, &s, &r, ka), SGX_SUCCESS);
        assert_int_equal(vsgx_egetkey(pb, &s, &r, kb), SGX_SUCCESS);
        assert_memory_not_equal(ka, kb, 16);
    }
    vsgx_platform_free(pa);
    vsgx_platform_free(pb);
    free(a);
    free(b);
}

static void test_default_dir_and_strings(void **state)
{
    (void)state;
    char *old_env = getenv("VSGX_PLATFORM") ? strdup(getenv("VSGX_PLATFORM")) : NULL;
    setenv("VSGX_PLATFORM", "/somewhere/plat", 1);
    char *d = vsgx_platform_default_dir();
    assert_string_equal(d, "/somewhere/plat");
    free(d);
    unsetenv("VSGX_PLATFORM");
    setenv("HOME", "/home/someone", 1);
    d = vsgx_platform_default_dir();
    assert_string_equal(d, "/home/someone/.local/share/vsgx/platform");
    free(d);
    if (old_env) {
        setenv("VSGX_PLATFORM", old_env, 1);
        free(old_env);
    }
    for (int r = VSGX_PLATFORM_OK; r <= VSGX_PLATFORM_NOMEM; r++)
        assert_true(strlen(vsgx_platform_result_str((vsgx_platform_result_t)r)) > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refuses_existing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_found_and_nested, setup, teardown),
        cmocka_unit_test_setup_teardown(test_secrets_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_public_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_two_created_platforms_differ, setup, teardown),
        cmocka_unit_test(test_default_dir_and_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
