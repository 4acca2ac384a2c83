#!/bin/bash
# The simulated PCS end to end: a platform is manufactured, and for every named scenario
# `vsgx pcs quote` writes a quote and its collateral that `vsgx quote verify` judges as Intel's
# QVL would (status, result code, QE status, advisories, expiry flags, error), under the
# simulated root only: under the default (Intel) root every simulated quote is rejected. Also the
# Platform CA, a scenario file, and what bad input gets: unknown scenario, malformed scenario
# file, a DELTA given twice, levels that coincide on the platform, existing output (--out is
# also accepted with a trailing slash or as an empty directory), second manufacture, a
# manufacture that fails (no platform left behind), tampered quote.
# usage: pcs_scenarios.sh VSGX
set -u
VSGX=$1
. "$(dirname "$0")/checks.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pcs=$tmp/pcs
plat=$tmp/plat

"$VSGX" pcs manufacture --pcs "$pcs" --platform "$plat" >"$tmp/out"
expect "manufacture" $? 0
contains "manufacture says" "$(cat "$tmp/out")" "scenario up-to-date published"
expect "pcs.db mode" "$(stat -c %a "$pcs/pcs.db")" 600
expect "root key mode" "$(stat -c %a "$pcs/root-ca.key.pem")" 600
"$VSGX" pcs manufacture --pcs "$pcs" --platform "$plat" 2>"$tmp/err" >/dev/null
expect "manufacture twice" $? 2
contains "manufacture twice message" "$(cat "$tmp/err")" "already exists"
expect "scenario count" "$("$VSGX" pcs scenarios --json | jq 'length')" 12

# name | status | result | QE status | platform status | expired | not yet valid | error | exit
# Intel's QVL: revocations of the PCK or its CA fail with SGX_QL_PCK_REVOKED, a revoked TCB level
# with SGX_QL_TCB_REVOKED (result 0xA005); expiry changes only the flag; QE OutOfDate with an
# UpToDate platform converges to OutOfDate.
while IFS='|' read -r name status result qe platform expired nyv error code; do
    out=$tmp/q-$name
    "$VSGX" pcs quote --pcs "$pcs" --platform "$plat" --scenario "$name" --out "$out" >/dev/null
    expect "$name quote" $? 0
    v=$("$VSGX" quote verify "$out/quote.bin" --collateral "$out/collateral" --trust-anchor "$out/trust_anchor.pem" --json)
    expect "$name exit" $? "$code"
    expect "$name status" "$(echo "$v" | jq -r .status)" "$status"
    expect "$name result" "$(echo "$v" | jq -r .result)" "$result"
    expect "$name qe status" "$(echo "$v" | jq -r .qe_tcb_status)" "$qe"
    expect "$name platform status" "$(echo "$v" | jq -r .platform_tcb_status)" "$platform"
    expect "$name expired" "$(echo "$v" | jq -r .collateral_expired)" "$expired"
    expect "$name not yet valid" "$(echo "$v" | jq -r .collateral_not_yet_valid)" "$nyv"
    expect "$name error" "$(echo "$v" | jq -r '.error.name // "none"')" "$error"
    v=$("$VSGX" quote verify "$out/quote.bin" --collateral "$out/collateral" --json)
    expect "$name under Intel's root exit" $? 2
    expect "$name under Intel's root" "$(echo "$v" | jq -r .error.check)" pck_chain.untrusted_root
done <<'TABLE'
up-to-date|UpToDate|0x0000|UpToDate|UpToDate|false|false|none|0
sw-hardening-needed|SWHardeningNeeded|0xA007|UpToDate|SWHardeningNeeded|false|false|none|1
configuration-needed|ConfigurationNeeded|0xA001|UpToDate|ConfigurationNeeded|false|false|none|1
configuration-and-sw-hardening-needed|ConfigurationAndSWHardeningNeeded|0xA008|UpToDate|ConfigurationAndSWHardeningNeeded|false|false|none|1
out-of-date|OutOfDate|0xA002|UpToDate|OutOfDate|false|false|none|1
out-of-date-configuration-needed|OutOfDateConfigurationNeeded|0xA003|UpToDate|OutOfDateConfigurationNeeded|false|false|none|1
revoked-tcb|Revoked|0xA005|UpToDate|Revoked|false|false|SGX_QL_TCB_REVOKED|2
revoked-pck|null|0xA005|null|null|false|false|SGX_QL_PCK_REVOKED|2
revoked-intermediate|null|0xA005|null|null|false|false|SGX_QL_PCK_REVOKED|2
expired-collateral|UpToDate|0x0000|UpToDate|UpToDate|true|false|none|1
qe-out-of-date|OutOfDate|0xA002|OutOfDate|UpToDate|false|false|none|1
not-yet-valid|UpToDate|0x0000|UpToDate|UpToDate|false|true|none|1
TABLE

# Advisories: the TCB level's, then the QE level's.
v=$("$VSGX" quote verify "$tmp/q-out-of-date/quote.bin" --collateral "$tmp/q-out-of-date/collateral" \
    --trust-anchor "$tmp/q-out-of-date/trust_anchor.pem" --json)
