// `suture migrate snapshot` on the embedded default: the fixture vault
// (tests/fixtures/migrate) with 1,000 depositors, open positions in a nested
// mapping of structs and a dynamic array per account, built in a devnet
// state; holders from the Deposit/PositionOpened logs; storage read at the
// layout's slots; totals; coverage gaps for holders the events miss; the
// canonical file round trip; and the claim strategy's Merkle proof checked by
// OpenZeppelin's MerkleProof in the in-process EVM.
#include <gtest/gtest.h>

#include <set>

#include <map>

#include "core/keccak.hpp"
#include "verify/merkle_tree.hpp"
#include "verify/migration_vault_fixture.hpp"

namespace suture::verify {
namespace {

using migrate_fixture::VaultChain;
using migrate_fixture::call;
using migrate_fixture::depositor;
using migrate_fixture::amount_of;

TEST_F(VaultChain, SnapshotReadsEveryHolderPositionAndTotal) {
    auto s = snapshot();
    ASSERT_TRUE(s.ok()) << s.error().message;
    EXPECT_TRUE(s->coverage_checked);
    EXPECT_TRUE(s->gaps.empty()) << (s->gaps.empty() ? "" : s->gaps[0].message);

    const SnapshotTable* accounts = s->table("accounts");
    ASSERT_NE(accounts, nullptr);
    ASSERT_EQ(accounts->entries.size(), 1000u);
    ASSERT_EQ(accounts->columns.size(), 3u);
    EXPECT_EQ(accounts->columns[2].name, "tagList[]");
    EXPECT_EQ(accounts->columns[2].type.canonical(), "uint32[]");
    std::map<Address, const SnapshotEntry*> by_account;
    for (const auto& e : accounts->entries) by_account[e.key[0].as_address()] = &e;
    for (uint32_t i = 0; i < 1000; ++i) {
        const SnapshotEntry* e = by_account.at(depositor(i));
        const uint256 want = amount_of(i) + (i % 3 == 0 ? uint256(5) : uint256(0));
        ASSERT_EQ(e->values[0].as_uint(), want) << i;
        ASSERT_EQ(e->values[1].as_uint(), uint256(i % 4)) << i;
        const auto& tags = e->values[2].as_list();
        ASSERT_EQ(tags.size(), i % 3 == 0 ? 2u : 1u) << i;
        ASSERT_EQ(tags[0].as_uint(), uint256((amount_of(i) % uint256(1000)).low64())) << i;
    }

    const SnapshotTable* positions = s->table("positions");
    ASSERT_NE(positions, nullptr);
    ASSERT_EQ(positions->entries.size(), positions_.size());
    ASSERT_EQ(positions->columns.size(), 3u);
    EXPECT_EQ(positions->columns[0].name, "positions.amount");
    EXPECT_EQ(positions->columns[0].type.canonical(), "uint128");
    EXPECT_EQ(positions->columns[1].name, "positions.openedAt");
    EXPECT_EQ(positions->columns[2].type.canonical(), "bool");
    for (const auto& e : positions->entries) {
        uint32_t i = 0;
        for (; i < 1000 && depositor(i) != e.key[0].as_address(); ++i) {}
        const auto& want = positions_.at({i, static_cast<uint32_t>(e.key[1].as_uint().low64())});
        ASSERT_EQ(e.values[0].as_uint(), want.amount);
        ASSERT_EQ(e.values[1].as_uint(), uint256(state_->block.timestamp));  // all opened in one block
        ASSERT_EQ(e.values[2].as_bool(), want.is_long);
    }

    ASSERT_EQ(s->totals.size(), 1u);
    EXPECT_EQ(s->totals[0].on_chain, s->totals[0].summed);
    EXPECT_NE(s->totals[0].on_chain, uint256(0));

    // Canonical file: parses back to the same text, so the same hash.
    const std::string text = snapshot_json(*s);
    auto back = parse_snapshot(text);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(snapshot_json(*back), text);
    EXPECT_EQ(snapshot_hash(text), snapshot_hash(snapshot_json(*back)));
}

TEST_F(VaultChain, ClaimProofVerifiesInOpenZeppelinMerkleProof) {
    auto s = snapshot();
    ASSERT_TRUE(s.ok()) << s.error().message;
    const SnapshotTable& accounts = *s->table("accounts");
    const std::vector<abi::AbiType> types = {abi::AbiType::simple(abi::AbiKind::address), abi::AbiType::uint(),
                                             abi::AbiType::uint()};
    std::vector<Bytes32> leaves;
    for (const auto& e : accounts.entries)
        leaves.push_back(standard_leaf_hash(types, {e.key[0], e.values[0], e.values[1]}).value());
    auto tree = MerkleTree::build(leaves).value();

    auto claim_ref = solidity::find_contract(*builds_, "MigrationVaultClaim");
    ASSERT_TRUE(claim_ref.ok());
    ASSERT_TRUE(run({{owner_, std::nullopt, {}, from_hex(claim_ref->contract->bytecode).value()}}));
    const Address claim = *last_created_;
    const Bytes root(tree.root().begin(), tree.root().end());
    ASSERT_TRUE(run({{owner_, claim, {}, call("setRoots(bytes32[])", {abi::AbiValue(abi::AbiValue::List{root, Bytes(32, 0)})})}}));
    const Address relayer = chain::dev_key(7)->address();  // claims for the holder: proofs, not signatures

    auto claim_call = [&](size_t entry, uint256 amount) {
        const auto& e = accounts.entries[entry];
        abi::AbiValue::List proof;
        for (const auto& p : tree.proof(entry)) proof.push_back(Bytes(p.begin(), p.end()));
        return PocTransaction{relayer, claim, {},
                              call("claimAccount(address,uint256,uint256,bytes32[])", {e.key[0], amount, e.values[1], proof})};
    };
    // A forged amount is refused; the snapshot's amount is accepted.
    EXPECT_FALSE(run({claim_call(417, accounts.entries[417].values[0].as_uint() + uint256(1))}));
    ASSERT_TRUE(run({claim_call(417, accounts.entries[417].values[0].as_uint())}));
    // Gas of one claim (10 proof elements for 1,000 leaves), for docs/migrate.md.
    RecordProperty("claim_gas", std::to_string(last_gas_));
    EXPECT_EQ(tree.proof(417).size(), 10u);
    auto stored = state_->accounts.storage(
        claim, uint256::from_bytes32(keccak256(BytesView(
                   abi::encode({abi::AbiType::simple(abi::AbiKind::address), abi::AbiType::uint()},
                               {accounts.entries[417].key[0], uint256(4)})  // deposits: slot 4
                       .value()))));
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(*stored, accounts.entries[417].values[0].as_uint());
}

TEST_F(VaultChain, HolderReachedOnlyByAnUndeclaredPathIsACoverageGap) {
    const Address known = chain::dev_key(5)->address();  // an account of the state, in no declared event
    Address stranger;
    stranger.bytes.fill(0xee);                            // never seen anywhere
    struct Restore {
        chain::LocalState saved = *state_;
        ~Restore() { *state_ = std::move(saved); }
    } restore;
    ASSERT_TRUE(run({{owner_, vault_, {}, call("credit(address,uint256)", {known, uint256(777)})},
                     {owner_, vault_, {}, call("credit(address,uint256)", {stranger, uint256(99)})}}));
    auto s = snapshot();
    ASSERT_TRUE(s.ok()) << s.error().message;
    EXPECT_EQ(s->table("accounts")->entries.size(), 1000u);
    ASSERT_EQ(s->gaps.size(), 2u);
    const CoverageGap* named = s->gaps[0].table.empty() ? &s->gaps[1] : &s->gaps[0];
    const CoverageGap* unnamed = s->gaps[0].table.empty() ? &s->gaps[0] : &s->gaps[1];
    EXPECT_EQ(named->table, "accounts");
    EXPECT_EQ(named->field, "deposits");
    ASSERT_EQ(named->key.size(), 1u);
    EXPECT_EQ(named->key[0].as_address(), known);
    EXPECT_EQ(named->value, uint256(777));
    EXPECT_NE(named->message.find(to_checksum(known)), std::string::npos) << named->message;
    EXPECT_TRUE(unnamed->field.empty());
    EXPECT_EQ(unnamed->value, uint256(99));
    EXPECT_NE(unnamed->message.find("not explained"), std::string::npos) << unnamed->message;
    // The total no longer matches the sum of the entries: 876 more on chain.
    EXPECT_EQ(s->totals[0].on_chain - s->totals[0].summed, uint256(876));
}

TEST_F(VaultChain, UndeclaredMappingIsNamedInTheGap) {
    // Without the tagList field, every depositor's tag array (length slot and
    // one packed data slot) is state the snapshot does not hold.
    auto s = snapshot(false);
    ASSERT_TRUE(s.ok()) << s.error().message;
    ASSERT_EQ(s->gaps.size(), 2000u);
    std::set<Address> holders;
    for (const auto& g : s->gaps) {
        ASSERT_TRUE(g.table.empty()) << g.message;
        ASSERT_TRUE(g.field == "tagList" || g.field == "tagList[]") << g.message;
        ASSERT_EQ(g.key.size(), 1u);
        holders.insert(g.key[0].as_address());
        ASSERT_NE(g.message.find("a mapping no table of the spec declares"), std::string::npos) << g.message;
    }
    EXPECT_EQ(holders.size(), 1000u);
    EXPECT_TRUE(holders.count(depositor(0)));
    // Gaps travel in the canonical file too.
    const std::string text = snapshot_json(*s);
    auto back = parse_snapshot(text);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(snapshot_json(*back), text);
}

}  // namespace
}  // namespace suture::verify
