#!/bin/sh
# `vsgx pcs serve` with a real HTTP client (curl): a PCS state and a platform made by
# `vsgx pcs manufacture`, the server started on a free port, then every endpoint on the v4 and v3
# paths (status, body parsed by openssl or jq, each header Intel's PCS sends), the Request-ID
# rule, the refusals (400 with an Error-Message for each malformed, duplicated, missing or
# unknown parameter, 404 for an unknown FMSPC, platform or path, 405, 414), 16 clients in
# parallel getting identical answers, the server still right after all that, a `vsgx pcs quote`
# that fails on its --out publishing nothing (the CRL served unchanged) and one that succeeds
# served at once, and a clean stop on SIGTERM; then the same over HTTPS (--tls-cert/--tls-key).
# usage: pcs_http.sh VSGX
set -u
VSGX=$1
. "$(dirname "$0")/checks.sh"
tmp=$(mktemp -d)
pid=""
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

"$VSGX" pcs serve --help >/dev/null
expect "serve --help" $? 0
"$VSGX" pcs serve --pcs "$tmp/none" --listen 127.0.0.1:0 >/dev/null 2>"$tmp/err"
expect "serve without a PCS" $? 2
contains "serve without a PCS message" "$(cat "$tmp/err")" "vsgx pcs manufacture"
"$VSGX" pcs serve --pcs "$tmp/none" --listen nowhere >/dev/null 2>&1
expect "serve with a bad --listen" $? 2

if ! "$VSGX" pcs manufacture --pcs "$tmp/pcs" --platform "$tmp/plat" >"$tmp/err" 2>&1; then
    cat "$tmp/err"
    fail "vsgx pcs manufacture"
    summary
    exit 1
fi
pckid=$("$VSGX" pcs pckid --pcs "$tmp/pcs" --platform "$tmp/plat")
enc=$(echo "$pckid" | cut -d, -f1)
pceid=$(echo "$pckid" | cut -d, -f2)
cpusvn=$(echo "$pckid" | cut -d, -f3)
pcesvn=$(echo "$pckid" | cut -d, -f4)
fmspc=$("$VSGX" platform show --dir "$tmp/plat" --json | jq -r .fmspc | tr a-f A-F)
expect "pckid encrypted PPID length" "${#enc}" 768

"$VSGX" pcs serve --pcs "$tmp/pcs" --listen 127.0.0.1:0 >"$tmp/out" 2>"$tmp/serve.err" &
pid=$!
port=""
i=0
while [ $i -lt 100 ] && [ -z "$port" ]; do
    port=$(sed -n 's|^vsgx pcs: listening on http://127\.0\.0\.1:\([0-9][0-9]*\)$|\1|p' "$tmp/out")
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
    i=$((i + 1))
done
if [ -z "$port" ]; then
    cat "$tmp/out" "$tmp/serve.err"
    fail "the server did not come up within 10 s"
    summary
    exit 1
fi
expect "one line on stdout" "$(wc -l <"$tmp/out" | tr -d ' ')" 1
base=http://127.0.0.1:$port/sgx/certification
pckq="encrypted_ppid=$enc&cpusvn=$cpusvn&pcesvn=$pcesvn&pceid=$pceid"

# fetch NAME URL [CURL ARGS...]: the body into $tmp/NAME.body, the headers into $tmp/NAME.hdr;
# prints the status.
fetch() {
    n=$1
    u=$2
    shift 2
    curl -s -o "$tmp/$n.body" -D "$tmp/$n.hdr" -w '%{http_code}' "$@" "$u"
}
# hdr NAME HEADER: the header's value (name case-insensitive).
hdr() { tr -d '\r' <"$tmp/$1.hdr" | sed -n "s/^$2: //Ip" | head -n 1; }
urldecode() { perl -pe 's/%([0-9A-Fa-f]{2})/chr(hex($1))/ge'; }
# chain NAME HEADER FIRST_CN: the header is a URL-encoded PEM chain: FIRST_CN's certificate, then the root.
chain() {
    hdr "$1" "$2" | urldecode >"$tmp/chain.pem"
    expect "$1 $2 certificates" "$(grep -c 'BEGIN CERTIFICATE' "$tmp/chain.pem")" 2
    contains "$1 $2 first" "$(openssl x509 -noout -subject -in "$tmp/chain.pem" 2>&1)" "CN = $3"
    expect "$1 $2 encoded" "$(hdr "$1" "$2" | tr -d 'A-Za-z0-9%._~-')" ""
}
is_request_id() { hdr "$1" Request-ID | grep -Eq '^[0-9a-f]{32}$'; }

