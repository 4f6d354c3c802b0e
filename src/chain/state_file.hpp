// The local state file: a whole chain state in one file, the embedded
// default's "node" (DESIGN.md "Embedded default vs. real node").
//
// It holds every account (nonce, balance, code, storage), the block context
// the next execution runs in, and the EVM revision. The format is binary and
// versioned (docs/state-file.md): loading is a bounds-checked copy, without
// parsing text, so 10,000 accounts load in a few milliseconds
// (bench/bench_state_file.cpp). A keccak256 trailer detects a damaged or
// truncated file. Saving is atomic (core/atomic_file.hpp).
#pragma once

#include <cstdint>
#include <string>

#include "chain/devnode/chain_history.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"
#include "evm/revision.hpp"
#include "evm/state_memory.hpp"
#include "evm/transaction.hpp"

namespace suture::chain {

// Version 2 adds the block history (chain/devnode/chain_history.hpp); a state
// without history is still written as version 1, and both are read.
inline constexpr uint32_t kStateFileVersion = 2;

struct LocalState {
    evm::MemoryBackend accounts;
    // The latest block: what BLOCKHASH-free execution reads as its context.
    // block_hashes stays unset (a state file keeps no block history).
    evm::BlockEnv block;
    evm::Revision revision = evm::Revision::cancun;
    // The blocks the in-process node kept (empty: none). Its latest block is
    // `block`; a caller that changes `accounts` and moves `block` on without
    // adding a block here makes the history stale, and saving then drops it
    // (the file is written without history, as version 1).
    ChainHistory history;
};

// Errors name the file and what is wrong ("truncated", "checksum mismatch",
// "format version 2, this build reads 1", ...).
Result<LocalState> load_state_file(const std::string& path);
Status save_state_file(const std::string& path, const LocalState& state);

// The encoding itself (for tests and tools that keep the bytes elsewhere).
Bytes encode_state_file(const LocalState& state);
// `name` is used in error messages.
Result<LocalState> decode_state_file(BytesView data, const std::string& name);

}  // namespace suture::chain
