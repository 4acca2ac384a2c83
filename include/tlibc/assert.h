/* assert.h — tlibc: assert(), which on failure formats
 * "file:line: function: Assertion `expr' failed." and hands it to the hook set with
 * vsgx_tlibc_set_assert_hook (vsgx/tlibc.h), then calls abort(). Re-includable: NDEBUG is
 * honoured at each inclusion, as C requires. */
#undef assert
#ifdef NDEBUG
#define assert(expr) ((void)0)
#else
#define assert(expr) \
    ((expr) ? (void)0 : __assert_fail(#expr, __FILE__, __LINE__, __func__))
#endif

#ifndef _TLIBC_ASSERT_H
#define _TLIBC_ASSERT_H

#ifdef __cplusplus
extern "C" {
#endif

_Noreturn void __assert_fail(const char *expr, const char *file, unsigned int line,
                             const char *function);

#ifdef __cplusplus
}
#endif

#ifndef __cplusplus
#define static_assert _Static_assert
#endif

#endif
