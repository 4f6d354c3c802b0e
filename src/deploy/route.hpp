// Deployment routes: how a new implementation reaches a proxy.
//
// A route is two things. The mechanism is what the proxy kind needs called:
//   direct       the proxy's admin calls upgradeTo/upgradeToAndCall on the proxy
//   proxy-admin  the ProxyAdmin owner calls upgrade/upgradeAndCall (v4) or upgradeAndCall (v5)
//   uups         the authorized account calls upgradeToAndCall on the proxy (EIP-1822)
//   beacon       the beacon owner calls UpgradeableBeacon.upgradeTo
//   diamond      the owner calls diamondCut with Add/Replace/Remove from the selector diff
// The executor is who sends those calls: an externally owned account (the
// routes above), a TimelockController (`timelock`: schedule, wait, execute) or
// a Safe (`safe`: a Transaction Builder file and/or execTransaction). The
// timelock and safe routes pick the mechanism from what `inspect` finds.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chain/keys.hpp"
#include "core/result.hpp"
#include "deploy/deploy_gate.hpp"
#include "deploy/diamond_cut.hpp"
#include "deploy/implementation_artifact.hpp"
#include "deploy/post_verify.hpp"
#include "deploy/tx_send.hpp"
#include "upgrade/proxy_chain_view.hpp"
#include "upgrade/proxy_kind.hpp"

