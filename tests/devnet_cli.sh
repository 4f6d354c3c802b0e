#!/usr/bin/env bash
# `suture devnet` end to end on a fresh state file (tests/devnet_cli.cmake):
# new, deploy from an artifact, calls with decoded outputs, a revert that
# exits 1 and commits nothing, a transaction list, show, and bad input.
# Usage: devnet_cli.sh SUTURE VAULT_BUILD_JSON WORKDIR
set -u
S=$1 V=$2 W=$3
. "$(dirname "$0")/cli_require.sh"
fresh_workdir "$W"
DEV0=0x77F6cbD166DD059a33afDe102d79845fDd090228   # keccak256("suture-dev-0")'s address
VAULT=0x0c55521AA2eda6a26CdF19fAD5b373c23Ac8604b  # CREATE by DEV0 at nonce 0

expect_re 0 "^\(0\) $DEV0  0x4c6eb50edd7175f5de60c28da270ac7d86f779c14d2ad7a686f5ac4a2397f87b$" -- devnet new d.state --accounts 2
expect_re 2 "already exists" -- devnet new d.state
expect_re 0 "^$VAULT$" -- devnet exec d.state --artifact "$V" --contract VaultV1
expect_re 0 "^1$" -- devnet exec d.state --call $VAULT --sig 'version()(string)'
cp d.state before-revert.state
expect_re 1 "withdraw\(uint256\) on $VAULT reverted: Error\(\"insufficient collateral\"\) \(nothing committed" \
    -- devnet exec d.state --call $VAULT --sig 'withdraw(uint256)' --arg 1
cmp -s d.state before-revert.state || fail "a reverted exec changed the state file"
expect_re 0 "^0x$" -- devnet exec d.state --call $VAULT --sig 'deposit()' --value 5
expect_re 0 "^5$" -- devnet exec d.state --call $VAULT --sig 'collateral(address)(uint256)' --arg $DEV0
cat > txs.json <<JSON
[{"from": "$DEV0", "to": "$VAULT", "value": "7", "data": "0xd0e30db0"},
 {"from": "$DEV0", "to": "$VAULT", "data": "0x2e1a7d4d0000000000000000000000000000000000000000000000000000000000000002"}]
JSON
expect_re 0 "" -- devnet exec d.state --txs txs.json
expect_re 0 "^10$" -- devnet exec d.state --call $VAULT --sig 'totalCollateral()(uint256)'
expect_re 0 "block 6 .*Cancun, 3 accounts" -- devnet show d.state
expect_re 0 "\"code_size\": 5772" -- --json devnet show d.state
expect_re 2 "exactly one of --artifact, --call or --txs" -- devnet exec d.state
expect_re 2 "not a Suture state file" -- devnet show txs.json
expect_re 2 "--from" -- devnet exec d.state --call $VAULT --sig 'deposit()' --from 0x12
echo "devnet cli: ok"
