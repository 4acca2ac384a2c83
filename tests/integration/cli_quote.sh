#!/bin/sh
# `vsgx quote verify` and `vsgx quote dump` on the real and synthetic vectors: exact verdicts,
# exit codes, expiry at the edges of the collateral window, and refusals.
# usage: cli_quote.sh VSGX VECTORS
set -u
VSGX=$1
VEC=$2
. "$(dirname "$0")/checks.sh"

for dir in "$VEC"/quotes/*/; do
    name=$(basename "$dir")
    exp="$dir/expected.json"
    t=$(jq -r .verification_time "$exp")
    for coll in "$dir/collateral" "$dir/collateral.json"; do
        form=$(basename "$coll")
        out=$("$VSGX" quote verify "$dir/quote.bin" --collateral "$coll" --time "$t" --json)
        expect "$name/$form exit" $? 1
        expect "$name/$form status" "$(echo "$out" | jq -r .status)" "$(jq -r .status "$exp")"
        expect "$name/$form result" "$(echo "$out" | jq -r .result)" "$(jq -r .sgx_ql_qv_result "$exp")"
        expect "$name/$form advisories" "$(echo "$out" | jq -c .advisory_ids)" "$(jq -c .advisory_ids "$exp")"
        expect "$name/$form qe" "$(echo "$out" | jq -r .qe_tcb_status)" "$(jq -r .qe_tcb_status "$exp")"
        expect "$name/$form platform" "$(echo "$out" | jq -r .platform_tcb_status)" "$(jq -r .platform_tcb_status "$exp")"
        expect "$name/$form tcb_date" "$(echo "$out" | jq -r .tcb_date)" "$(jq -r .tcb_date "$exp")"
        expect "$name/$form expired" "$(echo "$out" | jq -r .collateral_expired)" false
        expect "$name/$form error" "$(echo "$out" | jq -r .error)" null
        expect "$name/$form window start" "$(echo "$out" | jq -r .latest_issue)" "$(jq -r '.valid_window_utc[0]' "$exp")"
        expect "$name/$form window end" "$(echo "$out" | jq -r .earliest_expiration)" "$(jq -r '.valid_window_utc[1]' "$exp")"

        # One second after the window: expired, same verdict.
        end=$(jq -r '.valid_window_utc[1]' "$exp")
        after=$(($(date -u -d "$end" +%s) + 1))
        out=$("$VSGX" quote verify "$dir/quote.bin" --collateral "$coll" --time "$after" --json)
        expect "$name/$form after window exit" $? 1
        expect "$name/$form after window expired" "$(echo "$out" | jq -r .collateral_expired)" true
        expect "$name/$form after window result" "$(echo "$out" | jq -r .result)" "$(jq -r .sgx_ql_qv_result "$exp")"

        # One second before the latest issue date: not yet valid, reported.
        start=$(jq -r '.valid_window_utc[0]' "$exp")
        before=$(($(date -u -d "$start" +%s) - 1))
        out=$("$VSGX" quote verify "$dir/quote.bin" --collateral "$coll" --time "$before" --json)
        expect "$name/$form before window exit" $? 1
        expect "$name/$form before window" "$(echo "$out" | jq -r .collateral_not_yet_valid)" true
        "$VSGX" quote verify "$dir/quote.bin" --collateral "$coll" --time "$before" | grep -q "NOT YET VALID"
        expect "$name/$form before window text" $? 0
    done

    dump=$("$VSGX" quote dump "$dir/quote.bin" --json)
    expect "$name dump exit" $? 0
    expect "$name dump fmspc" "$(echo "$dump" | jq -r .signature_data.certification_data.pck_sgx_extension.fmspc)" \
        "$(jq -r .fmspc "$exp" | tr 'A-F' 'a-f')"
    expect "$name dump cert type" "$(echo "$dump" | jq -r .signature_data.certification_data.type)" 5
    expect "$name dump version" "$(echo "$dump" | jq -r .header.version)" 3
done

plat="$VEC/quotes/sgx-v3-platform-ca-2025-08"
dump=$("$VSGX" quote dump "$plat/quote.bin" --json)
expect "platform sgx_type" "$(echo "$dump" | jq -r .signature_data.certification_data.pck_sgx_extension.sgx_type)" Scalable
expect "platform instance id present" \
    "$(echo "$dump" | jq -r '.signature_data.certification_data.pck_sgx_extension.platform_instance_id | length')" 32

# The real Intel root is the default: the synthetic Intel sample only verifies with its own root.
syn="$VEC/synthetic-intel-qvl"
out=$("$VSGX" quote verify "$syn/quote.dat" --collateral "$syn" --time 2020-01-01T00:00:00Z \
      --trust-anchor "$syn/trustedRootCaCert.pem" --json)
expect "synthetic with its root exit" $? 0
expect "synthetic with its root status" "$(echo "$out" | jq -r .status)" UpToDate
out=$("$VSGX" quote verify "$syn/quote.dat" --collateral "$syn" --time 2020-01-01T00:00:00Z --json)
expect "synthetic with Intel root exit" $? 2
expect "synthetic with Intel root check" "$(echo "$out" | jq -r .error.check)" pck_chain.untrusted_root
expect "synthetic with Intel root code" "$(echo "$out" | jq -r .error.name)" SGX_QL_PCK_CERT_CHAIN_ERROR

# A PCK chain given on the command line replaces the collateral's: the right one verifies, a
# chain of another platform does not.
chain=$(mktemp)
cat "$syn/pckCert.pem" "$syn/pckSignChain.pem" > "$chain"
out=$("$VSGX" quote verify "$syn/quote.dat" --collateral "$syn" --time 2020-01-01T00:00:00Z \
      --trust-anchor "$syn/trustedRootCaCert.pem" --pck-chain "$chain" --json)
expect "pck-chain given exit" $? 0
cp "$VEC/quotes/sgx-v3-processor-ca-2025-07/collateral/pck_crl_issuer_chain.pem" "$chain"
out=$("$VSGX" quote verify "$syn/quote.dat" --collateral "$syn" --time 2020-01-01T00:00:00Z \
      --trust-anchor "$syn/trustedRootCaCert.pem" --pck-chain "$chain" --json)
expect "pck-chain of 2 certificates exit" $? 2
expect "pck-chain of 2 certificates check" "$(echo "$out" | jq -r .error.check)" pck_chain.missing
echo "not PEM" > "$chain"
"$VSGX" quote verify "$syn/quote.dat" --collateral "$syn" --pck-chain "$chain" --time 1 2>/dev/null
expect "pck-chain not PEM exit" $? 2
rm -f "$chain"

# TDX quotes are dumped, and verification says TDX is not supported.
"$VSGX" quote dump "$syn/tdx/quote.dat" --json | jq -e '.header.tee == "TDX"' >/dev/null
expect "tdx dump" $? 0
out=$("$VSGX" quote verify "$syn/tdx/quote.dat" --collateral "$syn" --time 2020-01-01T00:00:00Z --json)
expect "tdx verify exit" $? 2
expect "tdx verify check" "$(echo "$out" | jq -r .error.check)" quote.tdx

# Refusals: usage errors, a truncated quote, a bad time.
proc="$VEC/quotes/sgx-v3-processor-ca-2025-07"
tmp=$(mktemp)
head -c 1000 "$proc/quote.bin" > "$tmp"
out=$("$VSGX" quote verify "$tmp" --collateral "$proc/collateral" --time 1752919277 --json)
expect "truncated exit" $? 2
expect "truncated check" "$(echo "$out" | jq -r .error.check)" quote.signature_data_len
"$VSGX" quote dump "$tmp" 2>/dev/null
expect "truncated dump exit" $? 2
rm -f "$tmp"
"$VSGX" quote verify "$proc/quote.bin" --collateral "$proc/collateral" --time yesterday 2>/dev/null
expect "bad time exit" $? 2
"$VSGX" quote verify "$proc/quote.bin" --collateral "$proc/collateral" --time 9999999999999999999 2>/dev/null
expect "time beyond int64 exit" $? 2
"$VSGX" quote verify "$proc/quote.bin" 2>/dev/null
expect "missing collateral exit" $? 2
"$VSGX" quote verify "$proc/quote.bin" --collateral /nonexistent --time 1 2>/dev/null
expect "absent collateral exit" $? 2
"$VSGX" quote verify --help | grep -q "Exit status"
expect "help" $? 0
"$VSGX" frobnicate 2>/dev/null
expect "unknown command exit" $? 2

summary
