#!/bin/sh
# `vsgx platform create|show|set-tcb` in a temporary directory: a platform is created once, shown
# without its secrets, its TCB changed and shown again; bad arguments, a second create, a
# missing platform and secrets readable by others are refused.
# usage: cli_platform.sh VSGX
set -u
VSGX=$1
. "$(dirname "$0")/checks.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dir=$tmp/plat

"$VSGX" platform create --dir "$dir" >/dev/null
expect "create" $? 0
expect "secrets mode" "$(stat -c %a "$dir/secrets.bin")" 600
"$VSGX" platform create --dir "$dir" 2>"$tmp/err" >/dev/null
expect "create twice" $? 2
contains "create twice message" "$(cat "$tmp/err")" "already exists"

json=$("$VSGX" platform show --dir "$dir" --json)
expect "show" $? 0
expect "show fmspc" "$(echo "$json" | jq -r .fmspc)" 00906ed50000
expect "show sgx type" "$(echo "$json" | jq -r .sgx_type)" standard
expect "no secrets shown" "$(echo "$json" | jq -r 'keys | map(select(test("rpk|rsk|epoch|secret"))) | length')" 0
VSGX_PLATFORM=$dir "$VSGX" platform show --json | jq -e ".dir == \"$dir\"" >/dev/null
expect "VSGX_PLATFORM" $? 0

"$VSGX" platform set-tcb --dir "$dir" --cpusvn 0102030405060708090a0b0c0d0e0f10 --pcesvn 13 >/dev/null
expect "set-tcb" $? 0
json=$("$VSGX" platform show --dir "$dir" --json)
expect "new cpusvn" "$(echo "$json" | jq -r .cpusvn)" 0102030405060708090a0b0c0d0e0f10
expect "new pcesvn" "$(echo "$json" | jq -r .pce_svn)" 13
"$VSGX" platform set-tcb --dir "$dir" --pcesvn 2 >/dev/null
expect "rollback" "$("$VSGX" platform show --dir "$dir" --json | jq -r .pce_svn)" 2

for bad in "--cpusvn zz" "--cpusvn 0102" "--pcesvn 70000" "--pcesvn -1" ""; do
    # shellcheck disable=SC2086
    "$VSGX" platform set-tcb --dir "$dir" $bad >/dev/null 2>&1
    expect "set-tcb refuses '$bad'" $? 2
done
"$VSGX" platform show --dir "$tmp/none" >/dev/null 2>&1
expect "missing platform" $? 2
chmod 644 "$dir/secrets.bin"
"$VSGX" platform show --dir "$dir" 2>"$tmp/err" >/dev/null
expect "readable secrets" $? 2
contains "readable secrets message" "$(cat "$tmp/err")" "must be 0600"
summary
