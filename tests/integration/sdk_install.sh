#!/bin/bash
# The installed SDK, as a user meets it: `cmake --install` into a temporary prefix, then a
# project outside the tree (sdk_project/) built with find_package(vsgx) after sourcing the SDK's
# environment script: its enclave is built, linked and signed with the installed tools and
# libraries, and its application (linked with libsgx_urts.so) runs it.
# Then SampleEnclave is built with its Intel-style Makefile against the same SDK, and runs.
# usage: sdk_install.sh BUILD_DIR KEY SAMPLE_DIR
set -u
BUILD=$1
KEY=$2
SAMPLE=$3
here=$(cd "$(dirname "$0")" && pwd)
. "$here/checks.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export VSGX_PLATFORM="$tmp/platform" # the apps' simulated machine

cmake --install "$BUILD" --prefix "$tmp/sdk" >"$tmp/install.log" 2>&1
expect "install" $? 0
for f in bin/x64/sgx_sign bin/x64/sgx_edger8r bin/vsgx lib64/libsgx_urts.so lib64/libsgx_trts.a lib64/libsgx_tstdc.a lib64/libsgx_tcrypto.a \
         lib/cmake/vsgx/vsgxConfig.cmake lib64/pkgconfig/libsgx_urts.pc include/sgx_urts.h include/sgx_tcrypto.h \
         include/tlibc/string.h \
         environment; do
    [ -e "$tmp/sdk/$f" ]
    expect "installed $f" $? 0
done
# A sanitized build's libsgx_urts.so needs the sanitizers' runtime first: build the app likewise.
flags=""
grep -q '^VSGX_SANITIZE:BOOL=ON' "$BUILD/CMakeCache.txt" && flags="-fsanitize=address,undefined"
(
    . "$tmp/sdk/environment"
    [ "$SGX_SDK" = "$tmp/sdk" ] || exit 3
    pkg-config --libs libsgx_urts | grep -q -- "-lsgx_urts" || exit 4
    cmake -S "$here/sdk_project" -B "$tmp/project" -DHELLO_KEY="$KEY" -DCMAKE_C_FLAGS="$flags" \
        >"$tmp/configure.log" 2>&1 || exit 5
    cmake --build "$tmp/project" >"$tmp/build.log" 2>&1 || exit 6
)
rc=$?
[ $rc -eq 0 ] || tail -n 30 "$tmp/configure.log" "$tmp/build.log"
expect "project built with the SDK" $rc 0
out=$(LD_LIBRARY_PATH="$tmp/sdk/lib64" "$tmp/project/hello_app" "$tmp/project/hello.signed.so")
expect "app ran" $? 0
expect "app output" "$out" "hello, vsgx, from the enclave
length 4"

# An Intel-style Makefile: `source environment; make` in a copy of the sample.
cp -r "$SAMPLE" "$tmp/sample"
rm -f "$tmp/sample/app" "$tmp/sample/"*.so
preload=""
[ -n "$flags" ] && preload="$(gcc -print-file-name=libasan.so) $(gcc -print-file-name=libubsan.so)"
(. "$tmp/sdk/environment" && make -C "$tmp/sample" >"$tmp/make.log" 2>&1)
rc=$?
[ $rc -eq 0 ] || tail -n 20 "$tmp/make.log"
expect "SampleEnclave built by its Makefile" $rc 0
out=$(cd "$tmp/sample" && LD_PRELOAD="$preload" ASAN_OPTIONS=detect_leaks=0 LD_LIBRARY_PATH="$tmp/sdk/lib64" ./app 2>&1)
expect "SampleEnclave ran" $? 0
contains "SampleEnclave output" "$out" "Info: SampleEnclave successfully returned."
summary
