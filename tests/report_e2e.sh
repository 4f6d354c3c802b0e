#!/bin/sh
# The patch protocol end to end on the embedded default, then its report:
# a devnet with the vault example behind a UUPS proxy, an incident, a patch
# (VaultV1 -> VaultV2), `suture run` (the check gate's layout diff recorded as
# gate details), two approvals, the state-file deploy, and `suture report` in
# each format naming what happened.
# Usage: report_e2e.sh SUTURE_BINARY VAULT_JSON. Prints "report e2e: ok" when all pass.
set -u
S=$1
V=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/cli_expect.sh"
cli_workdir report-e2e

"$S" devnet new dev.state >/dev/null || exit 2
IMPL=$("$S" devnet exec dev.state --artifact "$V" --contract VaultV1 2>/dev/null) || { echo "FAIL: deploy VaultV1"; exit 2; }
INIT=$("$S" abi encode --calldata 'initialize(address)' 0x77F6cbD166DD059a33afDe102d79845fDd090228)
PROXY=$("$S" devnet exec dev.state --artifact "$V" --contract VaultProxy --arg "$IMPL" --arg "$INIT" 2>/dev/null) \
  || { echo "FAIL: deploy VaultProxy"; exit 2; }
cat > suture.toml <<TOML
[chains.dev]
chain_id = 1337
state_file = "dev.state"

[targets.vault]
chain = "dev"
address = "$PROXY"
route = "uups"

[builds.main]
path = "$V"

[patch]
name = "vault-reentrancy"
target = "vault"
old = { build = "main", contract = "VaultV1" }
new = { build = "main", contract = "VaultV2" }

[policy]
reviewers = ["0x77F6cbD166DD059a33afDe102d79845fDd090228", "0x3195F4fE0dEde60Ef9d6692b064efca2bFebe30B"]
threshold = 2
TOML
# devnet dev keys 0 and 1 (docs/devnet.md: public test keys).
export K0=0x4c6eb50edd7175f5de60c28da270ac7d86f779c14d2ad7a686f5ac4a2397f87b
export K1=0xfe791ae6fd1258cfe4b881172bad320d9e642fdbc5ff1418486d2b9ef8ee494a

expect 0 "incident 1 opened" "$S" incident open --title "Vault drained via withdraw() reentrancy" --severity critical
expect 0 "patch 1" "$S" patch new --incident 1
expect 0 "check: passed" "$S" run --patch 1
expect 0 "Status:** gates passed" "$S" report --manifest suture.toml
expect 0 "1 of 2 required approvals: threshold not met" "$S" approve --patch 1 --key-env K0 --yes
expect 0 "2 of 2 required approvals: threshold met" "$S" approve --patch 1 --key-env K1 --yes
expect 0 "implementation" "$S" deploy --patch 1 --key-env K0
OWNER=$("$S" devnet exec dev.state --call "$PROXY" --sig 'owner()(address)' 2>&1)

expect 0 "written to r.md" "$S" report --manifest suture.toml -o r.md
has r.md "**Status:** deployed"
has r.md "Vault drained via withdraw() reentrancy"
has r.md "| 1 | check | **pass** |"
has r.md "bool locked"                        # the layout diff of the check gate: VaultV2 appends `locked`
has r.md "append"
has r.md "Counted 2 of 2 required."
has r.md "| counted |"
has r.md "0x3195F4fE0dEde60Ef9d6692b064efca2bFebe30B"
has r.md "proxy.upgradeToAndCall("
has r.md "| committed |"
has r.md "| proxy | $PROXY |"
expect 0 "written to r.json" "$S" report --format json -o r.json
has r.json '"status": "deployed"'
has r.json '"verified": true'
has r.json '"label": "locked"'
expect 0 "written to r.html" "$S" report --format html -o r.html --manifest suture.toml
has r.html '<svg id="gate-timeline"'
has r.html '<table id="layout-table">'
expect 0 '"ruleId": "constructor"' "$S" report --format sarif
expect 0 "audit chain intact" "$S" log verify
case "$OWNER" in *0x77F6cbD166DD059a33afDe102d79845fDd090228*) ;;
  *) echo "FAIL: owner() through the upgraded proxy: $OWNER"; fails=$((fails + 1)) ;; esac

[ "$fails" -eq 0 ] && echo "report e2e: ok"
exit "$fails"
