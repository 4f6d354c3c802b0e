// The in-process node (chain/devnode) against anvil as the oracle: the same
// signed transactions from the same genesis accounts go to both, and the
// receipts, the historical state at every block, eth_call and
// eth_estimateGas must agree.
//
// What cannot agree, and is compared differently:
// - block hashes (anvil's headers carry its own prevrandao, state root of its
//   genesis and extra data): each node's BLOCKHASH must equal its own parent
//   hash instead;
// - timestamps: anvil uses the wall clock; the test sets anvil's next
//   timestamp (evm_setNextBlockTimestamp) to the in-process node's, so
//   TIMESTAMP and everything after it agree;
// - eth_estimateGas: anvil stops its binary search within 1.5% of the
//   answer; the in-process node searches to the exact lowest limit, so its
//   estimate must be <= anvil's and within 2% of it, and enough to succeed.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "chain/chain_forks.hpp"
#include "chain/devnet.hpp"
#include "chain/devnode/dev_node.hpp"
#include "chain/rpc_json.hpp"
#include "chain/transaction.hpp"
#include "core/hex.hpp"
#include "support/anvil.hpp"
#include "support/evm_programs.hpp"

namespace suture::chain {
namespace {

using nlohmann::json;
using test::Anvil;
namespace programs = test::programs;

const uint256 kGwei = uint256(1'000'000'000);

struct Step {
    const char* what;
    int from;
    int to_step = -1;  // the contract deployed by an earlier step; -1: `to_account` or a deploy
    int to_account = -1;
    Bytes data;
    uint256 value;
    TxType type = TxType::dynamic_fee;
    uint64_t gas = 300'000;
    // A set-code transaction's one authorization: signed by dev account
    // `auth_signer`, delegating to the contract of step `auth_delegate_step`,
    // with the signer's nonce plus `auth_nonce_offset` and chain `auth_chain`.
    int auth_signer = -1;
    int auth_delegate_step = -1;
    int auth_nonce_offset = 0;
    uint64_t auth_chain = Anvil::chain_id;
};

class DevNodeOracle : public ::testing::Test {
protected:
    void SetUp() override { start("cancun", evm::Revision::cancun); }

    void start(const std::string& hardfork, evm::Revision rev) {
        test::AnvilOptions options;
        options.hardfork = hardfork;
        auto node = Anvil::start(options);
        ASSERT_TRUE(node.ok()) << node.error().message;
        anvil_ = std::move(*node);
        anvil_rpc_ = std::make_unique<RpcClient>(anvil_->url());
        // The same genesis: anvil's ten accounts with 10,000 ETH, its chain
        // id, and its block 0's context.
        auto genesis = anvil_rpc_->request("eth_getBlockByNumber", {"0x0", false});
        ASSERT_TRUE(genesis.ok()) << genesis.error().message;
        DevnetOptions o;
        o.accounts = 0;
        o.chain_id = Anvil::chain_id;
        for (int i = 0; i < Anvil::dev_account_count; ++i) o.fund.push_back(Anvil::dev_address(i));
        LocalState s = new_devnet(o).value();
        s.revision = rev;
        s.block.timestamp = int64_t(parse_u64((*genesis)["timestamp"], "timestamp").value());
        s.block.gas_limit = int64_t(parse_u64((*genesis)["gasLimit"], "gasLimit").value());
        s.block.base_fee = parse_u256((*genesis)["baseFeePerGas"], "baseFeePerGas").value();
        s.block.coinbase = parse_addr((*genesis)["miner"], "miner").value();
        s.block.prev_randao = uint256::from_bytes32(parse_bytes32((*genesis)["mixHash"], "mixHash").value());
        node_ = DevNode::in_memory(std::move(s));
        ours_ = connect(node_);
    }

    // Sends one signed transaction to both, anvil's block at our timestamp.
    void send_both(const Step& step, std::vector<std::optional<Address>>& created) {
        SCOPED_TRACE(step.what);
        Transaction tx;
        tx.type = step.type;
        tx.chain_id = Anvil::chain_id;
        tx.nonce = ours_->get_transaction_count(Anvil::dev_address(step.from)).value();
        ASSERT_EQ(tx.nonce, anvil_rpc_->get_transaction_count(Anvil::dev_address(step.from)).value());
        if (step.type == TxType::dynamic_fee || step.type == TxType::set_code) {
            tx.max_priority_fee_per_gas = kGwei;
            tx.max_fee_per_gas = kGwei * uint256(10);
        } else {
            tx.gas_price = kGwei * uint256(3);
        }
        if (step.type == TxType::access_list && step.to_step >= 0)
            tx.access_list.push_back({*created[size_t(step.to_step)], {uint256(1).to_bytes32()}});
        tx.gas_limit = step.gas;
        if (step.to_step >= 0) tx.to = created[size_t(step.to_step)];
        if (step.to_account >= 0) tx.to = Anvil::dev_address(step.to_account);
        tx.value = step.value;
        tx.data = step.data;
        if (step.auth_signer >= 0) {
            const uint64_t nonce = ours_->get_transaction_count(Anvil::dev_address(step.auth_signer)).value();
            tx.authorization_list.push_back(sign_authorization(step.auth_chain, *created[size_t(step.auth_delegate_step)],
                                                               uint64_t(int64_t(nonce) + step.auth_nonce_offset),
                                                               Anvil::dev_key(step.auth_signer)));
        }
        const SignedTransaction stx = sign_transaction(tx, Anvil::dev_key(step.from)).value();

        const uint64_t next_time = ours_->get_block_by_number(BlockTag::latest()).value()->timestamp + 12;
        ASSERT_TRUE(anvil_rpc_->request("evm_setNextBlockTimestamp", {next_time}).ok());
        auto ha = anvil_rpc_->send_raw_transaction(stx.raw);
        auto ho = ours_->send_raw_transaction(stx.raw);
        ASSERT_TRUE(ha.ok()) << ha.error().message;
        ASSERT_TRUE(ho.ok()) << ho.error().message;
        EXPECT_EQ(*ha, *ho);
        json ra;  // anvil mines after answering: wait (bounded) for its receipt
        for (int i = 0; i < 200 && !ra.is_object(); ++i) {
            ra = anvil_rpc_->request("eth_getTransactionReceipt", {to_hex(stx.hash)}).value();
            if (!ra.is_object()) std::this_thread::sleep_for(std::chrono::milliseconds(25));
        }
        auto ro = ours_->request("eth_getTransactionReceipt", {to_hex(stx.hash)}).value();
        ASSERT_TRUE(ra.is_object() && ro.is_object());
        for (const char* field : {"status", "gasUsed", "cumulativeGasUsed", "contractAddress", "effectiveGasPrice",
                                  "blockNumber", "transactionIndex", "type", "logsBloom"})
            EXPECT_EQ(ra[field], ro[field]) << field;
        ASSERT_EQ(ra["logs"].size(), ro["logs"].size());
        for (size_t i = 0; i < ra["logs"].size(); ++i)
            for (const char* field : {"address", "topics", "data", "logIndex", "transactionIndex"})
                EXPECT_EQ(ra["logs"][i][field], ro["logs"][i][field]) << "log " << i << " " << field;
        auto ba = anvil_rpc_->request("eth_getBlockByNumber", {"latest", false}).value();
        auto bo = ours_->request("eth_getBlockByNumber", {"latest", false}).value();
        for (const char* field : {"number", "timestamp", "gasUsed", "gasLimit", "baseFeePerGas", "miner", "blobGasUsed",
                                  "excessBlobGas"})
            EXPECT_EQ(ba[field], bo[field]) << "block " << field;
        created.push_back(ro["contractAddress"].is_null()
                              ? std::nullopt
                              : std::optional<Address>(parse_addr(ro["contractAddress"], "contractAddress").value()));
    }

    // Both nodes' code of `a` at the latest block.
    void expect_same_code(const Address& a) {
        auto ca = anvil_rpc_->request("eth_getCode", {to_hex(a.bytes), "latest"}).value();
        auto co = ours_->request("eth_getCode", {to_hex(a.bytes), "latest"}).value();
        EXPECT_EQ(ca, co) << to_checksum(a);
    }

    std::unique_ptr<Anvil> anvil_;
    std::unique_ptr<RpcClient> anvil_rpc_;
    std::shared_ptr<DevNode> node_;
    std::unique_ptr<RpcClient> ours_;
};

// Prague rules on both (anvil --hardfork prague): EIP-7702 set-code
// transactions with a valid, a re-used (stale nonce) and an any-chain
// authorization, a call running the delegate's code in the authority's
// storage, and the EIP-7623 calldata floor.
class DevNodeOraclePrague : public DevNodeOracle {
protected:
    void SetUp() override { start("prague", evm::Revision::prague); }
};

TEST_F(DevNodeOraclePrague, SetCodeTransactionsMatchAnvil) {
    const auto D = TxType::dynamic_fee, S = TxType::set_code;
    const std::vector<Step> steps = {
        {"deploy store_and_log", 0, -1, -1, programs::initcode(programs::store_and_log()), {}, D, 300'000},
        {"delegate account 2 to store_and_log", 0, -1, 2, {}, {}, S, 300'000, 2, 0, 0},
        {"store(3, 7) in account 2 through its delegation", 1, -1, 2, programs::store_call(3, 7), {}, D, 300'000},
        {"a re-used authorization (stale nonce) is skipped", 0, -1, 2, {}, {}, S, 300'000, 2, 0, -1},
        {"self-sponsored: account 3 delegates itself, chain id 0", 3, -1, 3, programs::store_call(4, 1), {}, S, 300'000,
         3, 0, 1, 0},
        {"calldata floor: 2,000 non-zero bytes", 1, -1, 4, Bytes(2000, 0x01), {}, D, 120'000},
    };
    std::vector<std::optional<Address>> created;
    for (const Step& s : steps) {
        send_both(s, created);
        if (HasFatalFailure()) return;
    }
    for (int i : {2, 3}) {
        expect_same_code(Anvil::dev_address(i));
        for (uint64_t slot : {3, 4}) {
            auto sa = anvil_rpc_->get_storage_at(Anvil::dev_address(i), uint256(slot), BlockTag::latest());
            auto so = ours_->get_storage_at(Anvil::dev_address(i), uint256(slot), BlockTag::latest());
            ASSERT_TRUE(sa.ok() && so.ok());
            EXPECT_EQ(*sa, *so) << "account " << i << " slot " << slot;
        }
        EXPECT_EQ(anvil_rpc_->get_transaction_count(Anvil::dev_address(i)).value(),
                  ours_->get_transaction_count(Anvil::dev_address(i)).value());
    }
    EXPECT_EQ(ours_->get_storage_at(Anvil::dev_address(2), uint256(3), BlockTag::latest()).value(), uint256(7).to_bytes32());
}

// anvil_nodeInfo names the fork anvil was started with; for its chain
// (31337, no known schedule) that answer chooses the rules.
TEST(NodeHardfork, AnvilSaysWhichForkItRuns) {
    for (const auto& [flag, rev] : std::vector<std::pair<std::string, evm::Revision>>{
             {"cancun", evm::Revision::cancun}, {"prague", evm::Revision::prague}}) {
        test::AnvilOptions options;
        options.hardfork = flag;
        auto node = Anvil::start(options);
        ASSERT_TRUE(node.ok()) << node.error().message;
        RpcClient rpc((*node)->url());
        auto said = node_hardfork(rpc);
        ASSERT_TRUE(said.ok()) << said.error().message;
        EXPECT_EQ(*said, rev) << flag;
        const ChosenRevision chosen = choose_revision(Anvil::chain_id, 1'800'000'000, std::nullopt, *said);
        EXPECT_EQ(chosen.revision, rev);
        EXPECT_NE(chosen.why.find("the node's hardfork"), std::string::npos) << chosen.why;
    }
    // The in-process node does not answer anvil_nodeInfo: no answer, not an error.
    auto state = new_devnet({});
    ASSERT_TRUE(state.ok());
    auto ours = connect(DevNode::in_memory(std::move(*state)));
    auto none = node_hardfork(*ours);
    ASSERT_TRUE(none.ok()) << none.error().message;
    EXPECT_FALSE(*none);
}

TEST_F(DevNodeOracle, ReceiptsHistoryCallsAndEstimatesMatchAnvil) {
    const auto D = TxType::dynamic_fee;
    const std::vector<Step> steps = {
        {"deploy store_and_log", 0, -1, -1, programs::initcode(programs::store_and_log()), {}, D, 300'000},
        {"store(1, 5) with a log", 0, 0, -1, programs::store_call(1, 5), {}, D, 300'000},
        {"legacy value transfer", 0, -1, 1, {}, uint256(1'000'000'000'000'000'000ULL), TxType::legacy, 21'000},
        {"revert with data", 1, 0, -1, {}, {}, D, 100'000},
        {"deploy block_context", 1, -1, -1, programs::initcode(programs::block_context()), {}, D, 300'000},
        {"read BLOCKHASH, TIMESTAMP, BASEFEE", 1, 4, -1, {}, {}, D, 300'000},
        {"clear slot 1 (refund), access list", 2, 0, -1, programs::store_call(1, 0), {}, TxType::access_list, 300'000},
        {"store with value", 3, 0, -1, programs::store_call(2, 9), uint256(777), D, 300'000},
        {"read the block context again", 2, 4, -1, {}, {}, D, 300'000},
    };
    std::vector<std::optional<Address>> created;
    for (const Step& s : steps) {
        send_both(s, created);
        if (HasFatalFailure()) return;
    }
    const Address store = *created[0], context = *created[4];

    // Historical state at every block, both nodes.
    const uint64_t latest = ours_->block_number().value();
    ASSERT_EQ(latest, anvil_rpc_->block_number().value());
    std::vector<Address> accounts = {store, context, Address{}};
    for (int i = 0; i < 4; ++i) accounts.push_back(Anvil::dev_address(i));
    for (uint64_t b = 0; b <= latest; ++b) {
        const BlockTag tag = BlockTag::number(b);
        for (const Address& a : accounts) {
            SCOPED_TRACE("block " + std::to_string(b) + " " + to_checksum(a));
            EXPECT_EQ(ours_->get_balance(a, tag).value(), anvil_rpc_->get_balance(a, tag).value());
            EXPECT_EQ(ours_->get_transaction_count(a, tag).value(), anvil_rpc_->get_transaction_count(a, tag).value());
            EXPECT_EQ(ours_->get_code(a, tag).value(), anvil_rpc_->get_code(a, tag).value());
        }
        for (uint8_t slot = 1; slot <= 3; ++slot) {
            EXPECT_EQ(ours_->get_storage_at(store, uint256(slot), tag).value(),
                      anvil_rpc_->get_storage_at(store, uint256(slot), tag).value())
                << "store slot " << int(slot) << " at block " << b;
            EXPECT_EQ(ours_->get_storage_at(context, uint256(slot), tag).value(),
                      anvil_rpc_->get_storage_at(context, uint256(slot), tag).value())
                << "context slot " << int(slot) << " at block " << b;
        }
    }
    // BLOCKHASH: each node stored its own hash of the block before.
    for (RpcClient* rpc : {ours_.get(), anvil_rpc_.get()}) {
        const uint64_t at = uint256::from_bytes32(rpc->get_storage_at(context, uint256(3)).value()).low64();
        const Bytes32 parent = rpc->get_block_by_number(BlockTag::number(at - 1)).value()->hash;
        EXPECT_EQ(rpc->get_storage_at(context, uint256(0)).value(), parent) << rpc->url();
    }

    // eth_call: a revert's data, a success at an older block.
    CallRequest revert_call;
    revert_call.from = Anvil::dev_address(5);
    revert_call.to = store;
    for (uint64_t b : {uint64_t{1}, latest}) {
        auto a = anvil_rpc_->try_call(revert_call, BlockTag::number(b));
        auto o = ours_->try_call(revert_call, BlockTag::number(b));
        ASSERT_TRUE(a.ok() && o.ok());
        EXPECT_EQ(a->reverted, o->reverted);
        EXPECT_EQ(a->output, o->output);
    }
    auto before_deploy = ours_->try_call(revert_call, BlockTag::number(0));
    ASSERT_TRUE(before_deploy.ok());
    EXPECT_FALSE(before_deploy->reverted);  // no code at block 0
    // eth_estimateGas: a fresh slot (20,000 gas SSTORE) and a value transfer.
    for (const Bytes& data : {programs::store_call(9, 9), Bytes{}}) {
        CallRequest est;
        est.from = Anvil::dev_address(6);
        est.to = data.empty() ? Anvil::dev_address(7) : store;
        est.data = data;
        const uint64_t a = anvil_rpc_->estimate_gas(est).value();
        const uint64_t o = ours_->estimate_gas(est).value();
        EXPECT_LE(o, a);
        EXPECT_GE(double(o) * 1.02, double(a)) << "ours " << o << ", anvil " << a;
    }
    // Fee history over the whole range.
    auto fa = anvil_rpc_->fee_history(latest, BlockTag::latest(), {50.0});
    auto fo = ours_->fee_history(latest, BlockTag::latest(), {50.0});
    ASSERT_TRUE(fa.ok() && fo.ok());
    EXPECT_EQ(fa->oldest_block, fo->oldest_block);
    EXPECT_EQ(fa->base_fee_per_gas, fo->base_fee_per_gas);
    EXPECT_EQ(fa->reward, fo->reward);
}

}  // namespace
}  // namespace suture::chain
