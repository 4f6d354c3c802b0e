// Renderings of the patch pipeline's results (pipeline/): a run of the gates,
// the status of every patch, one patch's record, `suture init`'s findings and
// a state-file deploy. Pure functions; the CLI writes them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ledger/approval.hpp"
#include "ledger/records.hpp"
#include "pipeline/manifest_init.hpp"
#include "pipeline/patch_status.hpp"
#include "pipeline/pipeline_run.hpp"
#include "pipeline/state_deploy.hpp"

namespace suture::report {

// Each gate with its verdict, findings and what it did, then where the run
// stopped and the patch digest recorded for review.
std::string run_text(const pipeline::RunReport& r);
nlohmann::json run_json(const pipeline::RunReport& r);

// One block per patch: gates, next step, digest, approvals, blockers.
std::string status_text(const std::vector<pipeline::PatchStatus>& all);
nlohmann::json status_json(const std::vector<pipeline::PatchStatus>& all);

// One patch as the ledger holds it (`suture patch show`).
struct PatchRecord {
    ledger::Patch patch;
    std::vector<ledger::GateRun> runs;               // every run, oldest first
    std::optional<ledger::PatchDigestRecord> digest; // the latest
    std::optional<ledger::ApprovalTally> tally;      // approvals of it under the manifest's policy
    std::string policy_error;                        // why there is no tally
};
std::string patch_record_text(const PatchRecord& p);
nlohmann::json patch_record_json(const PatchRecord& p);
std::string patch_list_text(const std::vector<ledger::Patch>& patches);

std::string init_text(const pipeline::InitResult& r);
std::string state_deploy_text(const pipeline::StateDeployOutcome& o);
nlohmann::json state_deploy_json(const pipeline::StateDeployOutcome& o);

}  // namespace suture::report
