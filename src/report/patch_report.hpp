// The patch report: one model of a patch's whole history, read once from the
// ledger, that every output format renders (patch_render.hpp: Markdown, HTML,
// JSON, SARIF). The formats never read the ledger themselves, so they cannot
// disagree about what happened.
//
// The model says whether the ledger verified (`integrity`): a report of a
// tampered ledger is still produced, and every format puts that first.
// A section whose rows cannot be read (a row edited into nonsense) is left
// empty and named in `read_errors`, rather than failing the whole report.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/address.hpp"
#include "core/finding.hpp"
#include "core/result.hpp"
#include "ledger/approval.hpp"
#include "ledger/ledger.hpp"
#include "pipeline/gate_details.hpp"

namespace suture::report {

// One event of the patch's history, in ledger order.
struct TimelineEvent {
    int64_t seq = 0, time = 0;
    std::string kind;     // the audit event kind: "patch", "gate_run", "approval", ...
    std::string summary;  // one line in words
};

struct GateRunView {
    int64_t id = 0, seq = 0, time = 0;
    std::string gate, verdict;
    Bytes32 input_hash{};
    Findings findings;
    std::vector<std::string> unreadable_findings;  // entries that are not findings, as JSON text
    std::optional<pipeline::GateDetails> details;
    bool latest = false;  // the last run of this gate (what stands)
};

struct BehaviourDifferenceView {
    std::string gate;
    pipeline::BehaviourDifference difference;
};

struct ApprovalView {
    int64_t id = 0, seq = 0, time = 0;
    Address reviewer;
    Bytes32 digest{};
    std::string signature;  // 0x-hex r||s||v
    bool current = false;   // signs the patch's current digest
    bool valid = false;     // the signature recovers to the reviewer
    std::string standing;   // under the policy, when one was given ("counted", "not a reviewer", ...)
};

// One deploy step: a transaction sent to a node (deploy_steps and
// sent_transactions), or a message call committed to a local state file by
// the in-process EVM (a "deploy.state_file" event: no signed transaction, so
// no hash and no nonce).
struct TransactionView {
    int64_t step_row = 0, seq = 0, time = 0;  // step_row 0: a state-file step
    std::string step_id, description;
    std::optional<uint64_t> nonce;
    std::optional<Bytes32> tx_hash;
    std::string status;  // the last outcome recorded, "sent" when none is, "committed" in a state file
    std::optional<uint64_t> block;
};

struct LedgerIntegrity {
    bool intact = false;
    int64_t records = 0;
    Bytes32 head{};
    std::vector<std::string> problems;  // first: the first record that does not fit
};

struct ApprovalSummary {
    unsigned counted = 0, threshold = 0;
    std::vector<Address> missing;  // listed reviewers who have not signed
};

struct PatchReport {
    std::string ledger_path;
    LedgerIntegrity integrity;
    std::vector<std::string> read_errors;

    ledger::Patch patch;
    std::string status;  // "deployed", "deploying", "blocked by <gate>", "gates passed", "no gate run yet"
    std::optional<ledger::Incident> incident;
    std::optional<ledger::PatchDigestRecord> digest;  // the current one

    std::vector<TimelineEvent> timeline;
    std::vector<GateRunView> gates;  // every run, oldest first
    // From the latest run of each gate that recorded them (gate_details.hpp).
    std::vector<upgrade::LayoutRow> layout;
    std::vector<BehaviourDifferenceView> differences;
    std::vector<pipeline::AttackerGain> gains;
    std::vector<pipeline::StateFact> final_state;  // read after the deploy, else as the deploy recorded it

    std::vector<ApprovalView> approvals;
    std::optional<ApprovalSummary> approval_summary;  // with a policy
    std::vector<TransactionView> transactions;
    std::vector<pipeline::StateFact> state_deploy_facts;  // from the last state-file deploy
};

struct PatchReportOptions {
    std::optional<int64_t> patch_id;  // absent: the latest patch
    std::optional<ledger::Policy> policy;  // to count approvals (the manifest's [policy])
};

// Reads patch `opts.patch_id` and everything recorded about it, and verifies
// the ledger. Errors: no such patch, or a ledger that cannot be read at all.
Result<PatchReport> build_patch_report(ledger::Ledger& l, const PatchReportOptions& opts);

// A Unix time as "2026-12-02 22:33:12 UTC".
std::string utc_text(int64_t unix_seconds);

}  // namespace suture::report
