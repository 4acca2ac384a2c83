/* test_collateral_json_span.c — the JSON span scanner (json_span.h) that finds the exact
 * signed bytes of a member in a collateral body: spans found, malformed input, nesting depth. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "json_span.h"

static void span_is(const char *text, const char *key, const char *expect)
{
    vsgx_json_span_t v = { 0, 0 };
    size_t off = 0;
    vsgx_json_span_result_t r = vsgx_json_member_span(text, strlen(text), key, &v, &off);
    if (r != VSGX_JSON_SPAN_FOUND)
        fprintf(stderr, "span of \"%s\" in %s: result %d at %zu\n", key, text, (int)r, off);
    assert_int_equal(r, VSGX_JSON_SPAN_FOUND);
    assert_int_equal(v.len, strlen(expect));
    assert_memory_equal(text + v.start, expect, v.len);
}

static void test_span_found(void **state)
{
    (void)state;
    const char *doc = "{\"a\":1,\"b\":{\"c\":[1,2,{\"d\":\"x\\\"}]\"}],\"e\":{}},\"f\":\"\\u00e9\\\\\"}";
    span_is(doc, "a", "1");
    span_is(doc, "b", "{\"c\":[1,2,{\"d\":\"x\\\"}]\"}],\"e\":{}}");
    span_is(doc, "f", "\"\\u00e9\\\\\"");
    span_is(" \t\r\n{ \"a\" : [ 1 , 2 ] , \"b\" :null } \n", "a", "[ 1 , 2 ]");
    span_is("{\"a\":[],\"b\":null}", "b", "null");
    span_is("{\"x\":true,\"y\":false}", "y", "false");
    span_is("{\"n\":-0.5e+10,\"m\":0}", "n", "-0.5e+10");
    span_is("{\"n\":12E-3}", "n", "12E-3");
    span_is("{\"s\":\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"}", "s",
            "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
    /* Keys are compared after decoding escapes; nested keys of the same name do not count. */
    span_is("{\"t\\u0063bInfo\":5}", "tcbInfo", "5");
    span_is("{\"\\ud83d\\ude00\":7}", "\xf0\x9f\x98\x80", "7");
    span_is("{\"x\":{\"a\":1},\"a\":2}", "a", "2");
    span_is("{\"a\\\"b\":3}", "a\"b", "3");

    vsgx_json_span_t v;
    assert_int_equal(vsgx_json_member_span("{\"a\":1}", 7, "b", &v, NULL), VSGX_JSON_SPAN_NOT_FOUND);
    assert_int_equal(vsgx_json_member_span("{}", 2, "a", &v, NULL), VSGX_JSON_SPAN_NOT_FOUND);
    assert_int_equal(vsgx_json_member_span("{\"ab\":1}", 8, "a", &v, NULL), VSGX_JSON_SPAN_NOT_FOUND);
    assert_int_equal(vsgx_json_member_span("{\"a\":1,\"a\":2}", 13, "a", &v, NULL),
                     VSGX_JSON_SPAN_DUPLICATE);
    assert_int_equal(vsgx_json_member_span("{\"a\":1,\"\\u0061\":2}", 18, "a", &v, NULL),
                     VSGX_JSON_SPAN_DUPLICATE);

    /* Members in order, with exact key spans. */
    const char *t = "{\"k1\":[1],\"k2\":\"v\"}";
    vsgx_json_members_t it;
    vsgx_json_span_t k;
    vsgx_json_members_begin(&it, t, strlen(t));
    assert_int_equal(vsgx_json_members_next(&it, &k, &v), 1);
    assert_int_equal(k.start, 2);
    assert_int_equal(k.len, 2);
    assert_int_equal(v.start, 6);
    assert_int_equal(v.len, 3);
    assert_int_equal(vsgx_json_members_next(&it, &k, &v), 1);
    assert_memory_equal(t + v.start, "\"v\"", 3);
    assert_int_equal(vsgx_json_members_next(&it, &k, &v), 0);
    assert_int_equal(vsgx_json_members_next(&it, &k, &v), 0);
}

