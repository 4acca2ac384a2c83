#!/bin/sh
# sgx_sign as a user runs it: sign with a configuration, dump, the refusal to sign twice, -resign
# reproducing Intel-built enclaves byte for byte, two-step signing (gendata, openssl, catsig)
# giving the same file as one step, the launch enclave's SIGSTRUCT dumped, and the refusals: wrong
# keys, a tampered signature, a configuration rule, DT_NEEDED, text relocations (accepted with
# -ignore-rel-error), a bad command line. The signed enclave is checked by `vsgx enclave verify`.
# usage: cli_sgx_sign.sh SGX_SIGN VSGX VECTORS TEST_ENCLAVES
set -u
SIGN=$1
VSGX=$2
VEC=$3
ENC=$4
. "$(dirname "$0")/checks.sh"
# The bytes of an array in a dump, as one hex string.
dumped() { sed -n "/^metadata->$2:\$/,/^[^0]/p" "$1" | grep '^0x' | head -n "$3" | tr -d ' \n' | sed 's/0x//g'; }
KEY="$VEC/keys/intel-sample-enclave-private-test.pem"
MRSIGNER=9664d90755bd901069d4725cdd428038473d726f1cec0edf0d78e18a596b1d4e
SAMPLE="$VEC/keys/intel-sample-enclave1-private.pem"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1795737600        # 2026-11-27

cat > "$tmp/Enclave.config.xml" <<'XML'
<EnclaveConfiguration>
  <ProdID>7</ProdID>
  <ISVSVN>3</ISVSVN>
  <StackMaxSize>0x40000</StackMaxSize>
  <HeapMaxSize>0x100000</HeapMaxSize>
  <TCSNum>4</TCSNum>
  <TCSPolicy>1</TCSPolicy>
  <DisableDebug>0</DisableDebug>
  <MiscSelect>0</MiscSelect>
  <MiscMask>0xFFFFFFFF</MiscMask>
</EnclaveConfiguration>
XML

# sign, dump, verify
out=$("$SIGN" sign -enclave "$ENC/minimal.so" -key "$KEY" -out "$tmp/signed.so" \
      -config "$tmp/Enclave.config.xml" -dumpfile "$tmp/dump.txt" -cssfile "$tmp/css.bin" 2>&1)
expect "sign exit" $? 0
contains "sign message" "$out" "Succeed."
mr=$("$VSGX" enclave measure "$tmp/signed.so")
expect "dump enclave_hash" "$(dumped "$tmp/dump.txt" enclave_css.body.enclave_hash.m 2)" "$mr"
expect "dump mrsigner" "$(sed -n '/^mrsigner->value:$/,$p' "$tmp/dump.txt" | grep '^0x' | tr -d ' \n' | sed 's/0x//g')" "$MRSIGNER"
expect "dump prodid" "$(grep -m1 'isv_prod_id:' "$tmp/dump.txt")" "metadata->enclave_css.body.isv_prod_id: 0x7"
expect "dump svn" "$(grep -m1 'isv_svn:' "$tmp/dump.txt")" "metadata->enclave_css.body.isv_svn: 0x3"
expect "dump date" "$(grep -m1 'header.date:' "$tmp/dump.txt")" "metadata->enclave_css.header.date: 0x20261127"
expect "cssfile size" "$(stat -c %s "$tmp/css.bin")" 1808
json=$("$VSGX" enclave verify "$tmp/signed.so" --key "$KEY" --json)
expect "verify exit" $? 0
expect "verify mrsigner" "$(echo "$json" | jq -r .mrsigner)" "$MRSIGNER"
expect "show tcs" "$("$VSGX" enclave show "$tmp/signed.so" --json | jq -r .metadata.version)" "1.5"

# already signed; -resign without a configuration keeps everything: the same file
out=$("$SIGN" sign -enclave "$tmp/signed.so" -key "$KEY" -out "$tmp/again.so" 2>&1)
expect "sign twice exit" $? 1
contains "sign twice message" "$out" "already signed"
"$SIGN" sign -enclave "$tmp/signed.so" -key "$KEY" -out "$tmp/again.so" -resign >/dev/null 2>&1
expect "resign exit" $? 0
cmp -s "$tmp/signed.so" "$tmp/again.so"
expect "resign same bytes" $? 0

# Intel-built enclaves re-signed with their key: byte for byte
for name in custom contact; do
    "$SIGN" sign -enclave "$VEC/enclaves/$name.enclave.signed.so" -key "$SAMPLE" -out "$tmp/$name.so" -resign >/dev/null 2>&1
    expect "$name resign exit" $? 0
    cmp -s "$VEC/enclaves/$name.enclave.signed.so" "$tmp/$name.so"
    expect "$name resign byte for byte" $? 0
done
"$SIGN" dump -enclave "$VEC/enclaves/custom.enclave.signed.so" -dumpfile "$tmp/custom.txt" >/dev/null 2>&1
expect "custom dump hash" "$(dumped "$tmp/custom.txt" enclave_css.body.enclave_hash.m 2)" \
    457ee6e9a168b91ff06ba5b8b37a46bd316890edfa1ab5c3791bebfd0059cf1d
expect "custom dump forms" "$(grep -c '^Metadata [0-9]' "$tmp/custom.txt")" 3

