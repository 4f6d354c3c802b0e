// Transaction validation, execution (fee split, refunds, receipts) and the
// message-call API, over an in-memory state.
#include <gtest/gtest.h>

#include "evm/state_host.hpp"
#include "evm/state_memory.hpp"
#include "evm/transaction.hpp"

namespace suture::evm {
namespace {

Address A(uint8_t n) {
    Address a;
    a.bytes[0] = 0xaa;
    a.bytes[19] = n;
    return a;
}

const Address kSender = A(1);
const Address kCoinbase = A(0xcb);
const Address kTarget = A(2);

class TxTest : public ::testing::Test {
protected:
    TxTest() {
        state.set_account(kSender, 3, uint256(1'000'000'000'000ULL), {});
        state.set_account(kCoinbase, 1, 0, {});
        block.coinbase = kCoinbase;
        block.number = 10;
        block.gas_limit = 30'000'000;
        block.base_fee = 7;
    }
    Transaction transfer() const {
        Transaction tx;
        tx.type = TxType::dynamic_fee;
        tx.sender = kSender;
        tx.to = kTarget;
        tx.nonce = 3;
        tx.value = 1000;
        tx.gas_limit = 50'000;
        tx.max_fee_per_gas = 10;
        tx.max_priority_fee_per_gas = 2;
        return tx;
    }
    Result<TxOutcome> run(const Transaction& tx, Revision rev = Revision::cancun) {
        auto out = execute_transaction(state, rev, block, tx);
        if (out) state.apply(out->diff);
        return out;
    }
    MemoryBackend state;
    BlockEnv block;
};

TEST_F(TxTest, TransferPaysBaseFeeAndTipsTheCoinbase) {
    auto out = run(transfer());
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(out->receipt.status, StatusCode::success);
    EXPECT_EQ(out->receipt.gas_used, 21000);
    // EIP-1559: the sender pays (base fee + tip) per gas; the base fee burns.
    EXPECT_EQ(state.find(kSender)->balance, uint256(1'000'000'000'000ULL - 1000 - 21000 * 9));
    EXPECT_EQ(state.find(kSender)->nonce, 4u);
    EXPECT_EQ(state.find(kTarget)->balance, uint256(1000));
    EXPECT_EQ(state.find(kCoinbase)->balance, uint256(21000 * 2));
}

TEST_F(TxTest, TheTipIsCappedByTheMaxFee) {
    Transaction tx = transfer();
    tx.max_priority_fee_per_gas = 5;
    tx.max_fee_per_gas = 9;  // leaves 2 above the base fee of 7
    ASSERT_TRUE(run(tx));
    EXPECT_EQ(state.find(kCoinbase)->balance, uint256(21000 * 2));
}

TEST_F(TxTest, RejectionsNameTheRuleAndChangeNothing) {
    struct Case {
        const char* rule;
        std::function<void(Transaction&)> edit;
    } cases[] = {
        {"nonce", [](Transaction& t) { t.nonce = 4; }},
        {"balance", [](Transaction& t) { t.value = uint256(2'000'000'000'000ULL); }},
        {"intrinsic gas", [](Transaction& t) { t.gas_limit = 20999; }},
        {"base fee", [](Transaction& t) { t.max_fee_per_gas = 6; t.max_priority_fee_per_gas = 0; }},
        {"priority fee", [](Transaction& t) { t.max_priority_fee_per_gas = 11; }},
        {"block gas limit", [](Transaction& t) { t.gas_limit = 30'000'001; }},
        {"overflows", [](Transaction& t) { t.max_fee_per_gas = uint256::max(); }},
        {"EIP-3860", [](Transaction& t) { t.to.reset(); t.data.assign(49153, 0); t.gas_limit = 10'000'000; }},
        {"at least one blob", [](Transaction& t) { t.type = TxType::blob; }},
        {"blob", [](Transaction& t) { t.type = TxType::blob; t.blob_hashes.assign(7, Bytes32{0x01}); }},
        {"0x01", [](Transaction& t) { t.type = TxType::blob; t.blob_hashes.assign(1, Bytes32{0x02}); }},
        {"blob base fee", [](Transaction& t) { t.type = TxType::blob; t.blob_hashes.assign(1, Bytes32{0x01}); }},
        {"create a contract", [](Transaction& t) { t.type = TxType::blob; t.to.reset(); t.blob_hashes.assign(1, Bytes32{0x01}); }},
    };
    for (const auto& c : cases) {
        Transaction tx = transfer();
        c.edit(tx);
        auto out = execute_transaction(state, Revision::cancun, block, tx);
        ASSERT_FALSE(out) << c.rule;
        EXPECT_EQ(out.error().kind, ErrorKind::input);
        EXPECT_NE(out.error().message.find(c.rule), std::string::npos) << out.error().message;
    }
    EXPECT_EQ(state.find(kSender)->nonce, 3u);
}

TEST_F(TxTest, Eip3607SenderWithCodeIsRejected) {
    state.set_account(kSender, 3, uint256(1'000'000'000'000ULL), Bytes{0x00});
    auto out = execute_transaction(state, Revision::cancun, block, transfer());
    ASSERT_FALSE(out);
    EXPECT_NE(out.error().message.find("EIP-3607"), std::string::npos);
}

TEST_F(TxTest, TypesNeedTheirFork) {
    Transaction tx = transfer();
    auto out = execute_transaction(state, Revision::berlin, block, tx);
    ASSERT_FALSE(out);
    EXPECT_NE(out.error().message.find("London"), std::string::npos);
}

TEST_F(TxTest, RefundsAreCappedAtAFifthOfTheGasUsed) {
    // PUSH1 0 PUSH1 0 SSTORE, PUSH1 0 PUSH1 1 SSTORE, STOP: clears two set slots.
    state.set_account(kTarget, 1, 0, Bytes{0x60, 0, 0x60, 0, 0x55, 0x60, 0, 0x60, 1, 0x55, 0x00},
                      {{uint256(0), uint256(1)}, {uint256(1), uint256(1)}});
    Transaction tx = transfer();
    tx.value = 0;
    auto out = run(tx);
    ASSERT_TRUE(out);
    // Each SSTORE: 3 + 3 + 2100 (cold) + 2900 (reset); refund 2 * 4800 (EIP-3529)
    // exceeds 31012 / 5, so the cap applies.
    const int64_t before = 21000 + 2 * (3 + 3 + 5000);
    EXPECT_EQ(out->receipt.gas_used, before - before / 5);
    EXPECT_TRUE(state.find(kTarget)->storage.empty());
}

TEST_F(TxTest, CoinbaseIsWarmFromShanghai) {
    // COINBASE BALANCE POP STOP
    state.set_account(kTarget, 1, 0, Bytes{0x41, 0x31, 0x50, 0x00});
    Transaction tx = transfer();
    tx.value = 0;
    auto out = run(tx);
    ASSERT_TRUE(out);
    EXPECT_EQ(out->receipt.gas_used, 21000 + 2 + 100 + 2);  // EIP-3651
    tx.nonce = 4;
    out = run(tx, Revision::london);
    ASSERT_TRUE(out);
    EXPECT_EQ(out->receipt.gas_used, 21000 + 2 + 2600 + 2);  // EIP-2929 cold account
}

// EIP-2929's warm set is the fork's precompile table: BLS12-381 0x11 from
// Prague, P256VERIFY 0x0100 from Osaka.
TEST_F(TxTest, PrecompilesOfTheForkStartWarm) {
    struct Case {
        Bytes code;  // PUSH address, BALANCE, POP, STOP
        Revision rev;
        int64_t balance_gas;
    };
    const Bytes p256 = {0x61, 0x01, 0x00, 0x31, 0x50, 0x00};
    const Bytes bls = {0x60, 0x11, 0x31, 0x50, 0x00};
    const Case cases[] = {{p256, Revision::osaka, 100},  {p256, Revision::prague, 2600},
                          {bls, Revision::prague, 100},  {bls, Revision::cancun, 2600}};
    uint64_t nonce = 3;
    for (const auto& c : cases) {
        state.set_account(kTarget, 1, 0, c.code);
        Transaction tx = transfer();
        tx.value = 0;
        tx.nonce = nonce++;
        auto out = run(tx, c.rev);
        ASSERT_TRUE(out);
        EXPECT_EQ(out->receipt.gas_used, 21000 + 3 + c.balance_gas + 2) << int(c.rev);  // PUSH, BALANCE, POP
    }
}

TEST_F(TxTest, CreationReportsTheNewAddress) {
    Transaction tx = transfer();
    tx.to.reset();
    tx.value = 0;
    tx.gas_limit = 100'000;
    // Initcode returning one byte of code (0x00): PUSH1 1 PUSH1 0 RETURN... memory is zero.
    tx.data = {0x60, 0x01, 0x60, 0x00, 0xf3};
    auto out = run(tx);
    ASSERT_TRUE(out);
    EXPECT_EQ(out->receipt.status, StatusCode::success);
    ASSERT_TRUE(out->receipt.created);
    EXPECT_EQ(*out->receipt.created, create_address(kSender, 3));
    const auto* created = state.find(*out->receipt.created);
    ASSERT_NE(created, nullptr);
    EXPECT_EQ(created->nonce, 1u);
    ASSERT_TRUE(created->code);
    EXPECT_EQ(*created->code, Bytes{0x00});
}

TEST_F(TxTest, RevertKeepsTheNonceAndTheFeeButNotTheValue) {
    // PUSH1 0 PUSH1 0 REVERT
    state.set_account(kTarget, 1, 0, Bytes{0x60, 0, 0x60, 0, 0xfd});
    auto out = run(transfer());
    ASSERT_TRUE(out);
    EXPECT_EQ(out->receipt.status, StatusCode::revert);
    EXPECT_EQ(state.find(kSender)->nonce, 4u);
    EXPECT_EQ(state.find(kTarget)->balance, uint256(0));
    const int64_t used = out->receipt.gas_used;
    EXPECT_EQ(used, 21000 + 3 + 3);
    EXPECT_EQ(state.find(kSender)->balance, uint256(1'000'000'000'000ULL - uint64_t(used) * 9));
}

TEST(BlobBaseFee, FollowsTheEip4844Series) {
    EXPECT_EQ(blob_base_fee(0), uint256(1));
    EXPECT_EQ(blob_base_fee(3338477), uint256(2));
    EXPECT_EQ(blob_base_fee(3932160), uint256(3));
    EXPECT_EQ(blob_base_fee(33384770), uint256(22026));
    EXPECT_EQ(blob_base_fee(UINT64_MAX), uint256::max());
}

TEST_F(TxTest, MessageCallSkipsFeesAndCanBeDiscarded) {
    // PUSH1 42 PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN
    state.set_account(kTarget, 1, 0, Bytes{0x60, 42, 0x60, 0, 0x52, 0x60, 32, 0x60, 0, 0xf3});
    CallRequest call;
    call.from = A(77);  // no account, no balance: a call needs neither
    call.to = kTarget;
    call.gas = 100'000;
    auto out = execute_call(state, Revision::cancun, block, call);
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(out->receipt.status, StatusCode::success);
    ASSERT_EQ(out->receipt.output.size(), 32u);
    EXPECT_EQ(out->receipt.output[31], 42);
    EXPECT_EQ(state.find(A(77)), nullptr);  // not applied
    call.value = 1;
    auto poor = execute_call(state, Revision::cancun, block, call);
    ASSERT_FALSE(poor);
    EXPECT_NE(poor.error().message.find("balance"), std::string::npos);
}

}  // namespace
}  // namespace suture::evm
