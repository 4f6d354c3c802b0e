#!/bin/sh
# CLI of the ledger commands as a user runs them: incident, log, log verify,
# approve, approvals, and a second writer failing fast (util-linux flock(1)
# holds the ledger's writer lock the way a running suture does).
# Usage: ledger_cli.sh SUTURE_BINARY. Prints "ledger cli: ok" when all pass.
set -u
S=$1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/cli_expect.sh"
cli_workdir ledger
mkdir out

cat "$here/fixtures/manifest/local-vault.toml" "$here/fixtures/manifest/vault-patch.toml" > suture.toml
# anvil's well-known test keys 1 and 2 (the reviewers) and 0 (not a reviewer).
export K0=0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80
export K1=0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d
export K2=0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a
D=0xabababababababababababababababababababababababababababababababab

expect 2 "does not exist" "$S" log verify
expect 0 "incident 1 opened (critical): Vault drained" "$S" incident open --title "Vault drained" --severity critical
expect 2 "is not one of low, medium, high, critical" "$S" incident open --title x --severity huge
expect 0 "critical  Vault drained" "$S" incident list
expect 0 "severity:    critical" "$S" incident show 1
expect 2 "no incident 7" "$S" incident show 7
expect 0 "#1  " "$S" log
expect 0 "1 records, audit chain intact" "$S" log verify
expect 0 '"intact":true' "$S" --json log verify

# approve: shows what is signed, needs --yes without a terminal, refuses an outsider.
expect 2 "pass --yes to sign" "$S" approve --patch-digest $D --key-env K1
expect 2 "not a reviewer" "$S" approve --patch-digest $D --key-env K0 --yes
expect 0 "0x19457468657265756d205369676e6564204d6573736167653a0a3332abab" \
  "$S" approve --patch-digest $D --key-env K1 --yes
expect 1 "1 of 2 required approvals: threshold not met" "$S" approvals --patch-digest $D
expect 0 "2 of 2 required approvals: threshold met" "$S" approve --patch-digest $D --key-env K2 --yes
expect 0 "threshold met" "$S" approvals --patch-digest $D
expect 0 "3 records, audit chain intact" "$S" log verify

# A second writer fails at once while the lock is held; readers still read.
expect 2 "is in use by another suture process" flock suture.ledger.lock "$S" incident open --title again
expect 0 "audit chain intact" flock suture.ledger.lock "$S" log verify

[ "$fails" -eq 0 ] && echo "ledger cli: ok"
exit "$fails"
