// The ledger: one SQLite file holding a patch's history (incidents, patches,
// patch digests, gate runs, approvals, deploy steps, sent transactions) and
// the hash-chained audit log of every event (audit_chain.hpp).
//
// Durability: WAL journal with synchronous=FULL, so a committed event
// survives a crash or power loss. Each write is one transaction (one fsync);
// transaction() groups many writes into one commit for throughput.
// Concurrency: opening for writing takes the writer lock (writer_lock.hpp)
// for the Ledger's lifetime; a second writer fails at once with a message
// naming the holder. Readers need no lock. A Ledger is used from one thread.
// Tampering: verify() recomputes the chain and compares every mirrored row
// with its audit record, and names the first record that does not fit.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "ledger/audit_chain.hpp"
#include "ledger/records.hpp"

namespace suture::ledger {

enum class Access { read, write };

// Which findings a gate run read back carries: all, or only the objects of
// severity "error" (selected in SQL, so a reader that tallies what blocks,
// such as `suture status`, does not parse the rest).
enum class FindingFilter { all, errors };

// One audit record, parsed for display.
struct LoggedEvent {
    int64_t seq = 0;
    std::string kind;
    int64_t time = 0;
    nlohmann::json data;
    Bytes32 hash{};
};

struct AuditHead {
    int64_t seq = 0;  // 0: empty log
    Bytes32 hash{};   // zero for the empty log
};

enum class TamperKind { edited, inserted, deleted, reordered };
const char* tamper_name(TamperKind k);

struct TamperFinding {
    int64_t seq = 0;  // the audit record named (for a table row: the record it claims)
    TamperKind kind = TamperKind::edited;
    std::string message;  // "record 17 (approval): ..."
};

struct VerifyReport {
    int64_t records = 0;
    AuditHead head;
    std::vector<TamperFinding> problems;  // sorted by seq; the first is the first bad record
    bool intact() const { return problems.empty(); }
};

class Ledger {
public:
    // Opens (for writing: creates and migrates) the ledger at `path`. Read
    // access needs an existing file at the current schema version.
    static Result<Ledger> open(const std::string& path, Access access);

    Ledger(Ledger&&) noexcept;
    Ledger& operator=(Ledger&&) noexcept;
    ~Ledger();

    const std::string& path() const;

    // Runs `body` as one write transaction: every write inside it commits
    // together (one fsync) or, when body fails, not at all. Nested calls
    // join the outermost transaction.
    Status transaction(const std::function<Status()>& body);

    // Appends a free-form event (a kind no table mirrors, e.g. "gate.started").
    // `data` must be canonical-JSON-able (no floats). Returns its seq.
    Result<int64_t> append(std::string_view kind, const nlohmann::json& data);

    Result<int64_t> open_incident(const IncidentInput& in);
    Result<std::vector<Incident>> incidents();
    Result<Incident> incident(int64_t id);

    Result<int64_t> add_patch(const PatchInput& in);
    Result<std::vector<Patch>> patches();

    Result<int64_t> record_patch_digest(int64_t patch_id, const PatchDigestInput& in);
    // The latest digest recorded for the patch (nullopt: none yet).
    Result<std::optional<PatchDigestRecord>> latest_patch_digest(int64_t patch_id);
    // The latest record of `digest` for any patch (nullopt: never recorded here).
    Result<std::optional<PatchDigestRecord>> find_patch_digest(const Bytes32& digest);

    Result<int64_t> record_gate_run(const GateRunInput& in);
    // An approval whose signature does not recover to its reviewer is refused.
    Result<int64_t> record_approval(const Approval& a, std::optional<int64_t> patch_id);
    // All approvals, or only those signing `digest`, oldest first.
    Result<std::vector<ApprovalRecord>> approvals(std::optional<Bytes32> digest = std::nullopt);
    Result<int64_t> record_deploy_step(const DeployStepInput& in);
    Result<int64_t> record_sent_transaction(const SentTransactionInput& in);

    // Reading one patch's history (ledger_queries.cpp), oldest first.
    Result<Patch> patch(int64_t id);
    Result<std::vector<GateRun>> gate_runs(int64_t patch_id);
    Result<std::vector<DeployStep>> deploy_steps(int64_t patch_id);
    // The outcomes recorded for the patch's deploy steps.
    Result<std::vector<SentTransaction>> sent_transactions(int64_t patch_id);
    // Every patch digest recorded for the patch (latest_patch_digest() is the last).
    Result<std::vector<PatchDigestRecord>> patch_digests(int64_t patch_id);
    // The latest run of each (patch, gate) and the latest digest of each
    // patch, of one patch or of all, in id order, one query each (`suture
    // status` over many patches reads only what stands, not the history).
    Result<std::vector<GateRun>> latest_gate_runs(std::optional<int64_t> patch_id = std::nullopt,
                                                  FindingFilter findings = FindingFilter::all);
    Result<std::vector<PatchDigestRef>> latest_patch_digests(std::optional<int64_t> patch_id = std::nullopt);

    // Audit records with seq > after, at most `limit`, in order.
    Result<std::vector<LoggedEvent>> log(int64_t after = 0, int64_t limit = INT64_MAX);
    Result<AuditHead> head();
    Result<VerifyReport> verify();

    struct Impl;

private:
    explicit Ledger(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace suture::ledger
