// Blocks of a chain's history as a replay needs them: the block context, the
// transactions in order (full objects of eth_getBlockByNumber(n, true)) as
// the in-process EVM executes them, and each transaction's real receipt.
//
// Parsing is strict, like rpc_json.hpp: a missing or malformed field is a
// chain error naming it and the transaction ("block 12 transaction 3 (0xab..):
// field maxFeePerGas: ..."). A block whose receipts do not match its
// transactions (a count or a hash that differs) is an error, never a block
// replayed without its receipts: the receipts are the check that the replay's
// EVM agrees with the chain.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "chain/rpc_types.hpp"
#include "core/result.hpp"
#include "evm/transaction.hpp"

namespace suture::chain {

struct HistoryTx {
    Bytes32 hash{};
    evm::Transaction tx;   // sender included (the node's "from")
    Receipt receipt;       // the chain's receipt
};

struct HistoryBlock {
    uint64_t number = 0;
    Bytes32 hash{};
    evm::BlockEnv env;     // chain id and block hashes are the caller's to set
    std::vector<HistoryTx> txs;
};

// The block context of an eth_getBlockByNumber object: number, timestamp, gas
// limit, coinbase, base fee, prevrandao (mixHash after the merge, the
// difficulty before), excess blob gas, parent beacon block root.
Status parse_block_env(const nlohmann::json& block, evm::BlockEnv& env);

// One transaction object of a block with full transactions.
Result<evm::Transaction> parse_rpc_transaction(const nlohmann::json& tx);

// A block with full transactions and the receipts of its transactions (in any
// order; matched by hash).
Result<HistoryBlock> parse_history_block(const nlohmann::json& block, const nlohmann::json& receipts);

}  // namespace suture::chain