expect "out-of-date advisories" "$(echo "$v" | jq -c .advisory_ids)" '["INTEL-SA-00657","INTEL-SA-00767"]'
v=$("$VSGX" quote verify "$tmp/q-qe-out-of-date/quote.bin" --collateral "$tmp/q-qe-out-of-date/collateral" \
    --trust-anchor "$tmp/q-qe-out-of-date/trust_anchor.pem" --json)
expect "qe-out-of-date advisories" "$(echo "$v" | jq -c .advisory_ids)" '["INTEL-SA-00615"]'

# The quote itself: v3, the platform's FMSPC and PCE SVN, the QE ID pckid prints.
dump=$("$VSGX" quote dump "$tmp/q-up-to-date/quote.bin" --json)
expect "dump version" "$(echo "$dump" | jq -r .header.version)" 3
expect "dump fmspc" "$(echo "$dump" | jq -r .signature_data.certification_data.pck_sgx_extension.fmspc)" \
    "$("$VSGX" platform show --dir "$plat" --json | jq -r .fmspc)"
qeid=$("$VSGX" pcs pckid --pcs "$pcs" --platform "$plat" | cut -d, -f5 | tr A-F a-f)
expect "dump qe id" "$(echo "$dump" | jq -r .header.user_data | cut -c1-32)" "$qeid"
expect "pckid fields" "$("$VSGX" pcs pckid --pcs "$pcs" --platform "$plat" | awk -F, '{print length($1), length($2), length($3), length($4), length($5)}')" "768 4 32 4 32"

# The Platform CA: the leaf carries the platform instance id and configuration.
"$VSGX" pcs quote --pcs "$pcs" --platform "$plat" --scenario up-to-date --ca platform --out "$tmp/q-platform" >/dev/null
expect "platform ca quote" $? 0
v=$("$VSGX" quote verify "$tmp/q-platform/quote.bin" --collateral "$tmp/q-platform/collateral" \
    --trust-anchor "$tmp/q-platform/trust_anchor.pem" --json)
expect "platform ca verdict" "$(echo "$v" | jq -r .result)" 0x0000
dump=$("$VSGX" quote dump "$tmp/q-platform/quote.bin" --json)
contains "platform ca issuer" "$(echo "$dump" | jq -c .signature_data.certification_data)" "Intel SGX PCK Platform CA"

# A scenario file of one's own.
cat >"$tmp/mine.scenario" <<'SC'
# two levels above the platform, and the platform's own out of date
description mine
tcb +2 UpToDate
tcb +1 SWHardeningNeeded INTEL-SA-00615
tcb 0 OutOfDate INTEL-SA-00001
qe-svn 9
SC
"$VSGX" pcs quote --pcs "$pcs" --platform "$plat" --scenario "$tmp/mine.scenario" --out "$tmp/q-mine" >/dev/null
expect "scenario file quote" $? 0
v=$("$VSGX" quote verify "$tmp/q-mine/quote.bin" --collateral "$tmp/q-mine/collateral" \
    --trust-anchor "$tmp/q-mine/trust_anchor.pem" --json)
expect "scenario file verdict" "$(echo "$v" | jq -c '[.status, .advisory_ids]')" '["OutOfDate",["INTEL-SA-00001"]]'
expect "scenario file qe svn" "$("$VSGX" quote dump "$tmp/q-mine/quote.bin" --json | jq -r .header.qe_svn)" 9

