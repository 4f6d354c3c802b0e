// Deploy steps into the ledger (ledger_step_recorder.hpp).
#include "pipeline/ledger_step_recorder.hpp"

#include "core/hex.hpp"
#include "pipeline/fault_point.hpp"

namespace suture::pipeline {

LedgerStepRecorder::LedgerStepRecorder(ledger::Ledger& ledger, int64_t patch_id, std::string route, nlohmann::json args,
                                       deploy::MemoryRecorder* also)
    : ledger_(ledger), patch_id_(patch_id), route_(std::move(route)), args_(std::move(args)), also_(also) {}

LedgerStepRecorder::LedgerStepRecorder(ledger::Ledger& ledger, const RecordedDeployment& rec, deploy::MemoryRecorder* also)
    : ledger_(ledger), patch_id_(rec.plan.patch_id), route_(rec.plan.route), args_(rec.plan.args), also_(also),
      deployment_(rec.seq) {
    for (const auto& s : rec.steps) {
        recorded_[s.info.step_id] = {s.info.step_id, s.info.raw_tx, s.info.tx_hash, s.info.nonce};
        by_hash_[s.info.tx_hash] = {s.id, s.info.step_id, std::nullopt};
    }
    for (const auto& o : rec.outcomes)
        if (auto* k = known(o.info.tx_hash)) k->last = {{o.info.status, o.info.block_number}};
}

LedgerStepRecorder::Known* LedgerStepRecorder::known(const Bytes32& hash) {
    auto it = by_hash_.find(hash);
    return it == by_hash_.end() ? nullptr : &it->second;
}

std::string LedgerStepRecorder::take_id(const std::string& kind) {
    return route_ + "/" + kind + "/" + std::to_string(taken_[kind]++);
}

Status LedgerStepRecorder::starting(const deploy::DeployStart& start) {
    if (deployment_) return internal_error("deploy: the deployment was started twice");
    return ledger_.transaction([&]() -> Status {
        if (patch_id_ == 0) {
            SUTURE_TRY(p, ledger_.add_patch({std::nullopt, "deploy " + to_checksum(start.proxy) + " through route " + start.route, ""}));
            patch_id_ = p;
        }
        DeploymentPlan plan{patch_id_, start.route, start.proxy, start.implementation_before, start.mechanism, args_};
        SUTURE_TRY(seq, ledger_.append(kDeployPlanEvent, deployment_plan_json(plan)));
        deployment_ = seq;
        return {};
    });
}

Result<std::optional<deploy::RecordedStep>> LedgerStepRecorder::recorded(const deploy::TxRequest& req) {
    current_ = take_id(req.kind);
    auto it = recorded_.find(current_);
    if (it == recorded_.end()) return std::optional<deploy::RecordedStep>();
    return std::optional<deploy::RecordedStep>(it->second);
}

void LedgerStepRecorder::skipped(const std::string& kind) {
    auto id = take_id(kind);
    auto it = recorded_.find(id);
    if (it != recorded_.end()) settlements_.push_back({id, it->second.hash, "already done on chain; not sent again"});
}

Status LedgerStepRecorder::before_send(const deploy::TxRequest& req, const chain::SignedTransaction& tx) {
    if (!deployment_) return internal_error("deploy: " + req.step + " was about to be sent before the deployment was recorded");
    if (current_.empty()) current_ = take_id(req.kind);
    ledger::DeployStepInput in;
    in.patch_id = patch_id_;
    in.step_id = current_;
    in.description = req.step;
    in.nonce = tx.tx.nonce;
    in.raw_tx = tx.raw;
    in.tx_hash = tx.hash;
    // A failure here stops the send (tx_send.hpp): a step that cannot be recorded must not happen.
    SUTURE_TRY(row, ledger_.record_deploy_step(in));
    by_hash_[tx.hash] = {row, current_, std::nullopt};
    if (also_) SUTURE_CHECK(also_->before_send(req, tx));
    fault_point(current_, "before-send");
    current_.clear();
    return {};
}

void LedgerStepRecorder::after_broadcast(const deploy::TxRequest&, const Bytes32& hash) {
    if (const auto* k = known(hash)) fault_point(k->step_id, "after-send");
}

Status LedgerStepRecorder::recorded_state(const deploy::RecordedStep& step, deploy::RecordedTxState state) {
    auto* k = known(step.hash);
    if (!k) return internal_error("deploy: step " + step.id + " is not in the ledger");
    const char* name = deploy::recorded_tx_state_name(state);
    settlements_.push_back({step.id, step.hash, name});
    if (state != deploy::RecordedTxState::dropped && state != deploy::RecordedTxState::replaced) return {};
    SUTURE_TRY(id, ledger_.record_sent_transaction({k->row, step.hash, std::nullopt, name}));
    (void)id;
    k->last = {{name, std::nullopt}};
    return {};
}

Status LedgerStepRecorder::after_receipt(const deploy::SentTx& sent) {
    auto* k = known(sent.hash);
    if (!k) return internal_error("deploy: receipt for " + to_hex(sent.hash) + ", a transaction never recorded");
    const std::string status = sent.receipt.status ? "mined" : "reverted";
    if (recorded_.count(k->step_id)) {
        if (!settlements_.empty() && settlements_.back().hash == sent.hash)
            settlements_.back().state += ", sent again, " + status;  // the same raw bytes
        else
            settlements_.push_back({k->step_id, sent.hash, "already " + status});
    }
    const bool same = k->last && k->last->first == status && k->last->second == sent.receipt.block_number;
    if (!same) {
        SUTURE_TRY(id, ledger_.record_sent_transaction({k->row, sent.hash, sent.receipt.block_number, status}));
        (void)id;
        k->last = {{status, sent.receipt.block_number}};
    }
    if (also_) SUTURE_CHECK(also_->after_receipt(sent));
    fault_point(k->step_id, "after-receipt");
    return {};
}

}  // namespace suture::pipeline