# pckcert, v4 and v3.
for v in v4 v3; do
    expect "pckcert $v" "$(fetch pckcert "$base/$v/pckcert?$pckq")" 200
    contains "pckcert $v certificate" "$(openssl x509 -noout -subject -in "$tmp/pckcert.body" 2>&1)" \
        "CN = Intel SGX PCK Certificate"
    expect "pckcert $v content type" "$(hdr pckcert Content-Type)" application/x-pem-file
    expect "pckcert $v SGX-TCBm" "$(hdr pckcert SGX-TCBm)" "$cpusvn$pcesvn"
    expect "pckcert $v SGX-FMSPC" "$(hdr pckcert SGX-FMSPC)" "$fmspc"
    expect "pckcert $v CA type" "$(hdr pckcert SGX-PCK-Certificate-CA-Type)" PROCESSOR
    chain pckcert SGX-PCK-Certificate-Issuer-Chain "Intel SGX PCK Processor CA"
    is_request_id pckcert
    expect "pckcert $v Request-ID" $? 0
done
cp "$tmp/pckcert.body" "$tmp/pck.pem"
qeid=$("$VSGX" pcs pckid --pcs "$tmp/pcs" --platform "$tmp/plat" | cut -d, -f5)
expect "pckcert with the qeid a QCNL sends" "$(fetch qeid "$base/v4/pckcert?qeid=$qeid&$pckq")" 200
cmp -s "$tmp/qeid.body" "$tmp/pck.pem"
expect "pckcert with a qeid: the same certificate" $? 0
fetch rid "$base/v4/pckcert?$pckq" -H "Request-ID: test-Request-42" >/dev/null
expect "Request-ID echoed" "$(hdr rid Request-ID)" test-Request-42
fetch rid "$base/v4/pckcert?$pckq" -H "Request-ID: not_valid" >/dev/null
is_request_id rid
expect "invalid Request-ID replaced" $? 0

# pckcerts
expect "pckcerts v4" "$(fetch pckcerts "$base/v4/pckcerts?encrypted_ppid=$enc&pceid=$pceid")" 200
expect "pckcerts v4 content type" "$(hdr pckcerts Content-Type)" application/json
expect "pckcerts v4 components" "$(jq '.[0].tcb.sgxtcbcomponents | length' "$tmp/pckcerts.body")" 16
expect "pckcerts v4 levels" "$(jq length "$tmp/pckcerts.body")" 2
expect "pckcerts v4 best first" "$(jq -r '.[0].tcbm' "$tmp/pckcerts.body")" "$cpusvn$pcesvn"
expect "pckcerts v4 component fields" "$(jq -c '.[0].tcb.sgxtcbcomponents[0] | keys' "$tmp/pckcerts.body")" \
    '["category","svn","type"]'
contains "pckcerts v4 certificate" "$(jq -r '.[0].cert' "$tmp/pckcerts.body" | openssl x509 -noout -subject 2>&1)" \
    "Intel SGX PCK Certificate"
expect "pckcerts v4 SGX-FMSPC" "$(hdr pckcerts SGX-FMSPC)" "$fmspc"
expect "pckcerts v4 CA type" "$(hdr pckcerts SGX-PCK-Certificate-CA-Type)" PROCESSOR
chain pckcerts SGX-PCK-Certificate-Issuer-Chain "Intel SGX PCK Processor CA"
expect "pckcerts v3" "$(fetch pckcerts "$base/v3/pckcerts?encrypted_ppid=$enc&pceid=$pceid")" 200
expect "pckcerts v3 components" "$(jq '.[0].tcb | has("sgxtcbcomp01svn") and has("pcesvn")' "$tmp/pckcerts.body")" true

