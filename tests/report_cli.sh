#!/bin/sh
# `suture report` as a user runs it: a ledger made by the CLI (incident,
# patch, approvals), each format to stdout and atomically to a file, the
# patch chosen by id, usage errors, and a ledger edited with the sqlite3
# shell: the report is still written, says so first, and exits 1 unless
# --allow-unverified.
# Usage: report_cli.sh SUTURE_BINARY. Prints "report cli: ok" when all pass.
set -u
S=$1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/cli_expect.sh"
cli_workdir report
mkdir out

cat "$here/fixtures/manifest/local-vault.toml" "$here/fixtures/manifest/vault-patch.toml" > suture.toml

expect 2 "does not exist" "$S" report
expect 0 "incident 1 opened" "$S" incident open --title "Vault <drained>" --severity critical
expect 2 "has no patches" "$S" report
expect 0 "" "$S" patch new --incident 1

expect 0 "# Patch 1: vault-v2" "$S" report
expect 0 "Vault &lt;drained&gt;" "$S" report --format md
expect 0 '"schema": "suture-patch-report/1"' "$S" report --format json
expect 0 '"version": "2.1.0"' "$S" report --format sarif
expect 0 "written to r.html" "$S" report --patch 1 --format html -o r.html
has r.html 'No gate has run.'
has r.html "Vault &lt;drained&gt;"
has r.html "audit chain verified"
expect 0 "written to r.json" "$S" report --format json -o r.json
has r.json '"verified": true'
expect 2 "no patch 9" "$S" report --patch 9
expect 2 "format" "$S" report --format pdf
expect 2 "" "$S" report --format html -o missing-dir/r.html
[ -e missing-dir ] && { echo "FAIL: a failed write left something behind"; fails=$((fails + 1)); }
# The manifest names the ledger (and its policy counts approvals of a recorded digest).
expect 0 "# Patch 1: vault-v2" "$S" report --manifest suture.toml
expect 2 "nope.toml" "$S" report --manifest nope.toml

# A ledger edited behind suture's back.
sqlite3 suture.ledger "UPDATE incidents SET title = 'nothing happened' WHERE id = 1" || fails=$((fails + 1))
expect 1 "does not verify" "$S" report --format html -o t.html
has t.html 'id="tampered"'
has t.html "THE LEDGER DOES NOT VERIFY"
expect 0 "WARNING: THE LEDGER DOES NOT VERIFY" "$S" report --allow-unverified
expect 1 '"verified": false' "$S" report --format json

[ "$fails" -eq 0 ] && echo "report cli: ok"
exit "$fails"
