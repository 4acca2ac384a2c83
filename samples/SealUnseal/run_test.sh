#!/bin/sh
# run_test.sh APP — SealUnseal passes when the app exits 0 having printed both success lines, in
# a scratch directory (the sealed blob is written to the current directory).
set -u
app=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
out=$(cd "$dir" && "$app")
rc=$?
echo "$out"
[ $rc -eq 0 ] || { echo "FAIL: exit status $rc"; exit 1; }
echo "$out" | grep -qx "Sealing data succeeded." || { echo "FAIL: no sealing line"; exit 1; }
echo "$out" | grep -qx "Unseal succeeded." || { echo "FAIL: no unseal line"; exit 1; }
[ "$(wc -c < "$dir/sealed_data_blob.txt")" -eq 587 ] || { echo "FAIL: the blob is not 587 bytes"; exit 1; }
echo "PASS"
