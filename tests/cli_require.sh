# Fail-fast helpers for the CLI test scripts (sourced after setting S, the
# suture binary): the first failed check prints why and exits 1.
# (tests/cli_expect.sh is the counting variant: every check runs, failures add up.)
fail() { echo "FAIL: $*"; exit 1; }
# expect_re RC PATTERN -- ARGS...: `suture ARGS` exits RC and its output (stdout
# and stderr) matches the extended regular expression PATTERN.
expect_re() {
    local rc=$1 pat=$2; shift 3
    out=$("$S" "$@" 2>&1); got=$?
    [ "$got" -eq "$rc" ] || fail "suture $* exited $got, expected $rc: $out"
    printf '%s\n' "$out" | grep -Eq -- "$pat" || fail "suture $* printed: $out (expected /$pat/)"
}
# fresh_workdir DIR: an empty DIR (removed first if it exists), made the current directory.
fresh_workdir() {
    rm -rf "$1" && mkdir -p "$1" && cd "$1" || fail "cannot make the work dir $1"
}
