// RpcClient against a real anvil node, and the anvil launcher itself.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "chain/rpc_client.hpp"
#include "core/hex.hpp"
#include "support/anvil.hpp"

namespace suture::chain {
namespace {

using test::Anvil;

class AnvilRpc : public test::AnvilSuite {
protected:
    void SetUp() override {
        AnvilSuite::SetUp();
        rpc_ = &rpc();
    }
    RpcClient* rpc_ = nullptr;
};

TEST_F(AnvilRpc, ChainIdAndBlockNumber) {
    auto id = rpc_->chain_id();
    ASSERT_TRUE(id.ok()) << id.error().message;
    EXPECT_EQ(*id, Anvil::chain_id);
    auto n = rpc_->block_number();
    ASSERT_TRUE(n.ok()) << n.error().message;
}

TEST_F(AnvilRpc, DevKeysMatchTheNodesAccounts) {
    auto accounts = rpc_->request("eth_accounts");
    ASSERT_TRUE(accounts.ok()) << accounts.error().message;
    ASSERT_EQ(accounts->size(), size_t(Anvil::dev_account_count));
    for (int i = 0; i < Anvil::dev_account_count; ++i) {
        auto a = parse_address((*accounts)[i].get<std::string>());
        ASSERT_TRUE(a.ok());
        EXPECT_EQ(*a, Anvil::dev_address(i)) << "account " << i;
        auto bal = rpc_->get_balance(*a);
        ASSERT_TRUE(bal.ok()) << bal.error().message;
        EXPECT_GT(*bal, uint256(0));
    }
}

TEST_F(AnvilRpc, SetBalanceAndReadState) {
    Address a;
    a.bytes[19] = 0x42;
    ASSERT_TRUE(rpc_->anvil_set_balance(a, uint256(12345)).ok());
    auto bal = rpc_->get_balance(a);
    ASSERT_TRUE(bal.ok());
    EXPECT_EQ(*bal, uint256(12345));
    auto nonce = rpc_->get_transaction_count(a, BlockTag::latest());
    ASSERT_TRUE(nonce.ok());
    EXPECT_EQ(*nonce, 0u);
    auto code = rpc_->get_code(a);
    ASSERT_TRUE(code.ok());
    EXPECT_TRUE(code->empty());
    auto slot = rpc_->get_storage_at(a, uint256(0));
    ASSERT_TRUE(slot.ok()) << slot.error().message;
    EXPECT_EQ(*slot, Bytes32{});
}

TEST_F(AnvilRpc, BlocksFeesAndTime) {
    auto before = rpc_->get_block_by_number(BlockTag::latest());
    ASSERT_TRUE(before.ok() && before->has_value());
    ASSERT_TRUE(rpc_->evm_increase_time(3600).ok());
    ASSERT_TRUE(rpc_->evm_mine().ok());
    auto after = rpc_->get_block_by_number(BlockTag::latest());
    ASSERT_TRUE(after.ok() && after->has_value());
    EXPECT_EQ((*after)->number, (*before)->number + 1);
    EXPECT_EQ((*after)->parent_hash, (*before)->hash);
    EXPECT_GE((*after)->timestamp, (*before)->timestamp + 3600);
    EXPECT_TRUE((*after)->base_fee_per_gas.has_value());
    auto missing = rpc_->get_block_by_number(BlockTag::number(1'000'000'000));
    ASSERT_TRUE(missing.ok());
    EXPECT_FALSE(missing->has_value());

    // anvil fills its fee-history cache from a background task when a block is
    // mined, so right after evm_mine it may still answer for fewer blocks: ask
    // again for up to two seconds before judging.
    auto fh = rpc_->fee_history(2, BlockTag::latest(), {25.0, 75.0});
    for (int i = 0; i < 100 && fh.ok() && fh->reward.size() < 2; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        fh = rpc_->fee_history(2, BlockTag::latest(), {25.0, 75.0});
    }
    ASSERT_TRUE(fh.ok()) << fh.error().message;
    EXPECT_EQ(fh->base_fee_per_gas.size(), 3u);
    ASSERT_EQ(fh->reward.size(), 2u);
    EXPECT_EQ(fh->reward[0].size(), 2u);
    auto gp = rpc_->gas_price();
    ASSERT_TRUE(gp.ok());
    EXPECT_GT(*gp, uint256(0));
}

TEST_F(AnvilRpc, UnknownReceiptIsEmptyNotAnError) {
    Bytes32 h{};
    h[0] = 0xab;
    auto r = rpc_->get_transaction_receipt(h);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_FALSE(r->has_value());
}

TEST_F(AnvilRpc, BatchAgainstTheNode) {
    auto r = rpc_->batch({{"eth_chainId", nlohmann::json::array()}, {"no_suchMethod", nlohmann::json::array()}});
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r->size(), 2u);
    EXPECT_EQ((*r)[0].result, "0x7a69");
    EXPECT_TRUE((*r)[1].error.has_value());
}

TEST_F(AnvilRpc, CallRevertIsDecoded) {
    // The ABI encoding of Error("nope"), and creation code that MSTOREs it
    // word by word and REVERTs with it (eth_call without `to` runs it).
    Bytes revert_data = *from_hex(
        "0x08c379a0"
        "0000000000000000000000000000000000000000000000000000000000000020"
        "0000000000000000000000000000000000000000000000000000000000000004"
        "6e6f706500000000000000000000000000000000000000000000000000000000");
    Bytes code;
    for (size_t off = 0; off < revert_data.size(); off += 32) {
        code.push_back(0x7f);  // PUSH32
        for (size_t i = 0; i < 32; ++i) code.push_back(off + i < revert_data.size() ? revert_data[off + i] : 0);
        code.push_back(0x60);  // PUSH1 off
        code.push_back(static_cast<uint8_t>(off));
        code.push_back(0x52);  // MSTORE
    }
    code.insert(code.end(), {0x60, static_cast<uint8_t>(revert_data.size()), 0x60, 0x00, 0xfd});  // REVERT(0, len)
    CallRequest req;
    req.data = code;
    auto out = rpc_->try_call(req);
    ASSERT_TRUE(out.ok()) << out.error().message;
    EXPECT_TRUE(out->reverted);
    EXPECT_EQ(out->output, revert_data);
    EXPECT_EQ(out->reason, "Error(\"nope\")");
    auto plain = rpc_->call(req);
    ASSERT_FALSE(plain.ok());
    EXPECT_NE(plain.error().message.find("eth_call"), std::string::npos);
    EXPECT_NE(plain.error().message.find("Error(\"nope\")"), std::string::npos) << plain.error().message;
}

TEST(AnvilLauncher, StopsTheNodeOnDestruction) {
    std::string url;
    {
        auto n = Anvil::start();
        ASSERT_TRUE(n.ok()) << n.error().message;
        url = (*n)->url();
        RpcClient rpc(url);
        ASSERT_TRUE(rpc.chain_id().ok());
    }
    RpcOptions o;
    o.max_retries = 0;
    RpcClient rpc(url, o);
    EXPECT_FALSE(rpc.chain_id().ok());
}

}  // namespace
}  // namespace suture::chain