static void test_span_malformed(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "", " ", "{", "}", "[]", "[{\"a\":1}]", "\"a\"", "1", "{}x", "{}{}", "{\"a\":1}}",
        "{\"a\"}", "{\"a\":}", "{\"a\" 1}", "{\"a\":1,}", "{,\"a\":1}", "{\"a\":1 \"b\":2}", "{a:1}",
        "{'a':1}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":1e}", "{\"a\":-}", "{\"a\":+1}",
        "{\"a\":0x1}", "{\"a\":tru}", "{\"a\":nul}", "{\"a\":True}", "{\"a\":\"\x01\"}",
        "{\"a\":\"tab\there\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\u12g4\"}",
        "{\"a\":\"\\ud800\"}", "{\"a\":\"\\ud800\\u0041\"}", "{\"a\":\"\\udc00\"}", "{\"a\":\"\xff\"}",
        "{\"a\":\"\xc0\x80\"}", "{\"a\":\"\xe0\x80\x80\"}", "{\"a\":\"\xed\xa0\x80\"}",
        "{\"a\":\"\xf4\x90\x80\x80\"}", "{\"a\":\"\xc3\"}", "{\"a\":[1}", "{\"a\":{]}",
        "{\"a\":[1,]}", "{\"a\":{\"b\"}}", "{\"a\":{\"b\":1,}}", "{\"a\":\"unterminated}",
        "{\"a\":1}\n\x01",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        vsgx_json_span_t v;
        size_t off = 12345;
        vsgx_json_span_result_t r = vsgx_json_member_span(bad[i], strlen(bad[i]), "a", &v, &off);
        if (r != VSGX_JSON_SPAN_MALFORMED)
            fprintf(stderr, "accepted malformed #%zu: %s\n", i, bad[i]);
        assert_int_equal(r, VSGX_JSON_SPAN_MALFORMED);
        assert_true(off <= strlen(bad[i]));
    }
    /* An embedded NUL is not whitespace. */
    vsgx_json_span_t v;
    assert_int_equal(vsgx_json_member_span("{\"a\":1}\0", 8, "a", &v, NULL), VSGX_JSON_SPAN_MALFORMED);
    assert_int_equal(vsgx_json_member_span("{\"a\":\"\0\"}", 9, "a", &v, NULL),
                     VSGX_JSON_SPAN_MALFORMED);
    assert_int_equal(vsgx_json_member_span(NULL, 0, "a", &v, NULL), VSGX_JSON_SPAN_MALFORMED);

    /* Error offsets point at the bad byte. */
    size_t off = 0;
    assert_int_equal(vsgx_json_member_span("{\"a\":[1,2 3]}", 13, "a", &v, &off), VSGX_JSON_SPAN_MALFORMED);
    assert_int_equal(off, 10);

    /* Every proper prefix of a document is malformed. */
    const char *doc = "{\"a\":[1,-2.5e3,{\"b\":\"x\\u00e9\\n\"},true,false,null],\"c\":{}}";
    size_t n = strlen(doc);
    assert_int_equal(vsgx_json_member_span(doc, n, "a", &v, NULL), VSGX_JSON_SPAN_FOUND);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(vsgx_json_member_span(doc, i, "a", &v, NULL), VSGX_JSON_SPAN_MALFORMED);
}

static void test_span_depth(void **state)
{
    (void)state;
    char buf[400];
    vsgx_json_span_t v;
    for (int depth = VSGX_JSON_MAX_DEPTH; depth <= VSGX_JSON_MAX_DEPTH + 1; depth++) {
        size_t n = 0;
        n += (size_t)sprintf(buf, "{\"a\":");
        for (int i = 0; i < depth; i++)
            buf[n++] = '[';
        for (int i = 0; i < depth; i++)
            buf[n++] = ']';
        buf[n++] = '}';
        buf[n] = '\0';
        assert_int_equal(vsgx_json_member_span(buf, n, "a", &v, NULL),
                         depth <= VSGX_JSON_MAX_DEPTH ? VSGX_JSON_SPAN_FOUND : VSGX_JSON_SPAN_MALFORMED);
    }
    /* Deep nesting far beyond the limit fails without using the stack. */
    size_t big = 1 << 20;
    char *deep = malloc(big + 8);
    assert_non_null(deep);
    memcpy(deep, "{\"a\":", 5);
    memset(deep + 5, '[', big);
    assert_int_equal(vsgx_json_member_span(deep, big + 5, "a", &v, NULL), VSGX_JSON_SPAN_MALFORMED);
    free(deep);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_span_found),
        cmocka_unit_test(test_span_malformed),
        cmocka_unit_test(test_span_depth),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]); /* e.g. "test_span_found" */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
