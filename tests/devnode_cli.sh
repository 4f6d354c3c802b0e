#!/usr/bin/env bash
# `suture pause` / `unpause` on the embedded default through the in-process
# node (--rpc state:FILE, tests/devnode.cmake): a Pausable deployed with
# `devnet exec`, paused and unpaused by signed transactions the node mines,
# the state file then holding those blocks (format version 2), `devnet exec`
# adding its block to that history, and a bad state: URL refused as a chain
# error naming the file.
# Usage: devnode_cli.sh SUTURE RESPOND_BUILD_JSON WORKDIR
set -u
S=$1 R=$2 W=$3
. "$(dirname "$0")/cli_require.sh"
fresh_workdir "$W"
version() { od -An -tu4 -j8 -N4 "$1" | tr -d ' '; }

new=$("$S" devnet new d.state --accounts 2) || fail "devnet new: $new"
DEV1=$(printf '%s\n' "$new" | awk '$1 == "(1)" {print $2}')
export PAUSER_KEY=$(printf '%s\n' "$new" | awk '$1 == "(1)" {print $3}')
[ -n "$DEV1" ] && [ -n "$PAUSER_KEY" ] || fail "no dev account 1 in: $new"
T=$("$S" devnet exec d.state --artifact "$R" --contract OwnedPausable --arg "$DEV1") || fail "deploy: $T"
[ "$(version d.state)" = 1 ] || fail "a state file without history should stay version 1"

expect_re 0 '"status":"done"' -- pause "$T" --rpc state:d.state --ledger l.db --key-env PAUSER_KEY
[ "$(version d.state)" = 2 ] || fail "the node's blocks were not written to the state file"
expect_re 0 '"status":"done"' -- unpause "$T" --rpc state:d.state --ledger l.db --key-env PAUSER_KEY
blocks=$("$S" --json devnet show d.state | jq .block.number)
expect_re 0 "^false$" -- devnet exec d.state --call "$T" --sig 'paused()(bool)'
# devnet exec on a file with history adds its block to it; the node then mines on top.
[ "$(version d.state)" = 2 ] || fail "devnet exec dropped the block history"
[ "$("$S" --json devnet show d.state | jq .block.number)" = $((blocks + 1)) ] || fail "devnet exec did not add one block"
expect_re 0 '"status":"done"' -- pause "$T" --rpc state:d.state --ledger l.db --key-env PAUSER_KEY
[ "$("$S" --json devnet show d.state | jq .block.number)" = $((blocks + 2)) ] || fail "the node did not mine after the exec block"
printf '[{"from": "%s", "to": "%s", "data": "0x", "advance_blocks": 2}]\n' "$DEV1" "$T" > advance.json
expect_re 2 "keeps a block history.*advance_blocks" -- devnet exec d.state --txs advance.json
expect_re 3 "state:missing.state.*missing.state" -- pause "$T" --rpc state:missing.state --ledger l.db --key-env PAUSER_KEY
echo "devnode cli: ok"