# the launch enclave's SIGSTRUCT
"$SIGN" dump -enclave "$VEC/intel/launch-enclave-sigstruct.bin" -dumpfile "$tmp/le.txt" >/dev/null 2>&1
expect "le dump exit" $? 0
expect "le hash" "$(dumped "$tmp/le.txt" enclave_css.body.enclave_hash.m 2)" \
    7881af9f9def547da9908c008f29cde9bd78064e36ac7e14c83c294ca4806150
expect "le vendor" "$(grep 'module_vendor:' "$tmp/le.txt")" "metadata->enclave_css.header.module_vendor: 0x8086"

# two steps: gendata, a signature made with openssl, catsig; the same file as one step
"$SIGN" gendata -enclave "$ENC/minimal.so" -config "$tmp/Enclave.config.xml" -out "$tmp/data.bin" >/dev/null 2>&1
expect "gendata exit" $? 0
expect "gendata size" "$(stat -c %s "$tmp/data.bin")" 256
openssl dgst -sha256 -sign "$KEY" -out "$tmp/sig.bin" "$tmp/data.bin"
openssl rsa -in "$KEY" -pubout -out "$tmp/pub.pem" 2>/dev/null
SOURCE_DATE_EPOCH=1893456000 "$SIGN" catsig -enclave "$ENC/minimal.so" -config "$tmp/Enclave.config.xml" \
    -key "$tmp/pub.pem" -sig "$tmp/sig.bin" -unsigned "$tmp/data.bin" -out "$tmp/two.so" >/dev/null 2>&1
expect "catsig exit" $? 0
cmp -s "$tmp/signed.so" "$tmp/two.so"
expect "catsig same bytes as sign" $? 0
cp "$tmp/sig.bin" "$tmp/bad.bin"
printf '\001' | dd of="$tmp/bad.bin" bs=1 seek=200 conv=notrunc 2>/dev/null
out=$("$SIGN" catsig -enclave "$ENC/minimal.so" -config "$tmp/Enclave.config.xml" -key "$tmp/pub.pem" \
      -sig "$tmp/bad.bin" -unsigned "$tmp/data.bin" -out "$tmp/bad.so" 2>&1)
expect "tampered signature exit" $? 1
contains "tampered signature message" "$out" "does not verify"
expect "nothing written" "$(ls "$tmp/bad.so" 2>/dev/null)" ""
out=$("$SIGN" catsig -enclave "$ENC/minimal.so" -key "$tmp/pub.pem" \
      -sig "$tmp/sig.bin" -unsigned "$tmp/data.bin" -out "$tmp/bad.so" 2>&1)
expect "other configuration exit" $? 1
contains "other configuration message" "$out" "signing data differs"

# keys
openssl genrsa -3 -out "$tmp/k2048.pem" 2048 2>/dev/null
out=$("$SIGN" sign -enclave "$ENC/minimal.so" -key "$tmp/k2048.pem" -out "$tmp/x.so" 2>&1)
expect "2048-bit key exit" $? 1
contains "2048-bit key message" "$out" "2048-bit RSA key"
openssl genrsa -out "$tmp/k65537.pem" 3072 2>/dev/null
out=$("$SIGN" sign -enclave "$ENC/minimal.so" -key "$tmp/k65537.pem" -out "$tmp/x.so" 2>&1)
expect "exponent exit" $? 1
contains "exponent message" "$out" "exponent is not 3"
out=$("$SIGN" sign -enclave "$ENC/minimal.so" -key "$tmp/pub.pem" -out "$tmp/x.so" 2>&1)
expect "public key for sign exit" $? 1

# configuration rule, ELF rules
printf '<EnclaveConfiguration><StackMinSize>0x80000</StackMinSize></EnclaveConfiguration>\n' > "$tmp/bad.xml"
out=$("$SIGN" sign -enclave "$ENC/minimal.so" -key "$KEY" -config "$tmp/bad.xml" -out "$tmp/x.so" 2>&1)
expect "config rule exit" $? 1
contains "config rule message" "$out" "StackMinSize"
out=$("$SIGN" sign -enclave "$ENC/rules_needed.so" -key "$KEY" -out "$tmp/x.so" 2>&1)
expect "DT_NEEDED exit" $? 1
contains "DT_NEEDED message" "$out" "libc.so.6"
out=$("$SIGN" sign -enclave "$ENC/rules_textrel.so" -key "$KEY" -out "$tmp/x.so" 2>&1)
expect "textrel exit" $? 1
"$SIGN" sign -enclave "$ENC/rules_textrel.so" -key "$KEY" -out "$tmp/textrel.so" -ignore-rel-error >/dev/null 2>&1
expect "textrel ignored exit" $? 0
"$VSGX" enclave verify "$tmp/textrel.so" --key "$KEY" >/dev/null 2>&1
expect "textrel verify" $? 0

# command line
"$SIGN" >/dev/null 2>&1; expect "no command" $? 2
"$SIGN" frobnicate -enclave x >/dev/null 2>&1; expect "unknown command" $? 2
"$SIGN" sign -enclave "$ENC/minimal.so" -out "$tmp/x.so" >/dev/null 2>&1; expect "missing -key" $? 2
"$SIGN" gendata -enclave "$ENC/minimal.so" -key "$KEY" -out "$tmp/x" >/dev/null 2>&1; expect "gendata -key" $? 2
"$SIGN" dump -enclave "$tmp/signed.so" -dumpfile "$tmp/d" -resign >/dev/null 2>&1; expect "dump -resign" $? 2
"$SIGN" -help | grep -q "gendata"; expect "help" $? 0
"$SIGN" -version | grep -q "sgx_sign"; expect "version" $? 0

summary
