// A migration plan of `suture migrate` (issue 16, docs/migrate.md): the
// ordered steps that move an immutable contract's snapshot to its replacement,
// for either strategy, and how a step is found done on the chain.
//
//   push:  pause the old contract, deploy the new one, numbered gas-bounded
//          batches of the owner's setters (migrate_push.hpp), finalize
//   claim: pause, deploy, the Merkle roots written by the owner, then each
//          entry claimed with its proof by a relayer (migrate_claim.hpp)
//
// Every step has a stable id "migrate/<kind>/<n>" (the n-th step of its kind):
// the ledger's deploy step id when the plan is sent to a node
// (migrate_send.hpp), and the SUTURE_FAULT point of a crash test.
//
// Exactly once, even without a ledger: before each step the executor asks the
// chain whether it is done (old contract paused, new contract's code present,
// nextBatch() past the batch, finalized(), the roots set, the entry claimed).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "chain/state_file.hpp"
#include "core/abi_value.hpp"
#include "core/result.hpp"
#include "evm/revision.hpp"
#include "evm/state_backend.hpp"
#include "evm/state_overlay.hpp"
#include "evm/transaction.hpp"

namespace suture::pipeline {

// How the new contract takes the snapshot by push: one setter per table,
// called as setter(uint256 batch, K1[] keys..., F1[] fields...) with one array
// per key of the table and one per field (a struct field as an array of tuples
// of its members).
struct PushSetter {
    std::string table;
    std::string signature;  // "setAccounts(uint256,address[],uint256[],uint256[])"
};

// How an entry of a table is claimed: claim(K1 keys..., C1 columns..., bytes32[] proof)
// with the values of the StandardMerkleTree leaf, and the view that says it was.
struct ClaimFunction {
    std::string table;
    std::string claim;    // "claimAccount(address,uint256,uint256,bytes32[])"
    std::string claimed;  // "claimedAccount(address)": the table's keys -> bool
};

// The functions a migration calls, both strategies.
struct MigrationCalls {
    std::string pause = "pause()", paused = "paused()";  // old contract
    // push (new contract)
    std::vector<PushSetter> setters;  // in write order
    std::string next_batch = "nextBatch()", finalize = "finalize()", finalized = "finalized()";
    int64_t max_batch_gas = 8'000'000;
    // claim (new contract): setRoots(bytes32[]) takes one root per claimed table, in claim order
    std::vector<ClaimFunction> claims;
    std::string set_roots = "setRoots(bytes32[])", roots_set = "rootsSet()";
};

struct MigrationStep {
    std::string kind;  // "pause", "deploy", "batch", "finalize", "roots", "claim"
    std::string id;    // "migrate/batch/3"
    std::string table;
    uint64_t batch = 0;           // batch: its number; claim: the entry's index in the table
    size_t first = 0, count = 0;  // entries of `table`
    std::optional<Address> to;    // nullopt: the deployment
    Bytes data;
    int64_t gas = 0;              // measured in the plan's simulation
    Address from;                 // the owner, or the relayer of a claim
    Bytes done_call;              // claim: the `claimed` view's call data
};

struct MigrationPlan {
    std::string strategy;  // "push" or "claim"
    Address owner, relayer, old_contract, new_contract;  // new_contract: where the simulated deployment created it
    std::vector<MigrationStep> steps;
    size_t entries = 0;
    int64_t entry_gas = 0;  // all batches (push) or all claims (claim) together
    std::vector<std::pair<std::string, Bytes32>> roots;  // claim: per table
};

// The chain a plan is simulated on: any state (a state file in memory, a fork
// of a node) and the block the steps run in.
struct PlanChain {
    evm::StateBackend& state;
    evm::Revision revision;
    evm::BlockEnv block;
};

// Runs one call on `state` (nothing committed: the outcome holds the diff).
Result<evm::TxOutcome> run_call(evm::StateBackend& state, const PlanChain& chain, const Address& from,
                                const std::optional<Address>& to, Bytes data);
// Why a call failed, in one line.
std::string call_failure(const evm::Receipt& r);
// Encodes a call from its text signature.
Result<Bytes> migration_call_data(std::string_view signature, const std::vector<abi::AbiValue>& args);

// Simulates `step` on `sim` (applied when it succeeds), measures its gas and
// appends it to plan.steps; the deploy step sets plan.new_contract.
Status simulate_step(evm::OverlayBackend& sim, const PlanChain& chain, MigrationPlan& plan, MigrationStep step);
// The first two steps of both strategies: pause the old contract, deploy the new one.
Status plan_pause_and_deploy(evm::OverlayBackend& sim, const PlanChain& chain, MigrationPlan& plan,
                             const MigrationCalls& calls, const Bytes& new_init_code);

// What the chain says of a step: the first word a view call returns, and
// whether an account has code. Over a state (execute_on_state) or a node.
struct ChainProbe {
    std::function<Result<uint256>(const Address& contract, const Bytes& call)> view;
    std::function<Result<bool>(const Address& account)> has_code;
};

// Whether the chain shows `step` done. An input error when the new contract
// expects a batch before it (a batch was skipped).
Result<bool> migration_step_done(const MigrationStep& step, const MigrationPlan& plan, const MigrationCalls& calls,
                                 const ChainProbe& probe);

struct MigrationExecution {
    size_t already_done = 0;  // steps the chain showed done (a resumed run)
    size_t executed = 0;
    std::vector<std::string> executed_ids;
    std::vector<Bytes32> hashes;  // on a node: the transactions sent (or adopted), in order
};

// Runs the steps not yet done on a state file's state, calling `commit` after
// each one (which saves the file atomically) and then the fault point
// <step id>:after-receipt. A failing step stops with its reason; what was
// committed before stays.
Result<MigrationExecution> execute_on_state(const MigrationPlan& plan, const MigrationCalls& calls,
                                            chain::LocalState& state,
                                            const std::function<Status(const chain::LocalState&)>& commit);

// The plan as a file (what `migrate execute` runs and resumes from).
std::string migration_plan_json(const MigrationPlan& plan);
Result<MigrationPlan> parse_migration_plan(std::string_view text);

}  // namespace suture::pipeline
