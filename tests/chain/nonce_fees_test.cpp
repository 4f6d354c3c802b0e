// NonceManager reservation/release and fee bumping, against a scripted node.
#include <gtest/gtest.h>

#include "chain/fees.hpp"
#include "chain/nonce_manager.hpp"
#include "chain/scripted_server.hpp"

namespace suture::chain {
namespace {

using testing_support::ScriptedServer;

TEST(NonceManager, ReservesAboveThePendingCountAndReusesReleased) {
    ScriptedServer node({{200, R"({"jsonrpc":"2.0","id":{id},"result":"0x5"})"}});
    RpcClient rpc(node.url());
    NonceManager nonces(rpc);
    Address a;
    EXPECT_EQ(*nonces.reserve(a), 5u);
    EXPECT_EQ(*nonces.reserve(a), 6u);
    EXPECT_EQ(*nonces.reserve(a), 7u);
    nonces.release(a, 6);              // a gap: handed out again first
    EXPECT_EQ(*nonces.reserve(a), 6u);
    EXPECT_EQ(*nonces.reserve(a), 8u);
    nonces.release(a, 8);              // the latest: just steps back
    EXPECT_EQ(*nonces.reserve(a), 8u);
    Address b;
    b.bytes[0] = 1;
    EXPECT_EQ(*nonces.reserve(b), 5u);  // accounts are independent
}

TEST(NonceManager, NodeErrorsPropagate) {
    ScriptedServer node({{200, R"({"jsonrpc":"2.0","id":{id},"error":{"code":-32000,"message":"boom"}})"}});
    RpcClient rpc(node.url());
    NonceManager nonces(rpc);
    auto n = nonces.reserve(Address{});
    ASSERT_FALSE(n.ok());
    EXPECT_NE(n.error().message.find("eth_getTransactionCount"), std::string::npos);
}

TEST(Fees, BumpIsAtLeastThePercentAndOneWei) {
    struct Case { uint64_t fee, tip; unsigned pct; };
    for (auto c : {Case{100, 10, 10}, Case{7, 1, 10}, Case{0, 0, 12}, Case{1'000'000'007, 3, 12}}) {
        Fees b = bump_fees({uint256(c.fee), uint256(c.tip)}, c.pct);
        EXPECT_GE(b.max_fee_per_gas * 100, uint256(c.fee) * (100 + c.pct)) << c.fee;
        EXPECT_GE(b.max_priority_fee_per_gas * 100, uint256(c.tip) * (100 + c.pct)) << c.tip;
        EXPECT_GT(b.max_fee_per_gas, uint256(c.fee));
        EXPECT_GT(b.max_priority_fee_per_gas, uint256(c.tip));
    }
}

TEST(Fees, EstimateFromFeeHistory) {
    // Three blocks; the middle one is empty (its reward 0 is ignored); median tip of 2 and 4 -> 4.
    ScriptedServer node({{200, R"({"jsonrpc":"2.0","id":{id},"result":{"oldestBlock":"0x10",
        "baseFeePerGas":["0x64","0x64","0x64","0xc8"],"gasUsedRatio":[0.5,0.0,0.9],
        "reward":[["0x2"],["0x0"],["0x4"]]}})"}});
    RpcClient rpc(node.url());
    auto f = estimate_fees(rpc);
    ASSERT_TRUE(f.ok()) << f.error().message;
    EXPECT_EQ(f->max_priority_fee_per_gas, uint256(4));
    EXPECT_EQ(f->max_fee_per_gas, uint256(2 * 200 + 4));
}

}  // namespace
}  // namespace suture::chain
