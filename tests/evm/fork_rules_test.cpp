// Transaction-level rules of Prague and Osaka other than EIP-7702:
// EIP-7623 calldata floor, EIP-7691 blob parameters, EIP-7825 gas limit cap,
// EIP-7594's per-transaction blob limit and EIP-7918's excess blob gas bound.
#include <gtest/gtest.h>

#include "evm/state_memory.hpp"
#include "evm/transaction.hpp"

namespace suture::evm {
namespace {

Address A(uint8_t n) {
    Address a;
    a.bytes[0] = 0xbb;
    a.bytes[19] = n;
    return a;
}
const Address kSender = A(1), kTo = A(2), kCoinbase = A(3);

class ForkRules : public ::testing::Test {
protected:
    ForkRules() {
        state.set_account(kSender, 0, uint256(10'000'000'000'000'000ULL), {});
        block.coinbase = kCoinbase;
        block.number = 1;
        block.gas_limit = 60'000'000;
        block.base_fee = 1;
    }
    Transaction tx(size_t nonzero_bytes, int64_t gas_limit) const {
        Transaction t;
        t.type = TxType::dynamic_fee;
        t.sender = kSender;
        t.to = kTo;
        t.data.assign(nonzero_bytes, 0x11);
        t.gas_limit = gas_limit;
        t.max_fee_per_gas = 1;
        return t;
    }
    Transaction blob_tx(size_t blobs) const {
        Transaction t = tx(0, 21000);
        t.type = TxType::blob;
        t.max_fee_per_blob_gas = 1;
        Bytes32 h{};
        h[0] = 0x01;
        t.blob_hashes.assign(blobs, h);
        return t;
    }
    MemoryBackend state;
    BlockEnv block;
};

// EIP-7623's example arithmetic: 100 non-zero bytes are 400 tokens; the
// standard cost is 21000 + 1600, the floor 21000 + 4000.
TEST_F(ForkRules, CalldataFloor) {
    const Transaction t = tx(100, 30'000);
    EXPECT_EQ(intrinsic_gas(Revision::prague, t), 22'600);
    EXPECT_EQ(calldata_floor_gas(Revision::prague, t), 25'000);
    EXPECT_EQ(calldata_floor_gas(Revision::cancun, t), 0);
    Transaction zeros = t;
    zeros.data.assign(100, 0);  // 100 tokens
    EXPECT_EQ(calldata_floor_gas(Revision::osaka, zeros), 22'000);

    auto prague = execute_transaction(state, Revision::prague, block, t);
    ASSERT_TRUE(prague) << prague.error().message;
    EXPECT_EQ(prague->receipt.gas_used, 25'000);  // the floor, above 22600
    auto cancun = execute_transaction(state, Revision::cancun, block, t);
    ASSERT_TRUE(cancun) << cancun.error().message;
    EXPECT_EQ(cancun->receipt.gas_used, 22'600);

    // The gas limit must cover the floor, not only the intrinsic gas.
    auto short_limit = execute_transaction(state, Revision::prague, block, tx(100, 24'999));
    ASSERT_FALSE(short_limit);
    EXPECT_NE(short_limit.error().message.find("calldata floor"), std::string::npos);
    EXPECT_TRUE(execute_transaction(state, Revision::cancun, block, tx(100, 24'999)));
}

TEST_F(ForkRules, TheFloorIsAMinimumNotASurcharge) {
    // A callee that burns gas: execution above the floor is charged as used.
    state.set_account(kTo, 1, 0, Bytes{0x5b, 0x5b, 0x5b, 0x00});  // 3 JUMPDEST + STOP = 3 gas
    const Transaction t = tx(1, 100'000);  // 4 tokens: floor 21040 above 21016 + 3 used
    auto out = execute_transaction(state, Revision::prague, block, t);
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(out->receipt.gas_used, 21'040);
    Transaction many = tx(0, 100'000);
    auto plain = execute_transaction(state, Revision::prague, block, many);
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->receipt.gas_used, 21'003);  // no calldata: floor 21000 below use
}

TEST_F(ForkRules, BlobParametersByFork) {
    EXPECT_EQ(blob_params(Revision::cancun), (BlobParams{3, 6, 3338477}));
    EXPECT_EQ(blob_params(Revision::prague), (BlobParams{6, 9, 5007716}));  // EIP-7691
    EXPECT_EQ(blob_params(Revision::osaka), (BlobParams{6, 9, 5007716}));
    EXPECT_EQ(blob_base_fee(5007716, 5007716), uint256(2));   // e^1
    EXPECT_EQ(blob_base_fee(50077160, 5007716), uint256(22026));  // e^10
    EXPECT_EQ(blob_base_fee(3338477), blob_base_fee(3338477, 3338477));
    // A block's schedule overrides the fork's (a blob-parameter-only fork).
    BlockEnv b;
    EXPECT_EQ(block_blob_params(Revision::prague, b), blob_params(Revision::prague));
    b.blob_schedule = BlobParams{14, 21, 11684671};
    EXPECT_EQ(block_blob_params(Revision::prague, b).max, 21u);
}

TEST_F(ForkRules, BlobCountsPerTransaction) {
    struct Case { Revision rev; size_t blobs; bool valid; } cases[] = {
        {Revision::cancun, 6, true}, {Revision::cancun, 7, false},
        {Revision::prague, 9, true}, {Revision::prague, 10, false},
        {Revision::osaka, 6, true}, {Revision::osaka, 7, false},  // EIP-7594: six per transaction
    };
    for (const auto& c : cases) {
        auto out = execute_transaction(state, c.rev, block, blob_tx(c.blobs));
        EXPECT_EQ(bool(out), c.valid) << revision_name(c.rev) << " " << c.blobs
                                      << (out ? "" : ": " + out.error().message);
    }
}

TEST_F(ForkRules, BlobFeeUsesTheForksUpdateFraction) {
    block.excess_blob_gas = 5007716;
    // Cancun's fraction gives 4 wei per blob gas here, Prague's 2.
    EXPECT_EQ(blob_base_fee(5007716), uint256(4));
    Transaction t = blob_tx(1);
    t.max_fee_per_blob_gas = 2;
    EXPECT_TRUE(execute_transaction(state, Revision::prague, block, t));
    auto cancun = execute_transaction(state, Revision::cancun, block, t);
    ASSERT_FALSE(cancun);
    EXPECT_NE(cancun.error().message.find("blob base fee 4"), std::string::npos) << cancun.error().message;
}

TEST_F(ForkRules, TransactionGasLimitCap) {
    const int64_t cap = int64_t(1) << 24;  // EIP-7825
    EXPECT_TRUE(execute_transaction(state, Revision::osaka, block, tx(0, cap)));
    auto over = execute_transaction(state, Revision::osaka, block, tx(0, cap + 1));
    ASSERT_FALSE(over);
    EXPECT_NE(over.error().message.find("EIP-7825"), std::string::npos);
    EXPECT_TRUE(execute_transaction(state, Revision::prague, block, tx(0, cap + 1)));
}

TEST_F(ForkRules, ExcessBlobGasAndTheEip7918Bound) {
    const BlobParams p = blob_params(Revision::prague);
    const uint64_t per_blob = kBlobGasPerBlob;
    // Below the target the excess drains to zero; above it grows by the difference.
    EXPECT_EQ(next_excess_blob_gas(Revision::prague, p, {0, 5 * per_blob, 1}), 0u);
    EXPECT_EQ(next_excess_blob_gas(Revision::prague, p, {per_blob, 9 * per_blob, 1}), 4 * per_blob);
    EXPECT_EQ(next_excess_blob_gas(Revision::cancun, blob_params(Revision::cancun), {0, 6 * per_blob, 1}),
              3 * per_blob);
    // Osaka: with execution gas expensive (2^13 * 1 gwei > 2^17 * 1 wei) the
    // excess grows by used * (max - target) / max and never shrinks.
    const ParentBlobInfo cheap_blobs{0, 6 * per_blob, 1'000'000'000};
    EXPECT_EQ(next_excess_blob_gas(Revision::prague, p, cheap_blobs), 0u);
    EXPECT_EQ(next_excess_blob_gas(Revision::osaka, p, cheap_blobs), 6 * per_blob * 3 / 9);
    // With a base fee of 1 wei (2^13 < 2^17 * 1) the EIP-4844 rule applies.
    EXPECT_EQ(next_excess_blob_gas(Revision::osaka, p, {0, 6 * per_blob, 1}), 0u);
}

}  // namespace
}  // namespace suture::evm
