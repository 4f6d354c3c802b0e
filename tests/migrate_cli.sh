#!/usr/bin/env bash
# `suture migrate` end to end on the embedded default (tests/migrate_cli.cmake):
# the fixture vault in a devnet state with 1,000 depositors and positions,
# snapshot (holders from `devnet exec --json` logs), claim tree compared with
# @openzeppelin/merkle-tree, a coverage gap, push plan, execute SIGKILLed at a
# batch boundary (SUTURE_FAULT) and run again, verify, a corrupted batch.
# Usage: migrate_cli.sh SUTURE FIXTURES_JSON WORKDIR SOURCE_DIR
set -u
S=$1 F=$2 W=$3 SRC=$4
. "$(dirname "${BASH_SOURCE[0]}")/cli_require.sh"
rm -rf "$W" && mkdir -p "$W" && cd "$W" || exit 1
word() { printf '%064x' "$1"; }
DEV0=0x77F6cbD166DD059a33afDe102d79845fDd090228
VAULT=0x0c55521AA2eda6a26CdF19fAD5b373c23Ac8604b  # CREATE by DEV0 at nonce 0
DEPOSIT=$("$S" keccak 'deposit(uint256)' | cut -c1-10)
OPEN=$("$S" keccak 'openPosition(uint128,bool)' | cut -c1-10)
CREDIT=$("$S" keccak 'credit(address,uint256)' | cut -c1-10)

expect_re 0 "" -- devnet new d.state --accounts 2
expect_re 0 "^$VAULT$" -- devnet exec d.state --artifact "$F" --contract MigrationVault
{
    echo "["
    for i in $(seq 1 1000); do
        from=$(printf '0xd0%038x' "$i")
        [ "$i" -gt 1 ] && echo ","
        printf '{"from":"%s","to":"%s","data":"%s%s"}' "$from" "$VAULT" "$DEPOSIT" "$(word $((1000000 + i)))"
        if [ $((i % 4)) -eq 0 ]; then
            printf ',{"from":"%s","to":"%s","data":"%s%s%s"}' "$from" "$VAULT" "$OPEN" "$(word $((100 + i)))" "$(word 1)"
        fi
    done
    echo "]"
} > txs.json
"$S" --json devnet exec d.state --txs txs.json > logs.json || fail "devnet exec of 1,250 transactions"
cat > spec.toml <<TOML
[migrate]
contract = "$VAULT"
not_moved = ["tags"]   # read (so its slots are explained), not moved to the new contract

[[migrate.table]]
name = "accounts"
events = ["Deposit(address indexed account, uint256 amount)"]
keys = ["account"]
fields = ["deposits", "positionCount"]
setter = "setAccounts(uint256,address[],uint256[],uint256[])"

[[migrate.table]]
name = "positions"
events = ["PositionOpened(address indexed account, uint256 indexed id, uint128 amount, bool isLong)"]
keys = ["account", "id"]
fields = ["positions"]
setter = "setPositions(uint256,address[],uint256[],(uint128,uint64,bool)[])"

[[migrate.table]]
name = "tags"
events = ["Deposit(address indexed account, uint256 amount)"]
keys = ["account"]
fields = ["tagList"]

[[migrate.total]]
variable = "totalDeposits"
sum = "accounts.deposits"

[migrate.push]
max_batch_gas = 3000000
TOML

expect_re 0 "table accounts: 1000 entries" -- migrate snapshot spec.toml --state d.state --artifact "$F" \
    --contract MigrationVault --logs logs.json -o snap.json
expect_re 0 "table positions: 250 entries" -- migrate snapshot spec.toml --state d.state --artifact "$F" \
    --contract MigrationVault --logs logs.json -o snap2.json
