// `suture verify fuzz` and `suture verify invariants` as a library call:
// from what the user names (the proxy, the new implementation in a build, a
// state file or a node, invariants, the budget) to a run of fuzz_run.hpp.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chain/rpc_client.hpp"
#include "core/address.hpp"
#include "core/result.hpp"
#include "solidity/build.hpp"
#include "verify/fuzz_run.hpp"

namespace suture::verify {

struct FuzzSpec {
    Address target;
    std::string build;                 // solc standard JSON, Hardhat build-info or Foundry out/
    std::string new_contract;          // the new implementation, a contract of the build

    // The state: a state file, or a fork (rpc_url, or offline from cache_path).
    std::string state_file;
    std::string rpc_url;
    chain::RpcOptions rpc;
    std::optional<uint64_t> block;
    // The fork's rules: unset, the chain's schedule at the block's time
    // (chain::choose_revision; a state file keeps its own revision).
    std::optional<evm::Revision> hardfork;
    std::string cache_path;
    bool offline = false;

    std::vector<Address> senders;
    std::vector<HistoricalCall> history;  // calls the target received (values and senders to try)
    // Blocks "A..B" whose transactions to the target join `history`, read
    // from the node (or offline from the fork cache), as the replay gate reads them.
    std::string history_blocks;
    std::vector<std::string> invariants;
    // Expected differences, as the replay gate reads them (replay_expectations.hpp).
    std::vector<std::string> expect;
    std::string expect_file;
    // Blocks "A..B" whose history gives "sum(f(holders))" its holders
    // (holder_set.hpp): on a node, or the state file's recorded blocks. The
    // fuzz senders and each sequence's address arguments are holders as well.
    std::string holder_blocks;
    size_t holder_cap = kDefaultHolderCap;
    std::string invariant_contract;    // a contract of the build with invariant_*() functions
    bool compare = true;               // false: `verify invariants`
    uint64_t seed = 1;
    uint64_t runs = 0;                 // 0 with seconds == 0: 10,000
    double seconds = 0;
    unsigned depth = 4;
    unsigned jobs = 0;                 // threads; 0: one per core
    bool coverage = true;              // JUMPDEST coverage steers a corpus
    std::function<void(const FuzzProgress&)> on_progress;
};

struct FuzzReport {
    FuzzResult result;
    std::string new_code;              // "proxy 0x.. switched to VaultV2 (...)"
    std::string new_name;              // the contract's name
    std::string state;                 // where the state came from
    bool compare = true;
    std::shared_ptr<const solidity::BuildSet> build;  // owns what result's ABI pointers point into
};

Result<FuzzReport> run_fuzz_spec(const FuzzSpec& spec);

}  // namespace suture::verify
