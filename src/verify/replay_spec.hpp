// `suture verify replay` as a library call: from what the user names (the
// proxy, the new implementation in a build, a range of history, a node or an
// offline cache, the expected differences) to a run of the replay gate
// (replay_run.hpp).
//
// The range is one of: blocks A..B; the blocks of named transactions (only
// those are compared); the last N blocks. The fork is pinned at the block
// before the first, through the same cache file as the history.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "chain/rpc_client.hpp"
#include "core/address.hpp"
#include "core/result.hpp"
#include "verify/replay_run.hpp"

namespace suture::verify {

struct ReplaySpec {
    Address target;
    std::string build;           // solc standard JSON, Hardhat build-info or Foundry out/
    std::string new_contract;    // the new implementation, a contract of the build

    std::string blocks;          // "A..B" (or "A")
    std::vector<std::string> txs;  // transaction hashes
    std::optional<uint64_t> last;  // the last N blocks

    std::string rpc_url;
    chain::RpcOptions rpc;
    std::string cache_path;
    bool offline = false;
    // The fork's rules: unset, the chain's schedule at the block's time
    // (chain::choose_revision; at the block before the range).
    std::optional<evm::Revision> hardfork;

    std::vector<std::string> expect;  // --expect rules
    std::string expect_file;
    std::function<void(const ReplayProgress&)> on_progress;
};

struct ReplayReport {
    ReplayResult result;
    Address target;
    std::string new_code;   // "proxy 0x.. switched to EtherBankV2Fixed"
    std::string history;    // "blocks 5..12 from http://127.0.0.1:8545"
    std::string state;      // where the starting state came from
    uint64_t rpc_requests = 0;  // history requests sent to the node
    uint64_t cached_blocks = 0; // history blocks answered by the cache
};

Result<ReplayReport> run_replay_spec(const ReplaySpec& spec);

// "A..B" or "A" as an inclusive range (A <= B).
Result<std::pair<uint64_t, uint64_t>> parse_block_range(const std::string& text);

}  // namespace suture::verify
