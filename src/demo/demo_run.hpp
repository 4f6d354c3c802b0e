// `suture demo`: the whole patching process on the derivatives venue of
// examples/venue, in one call (issue 19):
//
//   deploy + history -> the exploit, unchecked, on a snapshot (what it drains)
//   -> the attack again with the monitor polling after each transaction: its
//   detector fires on the first draining one and the guardian pauses (what is
//   saved) -> incident -> the fix through the gates (check, exploit, replay,
//   fuzz, invariants, simulate) -> 2-of-3 reviewer approvals of the patch
//   digest (demo keys generated for the run) -> deploy readiness -> the
//   timelock's schedule through the Safe -> the delay -> execute -> post-deploy
//   verification -> unpause (the timelock again) -> reports (Markdown, HTML)
//   -> each wrong fix through the same gates, stopped at its gate.
//
// Every step talks to the chain through chain::RpcClient, so the same code
// runs on a dev node given by URL (anvil) and on the embedded default (the
// in-process node over a state file in the work dir). Everything the run
// writes is in the work dir: the chain's state file (embedded), the
// manifests, the PoC, the ledger and the reports. Nothing prints: steps are
// reported to the observer (demo_observer.hpp).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/uint256.hpp"
#include "demo/demo_observer.hpp"
#include "demo/demo_report.hpp"
#include "demo/venue.hpp"

namespace suture::demo {

struct DemoOptions {
    std::string dir = "suture-demo";  // the work dir: created, or a previous demo's (replaced)
    std::string rpc;                  // a dev node's URL; empty: the embedded default
    VenueArtifacts artifacts;         // the venue build and the Safe artifacts
    uint32_t users = 24;
    uint32_t rounds = 6;
    uint64_t seed = 1;
    uint64_t fuzz_runs = 200, fuzz_depth = 8;
    bool wrong_fixes = true;
};

struct FixOutcome {
    std::string contract, expected_stop, stopped_at;
    bool as_expected = false;
    int64_t patch_id = 0;
};

struct DemoSummary {
    std::string chain_url;
    bool embedded = false;
    uint64_t history_transactions = 0;
    uint256 pool_before;           // the venue's collateral before the attack
    uint256 exploit_drain;         // what the attack takes unchecked (run on a snapshot, undone)
    uint256 drained_before_pause;  // what it took before the guardian's pause
    uint256 saved;                 // exploit_drain - drained_before_pause
    std::string detector;          // the detector that fired ("" when none did)
    uint32_t firing_attack_tx = 0; // 1-based index among the attack's transactions
    uint32_t attack_txs_blocked = 0;
    std::vector<std::pair<std::string, std::string>> fix_gates;  // gate, verdict (the right fix)
    unsigned approvals = 0, threshold = 0;
    bool deployed = false, verified = false, unpaused = false;
    std::vector<FixOutcome> wrong_fixes;
    ReportFiles report;
    std::vector<std::string> unavailable;  // steps this build could not run
    bool ok = false;                       // every step as the demo expects
    std::chrono::milliseconds elapsed{0};
};

// Errors: a work dir that is not a demo's, a build or node that cannot be
// used, a step that could not run at all. A step that ran but did not turn
// out as expected is in the summary (ok false) and its observer step failed.
Result<DemoSummary> run_demo(const DemoOptions& options, DemoObserver& obs);

}  // namespace suture::demo
