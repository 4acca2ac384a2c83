#!/bin/sh
# golden.sh — runs sgx_edger8r on every corpus/*.edl into a temporary directory, compares the
# four generated files with golden/<name>/ and compiles both halves with "$CC -std=c11 -Wall
# -Wextra -Werror" plus the further warnings Intel's sample Makefiles enable. corpus/basic.edl is
# also generated with --use-prefix (golden/basic.use-prefix/).
#   usage: golden.sh [--update] SGX_EDGER8R [CC [INCLUDE_DIR]]
#   --update rewrites the golden files from the current generator instead of comparing.
set -eu
update=0
if [ "${1:-}" = "--update" ]; then update=1; shift; fi
edger8r=${1:?usage: golden.sh [--update] SGX_EDGER8R [CC [INCLUDE_DIR]]}
here=$(cd "$(dirname "$0")" && pwd)
cc=${2:-cc}
inc=${3:-$here/../../include}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
# the warnings of Intel's SDK sample Makefiles, as errors
warnings="-Wall -Wextra -Werror -Winit-self -Wpointer-arith -Wreturn-type -Waddress -Wsequence-point
 -Wformat-security -Wmissing-include-dirs -Wfloat-equal -Wundef -Wshadow -Wcast-align -Wcast-qual
 -Wconversion -Wredundant-decls -Wjump-misses-init -Wstrict-prototypes -Wunsuffixed-float-constants"
"$cc" --version 2>/dev/null | grep -q clang && warnings="$warnings -Wno-unknown-warning-option"

run() {   # run NAME EDL [extra sgx_edger8r options...]
    name=$1; edl=$2; shift 2
    out=$tmp/$name
    mkdir -p "$out"
    if ! "$edger8r" "$@" --search-path "$inc" --search-path "$here/corpus" \
            --trusted-dir "$out" --untrusted-dir "$out" "$edl" 2>"$out.err"; then
        echo "FAIL $name: sgx_edger8r failed:"; cat "$out.err"; fail=1; return
    fi
    if [ $update = 1 ]; then
        rm -rf "$here/golden/$name"; mkdir -p "$here/golden/$name"
        cp "$out"/*.h "$out"/*.c "$here/golden/$name/"
        echo "updated golden/$name"
    elif ! diff -ru "$here/golden/$name" "$out"; then
        echo "FAIL $name: generated code differs from golden/$name"; fail=1
    fi
    for c in "$out"/*.c; do
        # shellcheck disable=SC2086
        if ! "$cc" -std=c11 $warnings -c -I "$inc" -I "$here/corpus" -I "$out" \
                "$c" -o "$c.o"; then
            echo "FAIL $name: $(basename "$c") does not compile cleanly"; fail=1
        fi
    done
}

for edl in "$here"/corpus/*.edl; do
    name=$(basename "$edl" .edl)
    run "$name" "$edl"
done
run basic.use-prefix "$here/corpus/basic.edl" --use-prefix

[ $fail = 0 ] && echo "golden: all generated files match and compile"
exit $fail
