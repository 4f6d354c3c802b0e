// The in-process node (chain/devnode): historical reads from undo records,
// snapshots, the pending pool's order, persistence in the state file, block
// hashes and BLOCKHASH, and the JSON-RPC errors of bad requests. Everything
// goes through chain::RpcClient, as the features built on it do.
#include <gtest/gtest.h>

#include <filesystem>

#include "chain/devnet.hpp"
#include "chain/devnode/block_seal.hpp"
#include "chain/devnode/dev_node.hpp"
#include "chain/devnode/state_url.hpp"
#include "chain/rpc_json.hpp"
#include "chain/transaction.hpp"
#include "core/hex.hpp"
#include "core/keccak.hpp"
#include "support/evm_programs.hpp"

namespace suture::chain {
namespace {

using nlohmann::json;
namespace programs = test::programs;

const uint256 kGwei = uint256(1'000'000'000);

struct Node {
    std::shared_ptr<DevNode> node;
    std::unique_ptr<RpcClient> rpc;
};

Node start(DevnetOptions options = {}) {
    options.accounts = 3;
    auto state = new_devnet(options);
    EXPECT_TRUE(state.ok());
    Node n;
    n.node = DevNode::in_memory(std::move(state).value());
    n.rpc = connect(n.node);
    return n;
}

SecretKey key(uint32_t i) { return dev_key(i).value(); }

// A signed EIP-1559 transaction from dev key `from`.
SignedTransaction sign(uint32_t from, uint64_t nonce, std::optional<Address> to, Bytes data, uint256 value = {},
                       uint256 tip = kGwei, uint64_t gas = 200'000) {
    Transaction tx;
    tx.type = TxType::dynamic_fee;
    tx.chain_id = 1337;
    tx.nonce = nonce;
    tx.max_priority_fee_per_gas = tip;
    tx.max_fee_per_gas = kGwei * uint256(10) + tip;
    tx.gas_limit = gas;
    tx.to = to;
    tx.value = value;
    tx.data = std::move(data);
    return sign_transaction(tx, key(from)).value();
}

Receipt send(RpcClient& rpc, const SignedTransaction& stx) {
    auto hash = rpc.send_raw_transaction(stx.raw);
    EXPECT_TRUE(hash.ok()) << hash.error().message;
    auto r = rpc.get_transaction_receipt(stx.hash);
    EXPECT_TRUE(r.ok() && r->has_value()) << (r.ok() ? "pending" : r.error().message);
    return r.ok() && *r ? **r : Receipt{};
}

NodeError node_error(RpcClient& rpc, const std::string& method, json params) {
    auto r = rpc.request_raw(method, std::move(params));
    EXPECT_TRUE(r.ok());
    EXPECT_TRUE(r->error.has_value()) << method << " answered " << r->result.dump();
    return r->error.value_or(NodeError{});
}

TEST(DevNode, HistoricalReadsServeEveryKeptBlock) {
    Node n = start();
    RpcClient& rpc = *n.rpc;
    const Address a0 = key(0).address(), a1 = key(1).address();
    const uint256 start_balance = rpc.get_balance(a1).value();

    Receipt deploy = send(rpc, sign(0, 0, std::nullopt, programs::initcode(programs::store_and_log())));
    ASSERT_TRUE(deploy.status);
    const Address c = deploy.contract_address.value();
    EXPECT_EQ(deploy.block_number, 1u);
    ASSERT_TRUE(send(rpc, sign(0, 1, c, programs::store_call(7, 1))).status);               // block 2
    ASSERT_TRUE(send(rpc, sign(0, 2, a1, {}, uint256(12345), kGwei, 21'000)).status);       // block 3
    ASSERT_TRUE(send(rpc, sign(0, 3, c, programs::store_call(7, 2))).status);               // block 4
    ASSERT_TRUE(send(rpc, sign(0, 4, c, programs::store_call(7, 0))).status);               // block 5: slot cleared
    EXPECT_EQ(rpc.block_number().value(), 5u);

    auto slot7 = [&](uint64_t block) {
        return uint256::from_bytes32(rpc.get_storage_at(c, uint256(7), BlockTag::number(block)).value());
    };
    EXPECT_EQ(slot7(1), uint256(0));
    EXPECT_EQ(slot7(2), uint256(1));
    EXPECT_EQ(slot7(3), uint256(1));
    EXPECT_EQ(slot7(4), uint256(2));
    EXPECT_EQ(slot7(5), uint256(0));
    EXPECT_TRUE(rpc.get_code(c, BlockTag::number(0)).value().empty());
    EXPECT_EQ(rpc.get_code(c, BlockTag::number(1)).value(), programs::store_and_log());
    EXPECT_EQ(rpc.get_balance(a1, BlockTag::number(2)).value(), start_balance);
    EXPECT_EQ(rpc.get_balance(a1, BlockTag::number(3)).value(), start_balance + uint256(12345));
    for (uint64_t b = 0; b <= 5; ++b)
        EXPECT_EQ(rpc.get_transaction_count(a0, BlockTag::number(b)).value(), b) << "block " << b;
    EXPECT_EQ(rpc.get_transaction_count(a0, BlockTag::earliest()).value(), 0u);

    // eth_call at a past block sees that block's state.
    CallRequest get;
    get.to = c;
    auto past = rpc.try_call(get, BlockTag::number(1));
    ASSERT_TRUE(past.ok());
    EXPECT_TRUE(past->reverted);  // empty calldata reverts with 0xdeadbeef
    EXPECT_EQ(to_hex(past->output), "0xdeadbeef");
    auto before = rpc.try_call(get, BlockTag::number(0));
    ASSERT_TRUE(before.ok());
    EXPECT_FALSE(before->reverted);  // no code yet: an empty success

    NodeError future = node_error(rpc, "eth_getBalance", {to_hex(a0.bytes), "0x9"});
    EXPECT_EQ(future.code, -32000);
    EXPECT_NE(future.message.find("after the latest block 5"), std::string::npos) << future.message;
}

TEST(DevNode, BlocksChainRealHashesAndBlockhashReadsThem) {
    Node n = start();
    RpcClient& rpc = *n.rpc;
    Receipt deploy = send(rpc, sign(0, 0, std::nullopt, programs::initcode(programs::block_context())));
    const Address c = deploy.contract_address.value();
    Receipt called = send(rpc, sign(0, 1, c, {}));
    ASSERT_TRUE(called.status);
    auto b1 = rpc.get_block_by_number(BlockTag::number(1)).value().value();
    auto b2 = rpc.get_block_by_number(BlockTag::number(2)).value().value();
    EXPECT_EQ(b2.parent_hash, b1.hash);
    EXPECT_EQ(called.block_hash, b2.hash);
    // The contract stored BLOCKHASH(2 - 1), TIMESTAMP, BASEFEE and NUMBER of block 2.
    auto word = [&](uint8_t slot) { return uint256::from_bytes32(rpc.get_storage_at(c, uint256(slot)).value()); };
    EXPECT_EQ(word(0), uint256::from_bytes32(b1.hash));
    EXPECT_EQ(word(1), uint256(b2.timestamp));
    EXPECT_EQ(word(2), b2.base_fee_per_gas.value());
    EXPECT_EQ(word(3), uint256(2));
    EXPECT_EQ(b2.timestamp, b1.timestamp + 12);
    // The hash is keccak256 of the header the node built.
    n.node->with_chain([&](DevChain& chain) {
        const ChainBlock& blk = *chain.block(2);
        EXPECT_EQ(keccak256(header_rlp(blk, chain.revision())), blk.hash);
        return 0;
    });
    // EIP-1559: blocks far below the target lower the base fee by up to 1/8
    // (block 1 runs at the state file's base fee).
    EXPECT_LT(b2.base_fee_per_gas.value(), b1.base_fee_per_gas.value());
    EXPECT_EQ(b1.base_fee_per_gas.value(), kGwei);
}

TEST(DevNode, SnapshotRevertRestoresStateBlocksAndPool) {
    Node n = start();
    RpcClient& rpc = *n.rpc;
    const Address a1 = key(1).address();
    ASSERT_TRUE(send(rpc, sign(0, 0, a1, {}, uint256(1), kGwei, 21'000)).status);
    const uint256 balance = rpc.get_balance(a1).value();
    const uint64_t id = rpc.evm_snapshot().value();
    ASSERT_TRUE(send(rpc, sign(0, 1, a1, {}, uint256(5), kGwei, 21'000)).status);
    ASSERT_TRUE(rpc.anvil_set_balance(a1, uint256(77)).ok());
    EXPECT_EQ(rpc.get_balance(a1).value(), uint256(77));
    EXPECT_EQ(rpc.get_balance(a1, BlockTag::number(1)).value(), balance);  // history unaffected by setBalance
    EXPECT_EQ(rpc.block_number().value(), 2u);
    EXPECT_TRUE(rpc.evm_revert(id).value());
    EXPECT_EQ(rpc.block_number().value(), 1u);
    EXPECT_EQ(rpc.get_balance(a1).value(), balance);
    EXPECT_EQ(rpc.get_transaction_count(key(0).address()).value(), 1u);
    EXPECT_FALSE(rpc.get_transaction_receipt(sign(0, 1, a1, {}, uint256(5), kGwei, 21'000).hash).value().has_value());
    EXPECT_FALSE(rpc.evm_revert(id).value());  // used up
    // The chain goes on from the snapshot: the same nonce is accepted again.
    EXPECT_TRUE(send(rpc, sign(0, 1, a1, {}, uint256(6), kGwei, 21'000)).status);
}

TEST(DevNode, ManualMiningTakesHigherTipsFirstAndSendersInNonceOrder) {
    Node n = start();
    RpcClient& rpc = *n.rpc;
    ASSERT_TRUE(rpc.anvil_set_automine(false).ok());
    auto filter = rpc.request("eth_newPendingTransactionFilter");
    ASSERT_TRUE(filter.ok()) << filter.error().message;
    const Address to = key(2).address();
    const auto low = sign(0, 0, to, {}, uint256(1), kGwei, 21'000);
    const auto low_next = sign(0, 1, to, {}, uint256(1), kGwei * uint256(50), 21'000);  // high tip, but waits for nonce 0
    const auto high = sign(1, 0, to, {}, uint256(1), kGwei * uint256(5), 21'000);
    for (const auto* t : {&low_next, &low, &high}) ASSERT_TRUE(rpc.send_raw_transaction(t->raw).ok());
    EXPECT_EQ(rpc.block_number().value(), 0u);
    EXPECT_FALSE(rpc.get_transaction_receipt(high.hash).value().has_value());
    EXPECT_EQ(rpc.get_transaction_count(key(0).address(), BlockTag::pending()).value(), 2u);

    auto changes = rpc.request("eth_getFilterChanges", {*filter});
    ASSERT_TRUE(changes.ok());
    EXPECT_EQ(*changes, json({to_hex(low_next.hash), to_hex(low.hash), to_hex(high.hash)}));
    auto pool = rpc.request("txpool_content");
    ASSERT_TRUE(pool.ok());
    EXPECT_EQ((*pool)["pending"][to_checksum(key(0).address())].size(), 2u);

    ASSERT_TRUE(rpc.evm_mine().ok());
    auto block = rpc.get_block_by_number(BlockTag::latest()).value().value();
    ASSERT_EQ(block.transaction_hashes.size(), 3u);
    EXPECT_EQ(block.transaction_hashes[0], high.hash);      // tip 5 gwei
    EXPECT_EQ(block.transaction_hashes[1], low.hash);       // tip 1 gwei, nonce 0 of its sender
    EXPECT_EQ(block.transaction_hashes[2], low_next.hash);  // tip 50 gwei, only after nonce 0
    EXPECT_EQ(rpc.request("eth_getFilterChanges", {*filter}).value(), json::array());
}

TEST(DevNode, RefusesTransactionsAsANodeDoes) {
    Node n = start();
    RpcClient& rpc = *n.rpc;
    const Address to = key(2).address();
    ASSERT_TRUE(send(rpc, sign(0, 0, to, {}, uint256(1), kGwei, 21'000)).status);
    auto refusal = [&](const SignedTransaction& stx) {
        auto r = rpc.request_raw("eth_sendRawTransaction", {to_hex(stx.raw)});
        EXPECT_TRUE(r.ok() && r->error) << "accepted";
        return r.ok() && r->error ? r->error->message : std::string();
    };
    EXPECT_EQ(refusal(sign(0, 0, to, {}, uint256(1), kGwei, 21'000)), "already known");
    EXPECT_EQ(refusal(sign(0, 0, to, {}, uint256(2), kGwei, 21'000)).rfind("nonce too low", 0), 0u);
    EXPECT_NE(refusal(sign(0, 1, to, {}, uint256(1), kGwei, 20'000)).find("intrinsic gas"), std::string::npos);
    EXPECT_EQ(refusal(sign(0, 1, to, {}, uint256::parse("1000000000000000000000000").value(), kGwei, 21'000))
                  .rfind("insufficient funds", 0),
              0u);
    Transaction wrong_chain;
    wrong_chain.chain_id = 1;
    wrong_chain.nonce = 1;
    wrong_chain.max_fee_per_gas = kGwei * uint256(10);
    wrong_chain.gas_limit = 21'000;
    wrong_chain.to = to;
    auto stx = sign_transaction(wrong_chain, key(0)).value();
    EXPECT_NE(refusal(stx).find("chain"), std::string::npos);
}

TEST(DevNode, BadRequestsGetJsonRpcErrors) {
    Node n = start();
    RpcClient& rpc = *n.rpc;
    EXPECT_EQ(node_error(rpc, "eth_noSuchThing", json::array()).code, -32601);
    NodeError addr = node_error(rpc, "eth_getBalance", {"0x1234"});
    EXPECT_EQ(addr.code, -32602);
    EXPECT_NE(addr.message.find("param 1 (address)"), std::string::npos) << addr.message;
    NodeError tag = node_error(rpc, "eth_getStorageAt", {to_hex(key(0).address().bytes), "0x0", "yesterday"});
    EXPECT_EQ(tag.code, -32602);
    EXPECT_NE(tag.message.find("param 3 (block)"), std::string::npos) << tag.message;
    NodeError missing = node_error(rpc, "eth_getTransactionReceipt", json::array());
    EXPECT_EQ(missing.code, -32602);
    EXPECT_NE(missing.message.find("param 1 (hash): missing"), std::string::npos) << missing.message;
    NodeError extra = node_error(rpc, "eth_chainId", {1});
    EXPECT_EQ(extra.code, -32602);
    auto raw = n.node->post("{not json", "test");
    ASSERT_TRUE(raw.ok());
    EXPECT_EQ(json::parse(*raw)["error"]["code"], -32700);
    // A batch answers each call.
    auto batch = rpc.batch({{"eth_chainId", json::array()}, {"eth_nope", json::array()}});
    ASSERT_TRUE(batch.ok());
    EXPECT_EQ((*batch)[0].result, "0x539");
    EXPECT_EQ((*batch)[1].error->code, -32601);
}

TEST(DevNode, LogsFilterByRangeAddressAndTopics) {
    Node n = start();
    RpcClient& rpc = *n.rpc;
    const Address c = send(rpc, sign(0, 0, std::nullopt, programs::initcode(programs::store_and_log()))).contract_address.value();
    for (uint8_t i = 1; i <= 3; ++i) ASSERT_TRUE(send(rpc, sign(0, i, c, programs::store_call(i, uint8_t(10 + i)))).status);
    auto logs = [&](json filter) { return rpc.request("eth_getLogs", {filter}).value(); };
    EXPECT_EQ(logs({{"fromBlock", "0x0"}, {"toBlock", "latest"}, {"address", to_hex(c.bytes)}}).size(), 3u);
    EXPECT_EQ(logs({{"fromBlock", "0x3"}, {"toBlock", "0x4"}}).size(), 2u);
    const std::string topic2 = to_hex(uint256(12).to_bytes32());
    json by_topic = logs({{"fromBlock", "earliest"}, {"topics", {nullptr, topic2}}});
    ASSERT_EQ(by_topic.size(), 1u);
    EXPECT_EQ(by_topic[0]["blockNumber"], "0x3");
    EXPECT_EQ(logs({{"address", to_hex(key(1).address().bytes)}, {"fromBlock", "0x0"}}).size(), 0u);
}

TEST(DevNode, StateUrlPersistsHistoryAcrossProcesses) {
    const auto dir = std::filesystem::temp_directory_path() / ("suture-devnode-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string file = (dir / "dev.state").string();
    DevnetOptions o;
    o.accounts = 2;
    ASSERT_TRUE(save_state_file(file, new_devnet(o).value()).ok());
    Bytes32 h2;
    Address c;
    {
        RpcClient rpc("state:" + file);
        c = send(rpc, sign(0, 0, std::nullopt, programs::initcode(programs::store_and_log()))).contract_address.value();
        ASSERT_TRUE(send(rpc, sign(0, 1, c, programs::store_call(1, 5))).status);
        h2 = rpc.get_block_by_number(BlockTag::latest()).value()->hash;
        RpcClient same("state:" + file);  // one node per file in a process
        EXPECT_EQ(same.block_number().value(), 2u);
    }  // the last client gone: the node writes the file
    auto loaded = load_state_file(file);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    EXPECT_EQ(loaded->history.blocks.size(), 3u);
    {
        RpcClient again("state:" + file);
        EXPECT_EQ(again.block_number().value(), 2u);
        EXPECT_EQ(again.get_block_by_number(BlockTag::number(2)).value()->hash, h2);
        EXPECT_EQ(again.get_storage_at(c, uint256(1), BlockTag::number(1)).value(), Bytes32{});
        EXPECT_EQ(uint256::from_bytes32(again.get_storage_at(c, uint256(1)).value()), uint256(5));
        ASSERT_TRUE(send(again, sign(0, 2, c, programs::store_call(1, 6))).status);
    }
    EXPECT_EQ(load_state_file(file).value().history.blocks.size(), 4u);

    // A caller that moves the state on without a block (an older tool) drops the history, never keeps it stale.
    LocalState s = load_state_file(file).value();
    s.block.number += 1;
    ASSERT_TRUE(save_state_file(file, s).ok());
    EXPECT_TRUE(load_state_file(file).value().history.blocks.empty());
    std::filesystem::remove_all(dir);
}

TEST(DevNode, AnInMemoryNodeIsReachableByItsUrlWhileItLives) {
    std::string url;
    {
        Node n = start();
        url = n.node->url();
        EXPECT_EQ(url.rfind("state:memory:", 0), 0u) << url;
        ASSERT_TRUE(send(*n.rpc, sign(0, 0, key(1).address(), {}, uint256(1), kGwei, 21'000)).status);
        RpcClient by_url(url);
        EXPECT_EQ(by_url.block_number().value(), 1u);
    }
    RpcClient gone(url);
    auto r = gone.block_number();
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("no such in-memory node"), std::string::npos) << r.error().message;
}

TEST(DevNode, MissingStateFileIsAChainErrorNamingIt) {
    RpcClient rpc("state:/nonexistent/dir/dev.state");
    auto r = rpc.chain_id();
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("/nonexistent/dir/dev.state"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace suture::chain
