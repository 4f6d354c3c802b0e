// The replay gate: real history, replayed under the old implementation and
// under the new one from the same start, transaction by transaction.
//
// From a state pinned just before the first block (a fork), every transaction
// of every block runs in order with that block's context, twice: on one
// overlay with the target as it is (old) and on another where `install` put
// the new code in place before the first block (new). Later transactions see
// what earlier ones did in their own run, so a difference propagates as it
// would on the chain.
//
// Compared: each transaction that touches the target in either run (a frame
// for the target's account at any depth) and, with `only`, only those named.
// Every differing transaction is one finding (replay_compare.hpp's first item
// in words, with the count of the others); one that a declared expected
// difference matches is kept as info, with the rule. One that a bounded rule
// would declare but whose amounts go beyond its bound (or differ in another
// way) is a finding naming the item and how far beyond it went.
//
// The oracle: the chain's receipt of every transaction is checked against the
// old run (status, gas used, logs). A transaction the chain included that the
// old run refused or ran differently means the EVM or the fork is wrong; the
// verdict is then fork_mismatch, whatever the comparison found, because the
// differences could be the replay's own.
//
// Verdicts: identical (no difference), expected_only (only declared ones):
// both pass; differences (an undeclared one) and fork_mismatch fail.
// An error is a replay that could not run (history or state unreadable).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "chain/rpc_history.hpp"
#include "core/finding.hpp"
#include "core/result.hpp"
#include "evm/revision.hpp"
#include "evm/state_overlay.hpp"
#include "verify/abi_text.hpp"
#include "verify/replay_compare.hpp"
#include "verify/replay_expectations.hpp"

namespace suture::verify {

struct ReplayProgress {
    uint64_t blocks = 0;
    uint64_t total_blocks = 0;
    uint64_t transactions = 0;
    uint64_t differences = 0;     // undeclared so far
    double seconds = 0;           // since the first block
};

struct ReplayRequest {
    Address target;
    evm::Revision revision = evm::Revision::cancun;
    evm::BlockEnv start;           // the pinned block's context (install runs in it)
    uint64_t chain_id = 1;
    uint64_t total_blocks = 0;     // for progress
    // The history, one block at a time (nullopt after the last).
    std::function<Result<std::optional<chain::HistoryBlock>>()> next_block;
    // BLOCKHASH of blocks before the first (the fork's); later ones come from the history.
    std::function<Bytes32(int64_t)> earlier_block_hash;
    // A backend error that BLOCKHASH could not return (ForkBackend::deferred_error).
    std::function<std::optional<Error>()> deferred_error;
    // Puts the new code in place in the new run's overlay.
    std::function<Status(evm::OverlayBackend&, const evm::BlockEnv&)> install;
    std::optional<std::unordered_set<Bytes32, Bytes32Hash>> only;  // compare only these transactions
    std::vector<ExpectedDifference> expected;
    AbiList abis;                  // decode functions, reverts, events (the target's first)
    std::function<void(const ReplayProgress&)> on_progress;
};

// One compared transaction that differs.
struct TxDifference {
    Bytes32 hash{};
    uint64_t block = 0;
    Address sender;
    std::string function;          // "withdraw()", "attack() -> withdraw()", or a selector in hex
    std::vector<DiffItem> items;   // first is the finding's
    std::string old_outcome, new_outcome;
    int64_t old_gas = 0, new_gas = 0;
    bool old_reentered = false;
    std::optional<ExpectedDifference> expected;  // the declaration that matched
    std::string beyond_bound;      // undeclared because it broke a bounded rule: what and by how much
};

struct ReceiptMismatch {
    Bytes32 hash{};
    uint64_t block = 0;
    std::string what;
};

enum class ReplayVerdict { identical, expected_only, differences, fork_mismatch };
const char* replay_verdict_name(ReplayVerdict v);

struct ReplayResult {
    ReplayVerdict verdict = ReplayVerdict::identical;
    uint64_t first_block = 0, last_block = 0;
    uint64_t blocks = 0;
    uint64_t transactions = 0;     // executed (each twice)
    uint64_t touching = 0;         // touched the target in either run
    uint64_t compared = 0;         // of those, compared (all, or those named)
    uint64_t identical = 0;
    uint64_t receipts_checked = 0;
    uint64_t receipts_matched = 0;
    int64_t old_gas = 0, new_gas = 0;  // over the compared transactions
    double seconds = 0;
    std::vector<TxDifference> differences;  // expected ones included (expected != null)
    std::vector<ReceiptMismatch> mismatches;
    std::vector<Bytes32> not_found;         // `only` hashes no block held
    Findings findings;
    bool passed() const { return verdict == ReplayVerdict::identical || verdict == ReplayVerdict::expected_only; }
};

Result<ReplayResult> run_replay(evm::StateBackend& base, const ReplayRequest& request);

}  // namespace suture::verify
