// The in-process node's JSON-RPC methods, in three tables: state and calls
// (dev_node_methods_state.cpp), transactions, blocks and logs
// (dev_node_methods_chain.cpp), test-node controls, the pool and filters
// (dev_node_methods_test.cpp). A method reads its params through Params and
// fails by throwing RpcFailure (rpc_params.hpp); DevNode::handle runs it
// under the node's mutex.
#pragma once

#include <span>

#include <nlohmann/json.hpp>

#include "chain/devnode/dev_node.hpp"
#include "chain/devnode/rpc_params.hpp"
#include "evm/transaction.hpp"

namespace suture::chain {

using MethodFn = nlohmann::json (*)(DevNode& node, const Params& params);
struct Method {
    const char* name;
    MethodFn fn;
};

std::span<const Method> state_methods();
std::span<const Method> chain_methods();
std::span<const Method> test_methods();

// The kept block a selector names; -32000 "header not found" otherwise.
// "pending" names the latest block (its state is what the next block starts from).
const ChainBlock& resolve_block(DevChain& chain, const BlockRef& ref);

// A message call at a block: `pending` runs it in the context of the next
// block. Missing fields take the defaults nodes use (from zero, gas the
// block gas limit). A failure of the state (never expected) is -32000.
evm::TxOutcome run_call(DevChain& chain, const CallFields& call, const BlockRef& ref, std::optional<int64_t> gas = {});

// The lowest gas limit with which the call succeeds (binary search, as geth);
// a revert is error 3 with its data, a call failing at the cap -32000.
uint64_t estimate_gas(DevChain& chain, const CallFields& call, const BlockRef& ref);

// The JSON-RPC error of a reverted or failed call (3 with data for a revert).
[[noreturn]] void fail_call(const evm::Receipt& r);

}  // namespace suture::chain
