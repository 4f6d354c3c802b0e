// deploy::StepRecorder over the ledger: a deploy's transactions recorded
// before they leave the process (step id, nonce, raw signed bytes, hash) and
// their outcome after the receipt, so `suture resume` can ask the chain about
// each recorded step instead of sending it again. Lives in pipeline because
// the ledger must not depend on deploy (DESIGN.md "Seams").
//
// Step ids are stable: "<route>/<kind>/<n>", the n-th step of that kind in
// the deployment (timelock/implementation/0, timelock/schedule/0,
// timelock/execute/0; a rollback's schedule is timelock/schedule/1). A route
// run again on resume asks for its steps in the same order, so each request
// meets the record of the same step.
//
// Each boundary (recorded, broadcast, receipt recorded) is a fault point
// (fault_point.hpp) for the crash tests.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "deploy/tx_send.hpp"
#include "ledger/ledger.hpp"
#include "pipeline/deployment_record.hpp"

namespace suture::pipeline {

// What resume found of one recorded step.
struct StepSettlement {
    std::string step_id;
    Bytes32 hash{};
    std::string state;  // "already mined", "dropped, sent again, mined", "replaced"
};

class LedgerStepRecorder : public deploy::StepRecorder {
public:
    // A new deployment of `patch_id` (0: starting() adds a patch for it, so a
    // deployment the gates refuse leaves nothing behind): starting() writes its
    // deploy.plan record with `args`. `ledger` (open for writing) must outlive the recorder;
    // `also` (optional) receives every step too (what the CLI reports).
    LedgerStepRecorder(ledger::Ledger& ledger, int64_t patch_id, std::string route, nlohmann::json args = nlohmann::json::object(),
                       deploy::MemoryRecorder* also = nullptr);
    // Continuing `recorded`: its steps are offered back to the route (recorded()).
    LedgerStepRecorder(ledger::Ledger& ledger, const RecordedDeployment& recorded, deploy::MemoryRecorder* also = nullptr);

    Status starting(const deploy::DeployStart& start) override;
    Result<std::optional<deploy::RecordedStep>> recorded(const deploy::TxRequest& req) override;
    void skipped(const std::string& kind) override;
    // Records deploy_steps row <route>/<kind>/<n>.
    Status before_send(const deploy::TxRequest& req, const chain::SignedTransaction& tx) override;
    void after_broadcast(const deploy::TxRequest& req, const Bytes32& hash) override;
    // Records a sent_transactions row "dropped" or "replaced".
    Status recorded_state(const deploy::RecordedStep& step, deploy::RecordedTxState state) override;
    // Records a sent_transactions row: "mined" or "reverted", with the block
    // (not again when the step's last outcome already says so).
    Status after_receipt(const deploy::SentTx& sent) override;

    // The deploy.plan record (0 until starting()).
    int64_t deployment() const { return deployment_; }
    // Resume: each recorded step the route came to, and what the chain said.
    const std::vector<StepSettlement>& settlements() const { return settlements_; }

private:
    struct Known {
        int64_t row = 0;  // deploy_steps id
        std::string step_id;
        std::optional<std::pair<std::string, std::optional<uint64_t>>> last;  // status, block
    };
    std::string take_id(const std::string& kind);
    Known* known(const Bytes32& hash);

    ledger::Ledger& ledger_;
    int64_t patch_id_;
    std::string route_;
    nlohmann::json args_;
    deploy::MemoryRecorder* also_;
    int64_t deployment_ = 0;
    std::map<std::string, int> taken_;                       // steps of each kind so far
    std::string current_;                                    // id of the step being sent
    std::map<std::string, deploy::RecordedStep> recorded_;   // resume: by step id
    std::unordered_map<Bytes32, Known, Bytes32Hash> by_hash_;
    std::vector<StepSettlement> settlements_;
};

}  // namespace suture::pipeline
