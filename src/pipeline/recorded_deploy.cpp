// Deploys recorded in the ledger, and resumed from it (recorded_deploy.hpp).
#include "pipeline/recorded_deploy.hpp"

#include "core/abi_encode.hpp"
#include "core/hex.hpp"

namespace suture::pipeline {

namespace {

// A Safe transaction mined before the crash is adopted on resume, but the
// route computes its safeTxHash again from the Safe's nonce, which that very
// execution advanced. The Safe names the hash it executed in its event
// (Safe.sol: ExecutionSuccess(bytes32 indexed txHash, uint256 payment)): the
// outcome and the step descriptions report that one.
void report_executed_safe_tx(deploy::DeployOutcome& o, deploy::MemoryRecorder& sent) {
    if (!o.safe_tx_hash) return;
    static const Bytes32 success = abi::event_topic("ExecutionSuccess(bytes32,uint256)");
    std::optional<Bytes32> executed;
    for (const auto& tx : o.sent)
        for (const auto& log : tx.receipt.logs)
            if (tx.request.to && log.address == *tx.request.to && log.topics.size() > 1 && log.topics[0] == success)
                executed = log.topics[1];
    if (!executed || *executed == *o.safe_tx_hash) return;
    const std::string computed = to_hex(*o.safe_tx_hash), right = to_hex(*executed);
    auto fix = [&](std::string& step) {
        if (auto at = step.find(computed); at != std::string::npos) step.replace(at, computed.size(), right);
    };
    for (auto& tx : o.sent) fix(tx.request.step);
    for (auto& e : sent.entries) fix(e.request.step);
    o.safe_tx_hash = executed;
}

// What a run that came to its end did, for the deploy.finished record.
std::string result_of(const deploy::DeployOutcome& o) {
    if (o.pending) return "pending";
    if (o.rolled_back) return "rolled back";
    if (o.verification.ran() && !o.verification.ok()) return "verification failed";
    return "verified";
}

// Marks deployment `seq` finished when the run ended without an error (an
// error leaves it interrupted: resume is how it goes on).
Result<deploy::DeployOutcome> finish(ledger::Ledger& l, int64_t seq, Result<deploy::DeployOutcome> out) {
    if (out.ok() && seq && out->refused.empty()) SUTURE_CHECK(record_deployment_finished(l, seq, result_of(*out)));
    return out;
}

}  // namespace

Result<deploy::DeployOutcome> deploy_recorded(ledger::Ledger& l, std::optional<int64_t> patch_id,
                                              const nlohmann::json& args, chain::RpcClient& rpc,
                                              const deploy::DeployRequest& request,
                                              const deploy::SendOptions& options, deploy::MemoryRecorder& sent) {
    if (patch_id) {
        SUTURE_TRY(known, l.patch(*patch_id));  // an unknown patch is an error naming it
        (void)known;
    }
    // Another deployment over a half-done one would send its steps again.
    SUTURE_TRY(open, interrupted_deployment(l, request.proxy));
    if (open)
        return input_error("deploy: deployment " + std::to_string(open->seq) + " of " + to_checksum(request.proxy) +
                           " (patch " + std::to_string(open->plan.patch_id) + ", route " + open->plan.route +
                           ") in ledger " + l.path() + " never finished: run `suture resume --patch " +
                           std::to_string(open->plan.patch_id) + "` to finish it; nothing sent");
    SUTURE_TRY(chain_id, rpc.chain_id());
    LedgerStepRecorder recorder(l, patch_id.value_or(0), deploy::route_name(request.route), args, &sent);
    deploy::TxSender sender(rpc, chain_id, recorder, options);
    auto out = deploy::run_deploy(rpc, sender, request);
    return finish(l, recorder.deployment(), std::move(out));
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
    if (out.ok()) report_executed_safe_tx(*out, sent);
    settled = recorder.settlements();
    return finish(l, recorded.seq, std::move(out));
}

}  // namespace suture::pipeline
