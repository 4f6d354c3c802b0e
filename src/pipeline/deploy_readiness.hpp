// Whether a patch may be deployed, decided before anything is sent:
//   - the ledger verifies (its audit chain and every mirrored row, ledger.hpp);
//   - every gate of the pipeline has a latest run that passed (or was
//     skipped because the manifest does not configure it), on today's inputs;
//   - each finding the policy allowed has a rule with a reason and at least
//     that rule's number of counted approvals;
//   - the patch digest recomputed now from the builds, the chain and the
//     recorded gate runs is the digest recorded for review, and so is the
//     runtime code about to be deployed;
//   - the threshold of distinct listed reviewers signed that digest.
// Every unmet condition is listed, each naming what is missing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "ledger/approval.hpp"
#include "ledger/ledger.hpp"
#include "pipeline/manifest.hpp"
#include "pipeline/patch_code.hpp"
#include "pipeline/target_chain.hpp"

namespace suture::pipeline {

struct DeployReadiness {
    int64_t patch_id = 0;
    ledger::PatchDigestInput current;  // recomputed now
    Bytes32 digest{};                  // patch_digest(current)
    ledger::ApprovalTally tally;       // approvals of `digest` under the policy
    std::vector<std::string> missing;  // one line per unmet condition
    bool ready() const { return missing.empty(); }
};

Result<DeployReadiness> deploy_readiness(const Manifest& m, ledger::Ledger& l, int64_t patch_id, TargetChain& chain,
                                         const PatchCode& code);

// What a node-backed deploy is about to send (`suture deploy --patch` with
// --route/--proxy/--artifact): each difference from the reviewed digest's
// inputs is added to r.missing.
struct DeployIntent {
    std::string route;
    Address proxy;
    std::optional<Bytes> new_runtime;  // the artifact to deploy; unset: an existing implementation
    Bytes initializer;
};
void check_deploy_intent(DeployReadiness& r, const DeployIntent& intent);

// Ok when ready; otherwise a findings error: "deploy of patch N refused: " and every missing item.
Status require_ready(const DeployReadiness& r);

}  // namespace suture::pipeline
