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
