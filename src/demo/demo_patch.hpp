// One patch through the protocol as the commands do it (`suture patch new`,
// `suture run`, `suture approve`), over the pipeline library, every gate
// announced to the observer: step "gate:NAME" (ids prefixed for a wrong fix),
// with the long gates' progress, and its verdict and findings as the step's end.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "chain/keys.hpp"
#include "core/result.hpp"
#include "demo/demo_observer.hpp"
#include "ledger/approval.hpp"
#include "ledger/ledger.hpp"
#include "pipeline/manifest.hpp"
#include "pipeline/pipeline_run.hpp"

namespace suture::demo {

struct GateRunSpec {
    std::optional<int64_t> incident;  // the incident the patch answers
    // The gate that must stop the patch ("" : every gate must pass). A gate
    // that stops it elsewhere, or none when one should, fails the step.
    std::string expect_stop;
    std::string step_prefix;  // "" or "wrong-1/" etc.
};

struct GateRunOutcome {
    int64_t patch_id = 0;
    pipeline::RunReport run;
    bool as_expected = false;  // stopped exactly where GateRunSpec::expect_stop says
};

// Records a patch made from `m` (as `suture patch new`), then runs its gates (as `suture run`).
Result<GateRunOutcome> run_gates(const pipeline::Manifest& m, ledger::Ledger& l, const GateRunSpec& spec,
                                 DemoObserver& obs);

// Each key signs `digest` as `suture approve --yes` does (EIP-191), admitted
// under the manifest's policy and recorded for `patch_id`; the tally after.
Result<ledger::ApprovalTally> approve_digest(const pipeline::Manifest& m, ledger::Ledger& l, int64_t patch_id,
                                             const Bytes32& digest, const std::vector<const chain::SecretKey*>& keys);

// A gate's findings as lines for a step's detail (errors first; allowed ones with their reason).
std::vector<std::string> finding_lines(const Findings& findings, size_t max_lines);

}  // namespace suture::demo
