// The JSON objects the in-process node answers with, in the shape geth and
// anvil use (so chain/rpc_json.hpp and chain/rpc_history.hpp parse them like
// any node's): blocks, transactions, receipts, logs.
#pragma once

#include <nlohmann/json.hpp>

#include "chain/devnode/chain_history.hpp"

namespace suture::chain {

// `block` may be null for a pending transaction (blockHash etc. are null then).
nlohmann::json transaction_json(const ChainTx& t, const ChainBlock* block, size_t index);
nlohmann::json receipt_json(const ChainBlock& block, size_t index);
// The log's position: its index in the block counts the logs of earlier transactions.
nlohmann::json log_json(const evm::Log& log, const ChainBlock& block, size_t tx_index, uint64_t log_index);
nlohmann::json block_json(const ChainBlock& block, bool full_transactions);

}  // namespace suture::chain
