#include "pipeline/upgrade_exec.hpp"

#include <map>

#include "chain/revert.hpp"
#include "chain/rpc_client.hpp"
#include "core/hex.hpp"
#include "deploy/bytecode_compare.hpp"
#include "evm/transaction.hpp"
#include "upgrade/code_model.hpp"
#include "upgrade/proxy_detect.hpp"
#include "verify/state_chain_view.hpp"

namespace suture::pipeline {
namespace {

Finding step_finding(const char* code, std::string message, std::string where) {
    Finding f;
    f.code = code;
    f.message = std::move(message);
    f.location.other = std::move(where);
    return f;
}

// deploy::plan_mechanism reads the chain through the view only (route.hpp:
// the mechanisms); its RouteContext also carries a node client and a sender,
// which planning never uses. The client here has no node: a call to it
// fails, naming this.
Result<deploy::MechanismPlan> plan_on_view(upgrade::ChainView& view, const upgrade::ProxyInfo& info,
                                           const deploy::UpgradeTarget& target, deploy::Route route,
                                           uint64_t chain_id) {
    chain::RpcClient no_node("in-process-plan://no-node");
    deploy::MemoryRecorder recorder;
    deploy::TxSender sender(no_node, chain_id, recorder);
    deploy::DeployRequest req;
    req.route = route;
    req.proxy = info.address;
    deploy::DeployOutcome outcome;
    outcome.before = info;
    deploy::RouteContext ctx{no_node, sender, view, req, outcome};
    return deploy::plan_mechanism(ctx, info, target);
}

// The proxy's slots a diff changes, with their values before (read from `state`).
Result<std::vector<SlotWrite>> proxy_writes(evm::StateBackend& state, const Address& proxy, const evm::StateDiff& diff) {
    std::vector<SlotWrite> out;
    for (const auto& a : diff.accounts) {
        if (a.address != proxy) continue;
        for (const auto& [slot, value] : a.storage) {
            SUTURE_TRY(before, state.storage(proxy, slot));
            if (before != value) out.push_back({slot, before, value});
        }
    }
    return out;
}

}  // namespace

Result<UpgradeInput> upgrade_input(const Manifest& m, TargetChain& chain, const PatchCode& code) {
    UpgradeInput in;
    in.proxy = chain.target().address;
    SUTURE_TRY(route, deploy::parse_route(chain.target().route));
    in.route = route;
    in.code = &code;
    if (chain.target().admin) {
        in.deployer = *chain.target().admin;
    } else if (!chain.proxy().authorities.empty()) {
        in.deployer = chain.proxy().authorities.back().address;
    } else {
        return input_error(m.path + ": targets." + chain.target().name + ".admin: " +
                           to_checksum(chain.target().address) +
                           " names no upgrade authority; set the admin that deploys and upgrades");
    }
    return in;
}

Result<UpgradeExecution> execute_upgrade(evm::OverlayBackend& state, const evm::BlockEnv& block, evm::Revision rev,
                                         const UpgradeInput& in) {
    const PatchCode& code = *in.code;
    UpgradeExecution ex;
    verify::StateChainView view(state, block, rev);
    SUTURE_TRY(before, upgrade::inspect_proxy(view, in.proxy));
    ex.before = before;
    SUTURE_TRY(version, initialized_version(state, in.proxy, code.old_storage));
    ex.version_before = version;
    const std::string proxy_text = to_checksum(in.proxy);
    const abi::ContractAbi& errors = code.new_impl.abi;

    // 1. The implementation.
    const std::string create_what = "create " + code.new_impl.name;
    evm::CallRequest create;
    create.from = in.deployer;
    create.data = code.new_impl.init_code;
    SUTURE_TRY(created, evm::execute_call(state, rev, block, create));
    if (created.receipt.status != evm::StatusCode::success || !created.receipt.created) {
        const std::string why = chain::describe_revert(created.receipt.output, &errors);
        ex.steps.push_back({create_what, false, "reverted: " + why});
        ex.findings.push_back(step_finding("upgrade-step-reverted", create_what + " reverted: " + why, create_what));
        return ex;
    }
    state.apply(created.diff);
    const Address impl = *created.receipt.created;
    ex.implementation = impl;
    SUTURE_TRY(runtime, view.code(impl));
    auto match = deploy::compare_runtime_code(runtime, code.new_impl.runtime, code.new_impl.immutables);
    if (!match.equal) {
        ex.steps.push_back({create_what, false, "the created code is not the build's: " + match.detail});
        ex.findings.push_back(step_finding("upgrade-wrong-code",
                                           create_what + " at " + to_checksum(impl) +
                                               ": the created runtime code is not the build's: " + match.detail,
                                           to_checksum(impl)));
        return ex;
    }
    ex.steps.push_back({create_what, true, "created " + to_checksum(impl) + " (" + std::to_string(runtime.size()) +
                                               " bytes of code)"});

    // 2. The route's calls.
    deploy::UpgradeTarget target;
    target.implementation = impl;
    target.init_data = code.initializer;
    SUTURE_TRY(plan, plan_on_view(view, before, target, in.route, block.chain_id.low64()));
    ex.mechanism = plan.mechanism;
    std::optional<Address> from = in.sender ? in.sender : plan.sender;
    if (!from) return input_error("upgrade of " + proxy_text + " through " + plan.mechanism +
                                  ": the proxy names no account that may upgrade it; set targets.<name>.admin");
    ex.sender = from;
    if (in.route == deploy::Route::timelock) {
        // What the pipeline schedules: the plan's calls as one operation.
        deploy::TimelockOperation op;
        for (const auto& c : plan.calls) op.calls.push_back({c.to, c.value, c.data});
        auto split = check_timelock_batching({op}, op.calls);
        ex.findings.insert(ex.findings.end(), split.begin(), split.end());
    }
    for (const auto& c : plan.calls) {
        evm::CallRequest call;
        call.from = *from;
        call.to = c.to;
        call.data = c.data;
        call.value = c.value;
        SUTURE_TRY(out, evm::execute_call(state, rev, block, call));
        if (out.receipt.status != evm::StatusCode::success) {
            const std::string why = chain::describe_revert(out.receipt.output, &errors);
            ex.steps.push_back({c.what, false, "from " + to_checksum(*from) + ": reverted: " + why});
            ex.findings.push_back(step_finding("upgrade-step-reverted", c.what + " from " + to_checksum(*from) +
                                                                            " reverted: " + why,
                                               proxy_text));
            return ex;
        }
        SUTURE_TRY(writes, proxy_writes(state, in.proxy, out.diff));
        ex.proxy_writes.insert(ex.proxy_writes.end(), writes.begin(), writes.end());
        state.apply(out.diff);
        ex.steps.push_back({c.what, true, "from " + to_checksum(*from) + ": ok (" +
                                              std::to_string(out.receipt.gas_used) + " gas)"});
    }

    // 3. The result, and the rules learned from losses.
    SUTURE_TRY(after, upgrade::inspect_proxy(view, in.proxy));
    ex.after = after;
    if (after.kind != upgrade::ProxyPattern::diamond && after.implementation != impl)
        ex.findings.push_back(step_finding("upgrade-not-applied",
                                           "after the upgrade calls " + proxy_text + " runs " +
                                               (after.implementation ? to_checksum(*after.implementation) : "nothing") +
                                               ", not the new implementation " + to_checksum(impl),
                                           proxy_text));
    upgrade::CodeModel model(*code.new_ref.build, *code.new_ref.contract->node);
    auto ronin = check_reinitializers(ex.version_before, upgrade::initializer_versions(model), code.initializer);
    ex.findings.insert(ex.findings.end(), ronin.begin(), ronin.end());
    auto nomad = check_initializer_writes(in.proxy, ex.proxy_writes, code.old_storage);
    ex.findings.insert(ex.findings.end(), nomad.begin(), nomad.end());
    return ex;
}

}  // namespace suture::pipeline
