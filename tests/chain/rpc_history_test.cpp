// A block of history as a replay reads it (rpc_history.hpp): transactions of
// every type with their fields, receipts matched by hash, and the answers a
// replay must refuse rather than run without (a receipt missing, a block
// whose gas says a transaction was left out, hashes instead of objects).
#include "chain/rpc_history.hpp"

#include <gtest/gtest.h>

#include "core/hex.hpp"

namespace suture::chain {
namespace {

using nlohmann::json;

std::string h32(char c) { return "0x" + std::string(64, c); }
std::string a20(char c) { return "0x" + std::string(40, c); }

json tx(char hash, const std::string& type, uint64_t index) {
    json t = {{"hash", h32(hash)}, {"type", type}, {"from", a20('a')}, {"to", a20('b')}, {"nonce", "0x" + std::to_string(index)},
              {"value", "0xde0b6b3a7640000"}, {"input", "0xd0e30db0"}, {"gas", "0x5208"}, {"gasPrice", "0x3b9aca00"}};
    if (type == "0x2") {
        t["maxFeePerGas"] = "0x174876e800";
        t["maxPriorityFeePerGas"] = "0x3b9aca00";
    }
    if (type != "0x0") t["accessList"] = json::array({{{"address", a20('c')}, {"storageKeys", json::array({h32('0')})}}});
    return t;
}

json receipt(char hash, uint64_t index, const std::string& cumulative) {
    return {{"transactionHash", h32(hash)}, {"blockHash", h32('f')}, {"blockNumber", "0x7"},
            {"transactionIndex", "0x" + std::to_string(index)}, {"from", a20('a')}, {"to", a20('b')},
            {"gasUsed", "0x5208"}, {"cumulativeGasUsed", cumulative},
            {"status", "0x1"}, {"logs", json::array()}};
}

json block(json txs, const std::string& gas_used) {
    return {{"number", "0x7"}, {"hash", h32('f')}, {"timestamp", "0x64"}, {"gasLimit", "0x1c9c380"}, {"miner", a20('e')},
            {"baseFeePerGas", "0x7"}, {"mixHash", h32('9')}, {"gasUsed", gas_used}, {"transactions", std::move(txs)}};
}

TEST(RpcHistory, ParsesEveryTransactionTypeWithItsReceipt) {
    // 0x5208 = 21000 gas each: cumulative 21000 then 42000 (0xa410).
    const json r0 = receipt('1', 0, "0x5208"), r1 = receipt('2', 1, "0xa410");
    auto b = parse_history_block(block({tx('1', "0x0", 0), tx('2', "0x2", 1)}, "0xa410"), json::array({r1, r0}));
    ASSERT_TRUE(b.ok()) << b.error().message;
    EXPECT_EQ(b->number, 7u);
    EXPECT_EQ(b->env.number, 7);
    EXPECT_EQ(b->env.timestamp, 100);
    EXPECT_EQ(b->env.base_fee, uint256(7));
    ASSERT_EQ(b->txs.size(), 2u);
    const evm::Transaction& legacy = b->txs[0].tx;
    EXPECT_EQ(legacy.type, evm::TxType::legacy);
    EXPECT_EQ(legacy.gas_price, uint256(1'000'000'000));
    EXPECT_EQ(legacy.gas_limit, 21000);
    EXPECT_TRUE(legacy.access_list.empty());
    const evm::Transaction& dynamic = b->txs[1].tx;
    EXPECT_EQ(dynamic.type, evm::TxType::dynamic_fee);
    EXPECT_EQ(dynamic.nonce, 1u);
    EXPECT_EQ(dynamic.max_fee_per_gas, uint256(100'000'000'000ull));
    EXPECT_EQ(dynamic.gas_price, uint256());  // the node's effective gasPrice is not a field of an EIP-1559 tx
    ASSERT_EQ(dynamic.access_list.size(), 1u);
    EXPECT_EQ(dynamic.data, *from_hex("0xd0e30db0"));
    EXPECT_EQ(b->txs[1].receipt.cumulative_gas_used, 42000u);  // matched by hash, not position
}

TEST(RpcHistory, RefusesWhatAReplayCannotRunWithout) {
    const json r0 = receipt('1', 0, "0x5208");
    struct Case {
        const char* name;
        json block;
        json receipts;
        const char* message;
    } cases[] = {
        {"receipt missing", block({tx('1', "0x2", 0)}, "0x5208"), json::array(), "the node gave no receipt"},
        {"transaction left out", block({tx('1', "0x2", 0)}, "0xa410"), json::array({r0}), "the node left a transaction out"},
        {"hashes only", block({h32('1')}, "0x5208"), json::array({r0}), "fetched without full transactions"},
        {"extra receipt", block(json::array(), "0x0"), json::array({r0}), "1 receipts for 0 transactions"},
        {"unknown type", block({tx('1', "0x7e", 0)}, "0x5208"), json::array({r0}), "transaction type 126"},
    };
    for (const Case& c : cases) {
        auto b = parse_history_block(c.block, c.receipts);
        ASSERT_FALSE(b.ok()) << c.name;
        EXPECT_EQ(b.error().kind, ErrorKind::chain) << c.name;
        EXPECT_NE(b.error().message.find(c.message), std::string::npos) << c.name << ": " << b.error().message;
        EXPECT_NE(b.error().message.find("block 7"), std::string::npos) << c.name << ": " << b.error().message;
    }
}

}  // namespace
}  // namespace suture::chain
