// `suture run`: the patch's gates in pipeline order (gate.hpp), each run
// recorded in the ledger with its input hash, verdict and findings, stopping
// at the first gate that does not pass; then the patch digest of what ran is
// recorded, for reviewers to sign.
//
// Verdicts: `pass`; `fail` (an error finding the policy does not allow, or a
// configured gate this build cannot run: `gate-not-available`); `error` (the
// gate could not run: a build, PoC or node problem, `gate-error`); `skipped`
// (not configured in the manifest: one info finding `gate-not-configured`).
// A finding whose code the policy's [[policy.allow]] lists with a reason is
// recorded suppressed ("allowed by policy: REASON") and does not fail the gate;
// deploy readiness then requires that rule's number of approvals.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.hpp"
#include "core/result.hpp"
#include "ledger/ledger.hpp"
#include "pipeline/gate_details.hpp"
#include "pipeline/manifest.hpp"

namespace suture::pipeline {

struct GateRecord {
    std::string gate;
    std::string verdict;             // pass, fail, error, skipped
    Bytes32 input_hash{};
    Findings findings;               // as recorded (allowed ones suppressed)
    std::vector<std::string> notes;  // what the gate did, in words (not recorded)
    GateDetails details;             // recorded as a gate_details event when not empty
    int64_t gate_run_id = 0;
};

struct RunReport {
    int64_t patch_id = 0;
    std::vector<GateRecord> gates;     // in order, as far as the run went
    std::string stopped_at;            // the gate that did not pass; "" when none
    std::string until;                 // --until: the last gate run
    ledger::PatchDigestInput digest_input;
    Bytes32 digest{};
    int64_t digest_id = 0;
    bool passed() const { return stopped_at.empty(); }
};

struct RunOptions {
    int64_t patch_id = 0;
    std::string until;  // stop after this gate ("" : all)
    // Observers (may be empty): a gate starting, a long gate's progress (the
    // fuzz, invariants and replay gates: work done of `total`, 0 when
    // unknown), and each gate's record once it is in the ledger.
    std::function<void(std::string_view gate)> on_gate_start = {};
    std::function<void(std::string_view gate, uint64_t done, uint64_t total)> on_progress = {};
    std::function<void(const GateRecord&)> on_gate_done = {};
};

// The manifest is the patch's (its ledger row names it). An error is a
// problem before any gate ran (the builds, the chain, the ledger); a gate
// that cannot run is recorded as `error` and ends the run with a report.
Result<RunReport> run_patch(const Manifest& m, ledger::Ledger& l, const RunOptions& o);

// How an allowed finding's suppressed_by begins ("allowed by policy (N reviewer approval(s)): REASON").
inline constexpr std::string_view kAllowedByPolicy = "allowed by policy";

// The [[policy.allow]] rule that allows findings of `code`, when it has a reason.
const ledger::AllowRule* allow_rule(const ledger::Policy& p, const std::string& code);

// Marks each unsuppressed error whose code has such a rule as suppressed
// (suppressed_by: kAllowedByPolicy, the approvals it needs, the reason).
void allow_by_policy(const ledger::Policy& policy, Findings& findings);

}  // namespace suture::pipeline
