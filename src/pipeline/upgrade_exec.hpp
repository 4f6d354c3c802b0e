// The upgrade itself, executed in-process on a state: create the new
// implementation, plan the route's calls (deploy::plan_mechanism, the same
// plan `suture deploy` sends), make them from the account the plan names,
// and check the result and the route rules (route_rules.hpp) on what the
// calls did. The simulate gate runs it on an overlay and throws the state
// away; the state-file deploy (state_deploy.hpp) commits it.
//
// The calls run as message calls from the authority the plan names: for a
// timelock or a Safe route that is the contract itself, i.e. the effect of
// its execute step, not its schedule/sign steps (which a node-backed deploy
// sends through deploy::run_deploy).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/finding.hpp"
#include "core/result.hpp"
#include "deploy/route.hpp"
#include "evm/state_overlay.hpp"
#include "pipeline/patch_code.hpp"
#include "pipeline/route_rules.hpp"
#include "pipeline/target_chain.hpp"

namespace suture::pipeline {

struct UpgradeInput {
    Address proxy;
    deploy::Route route = deploy::Route::uups;
    Address deployer;                     // creates the implementation
    std::optional<Address> sender;        // makes the upgrade calls; unset: the authority the plan names
    const PatchCode* code = nullptr;      // the new implementation, the initializer, both layouts
};

struct UpgradeStepRun {
    std::string what;
    bool ok = true;
    std::string detail;
};

struct UpgradeExecution {
    upgrade::ProxyInfo before, after;
    std::string mechanism;
    std::optional<Address> implementation;  // created
    std::optional<Address> sender;          // who made the upgrade calls
    uint64_t version_before = 0;            // Initializable's version on the proxy
    std::vector<UpgradeStepRun> steps;
    std::vector<SlotWrite> proxy_writes;    // the proxy's storage changed by the upgrade calls
    Findings findings;                      // a failed step, a wrong result, the route rules
};

// What the simulate gate and the state-file deploy upgrade with: the target,
// its route, and the admin (or else the proxy's last upgrade authority) as deployer.
Result<UpgradeInput> upgrade_input(const Manifest& m, TargetChain& chain, const PatchCode& code);

// Runs on `state` (its writes stay in it). An error is a state read that
// failed or a plan that cannot be made; reverts and rule violations are findings.
Result<UpgradeExecution> execute_upgrade(evm::OverlayBackend& state, const evm::BlockEnv& block, evm::Revision rev,
                                         const UpgradeInput& in);

}  // namespace suture::pipeline
