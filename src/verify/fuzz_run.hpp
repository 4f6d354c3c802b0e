// The differential fuzzer (`suture verify fuzz`) and the invariant gate
// (`suture verify invariants`): random calls and stateful sequences on the
// target, applied to the old and to the new implementation from one snapshot.
//
// Setup, on two overlays of the same base: the new run deploys the new code
// and points the proxy at it (implementation_override.hpp); fuzz senders get
// ETH in both (1,000 ETH each, so payable calls and gas never fail for want of
// funds); an invariant checker contract, when given, is deployed in both at
// the same address. Then each run reverts both overlays to that snapshot and
// applies one sequence (one call for the first runs, one per function, then
// 1..depth calls) to both:
//   - every function of the new ABI (view functions included), with
//     type-aware arguments (fuzz_values.hpp: PUSH constants of both codes,
//     the target's first storage words, the arguments and values of the
//     historical calls given, boundaries, random); msg.value where payable;
//     senders from fresh addresses, addresses found in the target's storage
//     that are accounts without code (owner, admin), the historical callers
//     and the callers the user names;
//   - a function whose selector the old code does not contain is new: its
//     call is never a difference ("exists in new"), and after it the two runs
//     have legitimately diverged, so the rest of the sequence is checked for
//     invariants only;
//   - each call's effects (replay_compare.hpp: outcome, ETH and token deltas,
//     logs, storage writes) are compared; a difference the request's expected
//     differences declare (replay_expectations.hpp, as the replay gate reads
//     them) is no finding: after one a bounded rule declared, the sequence is
//     still compared (the runs differ only by amounts within the bound); after
//     one an unbounded rule declared, the runs have diverged as after a new
//     function. A call enters only the function it calls, and `reentered` never
//     holds here. A difference that breaks a bounded rule's bound is a finding
//     naming the item and by how much; invariants are checked after every
//     call on both codes: broken on new but not old is "broken by the patch",
//     broken on both "already broken".
// A finding is minimized (the failing prefix, then each call removed while the
// same finding remains, then each argument and value made simplest) and
// carries what a self-contained reproducer needs: the calls with the old
// code's outcomes, the accounts and slots the runs read (with their values at
// the snapshot), and the state change that installs the new code.
// Coverage feedback: every run is traced; the JUMPDESTs reached in either
// implementation (keyed by code account and pc) are remembered, a sequence
// that reaches a new one joins a corpus, and half of the later runs mutate a
// corpus sequence (append a call, redraw arguments, sender or value, drop a
// call) instead of drawing a fresh one.
// Runs go in rounds of 256: each block of 16 consecutive runs draws its
// sequences from its own stream (the campaign's seed and the block's index)
// and from the corpus as the round began; the blocks of a round are spread
// over `jobs` threads, each with its own copies of the two
// overlays, then merged in run order (coverage, corpus, findings, which are
// minimized one after another). So a seed and a run count give the same
// calls and findings with any number of threads (--seconds stops at a time).
// A call's two runs are compared quickly first (fuzz_compare.hpp) and
// measured in full only when the raw outcomes differ.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/abi_json.hpp"
#include "core/finding.hpp"
#include "core/result.hpp"
#include "evm/revision.hpp"
#include "evm/state_overlay.hpp"
#include "evm/transaction.hpp"
#include "verify/abi_text.hpp"
#include "verify/holder_set.hpp"
#include "verify/invariant_spec.hpp"
#include "verify/replay_compare.hpp"
#include "verify/replay_expectations.hpp"

