# checks.sh — the assertions the integration scripts share (sourced): each check counts, a
# failed one is printed, and `summary` ends the script with the verdict.
failures=0
checks=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# expect NAME ACTUAL EXPECTED
expect() {
    checks=$((checks + 1))
    [ "$2" = "$3" ] || fail "$1: got '$2', expected '$3'"
}
# contains NAME TEXT FRAGMENT
contains() {
    checks=$((checks + 1))
    case "$2" in *"$3"*) ;; *) fail "$1: '$2' does not contain '$3'" ;; esac
}
summary() {
    echo "$checks checks, $failures failures"
    [ "$failures" -eq 0 ]
}
