// Deploys recorded in the ledger, and resumed from it (recorded_deploy.hpp).
#include "pipeline/recorded_deploy.hpp"

namespace suture::pipeline {

Result<deploy::DeployOutcome> deploy_recorded(ledger::Ledger& l, std::optional<int64_t> patch_id,
                                              const nlohmann::json& args, chain::RpcClient& rpc,
                                              const deploy::DeployRequest& request,
                                              const deploy::SendOptions& options, deploy::MemoryRecorder& sent) {
    const std::string route = deploy::route_name(request.route);
    int64_t patch = 0;
    if (patch_id) {
        SUTURE_TRY(p, l.patch(*patch_id));
        patch = p.id;
    } else {
        SUTURE_TRY(p, l.add_patch({std::nullopt, "deploy " + to_checksum(request.proxy) + " through route " + route, ""}));
        patch = p;
    }
    SUTURE_TRY(chain_id, rpc.chain_id());
    LedgerStepRecorder recorder(l, patch, route, args, &sent);
    deploy::TxSender sender(rpc, chain_id, recorder, options);
    return deploy::run_deploy(rpc, sender, request);
}

Result<deploy::DeployOutcome> resume_recorded(ledger::Ledger& l, const RecordedDeployment& recorded,
                                              chain::RpcClient& rpc, deploy::DeployRequest request,
                                              const deploy::SendOptions& options, deploy::MemoryRecorder& sent,
                                              std::vector<StepSettlement>& settled) {
    const std::string where = "resume: deployment " + std::to_string(recorded.seq) + " (patch " +
                              std::to_string(recorded.plan.patch_id) + ")";
    if (deploy::route_name(request.route) != recorded.plan.route || request.proxy != recorded.plan.proxy)
        return input_error(where + " upgrades " + to_checksum(recorded.plan.proxy) + " through route " +
                           recorded.plan.route + ", not " + to_checksum(request.proxy) + " through " +
                           deploy::route_name(request.route));
    if (request.dry_run) return usage_error(where + ": a dry run is never recorded, so there is nothing to resume");
    if (recorded.plan.route == "diamond")
        return input_error(where + ": route diamond cannot be resumed yet (its rollback needs the facets as they "
                                   "were, which the ledger does not hold); settle its steps by hand");
    request.resume = deploy::DeployRequest::Resume{recorded.plan.implementation_before};
    SUTURE_TRY(chain_id, rpc.chain_id());
    LedgerStepRecorder recorder(l, recorded, &sent);
    deploy::TxSender sender(rpc, chain_id, recorder, options);
    auto out = deploy::run_deploy(rpc, sender, request);
    settled = recorder.settlements();
    return out;
}

}  // namespace suture::pipeline
