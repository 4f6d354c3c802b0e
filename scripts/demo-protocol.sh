#!/usr/bin/env bash
# The patch protocol on the embedded default (a `suture devnet` state file,
# no node, no network), on the example in examples/vault: the vault behind a
# UUPS proxy holds three users' collateral; an attacker drains it through
# withdraw()'s reentrancy; an incident is opened; the fix (VaultV2) goes
# through the gates (check, exploit: reproduces on V1 and is blocked on V2,
# fuzz: V1 and V2 compared call by call, invariants, simulate); two of three
# reviewers approve the patch digest; the upgrade is deployed and the ledger
# verified; the report is written as Markdown and HTML.
# Usage: demo-protocol.sh BUILD_DIR. The demo's files stay in BUILD_DIR/demo.
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
S=$build/suture
vault=$build/examples/vault.json
work=$build/demo
rm -rf "$work" && mkdir -p "$work" && cd "$work"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
# Demo keys: the devnet's public test keys (docs/devnet.md), never real funds.
accounts=$("$S" devnet new dev.state --accounts 6)
addr() { echo "$accounts" | sed -n "$(($1 + 2))p" | awk '{print $2}'; }
key() { echo "$accounts" | sed -n "$(($1 + 2))p" | awk '{print $3}'; }
OWNER=$(addr 0); ATTACKER=$(addr 1); R1=$(addr 3); R2=$(addr 4); R3=$(addr 5)
export K_OWNER=$(key 0) K_R1=$(key 3) K_R2=$(key 4)
run() { "$S" devnet exec dev.state "$@" 2>/dev/null; }
ether() { "$S" devnet exec dev.state --call "$1" --sig 'totalCollateral()(uint256)' 2>/dev/null; }

step "setup: VaultV1 behind a UUPS proxy, three users deposit 10 ETH each (state file $work/dev.state)"
impl=$(run --artifact "$vault" --contract VaultV1)
proxy=$(run --artifact "$vault" --contract VaultProxy --arg "$impl" \
  --arg "$("$S" abi encode --calldata 'initialize(address)' "$OWNER")")
for i in 2 3 4; do run --call "$proxy" --sig 'deposit()' --value 10000000000000000000 --from "$(addr $i)" >/dev/null; done
echo "vault proxy $proxy, totalCollateral $(ether "$proxy") wei"
attacker=$(run --artifact "$vault" --contract Attacker --arg "$proxy" --from "$ATTACKER")
cat > exploit.json <<JSON
[{"from": "$ATTACKER", "to": "$attacker", "value": "1000000000000000000", "data": "$("$S" abi encode --calldata 'attack()')"}]
JSON

step "incident: the attack's proof of concept (exploit.json: attack() with 1 ETH) is opened as an incident"
cp "$vault" vault.json
"$S" init --state dev.state --target "vault=$proxy" --reviewer "$R1" --reviewer "$R2" --reviewer "$R3" \
  --new VaultV2 --poc exploit.json
# The fuzz budget and two invariants of the vault, added to the manifest init wrote.
# version() names the release: a difference the fuzz gate must accept, with the reason.
sed -i "s/^new = .*/&\nfuzz = { runs = 200, seed = 1 }\ninvariants = [\"totalCollateral() >= collateral($(addr 2))\", \"owner() != 0\"]/" suture.toml
cat >> suture.toml <<'TOML'

[[patch.expected_differences]]
function = "version()"
reason = "version() names the release: V2 returns \"2\""
TOML
"$S" incident open --title "VaultV1 drained through withdraw() reentrancy" --severity critical

step "patch: VaultV1 -> VaultV2 through the gates"
"$S" patch new --incident 1
"$S" run --patch 1

step "approvals: 2 of 3 reviewers sign the patch digest (EIP-191)"
"$S" approve --patch 1 --key-env K_R1 --yes
"$S" approve --patch 1 --key-env K_R2 --yes
"$S" status --patch 1

step "deploy: the upgrade through the proxy's own admin path, then the ledger verified"
"$S" deploy --patch 1 --key-env K_OWNER
echo "version() through the proxy: $("$S" devnet exec dev.state --call "$proxy" --sig 'version()(string)' 2>/dev/null)"
"$S" log verify

step "report"
"$S" report --patch 1 -o "$work/report.md"
"$S" report --patch 1 --format html -o "$work/report.html"
echo "reports: $work/report.md, $work/report.html"
