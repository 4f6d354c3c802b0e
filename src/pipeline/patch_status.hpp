// `suture status`: where each patch stands, from the ledger alone (no builds
// loaded, no chain read: fast on many patches). Per patch: each gate's latest
// verdict (or pending), the next gate, the digest recorded for review, the
// approvals of it against the policy's threshold, and what blocks deployment.
// Deploy readiness (deploy_readiness.hpp) decides for real, recomputing the
// digest from the builds and the chain.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "ledger/ledger.hpp"

namespace suture::pipeline {

struct GateStanding {
    std::string gate;
    std::string state;    // pass, fail, error, skipped, pending
    size_t allowed = 0;   // findings the policy allowed
    size_t blocking = 0;  // error findings not allowed
};

struct PatchStatus {
    ledger::Patch patch;
    std::vector<GateStanding> gates;     // pipeline order
    std::string next;                    // the next gate to run or fix, "approve", or "deploy"
    std::optional<Bytes32> digest;       // latest recorded
    size_t approvals = 0;                // counted for `digest`
    unsigned threshold = 0;              // 0: the policy could not be read
    std::vector<std::string> blockers;   // what stands between the patch and a deployment
};

// Every patch (or only `patch_id`), oldest first. Each patch's policy comes
// from its manifest (read once per manifest); an unreadable manifest is a
// blocker, not an error.
Result<std::vector<PatchStatus>> patch_statuses(ledger::Ledger& l, std::optional<int64_t> patch_id = std::nullopt);

}  // namespace suture::pipeline