# pckcrl: PEM by default, DER on request, and at the certificate's CRL distribution point.
for v in v4 v3; do
    expect "pckcrl $v" "$(fetch crl "$base/$v/pckcrl?ca=processor")" 200
    contains "pckcrl $v PEM" "$(openssl crl -noout -issuer -in "$tmp/crl.body" 2>&1)" "Intel SGX PCK Processor CA"
    expect "pckcrl $v content type" "$(hdr crl Content-Type)" application/x-pem-file
    chain crl SGX-PCK-CRL-Issuer-Chain "Intel SGX PCK Processor CA"
done
cdp=$(openssl x509 -noout -ext crlDistributionPoints -in "$tmp/pck.pem" | sed -n 's|.*URI:https://[^/]*/||p')
contains "PCK CRL distribution point" "$cdp" "pckcrl?ca=processor&encoding=der"
expect "pckcrl at the distribution point" "$(fetch crl "http://127.0.0.1:$port/$cdp")" 200
expect "pckcrl DER content type" "$(hdr crl Content-Type)" application/pkix-crl
openssl crl -inform DER -noout -in "$tmp/crl.body" 2>/dev/null
expect "pckcrl DER parses" $? 0

# rootcacrl (DER), at the PCK CA's distribution point too.
expect "rootcacrl" "$(fetch root "$base/v4/rootcacrl")" 200
contains "rootcacrl DER" "$(openssl crl -inform DER -noout -issuer -in "$tmp/root.body" 2>&1)" "Intel SGX Root CA"
expect "rootcacrl content type" "$(hdr root Content-Type)" application/pkix-crl
hdr pckcert SGX-PCK-Certificate-Issuer-Chain | urldecode >"$tmp/chain.pem"
cdp=$(openssl x509 -noout -ext crlDistributionPoints -in "$tmp/chain.pem" | sed -n 's|.*URI:https://[^/]*/||p')
expect "root CRL distribution point" "$cdp" "sgx/certification/v4/rootcacrl"
expect "rootcacrl v3" "$(fetch root3 "$base/v3/rootcacrl")" 200
cmp -s "$tmp/root.body" "$tmp/root3.body"
expect "rootcacrl v3 = v4" $? 0

# tcb: version 3 on v4, 2 on v3, for the platform's FMSPC.
expect "tcb v4" "$(fetch tcb4 "$base/v4/tcb?fmspc=$fmspc")" 200
expect "tcb v4 version" "$(jq .tcbInfo.version "$tmp/tcb4.body")" 3
expect "tcb v4 fmspc" "$(jq -r .tcbInfo.fmspc "$tmp/tcb4.body" | tr a-f A-F)" "$fmspc"
expect "tcb v4 content type" "$(hdr tcb4 Content-Type)" application/json
chain tcb4 TCB-Info-Issuer-Chain "Intel SGX TCB Signing"
expect "tcb v3" "$(fetch tcb3 "$base/v3/tcb?fmspc=$fmspc&update=standard")" 200
expect "tcb v3 version" "$(jq .tcbInfo.version "$tmp/tcb3.body")" 2
chain tcb3 SGX-TCB-Info-Issuer-Chain "Intel SGX TCB Signing"
expect "tcb early" "$(fetch tcbe "$base/v4/tcb?fmspc=$fmspc&update=early")" 200

# QE and QvE identities.
for id in qe qve; do
    expect "$id identity" "$(fetch id "$base/v4/$id/identity")" 200
    expect "$id identity id" "$(jq -r .enclaveIdentity.id "$tmp/id.body")" "$(echo $id | tr a-z A-Z)"
    chain id SGX-Enclave-Identity-Issuer-Chain "Intel SGX TCB Signing"
    expect "$id identity v3 early" "$(fetch id "$base/v3/$id/identity?update=early")" 200
done

