#!/usr/bin/env bash
# `suture migrate` end to end (tests/migrate_fixtures.cmake), on the fixture
# vault with 1,000 depositors and 250 positions (a nested mapping of structs).
#   MODE state (default): the embedded default through --state FILE: snapshot
#     (holders from `devnet exec --json` logs), claim tree compared with
#     @openzeppelin/merkle-tree, coverage gaps, push plan, execute SIGKILLed at
#     a batch boundary (SUTURE_FAULT) and run again, verify, a corrupted batch.
#   MODE anvil | node-state: the same vault on a node (anvil started here, or
#     the in-process node of a state file, --rpc state:FILE): snapshot over
#     the node (eth_getLogs), push executed as signed transactions recorded in
#     the ledger, SIGKILLed after batch 1's receipt and before batch 3's send,
#     run again: complete, each batch transaction once on the chain; the claim
#     strategy (roots by the owner, claims by a relayer, proofs checked on
#     chain); verify of both; a corrupted batch named by account; a holder
#     credited without an event reported as a coverage gap.
# Usage: migrate_cli.sh SUTURE FIXTURES_JSON WORKDIR SOURCE_DIR [state|anvil|node-state]
set -u
S=$1 F=$2 W=$3 SRC=$4 MODE=${5:-state}
. "$(dirname "${BASH_SOURCE[0]}")/cli_require.sh"
rm -rf "$W" && mkdir -p "$W" && cd "$W" || exit 1
word() { printf '%064x' "$1"; }
DEV0=0x77F6cbD166DD059a33afDe102d79845fDd090228
VAULT=0x0c55521AA2eda6a26CdF19fAD5b373c23Ac8604b  # CREATE by DEV0 at nonce 0
DEPOSIT=$("$S" keccak 'deposit(uint256)' | cut -c1-10)
OPEN=$("$S" keccak 'openPosition(uint128,bool)' | cut -c1-10)

write_spec() {  # write_spec VAULT: spec.toml for the vault at that address
cat > spec.toml <<TOML
[migrate]
contract = "$1"
not_moved = ["tags"]   # read (so its slots are explained), not moved to the new contract

[[migrate.table]]
name = "accounts"
events = ["Deposit(address indexed account, uint256 amount)"]
keys = ["account"]
fields = ["deposits", "positionCount"]
setter = "setAccounts(uint256,address[],uint256[],uint256[])"
claim = "claimAccount(address,uint256,uint256,bytes32[])"
claimed = "claimedAccount(address)"

[[migrate.table]]
name = "positions"
events = ["PositionOpened(address indexed account, uint256 indexed id, uint128 amount, bool isLong)"]
keys = ["account", "id"]
fields = ["positions"]
setter = "setPositions(uint256,address[],uint256[],(uint128,uint64,bool)[])"
claim = "claimPosition(address,uint256,uint128,uint64,bool,bytes32[])"
claimed = "claimedPosition(address,uint256)"

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
}

# The vault's history as a devnet exec transaction list: 1,000 depositors, every 4th opens a position.
vault_txs() {
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
}

# bad-snap.json: SNAPSHOT with accounts entry 321's amount raised by one; prints the account.
corrupt_snapshot() {
    node -e 'const s=JSON.parse(require("fs").readFileSync(process.argv[1]));
      const t=s.tables.find(t=>t.name==="accounts"); const e=t.entries[321];
      e[1][0]=String(BigInt(e[1][0])+1n); require("fs").writeFileSync("bad-snap.json", JSON.stringify(s)); console.log(e[0][0]);' "$1"
}

if [ "$MODE" != state ]; then
    SENDS=""  # anvil: the node is asked for the batch transactions too
    if [ "$MODE" = anvil ]; then
        cat > rpc.js <<'JS'
