// `suture devnet exec`'s block (chain/devnet.hpp, commit_exec_block): on a
// state with block history it becomes a block of that history, which the
// in-process node then serves as its own (header chained to the parent,
// the call as a transaction with its receipt, the state before it readable),
// and the node mines on top of it; without history the state just moves on.
#include <gtest/gtest.h>

#include "chain/devnet.hpp"
#include "chain/devnode/block_seal.hpp"
#include "chain/devnode/dev_chain.hpp"
#include "chain/devnode/dev_node.hpp"
#include "chain/transaction.hpp"
#include "evm/state_overlay.hpp"
#include "evm/transaction.hpp"

namespace suture::chain {
namespace {

const uint256 kGwei = uint256(1'000'000'000);

// A transfer of `value` wei from `from` to `to` as `devnet exec` runs it
// (a message call at gas price zero) in `block` over `state`; the diff and
// what the call did.
std::pair<evm::StateDiff, ExecutedCall> transfer(evm::MemoryBackend& state, evm::Revision rev,
                                                 const evm::BlockEnv& block, const Address& from, const Address& to,
                                                 const uint256& value) {
    evm::OverlayBackend overlay(state);
    evm::CallRequest call;
    call.from = from;
    call.to = to;
    call.value = value;
    call.gas = 100'000;
    auto r = evm::execute_call(overlay, rev, block, call);
    EXPECT_TRUE(r.ok()) << r.error().message;
    overlay.apply(r->diff);
    ExecutedCall c{from, to, value, {}, call.gas, r->receipt.status == evm::StatusCode::success,
                   uint64_t(r->receipt.gas_used), r->receipt.created, r->receipt.logs};
    return {overlay.net_diff().value(), c};
}

TEST(DevnetExec, ABlockOnAStateWithHistoryJoinsItAndTheNodeServesIt) {
    DevnetOptions o;
    o.accounts = 2;
    const Address a0 = dev_key(0).value().address(), a1 = dev_key(1).value().address();
    // A history of two blocks (0 and an empty 1), as the node leaves it.
    DevChain chain(new_devnet(o).value());
    ASSERT_TRUE(chain.mine(1).ok());
    const Bytes32 parent = chain.latest().hash;

    const evm::BlockEnv env = chain.next_env();
    LocalState& state = chain.mutable_state();
    auto [diff, call] = transfer(state.accounts, state.revision, env, a0, a1, uint256(5));
    ASSERT_TRUE(call.success);
    ASSERT_TRUE(commit_exec_block(state, env, {call}, diff).ok());

    ASSERT_EQ(state.history.blocks.size(), 3u);
    const ChainBlock& b = state.history.blocks.back();
    EXPECT_EQ(b.number, 2u);
    EXPECT_EQ(state.block.number, 2);
    EXPECT_EQ(b.parent_hash, parent);
    ASSERT_EQ(b.txs.size(), 1u);
    EXPECT_EQ(b.txs[0].tx.nonce, 0u);
    EXPECT_EQ(b.txs[0].hash, unsigned_tx_hash(b.txs[0].tx));
    EXPECT_EQ(b.gas_used, 21'000u);
    const Bytes32 tx_hash = b.txs[0].hash, block_hash = b.hash;

    // Through the file (format 2) and the node: the block, its transaction and the state before it.
    auto reloaded = decode_state_file(encode_state_file(state), "exec.state");
    ASSERT_TRUE(reloaded.ok()) << reloaded.error().message;
    auto node = DevNode::in_memory(std::move(*reloaded));
    auto rpc = connect(node);
    EXPECT_EQ(rpc->block_number().value(), 2u);
    auto header = rpc->get_block_by_number(BlockTag::number(2)).value();
    ASSERT_TRUE(header.has_value());
    EXPECT_EQ(header->hash, block_hash);
    EXPECT_EQ(header->transaction_hashes, std::vector<Bytes32>{tx_hash});
    auto receipt = rpc->get_transaction_receipt(tx_hash).value();
    ASSERT_TRUE(receipt.has_value());
    EXPECT_TRUE(receipt->status);
    EXPECT_EQ(receipt->block_number, 2u);
    EXPECT_EQ(rpc->get_balance(a1, BlockTag::number(1)).value() + uint256(5), rpc->get_balance(a1).value());
    EXPECT_EQ(rpc->get_transaction_count(a0, BlockTag::number(1)).value(), 0u);
    EXPECT_EQ(rpc->get_transaction_count(a0, BlockTag::number(2)).value(), 1u);

    // The node mines on top of it.
    Transaction tx;
    tx.type = TxType::dynamic_fee;
    tx.chain_id = 1337;
    tx.nonce = 1;
    tx.max_priority_fee_per_gas = kGwei;
    tx.max_fee_per_gas = kGwei * uint256(10);
    tx.gas_limit = 21'000;
    tx.to = a1;
    tx.value = uint256(1);
    auto signed_tx = sign_transaction(tx, dev_key(0).value()).value();
    ASSERT_TRUE(rpc->send_raw_transaction(signed_tx.raw).ok());
    auto next = rpc->get_block_by_number(BlockTag::number(3)).value();
    ASSERT_TRUE(next.has_value());
    EXPECT_EQ(next->parent_hash, block_hash);
}

TEST(DevnetExec, WithoutHistoryTheStateMovesOnAndKeepsNone) {
    LocalState state = new_devnet({}).value();
    const Address a0 = dev_key(0).value().address(), a1 = dev_key(1).value().address();
    const uint256 before = state.accounts.find(a1)->balance;
    const evm::BlockEnv env = next_block(state.block);
    auto [diff, call] = transfer(state.accounts, state.revision, env, a0, a1, uint256(5));
    ASSERT_TRUE(commit_exec_block(state, env, {call}, diff).ok());
    EXPECT_TRUE(state.history.blocks.empty());
    EXPECT_EQ(state.block.number, 1);
    EXPECT_EQ(state.accounts.find(a1)->balance, before + uint256(5));
}

TEST(DevnetExec, ABlockThatDoesNotFollowTheHistoryIsRefused) {
    DevChain chain(new_devnet({}).value());
    evm::BlockEnv env = chain.next_env();
    env.number += 1;  // a gap
    auto st = commit_exec_block(chain.mutable_state(), env, {}, {});
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.error().message.find("does not follow the kept block 0"), std::string::npos) << st.error().message;
    EXPECT_EQ(chain.state().history.blocks.size(), 1u);
}

}  // namespace
}  // namespace suture::chain
