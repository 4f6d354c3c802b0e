#!/usr/bin/env bash
# The main job. Until `suture demo` exists (issue: the derivatives venue
# demo), this runs the most complete real job the tool has, on the example in
# examples/vault:
#   1. the upgrade-safety gate on the real fix (passes) and on a hurried,
#      unsafe fix (blocked, exit 1, with the findings and the layout diff);
#   2. the patch protocol on the embedded default (scripts/demo-protocol.sh):
#      incident, the gates (check, exploit, fuzz, invariants, simulate), 2-of-3
#      approvals over the patch digest, the deploy, the ledger, the reports;
#   3. the in-process EVM's conformance on the Ethereum state tests;
#   4. deployment of the fix through the UUPS route on a local anvil node,
#      with post-deploy verification (when the deploy route is available).
set -euo pipefail
build=${1:-build}
S=$build/suture
vault=$build/examples/vault.json
shared=${SUTURE_SHARED:-$(cd "$(dirname "$0")/../.." && pwd)/shared}

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

$S --version

step "check: VaultV1 -> VaultV2 (the fix: debit before paying, lock appended)"
$S check --old "$vault" --old-contract VaultV1 --new "$vault" --new-contract VaultV2

step "check: VaultV1 -> VaultV2Unsafe (a hurried fix: lock inserted first, initializer left open)"
set +e
$S check --old "$vault" --old-contract VaultV1 --new "$vault" --new-contract VaultV2Unsafe
rc=$?
set -e
if [[ $rc -ne 1 ]]; then echo "demo: expected the unsafe fix to be blocked (exit 1), got $rc" >&2; exit 1; fi
echo "(blocked as expected: exit $rc)"

step "the patch protocol on the embedded default (no node): VaultV1 -> VaultV2"
bash "$(dirname "$0")/demo-protocol.sh" "$build"

if [[ -d $shared/ethereum-tests/GeneralStateTests ]]; then
  step "evm: Cancun state tests (../shared/ethereum-tests/GeneralStateTests)"
  $S evm statetest "$shared/ethereum-tests/GeneralStateTests" | tail -3
fi

if [[ -x scripts/demo-deploy.sh ]]; then
  step "deploy: VaultV2 through the UUPS route on a local anvil node"
  bash scripts/demo-deploy.sh "$build"
fi
