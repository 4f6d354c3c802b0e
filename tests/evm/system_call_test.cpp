// EIP-2935 historical block hashes served from state: the pre-block system
// call stores the parent hash in the history contract (the EIP's own code),
// and a transaction reads it back through the contract's get path.
#include <gtest/gtest.h>

#include "core/keccak.hpp"
#include "evm/state_memory.hpp"
#include "evm/system_call.hpp"

namespace suture::evm {
namespace {

class HistoryStorage : public ::testing::Test {
protected:
    HistoryStorage() {
        state.set_account(kHistoryStorageAddress, 1, 0, history_storage_code());
        sender.bytes[19] = 0x51;
        state.set_account(sender, 0, uint256(1'000'000'000'000ULL), {});
        block.number = 100;
        block.gas_limit = 30'000'000;
        block.base_fee = 1;
    }
    Result<TxOutcome> read(uint64_t number) {
        Transaction tx;
        tx.type = TxType::dynamic_fee;
        tx.sender = sender;
        tx.to = kHistoryStorageAddress;
        tx.nonce = state.find(sender)->nonce;
        tx.gas_limit = 100'000;
        tx.max_fee_per_gas = 1;
        const Bytes32 word = uint256(number).to_bytes32();
        tx.data.assign(word.begin(), word.end());
        auto out = execute_transaction(state, Revision::prague, block, tx);
        if (out) state.apply(out->diff);
        return out;
    }
    MemoryBackend state;
    BlockEnv block;
    Address sender;
};

TEST_F(HistoryStorage, TheSystemCallStoresTheParentHashAtNumberMinusOneModTheWindow) {
    const Bytes32 parent = keccak256("block 99");
    auto diff = store_parent_hash(state, Revision::prague, block, parent);
    ASSERT_TRUE(diff) << diff.error().message;
    state.apply(*diff);
    EXPECT_EQ(*state.storage(kHistoryStorageAddress, uint256(99)), uint256::from_bytes32(parent));
    EXPECT_FALSE(state.find(kSystemAddress));  // the system address is not created

    auto got = read(99);
    ASSERT_TRUE(got) << got.error().message;
    EXPECT_EQ(got->receipt.status, StatusCode::success);
    EXPECT_EQ(got->receipt.output, Bytes(parent.begin(), parent.end()));
    // Never stored: zero. The current block and the future: the contract reverts.
    auto older = read(98);
    ASSERT_TRUE(older);
    EXPECT_EQ(older->receipt.output, Bytes(32, 0));
    auto current = read(100);
    ASSERT_TRUE(current);
    EXPECT_EQ(current->receipt.status, StatusCode::revert);
}

TEST_F(HistoryStorage, TheWindowWrapsAt8191) {
    block.number = 8191 + 5;  // parent 8195 lands in slot 4
    const Bytes32 parent = keccak256("block 8195");
    auto diff = store_parent_hash(state, Revision::prague, block, parent);
    ASSERT_TRUE(diff);
    state.apply(*diff);
    EXPECT_EQ(*state.storage(kHistoryStorageAddress, uint256(4)), uint256::from_bytes32(parent));
    auto got = read(8195);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->receipt.output, Bytes(parent.begin(), parent.end()));
    // Block 4 is more than 8191 blocks back: out of the window, the contract reverts.
    auto stale = read(4);
    ASSERT_TRUE(stale);
    EXPECT_EQ(stale->receipt.status, StatusCode::revert);
}

TEST_F(HistoryStorage, NothingRunsBeforePragueOrWithoutTheContract) {
    auto cancun = store_parent_hash(state, Revision::cancun, block, keccak256("x"));
    ASSERT_TRUE(cancun);
    EXPECT_TRUE(cancun->accounts.empty());
    MemoryBackend bare;
    auto none = store_parent_hash(bare, Revision::prague, block, keccak256("x"));
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->accounts.empty());
}

}  // namespace
}  // namespace suture::evm
