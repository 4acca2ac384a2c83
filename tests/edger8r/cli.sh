#!/bin/sh
# cli.sh — sgx_edger8r's command line: --help, --trusted/--untrusted/--header-only select the
# files written, the output directories, --search-path lists, and errors reported as
# file:line:column with exit 1.
#   usage: cli.sh SGX_EDGER8R
set -eu
edger8r=${1:?usage: cli.sh SGX_EDGER8R}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
edl=$here/corpus/basic.edl

"$edger8r" --help | grep -q -- "--search-path" || fail "--help"

mkdir "$tmp/t" "$tmp/u"
"$edger8r" --trusted --trusted-dir "$tmp/t" --untrusted-dir "$tmp/u" "$edl"
[ -f "$tmp/t/basic_t.h" ] && [ -f "$tmp/t/basic_t.c" ] || fail "--trusted wrote no trusted files"
[ -z "$(ls "$tmp/u")" ] || fail "--trusted wrote untrusted files"

"$edger8r" --untrusted --header-only --untrusted-dir "$tmp/u" "$edl"
[ "$(ls "$tmp/u")" = "basic_u.h" ] || fail "--untrusted --header-only: $(ls "$tmp/u")"

mkdir "$tmp/both"
(cd "$tmp/both" && "$edger8r" "$edl")
[ "$(ls "$tmp/both" | tr '\n' ' ')" = "basic_t.c basic_t.h basic_u.c basic_u.h " ] ||
    fail "default: $(ls "$tmp/both")"

printf 'enclave {\n    trusted {\n        public void f([in] int* p, [bogus] int x);\n    };\n};\n' >"$tmp/bad.edl"
if "$edger8r" --trusted-dir "$tmp" --untrusted-dir "$tmp" "$tmp/bad.edl" 2>"$tmp/err"; then
    fail "a bad EDL was accepted"
fi
grep -q "bad.edl:3:[0-9]*: error: " "$tmp/err" || fail "error format: $(cat "$tmp/err")"

if "$edger8r" "$tmp/missing.edl" 2>"$tmp/err"; then fail "a missing file was accepted"; fi

# missing output directories are created, as Intel's sgx_edger8r does; a file in the way is an error
"$edger8r" --trusted-dir "$tmp/new/t" --untrusted-dir "$tmp/new/u" "$edl" 2>"$tmp/err" ||
    fail "missing output directories were not created: $(cat "$tmp/err")"
[ -f "$tmp/new/t/basic_t.c" ] && [ -f "$tmp/new/u/basic_u.h" ] || fail "files not written into the new directories"
: >"$tmp/afile"
if "$edger8r" --trusted-dir "$tmp/afile/sub" "$edl" 2>"$tmp/err"; then
    fail "an unwritable output directory was accepted"
fi
grep -q "cannot create" "$tmp/err" || fail "output error: $(cat "$tmp/err")"

# imports are found on the search path: ':'-separated, repeatable
mkdir "$tmp/imp"
"$edger8r" --search-path "$tmp/nowhere:$here/../../include" --search-path "$tmp/nowhere2" \
    --trusted-dir "$tmp/imp" --untrusted-dir "$tmp/imp" "$here/corpus/private.edl" ||
    fail "import through --search-path"
grep -q "sgx_thread_set_multiple_untrusted_events_ocall" "$tmp/imp/private_t.h" || fail "imported OCALLs"
# a file name that is not a C identifier: the files keep it, the symbols made from it do not
mkdir "$tmp/hy"
cp "$here/corpus/private.edl" "$tmp/hy/my-enclave.edl"
"$edger8r" --search-path "$here/../../include" --trusted-dir "$tmp/hy" --untrusted-dir "$tmp/hy" \
    "$tmp/hy/my-enclave.edl" 2>"$tmp/err" || fail "hyphenated name: $(cat "$tmp/err")"
grep -q "not a valid C identifier" "$tmp/err" || fail "no warning for a hyphenated name"
grep -q "ocall_table_my_enclave" "$tmp/hy/my-enclave_u.c" || fail "symbols keep the hyphen"
for c in "$tmp/hy/my-enclave_t.c" "$tmp/hy/my-enclave_u.c"; do
    ${CC:-cc} -std=c11 -Wall -Wextra -Werror -c -I "$here/../../include" -I "$here/corpus" -I "$tmp/hy" "$c" \
        -o "$c.o" || fail "$(basename "$c") does not compile"
done
echo "cli: ok"
