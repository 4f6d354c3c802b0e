// A migration plan sent to a node (`suture migrate execute --rpc`): every step
// a signed transaction through the deploy layer's sender (deploy::TxSender:
// simulated, recorded, signed, sent, confirmed), recorded in the ledger as a
// deploy step of route "migrate" before it is sent and its receipt after
// (LedgerStepRecorder, step ids migrate/<kind>/<n> as the plan names them).
//
// Exactly once across crashes: a run killed at any point and started again
// with the same plan and ledger continues the migration the ledger holds
// (deploy.plan of route migrate for the old contract, not finished): each
// step the chain shows done is skipped (it keeps its id), a step recorded
// but not mined is settled as `suture resume` settles it (pending: waited
// for; dropped: the same raw bytes sent again), and the rest is sent. No batch
// or claim is sent twice, none is skipped. Nothing prints.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "chain/keys.hpp"
#include "chain/rpc_client.hpp"
#include "deploy/tx_send.hpp"
#include "ledger/ledger.hpp"
#include "pipeline/ledger_step_recorder.hpp"
#include "pipeline/migrate_plan.hpp"

namespace suture::pipeline {

struct MigrationKeys {
    const chain::SecretKey* owner = nullptr;    // the plan's owner
    const chain::SecretKey* relayer = nullptr;  // the plan's relayer (claim steps); default: owner
};

struct NodeMigration {
    MigrationExecution execution;
    int64_t deployment = 0;             // the ledger's deploy.plan record of this migration
    bool resumed = false;               // an interrupted run's deployment was continued
    std::vector<StepSettlement> settled;  // resume: what the chain said of each recorded step
};

// `args` (JSON) are stored in the deploy.plan record; args["plan_hash"]
// (keccak256 of the plan file) identifies the plan a resumed run must match.
Result<NodeMigration> execute_on_node(ledger::Ledger& l, const MigrationPlan& plan, const MigrationCalls& calls,
                                      const nlohmann::json& args, chain::RpcClient& rpc, const MigrationKeys& keys,
                                      const deploy::SendOptions& options);

}  // namespace suture::pipeline
