// The deploy gate: inspect, check keys, deploy the implementation, upgrade
// through the route, verify, and roll back through the same route when the
// verification fails.
#include "core/hex.hpp"
#include "core/keccak.hpp"
#include "deploy/route.hpp"
#include "evm/state_host.hpp"
#include "upgrade/proxy_detect.hpp"
#include "upgrade/proxy_rpc_view.hpp"

namespace suture::deploy {
namespace {

Status execute(RouteContext& ctx, const MechanismPlan& plan) {
    switch (ctx.request.route) {
    case Route::timelock: return execute_timelock(ctx, plan);
    case Route::safe: return execute_safe(ctx, plan);
    default: return execute_eoa(ctx, plan);
    }
}

const chain::SecretKey& deployer_key(const DeployRequest& req) { return req.deployer ? *req.deployer : *req.admin; }

TxRequest implementation_tx(const DeployRequest& req, const ImplementationArtifact& art) {
    return {"deploy implementation " + art.name, deployer_key(req).address(), std::nullopt, uint256(0), art.init_code,
            "implementation"};
}

Result<Address> deploy_implementation(RouteContext& ctx, const ImplementationArtifact& art, const Address& predicted) {
    SUTURE_CHECK(send_step(ctx, implementation_tx(ctx.request, art), deployer_key(ctx.request)));
    if (ctx.request.dry_run) return predicted;
    const auto& receipt = ctx.outcome.sent.back().receipt;
    if (!receipt.contract_address)
        return chain_error("deploy implementation " + art.name + ": the receipt names no contract address");
    Address at = *receipt.contract_address;
    // Check the code before anything points at it.
    SUTURE_TRY(code, ctx.view.code(at));
    auto m = compare_runtime_code(code, art.runtime, art.immutables);
    if (!m.equal)
        return chain_error("deploy implementation " + art.name + " at " + to_checksum(at) +
                           ": the code on chain is not the artifact's: " + m.detail);
    return at;
}

VerifyExpectations expectations(const DeployRequest& req, const upgrade::ProxyInfo& before, const Address& impl,
                                const MechanismPlan& plan, const ImplementationArtifact* art) {
    VerifyExpectations e;
    e.kind = before.kind;
    e.implementation = impl;
    e.artifact = art;
    if (!before.authorities.empty()) e.admin_before = before.authorities[0].address;
    e.beacon_before = before.beacon;
    e.cuts = plan.cuts;
    e.smoke = req.smoke;
    return e;
}

// Puts the previous implementation back through the same route, and checks it.
Status roll_back(RouteContext& ctx, const upgrade::ProxyInfo& before, const upgrade::ProxyInfo& after,
                 const MechanismPlan& applied) {
    UpgradeTarget back;
    if (before.kind == upgrade::ProxyPattern::diamond) {
        back.cuts = diamond_cut_inverse(before.facets, applied.cuts);
    } else {
        if (!before.implementation) return chain_error("rollback: the previous implementation is unknown");
        back.implementation = *before.implementation;
    }
    SUTURE_TRY(plan, plan_mechanism(ctx, after, back));
    // A second timelock operation must differ from the first: derive its salt.
    DeployRequest req = ctx.request;
    Bytes salted(req.timelock.salt.begin(), req.timelock.salt.end());
    for (char c : std::string_view("suture rollback")) salted.push_back(uint8_t(c));
    req.timelock.salt = keccak256(salted);
    req.timelock.step = TimelockOptions::Step::all;
    RouteContext rctx{ctx.rpc, ctx.sender, ctx.view, req, ctx.outcome};
    ctx.outcome.rollback_first_sent = ctx.outcome.sent.size();
    SUTURE_CHECK(execute(rctx, plan));
    if (ctx.outcome.pending) {
        ctx.outcome.rollback_detail = "rollback scheduled but not executed yet (see notes)";
        return {};
    }
    SUTURE_TRY(now, upgrade::inspect_proxy(ctx.view, ctx.request.proxy));
    if (before.kind == upgrade::ProxyPattern::diamond) {
        ctx.outcome.rolled_back = true;
        ctx.outcome.rollback_detail = "diamond cut reverted through route " + std::string(route_name(ctx.request.route));
        return {};
    }
    if (now.implementation != before.implementation)
        return chain_error("rollback through route " + std::string(route_name(ctx.request.route)) +
                           " did not restore " + to_checksum(*before.implementation));
    ctx.outcome.rolled_back = true;
    ctx.outcome.rollback_detail = "implementation restored to " + to_checksum(*before.implementation) +
                                  " through route " + route_name(ctx.request.route);
    return {};
}

}  // namespace

Result<DeployOutcome> run_deploy(chain::RpcClient& rpc, TxSender& sender, const DeployRequest& request) {
    DeployOutcome outcome;
    outcome.route = request.route;
    upgrade::RpcChainView view(rpc);
    RouteContext ctx{rpc, sender, view, request, outcome};

    if (!request.artifact && !request.existing_implementation)
        return usage_error("deploy: give an artifact to deploy or an existing implementation address");
    if (!request.admin && request.safe.owners.empty())
        return usage_error("deploy: no key to send the upgrade from");

    SUTURE_TRY(before, upgrade::inspect_proxy(view, request.proxy));
    // Resumed: the chain may show the upgrade done already; what it upgrades
    // from (and rolls back to) is what the deployment recorded when it began.
    if (request.resume) before.implementation = request.resume->implementation_before;
    outcome.before = before;
    if (!before.has_code) return input_error("deploy: " + to_checksum(request.proxy) + " has no code");
    if (before.kind == upgrade::ProxyPattern::none)
        return input_error("deploy: " + to_checksum(request.proxy) + " is not a proxy; nothing to upgrade");
    if (before.kind == upgrade::ProxyPattern::minimal)
        return input_error("deploy: " + to_checksum(request.proxy) +
                           " is an EIP-1167 minimal proxy: its target is part of its code and cannot be upgraded");
    if (request.artifact) sender.add_error_abi(request.artifact->abi);

    // Gate 1: what `check` refuses is never shipped. A resumed deployment
    // passed both gates when it began; the chain it would check now is one the
    // deployment has already changed.
    if (request.resume) {
        outcome.notes.push_back("resumed: the check and simulation gates passed when this deployment began; not run again");
    } else {
        SUTURE_TRY(block, rpc.block_number());
        SUTURE_TRY(gate, run_check_gate(view, block, request.check, request.allow, before, request.old_facet));
        outcome.check = std::move(gate);
        if (!outcome.check.passed()) {
            outcome.refused = "check";
            return outcome;
        }
    }

    // Where the implementation will be, so the whole plan is known (and
    // checked) before the first transaction.
    UpgradeTarget target;
    target.init_data = request.init_data;
    target.old_facet = request.old_facet;
    const chain::SecretKey* deployer = request.deployer ? request.deployer : request.admin;
    if (request.existing_implementation) {
        target.implementation = *request.existing_implementation;
    } else {
        if (!deployer) return usage_error("deploy: no key to deploy the implementation from (--deployer-key)");
        SUTURE_TRY(nonce, rpc.get_transaction_count(deployer->address(), chain::BlockTag::pending()));
        target.implementation = evm::create_address(deployer->address(), nonce);
    }
    if (before.kind == upgrade::ProxyPattern::diamond) {
        if (!request.artifact) return usage_error("route diamond: the new facet's artifact is needed for its selectors");
        target.new_selectors = function_selectors(request.artifact->abi);
    }
    SUTURE_TRY(plan, plan_mechanism(ctx, before, target));
    outcome.mechanism = plan.mechanism;
    SUTURE_CHECK(check_executor(ctx, plan));

    // Gate 2: the exact transactions, simulated before the first is sent.
    if (!request.resume) {
        std::optional<TxRequest> create;
        if (!request.existing_implementation) create = implementation_tx(request, *request.artifact);
        SUTURE_TRY(sim, simulate_plan(ctx, create, plan, target.implementation));
        outcome.simulation = std::move(sim);
        if (!outcome.simulation.ok()) {
            outcome.refused = "simulation";
            return outcome;
        }
        if (!request.dry_run)
            SUTURE_CHECK(sender.starting({route_name(request.route), request.proxy, before.implementation, plan.mechanism}));
    }

    if (!request.existing_implementation) {
        SUTURE_TRY(at, deploy_implementation(ctx, *request.artifact, target.implementation));
        if (at != target.implementation) {  // someone used the deployer's nonce meanwhile: plan again
            target.implementation = at;
            SUTURE_TRY(again, plan_mechanism(ctx, before, target));
            plan = std::move(again);
        }
    }
    outcome.implementation = target.implementation;
    outcome.cuts = plan.cuts;
    SUTURE_CHECK(execute(ctx, plan));
    if (request.dry_run || outcome.pending) return outcome;

    upgrade::ProxyInfo after;
    auto expect = expectations(request, before, target.implementation, plan,
                               request.artifact ? &*request.artifact : nullptr);
    SUTURE_TRY(v, post_verify(view, request.proxy, expect, after));
    outcome.verification = std::move(v);
    outcome.after = after;
    if (!outcome.verification.ok() && request.rollback) SUTURE_CHECK(roll_back(ctx, before, after, plan));
    return outcome;
}

}  // namespace suture::deploy
