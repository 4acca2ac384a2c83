#!/bin/sh
# check_no_syscalls.sh OBJDUMP LIBRARY — fails when the enclave library contains an instruction
# that enters the kernel (syscall, sysenter, int $0x80): inside an enclave there is no kernel,
# and such an instruction faults.
set -eu
objdump=$1
lib=$2
listing=$(mktemp)
trap 'rm -f "$listing"' EXIT
"$objdump" -d --no-show-raw-insn "$lib" > "$listing"
grep -q 'memcpy' "$listing" || { echo "no code disassembled from $lib" >&2; exit 1; }
if grep -E '[[:space:]](syscall|sysenter|sysexit|sysret)([[:space:]]|$)|[[:space:]]int[[:space:]]+\$0x80' "$listing"; then
    echo "FAIL: $lib contains system-call instructions (above)" >&2
    exit 1
fi
echo "ok: no system-call instruction in $(grep -c ':$' "$listing") functions of $lib"
