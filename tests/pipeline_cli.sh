#!/bin/sh
# The patch pipeline end to end on the embedded default (a `suture devnet`
# state file, no node): init -> patch new -> run -> status -> approve (2 of 3
# reviewers, raw keys) -> deploy --patch, and the refusals: missing
# approvals, a key that is not a reviewer, the digest changed after approval
# (one byte of the new build), a failing gate.
# Then the route rules on tests/fixtures/pipeline: a Ronin-style upgrade that
# skips a reinitializer and a Nomad-style initializer that zeroes state.
# Usage: pipeline_cli.sh SUTURE BANK_JSON RULES_JSON (tests/fixtures/exploits/
# reentrancy and tests/fixtures/pipeline compiled by solc-js, each with
# ERC1967Proxy). Prints "pipeline cli: ok".
set -u
S=$1
here=$(cd "$(dirname "$0")" && pwd)
BANK=$2
RULES=$3
. "$here/cli_expect.sh"
cli_workdir pipeline
# Dev keys (docs/devnet.md): 0 admin, 1 victim, 2 attacker (not a reviewer), 3 and 4 reviewers.
key() { "$S" devnet new keys.state --accounts 5 --force | sed -n "$(($1 + 2))p" | awk '{print $3}'; }
addr() { "$S" devnet new keys.state --accounts 5 --force | sed -n "$(($1 + 2))p" | awk '{print $2}'; }
ADMIN=$(addr 0); VICTIM=$(addr 1); ATTACKER=$(addr 2); R1=$(addr 3); R2=$(addr 4)
R3=0x70997970C51812dc3A010C7d01b50e0d17dc79C8
export K0=$(key 0) K2=$(key 2) K3=$(key 3) K4=$(key 4)

cp "$BANK" bank.json
"$S" devnet new dev.state --accounts 5 >/dev/null || exit 2
impl=$("$S" devnet exec dev.state --artifact bank.json --contract EtherBankV1 2>/dev/null) || exit 2
init=$("$S" abi encode --calldata 'initialize(address)' "$ADMIN") || exit 2
proxy=$("$S" devnet exec dev.state --artifact bank.json --contract ERC1967Proxy --arg "$impl" --arg "$init" 2>/dev/null) || exit 2
"$S" devnet exec dev.state --call "$proxy" --sig 'deposit()' --value 10000000000000000000 --from "$VICTIM" >/dev/null 2>&1 || exit 2
attack=$("$S" devnet exec dev.state --artifact bank.json --contract Attacker --arg "$proxy" --from "$ATTACKER" 2>/dev/null) || exit 2
cat > exploit.json <<JSON
[{"from": "$ATTACKER", "to": "$attack", "value": "1000000000000000000", "data": "0x9e5faafc"}]
JSON

# init: the build (bank.json), the UUPS proxy and its owner found on the state file; loads back.
expect 2 "--reviewer is required" "$S" init --state dev.state --target "bank=$proxy"
expect 0 "live code is" "$S" init --state dev.state --target "bank=$proxy" --reviewer "$R1" --reviewer "$R2" \
  --reviewer "$R3" --new EtherBankV2Fixed --poc exploit.json
expect 0 'route = "uups"' cat suture.toml
expect 0 'contract = "src/EtherBankV1.sol:EtherBankV1"' cat suture.toml
expect 0 "threshold = 2" cat suture.toml
expect 2 "already exists" "$S" init --state dev.state --target "bank=$proxy" --reviewer "$R1"
# --dir: the project folder; a relative --state and --poc are read from it, not from the current dir.
mkdir proj && cp bank.json proj/ && cp dev.state proj/chain.state && cp exploit.json proj/attack.json
expect 0 "live code is" "$S" init --dir proj --state chain.state --target "bank=$proxy" --reviewer "$R1" --poc attack.json
expect 0 'poc = "attack.json"' cat proj/suture.toml
expect 0 'state_file = "chain.state"' cat proj/suture.toml
expect 2 "--poc missing.json: no such file $dir/proj/missing.json" "$S" init --dir proj --state chain.state \
  --target "bank=$proxy" --reviewer "$R1" --poc missing.json --force
expect 2 "--state dev.state: no such file" "$S" init --dir proj --state dev.state --target "bank=$proxy" --reviewer "$R1" --force
rm -r proj

expect 0 "patch 1 created" "$S" patch new
expect 1 "has not run" "$S" deploy --patch 1 --key-env K0
expect 0 "every gate passed" "$S" run
expect 0 "exploit: passed" "$S" patch show 1
expect 0 "replay: skipped (not configured)" "$S" patch show 1
expect 0 "simulate: passed" "$S" patch show 1
expect 0 "0 of 2 approvals" "$S" status
expect 0 "next: approve" "$S" status

# Approvals: a key not in the policy is refused; one reviewer is not enough.
expect 2 "is not a reviewer" "$S" approve --patch 1 --key-env K2 --yes
expect 0 "approval 1 recorded" "$S" approve --patch 1 --key-env K3 --yes
expect 1 "1 of 2 required approvals" "$S" deploy --patch 1 --key-env K0

