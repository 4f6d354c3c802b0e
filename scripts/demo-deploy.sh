#!/usr/bin/env bash
# Part of the main job: the vault as deployed (VaultV1 behind a UUPS proxy,
# with user collateral) on a local anvil node, then the fix (VaultV2) shipped
# through the UUPS route with simulation, post-deploy verification and the
# upgrade-safety gate first. Starts and stops its own node.
set -euo pipefail
build=${1:-build}
S=$build/suture
vault=$build/examples/vault.json
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/anvil.sh"

# A private node on a free loopback port (the node is ours alone).
trap stop_anvil EXIT
start_anvil || exit 1
rpc=$anvil_url

# anvil's first two well-known development accounts: the protocol owner and a user.
export OWNER_KEY=0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80
owner=0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266

echo "-- the vault as deployed: VaultV1 behind a UUPS proxy (anvil at $rpc)"
v1=$($S create --rpc "$rpc" --artifact "$vault" --contract VaultV1 --key-env OWNER_KEY)
init=$($S abi encode --calldata 'initialize(address)' "$owner")
proxy=$($S create --rpc "$rpc" --artifact "$vault" --contract VaultProxy --arg "$v1" --arg "$init" --key-env OWNER_KEY)
echo "implementation $v1, proxy $proxy"

echo "-- inspect"
$S inspect "$proxy" --rpc "$rpc"

echo "-- gate: upgrade safety VaultV1 -> VaultV2"
$S check --old "$vault" --old-contract VaultV1 --new "$vault" --new-contract VaultV2 | tail -1

echo "-- deploy refuses the unsafe fix (VaultV2Unsafe): the check gate reads the live implementation first"
set +e
$S deploy --route uups --rpc "$rpc" --proxy "$proxy" --artifact "$vault" --contract VaultV2Unsafe \
  --key-env OWNER_KEY 2>&1 | grep -E "^(error|refused|suture: error)"
rc=${PIPESTATUS[0]}
set -e
if [[ $rc -ne 1 ]]; then echo "demo: expected deploy to refuse VaultV2Unsafe (exit 1), got $rc" >&2; exit 1; fi

echo "-- deploy: VaultV2 through the uups route, checked and simulated before, verified after"
$S deploy --route uups --rpc "$rpc" --proxy "$proxy" --artifact "$vault" --contract VaultV2 \
  --key-env OWNER_KEY --smoke 'version()(string) = 2'

echo "-- inspect after"
$S inspect "$proxy" --rpc "$rpc" | grep -i implementation
