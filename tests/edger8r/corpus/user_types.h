/* user_types.h — foreign types the corpus EDLs use through `include`. */
#ifndef VSGX_TEST_EDGER8R_USER_TYPES_H
#define VSGX_TEST_EDGER8R_USER_TYPES_H

#include <stdint.h>

typedef void *buffer_t;
typedef const void *cbuffer_t;
typedef int array_t[10];
typedef int *int_ptr_t;
typedef struct { int x, y; } point_t;
typedef uint32_t handle_t;

#endif
