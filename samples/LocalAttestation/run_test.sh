#!/bin/sh
# run_test.sh APP — runs LocalAttestation's app and passes only if it exits 0 and prints Intel's
# four success lines, in order. Its output is shown either way.
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
expected='succeed to load enclaves.
succeed to establish secure channel.
Succeed to exchange secure message...
Succeed to close Session...'
if [ "$(grep -x -e 'succeed to load enclaves\.' -e 'succeed to establish secure channel\.' \
        -e 'Succeed to exchange secure message\.\.\.' -e 'Succeed to close Session\.\.\.' "$out")" != "$expected" ]; then
    echo "FAIL: $app did not print the four success lines in order" >&2
    exit 1
fi
echo "PASS: LocalAttestation"