namespace suture::verify {

// Reported at the start, about every 100 ms while runs are in flight, and at
// the end, on the thread that called run_fuzz.
struct FuzzProgress {
    uint64_t runs = 0, calls = 0, findings = 0;
    double seconds = 0;
    uint64_t total = 0;                  // the run bound (0: bounded by time)
};

// A call to the target from the chain's history (e.g. a replayed range): its
// arguments feed the value pool, its sender the senders.
struct HistoricalCall {
    Address sender;
    uint256 value;
    Bytes calldata;
};

struct FuzzRequest {
    Address target;
    evm::Revision revision = evm::Revision::cancun;
    evm::BlockEnv block;
    Bytes new_init_code;                 // the new implementation's creation code
    const abi::ContractAbi* abi = nullptr;  // the new implementation's
    AbiList abis;                        // decode reverts and events (the new implementation's first)
    std::vector<Address> senders;        // callers to use besides the fresh ones
    std::vector<HistoricalCall> history; // calls the target received
    std::vector<std::string> invariants; // user relations (invariant_spec.hpp)
    // What "sum(f(holders))" adds over: these (a history's, holder_set.hpp),
    // every sender, and the address arguments of the sequence so far (a call
    // that mints to a fresh address counts it). More than holder_cap
    // addresses before the sequence's own is an input error.
    std::vector<Address> holders;
    size_t holder_cap = kDefaultHolderCap;
    Bytes checker_init_code;             // a Solidity invariant checker (constructor arguments included)
    const abi::ContractAbi* checker_abi = nullptr;
    std::vector<ExpectedDifference> expected;  // differences the patch is meant to make
    bool compare = true;                 // false: invariants only (`suture verify invariants`)
    bool coverage = true;                // steer by new JUMPDESTs reached (a traced, slower run)
    uint64_t seed = 1;
    uint64_t runs = 10'000;              // sequences; 0: until `seconds`
    double seconds = 0;                  // 0: no time bound
    unsigned depth = 4;                  // longest sequence
    size_t max_findings = 8;
    unsigned jobs = 0;                   // threads; 0: one per core (the result does not depend on it)
    std::function<void(const FuzzProgress&)> on_progress;
};

struct FuzzFunction {
    const abi::AbiEntry* entry = nullptr;
    bool payable = false;
    bool in_old = true;                  // the old code contains its selector
};

struct FuzzCall {
    Address sender;
    uint256 value;
    size_t function = 0;                 // index into FuzzResult::functions
    std::vector<abi::AbiValue> args;
    Bytes calldata;
    // As the old code ran it (for reproducers).
    bool old_success = false;
    Bytes old_output;
};

struct AccountSnapshot {
    Address address;
    uint256 balance;
    uint64_t nonce = 0;
    Bytes code;
    std::vector<std::pair<uint256, uint256>> slots;  // slot, value
};

enum class FuzzFindingKind { difference, broken_by_patch, already_broken };
const char* fuzz_finding_kind_name(FuzzFindingKind k);

struct FuzzFinding {
    FuzzFindingKind kind = FuzzFindingKind::difference;
    std::vector<FuzzCall> calls;         // minimized; the last one shows it
    std::string function;                // the last call's function
    std::vector<DiffItem> items;         // difference: every differing item
    std::string beyond_bound;            // a bounded rule's conditions held, its bound did not: what and by how much
    std::string invariant, old_why, new_why;  // invariant findings
    std::string old_outcome, new_outcome;     // of the last call
    size_t found_length = 0;             // sequence length before minimizing
    // Reproducer state: accounts and slots the runs read or wrote (values at
    // the snapshot), the old code's final values of the target's slots, and
    // what installing the new code changed.
    std::vector<AccountSnapshot> prestate;
    std::vector<std::pair<uint256, uint256>> old_final_slots;
    std::vector<AccountSnapshot> install;
};

struct FuzzResult {
    Address target, old_implementation, new_implementation;
    std::string switched;                // one line: what the override did
    std::vector<FuzzFunction> functions;
    std::vector<Address> senders;
    std::vector<std::string> invariants; // texts, Solidity ones included
    size_t pool_words = 0;
    uint64_t seed = 0, runs = 0, calls = 0, compared = 0, new_only_calls = 0;
    uint64_t declared = 0;               // compared calls whose difference an expected difference declared
    uint64_t coverage_points = 0, corpus = 0;  // JUMPDESTs reached (both codes); sequences kept for them
    double seconds = 0;
    std::vector<FuzzFinding> findings;
    Findings report;                     // one per finding
    bool passed() const;                 // no difference, nothing broken by the patch
};

Result<FuzzResult> run_fuzz(evm::StateBackend& base, const FuzzRequest& request);

}  // namespace suture::verify