# Refusals: 400 with an Error-Message naming the parameter.
bad() { # NAME URL FRAGMENT
    expect "$1: status" "$(fetch bad "$2")" 400
    expect "$1: Error-Code" "$(hdr bad Error-Code)" InvalidRequestSyntax
    contains "$1: Error-Message" "$(hdr bad Error-Message)" "$3"
    expect "$1: body" "$(cat "$tmp/bad.body")" "$(hdr bad Error-Message)"
}
short=$(echo "$fmspc" | cut -c1-11)
bad "fmspc too short" "$base/v4/tcb?fmspc=$short" "Invalid parameter 'fmspc': expected 12 hexadecimal digits, got 11"
bad "fmspc too long" "$base/v4/tcb?fmspc=${fmspc}0" "got 13"
bad "fmspc not hex" "$base/v4/tcb?fmspc=${short}Z" "character 12 is not a hexadecimal digit"
bad "fmspc twice" "$base/v4/tcb?fmspc=$fmspc&fmspc=$fmspc" "Duplicate parameter 'fmspc'"
bad "fmspc missing" "$base/v4/tcb" "Missing parameter 'fmspc'"
bad "unknown parameter" "$base/v4/tcb?fmspc=$fmspc&x=1" "Unknown parameter 'x'"
bad "bad update" "$base/v4/tcb?fmspc=$fmspc&update=soon" "Invalid parameter 'update'"
bad "bad ca" "$base/v4/pckcrl?ca=root" "Invalid parameter 'ca'"
bad "bad encoding" "$base/v4/pckcrl?ca=processor&encoding=hex" "Invalid parameter 'encoding'"
bad "bad escape" "$base/v4/tcb?fmspc=%G0" "malformed %-escape"
bad "cpusvn short" "$base/v4/pckcert?encrypted_ppid=$enc&cpusvn=00&pcesvn=$pcesvn&pceid=$pceid" "'cpusvn'"
bad "pcesvn not hex" "$base/v4/pckcert?encrypted_ppid=$enc&cpusvn=$cpusvn&pcesvn=zz00&pceid=$pceid" "'pcesvn'"
bad "pceid missing" "$base/v4/pckcert?encrypted_ppid=$enc&cpusvn=$cpusvn&pcesvn=$pcesvn" "Missing parameter 'pceid'"
bad "ppid short" "$base/v4/pckcerts?encrypted_ppid=00&pceid=$pceid" "'encrypted_ppid'"
zeros=$(printf '%0768d' 0)
bad "ppid undecryptable" "$base/v4/pckcerts?encrypted_ppid=$zeros&pceid=$pceid" "'encrypted_ppid'"

# 404, 405, 414.
expect "unknown fmspc" "$(fetch nf "$base/v4/tcb?fmspc=FFFFFFFFFFFF")" 404
expect "unknown fmspc Error-Code" "$(hdr nf Error-Code)" NotFound
expect "unknown path" "$(fetch nf "$base/v4/nothing")" 404
expect "unknown version" "$(fetch nf "http://127.0.0.1:$port/sgx/certification/v2/tcb?fmspc=$fmspc")" 404
other=$(echo "$pceid" | tr 0-9a-fA-F 1-9a0a-f0)
expect "unknown platform (PCE-ID)" "$(fetch nf "$base/v4/pckcerts?encrypted_ppid=$enc&pceid=$other")" 404
expect "POST" "$(fetch m "$base/v4/tcb?fmspc=$fmspc" -X POST -d x=1)" 405
expect "POST Allow" "$(hdr m Allow)" GET
long=$(printf '%05000d' 0)
expect "long target" "$(fetch long "$base/v4/tcb?fmspc=$long")" 414

# 16 clients in parallel, 20 requests each: all 200, all the same body.
c=0
clients=""
while [ $c -lt 16 ]; do
    (
        r=0
        while [ $r -lt 20 ]; do
            curl -s -o "$tmp/par.$c.$r" -w '%{http_code}\n' "$base/v4/tcb?fmspc=$fmspc"
            r=$((r + 1))
        done >"$tmp/par.$c.status"
    ) &
    clients="$clients $!"
    c=$((c + 1))
done
for p in $clients; do wait "$p"; done
expect "parallel statuses" "$(cat "$tmp"/par.*.status | sort | uniq -c | tr -s ' ')" " 320 200"
expect "parallel bodies" "$(ls "$tmp" | grep -c '^par\.[0-9]*\.[0-9]*$')" 320
expect "parallel bodies identical" "$(for f in "$tmp"/par.*.[0-9]*; do cmp -s "$f" "$tmp/tcb4.body" || echo "$f"; done)" ""

