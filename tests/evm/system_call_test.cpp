// EIP-2935 historical block hashes served from state: the pre-block system
// call stores the parent hash in the history contract (the EIP's own code),
// and a transaction reads it back through the contract's get path.
#include <gtest/gtest.h>

#include "core/hex.hpp"
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

// The other system contracts, deployed with their EIPs' code: EIP-4788's
// beacon roots (Cancun), EIP-7002's withdrawal and EIP-7251's consolidation
// request queues (Prague), and EIP-6110's deposit logs.
class SystemContracts : public ::testing::Test {
protected:
    SystemContracts() {
        state.set_account(kBeaconRootsAddress, 1, 0, beacon_roots_code());
        state.set_account(kHistoryStorageAddress, 1, 0, history_storage_code());
        state.set_account(kWithdrawalQueueAddress, 1, 0, withdrawal_queue_code());
        state.set_account(kConsolidationQueueAddress, 1, 0, consolidation_queue_code());
        sender.bytes[19] = 0x51;
        state.set_account(sender, 0, uint256(1'000'000'000'000ULL), {});
        block.number = 100;
        block.timestamp = 1'750'000'000;
        block.gas_limit = 30'000'000;
        block.base_fee = 1;
    }
    Result<TxOutcome> call(const Address& to, Bytes data, uint256 value = {}) {
        Transaction tx;
        tx.type = TxType::dynamic_fee;
        tx.sender = sender;
        tx.to = to;
        tx.nonce = state.find(sender)->nonce;
        tx.gas_limit = 200'000;
        tx.max_fee_per_gas = 1;
        tx.value = value;
        tx.data = std::move(data);
        auto out = execute_transaction(state, Revision::prague, block, tx);
        if (out) state.apply(out->diff);
        return out;
    }
    static Bytes word(uint64_t v) {
        const Bytes32 w = uint256(v).to_bytes32();
        return Bytes(w.begin(), w.end());
    }
    MemoryBackend state;
    BlockEnv block;
    Address sender;
};

TEST_F(SystemContracts, PreBlockCallsStoreTheBeaconRootAndTheParentHash) {
    const Bytes32 root = keccak256("beacon root"), parent = keccak256("block 99");
    block.parent_beacon_root = root;
    auto diff = pre_block_calls(state, Revision::prague, block, parent);
    ASSERT_TRUE(diff) << diff.error().message;
    state.apply(*diff);
    // EIP-4788: timestamp at timestamp % 8191, the root 8191 slots later.
    const uint64_t slot = uint64_t(block.timestamp) % kBeaconRootsBufferLength;
    EXPECT_EQ(*state.storage(kBeaconRootsAddress, uint256(slot)), uint256(uint64_t(block.timestamp)));
    EXPECT_EQ(*state.storage(kBeaconRootsAddress, uint256(slot + kBeaconRootsBufferLength)), uint256::from_bytes32(root));
    EXPECT_EQ(*state.storage(kHistoryStorageAddress, uint256(99)), uint256::from_bytes32(parent));
    EXPECT_FALSE(state.find(kSystemAddress));

    // A transaction reads the root back by timestamp; an unknown timestamp reverts.
    auto got = call(kBeaconRootsAddress, word(uint64_t(block.timestamp)));
    ASSERT_TRUE(got) << got.error().message;
    EXPECT_EQ(got->receipt.status, StatusCode::success);
    EXPECT_EQ(got->receipt.output, Bytes(root.begin(), root.end()));
    auto unknown = call(kBeaconRootsAddress, word(uint64_t(block.timestamp) - 12));
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->receipt.status, StatusCode::revert);
}

TEST_F(SystemContracts, BeaconRootsRunFromCancunAndOnlyWithARoot) {
    block.parent_beacon_root = keccak256("root");
    auto shanghai = pre_block_calls(state, Revision::shanghai, block, keccak256("p"));
    ASSERT_TRUE(shanghai);
    EXPECT_TRUE(shanghai->accounts.empty());
    auto cancun = pre_block_calls(state, Revision::cancun, block, keccak256("p"));
    ASSERT_TRUE(cancun);
    ASSERT_EQ(cancun->accounts.size(), 1u);  // the beacon roots contract only: EIP-2935 is Prague's
    EXPECT_EQ(cancun->accounts[0].address, kBeaconRootsAddress);
    block.parent_beacon_root.reset();
    auto no_root = pre_block_calls(state, Revision::cancun, block, keccak256("p"));
    ASSERT_TRUE(no_root);
    EXPECT_TRUE(no_root->accounts.empty());
}