# Bad input.
"$VSGX" pcs quote --pcs "$pcs" --platform "$plat" --scenario no-such-thing --out "$tmp/q-bad" 2>"$tmp/err" >/dev/null
expect "unknown scenario" $? 2
contains "unknown scenario message" "$(cat "$tmp/err")" "no scenario named 'no-such-thing'"
printf 'tcb 0 UpToDate\ntcb x Revoked\n' >"$tmp/bad.scenario"
"$VSGX" pcs quote --pcs "$pcs" --platform "$plat" --scenario "$tmp/bad.scenario" --out "$tmp/q-bad" 2>"$tmp/err" >/dev/null
expect "bad scenario" $? 2
contains "bad scenario message" "$(cat "$tmp/err")" "bad.scenario:2: tcb: DELTA is not an integer"
printf 'tcb 0 Fine\n' >"$tmp/bad.scenario"
"$VSGX" pcs apply --pcs "$pcs" --platform "$plat" --scenario "$tmp/bad.scenario" 2>"$tmp/err" >/dev/null
expect "bad status" $? 2
contains "bad status message" "$(cat "$tmp/err")" "STATUS is not one of Intel's TCB statuses"
"$VSGX" pcs quote --pcs "$pcs" --platform "$plat" --scenario up-to-date --out "$tmp/q-up-to-date" 2>"$tmp/err" >/dev/null
expect "existing output" $? 2
contains "existing output message" "$(cat "$tmp/err")" "exists and is not empty"
expect "nothing left behind" "$(ls "$tmp" | grep -c partial)" 0
"$VSGX" pcs quote --pcs "$pcs" --platform "$tmp/none" --scenario up-to-date --out "$tmp/q-none" 2>"$tmp/err" >/dev/null
expect "no platform" $? 2
# --out: trailing slashes, an empty directory, a file.
"$VSGX" pcs quote --pcs "$pcs" --platform "$plat" --scenario up-to-date --out "$tmp/q-slash//" >/dev/null
expect "--out DIR/" $? 0
expect "--out DIR/ quote" "$(test -s "$tmp/q-slash/quote.bin" && echo yes)" yes
mkdir "$tmp/q-empty"
"$VSGX" pcs quote --pcs "$pcs" --platform "$plat" --scenario up-to-date --out "$tmp/q-empty/" >/dev/null
expect "--out an empty directory" $? 0
expect "--out an empty directory: collateral" "$(ls "$tmp/q-empty/collateral" | wc -l | tr -d ' ')" 7
touch "$tmp/q-file"
"$VSGX" pcs quote --pcs "$pcs" --platform "$plat" --scenario up-to-date --out "$tmp/q-file" 2>"$tmp/err" >/dev/null
expect "--out a file" $? 2
contains "--out a file message" "$(cat "$tmp/err")" "q-file: exists and is not a directory"
expect "nothing left behind (2)" "$(ls "$tmp" | grep -c partial)" 0
# Scenario levels: each DELTA once; levels that coincide on the platform are refused, and a
# platform that cannot be published or whose PCS cannot be opened is not left behind.
printf 'tcb 0 UpToDate\ntcb -1 OutOfDate\ntcb +0 Revoked\n' >"$tmp/dup.scenario"
"$VSGX" pcs apply --pcs "$pcs" --platform "$plat" --scenario "$tmp/dup.scenario" 2>"$tmp/err" >/dev/null
expect "duplicate delta" $? 2
contains "duplicate delta message" "$(cat "$tmp/err")" "dup.scenario:3: tcb: a level with this DELTA is already given"
"$VSGX" pcs manufacture --pcs "$pcs" --platform "$tmp/plat-zero" --cpusvn 00000000000000000000000000000000 \
    --pcesvn 0 2>"$tmp/err" >/dev/null
expect "all-zero TCB, up-to-date" $? 2
contains "all-zero TCB message" "$(cat "$tmp/err")" "levels 'tcb 0' and 'tcb -1' are the same TCB on this platform"
expect "all-zero TCB: no platform left" "$(test -e "$tmp/plat-zero" && echo left)" ""
printf 'tcb 0 UpToDate\n' >"$tmp/one.scenario"
"$VSGX" pcs manufacture --pcs "$pcs" --platform "$tmp/plat-zero" --cpusvn 00000000000000000000000000000000 \
    --pcesvn 0 --scenario "$tmp/one.scenario" >/dev/null
expect "all-zero TCB, one level" $? 0
"$VSGX" pcs manufacture --pcs /dev/null/pcs --platform "$tmp/plat-nopcs" 2>"$tmp/err" >/dev/null
expect "manufacture without a PCS" $? 2
expect "manufacture without a PCS: no platform left" "$(test -e "$tmp/plat-nopcs" && echo left)" ""
"$VSGX" pcs pckid --pcs "$tmp/no-pcs" --platform "$plat" 2>"$tmp/err" >/dev/null
expect "no pcs" $? 2
contains "no pcs message" "$(cat "$tmp/err")" "vsgx pcs manufacture"
head -c 100 /dev/urandom >"$tmp/body"
"$VSGX" pcs quote --pcs "$pcs" --platform "$plat" --scenario up-to-date --report-body "$tmp/body" --out "$tmp/q-b" 2>"$tmp/err" >/dev/null
expect "short report body" $? 2
contains "short report body message" "$(cat "$tmp/err")" "100 bytes, expected 384"

# A flipped byte in the report body breaks the quote signature.
cp "$tmp/q-up-to-date/quote.bin" "$tmp/tampered.bin"
printf '\x5a' | dd of="$tmp/tampered.bin" bs=1 seek=100 conv=notrunc 2>/dev/null
v=$("$VSGX" quote verify "$tmp/tampered.bin" --collateral "$tmp/q-up-to-date/collateral" \
    --trust-anchor "$tmp/q-up-to-date/trust_anchor.pem" --json)
expect "tampered exit" $? 2
expect "tampered" "$(echo "$v" | jq -r .error.check)" quote.signature

# A report body of one's own is quoted as given.
head -c 384 /dev/urandom >"$tmp/body"
"$VSGX" pcs quote --pcs "$pcs" --platform "$plat" --scenario up-to-date --report-body "$tmp/body" --out "$tmp/q-b" >/dev/null
expect "own report body" "$(dd if="$tmp/q-b/quote.bin" bs=1 skip=48 count=384 2>/dev/null | od -An -tx1 | tr -d ' \n')" \
    "$(od -An -tx1 "$tmp/body" | tr -d ' \n')"
summary
