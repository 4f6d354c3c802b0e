// The push strategy of `suture migrate` (issue 16) on the embedded default:
// the plan (pause the old contract, deploy the new one, write the snapshot in
// gas-bounded numbered batches, finalize) and its execution on a local state
// file, one committed step at a time.
//
// Exactly once without a ledger of signed transactions: the new contract
// numbers its batches and accepts only the next one (nextBatch()), so before
// each step the executor asks the chain whether it is done (old contract
// paused, new contract's code present, nextBatch() past the batch,
// finalized()). A run killed at any step boundary (SUTURE_FAULT
// "migrate/<kind>/<n>:after-receipt") and run again continues where the
// chain is: no batch written twice, none skipped.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "chain/state_file.hpp"
#include "core/result.hpp"
#include "verify/migration_snapshot.hpp"

namespace suture::pipeline {

// How the new contract takes the snapshot: one setter per table, called as
// setter(uint256 batch, K1[] keys..., F1[] fields...) with one array per key
// of the table and one per field (a struct field as an array of tuples of its
// members).
struct PushSetter {
    std::string table;
    std::string signature;  // "setAccounts(uint256,address[],uint256[],uint256[])"
};

struct PushSpec {
    std::vector<PushSetter> setters;  // in write order
    std::string pause = "pause()", paused = "paused()";          // old contract
    std::string next_batch = "nextBatch()", finalize = "finalize()", finalized = "finalized()";  // new
    int64_t max_batch_gas = 8'000'000;
};

struct PushStep {
    std::string kind;  // "pause", "deploy", "batch", "finalize"
    std::string id;    // "migrate/batch/3": stable, for logs and SUTURE_FAULT
    std::string table;
    uint64_t batch = 0;
    size_t first = 0, count = 0;  // entries of `table`
    std::optional<Address> to;    // nullopt: the deployment
    Bytes data;
    int64_t gas = 0;              // measured in the plan's simulation
};

struct PushPlan {
    Address owner, old_contract, new_contract;  // new_contract: where the simulated deployment created it
    std::vector<PushStep> steps;
    size_t entries = 0;
    int64_t batch_gas = 0;  // all batches together
};

// Simulates the whole migration on an overlay of `chain` (nothing is
// written) and sizes each batch to stay under spec.max_batch_gas.
Result<PushPlan> plan_push(const verify::MigrationSnapshot& snapshot, const PushSpec& spec,
                           const chain::LocalState& chain, const Address& owner, const Bytes& new_init_code);

struct PushExecution {
    size_t already_done = 0;  // steps the chain showed done (a resumed run)
    size_t executed = 0;
    std::vector<std::string> executed_ids;
};

// Runs the steps not yet done on `state`, calling `commit` after each one
// (which saves the state file atomically) and then the fault point
// <step id>:after-receipt. A failing step stops with its reason; what was
// committed before stays.
Result<PushExecution> execute_push(const PushPlan& plan, const PushSpec& spec, chain::LocalState& state,
                                   const std::function<Status(const chain::LocalState&)>& commit);

// Rebuilds one batch's call data (tests corrupt a batch with it).
Result<Bytes> push_batch_calldata(const verify::SnapshotTable& table, const PushSetter& setter, uint64_t batch,
                                  size_t first, size_t count);

}  // namespace suture::pipeline
