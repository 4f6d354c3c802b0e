// A deployment as the ledger holds it, read back for `suture resume`.
//
// A deployment begins with a "deploy.plan" audit event, written once its
// gates passed and before its first transaction (LedgerStepRecorder::
// starting): the patch, the route, the proxy, the implementation it upgrades
// from, and the arguments the deploy command was given (opaque JSON to this
// layer: the CLI stores and reads them, so resume needs nothing re-typed).
// Its steps are the patch's deploy_steps rows recorded after that event, and
// their outcomes the sent_transactions rows of those steps.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/address.hpp"
#include "core/result.hpp"
#include "ledger/ledger.hpp"

namespace suture::pipeline {

inline constexpr const char* kDeployPlanEvent = "deploy.plan";
// Written when a run of the deployment (deploy or resume) came to its end
// without an error: {"deployment": seq, "result": "verified" | "pending" |
// "rolled back" | "verification failed"}. A plan without one was interrupted.
inline constexpr const char* kDeployFinishedEvent = "deploy.finished";

struct DeploymentPlan {
    int64_t patch_id = 0;
    std::string route;
    Address proxy;
    std::optional<Address> implementation_before;
    std::string mechanism;
    nlohmann::json args;  // the command's arguments (integers and strings only)
};

nlohmann::json deployment_plan_json(const DeploymentPlan& p);
// Errors name the audit record and the field.
Result<DeploymentPlan> deployment_plan_of(const nlohmann::json& data, int64_t seq);

struct RecordedDeployment {
    int64_t seq = 0;  // the deploy.plan record: the deployment's id
    DeploymentPlan plan;
    std::vector<ledger::DeployStep> steps;            // in recording order
    std::vector<ledger::SentTransaction> outcomes;    // of those steps, in recording order
    std::optional<std::string> finished;              // the last deploy.finished result; nullopt: interrupted
};

// The latest deployment recorded (of `patch_id`, when given); nullopt when there is none.
Result<std::optional<RecordedDeployment>> latest_deployment(ledger::Ledger& l, std::optional<int64_t> patch_id);

// The latest deployment of `proxy` when it never finished (its process
// stopped mid-way): `deploy` refuses to start another over it (resume it).
Result<std::optional<RecordedDeployment>> interrupted_deployment(ledger::Ledger& l, const Address& proxy);

// Appends the deploy.finished record of deployment `seq`.
Status record_deployment_finished(ledger::Ledger& l, int64_t seq, const std::string& result);

}  // namespace suture::pipeline
