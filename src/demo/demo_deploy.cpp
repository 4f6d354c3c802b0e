#include "demo/demo_deploy.hpp"

#include "pipeline/deploy_readiness.hpp"
#include "pipeline/patch_code.hpp"
#include "pipeline/recorded_deploy.hpp"
#include "pipeline/target_chain.hpp"

namespace suture::demo {

Status require_ready(const pipeline::Manifest& m, ledger::Ledger& l, int64_t patch_id) {
    SUTURE_TRY(code, pipeline::load_patch_code(m));
    SUTURE_TRY(chain, pipeline::TargetChain::open(m));
    SUTURE_TRY(r, pipeline::deploy_readiness(m, l, patch_id, *chain, code));
    pipeline::DeployIntent intent;
    intent.route = deploy::route_name(deploy::Route::timelock);
    intent.proxy = chain->target().address;
    intent.new_runtime = code.new_impl.runtime;
    intent.initializer = code.initializer;
    pipeline::check_deploy_intent(r, intent);
    return pipeline::require_ready(r);
}

Result<deploy::DeployOutcome> timelock_step(const pipeline::Manifest& m, ledger::Ledger& l, int64_t patch_id,
                                            chain::RpcClient& rpc, const ShipKeys& keys,
                                            deploy::TimelockOptions::Step step,
                                            const std::optional<Address>& implementation) {
    SUTURE_TRY(code, pipeline::load_patch_code(m));
    const pipeline::TargetConfig* target = m.target(m.patch.target);
    if (!target) return input_error(m.path + ": patch.target: no target '" + m.patch.target + "'");

    deploy::DeployRequest req;
    req.route = deploy::Route::timelock;
    req.proxy = target->address;
    req.artifact = code.new_impl;
    req.existing_implementation = implementation;
    req.init_data = code.initializer;
    req.deployer = keys.deployer;
    req.timelock.step = step;
    req.timelock.proposer_safe = keys.safe;
    req.safe.owners = keys.safe_owners;
    upgrade::CheckRequest check;
    check.new_build = code.new_build_path;
    check.new_contract = m.patch.new_contract.contract;
    check.old_build = code.old_build_path;
    check.old_contract = m.patch.old_contract.contract;
    req.check = check;

    // What resume would need to rebuild the request; the demo's keys live only in this process.
    nlohmann::json args{{"demo", true},
                        {"route", "timelock"},
                        {"proxy", to_checksum(req.proxy)},
                        {"timelock_step", step == deploy::TimelockOptions::Step::schedule ? "schedule" : "execute"},
                        {"proposer_safe", to_checksum(keys.safe)}};
    deploy::SendOptions options;
    options.confirmations = m.deploy.confirmations;
    deploy::MemoryRecorder sent;
    return pipeline::deploy_recorded(l, patch_id, args, rpc, req, options, sent);
}

}  // namespace suture::demo