# One byte of the new build changed after approval: the digest no longer matches.
cp bank.json bank.orig
node -e '
const fs = require("fs"); const j = JSON.parse(fs.readFileSync("bank.json"));
for (const f of Object.values(j.contracts)) for (const [n, c] of Object.entries(f)) if (n === "EtherBankV2Fixed") {
  const o = c.evm.deployedBytecode.object; const i = o.length - 10;
  c.evm.deployedBytecode.object = o.slice(0, i) + (o[i] === "0" ? "1" : "0") + o.slice(i + 1); }
fs.writeFileSync("bank.json", JSON.stringify(j));'
expect 0 "approval 2 recorded" "$S" approve --patch 1 --key-env K4 --yes
expect 1 "the bytecode about to be deployed hashes to" "$S" deploy --patch 1 --key-env K0
cp bank.orig bank.json

expect 0 "threshold met" "$S" approvals --patch 1
expect 0 "next: deploy" "$S" status --patch 1
expect 0 "deployed on" "$S" deploy --patch 1 --key-env K0
expect 0 "0" "$S" devnet exec dev.state --call "$proxy" --sig 'totalDeposits()(uint256)'
expect 0 "intact" "$S" log verify

# A failing gate: the wrong fix still lets the attack through; run stops at exploit, deploy refuses.
# (A fresh chain: the one above is upgraded now.)
mkdir wrong && cd wrong || exit 2
cp ../bank.json ../exploit.json . && cp ../keys.state dev.state
"$S" devnet new dev.state --accounts 5 --force >/dev/null || exit 2
"$S" devnet exec dev.state --artifact bank.json --contract EtherBankV1 >/dev/null 2>&1 || exit 2
"$S" devnet exec dev.state --artifact bank.json --contract ERC1967Proxy --arg "$impl" --arg "$init" >/dev/null 2>&1 || exit 2
"$S" devnet exec dev.state --call "$proxy" --sig 'deposit()' --value 10000000000000000000 --from "$VICTIM" >/dev/null 2>&1 || exit 2
"$S" devnet exec dev.state --artifact bank.json --contract Attacker --arg "$proxy" --from "$ATTACKER" >/dev/null 2>&1 || exit 2
sed 's/EtherBankV2Fixed/EtherBankV2Wrong/' ../suture.toml > suture.toml
expect 0 "patch 1 created" "$S" patch new
expect 1 "stopped at gate exploit" "$S" run
expect 0 "exploit: FAILED" "$S" patch show 1
expect 0 "simulate=pending" "$S" status
expect 1 "gate exploit failed (exploit-still-works)" "$S" deploy --patch 1 --key-env K0
cd .. || exit 2

# Route rules before any transaction (tests/fixtures/pipeline/README.md).
mkdir rules && cd rules || exit 2
cp "$RULES" rules.json
"$S" devnet new dev.state --accounts 5 >/dev/null || exit 2
exec_() { "$S" devnet exec dev.state "$@" 2>/dev/null; }
bridge_impl=$(exec_ --artifact rules.json --contract BridgeV2) || exit 2
bridge=$(exec_ --artifact rules.json --contract ERC1967Proxy --arg "$bridge_impl" \
  --arg "$("$S" abi encode --calldata 'initialize(address)' "$ADMIN")") || exit 2
exec_ --call "$bridge" --sig 'initializeV2(uint256,uint256)' --arg 100 --arg 70 >/dev/null || exit 2
root=0x00000000000000000000000000000000000000000000000000000000000000ab
replica_impl=$(exec_ --artifact rules.json --contract ReplicaV1) || exit 2
replica=$(exec_ --artifact rules.json --contract ERC1967Proxy --arg "$replica_impl" \
  --arg "$("$S" abi encode --calldata 'initialize(address,bytes32)' "$ADMIN" "$root")") || exit 2
