// The gates `deploy` passes before it sends anything (DESIGN.md: check, then
// simulate, then deploy): the upgrade-safety check of the new implementation
// against the one live behind the proxy, and a simulation of the exact
// transactions. Each ends in a verdict the deploy output shows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.hpp"
#include "core/result.hpp"
#include "upgrade/check_gate.hpp"
#include "upgrade/proxy_chain_view.hpp"
#include "upgrade/proxy_kind.hpp"

namespace suture::deploy {

// The check gate of one deployment.
struct CheckGateRun {
    std::optional<upgrade::CheckResult> check;  // unset: no build to check (a `check-not-run` finding)
    Findings own;                               // the deploy gate's own findings (check-not-run)
    upgrade::AllowanceVerdict verdict;          // what --allow did; `blocking` refuses the deployment
    std::vector<std::string> notes;             // what the check compared against, when not the live code
    bool passed() const { return verdict.blocking.empty(); }
};

// Runs the check (upgrade/check_gate.hpp) with the old version read from the
// proxy at `view` (its implementation; for a diamond, `old_facet` when given)
// and matched against the request's builds. `request` unset: nothing can be
// checked, which is an error finding `check-not-run` until allowed. A live
// implementation that matches no contract of the builds is an error too
// (`deployed-unmatched`): without its source the storage layout cannot be
// compared, and that is what an upgrade breaks.
Result<CheckGateRun> run_check_gate(upgrade::ChainView& view, uint64_t block,
                                    const std::optional<upgrade::CheckRequest>& request,
                                    const std::vector<upgrade::Allowance>& allow, const upgrade::ProxyInfo& proxy,
                                    const std::optional<Address>& old_facet);

// One transaction of the plan, simulated.
struct SimulatedStep {
    std::string step;
    bool ok = true;
    std::string detail;  // what it did ("creates 0x.. (1234 bytes of code)", "returned 0x"), or the revert reason
};

struct Simulation {
    bool ran = false;
    uint64_t block = 0;  // the state simulated on
    std::string method;  // "in-process EVM on a fork of block N", or the eth_call fallback and why
    std::vector<SimulatedStep> steps;
    bool ok() const {
        for (const auto& s : steps)
            if (!s.ok) return false;
        return true;
    }
};

}  // namespace suture::deploy
