// Fetching blocks for the monitor: a run of consecutive blocks with their
// transactions, receipts (logs, status) and, when the detectors need them,
// call traces — in three JSON-RPC batches for the whole run (blocks,
// receipts, traces), so a monitor behind the head catches up in few round
// trips.
//
// Traces come from debug_traceTransaction's callTracer. A node without it
// (the method unknown or refused) is remembered by the TraceMode and the
// blocks are re-executed instead in the in-process EVM on a fork of the
// parent block (fork_execution.hpp), which gives the same frames.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "chain/rpc_client.hpp"
#include "core/result.hpp"
#include "evm/transaction.hpp"
#include "respond/tx_trace.hpp"

namespace suture::respond {

enum class TraceMode { none, node, evm };

// Blocks [first, last] (at most what the node has: a block it does not have
// ends the run early). `mode` none: no frames; node: debug_traceTransaction,
// switched to evm (and the switch kept in `mode`) when the node cannot trace.
Result<std::vector<BlockTrace>> fetch_blocks(chain::RpcClient& rpc, uint64_t first, uint64_t last, TraceMode& mode);

// One transaction of a block or the pool, as the detectors see it, before tracing.
TxTrace tx_of(const Bytes32& hash, const evm::Transaction& tx);

}  // namespace suture::respond
