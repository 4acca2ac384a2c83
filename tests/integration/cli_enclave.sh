#!/bin/sh
# `vsgx enclave measure` and `vsgx enclave verify` on enclaves built and signed with Intel's SDK:
# exact MRENCLAVE and MRSIGNER, the signer check, and refusals of changed measured bytes, a
# wrong key, a truncated file; a change outside the measured pages is not seen.
# usage: cli_enclave.sh VSGX VECTORS
set -u
VSGX=$1
VEC=$2
. "$(dirname "$0")/checks.sh"
KEY="$VEC/keys/intel-sample-enclave1-private.pem"
OTHER="$VEC/keys/intel-sample-enclave-private-test.pem"
MRSIGNER=83d719e77deaca1470f6baf62a4d774303c899db69020f9c70ee1dfc08c7ce9e
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for pair in custom:457ee6e9a168b91ff06ba5b8b37a46bd316890edfa1ab5c3791bebfd0059cf1d \
            contact:229f65b06f329a983faabd6de0a1af1aad228fe5b506542f25301cc400ee34aa; do
    name=${pair%%:*}
    mr=${pair#*:}
    file="$VEC/enclaves/$name.enclave.signed.so"
    expect "$name measure" "$("$VSGX" enclave measure "$file")" "$mr"
    expect "$name measure json" "$("$VSGX" enclave measure "$file" --json | jq -r .mrenclave)" "$mr"
    out=$("$VSGX" enclave verify "$file" --key "$KEY" --json)
    expect "$name verify exit" $? 0
    expect "$name verify mrsigner" "$(echo "$out" | jq -r .mrsigner)" "$MRSIGNER"
    expect "$name verify ok" "$(echo "$out" | jq -r .ok)" true
    out=$("$VSGX" enclave verify "$file" --key "$OTHER" --json)
    expect "$name other key exit" $? 2
    expect "$name other key check" "$(echo "$out" | jq -r .checks.signer)" "the enclave was signed with another key"

    # A byte of .text is measured: the recomputed MRENCLAVE changes and verify fails.
    text=$(readelf -SW "$file" | awk '$2 == ".text" { print $5 }')
    cp "$file" "$tmp/e.so"
    printf '\377' | dd of="$tmp/e.so" bs=1 seek=$((0x$text + 64)) conv=notrunc 2>/dev/null
    [ "$("$VSGX" enclave measure "$tmp/e.so")" != "$mr" ]
    expect "$name flipped text measure differs" $? 0
    "$VSGX" enclave verify "$tmp/e.so" >/dev/null
    expect "$name flipped text verify exit" $? 2

    # The section header table is not loaded, so not measured.
    shoff=$(readelf -hW "$file" | awk '/Start of section headers/ { print $5 }')
    cp "$file" "$tmp/e.so"
    printf '\001' | dd of="$tmp/e.so" bs=1 seek=$((shoff + 64 * 3 + 16)) conv=notrunc 2>/dev/null
    expect "$name section header flip measure" "$("$VSGX" enclave measure "$tmp/e.so")" "$mr"

    head -c 1000 "$file" > "$tmp/short.so"
    "$VSGX" enclave measure "$tmp/short.so" 2>/dev/null
    expect "$name truncated exit" $? 2
done

# show: the SIGSTRUCT and metadata fields.
out=$("$VSGX" enclave show "$VEC/enclaves/contact.enclave.signed.so" --json)
expect "show exit" $? 0
expect "show mrenclave" "$(echo "$out" | jq -r .sigstruct.mrenclave)" 229f65b06f329a983faabd6de0a1af1aad228fe5b506542f25301cc400ee34aa
expect "show mrsigner" "$(echo "$out" | jq -r .sigstruct.mrsigner)" "$MRSIGNER"
expect "show metadata version" "$(echo "$out" | jq -r .metadata.version)" 2.4
expect "show enclave size" "$(echo "$out" | jq -r .metadata.enclave_size)" 0x0000000001000000
le=$("$VSGX" enclave show "$VEC/intel/launch-enclave-sigstruct.bin" --json)
expect "show LE vendor" "$(echo "$le" | jq -r .sigstruct.vendor)" 32902
expect "show LE date" "$(echo "$le" | jq -r .sigstruct.date)" 2024-08-11
expect "show LE prodid/svn" "$(echo "$le" | jq -c '[.sigstruct.isv_prod_id, .sigstruct.isv_svn]')" "[32,7]"
expect "show LE mrenclave" "$(echo "$le" | jq -r .sigstruct.mrenclave)" 7881af9f9def547da9908c008f29cde9bd78064e36ac7e14c83c294ca4806150
expect "show LE mrsigner" "$(echo "$le" | jq -r .sigstruct.mrsigner)" acb77012053e05a63d413b8bbae8fb6c5d73b3f2996d91c43bbbf90959c0f8d4
"$VSGX" enclave show "$tmp/short.so" 2>/dev/null
expect "show truncated exit" $? 2

"$VSGX" enclave verify "$VEC/quotes/sgx-v3-processor-ca-2025-07/quote.bin" 2>/dev/null
expect "not an ELF exit" $? 2
openssl genrsa -3 2048 2>/dev/null > "$tmp/k2048.pem"
out=$("$VSGX" enclave verify "$VEC/enclaves/custom.enclave.signed.so" --key "$tmp/k2048.pem" --json)
expect "2048-bit key exit" $? 2
expect "2048-bit key reason" "$(echo "$out" | jq -r .checks.signer)" "a 2048-bit RSA key; enclave signing keys are 3072 bits"
"$VSGX" enclave verify --help | grep -q "Exit status"
expect "help" $? 0

summary
