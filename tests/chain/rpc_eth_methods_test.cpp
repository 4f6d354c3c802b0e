// RpcClient's typed eth_* answers decoded from scripted node replies: every
// field of a receipt, a block and a fee history, and malformed answers named.
#include "chain/rpc_client.hpp"

#include "chain/scripted_server.hpp"

#include <gtest/gtest.h>

#include "chain/rpc_json.hpp"
#include "core/hex.hpp"

namespace suture::chain {
namespace {

using testing_support::ScriptedServer;

std::string reply(const std::string& result) {
    return R"({"jsonrpc":"2.0","id":{id},"result":)" + result + "}";
}

std::string h32(char c) { return "\"0x" + std::string(64, c) + "\""; }
std::string a20(char c) { return "\"0x" + std::string(40, c) + "\""; }
Bytes32 b32(char c) { return *parse_bytes32(nlohmann::json::parse(h32(c)), "test"); }
Address addr(char c) { return *parse_addr(nlohmann::json::parse(a20(c)), "test"); }

const std::string kLog = R"({"address":)" + a20('3') + R"(,"topics":[)" + h32('4') + "," + h32('5') +
                         R"(],"data":"0x0102","logIndex":"0x7"})";

std::string receipt(const std::string& status, const std::string& logs) {
    return R"({"transactionHash":)" + h32('1') + R"(,"blockHash":)" + h32('2') +
           R"(,"blockNumber":"0x10","transactionIndex":"0x2","from":)" + a20('a') + R"(,"to":)" + a20('b') +
           R"(,"contractAddress":null,"gasUsed":"0x5208","cumulativeGasUsed":"0xa410","effectiveGasPrice":"0x3b9aca00")" +
           status + R"(,"logs":)" + logs + "}";
}

Result<std::optional<Receipt>> receipt_from(const std::string& result) {
    ScriptedServer s({{200, reply(result)}});
    return RpcClient(s.url()).get_transaction_receipt(b32('1'));
}

TEST(RpcEthMethods, ReceiptWithLogs) {
    auto r = receipt_from(receipt(R"(,"status":"0x1")", "[" + kLog + "]"));
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_TRUE(r->has_value());
    const Receipt& rc = **r;
    EXPECT_EQ(rc.transaction_hash, b32('1'));
    EXPECT_EQ(rc.block_hash, b32('2'));
    EXPECT_EQ(rc.block_number, 16u);
    EXPECT_EQ(rc.transaction_index, 2u);
    EXPECT_EQ(rc.from, addr('a'));
    EXPECT_EQ(rc.to, addr('b'));
    EXPECT_FALSE(rc.contract_address.has_value());
    EXPECT_TRUE(rc.status);
    EXPECT_EQ(rc.gas_used, 21000u);
    EXPECT_EQ(rc.cumulative_gas_used, 42000u);
    EXPECT_EQ(rc.effective_gas_price, uint256(1000000000));
    ASSERT_EQ(rc.logs.size(), 1u);
    EXPECT_EQ(rc.logs[0].address, addr('3'));
    EXPECT_EQ(rc.logs[0].topics, (std::vector<Bytes32>{b32('4'), b32('5')}));
    EXPECT_EQ(rc.logs[0].data, (Bytes{0x01, 0x02}));
    EXPECT_EQ(rc.logs[0].log_index, 7u);
}

TEST(RpcEthMethods, ReceiptStatusZeroIsAFailure) {
    auto r = receipt_from(receipt(R"(,"status":"0x0")", "[]"));
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_TRUE(r->has_value());
    EXPECT_FALSE((*r)->status);
    EXPECT_TRUE((*r)->logs.empty());
}

TEST(RpcEthMethods, PendingOrUnknownReceiptIsNone) {
    auto unknown = receipt_from("null");
    ASSERT_TRUE(unknown.ok()) << unknown.error().message;
    EXPECT_FALSE(unknown->has_value());
    auto pending = receipt_from(R"({"transactionHash":)" + h32('1') + R"(,"blockHash":null})");
    ASSERT_TRUE(pending.ok()) << pending.error().message;
    EXPECT_FALSE(pending->has_value());
}

TEST(RpcEthMethods, MalformedReceiptsNameTheFieldAndTheMethod) {
    struct Case {
        std::string result, field;
    };
    const Case cases[] = {
        {receipt("", "[]"), "missing field status"},
        {receipt(R"(,"status":"0x1")", R"("none")"), "field logs: expected an array"},
        {receipt(R"(,"status":"0x1")", R"([{"address":)" + a20('3') + R"(,"data":"0x"}])"), "missing field topics"},
        {receipt(R"(,"status":"0x1")", R"([{"address":)" + a20('3') + R"(,"data":"0x","topics":["0x12"]}])"),
         "field topics[]: expected 32 bytes"},
    };
    for (const auto& c : cases) {
        auto r = receipt_from(c.result);
        ASSERT_FALSE(r.ok()) << c.field;
        EXPECT_EQ(r.error().kind, ErrorKind::chain);
        EXPECT_NE(r.error().message.find("eth_getTransactionReceipt"), std::string::npos) << r.error().message;
        EXPECT_NE(r.error().message.find("malformed answer"), std::string::npos) << r.error().message;
        EXPECT_NE(r.error().message.find(c.field), std::string::npos) << r.error().message;
    }
}

std::string block(const std::string& transactions) {
    return R"({"number":"0x10","hash":)" + h32('6') + R"(,"parentHash":)" + h32('7') +
           R"(,"timestamp":"0x65","gasLimit":"0x1c9c380","gasUsed":"0x0","transactions":)" + transactions + "}";
}

TEST(RpcEthMethods, BlockListsTransactionHashesFromHashesOrObjects) {
    for (const std::string& txs : {"[" + h32('8') + "]", R"([{"hash":)" + h32('8') + R"(,"nonce":"0x0"}])"}) {
        ScriptedServer s({{200, reply(block(txs))}});
        auto b = RpcClient(s.url()).get_block_by_number(BlockTag::number(16));
        ASSERT_TRUE(b.ok()) << b.error().message;
        ASSERT_TRUE(b->has_value());
        EXPECT_EQ((*b)->number, 16u);
        EXPECT_EQ((*b)->hash, b32('6'));
        EXPECT_EQ((*b)->parent_hash, b32('7'));
        EXPECT_EQ((*b)->timestamp, 101u);
        EXPECT_EQ((*b)->gas_limit, 30000000u);
        EXPECT_FALSE((*b)->base_fee_per_gas.has_value());  // a pre-London block
        EXPECT_EQ((*b)->transaction_hashes, std::vector<Bytes32>{b32('8')});
    }
}

TEST(RpcEthMethods, FeeHistoryRewardsPerBlockAndMalformedRows) {
    ScriptedServer ok({{200, reply(R"({"oldestBlock":"0x5","baseFeePerGas":["0x64","0xc8"],)"
                                   R"("gasUsedRatio":[0.5,null],"reward":[["0x1","0x2"]]})")}});
    auto h = RpcClient(ok.url()).fee_history(1, BlockTag::latest(), {10, 90});
    ASSERT_TRUE(h.ok()) << h.error().message;
    EXPECT_EQ(h->oldest_block, 5u);
    EXPECT_EQ(h->base_fee_per_gas, (std::vector<uint256>{uint256(100), uint256(200)}));
    EXPECT_EQ(h->gas_used_ratio, (std::vector<double>{0.5, 0.0}));
    ASSERT_EQ(h->reward.size(), 1u);
    EXPECT_EQ(h->reward[0], (std::vector<uint256>{uint256(1), uint256(2)}));

    ScriptedServer bad({{200, reply(R"({"oldestBlock":"0x5","baseFeePerGas":["0x64"],"reward":["0x1"]})")}});
    auto e = RpcClient(bad.url()).fee_history(1, BlockTag::latest(), {10});
    ASSERT_FALSE(e.ok());
    EXPECT_NE(e.error().message.find("eth_feeHistory"), std::string::npos) << e.error().message;
    EXPECT_NE(e.error().message.find("field reward[]: expected an array"), std::string::npos) << e.error().message;
}

}  // namespace
}  // namespace suture::chain
