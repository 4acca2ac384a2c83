#!/bin/sh
# check_link.sh CC LIBRARY SRCDIR WORKDIR CFLAGS LDFLAGS — the link promises of tlibc, with the
# enclave flags: (1) an enclave using tlibc broadly (formatting, heap, strings, strtod,
# setjmp; every member of the archive pulled in) links with no undefined symbol once the
# trusted runtime's abort() is there, with no DT_NEEDED and only relative relocations; (2) an
# enclave that calls a host function (fopen, write) fails to link and the linker's message
# names the function.
set -u
cc=$1 lib=$2 src=$3 work=$4
cflags=$(printf '%s' "$5" | tr ';' ' ')
ldflags=$(printf '%s' "$6" | tr ';' ' ')
mkdir -p "$work"
status=0

# shellcheck disable=SC2086
if ! $cc $cflags "$src/link_ok_enclave.c" $ldflags -Wl,--whole-archive "$lib" -Wl,--no-whole-archive \
        -o "$work/link_ok.so" > "$work/link_ok.log" 2>&1; then
    echo "FAIL: an enclave using tlibc does not link:" >&2
    cat "$work/link_ok.log" >&2
    exit 1
fi
if readelf -d "$work/link_ok.so" | grep -q NEEDED; then
    echo "FAIL: the enclave has DT_NEEDED entries" >&2
    status=1
fi
if readelf -rW "$work/link_ok.so" | awk '/R_X86_64_/ { print $3 }' | grep -v -x 'R_X86_64_RELATIVE' | grep -q .; then
    echo "FAIL: the enclave has relocations other than R_X86_64_RELATIVE:" >&2
    readelf -rW "$work/link_ok.so" >&2
    status=1
fi

for fn in fopen write; do
    # shellcheck disable=SC2086
    if $cc $cflags -DHOST_FUNCTION="$fn" "$src/link_fail_enclave.c" $ldflags "$lib" \
            -o "$work/link_fail_$fn.so" > "$work/link_fail_$fn.log" 2>&1; then
        echo "FAIL: an enclave calling $fn linked" >&2
        status=1
    elif ! grep -q "undefined reference to \`$fn'" "$work/link_fail_$fn.log"; then
        echo "FAIL: the link failed without naming $fn:" >&2
        cat "$work/link_fail_$fn.log" >&2
        status=1
    else
        echo "ok: calling $fn fails to link: $(grep -m1 "undefined reference" "$work/link_fail_$fn.log")"
    fi
done
[ $status -eq 0 ] && echo "ok: an enclave using all of tlibc links with only relative relocations"
exit $status
