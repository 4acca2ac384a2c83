#!/bin/sh
# run_test.sh APP — runs SampleEnclave's app and passes only if it exits 0 and prints exactly
# the line "Info: SampleEnclave successfully returned.". Its output is shown either way.
app=${1:?usage: run_test.sh path/to/app}
out=$(mktemp) || exit 1
trap 'rm -f "$out"' EXIT

"$app" >"$out" 2>&1
status=$?
cat "$out"
if [ "$status" -ne 0 ]; then
    echo "FAIL: $app exited with status $status" >&2
    exit 1
fi
if ! grep -qx 'Info: SampleEnclave successfully returned\.' "$out"; then
    echo "FAIL: $app did not print the success line" >&2
    exit 1
fi
echo "PASS: SampleEnclave"
