// Reading a node's answer to eth_call: an error object that is the call
// reverting (geth's code 3, revert data, or "revert" in the message) is a
// value, any other error (bad params, an unknown block) is a failure.
// RpcClient::try_call and callers that send eth_calls in a batch share it.
#pragma once

#include <optional>

#include "chain/rpc_client.hpp"
#include "chain/rpc_types.hpp"

namespace suture::chain {

// The revert, when `e` is one; nullopt when it is a failure of the node.
std::optional<CallOutcome> revert_outcome(const NodeError& e, const abi::ContractAbi* abi = nullptr);

}  // namespace suture::chain
