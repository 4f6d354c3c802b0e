// What the ledger stores besides the audit chain: one struct per mirrored
// table (ledger_tables.hpp). Ids are the tables' row ids; `seq` is the audit
// record that added the row and `time` its Unix time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/bytes.hpp"
#include "ledger/approval.hpp"
#include "ledger/patch_digest.hpp"

namespace suture::ledger {

struct IncidentInput {
    std::string title;
    std::string severity = "high";  // low, medium, high, critical
    std::string description;
};

struct Incident {
    int64_t id = 0, seq = 0, time = 0;
    IncidentInput info;
};

struct PatchInput {
    std::optional<int64_t> incident_id;
    std::string name;
    std::string manifest;  // path of the suture.toml it was made from
};

struct Patch {
    int64_t id = 0, seq = 0, time = 0;
    PatchInput info;
};

struct PatchDigestRecord {
    int64_t id = 0, seq = 0, time = 0;
    int64_t patch_id = 0;
    Bytes32 digest{};
    PatchDigestInput inputs;
};

// The digest a patch stands at, its inputs not read: what `suture status`
// needs. The stored inputs are parsed and re-hashed by the readers of whole
// PatchDigestRecords (approve, deploy readiness) and by `log verify`.
struct PatchDigestRef {
    int64_t patch_id = 0;
    Bytes32 digest{};
};

// verdict: "pass", "fail", "error" or "skipped".
struct GateRunInput {
    int64_t patch_id = 0;
    std::string gate;        // check, exploit, replay, fuzz, invariants, ...
    Bytes32 input_hash{};    // hash of everything the gate read
    std::string verdict;
    nlohmann::json findings = nlohmann::json::array();  // integers and strings only (canonical JSON)
};

struct GateRun {
    int64_t id = 0, seq = 0, time = 0;
    GateRunInput info;
};

struct ApprovalRecord {
    int64_t id = 0, seq = 0, time = 0;
    std::optional<int64_t> patch_id;
    Approval approval;
};

// Written before the transaction is sent (exactly-once resume).
struct DeployStepInput {
    int64_t patch_id = 0;
    std::string step_id;      // stable: route/kind/index
    std::string description;
    uint64_t nonce = 0;
    Bytes raw_tx;
    Bytes32 tx_hash{};
};

struct DeployStep {
    int64_t id = 0, seq = 0, time = 0;
    DeployStepInput info;
};

// status: "mined", "reverted", "replaced" or "dropped".
struct SentTransactionInput {
    int64_t deploy_step_id = 0;
    Bytes32 tx_hash{};
    std::optional<uint64_t> block_number;
    std::string status;
};

struct SentTransaction {
    int64_t id = 0, seq = 0, time = 0;
    SentTransactionInput info;
};

}  // namespace suture::ledger
