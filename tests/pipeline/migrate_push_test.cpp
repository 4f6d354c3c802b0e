// The push strategy of `suture migrate` on the embedded default: the fixture
// vault's 1,000 depositors and their positions written to MigrationVaultV2 in
// gas-bounded numbered batches, then read back by migrate verify; an
// interrupted execution run again completes without a duplicate batch; a
// corrupted batch is caught naming the account and the field.
#include <gtest/gtest.h>

#include "chain/devnet.hpp"
#include "evm/state_overlay.hpp"
#include "pipeline/migrate_push.hpp"
#include "verify/migration_verify.hpp"
#include "verify/migration_vault_fixture.hpp"

namespace suture::pipeline {
namespace {

using verify::migrate_fixture::VaultChain;

class MigratePush : public VaultChain {
protected:
    static MigrationCalls push_spec() {
        MigrationCalls p;
        p.setters = {{"accounts", "setAccounts(uint256,address[],uint256[],uint256[])"},
                     {"positions", "setPositions(uint256,address[],uint256[],(uint128,uint64,bool)[])"}};
        p.max_batch_gas = 3'000'000;
        return p;
    }
    static PlanChain chain_of(chain::LocalState& s) {
        return {s.accounts, s.revision, chain::next_block(s.block)};
    }
    static Bytes v2_code() {
        auto ref = solidity::find_contract(*builds_, "MigrationVaultV2");
        return from_hex(ref.value().contract->bytecode).value();
    }
    static Result<verify::MigrationVerification> check(const verify::MigrationSnapshot& snap, const MigrationPlan& plan,
                                                       chain::LocalState& state) {
        auto ref = solidity::find_contract(*builds_, "MigrationVaultV2");
        auto v2_layout = solidity::load_storage(*ref->build, *ref->contract).value();
        verify::MigrationTargets t{plan.old_contract, plan.new_contract, layout_, &v2_layout, "paused"};
        return verify::verify_migration(spec(false), snap, t, state.accounts);
    }
};

TEST_F(MigratePush, WritesEveryEntryInBoundedBatchesAndVerifies) {
    auto snap = snapshot(false);
    ASSERT_TRUE(snap.ok()) << snap.error().message;
    chain::LocalState state = *state_;
    auto plan = plan_push(*snap, push_spec(), chain_of(state), owner_, v2_code());
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    EXPECT_EQ(plan->entries, snap->entry_count());
    size_t batches = 0, written = 0;
    for (const auto& s : plan->steps)
        if (s.kind == "batch") {
            ++batches;
            written += s.count;
            EXPECT_LE(s.gas, 3'000'000) << s.id;
        }
    EXPECT_EQ(written, snap->entry_count());
    EXPECT_GT(batches, 2u);  // 1,000 accounts + 1,500 positions do not fit one 3M-gas batch
    EXPECT_EQ(plan->steps.front().kind, "pause");
    EXPECT_EQ(plan->steps.back().kind, "finalize");

    // Before execution: nothing migrated, verify fails (and says why).
    // Execute, then verify passes.
    size_t commits = 0;
    auto ex = execute_on_state(*plan, push_spec(), state, [&](const chain::LocalState&) -> Status { ++commits; return {}; });
    ASSERT_TRUE(ex.ok()) << ex.error().message;
    EXPECT_EQ(ex->executed, plan->steps.size());
    EXPECT_EQ(commits, plan->steps.size());
    auto v = check(*snap, *plan, state);
    ASSERT_TRUE(v.ok()) << v.error().message;
    EXPECT_TRUE(v->ok()) << v->mismatches.front().message;
    EXPECT_EQ(v->entries_checked, snap->entry_count());

    // Run again: every step is seen done, nothing is sent.
    auto again = execute_on_state(*plan, push_spec(), state, [](const chain::LocalState&) -> Status { return {}; });
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(again->executed, 0u);
    EXPECT_EQ(again->already_done, plan->steps.size());
}

TEST_F(MigratePush, InterruptedExecutionResumesWithoutDuplicateBatch) {
    auto snap = snapshot(false);
    ASSERT_TRUE(snap.ok()) << snap.error().message;
    chain::LocalState state = *state_;
    auto plan = plan_push(*snap, push_spec(), chain_of(state), owner_, v2_code());
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    // The "crash": the commit after the 4th step (pause, deploy, batch 0, batch 1) fails.
    chain::LocalState saved = state;
    size_t commits = 0;
    auto first = execute_on_state(*plan, push_spec(), state, [&](const chain::LocalState& s) -> Status {
        if (++commits == 5) return input_error("disk full");
        saved = s;
        return {};
    });
    ASSERT_FALSE(first.ok());
    state = saved;  // what the file holds: the four committed steps
    auto second = execute_on_state(*plan, push_spec(), state, [](const chain::LocalState&) -> Status { return {}; });
    ASSERT_TRUE(second.ok()) << second.error().message;
    EXPECT_EQ(second->already_done, 4u);
    EXPECT_EQ(second->executed, plan->steps.size() - 4);
    ASSERT_EQ(second->executed_ids.front(), "migrate/batch/2");
    auto v = check(*snap, *plan, state);
    ASSERT_TRUE(v.ok()) << v.error().message;
    EXPECT_TRUE(v->ok()) << v->mismatches.front().message;  // totals would double with a batch written twice
}

TEST_F(MigratePush, CorruptedBatchIsCaughtNamingAccountAndField) {
    auto snap = snapshot(false);
    ASSERT_TRUE(snap.ok()) << snap.error().message;
    // The batch data is built from a snapshot whose entry 123 of positions has a wrong amount.
    verify::MigrationSnapshot bad = *snap;
    auto& table = bad.tables[1];
    ASSERT_EQ(table.name, "positions");
    table.entries[123].values[0] = abi::AbiValue(table.entries[123].values[0].as_uint() + uint256(1));
    chain::LocalState state = *state_;
    auto plan = plan_push(bad, push_spec(), chain_of(state), owner_, v2_code());
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    ASSERT_TRUE(execute_on_state(*plan, push_spec(), state, [](const chain::LocalState&) -> Status { return {}; }).ok());
    auto v = check(*snap, *plan, state);
    ASSERT_TRUE(v.ok()) << v.error().message;
    ASSERT_EQ(v->mismatches.size(), 1u);
    const auto& m = v->mismatches[0];
    EXPECT_EQ(m.table, "positions");
    EXPECT_EQ(m.field, "positions.amount");
    EXPECT_EQ(m.key[0].as_address(), snap->tables[1].entries[123].key[0].as_address());
    EXPECT_NE(m.message.find(to_checksum(m.key[0].as_address())), std::string::npos) << m.message;
    EXPECT_NE(m.message.find("positions.amount"), std::string::npos) << m.message;
}

TEST_F(MigratePush, UnpausedOldContractAndWrongTotalAreMismatches) {
    auto snap = snapshot(false);
    ASSERT_TRUE(snap.ok()) << snap.error().message;
    chain::LocalState state = *state_;
    auto plan = plan_push(*snap, push_spec(), chain_of(state), owner_, v2_code());
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    ASSERT_TRUE(execute_on_state(*plan, push_spec(), state, [](const chain::LocalState&) -> Status { return {}; }).ok());
    // Undo the pause (slot 0 packs owner and paused) and move the new total by one.
    evm::OverlayBackend edit(state.accounts);
    const uint256 slot0 = state.accounts.storage(plan->old_contract, uint256(0)).value();
    ASSERT_NE(slot0 >> 160, uint256(0));
    ASSERT_TRUE(edit.set_storage(plan->old_contract, uint256(0), slot0 & ((uint256(1) << 160) - uint256(1))).ok());
    auto v2 = solidity::find_contract(*builds_, "MigrationVaultV2");
    auto v2_layout = solidity::load_storage(*v2->build, *v2->contract).value();
    uint256 total_slot;
    for (const auto& item : v2_layout.main.items)
        if (item.label == "totalDeposits") total_slot = uint256::from_bytes32(item.slot.to_be32());
    const uint256 new_total = state.accounts.storage(plan->new_contract, total_slot).value();
    ASSERT_TRUE(edit.set_storage(plan->new_contract, total_slot, new_total + uint256(1)).ok());
    state.accounts.apply(edit.net_diff().value());

    auto v = check(*snap, *plan, state);
    ASSERT_TRUE(v.ok()) << v.error().message;
    ASSERT_EQ(v->mismatches.size(), 2u);
    EXPECT_NE(v->mismatches[0].message.find("total totalDeposits: the new contract's is " + (new_total + uint256(1)).to_dec()),
              std::string::npos) << v->mismatches[0].message;
    EXPECT_NE(v->mismatches[1].message.find("not paused"), std::string::npos) << v->mismatches[1].message;
}

}  // namespace
}  // namespace suture::pipeline
