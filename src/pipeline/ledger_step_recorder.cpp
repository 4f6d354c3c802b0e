// Deploy steps into the ledger (ledger_step_recorder.hpp).
#include "pipeline/ledger_step_recorder.hpp"

#include "core/hex.hpp"

namespace suture::pipeline {

LedgerStepRecorder::LedgerStepRecorder(ledger::Ledger& ledger, int64_t patch_id, std::string route)
    : ledger_(ledger), patch_id_(patch_id), route_(std::move(route)) {}

std::string LedgerStepRecorder::next_step_id() const { return route_ + "/" + std::to_string(index_); }

Status LedgerStepRecorder::before_send(const deploy::TxRequest& req, const chain::SignedTransaction& tx) {
    ledger::DeployStepInput in;
    in.patch_id = patch_id_;
    in.step_id = next_step_id();
    in.description = req.step;
    in.nonce = tx.tx.nonce;
    in.raw_tx = tx.raw;
    in.tx_hash = tx.hash;
    // A failure here stops the send (tx_send.hpp): a step that cannot be recorded must not happen.
    SUTURE_TRY(id, ledger_.record_deploy_step(in));
    step_of_hash_[tx.hash] = id;
    ++index_;
    return {};
}

Status LedgerStepRecorder::after_receipt(const deploy::SentTx& sent) {
    auto it = step_of_hash_.find(sent.hash);
    if (it == step_of_hash_.end())
        return internal_error("deploy: receipt for " + to_hex(sent.hash) + ", a transaction never recorded");
    ledger::SentTransactionInput in;
    in.deploy_step_id = it->second;
    in.tx_hash = sent.hash;
    in.block_number = sent.receipt.block_number;
    in.status = sent.receipt.status ? "mined" : "reverted";
    SUTURE_TRY(id, ledger_.record_sent_transaction(in));
    (void)id;
    return {};
}

}  // namespace suture::pipeline
