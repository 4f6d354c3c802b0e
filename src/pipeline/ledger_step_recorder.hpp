// deploy::StepRecorder over the ledger: a deploy's transactions recorded
// before they leave the process (step id, nonce, raw signed bytes, hash) and
// their outcome after the receipt, so `suture resume` can ask the chain about
// each recorded step instead of sending it again. Lives in pipeline because
// the ledger must not depend on deploy (DESIGN.md "Seams").
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

#include "deploy/tx_send.hpp"
#include "ledger/ledger.hpp"

namespace suture::pipeline {

class LedgerStepRecorder : public deploy::StepRecorder {
public:
    // `ledger` (open for writing) must outlive the recorder.
    LedgerStepRecorder(ledger::Ledger& ledger, int64_t patch_id, std::string route);

    // Records deploy_steps row "<route>/<index>" (index: 0, 1, ... in sending order).
    Status before_send(const deploy::TxRequest& req, const chain::SignedTransaction& tx) override;
    // Records a sent_transactions row: "mined" or "reverted", with the block.
    Status after_receipt(const deploy::SentTx& sent) override;

    // The stable id of the next step: route and position in the route's plan.
    std::string next_step_id() const;

private:
    ledger::Ledger& ledger_;
    int64_t patch_id_;
    std::string route_;
    int index_ = 0;
    std::unordered_map<Bytes32, int64_t, Bytes32Hash> step_of_hash_;
};

}  // namespace suture::pipeline
