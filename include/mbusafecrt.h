/* mbusafecrt.h — bounded memory copies of the trusted C library: memcpy_s and memset_s (0 on
 * success, an errno value when the destination is too small or an argument is NULL), and the
 * _verw variants used when writing to untrusted memory. Enclave code. */
#ifndef _MBUSAFECRT_H_
#define _MBUSAFECRT_H_

#include <stddef.h>

#ifndef _ERRNO_T_DEFINED
#define _ERRNO_T_DEFINED
typedef int errno_t;
#endif

#ifdef __cplusplus
extern "C" {
#endif

errno_t memcpy_s(void *dest, size_t dest_size, const void *src, size_t count);
errno_t memset_s(void *dest, size_t dest_size, int c, size_t count);
errno_t memcpy_verw_s(void *dest, size_t dest_size, const void *src, size_t count);
void *memset_verw(void *dest, int c, size_t count);

#ifdef __cplusplus
}
#endif

#endif