// JSON-RPC batches for the anvil run: populate the vault, send one call, list batch transactions.
const [, , cmd, url, ...args] = process.argv;
let id = 0;
async function rpc(calls) {
  const body = calls.map(([method, params]) => ({jsonrpc: "2.0", id: ++id, method, params}));
  const res = await (await fetch(url, {method: "POST", headers: {"content-type": "application/json"}, body: JSON.stringify(body)})).json();
  for (const x of res) if (x.error) throw new Error(JSON.stringify(x.error));
  return res.sort((a, b) => a.id - b.id).map(x => x.result);
}
const word = n => BigInt(n).toString(16).padStart(64, "0");
async function main() {
  if (cmd === "populate") {  // populate VAULT DEPOSIT_SELECTOR OPEN_SELECTOR
    const [vault, dep, open] = args;
    const from = i => "0xd0" + i.toString(16).padStart(38, "0");
    for (let s = 1; s <= 1000; s += 250) {
      const setup = [], deposits = [], opens = [];
      for (let i = s; i < s + 250; ++i) {
        setup.push(["anvil_setBalance", [from(i), "0xde0b6b3a7640000"]], ["anvil_impersonateAccount", [from(i)]]);
        deposits.push(["eth_sendTransaction", [{from: from(i), to: vault, data: dep + word(1000000 + i)}]]);
        if (i % 4 === 0) opens.push(["eth_sendTransaction", [{from: from(i), to: vault, data: open + word(100 + i) + word(1)}]]);
      }
      await rpc(setup);
      for (const sends of [deposits, opens]) {  // mined before the next batch (anvil mines them as they come)
        const hashes = await rpc(sends);
        for (let missing = hashes; missing.length;) {
          const receipts = await rpc(missing.map(h => ["eth_getTransactionReceipt", [h]]));
          missing = missing.filter((h, i) => !receipts[i]);
          if (missing.length) await new Promise(r => setTimeout(r, 50));
        }
      }
    }
  } else if (cmd === "send") {  // send FROM TO DATA
    const [hash] = await rpc([["eth_sendTransaction", [{from: args[0], to: args[1], data: args[2]}]]]);
    let r = null;
    while (!(r = (await rpc([["eth_getTransactionReceipt", [hash]]]))[0])) await new Promise(ok => setTimeout(ok, 50));
    if (r.status !== "0x1") throw new Error("reverted: " + hash);
  } else if (cmd === "batches") {  // batches CONTRACT SELECTOR...: the batch index of each such transaction on chain
    const [contract, ...selectors] = args;
    const head = Number((await rpc([["eth_blockNumber", []]]))[0]);
    const out = [];
    for (let b = 0; b <= head; b += 500) {
      const calls = [];
      for (let k = b; k <= Math.min(b + 499, head); ++k) calls.push(["eth_getBlockByNumber", ["0x" + k.toString(16), true]]);
      for (const block of await rpc(calls))
        for (const tx of block.transactions)
          if (tx.to && tx.to.toLowerCase() === contract.toLowerCase() && selectors.includes(tx.input.slice(0, 10)))
            out.push(Number(BigInt("0x" + tx.input.slice(10, 74))));
    }
    console.log(out.join(" "));
  }
}
main().catch(e => { console.error(e.message); process.exit(1); });
JS

        cd "$SRC" && . scripts/anvil.sh && start_anvil || fail "anvil did not start"
        trap 'stop_anvil' EXIT
        cd "$W" || exit 1
        URL=$anvil_url
        FROM=0
        LOGS=()
        OWNER=0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266
        export OWNER_KEY=0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80
        RELAYER=0x70997970C51812dc3A010C7d01b50e0d17dc79C8
        export RELAYER_KEY=0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d
        NV=0x5FbDB2315678afecb367f032d93F642f64180aa3  # CREATE by anvil's account 0 at nonce 0
        expect_re 0 "$NV" -- create --rpc "$URL" --artifact "$F" --contract MigrationVault --key-env OWNER_KEY
        node rpc.js populate "$URL" "$NV" "$DEPOSIT" "$OPEN" || fail "populating the vault on anvil"
        credit() {  # credit ACCOUNT AMOUNT: the owner's credit, which emits no event
            local addr; addr=$(echo "$1" | cut -c3- | tr 'A-F' 'a-f')
            node rpc.js send "$URL" "$OWNER" "$NV" "$("$S" keccak 'credit(address,uint256)' | cut -c1-10)000000000000000000000000$addr$(word "$2")"
        }
    else
        expect_re 0 "" -- devnet new n.state --accounts 2
        URL=state:n.state
        FROM=2  # devnet exec's block: the state file's history starts there
        OWNER=$DEV0
        export OWNER_KEY=0x4c6eb50edd7175f5de60c28da270ac7d86f779c14d2ad7a686f5ac4a2397f87b
        RELAYER=0x3195F4fE0dEde60Ef9d6692b064efca2bFebe30B
        export RELAYER_KEY=0xfe791ae6fd1258cfe4b881172bad320d9e642fdbc5ff1418486d2b9ef8ee494a
        expect_re 0 "^$VAULT$" -- devnet exec n.state --artifact "$F" --contract MigrationVault
        NV=$VAULT
        vault_txs > txs.json
        # devnet exec commits to the file outside the node's block history: its logs come from its output.
        "$S" --json devnet exec n.state --txs txs.json > logs.json || fail "devnet exec of 1,250 transactions"
        LOGS=(--logs logs.json)
        credit() { "$S" devnet exec n.state --call "$VAULT" --sig 'credit(address,uint256)' --arg "$1" --arg "$2" > /dev/null; }
    fi
    write_spec "$NV"
    CHAIN=(--rpc "$URL")
    expect_re 0 "table accounts: 1000 entries" -- migrate snapshot spec.toml "${CHAIN[@]}" --from-block "$FROM" "${LOGS[@]}" \
        --artifact "$F" --contract MigrationVault -o snap.json
    grep -q '"coverage_gaps":\[\]' snap.json || fail "$MODE: a clean vault's snapshot has coverage gaps"
    expect_re 0 "positions: 250 leaves" -- migrate claim snap.json --table positions -o pproofs.json

    # Push, as signed transactions recorded in the ledger; killed after batch 1's receipt, then before batch 3 is sent.
    expect_re 0 "1250 entries in [0-9]+ batches" -- migrate plan spec.toml --snapshot snap.json "${CHAIN[@]}" \
        --artifact "$F" --contract MigrationVaultV2 --from "$OWNER" -o plan.json
    BATCHES=$(grep -c '"kind": "batch"' plan.json)
    NEW=$(node -e 'console.log(JSON.parse(require("fs").readFileSync("plan.json")).new_contract)')
    EXEC=(migrate execute spec.toml plan.json "${CHAIN[@]}" --key-env OWNER_KEY --ledger m.ledger)
    SUTURE_FAULT=migrate/batch/1:after-receipt "$S" "${EXEC[@]}" > killed.txt 2>&1
    rc=$?; [ "$rc" -eq 137 ] || fail "$MODE: execute with SUTURE_FAULT at batch 1 exited $rc, expected 137: $(cat killed.txt)"
    SUTURE_FAULT=migrate/batch/3:before-send "$S" "${EXEC[@]}" > killed2.txt 2>&1
    rc=$?; [ "$rc" -eq 137 ] || fail "$MODE: execute with SUTURE_FAULT before batch 3 exited $rc, expected 137: $(cat killed2.txt)"
    expect_re 1 "migration NOT verified" -- migrate verify spec.toml --snapshot snap.json --plan plan.json "${CHAIN[@]}" \
        --artifact "$F" --contract MigrationVault --new MigrationVaultV2
    expect_re 0 "resumed the interrupted migration" -- "${EXEC[@]}"
    printf '%s\n' "$out" | grep -Eq "migrate/batch/3 0x[0-9a-f]{64}: dropped, sent again, mined" \
        || fail "$MODE: batch 3, recorded and never sent, was not sent again from the ledger: $out"
    expect_re 0 "migration verified: 1250 entries" -- migrate verify spec.toml --snapshot snap.json --plan plan.json \
        "${CHAIN[@]}" --artifact "$F" --contract MigrationVault --new MigrationVaultV2
    expect_re 0 "executed 0 steps" -- "${EXEC[@]}"
    # Each batch once on the chain: the owner's nonce counts every transaction it sent
    # (vault deploy + pause, deploy, batches, finalize), and on anvil each batch index is listed.
    if [ "$MODE" = anvil ]; then
        SEEN=$(node rpc.js batches "$URL" "$NEW" "$("$S" keccak 'setAccounts(uint256,address[],uint256[],uint256[])' | cut -c1-10)" \
            "$("$S" keccak 'setPositions(uint256,address[],uint256[],(uint128,uint64,bool)[])' | cut -c1-10)") || fail "listing batches"
        [ "$(echo $SEEN | wc -w)" -eq "$BATCHES" ] || fail "anvil: $(echo $SEEN | wc -w) batch transactions on chain, the plan has $BATCHES: $SEEN"
        [ -z "$(echo $SEEN | tr ' ' '\n' | sort -n | uniq -d)" ] || fail "anvil: a batch twice on chain: $SEEN"
        [ "$(echo $SEEN | tr ' ' '\n' | sort -n | tail -1)" -eq $((BATCHES - 1)) ] || fail "anvil: batches on chain: $SEEN"
    else
        NONCE=$("$S" devnet show n.state | grep "$OWNER" | grep -Eo 'nonce [0-9]+' | cut -d' ' -f2)
        [ "$NONCE" -eq $((1 + 3 + BATCHES)) ] || fail "$MODE: the owner sent $NONCE transactions, expected $((1 + 3 + BATCHES)) (vault, pause, deploy, $BATCHES batches, finalize)"
    fi
    echo "$MODE push: $BATCHES batches, each once on chain"

    # Claim: the roots by the owner, every entry claimed by the relayer with its proof.
    expect_re 0 "1250 entries in 1250 claims" -- migrate plan spec.toml --snapshot snap.json "${CHAIN[@]}" --strategy claim \
        --artifact "$F" --contract MigrationVaultClaim --from "$OWNER" --relayer "$RELAYER" -o cplan.json
    grep -q "$(node -e 'console.log(JSON.parse(require("fs").readFileSync("pproofs.json")).root)')" cplan.json \
        || fail "$MODE: the claim plan's positions root is not migrate claim's"
    expect_re 0 "executed 1252 steps \(1 already done" -- migrate execute spec.toml cplan.json "${CHAIN[@]}" \
        --key-env OWNER_KEY --relayer-key-env RELAYER_KEY --ledger m.ledger
    expect_re 0 "migration verified: 1250 entries" -- migrate verify spec.toml --snapshot snap.json --plan cplan.json \
        "${CHAIN[@]}" --artifact "$F" --contract MigrationVault --new MigrationVaultClaim

    # A corrupted batch, caught by account and field.
    ACCOUNT=$(corrupt_snapshot snap.json)
    expect_re 0 "" -- migrate plan spec.toml --snapshot bad-snap.json "${CHAIN[@]}" --artifact "$F" \
        --contract MigrationVaultV2 --from "$OWNER" -o bad-plan.json
    expect_re 0 "" -- migrate execute spec.toml bad-plan.json "${CHAIN[@]}" --key-env OWNER_KEY --ledger m.ledger
    expect_re 1 "accounts $ACCOUNT: deposits is [0-9]+ in the new contract, the snapshot has" -- migrate verify spec.toml \
        --snapshot snap.json --plan bad-plan.json "${CHAIN[@]}" --artifact "$F" --contract MigrationVault --new MigrationVaultV2

    # A holder credited without an event: a coverage gap naming it (exit 1). Not on node-state: the
    # in-process node's history does not hold devnet exec's blocks, so no transaction names the holder.
    [ "$MODE" = anvil ] || { echo "migrate cli: ok"; exit 0; }
    credit 0x1111111111111111111111111111111111111111 42 || fail "$MODE: credit"
    expect_re 1 "coverage gap: 0x1111111111111111111111111111111111111111 holds deposits" -- migrate snapshot spec.toml \
        "${CHAIN[@]}" --from-block "$FROM" --artifact "$F" --contract MigrationVault -o gap.json
    echo "migrate cli: ok"
    exit 0
fi

expect_re 0 "" -- devnet new d.state --accounts 2
expect_re 0 "^$VAULT$" -- devnet exec d.state --artifact "$F" --contract MigrationVault
vault_txs > txs.json
"$S" --json devnet exec d.state --txs txs.json > logs.json || fail "devnet exec of 1,250 transactions"
write_spec "$VAULT"

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
ACCOUNT=$(corrupt_snapshot snap.json)
expect_re 0 "" -- migrate plan spec.toml --snapshot bad-snap.json --state clean.state --artifact "$F" \
    --contract MigrationVaultV2 -o bad-plan.json
expect_re 0 "" -- migrate execute spec.toml bad-plan.json --state clean.state
expect_re 1 "accounts $ACCOUNT: deposits is [0-9]+ in the new contract, the snapshot has" -- migrate verify spec.toml \
    --snapshot snap.json --plan bad-plan.json --state clean.state --artifact "$F" --contract MigrationVault --new MigrationVaultV2
echo "migrate cli: ok"