TEST_F(SystemContracts, DequeueCallsReturnTheQueuedRequestsOnce) {
    // EIP-7002: calldata is the validator's 48-byte pubkey and an 8-byte
    // big-endian amount; the fee is 1 wei while the excess is zero.
    Bytes pubkey(48, 0xab), request = pubkey;
    const Bytes amount = {0, 0, 0, 0, 0, 0, 0x12, 0x34};
    request.insert(request.end(), amount.begin(), amount.end());
    auto queued = call(kWithdrawalQueueAddress, request, uint256(1));
    ASSERT_TRUE(queued) << queued.error().message;
    ASSERT_EQ(queued->receipt.status, StatusCode::success);
    // EIP-7251: source and target pubkeys (96 bytes).
    Bytes consolidation(48, 0x01);
    consolidation.insert(consolidation.end(), 48, 0x02);
    auto queued2 = call(kConsolidationQueueAddress, consolidation, uint256(1));
    ASSERT_TRUE(queued2) << queued2.error().message;
    ASSERT_EQ(queued2->receipt.status, StatusCode::success);

    auto requests = post_block_requests(state, Revision::prague, block, {});
    ASSERT_TRUE(requests) << requests.error().message;
    ASSERT_EQ(requests->requests.size(), 2u);
    // A withdrawal request: type 1, source address, pubkey, amount (the EIP's
    // output carries the amount little-endian).
    Bytes expected = {0x01};
    expected.insert(expected.end(), sender.bytes.begin(), sender.bytes.end());
    expected.insert(expected.end(), pubkey.begin(), pubkey.end());
    expected.insert(expected.end(), amount.rbegin(), amount.rend());
    EXPECT_EQ(to_hex(requests->requests[0]), to_hex(expected));
    Bytes expected2 = {0x02};
    expected2.insert(expected2.end(), sender.bytes.begin(), sender.bytes.end());
    expected2.insert(expected2.end(), consolidation.begin(), consolidation.end());
    EXPECT_EQ(to_hex(requests->requests[1]), to_hex(expected2));
    state.apply(requests->diff);

    auto again = post_block_requests(state, Revision::prague, block, {});
    ASSERT_TRUE(again);
    EXPECT_TRUE(again->requests.empty());
    const Bytes32 none = requests_hash(again->requests);
    EXPECT_EQ(to_hex(BytesView(none.data(), 32)), "0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    // Before Prague nothing runs.
    auto cancun = post_block_requests(state, Revision::cancun, block, {});
    ASSERT_TRUE(cancun);
    EXPECT_TRUE(cancun->requests.empty() && cancun->diff.accounts.empty());
}

TEST(DepositRequests, DepositEventsBecomeTypeZeroRequestsInOrder) {
    // The deposit contract's DepositEvent: five dynamic bytes fields at offsets
    // 160, 256, 320, 384, 512 (pubkey 48, credentials 32, amount 8, signature 96, index 8).
    auto event = [](uint8_t fill) {
        Bytes d(576, 0);
        const size_t offsets[] = {160, 256, 320, 384, 512}, sizes[] = {48, 32, 8, 96, 8};
        for (size_t f = 0; f < 5; ++f) {
            d[32 * f + 31] = uint8_t(offsets[f] & 0xff);
            d[32 * f + 30] = uint8_t(offsets[f] >> 8);
            d[offsets[f] + 31] = uint8_t(sizes[f]);
            std::fill_n(d.begin() + int64_t(offsets[f] + 32), sizes[f], uint8_t(fill + f));
        }
        Log log;
        log.address = kDepositContractAddress;
        log.topics = {keccak256("DepositEvent(bytes,bytes,bytes,bytes,bytes)")};
        log.data = d;
        return log;
    };
    Log other = event(0x10);
    other.address.bytes[0] ^= 1;  // not the deposit contract: ignored
    auto out = deposit_requests({event(0x10), other, event(0x20)});
    ASSERT_TRUE(out) << out.error().message;
    ASSERT_EQ(out->size(), 2u * 192u);
    EXPECT_EQ((*out)[0], 0x10);       // pubkey
    EXPECT_EQ((*out)[48], 0x11);      // withdrawal credentials
    EXPECT_EQ((*out)[80], 0x12);      // amount
    EXPECT_EQ((*out)[88], 0x13);      // signature
    EXPECT_EQ((*out)[184], 0x14);     // index
    EXPECT_EQ((*out)[192], 0x20);

    Log bad = event(0x30);
    bad.data[31] = 0xa1;  // pubkey offset 161
    auto refused = deposit_requests({bad});
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("log 0"), std::string::npos);
}

}  // namespace
}  // namespace suture::evm
