// Deploying with every step in the ledger, and continuing such a deployment
// after a crash (`suture deploy --ledger/--patch`, `suture resume`).
//
// deploy_recorded runs the route with a LedgerStepRecorder: the deploy.plan
// record (the command's arguments, the implementation upgraded from) once
// the gates passed, each transaction recorded before it is sent and its
// receipt after. resume_recorded runs the same route again in resume mode
// (deploy::DeployRequest::resume): the route asks for its steps in the same
// order and each one the ledger holds is settled on chain instead of signed
// again (mined: adopted; dropped from the pool or undone by a reorg: the same
// raw bytes sent again; its nonce taken by another transaction: stop), and
// the route goes on from the first step not done. Nothing prints.
#pragma once

#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "chain/rpc_client.hpp"
#include "deploy/route.hpp"
#include "ledger/ledger.hpp"
#include "pipeline/deployment_record.hpp"
#include "pipeline/ledger_step_recorder.hpp"

namespace suture::pipeline {

// `args`: the command's arguments as JSON (integers and strings), stored for
// resume. No `patch_id`: a patch is added for this deployment. An error means
// the run stopped; `sent` holds what went out before it.
Result<deploy::DeployOutcome> deploy_recorded(ledger::Ledger& l, std::optional<int64_t> patch_id,
                                              const nlohmann::json& args, chain::RpcClient& rpc,
                                              const deploy::DeployRequest& request,
                                              const deploy::SendOptions& options, deploy::MemoryRecorder& sent);

// Continues `recorded` with `request` (built from recorded.plan.args by the
// caller; its route and proxy must be the recorded ones). `settled` says what
// the chain showed of each recorded step the route came to, even on error.
Result<deploy::DeployOutcome> resume_recorded(ledger::Ledger& l, const RecordedDeployment& recorded,
                                              chain::RpcClient& rpc, deploy::DeployRequest request,
                                              const deploy::SendOptions& options, deploy::MemoryRecorder& sent,
                                              std::vector<StepSettlement>& settled);

}  // namespace suture::pipeline