# Still right after all that.
expect "tcb after" "$(fetch after "$base/v4/tcb?fmspc=$fmspc")" 200
cmp -s "$tmp/after.body" "$tmp/tcb4.body"
expect "tcb after: same body" $? 0
expect "pckcert after" "$(fetch after "$base/v4/pckcert?$pckq")" 200
cmp -s "$tmp/after.body" "$tmp/pck.pem"
expect "pckcert after: same certificate" $? 0

# A quote that cannot be written (its --out is not empty) publishes nothing: the processor CRL
# served stays as it was (revoked-pck would have put the platform's certificate on it).
expect "CRL before a failed quote" "$(fetch crlb "$base/v4/pckcrl?ca=processor&encoding=der")" 200
mkdir "$tmp/full" && touch "$tmp/full/x"
"$VSGX" pcs quote --pcs "$tmp/pcs" --platform "$tmp/plat" --scenario revoked-pck --out "$tmp/full/" >/dev/null 2>"$tmp/err"
expect "quote into a non-empty directory" $? 2
contains "quote into a non-empty directory: message" "$(cat "$tmp/err")" "$tmp/full: exists and is not empty"
expect "CRL after a failed quote" "$(fetch crla "$base/v4/pckcrl?ca=processor&encoding=der")" 200
cmp -s "$tmp/crlb.body" "$tmp/crla.body"
expect "a failed quote publishes nothing" $? 0
expect "nothing left behind by the failed quote" "$(ls "$tmp" | grep -c partial)" 0
# What a successful one publishes is served at once.
"$VSGX" pcs quote --pcs "$tmp/pcs" --platform "$tmp/plat" --scenario revoked-pck --out "$tmp/revoked" >/dev/null
expect "quote revoked-pck" $? 0
expect "CRL after revoked-pck" "$(fetch crla "$base/v4/pckcrl?ca=processor&encoding=der")" 200
expect "revoked-pck CRL lists the certificate" \
    "$(openssl crl -inform DER -noout -text -in "$tmp/crla.body" | grep -c "$(openssl x509 -noout -serial -in "$tmp/pck.pem" | cut -d= -f2)")" 1
fetch tcb4 "$base/v4/tcb?fmspc=$fmspc" >/dev/null # what HTTPS must serve below

kill -TERM "$pid"
wait "$pid"
expect "stops on SIGTERM with 0" $? 0
pid=""
expect "nothing on stderr" "$(cat "$tmp/serve.err")" ""

# HTTPS with a certificate of our own.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$tmp/tls.key" -out "$tmp/tls.crt" 2>/dev/null
"$VSGX" pcs serve --pcs "$tmp/pcs" --listen 127.0.0.1:0 --tls-cert "$tmp/tls.crt" >/dev/null 2>"$tmp/err"
expect "--tls-cert without --tls-key" $? 2
"$VSGX" pcs serve --pcs "$tmp/pcs" --listen 127.0.0.1:0 --threads 1 --tls-cert "$tmp/tls.crt" \
    --tls-key "$tmp/tls.key" >"$tmp/out" 2>"$tmp/serve.err" &
pid=$!
port=""
i=0
while [ $i -lt 100 ] && [ -z "$port" ] && kill -0 "$pid" 2>/dev/null; do
    sleep 0.1
    port=$(sed -n 's|^vsgx pcs: listening on https://127\.0\.0\.1:\([0-9][0-9]*\)$|\1|p' "$tmp/out")
    i=$((i + 1))
done
expect "HTTPS server up" "${port:+up}" up
expect "HTTPS tcb" "$(fetch tls "https://127.0.0.1:$port/sgx/certification/v4/tcb?fmspc=$fmspc" --cacert "$tmp/tls.crt")" 200
cmp -s "$tmp/tls.body" "$tmp/tcb4.body"
expect "HTTPS tcb body" $? 0
kill -TERM "$pid"
wait "$pid"
expect "HTTPS server stops with 0" $? 0
pid=""
summary