namespace suture::deploy {

enum class Route { direct, proxy_admin, uups, beacon, diamond, timelock, safe };
const char* route_name(Route r);
Result<Route> parse_route(std::string_view name);

// One call the proxy's authority must make.
struct UpgradeCall {
    Address to;
    uint256 value;
    Bytes data;
    std::string what;  // "ProxyAdmin(v5).upgradeAndCall(proxy, 0x.., 0x..)"
};

// What to upgrade to. For a rollback: the previous implementation (or, for a
// diamond, the inverse cut) and no initializer.
struct UpgradeTarget {
    Address implementation;                      // new implementation, or new facet
    Bytes init_data;                             // upgradeToAndCall data; empty: none
    std::optional<Address> old_facet;            // diamond: the facet being replaced
    std::vector<uint32_t> new_selectors;         // diamond: the new facet's functions
    std::optional<std::vector<FacetCut>> cuts;   // diamond: explicit cut (rollback)
};

struct MechanismPlan {
    std::string mechanism;           // "proxy-admin v5", "uups", ...
    std::optional<Address> sender;   // who must send the calls (nullopt: the contract does not say)
    std::vector<UpgradeCall> calls;
    std::vector<FacetCut> cuts;      // diamond: the cut applied (for rollback)
};

struct TimelockOptions {
    enum class Step { all, schedule, execute, cancel };
    Step step = Step::all;
    std::optional<uint256> delay;     // default: getMinDelay()
    Bytes32 salt{};
    Bytes32 predecessor{};
    bool batch = false;               // scheduleBatch even for one call
    bool time_travel = false;         // dev chains: evm_increaseTime past the delay instead of waiting
    std::chrono::seconds max_wait{300};  // longest real wait for the delay before giving up (step all)
    const chain::SecretKey* executor = nullptr;  // default: the proposer key
    // A Safe holds PROPOSER_ROLE (the usual production setup: a multisig
    // proposes, the timelock delays): schedule, and execute unless `executor`
    // is given, are Safe transactions of this Safe, signed by
    // SafeOptions::owners (its threshold of them) and submitted by the first.
    // Unset: DeployRequest::admin proposes.
    std::optional<Address> proposer_safe;
};

struct SafeOptions {
    std::string batch_file;            // write the Transaction Builder JSON here (empty: don't)
    std::optional<Address> multisend;  // MultiSendCallOnly (or MultiSend) for several calls
    std::vector<const chain::SecretKey*> owners;  // sign and execute when at least the threshold
    uint64_t created_at_ms = 0;        // batch file createdAt (0: now)
};


struct DeployRequest {
    Route route = Route::direct;
    Address proxy;
    std::optional<ImplementationArtifact> artifact;   // deploy this ...
    std::optional<Address> existing_implementation;   // ... or use code already on chain
    Bytes init_data;
    std::optional<Address> old_facet;                 // diamond: default the facet serving most new selectors
    const chain::SecretKey* deployer = nullptr;       // deploys the implementation (default: admin)
    const chain::SecretKey* admin = nullptr;          // sends the route's transactions
    TimelockOptions timelock;
    SafeOptions safe;
    std::vector<SmokeCheck> smoke;
    // The upgrade-safety check of the new implementation (deploy_gate.hpp),
    // run before anything is sent with the old version read from the proxy.
    // Unset: nothing to check it with, an error finding (`check-not-run`).
    std::optional<upgrade::CheckRequest> check;
    std::vector<upgrade::Allowance> allow;  // --allow CODE --reason TEXT
    bool dry_run = false;                   // check and simulate, send nothing
    bool rollback = true;
    // Set when continuing a deployment an earlier run began (pipeline/
    // deploy_resume.hpp): the gates are not run again (they passed then, and
    // the chain has moved on since), every step the recorder already holds is
    // settled instead of sent, and `before` is the implementation recorded then.
    struct Resume {
        std::optional<Address> implementation_before;
    };
    std::optional<Resume> resume;
};

struct DeployOutcome {
    Route route = Route::direct;
    // The gates before the first transaction, in order. `refused` names the
    // one that stopped the deployment ("check", "simulation"): nothing was sent.
    CheckGateRun check;
    Simulation simulation;
    std::string refused;
    std::string mechanism;
    upgrade::ProxyInfo before;
    std::optional<upgrade::ProxyInfo> after;
    std::optional<Address> implementation;      // the new implementation (predicted in a dry run)
    std::vector<TxRequest> planned;             // dry run: every transaction, in order, exactly as it would be sent
    std::vector<SentTx> sent;
    std::vector<FacetCut> cuts;                 // diamond
    std::optional<Bytes32> timelock_operation;  // id, as hashOperation(Batch) computes it
    std::optional<Bytes32> safe_tx_hash;
    std::string safe_batch_file;                // written file
    bool pending = false;                       // waiting on a timelock delay or Safe signatures
    Verification verification;                  // post-deploy checks (empty in a dry run / when pending)
    bool rolled_back = false;
    std::string rollback_detail;
    size_t rollback_first_sent = SIZE_MAX;      // index in `sent` (and the recorder) of the rollback's first transaction
    std::vector<std::string> notes;
};

// Everything one run shares.
struct RouteContext {
    chain::RpcClient& rpc;
    TxSender& sender;
    upgrade::ChainView& view;
    const DeployRequest& request;
    DeployOutcome& outcome;
};

// ---- mechanisms (route_direct.cpp, route_proxy_admin.cpp, route_uups.cpp,
// route_beacon.cpp, route_diamond.cpp) ----
Result<MechanismPlan> plan_direct(RouteContext& ctx, const upgrade::ProxyInfo& info, const UpgradeTarget& target);
Result<MechanismPlan> plan_proxy_admin(RouteContext& ctx, const upgrade::ProxyInfo& info, const UpgradeTarget& target);
Result<MechanismPlan> plan_uups(RouteContext& ctx, const upgrade::ProxyInfo& info, const UpgradeTarget& target);
Result<MechanismPlan> plan_beacon(RouteContext& ctx, const upgrade::ProxyInfo& info, const UpgradeTarget& target);
Result<MechanismPlan> plan_diamond(RouteContext& ctx, const upgrade::ProxyInfo& info, const UpgradeTarget& target);

// "route ROUTE: 0x... is a KIND proxy" + `why`: the mechanism cannot upgrade this kind.
Error wrong_proxy_kind(std::string_view route, const upgrade::ProxyInfo& info, std::string_view why);

// "route ROUTE: MECHANISM upgrades of PROXY are authorized by SENDER, which is
// not a CONTRACT": the route executes through a contract the proxy's admin is not.
Error not_authorized_by(std::string_view route, const RouteContext& ctx, const MechanismPlan& plan,
                        std::string_view contract);

// upgradeTo(impl) when there is no initializer and `dispatcher_code` (the
// code that will run the call) has it, else upgradeToAndCall(impl, init)
// (OpenZeppelin 5 removed upgradeTo).
UpgradeCall proxy_upgrade_call(const Address& proxy, BytesView dispatcher_code, const UpgradeTarget& target,
                               const std::string& who);

// The mechanism a route uses for this proxy (timelock/safe: from its kind and admin).
Result<MechanismPlan> plan_mechanism(RouteContext& ctx, const upgrade::ProxyInfo& info, const UpgradeTarget& target);

// ---- executors ----
// Checks, before anything is sent, that the keys can execute `plan`.
Status check_executor(RouteContext& ctx, const MechanismPlan& plan);
// Sends (or, in a dry run, lists) the plan's calls. Sets outcome.pending when
// the upgrade is not live yet (timelock delay, missing Safe signatures).
Status execute_eoa(RouteContext& ctx, const MechanismPlan& plan);
Status check_timelock(RouteContext& ctx, const MechanismPlan& plan);
Status execute_timelock(RouteContext& ctx, const MechanismPlan& plan);
Status check_safe(RouteContext& ctx, const MechanismPlan& plan);
Status execute_safe(RouteContext& ctx, const MechanismPlan& plan);

// The Safe at `address` as inspection reads it (owners, threshold); an input
// error when it is not a Safe.
Result<upgrade::Authority> read_safe(RouteContext& ctx, const Address& address);
// Refuses, before anything is sent, owner keys of ctx.request.safe that are
// not owners of `safe`, and fewer keys than its threshold; `why` names the
// route ("route timelock (proposer Safe)").
Status check_safe_keys(const upgrade::Authority& safe, const SafeOptions& o, std::string_view why);
// `calls` as one Safe transaction of `safe` (several: a delegatecall to
// SafeOptions::multisend), its hash checked against the Safe's own
// getTransactionHash, signed by the request's owner keys (the threshold of
// them) and submitted by the first, as a step of `kind`; ExecutionSuccess is
// required. Sets outcome.safe_tx_hash.
Status send_safe_transaction(RouteContext& ctx, const upgrade::Authority& safe, const std::vector<UpgradeCall>& calls,
                             const std::string& kind);

// The simulation gate (simulate.cpp says what it covers): `create` (the
// implementation's deployment, when there is one) and then the plan's calls,
// from the account that will make them, with the new code at `implementation`.
// A revert is a failed step, not an error; errors are the node's.
Result<Simulation> simulate_plan(RouteContext& ctx, const std::optional<TxRequest>& create, const MechanismPlan& plan,
                                 const Address& implementation);

// Sends `req` (or records it as planned in a dry run) and keeps it in the outcome.
Status send_step(RouteContext& ctx, const TxRequest& req, const chain::SecretKey& key);

// The whole route: inspect, the check gate, plan and check keys, simulate,
// deploy the implementation, upgrade, verify, and roll back through the same
// route when verification fails. A gate that refuses ends the run with
// outcome.refused set and nothing sent; a dry run passes both gates, then lists.
// An error means the run stopped; what was sent before that is in the
// sender's StepRecorder.
Result<DeployOutcome> run_deploy(chain::RpcClient& rpc, TxSender& sender, const DeployRequest& request);

}  // namespace suture::deploy
