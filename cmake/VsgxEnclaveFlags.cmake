# The compile and link flags of code that runs inside an enclave (tlibc, the trusted runtime,
# enclaves themselves). They never include the host's flags: the sanitized check build adds
# -fsanitize=... globally, and enclave code must not depend on a host runtime. Enclave code is
# therefore compiled by custom commands calling ${CMAKE_C_COMPILER} with these lists.
set(VSGX_ENCLAVE_CFLAGS
    -std=c11 -O2 -g -fpie -ffreestanding -nostdinc
    -isystem ${CMAKE_SOURCE_DIR}/include/tlibc -isystem ${CMAKE_SOURCE_DIR}/include
    -fvisibility=hidden -ftls-model=local-exec -fstack-protector-strong -fno-plt
    -Wall -Wextra -Werror -D_FORTIFY_SOURCE=0
    CACHE INTERNAL "enclave compile flags")
set(VSGX_ENCLAVE_LDFLAGS
    -nostdlib -nodefaultlibs -nostartfiles -pie -Wl,--no-undefined
    -Wl,-Bstatic -Wl,-Bsymbolic -Wl,-eenclave_entry -Wl,--export-dynamic
    -Wl,--defsym,__ImageBase=0 -Wl,-z,noexecstack
    CACHE INTERNAL "enclave link flags")

# BearSSL (Debian's libbearssl-dev), linked into enclaves for trusted crypto: its static library
# needs only memory functions from the C library (and the system RNG seeder, which enclaves do
# not use). Its headers are the only host headers enclave code sees.
find_path(VSGX_BEARSSL_INCLUDE bearssl.h PATH_SUFFIXES bearssl REQUIRED)
find_library(VSGX_BEARSSL_LIBRARY NAMES libbearssl.a REQUIRED)
list(APPEND VSGX_ENCLAVE_CFLAGS -isystem ${VSGX_BEARSSL_INCLUDE})
set(VSGX_ENCLAVE_CFLAGS ${VSGX_ENCLAVE_CFLAGS} CACHE INTERNAL "enclave compile flags" FORCE)