# manifest NAME TARGET OLD NEW INITIALIZER-TOML
manifest() {
  cat > "$1.toml" <<TOML
[chains.dev]
chain_id = 1337
state_file = "dev.state"

[targets.t]
chain = "dev"
address = "$2"
route = "uups"
admin = "$ADMIN"

[builds.b]
path = "rules.json"

[patch]
name = "$1"
target = "t"
old = { build = "b", contract = "$3" }
new = { build = "b", contract = "$4" }

[policy]
reviewers = ["$R1", "$R2"]
threshold = 2

[deploy]
initializer = $5
TOML
  "$S" patch new --manifest "$1.toml" | sed -n 's/^patch \([0-9]*\) created.*/\1/p'
}
p=$(manifest ronin "$bridge" BridgeV2 BridgeV4 '{ function = "initializeV4()" }')
expect 1 "reinitializer-not-called" "$S" run --patch "$p"
expect 0 'BridgeV4.initializeV3(uint256)` is reinitializer(3), above the proxy'"'"'s initialized version 2' "$S" patch show "$p"
expect 0 "after which version 3 can never run" "$S" patch show "$p"
p=$(manifest ronin-v3-first "$bridge" BridgeV2 BridgeV4 '{ function = "initializeV3(uint256)", args = ["100"] }')
expect 1 'BridgeV4.initializeV4()` is reinitializer(4), above the proxy'"'"'s initialized version 2, but the upgrade calls `BridgeV4.initializeV3(uint256)`' "$S" run --patch "$p"
p=$(manifest ronin-fixed "$bridge" BridgeV2 BridgeV3 '{ function = "initializeV3(uint256)", args = ["100"] }')
expect 0 "every gate passed" "$S" run --patch "$p"
# The fuzz and invariants gates (verify/fuzz_spec.hpp) on the same state file: old and new code
# agree call by call; an invariant that holds passes; one the old code already breaks is a
# warning ("already broken"), never blamed on the patch.
sed 's/^new = .*/&\nfuzz = { runs = 40, seed = 3 }/' ronin-fixed.toml > fuzz.toml
p=$("$S" patch new --manifest fuzz.toml | sed -n 's/^patch \([0-9]*\) created.*/\1/p')
expect 0 "every gate passed" "$S" run --patch "$p"
expect 0 "fuzz: passed" "$S" patch show "$p"
expect 0 "fuzz=pass invariants=skipped" "$S" status --patch "$p"
sed 's/^new = .*/&\nfuzz = { runs = 20 }\ninvariants = ["totalOperatorWeight() >= minimumVoteWeight()", "owner() != 0"]/' \
  ronin-fixed.toml > invariants.toml
p=$("$S" patch new --manifest invariants.toml | sed -n 's/^patch \([0-9]*\) created.*/\1/p')
expect 0 "every gate passed" "$S" run --patch "$p"
expect 0 "fuzz=pass invariants=pass" "$S" status --patch "$p"
sed 's/^new = .*/&\ninvariants = ["minimumVoteWeight() > totalOperatorWeight()"]/' ronin-fixed.toml > broken.toml
p=$("$S" patch new --manifest broken.toml | sed -n 's/^patch \([0-9]*\) created.*/\1/p')
expect 0 "invariant-already-broken" "$S" run --patch "$p"
expect 0 "invariants=pass" "$S" status --patch "$p"
sed 's/^new = .*/&\nreplay = { from_block = 1, to_block = 2 }/' ronin-fixed.toml > replay.toml
p=$("$S" patch new --manifest replay.toml | sed -n 's/^patch \([0-9]*\) created.*/\1/p')
expect 1 "keeps no block history" "$S" run --patch "$p"
expect 0 "check=pass exploit=skipped replay=error" "$S" status --patch "$p"
expect 0 "stopped after gate check (--until)" "$S" run --patch "$p" --until check
p=$(manifest nomad "$replica" ReplicaV1 ReplicaV2 "{ function = \"initializeV2(bytes32)\", args = [\"0x$(printf '%064d' 0)\"] }")
expect 1 "initializer-zeroes-state" "$S" run --patch "$p"
expect 0 'sets `committedRoot` (bytes32, slot 0) to zero; the old version had set it to 0xab' "$S" patch show "$p"
p=$(manifest nomad-same-root "$replica" ReplicaV1 ReplicaV2 "{ function = \"initializeV2(bytes32)\", args = [\"$root\"] }")
expect 0 "every gate passed" "$S" run --patch "$p"
# The same finding allowed by the policy, with a reason, needing both reviewers' approvals.
sed 's/^threshold = 2/threshold = 1\n\n[[policy.allow]]\ncode = "initializer-zeroes-state"\nreviewers = 2\nreason = "the root is reset on purpose; messages are re-proven"/' nomad.toml > nomad-allowed.toml
p=$("$S" patch new --manifest nomad-allowed.toml | sed -n 's/^patch \([0-9]*\) created.*/\1/p')
expect 0 "allowed error initializer-zeroes-state" "$S" run --patch "$p"
expect 0 "simulate=pass(1 allowed)" "$S" status --patch "$p"
expect 0 "recorded" "$S" approve --patch "$p" --manifest nomad-allowed.toml --key-env K3 --yes
expect 1 'finding initializer-zeroes-state is allowed ("the root is reset on purpose; messages are re-proven") only with 2 reviewer approval(s) of the current digest; 1 counted' \
  "$S" deploy --patch "$p" --key-env K0
expect 0 "recorded" "$S" approve --patch "$p" --manifest nomad-allowed.toml --key-env K4 --yes
expect 0 "deployed on" "$S" deploy --patch "$p" --key-env K0
expect 0 "0x0000000000000000000000000000000000000000000000000000000000000000" \
  "$S" devnet exec dev.state --call "$replica" --sig 'committedRoot()(bytes32)'
cd .. || exit 2

echo "fails=$fails"
[ "$fails" -eq 0 ] && echo "pipeline cli: ok"
