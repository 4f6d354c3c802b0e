#!/usr/bin/env bash
# `suture pause` / `unpause` on the embedded default through the in-process
# node (--rpc state:FILE, tests/devnode.cmake): a Pausable deployed with
# `devnet exec`, paused and unpaused by signed transactions the node mines,
# the state file then holding those blocks (format version 2), and a bad
# state: URL refused as a chain error naming the file.
# Usage: devnode_cli.sh SUTURE RESPOND_BUILD_JSON WORKDIR
set -u
S=$1 R=$2 W=$3
rm -rf "$W" && mkdir -p "$W" && cd "$W" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
expect() {  # expect RC PATTERN -- args...: exit code RC and output matching PATTERN
    local rc=$1 pat=$2; shift 3
    out=$("$S" "$@" 2>&1); got=$?
    [ "$got" -eq "$rc" ] || fail "suture $* exited $got, expected $rc: $out"
    printf '%s\n' "$out" | grep -Eq -- "$pat" || fail "suture $* printed: $out (expected /$pat/)"
}
version() { od -An -tu4 -j8 -N4 "$1" | tr -d ' '; }

new=$("$S" devnet new d.state --accounts 2) || fail "devnet new: $new"
DEV1=$(printf '%s\n' "$new" | awk '$1 == "(1)" {print $2}')
export PAUSER_KEY=$(printf '%s\n' "$new" | awk '$1 == "(1)" {print $3}')
[ -n "$DEV1" ] && [ -n "$PAUSER_KEY" ] || fail "no dev account 1 in: $new"
T=$("$S" devnet exec d.state --artifact "$R" --contract OwnedPausable --arg "$DEV1") || fail "deploy: $T"
[ "$(version d.state)" = 1 ] || fail "a state file without history should stay version 1"

expect 0 '"status":"done"' -- pause "$T" --rpc state:d.state --ledger l.db --key-env PAUSER_KEY
[ "$(version d.state)" = 2 ] || fail "the node's blocks were not written to the state file"
expect 0 '"status":"done"' -- unpause "$T" --rpc state:d.state --ledger l.db --key-env PAUSER_KEY
expect 0 "^false$" -- devnet exec d.state --call "$T" --sig 'paused()(bool)'
expect 3 "state:missing.state.*missing.state" -- pause "$T" --rpc state:missing.state --ledger l.db --key-env PAUSER_KEY
echo "devnode cli: ok"