cmp -s snap.json snap2.json || fail "two snapshots of the same state differ"
HASH=$(NODE_PATH="$SRC/node_modules" node -e 'const {keccak256} = require("ethereum-cryptography/keccak");
  console.log("0x" + Buffer.from(keccak256(require("fs").readFileSync("snap.json"))).toString("hex"))') \
    || fail "keccak256 of snap.json in node"
expect_re 0 "hash $HASH" -- migrate snapshot spec.toml --state d.state --artifact "$F" \
    --contract MigrationVault --logs logs.json -o snap3.json --ledger l.ledger
expect_re 0 "migrate.snapshot" -- log --ledger l.ledger
expect_re 0 "$HASH" -- --json log --ledger l.ledger
expect_re 2 "no argument named holder" -- migrate snapshot <(sed 's/keys = \["account"\]/keys = ["holder"]/' spec.toml) \
    --state d.state --artifact "$F" --contract MigrationVault --logs logs.json -o bad.json
[ -e bad.json ] && fail "a refused snapshot wrote its file"

# Claim: the root and a proof against OpenZeppelin's JS library.
expect_re 0 "1000 leaves, root 0x[0-9a-f]{64}" -- migrate claim snap.json --table accounts -o proofs.json
if [ -d "$SRC/node_modules/@openzeppelin/merkle-tree" ]; then
    NODE_PATH="$SRC/node_modules" node -e '
      const {StandardMerkleTree} = require("@openzeppelin/merkle-tree");
      const p = JSON.parse(require("fs").readFileSync("proofs.json"));
      const t = StandardMerkleTree.of(p.entries.map(e => e.value), p.leafEncoding);
      if (t.root !== p.root) { console.log("FAIL: root " + p.root + " vs OZ " + t.root); process.exit(1); }
      for (const i of [0, 499, 999]) {
        if (JSON.stringify(t.getProof(i)) !== JSON.stringify(p.entries[i].proof)) { console.log("FAIL: proof " + i); process.exit(1); }
        if (!StandardMerkleTree.verify(p.root, p.leafEncoding, p.entries[i].value, p.entries[i].proof)) process.exit(1);
      }' || fail "claim tree differs from @openzeppelin/merkle-tree"
fi

# A holder credited without an event: a coverage gap naming the account (exit 1).
cp d.state gap.state
expect_re 0 "" -- devnet exec gap.state --call $VAULT --sig 'credit(address,uint256)' \
    --arg 0x1111111111111111111111111111111111111111 --arg 42
expect_re 1 "coverage gap: slot 0x[0-9a-f]+ = 42 is not explained" -- migrate snapshot spec.toml --state gap.state \
    --artifact "$F" --contract MigrationVault --logs logs.json -o gap.json
expect_re 1 "total totalDeposits = [0-9]+ != sum" -- migrate snapshot spec.toml --state gap.state \
    --artifact "$F" --contract MigrationVault --logs logs.json -o gap.json
expect_re 0 "" -- devnet exec gap.state --call $VAULT --sig 'credit(address,uint256)' --arg $DEV0 --arg 7
expect_re 1 "coverage gap: $DEV0 holds deposits" -- migrate snapshot spec.toml --state gap.state \
    --artifact "$F" --contract MigrationVault --logs logs.json -o gap.json

# Push: plan, execute killed after batch 1, run again, verify.
expect_re 0 "1250 entries in [0-9]+ batches" -- migrate plan spec.toml --snapshot snap.json --state d.state \
    --artifact "$F" --contract MigrationVaultV2 -o plan.json
cp d.state clean.state
SUTURE_FAULT=migrate/batch/1:after-receipt "$S" migrate execute spec.toml plan.json --state d.state > killed.txt 2>&1
rc=$?
[ "$rc" -eq 137 ] || fail "execute with SUTURE_FAULT at migrate/batch/1 exited $rc, expected 137 (SIGKILL): $(cat killed.txt)"
expect_re 1 "migration NOT verified" -- migrate verify spec.toml --snapshot snap.json --plan plan.json --state d.state \
    --artifact "$F" --contract MigrationVault --new MigrationVaultV2
expect_re 0 "\(4 already done on chain\)" -- migrate execute spec.toml plan.json --state d.state
expect_re 0 "migration verified: 1250 entries" -- migrate verify spec.toml --snapshot snap.json --plan plan.json \
    --state d.state --artifact "$F" --contract MigrationVault --new MigrationVaultV2
expect_re 0 "executed 0 steps" -- migrate execute spec.toml plan.json --state d.state

# A corrupted batch: planned from a snapshot with one amount changed, caught by account and field.
ACCOUNT=$(node -e 'const s=JSON.parse(require("fs").readFileSync("snap.json"));
  const t=s.tables.find(t=>t.name==="accounts"); const e=t.entries[321];
  e[1][0]=String(BigInt(e[1][0])+1n); require("fs").writeFileSync("bad-snap.json", JSON.stringify(s)); console.log(e[0][0]);')
expect_re 0 "" -- migrate plan spec.toml --snapshot bad-snap.json --state clean.state --artifact "$F" \
    --contract MigrationVaultV2 -o bad-plan.json
expect_re 0 "" -- migrate execute spec.toml bad-plan.json --state clean.state
expect_re 1 "accounts $ACCOUNT: deposits is [0-9]+ in the new contract, the snapshot has" -- migrate verify spec.toml \
    --snapshot snap.json --plan bad-plan.json --state clean.state --artifact "$F" --contract MigrationVault --new MigrationVaultV2
echo "migrate cli: ok"
